// SPDX-License-Identifier: GPL-3.0-or-later
// Resolving a return by the receipt's QR code: at the hub over loopback HTTP (GET /sync/v1/original with the token's
// SHA-256, among OMNITILL_BENCH_RETURN_SALES sales pushed by a till, default 20,000, a tenth of them partly returned)
// beside the hub's health check on the same connection; and on the till offline (its own sale by token, with its
// returns) beside the same rows read with SQLite's C API, prepared once.
#include "bench/benchhttp.h"
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/returns/returns.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "sync/common/protocol.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <random>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

int benchSales()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("OMNITILL_BENCH_RETURN_SALES", &ok);
    return ok && n > 0 ? n : 20'000;
}

// A till's database with benchSales() sales of three lines and a return for every tenth, built once per run.
struct Till
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    QStringList tokens;
    QString terminalId;
    qint64 epoch = 1;
};

Till &till()
{
    static std::unique_ptr<Till> t = [] {
        auto made = std::make_unique<Till>();
        auto db = Database::open(made->dir.filePath(QStringLiteral("till.db")));
        if (!db || !DemoCatalog::seed(**db, DemoOptions { 200, 42, kBenchNow }))
            std::abort();
        made->db = std::move(db).value();
        Catalog catalog(*made->db);
        const Currency eur = *Currency::fromCode(u"EUR");
        SaleStore sales(*made->db, [] { return kBenchNow; });
        ReturnStore returns(*made->db, sales, [] { return kBenchNow; });
        StaffMember boss { QStringLiteral("0190a000-0000-7000-8000-000000000001"), QStringLiteral("Boss"),
            QStringLiteral("manager"), allPermissions(), true };
        std::mt19937 rng(7);
        std::fprintf(stderr, "recording %d sales ...\n", benchSales());
        for (int i = 0; i < benchSales(); ++i) {
            Cart cart(eur, PricingMode::TaxInclusive);
            for (int l = 0; l < 3; ++l) {
                auto item = catalog.lookupSku(
                    QStringLiteral("SKU%1").arg(1 + rng() % 200, 7, 10, QLatin1Char('0')), eur, kBenchNow);
                if (!item || !cart.add(*item, unitAllowsFraction(item->unit) ? 500 : 2000))
                    std::abort();
            }
            auto sale = sales.record(cart, Payment { Payment::Method::Cash, std::nullopt, 1 });
            if (!sale)
                std::abort();
            made->tokens << sale->receiptToken;
            if (i % 10 == 0) {
                auto original = returns.findLocal(sale->receiptNo);
                ReturnRequest r;
                r.original = **original;
                r.lines = { ReturnLine { 1, {}, {}, {}, 0, 500, 0, {}, 0, true } };
                r.reason = QStringLiteral("bench");
                if (!returns.record(r, boss))
                    std::abort();
            }
        }
        const auto identity = Journal::identity(made->db->connection());
        made->terminalId = identity->terminalId;
        made->epoch = identity->epoch;
        return made;
    }();
    return *t;
}

void BM_ReturnByQrAtTheHub(benchmark::State &state)
{
    Till &t = till();
    QTemporaryDir dir;
    auto hub = sync::HubStore::openSqlite(dir.filePath(QStringLiteral("hub.db")));
    if (!hub) {
        state.SkipWithError("no hub");
        return;
    }
    auto token = (*hub)->registerTerminal(t.terminalId, QStringLiteral("S001"));
    auto entries = Journal::pending(t.db->connection(), 1 << 30);
    if (!token || !entries) {
        state.SkipWithError("no journal");
        return;
    }
    for (qsizetype from = 0; from < entries->size(); from += 1000) {
        sync::PushRequest push { t.terminalId, t.epoch, entries->mid(from, 1000), 0 };
        if (!std::holds_alternative<sync::PushAccepted>((*hub)->applyPush(push))) {
            state.SkipWithError("push refused");
            return;
        }
    }
    sync::HubServer server(**hub);
    server.setLookupLimit(1 << 30);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    QTcpSocket socket;
    if (!connectLoopback(socket, port)) {
        state.SkipWithError("no server");
        return;
    }
    const QByteArray auth
        = "Authorization: Bearer " + token->toLatin1() + "\r\nX-Terminal-Id: " + t.terminalId.toLatin1();
    PairedLatency latency;
    std::mt19937 rng(3);
    for (auto _ : state) {
        const QString hash = SaleStore::receiptTokenHash(t.tokens[qsizetype(rng() % quint32(t.tokens.size()))]);
        latency.ours.start();
        const int status = loopbackGet(
            socket, "GET /sync/v1/original?token=" + hash.toLatin1() + " HTTP/1.1\r\nHost: b\r\n" + auth + "\r\n\r\n");
        latency.ours.stop();
        latency.floor.start();
        const int health = loopbackGet(socket, "GET /sync/v1/health HTTP/1.1\r\nHost: b\r\n\r\n");
        latency.floor.stop();
        if (status != 200 || health != 200) {
            std::fprintf(stderr, "original: HTTP %d, health: HTTP %d\n", status, health);
            state.SkipWithError("a request failed");
            break;
        }
    }
    latency.report(state);
}
BENCHMARK(BM_ReturnByQrAtTheHub)->Iterations(3000)->Unit(benchmark::kMicrosecond);

// The floor: the sale by token, its lines, its payments and this till's returns of it, prepared once.
void BM_ReturnByQrOnTheTill(benchmark::State &state)
{
    Till &t = till();
    SaleStore sales(*t.db, [] { return kBenchNow; });
    ReturnStore returns(*t.db, sales, [] { return kBenchNow; });
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(qPrintable(t.dir.filePath(QStringLiteral("till.db"))), &raw, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK) {
        state.SkipWithError("no sqlite");
        return;
    }
    const char *sql[] = { "SELECT id, receipt_no, created_at_ms, currency, total_minor, customer_id, points_earned, "
                          "pricing FROM sale WHERE receipt_token = ?",
        "SELECT line_no, sku, name, unit, variant_id, qty_milli, total_minor, tax_class, tax_rate_milli_pct FROM "
        "sale_line WHERE sale_id = ? ORDER BY line_no",
        "SELECT kind, amount_minor, reference FROM sale_payment WHERE sale_id = ? ORDER BY seq",
        "SELECT r.event_id, l.original_line_no, l.qty_milli, l.amount_minor FROM sale_return r JOIN sale_return_line "
        "l ON l.return_id = r.id WHERE r.original = ?" };
    sqlite3_stmt *st[4] = {};
    for (int i = 0; i < 4; ++i)
        sqlite3_prepare_v3(raw, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st[i], nullptr);
    PairedLatency latency;
    std::mt19937 rng(5);
    qint64 found = 0;
    for (auto _ : state) {
        const QString token = t.tokens[qsizetype(rng() % quint32(t.tokens.size()))];
        latency.ours.start();
        auto original = returns.findLocalByToken(token);
        latency.ours.stop();
        found += original && *original ? 1 : 0;
        latency.floor.start();
        const QByteArray tok = token.toUtf8();
        sqlite3_bind_text(st[0], 1, tok.constData(), int(tok.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(st[0]) == SQLITE_ROW) {
            const sqlite3_int64 id = sqlite3_column_int64(st[0], 0);
            const std::string receipt(reinterpret_cast<const char *>(sqlite3_column_text(st[0], 1)));
            for (int i = 1; i < 3; ++i) {
                sqlite3_bind_int64(st[i], 1, id);
                while (sqlite3_step(st[i]) == SQLITE_ROW)
                    benchmark::DoNotOptimize(sqlite3_column_int64(st[i], 0));
                sqlite3_reset(st[i]);
            }
            sqlite3_bind_text(st[3], 1, receipt.c_str(), int(receipt.size()), SQLITE_TRANSIENT);
            while (sqlite3_step(st[3]) == SQLITE_ROW)
                benchmark::DoNotOptimize(sqlite3_column_int64(st[3], 2));
            sqlite3_reset(st[3]);
        }
        sqlite3_reset(st[0]);
        latency.floor.stop();
    }
    for (sqlite3_stmt *s : st)
        sqlite3_finalize(s);
    sqlite3_close(raw);
    if (found != state.iterations())
        state.SkipWithError("a receipt was not found");
    latency.report(state);
}
BENCHMARK(BM_ReturnByQrOnTheTill)->Iterations(20000)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
