// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' daily report at chain scale (issue 16): one day of 200 stores x 5 terminals x 2,000 sales (2,000,000
// sales; OMNITILL_BENCH_REPORT_STORES, _TERMINALS, _SALES change it) pushed into a hub on SQLite and on PostgreSQL
// (OMNITILL_TEST_PG) through HubStore::applyPush, as terminals push them (hash chains checked, tallies kept). Then,
// each beside its floor in the same run: the report of the chain and of one store, the CSV, the PDF and the web
// page. The floor is what the database needs for the same figures: the day's tallies summed per terminal by the
// same driver, with no report around them.
#include "app/hub/reportpdf.h"
#include "bench/benchhttp.h"
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/staff/pinhash.h"
#include "core/storage/journal.h"
#include "sync/common/streams.h"
#include "sync/hub/dailyreport.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUuid>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

int setting(const char *name, int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue(name, &ok);
    return ok && n > 0 ? n : fallback;
}
const int kStores = setting("OMNITILL_BENCH_REPORT_STORES", 200);
const int kTerminals = setting("OMNITILL_BENCH_REPORT_TERMINALS", 5);
const int kSales = setting("OMNITILL_BENCH_REPORT_SALES", 2000);

const QDate kDay(2026, 11, 22);
const QTimeZone kZone("Europe/Berlin");
// The hub's clock: the evening of the day, after the stores closed.
const qint64 kHubNow = QDateTime(kDay, QTime(21, 30), kZone).toMSecsSinceEpoch();

// A real sale's payload (three lines, paid by card), with the fields each sale has of its own marked for
// replacement: its id, receipt number, time and e-receipt token.
struct SaleTemplate
{
    QByteArray payload;
    QByteArray id, receiptNo, createdAt, token;
};

SaleTemplate saleTemplate()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.db")));
    if (!db || !DemoCatalog::seed(**db, DemoOptions { 60, 42, kBenchNow }))
        std::abort();
    Catalog catalog(**db);
    SaleStore store(**db, [] { return kBenchNow; });
    Cart cart(*Currency::fromCode(u"EUR"), PricingMode::TaxInclusive);
    for (const char *sku : { "SKU0000001", "SKU0000007", "SKU0000020" }) {
        auto item = catalog.lookupSku(QString::fromLatin1(sku), *Currency::fromCode(u"EUR"), kBenchNow);
        if (!item || !cart.add(*item, 1000))
            std::abort();
    }
    auto sale = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
    if (!sale)
        std::abort();
    QSqlQuery q((*db)->connection());
    if (!q.exec(QStringLiteral("SELECT payload FROM journal WHERE type = 'sale.completed'")) || !q.next())
        std::abort();
    SaleTemplate t;
    t.payload = q.value(0).toByteArray();
    const QJsonObject o = QJsonDocument::fromJson(t.payload).object();
    // The canonical JSON's own spelling of each value, key included, so only that field is replaced.
    const auto spelled = [&](const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        const QByteArray value = v.isString() ? '"' + v.toString().toLatin1() + '"' : QByteArray::number(v.toInteger());
        const QByteArray field = '"' + QByteArray(key) + "\":" + value;
        if (v.isUndefined() || !t.payload.contains(field))
            return QByteArray();
        return field;
    };
    t.id = spelled("id");
    t.receiptNo = spelled("receipt_no");
    t.createdAt = spelled("created_at_ms");
    t.token = spelled("receipt_token");
    if (t.receiptNo.isEmpty() || t.createdAt.isEmpty())
        std::abort();
    return t;
}

struct Built
{
    double seconds = 0;
    qint64 sales = 0;
};

// Every terminal's day pushed in batches of 200; every tenth store's terminals keep their last 2 % (the hub hears of
// them only through the state report, as when a network loses pushes). In one process, no HTTP.
Built build(sync::HubStore &hub)
{
    QByteArray zones = R"({"key": "stores.time_zones", "row": {"value": {"*": "Europe/Berlin"}}})";
    QBuffer config(&zones);
    config.open(QIODevice::ReadOnly);
    if (!hub.publishLines(QStringLiteral("config"), config))
        std::abort();
    const SaleTemplate t = saleTemplate();
    const qint64 open = QDateTime(kDay, QTime(8, 0), kZone).toMSecsSinceEpoch();
    const qint64 span = 12 * 3600'000LL; // 08:00 to 20:00
    Built built;
    QElapsedTimer timer;
    for (int s = 0; s < kStores; ++s) {
        const QString store = QStringLiteral("S%1").arg(s + 1, 3, 10, QLatin1Char('0'));
        for (int k = 0; k < kTerminals; ++k) {
            const QString terminalId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (!hub.registerTerminal(terminalId, store))
                std::abort();
            const int pushed = s % 10 == 9 ? kSales - kSales / 50 : kSales;
            QByteArray prev = Journal::genesisHash(TerminalIdentity { terminalId, 1 });
            QList<JournalEntry> batch;
            sync::TerminalStateReport state;
            state.terminalId = terminalId;
            state.epoch = 1;
            state.headSeq = kSales;
            state.ackedThrough = pushed;
            state.pending = kSales - pushed;
            state.syncState = QStringLiteral("idle");
            state.appVersion = QStringLiteral("bench");
            state.clockMs = kHubNow;
            for (int i = 1; i <= kSales; ++i) {
                JournalEntry e;
                e.seq = i;
                e.epoch = 1;
                e.createdAtMs = open + span * i / (kSales + 1);
                e.eventId = Journal::newEventId(e.createdAtMs);
                e.type = QStringLiteral("sale.completed");
                const QByteArray receipt = QStringLiteral("%1-T%2-BNCH-%3")
                                               .arg(store)
                                               .arg(k + 1, 2, 10, QLatin1Char('0'))
                                               .arg(i, 6, 10, QLatin1Char('0'))
                                               .toLatin1();
                e.payload = t.payload;
                const auto set = [&](const QByteArray &field, const char *key, const QByteArray &value) {
                    if (!field.isEmpty())
                        e.payload.replace(field, QByteArray('"' + QByteArray(key) + "\":" + value));
                };
                set(t.id, "id", QByteArray::number(i)); // the sale's number in the terminal's store
                set(t.receiptNo, "receipt_no", '"' + receipt + '"');
                set(t.createdAt, "created_at_ms", QByteArray::number(e.createdAtMs));
                set(t.token, "receipt_token",
                    '"' + QCryptographicHash::hash(receipt, QCryptographicHash::Sha256).toHex() + '"');
                e.prevHash = prev;
                e.hash = Journal::computeHash(e);
                prev = e.hash;
                const qint64 bucket = e.createdAtMs - e.createdAtMs % sync::kBucketMs;
                auto count = [&](QList<sync::JournalBucket> &into) {
                    if (into.isEmpty() || into.constLast().startMs != bucket)
                        into.append(sync::JournalBucket { bucket, 0, 0 });
                    ++into.last().events;
                    ++into.last().sales;
                };
                count(state.recorded);
                if (i > pushed) {
                    count(state.pendingBuckets);
                    if (!state.oldestPendingAtMs)
                        state.oldestPendingAtMs = e.createdAtMs;
                    continue;
                }
                batch.append(e);
                if (batch.size() == 200 || i == pushed) {
                    timer.start();
                    const auto outcome = hub.applyPush(sync::PushRequest { terminalId, 1, batch, kSales });
                    built.seconds += double(timer.nsecsElapsed()) / 1e9;
                    if (!std::holds_alternative<sync::PushAccepted>(outcome)) {
                        std::fprintf(
                            stderr, "push refused: %s\n", qPrintable(std::get<sync::PushRejected>(outcome).message));
                        std::abort();
                    }
                    if (!std::get<sync::PushAccepted>(outcome).quarantined.isEmpty()) {
                        std::fprintf(stderr, "quarantined: %s\n",
                            qPrintable(std::get<sync::PushAccepted>(outcome).quarantined.constFirst().reason));
                        std::abort();
                    }
                    built.sales += batch.size();
                    batch.clear();
                }
            }
            if (!hub.applyTerminalState(state))
                std::abort();
        }
        if (s % 20 == 19)
            std::fprintf(stderr, "  %d stores pushed, %.0f sales/s\n", s + 1, double(built.sales) / built.seconds);
    }
    return built;
}

// Runs `sql` on the PostgreSQL server of `server` (connected to its database), for creating and dropping the
// benchmark's own database.
bool pgAdmin(const QUrl &server, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-admin"));
        db.setHostName(server.host());
        db.setPort(server.port(5432));
        db.setDatabaseName(server.path().mid(1));
        db.setUserName(server.userName());
        db.setPassword(server.password());
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    return ok;
}

// The hub of the benchmark: SQLite in OMNITILL_BENCH_DIR (built once, reused), or the database
// omnitill_bench_report on the PostgreSQL server of OMNITILL_TEST_PG (made again when it does not hold this day).
sync::HubStore *hubFor(bool postgres)
{
    static std::unique_ptr<sync::HubStore> hubs[2];
    auto &hub = hubs[postgres];
    if (hub)
        return hub.get();
    const QString server = qEnvironmentVariable("OMNITILL_TEST_PG");
    if (postgres && server.isEmpty())
        return nullptr;
    QUrl url(server);
    url.setPath(QStringLiteral("/omnitill_bench_report"));
    if (postgres)
        pgAdmin(QUrl(server), QStringLiteral("CREATE DATABASE omnitill_bench_report")); // fails when it exists
    const QString path = benchDir() + QStringLiteral("/report-%1x%2x%3.db").arg(kStores).arg(kTerminals).arg(kSales);
    auto opened = postgres ? sync::HubStore::openPostgres(url, [] { return kHubNow; })
                           : sync::HubStore::openSqlite(path, [] { return kHubNow; });
    if (!opened) {
        std::fprintf(stderr, "cannot open the hub: %s\n", qPrintable(opened.error().message));
        std::abort();
    }
    hub = std::move(opened).value();
    QSqlQuery q(hub->connection());
    const qint64 wanted = qint64(kStores) * kTerminals;
    const qint64 pushed = wanted * kSales - qint64(kStores / 10) * kTerminals * (kSales / 50);
    if (!q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM terminal), (SELECT count(*) FROM event WHERE quarantine IS "
                           "NULL)"))
        || !q.next() || q.value(0).toLongLong() != wanted || q.value(1).toLongLong() != pushed) {
        if (q.value(0).toLongLong() != 0) {
            if (!postgres) {
                std::fprintf(stderr, "%s holds another day; delete it\n", qPrintable(path));
                std::abort();
            }
            q = QSqlQuery();
            hub.reset();
            if (!pgAdmin(QUrl(server), QStringLiteral("DROP DATABASE omnitill_bench_report WITH (FORCE)"))
                || !pgAdmin(QUrl(server), QStringLiteral("CREATE DATABASE omnitill_bench_report")))
                std::abort();
            hub = sync::HubStore::openPostgres(url, [] { return kHubNow; }).value();
        }
        std::fprintf(stderr, "pushing %d stores x %d terminals x %d sales into the hub on %s ...\n", kStores,
            kTerminals, kSales, postgres ? "PostgreSQL" : "SQLite");
        const Built built = build(*hub);
        std::fprintf(stderr, "pushed %lld sales in %.1f s of applyPush: %.0f sales/s, tallies included\n", built.sales,
            built.seconds, double(built.sales) / built.seconds);
    }
    return hub.get();
}

// The floor: the day's tallies summed per terminal (hub_bucket, terminal_bucket, money_bucket) by the same driver,
// each row read, for every store or one.
qint64 floorQueries(sync::HubStore &hub, const QString &store)
{
    const qint64 from = QDateTime(kDay, QTime(0, 0), kZone).toMSecsSinceEpoch();
    const qint64 to = QDateTime(kDay.addDays(1), QTime(0, 0), kZone).toMSecsSinceEpoch();
    const QString which = store.isEmpty()
        ? QString()
        : QStringLiteral(" AND terminal_id IN (SELECT terminal_id FROM terminal WHERE store_code = ?)");
    qint64 rows = 0;
    for (const char *sql :
        { "SELECT terminal_id, sum(events), sum(sales), sum(quarantined_events), "
          "sum(quarantined_sales) FROM hub_bucket WHERE bucket_ms >= ? AND bucket_ms < ?%1 GROUP BY terminal_id",
            "SELECT terminal_id, sum(recorded_events), sum(recorded_sales), sum(pending_events), sum(pending_sales) "
            "FROM terminal_bucket WHERE bucket_ms >= ? AND bucket_ms < ?%1 GROUP BY terminal_id",
            "SELECT terminal_id, currency, kind, sum(count), sum(amount_minor) FROM money_bucket WHERE bucket_ms >= ? "
            "AND bucket_ms < ?%1 GROUP BY terminal_id, currency, kind" }) {
        QSqlQuery q(hub.connection());
        q.setForwardOnly(true);
        if (!q.prepare(QString::fromLatin1(sql).arg(which)))
            std::abort();
        q.addBindValue(from);
        q.addBindValue(to);
        if (!store.isEmpty())
            q.addBindValue(store);
        if (!q.exec())
            std::abort();
        while (q.next())
            rows += q.value(1).toLongLong() + 1;
    }
    return rows;
}

// `what`: 0 the chain's report, 1 one store's, 2 the chain's CSV, 3 the chain's PDF; 4 the floor of the chain,
// 5 the floor of one store.
void runReport(benchmark::State &state, bool postgres)
{
    sync::HubStore *hub = hubFor(postgres);
    if (!hub) {
        state.SkipWithError(
            "set OMNITILL_TEST_PG=postgresql://user:password@host:port/db (packaging/start-postgres.sh)");
        return;
    }
    const int what = int(state.range(0));
    const QString oneStore = QStringLiteral("S%1").arg(kStores / 2, 3, 10, QLatin1Char('0'));
    qint64 bytes = 0;
    for (auto _ : state) {
        if (what >= 4) {
            benchmark::DoNotOptimize(floorQueries(*hub, what == 5 ? oneStore : QString()));
            continue;
        }
        auto report = sync::dailyReport(*hub, kDay, what == 1 ? oneStore : QString());
        if (!report)
            std::abort();
        if (what == 2)
            bytes = sync::reportCsv(*report).size();
        else if (what == 3)
            bytes = cli::reportPdf(*report).size();
        else
            bytes = report->stores.size();
    }
    state.counters["bytes_or_stores"] = double(bytes);
}

void BM_ReportSqlite(benchmark::State &state)
{
    runReport(state, false);
}
void BM_ReportPostgres(benchmark::State &state)
{
    runReport(state, true);
}
// Chain, store, CSV, PDF, then the floors; floors and reports alternate in the same run.
BENCHMARK(BM_ReportSqlite)->Arg(4)->Arg(0)->Arg(5)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_ReportPostgres)->Arg(4)->Arg(0)->Arg(5)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond)->MinTime(3);

// The web page a manager opens (GET /reports: the chain) and a store's page, over loopback HTTP with a signed-in
// manager's cookie, as `serve` answers (reads on a reader thread). Arg 0 the chain, 1 a store.
void runPage(benchmark::State &state, bool postgres)
{
    sync::HubStore *hub = hubFor(postgres);
    if (!hub) {
        state.SkipWithError("set OMNITILL_TEST_PG");
        return;
    }
    static QString cookie[2];
    if (cookie[postgres].isEmpty()) {
        const PinHash::Hashed pin = PinHash::make(u"2468");
        const sync::StaffRow row { Journal::newEventId(kHubNow), QStringLiteral("Bench Manager"),
            QStringLiteral("manager"), true, pin.salt, pin.hash, pin.iterations, {} };
        if (!hub->publish(sync::kStaffStream, row.id, sync::staffRow(row)))
            std::abort();
        cookie[postgres] = QStringLiteral("omnitill_manager=") + hub->signInManager(row.name, u"2468").value();
    }
    QUrl url(qEnvironmentVariable("OMNITILL_TEST_PG"));
    url.setPath(QStringLiteral("/omnitill_bench_report"));
    const QString path = benchDir() + QStringLiteral("/report-%1x%2x%3.db").arg(kStores).arg(kTerminals).arg(kSales);
    sync::HubServer server(*hub);
    server.setPdfMaker(cli::reportPdf);
    if (!server.startWorkers(1, [&] {
            return postgres ? sync::HubStore::openPostgres(url, [] { return kHubNow; })
                            : sync::HubStore::openSqlite(path, [] { return kHubNow; });
        }))
        std::abort();
    QTcpSocket socket;
    if (!connectLoopback(socket, server.listen(QHostAddress::LocalHost, 0)))
        std::abort();
    const QByteArray target = state.range(0) == 0
        ? QByteArray("/reports?date=2026-11-22")
        : QByteArray("/reports/store/S") + QByteArray::number(kStores / 2).rightJustified(3, '0') + "?date=2026-11-22";
    const QByteArray request
        = "GET " + target + " HTTP/1.1\r\nHost: bench\r\nCookie: " + cookie[postgres].toLatin1() + "\r\n\r\n";
    qint64 size = 0;
    for (auto _ : state) {
        QByteArray answer;
        if (loopbackGet(socket, request, 120'000, &answer) != 200)
            std::abort();
        if (!answer.startsWith("HTTP/1.1 200") || !answer.contains("<svg"))
            std::abort();
        size = answer.size();
    }
    state.counters["bytes"] = double(size);
}
void BM_ReportPageSqlite(benchmark::State &state)
{
    runPage(state, false);
}
void BM_ReportPagePostgres(benchmark::State &state)
{
    runPage(state, true);
}
BENCHMARK(BM_ReportPageSqlite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_ReportPagePostgres)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);

} // namespace

// The PDF is drawn by Qt GUI (offscreen), as `omnitill-hub` does.
int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
