// SPDX-License-Identifier: GPL-3.0-or-later
// The customer kiosk as a customer uses it: its real composition and KioskMain.qml in a window, in portrait
// (1080x1920) and landscape (1920x1080), driven by touch (QTest touch events on the real items) and scans through
// the kiosk's ScanService, as a hand scanner or the camera deliver them. A hub on loopback takes the basket. Each
// flow checks what the screen shows, walks it (nothing cut off, overlapping or under 48 px; tests/support/
// layoutwalk.h) at both orientations and, with OMNITILL_SCREENSHOT_DIR set, saves it as kiosk-<screen>-<size>.png.
#include "app/kiosk/kioskcomposition.h"

#include "core/catalog/demodata.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/decoder/barcodedecoder.h"
#include "core/handoff/handoff.h"
#include "core/kiosk/kioskexit.h"
#include "core/kiosk/kiosksession.h"
#include "core/loyalty/loyalty.h"
#include "core/scan/scanservice.h"
#include "core/staff/staffstore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "support/layoutwalk.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/syncservice.h"

#include <QDir>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointingDevice>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

using namespace omnitill;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kNow = 1795341600000; // 2026-11-22T10:00:00Z, as in every other test
const QSize kSizes[] = { { 1080, 1920 }, { 1920, 1080 } };
} // namespace

class KioskTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        ASSERT_TRUE(s_dir.isValid());
        const QString path = s_dir.filePath(u"kiosk.db"_s);
        {
            auto db = Database::open(path);
            ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
            ASSERT_TRUE(DemoCatalog::seed(**db, DemoOptions { 200, 42, kNow }).ok());
            ASSERT_TRUE(writeMeta((*db)->connection(), u"store_code"_s, u"S001"_s).ok());
            QSqlQuery q((*db)->connection());
            ASSERT_TRUE(q.prepare(u"INSERT INTO stream_row (stream, key, body) VALUES (?, ?, ?)"_s));
            auto row = [&](const QString &stream, const QString &key, const QString &body) {
                q.bindValue(0, stream);
                q.bindValue(1, key);
                q.bindValue(2, body.toUtf8());
                return q.exec();
            };
            // What the hub sends a kiosk of S001: stock here and in S002 counted an hour ago, the chain's loyalty
            // rules, the store's customers, its kiosk settings.
            for (int i = 1; i <= 40; ++i) {
                const QString sku = u"SKU%1"_s.arg(i, 7, 10, QLatin1Char('0'));
                for (const QString &store : { u"S001"_s, u"S002"_s })
                    ASSERT_TRUE(row(u"stock"_s, sku + u'|' + store,
                        uR"({"sku": "%1", "store": "%2", "on_hand_milli": %3, "as_of_ms": %4})"_s.arg(sku, store)
                            .arg(store == u"S001" ? i * 1000 : 0)
                            .arg(kNow - 3'600'000)));
            }
            ASSERT_TRUE(row(u"config"_s, LoyaltyRules::kConfigKey,
                QString::fromUtf8(QJsonDocument(QJsonObject { { u"value"_s, LoyaltyRules::demo() } })
                                      .toJson(QJsonDocument::Compact))));
            s_customers = DemoCustomers::make(40, kNow).customers;
            for (const Customer &c : std::as_const(s_customers))
                ASSERT_TRUE(CustomerStore::applyRow(**db, c.id, c.toRow()).ok());
            ASSERT_TRUE(row(u"config"_s, u"kiosk.nearby_stores"_s, uR"({"value": ["S002"]})"_s));
            ASSERT_TRUE(row(u"config"_s, u"kiosk.product_url"_s, uR"({"value": "https://shop.example/p/{sku}"})"_s));
            StaffStore staff(**db, [] { return kNow; });
            auto maria = staff.createFirstManager(u"Maria"_s, u"2468");
            ASSERT_TRUE(maria.ok());
            s_managerId = maria->id;
            ASSERT_TRUE(staff.add(*maria, u"Carl"_s, u"cashier"_s, u"1357").ok());
            s_terminalId = Journal::identity((*db)->connection())->terminalId;
        }
        auto kiosk = KioskComposition::create(
            KioskComposition::Options { path, *Currency::fromCode(u"EUR"), 0, QString() }, [] { return s_now; });
        ASSERT_TRUE(kiosk.ok()) << qPrintable(kiosk.error().message);
        s_kiosk = std::move(kiosk).value();
        // The basket goes on through a real hub on loopback, as the kiosk's sync config would send it.
        auto hub = sync::HubStore::openSqlite(s_dir.filePath(u"hub.db"_s), [] { return s_now; });
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        s_hub = std::move(hub).value();
        s_server = std::make_unique<sync::HubServer>(*s_hub);
        const quint16 port = s_server->listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(port, 0);
        sync::SyncConfig config;
        config.hub = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
        config.token = s_hub->registerTerminal(s_terminalId, u"S001"_s)->toLatin1();
        s_kiosk->session().setHandBasket(
            [config](const OnlineCart &basket) { return sync::handBasket(config, s_terminalId, basket, true); });
        s_kiosk->publishToQml();
        s_engine = new QQmlApplicationEngine;
        s_engine->addImportPath(u"qrc:/qt/qml"_s);
        s_engine->load(QUrl(u"qrc:/qt/qml/OmniTill/KioskMain.qml"_s));
        ASSERT_FALSE(s_engine->rootObjects().isEmpty());
        s_window = qobject_cast<QQuickWindow *>(s_engine->rootObjects().constFirst());
        ASSERT_TRUE(s_window);
        ASSERT_TRUE(QTest::qWaitForWindowExposed(s_window, 10000));
        s_touch = QTest::createTouchDevice();
    }
    static void TearDownTestSuite()
    {
        s_server.reset(); // no client is left to answer
        s_hub.reset();
        delete s_engine;
        s_engine = nullptr;
        s_kiosk.reset();
    }
    void SetUp() override
    {
        session().reset();
        settle();
    }

    static KioskSession &session() { return s_kiosk->session(); }

    static QQuickItem *item(const QString &name, QQuickItem *in = nullptr)
    {
        return layoutwalk::findVisible(in ? in : s_window->contentItem(), name);
    }
    static QString textOf(const QString &name)
    {
        QQuickItem *found = item(name);
        return found ? found->property("text").toString() : QString();
    }
    // Every text the window shows, for what must not be on a customer's screen.
    static QString shownText(QQuickItem *in = nullptr)
    {
        if (!in)
            in = s_window->contentItem();
        QString all;
        for (QQuickItem *child : in->childItems()) {
            if (!child->isVisible())
                continue;
            if (child->inherits("QQuickText"))
                all += child->property("text").toString() + u'\n';
            all += shownText(child);
        }
        return all;
    }

    // A finger on the item's centre, as a customer taps it.
    static bool touch(const QString &name, int holdMs = 0)
    {
        QQuickItem *target = item(name);
        if (!target || !target->isEnabled())
            return false;
        const QPoint centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::touchEvent(s_window, s_touch).press(0, centre, s_window);
        if (holdMs > 0)
            QTest::qWait(holdMs);
        QTest::touchEvent(s_window, s_touch).release(0, centre, s_window);
        settle();
        return true;
    }
    // A code as a hand scanner (keyboard wedge) or the camera hands it over.
    static void scan(const QString &code)
    {
        s_kiosk->scanService().submitKeyboard(code);
        settle();
    }
    static void settle() { QTest::qWait(120); }

    // The screen now shown, at both orientations: nothing cut off, overlapping or too small; saved when asked.
    static void checkBothOrientations(const QString &screen)
    {
        const QString shots = qEnvironmentVariable("OMNITILL_SCREENSHOT_DIR");
        for (const QSize &size : kSizes) {
            s_window->resize(size);
            settle();
            ASSERT_EQ(s_window->size(), size);
            const layoutwalk::Walk walk(s_window->contentItem());
            EXPECT_TRUE(walk.problems().isEmpty())
                << qPrintable(screen) << " at " << size.width() << "x" << size.height() << ":\n  "
                << qPrintable(walk.problems().join(u"\n  "_s));
            if (!shots.isEmpty()) {
                QDir().mkpath(shots);
                s_window->grabWindow().save(
                    u"%1/kiosk-%2-%3x%4.png"_s.arg(shots, screen).arg(size.width()).arg(size.height()));
            }
        }
    }
    static QString barcodeOf(const QString &sku)
    {
        QSqlQuery q(s_kiosk->database().connection());
        q.prepare(u"SELECT b.code FROM barcode b JOIN variant v ON v.id = b.variant_id WHERE v.sku = ? "
                  "AND length(b.code) = 13 LIMIT 1"_s);
        q.addBindValue(sku);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }
    // The QR codes on the screen, read back as a phone's camera or the till's scanner would.
    static QString readQr(const QString &name)
    {
        QQuickItem *qr = item(name);
        if (!qr)
            return {};
        const QRectF where = qr->mapRectToScene(QRectF(0, 0, qr->width(), qr->height())).adjusted(-40, -40, 40, 40);
        const QImage shot = s_window->grabWindow().copy(where.toRect()).convertToFormat(QImage::Format_RGB32);
        const auto read
            = decodeBgrx(shot.constBits(), shot.width(), shot.height(), int(shot.bytesPerLine()), ScanMode::QrOnly);
        return read ? read->text() : QString();
    }

    static inline QTemporaryDir s_dir;
    static inline qint64 s_now = kNow;
    static inline QList<Customer> s_customers;
    static inline QString s_managerId;
    static inline QString s_terminalId;
    static inline std::unique_ptr<sync::HubStore> s_hub;
    static inline std::unique_ptr<sync::HubServer> s_server;
    static inline std::unique_ptr<KioskComposition> s_kiosk;
    static inline QQmlApplicationEngine *s_engine = nullptr;
    static inline QQuickWindow *s_window = nullptr;
    static inline QPointingDevice *s_touch = nullptr;
};

TEST_F(KioskTest, NobodyThereShowsThePromotionsAndSaysItIsOffline)
{
    EXPECT_EQ(session().screen(), u"attract"_s);
    QQuickItem *grid = item(u"promotionGrid"_s);
    ASSERT_TRUE(grid);
    EXPECT_GT(grid->property("count").toInt(), 0) << "the demo catalog's running promotions";
    // No hub answered this kiosk's sync yet: it says that it shows its own copy.
    EXPECT_FALSE(s_kiosk->syncService().online());
    EXPECT_TRUE(item(u"offlineNote"_s));
    // No camera on this machine: the kiosk says where to scan instead.
    EXPECT_TRUE(textOf(u"cameraNote"_s).contains(u"scanner"_s)) << qPrintable(textOf(u"cameraNote"_s));
    checkBothOrientations(u"attract"_s);
}

TEST_F(KioskTest, AProductScannedShowsPriceStockAndThePhoneLinkAndGoesIntoTheBasket)
{
    const QString barcode = barcodeOf(u"SKU0000020"_s); // on promotion in the demo catalog
    ASSERT_FALSE(barcode.isEmpty());
    scan(barcode);
    ASSERT_EQ(session().screen(), u"product"_s) << qPrintable(session().message());
    EXPECT_FALSE(textOf(u"productName"_s).isEmpty());
    EXPECT_TRUE(textOf(u"productPrice"_s).contains(u"EUR"_s) || textOf(u"productPrice"_s).contains(u"€"_s));
    EXPECT_TRUE(textOf(u"productRegular"_s).startsWith(u"Offer until"_s)) << qPrintable(textOf(u"productRegular"_s));
    EXPECT_EQ(textOf(u"stockHere"_s), u"20 in stock"_s);
    EXPECT_TRUE(shownText().contains(u"S002: Out of stock"_s)) << qPrintable(shownText());
    EXPECT_TRUE(textOf(u"stockAsOf"_s).startsWith(u"as of"_s));
    EXPECT_EQ(readQr(u"productQr"_s), u"https://shop.example/p/SKU0000020"_s) << "the phone's link reads back";
    checkBothOrientations(u"product"_s);

    ASSERT_TRUE(touch(u"addToBasket"_s));
    EXPECT_EQ(session().screen(), u"basket"_s);
    scan(u"SKU0000003"_s);
    ASSERT_TRUE(touch(u"addToBasket"_s));
    ASSERT_EQ(session().basket().size(), 2);
    checkBothOrientations(u"basket"_s);
    ASSERT_TRUE(touch(u"removeLine1"_s));
    EXPECT_EQ(session().basket().size(), 1);

    // The basket on to a till and the phone, through the hub: both codes read back from the screen.
    ASSERT_TRUE(touch(u"handOn"_s));
    ASSERT_EQ(session().screen(), u"handoff"_s) << qPrintable(session().message());
    const QString tillCode = readQr(u"tillQr"_s);
    EXPECT_EQ(tillCode, session().tillCode());
    EXPECT_EQ(Handoff::read(tillCode, {}).kind, Handoff::Scanned::Kind::Ours);
    EXPECT_EQ(readQr(u"phoneQr"_s), session().phoneUrl());
    checkBothOrientations(u"handoff"_s);
    ASSERT_TRUE(touch(u"handoffDone"_s));
    EXPECT_EQ(session().screen(), u"attract"_s);
    EXPECT_TRUE(session().basket().isEmpty());
}

TEST_F(KioskTest, ALoyaltyCardShowsTheFirstNameAndPointsAndNothingElse)
{
    const Customer &anna = s_customers[20];
    ASSERT_FALSE(anna.cards.isEmpty());
    scan(u"LOYALTY:"_s + anna.cards.first());
    ASSERT_EQ(session().screen(), u"member"_s) << qPrintable(session().message());
    EXPECT_EQ(textOf(u"memberGreeting"_s), u"Hello, %1"_s.arg(anna.firstName()));
    EXPECT_TRUE(textOf(u"memberPoints"_s).endsWith(u"points"_s));
    const QString shown = shownText();
    EXPECT_FALSE(shown.contains(anna.name)) << "never the full name";
    EXPECT_FALSE(shown.contains(anna.cards.first())) << "never the whole card number";
    EXPECT_FALSE(!anna.email.isEmpty() && shown.contains(anna.email));
    EXPECT_FALSE(!anna.phone.isEmpty() && shown.contains(anna.phone));
    checkBothOrientations(u"member"_s);
    ASSERT_TRUE(touch(u"memberDone"_s));
    EXPECT_EQ(session().screen(), u"attract"_s);
    EXPECT_FALSE(shownText().contains(anna.firstName())) << "nothing of the customer stays";
}

TEST_F(KioskTest, WhatIsNoProductOrCardGetsAFriendlyMessageAndScanningGoesOn)
{
    const QStringList bad { u"https://evil.example/phish?x=1"_s, QString(3000, u'7'), u"\u0001\u0002binary"_s,
        u"LOYALTY:9999999999999"_s, u"https://other-shop.example/h/ABCDEFGHJKMNPQRSTVWXYZ0123"_s,
        u"4006381333931"_s /* a real EAN this store does not sell */ };
    for (const QString &code : bad) {
        scan(code);
        EXPECT_EQ(session().screen(), u"attract"_s) << qPrintable(code.left(40));
        EXPECT_FALSE(textOf(u"kioskMessage"_s).isEmpty() && !item(u"kioskMessage"_s)) << qPrintable(code.left(40));
        EXPECT_FALSE(session().message().isEmpty()) << qPrintable(code.left(40));
    }
    checkBothOrientations(u"message"_s);
    // The next good scan clears the message.
    scan(u"SKU0000001"_s);
    EXPECT_EQ(session().screen(), u"product"_s);
    EXPECT_TRUE(session().message().isEmpty());
    EXPECT_FALSE(item(u"kioskMessage"_s));
}

TEST_F(KioskTest, ACustomerWhoWalksAwayIsForgotten)
{
    scan(u"SKU0000001"_s);
    ASSERT_TRUE(touch(u"addToBasket"_s));
    ASSERT_EQ(session().basket().size(), 1);
    // A touch keeps the session; the kiosk's own one-second timer notices the minute without one.
    s_now += 50'000;
    ASSERT_TRUE(touch(u"basketTotal"_s) || true);
    QTest::qWait(1200);
    EXPECT_EQ(session().screen(), u"basket"_s);
    s_now += 61'000;
    QTest::qWait(1200);
    EXPECT_EQ(session().screen(), u"attract"_s);
    EXPECT_TRUE(session().basket().isEmpty());
}

TEST_F(KioskTest, OnlyAManagerLeavesTheKiosk)
{
    // Closing the window (a key combination, a compositor's close) does nothing.
    s_window->close();
    settle();
    EXPECT_TRUE(s_window->isVisible());

    // A long press on the corner opens the staff panel; a cashier may not leave, a wrong PIN does not.
    QSignalSpy left(&s_kiosk->exit(), &KioskExit::leaveRequested);
    ASSERT_TRUE(touch(u"staffCorner"_s, 3300));
    ASSERT_TRUE(s_kiosk->exit().isOpen());
    ASSERT_TRUE(item(u"kioskStaffPanel"_s) || item(u"pinConfirm"_s));
    const QVariantList staff = s_kiosk->exit().staff();
    ASSERT_EQ(staff.size(), 1) << "only the manager may leave";
    EXPECT_FALSE(s_kiosk->exit().leave(s_managerId, u"1111"_s));
    EXPECT_FALSE(s_kiosk->exit().message().isEmpty());
    checkBothOrientations(u"staff"_s);
    // A badge-less scan while the panel is open is tried as a badge, never as a product.
    scan(u"SKU0000001"_s);
    EXPECT_EQ(session().screen(), u"attract"_s);
    // Maria types her PIN on the keypad.
    for (const char *key : { "key2", "key4", "key6", "key8" })
        ASSERT_TRUE(touch(QString::fromLatin1(key))) << key;
    ASSERT_TRUE(touch(u"pinConfirm"_s));
    EXPECT_EQ(left.count(), 1) << qPrintable(s_kiosk->exit().message());
    EXPECT_FALSE(s_kiosk->exit().isOpen());
}

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(u"Basic"_s);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
