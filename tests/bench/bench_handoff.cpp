// SPDX-License-Identifier: GPL-3.0-or-later
// Scan to cart on the till: the customer's hand-off code read at the till (HandoffController::scan), resolved by the
// hub over loopback HTTP (the till's own client, POST /sync/v1/handoff: the code taken, the cart answered), and the
// cart's 5 or 50 lines put on the sale at this store's prices with the stock here beside them. The floor, in turns in
// the same run: the same client asking the hub's health check (one loopback HTTP round trip on a new connection, as
// the till's each ask is), the durable write a code's single use needs (one row marked used and committed, WAL and
// synchronous=FULL, with SQLite's C API on a file of its own), and the cart's lines looked up by SKU with the
// catalog's own SQL through SQLite's C API, prepared once.
#include "bench/benchsupport.h"
#include "bench/lookupfloor.h"

#include "core/catalog/catalog.h"
#include "core/handoff/cartcache.h"
#include "core/sale/adjustments.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/storage/journal.h"
#include "core/storage/statement.h"
#include "core/till/handoffcontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/hubquery.h"

#include <QTemporaryDir>

#include <random>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

void BM_ScanToCart(benchmark::State &state)
{
    const int lines = int(state.range(0));
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("till.db")));
    if (!db || !DemoCatalog::seed(**db, DemoOptions { 500, 42, kBenchNow })) {
        state.SkipWithError("no till");
        return;
    }
    auto hub = sync::HubStore::openSqlite(dir.filePath(QStringLiteral("hub.db")));
    if (!hub) {
        state.SkipWithError("no hub");
        return;
    }
    const QString terminalId = Journal::identity((*db)->connection())->terminalId;
    sync::HubServer server(**hub);
    server.setLookupLimit(1 << 30);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    sync::SyncConfig config;
    config.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    config.token = (*hub)->registerTerminal(terminalId, QStringLiteral("S001"))->toLatin1();

    // The cart: `lines` SKUs of the store's catalog, with a stock row for each here.
    OnlineCart cart;
    cart.cartId = QStringLiteral("WEB-BENCH");
    cart.currency = QStringLiteral("EUR");
    QList<QByteArray> skus;
    {
        Transaction tx((*db)->connection());
        auto stock = (*db)->statement("INSERT INTO stream_row (stream, key, body) VALUES ('stock', ?, ?)");
        for (int i = 0; i < lines; ++i) {
            const QString sku = QStringLiteral("SKU%1").arg(1 + i * 7, 7, 10, QLatin1Char('0'));
            cart.lines.append(OnlineCartLine { sku, QStringLiteral("Item %1").arg(i), 1000 + 1000 * (i % 3), 999 });
            skus.append(sku.toUtf8());
            stock->bind(0, QString(sku + QStringLiteral("|S001")));
            stock->bindBlob(
                1, QStringLiteral(R"({"sku":"%1","store":"S001","on_hand_milli":%2})").arg(sku).arg(i * 1000).toUtf8());
            if (!stock->run(u"stock"))
                std::abort();
        }
        if (!writeMeta((*db)->connection(), QStringLiteral("store_code"), QStringLiteral("S001")) || !tx.commit())
            std::abort();
    }
    if (!(*hub)->putCart(cart)) {
        state.SkipWithError("no cart");
        return;
    }

    const Currency eur = *Currency::fromCode(u"EUR");
    const Clock clock = [] { return kBenchNow; };
    Catalog catalog(**db);
    SaleStore sales(**db, clock);
    StaffStore staff(**db, clock);
    const StaffMember boss = *staff.createFirstManager(QStringLiteral("Boss"), u"2468", std::nullopt);
    StaffSession session(staff, clock, 3'600'000);
    session.signIn(boss.id, QStringLiteral("2468"));
    Voids voids(**db, clock);
    Adjustments adjustments(**db, clock);
    SaleController till(catalog, sales, clock,
        SaleController::Config { eur, PricingMode::TaxInclusive, 1, {}, QLocale::c(), { QStringLiteral("Other") } });
    till.setStaff({ session, staff, voids, adjustments });
    CartCache cache(**db);
    HandoffController handoff(till, catalog, cache, eur, clock, QLocale::c());
    handoff.setHub(HandoffController::Hub {
        [&](const QString &sha) { return sync::resolveHandoff(config, terminalId, sha); }, {}, {}, {} });
    bool failed = false;
    QObject::connect(&handoff, &HandoffController::errorOccurred, [&](const QString &why) {
        std::fprintf(stderr, "hand-off: %s\n", qPrintable(why));
        failed = true;
    });
    LookupFloor floor(**db, LookupFloor::By::Sku);
    // The floor's durable write: a token row marked used, committed.
    sqlite3 *used = nullptr;
    sqlite3_open(qPrintable(dir.filePath(QStringLiteral("floor.db"))), &used);
    sqlite3_exec(used,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE token (sha TEXT PRIMARY KEY, used_at INTEGER); "
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
        "INSERT INTO token SELECT printf('%064d', i), NULL FROM n",
        nullptr, nullptr, nullptr);
    sqlite3_stmt *mark = nullptr;
    sqlite3_prepare_v3(used, "UPDATE token SET used_at = ?1 WHERE sha = printf('%064d', ?1) AND used_at IS NULL", -1,
        SQLITE_PREPARE_PERSISTENT, &mark, nullptr);
    const auto markUsed = [&](qint64 i) {
        sqlite3_exec(used, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(mark, 1, i);
        sqlite3_step(mark);
        sqlite3_reset(mark);
        return sqlite3_exec(used, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    };
    if (!floor.ok() || !mark) {
        state.SkipWithError("cannot prepare the floor's statement");
        return;
    }

    PairedLatency latency;
    qint64 n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto code = (*hub)->issueHandoff(cart.cartId, sync::HubStore::HandoffPurpose::Handoff, {});
        if (!code)
            std::abort();
        const QString scanned = Handoff::code(config.hub.toString(), code->token);
        state.ResumeTiming();
        latency.ours.start();
        const bool taken = handoff.scan(scanned);
        latency.ours.stop();
        if (!taken || failed || till.lineCount() != lines) {
            state.SkipWithError("the cart did not reach the sale");
            break;
        }
        latency.floor.start();
        const auto health = sync::askHub(config, terminalId, QStringLiteral("/sync/v1/health"), {}, 3000, 1 << 20);
        const bool marked = markUsed(1 + n++ % 2000);
        qint64 found = 0;
        for (const QByteArray &sku : skus)
            found += floor.lookup(sku) != 0;
        latency.floor.stop();
        if (!health || health->status != 200 || !marked || found != lines) {
            state.SkipWithError("the floor failed");
            break;
        }
        state.PauseTiming();
        if (!till.voidSale(QStringLiteral("bench")))
            std::abort();
        state.ResumeTiming();
    }
    sqlite3_finalize(mark);
    sqlite3_close(used);
    latency.report(state);
}
BENCHMARK(BM_ScanToCart)->Arg(5)->Iterations(600)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ScanToCart)->Arg(50)->Iterations(300)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
