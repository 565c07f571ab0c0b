// SPDX-License-Identifier: GPL-3.0-or-later
// Recording a completed sale durably: sale, lines, tax totals, receipt number and journal entry in one WAL
// transaction with synchronous=FULL (an fsync per commit), on the disk OMNITILL_BENCH_DIR lives on, beside its floor.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"

#include <QCoreApplication>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

void removeStore(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

// The floor for recording a sale: the same rows written by plain SQLite (its C API, statements prepared once) into a
// store of the same schema, one WAL transaction with synchronous=FULL per sale: the receipt counter, the sale, its
// lines, its tax totals and a journal row with a payload and hashes of the sizes OmniTill writes.
class SaleFloor
{
public:
    explicit SaleFloor(const QString &path)
    {
        removeStore(path);
        if (!Database::open(path)) // the same tables, indexes and triggers
            return;
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            return;
        sqlite3_exec(m_db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", nullptr, nullptr,
            nullptr);
        m_begin = prepare("BEGIN IMMEDIATE");
        m_commit = prepare("COMMIT");
        m_counter = prepare("INSERT INTO meta (key, value) VALUES ('receipt_counter', '1') ON CONFLICT (key) "
                            "DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value");
        m_sale = prepare("INSERT INTO sale (receipt_no, created_at_ms, currency, pricing, subtotal_minor, "
                         "discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
                         "payment_method, tendered_minor, change_minor, receipt_token, shift_id) "
                         "VALUES (?, ?, 'EUR', 'inclusive', ?, 0, ?, ?, ?, 0, ?, 'card', ?, 0, "
                         "'Z3VVYC8QJ4M2T6R0K9W1N5P7XD', (SELECT id FROM shift WHERE closed_at_ms IS NULL))");
        m_payment = prepare("INSERT INTO sale_payment (sale_id, seq, kind, amount_minor, tendered_minor, reference) "
                            "VALUES (?, 1, 'card', ?, ?, 'A1B2C3')");
        m_line = prepare("INSERT INTO sale_line (sale_id, line_no, variant_id, sku, name, scanned_code, unit, "
                         "qty_milli, unit_price_minor, amount_minor, line_discount_minor, cart_discount_minor, "
                         "total_minor, tax_class, tax_rate_milli_pct) VALUES (?, ?, ?, ?, ?, '', 'each', "
                         "1000, ?, ?, 0, 0, ?, 'STD', 19000)");
        m_tax = prepare("INSERT INTO sale_tax (sale_id, tax_class, rate_milli_pct, net_minor, tax_minor, "
                        "gross_minor) VALUES (?, ?, 19000, ?, ?, ?)");
        m_journal = prepare("INSERT INTO journal (seq, epoch, event_id, type, created_at_ms, payload, "
                            "prev_hash, hash) VALUES (?, 1, ?, 'sale.completed', ?, ?, ?, ?)");
    }
    ~SaleFloor()
    {
        for (sqlite3_stmt *st : { m_begin, m_commit, m_counter, m_sale, m_payment, m_line, m_tax, m_journal })
            sqlite3_finalize(st);
        sqlite3_close(m_db);
    }
    bool ok() const { return m_journal != nullptr; }
    const char *error() const { return m_db ? sqlite3_errmsg(m_db) : "cannot open the store"; }

    bool record(int lines, qsizetype payloadSize)
    {
        static const QByteArray hash(32, '\x5a');
        static const QByteArray sku("SKU0000042"), name("Green Valley Family Pack Apfelschorle 1 l");
        if (m_payload.size() != payloadSize)
            m_payload = QByteArray(payloadSize, 'x');
        ++m_seq;
        step(m_begin);
        sqlite3_step(m_counter);
        const qint64 number = sqlite3_column_int64(m_counter, 0);
        sqlite3_reset(m_counter);
        const QByteArray receipt = "T01-5F90-" + QByteArray::number(number);
        sqlite3_bind_text(m_sale, 1, receipt.constData(), int(receipt.size()), SQLITE_TRANSIENT);
        for (int i = 2; i <= 8; ++i)
            sqlite3_bind_int64(m_sale, i, 939 * lines);
        step(m_sale);
        const qint64 saleId = sqlite3_last_insert_rowid(m_db);
        sqlite3_bind_int64(m_payment, 1, saleId);
        sqlite3_bind_int64(m_payment, 2, 939 * lines);
        sqlite3_bind_int64(m_payment, 3, 939 * lines);
        step(m_payment);
        for (int l = 1; l <= lines; ++l) {
            sqlite3_bind_int64(m_line, 1, saleId);
            sqlite3_bind_int(m_line, 2, l);
            sqlite3_bind_int(m_line, 3, l);
            sqlite3_bind_text(m_line, 4, sku.constData(), int(sku.size()), SQLITE_STATIC);
            sqlite3_bind_text(m_line, 5, name.constData(), int(name.size()), SQLITE_STATIC);
            for (int i = 6; i <= 8; ++i)
                sqlite3_bind_int64(m_line, i, 939);
            step(m_line);
        }
        for (const char *taxClass : { "STD", "RED" }) {
            sqlite3_bind_int64(m_tax, 1, saleId);
            sqlite3_bind_text(m_tax, 2, taxClass, 3, SQLITE_STATIC);
            for (int i = 3; i <= 5; ++i)
                sqlite3_bind_int64(m_tax, i, 469 * lines);
            step(m_tax);
        }
        const QByteArray eventId = QByteArray::number(m_seq).rightJustified(36, '0');
        sqlite3_bind_int64(m_journal, 1, m_seq);
        sqlite3_bind_text(m_journal, 2, eventId.constData(), int(eventId.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(m_journal, 3, kBenchNow);
        sqlite3_bind_blob(m_journal, 4, m_payload.constData(), int(m_payload.size()), SQLITE_STATIC);
        sqlite3_bind_blob(m_journal, 5, hash.constData(), 32, SQLITE_STATIC);
        sqlite3_bind_blob(m_journal, 6, hash.constData(), 32, SQLITE_STATIC);
        step(m_journal);
        const bool committed = sqlite3_step(m_commit) == SQLITE_DONE;
        sqlite3_reset(m_commit);
        return committed;
    }

private:
    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
        return st;
    }
    static void step(sqlite3_stmt *st)
    {
        sqlite3_step(st);
        sqlite3_reset(st);
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_begin = nullptr, *m_commit = nullptr, *m_counter = nullptr, *m_sale = nullptr, *m_payment = nullptr,
                 *m_line = nullptr, *m_tax = nullptr, *m_journal = nullptr;
    QByteArray m_payload;
    qint64 m_seq = 0;
};

// Recording a sale of N lines with OmniTill (SaleStore::record: receipt number, sale, lines, tax totals, the journal
// entry with its payload and chain hash, one transaction) and with the floor, in turns on the same disk; the floor's
// journal payload is as long as OmniTill's.
void BM_RecordSale(benchmark::State &state)
{
    const QString path = benchDir() + QStringLiteral("/sales.db");
    removeStore(path);
    // 2,000 SKUs, or with OMNITILL_BENCH_SKUS a copy of that demo catalog (how the commit grows with the catalog).
    const bool sized = qEnvironmentVariableIsSet("OMNITILL_BENCH_SKUS");
    if (sized) {
        demoDatabase().reset(); // built once and cached, closed so that the copy is whole
        QFile::copy(benchDir() + QStringLiteral("/catalog-%1.db").arg(benchSkus()), path);
    }
    auto db = Database::open(path);
    if (!db || (!sized && !DemoCatalog::seed(**db, DemoOptions { 2000, 42, kBenchNow }))) {
        state.SkipWithError("cannot prepare the store");
        return;
    }
    SaleFloor floor(benchDir() + QStringLiteral("/sales-floor.db"));
    if (!floor.ok()) {
        state.SkipWithError(floor.error());
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
    auto first = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
    if (!first) {
        state.SkipWithError(qPrintable(first.error().message));
        return;
    }
    auto payload = SaleStore::journalPayload((*db)->connection(), first->saleId);
    if (!payload) {
        state.SkipWithError(qPrintable(payload.error().message));
        return;
    }
    const qsizetype payloadSize = payload->size();
    PairedLatency latency;
    bool floorFirst = false;
    for (auto _ : state) {
        const auto runOurs = [&] {
            latency.ours.start();
            auto r = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
            latency.ours.stop();
            if (!r)
                state.SkipWithError(qPrintable(r.error().message));
            return r.ok();
        };
        const auto runFloor = [&] {
            latency.floor.start();
            const bool ok = floor.record(lines, payloadSize);
            latency.floor.stop();
            if (!ok)
                state.SkipWithError(floor.error());
            return ok;
        };
        // Alternate which goes first, so neither always follows the other's fsync.
        const bool ok = floorFirst ? runFloor() && runOurs() : runOurs() && runFloor();
        floorFirst = !floorFirst;
        if (!ok)
            break;
    }
    latency.report(state);
}
BENCHMARK(BM_RecordSale)->Arg(5)->Arg(40)->Iterations(2000)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
