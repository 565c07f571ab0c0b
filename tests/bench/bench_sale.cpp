// SPDX-License-Identifier: GPL-3.0-or-later
// Recording a completed sale durably: sale, lines, tax totals, receipt number and journal entry in one WAL
// transaction with synchronous=FULL (an fsync per commit), on the disk OMNITILL_BENCH_DIR lives on.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"

#include <QCoreApplication>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

void BM_RecordSale(benchmark::State &state)
{
    const QString path = benchDir() + QStringLiteral("/sales.db");
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    auto db = Database::open(path);
    if (!db || !DemoCatalog::seed(**db, DemoOptions { 2000, 42, kBenchNow })) {
        state.SkipWithError("cannot prepare the store");
        return;
    }
    Catalog catalog(**db);
    SaleStore store(**db, [] { return kBenchNow; });
    const Currency eur = *Currency::fromCode(u"EUR");
    const int lines = int(state.range(0));
    Cart cart(eur, PricingMode::TaxInclusive);
    for (int i = 1; i <= lines; ++i) {
        auto item = catalog.lookupSku(QStringLiteral("SKU%1").arg(i * 7, 7, 10, QLatin1Char('0')), eur, kBenchNow);
        if (!item || !cart.add(*item, unitAllowsFraction(item->unit) ? 1500 : 1000)) {
            state.SkipWithError("cannot fill the cart");
            return;
        }
    }
    LatencyRecorder latency;
    for (auto _ : state) {
        latency.start();
        auto r = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
        latency.stop();
        if (!r) {
            state.SkipWithError(qPrintable(r.error().message));
            break;
        }
    }
    latency.report(state);
}
BENCHMARK(BM_RecordSale)->Arg(5)->Arg(40)->Iterations(2000)->Unit(benchmark::kMicrosecond);

// The floor for BM_RecordSale: the same rows written by plain SQLite (its C API, statements prepared once) into a
// store of the same schema, one WAL transaction with synchronous=FULL per sale: the receipt counter, the sale, its
// lines, its tax totals and a journal row with a payload and hashes of the sizes OmniTill writes.
void BM_RecordSaleFloor(benchmark::State &state)
{
    const QString path = benchDir() + QStringLiteral("/sales-floor.db");
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    {
        auto schema = Database::open(path); // the same tables, indexes and triggers
        if (!schema) {
            state.SkipWithError("cannot prepare the store");
            return;
        }
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        state.SkipWithError("cannot open the store");
        return;
    }
    sqlite3_exec(
        db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    const auto prepare = [&](const char *sql) {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
        return st;
    };
    sqlite3_stmt *begin = prepare("BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prepare("COMMIT");
    sqlite3_stmt *counter = prepare("INSERT INTO meta (key, value) VALUES ('receipt_counter', '1') ON CONFLICT (key) "
                                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value");
    sqlite3_stmt *sale = prepare("INSERT INTO sale (receipt_no, created_at_ms, currency, pricing, subtotal_minor, "
                                 "discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
                                 "payment_method, tendered_minor, change_minor) VALUES (?, ?, 'EUR', 'inclusive', ?, "
                                 "0, ?, ?, ?, 0, ?, 'card', ?, 0)");
    sqlite3_stmt *line = prepare("INSERT INTO sale_line (sale_id, line_no, variant_id, sku, name, scanned_code, unit, "
                                 "qty_milli, unit_price_minor, amount_minor, line_discount_minor, cart_discount_minor, "
                                 "total_minor, tax_class, tax_rate_milli_pct) VALUES (?, ?, ?, ?, ?, '', 'each', "
                                 "1000, ?, ?, 0, 0, ?, 'STD', 19000)");
    sqlite3_stmt *tax = prepare("INSERT INTO sale_tax (sale_id, tax_class, rate_milli_pct, net_minor, tax_minor, "
                                "gross_minor) VALUES (?, ?, 19000, ?, ?, ?)");
    sqlite3_stmt *journal = prepare("INSERT INTO journal (seq, epoch, event_id, type, created_at_ms, payload, "
                                    "prev_hash, hash) VALUES (?, 1, ?, 'sale.completed', ?, ?, ?, ?)");
    const int lines = int(state.range(0));
    const QByteArray payload(240 + 330 * lines, 'x'); // the size of a real payload of that many lines
    const QByteArray hash(32, '\x5a');
    const QByteArray sku("SKU0000042"), name("Green Valley Family Pack Apfelschorle 1 l");
    qint64 seq = 0;
    LatencyRecorder latency;
    for (auto _ : state) {
        ++seq;
        latency.start();
        sqlite3_step(begin);
        sqlite3_reset(begin);
        sqlite3_step(counter);
        const qint64 number = sqlite3_column_int64(counter, 0);
        sqlite3_reset(counter);
        const QByteArray receipt = "T01-5F90-" + QByteArray::number(number);
        sqlite3_bind_text(sale, 1, receipt.constData(), int(receipt.size()), SQLITE_TRANSIENT);
        for (int i = 2; i <= 8; ++i)
            sqlite3_bind_int64(sale, i, 939 * lines);
        sqlite3_step(sale);
        sqlite3_reset(sale);
        const qint64 saleId = sqlite3_last_insert_rowid(db);
        for (int l = 1; l <= lines; ++l) {
            sqlite3_bind_int64(line, 1, saleId);
            sqlite3_bind_int(line, 2, l);
            sqlite3_bind_int(line, 3, l);
            sqlite3_bind_text(line, 4, sku.constData(), int(sku.size()), SQLITE_STATIC);
            sqlite3_bind_text(line, 5, name.constData(), int(name.size()), SQLITE_STATIC);
            for (int i = 6; i <= 8; ++i)
                sqlite3_bind_int64(line, i, 939);
            sqlite3_step(line);
            sqlite3_reset(line);
        }
        for (const char *taxClass : { "STD", "RED" }) {
            sqlite3_bind_int64(tax, 1, saleId);
            sqlite3_bind_text(tax, 2, taxClass, 3, SQLITE_STATIC);
            for (int i = 3; i <= 5; ++i)
                sqlite3_bind_int64(tax, i, 469 * lines);
            sqlite3_step(tax);
            sqlite3_reset(tax);
        }
        const QByteArray eventId = QByteArray::number(seq).rightJustified(36, '0');
        sqlite3_bind_int64(journal, 1, seq);
        sqlite3_bind_text(journal, 2, eventId.constData(), int(eventId.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(journal, 3, kBenchNow);
        sqlite3_bind_blob(journal, 4, payload.constData(), int(payload.size()), SQLITE_STATIC);
        sqlite3_bind_blob(journal, 5, hash.constData(), 32, SQLITE_STATIC);
        sqlite3_bind_blob(journal, 6, hash.constData(), 32, SQLITE_STATIC);
        sqlite3_step(journal);
        sqlite3_reset(journal);
        if (sqlite3_step(commit) != SQLITE_DONE) {
            state.SkipWithError(sqlite3_errmsg(db));
            break;
        }
        sqlite3_reset(commit);
        latency.stop();
    }
    latency.report(state);
    for (sqlite3_stmt *st : { begin, commit, counter, sale, line, tax, journal })
        sqlite3_finalize(st);
    sqlite3_close(db);
}
BENCHMARK(BM_RecordSaleFloor)->Arg(5)->Arg(40)->Iterations(2000)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
