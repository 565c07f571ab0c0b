// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk left alone for a day's worth of customers: 10,000 scripted scans into the real kiosk (KioskComposition
// and KioskMain.qml in a window, offscreen), most from the hand scanner and one in ten as camera frames through the
// decoder process, with one frame in 500 a picture that aborts Debian's ZXing (the decoder restarts: that frame is
// lost, the next is read). Customers look at products, show their cards, fill a basket, scan what is no product
// (web links, hand-off codes of other shops, huge and binary payloads) and walk away.
//
// What it found: a list whose model is a QVariantList makes its delegates anew at every change, and Qt Quick 6.4
// does not give all of that memory back (about 8 KiB a scan with buttons in the delegates), so the basket is a list
// model and the nearby stores one label. (QQuickWindow::grabWindow in the offscreen platform leaks too, so the
// soak waits for each frame to be drawn rather than grabbing it.)
//
// It prints the process's resident memory (VmRSS) after the window is up, after the first 1,000 scans (caches
// warm) and after all 10,000, and the time from a scan to the screen showing it, beside a floor in the same run: the
// same barcodes priced by plain SQLite (one prepared statement). Run it with:
//   QT_QPA_PLATFORM=offscreen build-ci/bench/bench_kiosk_soak [scans]
#include "app/kiosk/kioskcomposition.h"

#include "core/catalog/demodata.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/kiosk/kiosksession.h"
#include "core/scan/decoderclient.h"
#include "core/scan/scanservice.h"
#include "core/storage/database.h"
#include "support/scansupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSoakNow = 1795341600000;

qint64 rssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}
} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(u"Basic"_s);
    const int scans = argc > 1 ? std::max(100, QString::fromLatin1(argv[1]).toInt()) : 10'000;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"kiosk.db"_s);
    QStringList barcodes;
    QStringList cards;
    {
        auto db = Database::open(path);
        if (!db || !DemoCatalog::seed(**db, omnitill::DemoOptions { 5000, 42, kSoakNow }).ok()
            || !writeMeta((*db)->connection(), u"store_code"_s, u"S001"_s).ok())
            return 2;
        for (const Customer &c : DemoCustomers::make(200, kSoakNow).customers) {
            if (!CustomerStore::applyRow(**db, c.id, c.toRow()).ok())
                return 2;
            if (!c.cards.isEmpty())
                cards.append(u"LOYALTY:"_s + c.cards.first());
        }
        QSqlQuery q((*db)->connection());
        q.exec(u"SELECT code FROM barcode WHERE length(code) = 13 ORDER BY code LIMIT 2000"_s);
        while (q.next())
            barcodes.append(q.value(0).toString());
        q.exec(u"INSERT INTO stream_row (stream, key, body) SELECT 'stock', v.sku || '|S001', "
               "json_object('sku', v.sku, 'store', 'S001', 'on_hand_milli', (v.id % 40) * 1000, 'as_of_ms', "
               "1795338000000) FROM variant v"_s);
        q.exec(u"INSERT INTO stream_row (stream, key, body) SELECT 'stock', v.sku || '|S002', "
               "json_object('sku', v.sku, 'store', 'S002', 'on_hand_milli', (v.id % 7) * 1000) FROM variant v"_s);
        q.exec(
            uR"(INSERT INTO stream_row (stream, key, body) VALUES ('config', 'kiosk.nearby_stores', '{"value": ["S002"]}'))"_s);
    }
    qint64 now = kSoakNow;
    auto kiosk = KioskComposition::create(
        KioskComposition::Options { path, *Currency::fromCode(u"EUR"), 0, QStringLiteral(OMNITILL_DECODER_BIN) },
        [&now] { return now; });
    if (!kiosk) {
        std::fprintf(stderr, "kiosk: %s\n", qPrintable(kiosk.error().message));
        return 2;
    }
    (*kiosk)->publishToQml();
    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s);
    engine.load(QUrl(u"qrc:/qt/qml/OmniTill/KioskMain.qml"_s));
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window || !QTest::qWaitForWindowExposed(window, 10000))
        return 2;
    int rendered = 0;
    QObject::connect(window, &QQuickWindow::afterRendering, [&rendered] { ++rendered; });
    KioskSession &session = (*kiosk)->session();
    ScanService &scanner = (*kiosk)->scanService();
    (*kiosk)->decoder().start();

    // The camera's frames: products and a Digital Link QR, and the picture that aborts ZXing 1.4 (Fresh mode).
    const Shot clean = standardShots().at(0);
    const LumaFrame eanFrame = toLuma(cameraImage(loadSymbol(u"ean13.png"_s), clean));
    const LumaFrame qrFrame = toLuma(cameraImage(loadSymbol(u"qr-digital-link.png"_s), clean));
    const LumaFrame abortFrame = toLuma(cameraImage(loadSymbol(u"databar-omni.png"_s), standardShots().at(11)));
    const QStringList junk { u"https://evil.example/phish?x=1"_s, QString(3000, u'7'), u"\u0001\u0002bin"_s,
        u"https://other-shop.example/h/ABCDEFGHJKMNPQRSTVWXYZ0123"_s, u"LOYALTY:9999999999999"_s, u"4006381333932"_s };

    DecoderClient &decoder = (*kiosk)->decoder();
    int framesDone = 0;
    int restarts = 0;
    QObject::connect(&decoder, &DecoderClient::frameDone, [&framesDone] { ++framesDone; });
    QObject::connect(&decoder, &DecoderClient::restarted, [&restarts] { ++restarts; });
    int shown = 0;
    QObject::connect(&session, &KioskSession::changed, [&shown] { ++shown; });
    QRandomGenerator random(7);
    std::vector<double> scanMs;
    int frames = 0;
    int framesRead = 0; // codes held up that reached the screen
    int aborts = 0;
    const auto waitFor = [&](const std::function<bool()> &done, int ms) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return done();
    };
    // Each customer: a few products, sometimes a card, sometimes something that is no product; then gone.
    const qint64 rssStart = rssKb();
    qint64 rssWarm = 0;
    for (int i = 0; i < scans; ++i) {
        now += 2500; // the same code again is a new scan, not the camera seeing it twice
        if (i == 1000)
            rssWarm = rssKb();
        if (i % 20 == 19) { // the customer walks away
            now += 61'000;
            session.checkIdle();
        }
        if (i % 10 == 5) { // the camera: a pack held up (a linear code counts when two frames agree), or a QR
            const bool abort = i % 500 == 5;
            aborts += abort ? 1 : 0;
            const int before = shown;
            const LumaFrame &frame = abort ? abortFrame : (i % 20 == 5 ? eanFrame : qrFrame);
            for (int f = 0; f < (abort ? 1 : 2) && shown == before; ++f) {
                ++frames;
                waitFor([&] { return decoder.isRunning(); }, 10000);
                const int answered = framesDone + restarts;
                if (!scanner.offerFrame(frame, abort ? ScanMode::Fresh : ScanMode::Retail, centreRoi(1280, 720, 0.6)))
                    continue;
                waitFor([&] { return framesDone + restarts > answered; }, 10000);
                waitFor([&] { return shown > before; }, 50);
            }
            framesRead += shown > before ? 1 : 0;
            continue;
        }
        QString code;
        const int kind = int(random.bounded(10));
        if (kind < 6)
            code = barcodes[int(random.bounded(barcodes.size()))];
        else if (kind < 8)
            code = cards[int(random.bounded(cards.size()))];
        else
            code = junk[int(random.bounded(junk.size()))];
        const int before = shown;
        QElapsedTimer t;
        t.start();
        scanner.submitKeyboard(code);
        waitFor([&] { return shown > before; }, 2000);
        const int frame = rendered; // until the frame the customer sees is drawn
        waitFor([&] { return rendered > frame; }, 1000);
        scanMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (kind < 6 && i % 3 == 0)
            session.addToBasket();
    }
    const qint64 rssEnd = rssKb();

    // The floor: the same barcodes priced by plain SQLite, one statement prepared once.
    sqlite3 *raw = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(raw,
        "SELECT v.sku, p.name, pr.amount_minor FROM barcode b JOIN variant v ON v.id = b.variant_id "
        "JOIN product p ON p.id = v.product_id JOIN price pr ON pr.variant_id = v.id AND pr.currency = 'EUR' "
        "AND pr.valid_from_ms <= ?2 AND (pr.valid_to_ms IS NULL OR pr.valid_to_ms > ?2) WHERE b.code = ?1 "
        "ORDER BY pr.valid_from_ms DESC LIMIT 1",
        -1, &stmt, nullptr);
    std::vector<double> floorMs;
    for (int i = 0; i < 5000; ++i) {
        const QByteArray code = barcodes[int(random.bounded(barcodes.size()))].toLatin1();
        QElapsedTimer t;
        t.start();
        sqlite3_bind_text(stmt, 1, code.constData(), int(code.size()), SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, now);
        while (sqlite3_step(stmt) == SQLITE_ROW) { }
        sqlite3_reset(stmt);
        floorMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(raw);

    std::printf("kiosk soak: %d scans (%d camera frames, %d of them aborting ZXing)\n", scans, frames, aborts);
    std::printf("RSS after start %lld KiB, after 1,000 scans %lld KiB, after %d scans %lld KiB (growth after "
                "warm-up %+lld KiB)\n",
        rssStart, rssWarm, scans, rssEnd, rssEnd - rssWarm);
    std::printf("camera: %d frames offered for %d codes held up, %d codes read; the decoder restarted %d times "
                "(%lld crashes)\n",
        frames, scans / 10, framesRead, restarts, decoder.stats().crashes);
    std::printf("frames drawn %d\n", rendered);
    std::printf("scan to screen drawn p50 %.2f ms p99 %.2f ms; floor (plain SQLite price) p50 %.4f ms p99 %.4f ms\n",
        percentile(scanMs, 0.5), percentile(scanMs, 0.99), percentile(floorMs, 0.5), percentile(floorMs, 0.99));
    return 0;
}
