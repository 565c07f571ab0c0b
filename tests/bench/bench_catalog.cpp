// SPDX-License-Identifier: GPL-3.0-or-later
// Till hot paths at benchSkus() SKUs: scan a barcode, add the line, reprice the cart; and name search.
#include "bench/benchsupport.h"
#include "bench/lookupfloor.h"

#include "core/catalog/catalog.h"
#include "core/sale/cart.h"
#include "core/storage/searchindex.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <random>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

Database &sharedDb()
{
    static std::unique_ptr<Database> db = demoDatabase();
    return *db;
}

// Barcodes sampled uniformly from the whole catalog, so lookups hit cold and warm pages alike.
const QStringList &sampleBarcodes()
{
    static const QStringList codes = [] {
        QStringList out;
        QSqlQuery q(sharedDb().connection());
        q.prepare(QStringLiteral("SELECT code FROM barcode ORDER BY random() LIMIT 5000"));
        if (!q.exec())
            std::abort();
        while (q.next())
            out << q.value(0).toString();
        return out;
    }();
    return codes;
}

// A scan at the till: look the barcode up (validated, the price valid now), add the line and reprice the cart (baskets
// up to 40 lines), beside the floor in turns.
void BM_ScanAddReprice(benchmark::State &state)
{
    Catalog catalog(sharedDb());
    LookupFloor floor(sharedDb());
    if (!floor.ok()) {
        state.SkipWithError("cannot prepare the floor's statement");
        return;
    }
    const QStringList &codes = sampleBarcodes();
    QList<QByteArray> utf8;
    for (const QString &code : codes)
        utf8.append(code.toUtf8());
    const Currency eur = *Currency::fromCode(u"EUR");
    Cart cart(eur, PricingMode::TaxInclusive);
    PairedLatency latency;
    std::mt19937 rng(1);
    bool floorFirst = false;
    for (auto _ : state) {
        const qsizetype pick = qsizetype(rng() % quint32(codes.size()));
        const QString &code = codes[pick];
        const auto runOurs = [&] {
            latency.ours.start();
            auto item = catalog.lookupBarcode(code, eur, kBenchNow);
            if (!item) {
                state.SkipWithError(qPrintable(item.error().message));
                return false;
            }
            auto line = cart.add(*item, unitAllowsFraction(item->unit) ? 1235 : 1000, code);
            benchmark::DoNotOptimize(cart.totals().totalMinor);
            latency.ours.stop();
            if (!line) {
                state.SkipWithError(qPrintable(line.error().message));
                return false;
            }
            return true;
        };
        const auto runFloor = [&] {
            latency.floor.start();
            const qint64 id = floor.lookup(utf8[pick]);
            latency.floor.stop();
            if (id == 0)
                state.SkipWithError("the floor found no row");
            return id != 0;
        };
        const bool ok = floorFirst ? runFloor() && runOurs() : runOurs() && runFloor();
        floorFirst = !floorFirst;
        if (!ok)
            break;
        if (cart.lines().size() >= 40) // a large basket, then the next customer
            cart.clear();
    }
    latency.report(state);
}
BENCHMARK(BM_ScanAddReprice)->Iterations(20000)->Unit(benchmark::kMicrosecond);

// What cashiers type: short prefixes (the worst case: most matches), accents, several words.
const QStringList &searchQueries()
{
    static const QStringList queries = { QStringLiteral("mil"), QStringLiteral("crème"), QStringLiteral("choc"),
        QStringLiteral("shirt m"), QStringLiteral("apf"), QStringLiteral("jalapeno"), QStringLiteral("koch bio"),
        QStringLiteral("b"), QStringLiteral("nordkap hoodie xl"), QStringLiteral("sku0999"),
        QStringLiteral("pate camp"), QStringLiteral("espresso") };
    return queries;
}

// The floor of a search: the statement Catalog::search runs (FTS5 MATCH, omnitill_rank with the word counts, the
// first kSearchCandidates candidates, the best 20 joined to their variants and products), prepared once with
// SQLite's C API, its rows read. The counts are worked out beforehand, once per query.
class SearchFloor
{
public:
    SearchFloor(Database &db, const char *rankExpression)
        : m_db(sqliteHandle(db.connection()))
    {
        const std::string sql = std::string("SELECT v.id, v.sku, p.name, v.label, p.brand FROM (SELECT rowid, r FROM "
                                            "(SELECT rowid, ")
            + rankExpression
            + " AS r FROM variant_fts WHERE variant_fts MATCH ?2 LIMIT ?3) ORDER BY r LIMIT 20) f "
              "JOIN variant v ON v.id = f.rowid JOIN product p ON p.id = v.product_id WHERE v.active = 1 "
              "ORDER BY f.r";
        sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    }
    ~SearchFloor() { sqlite3_finalize(m_stmt); }
    bool ok() const { return m_stmt != nullptr; }
    int search(const QByteArray &match, const QByteArray &counts)
    {
        sqlite3_bind_text(m_stmt, 1, counts.constData(), int(counts.size()), SQLITE_STATIC);
        sqlite3_bind_text(m_stmt, 2, match.constData(), int(match.size()), SQLITE_STATIC);
        sqlite3_bind_int(m_stmt, 3, Catalog::kSearchCandidates);
        int rows = 0;
        while (sqlite3_step(m_stmt) == SQLITE_ROW) {
            for (int i = 1; i < 5; ++i)
                benchmark::DoNotOptimize(sqlite3_column_text(m_stmt, i));
            ++rows;
        }
        sqlite3_reset(m_stmt);
        return rows;
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// The rows each word of `text` matches, as Catalog::search hands them to omnitill_rank.
QByteArray wordCounts(Database &db, QStringView text)
{
    auto tokenizer = SearchIndex::Tokenizer::open(db.connection());
    QByteArray counts;
    for (const QString &word : Catalog::searchWords(text)) {
        qint64 rows = -1;
        auto tokens = (*tokenizer)->tokens(word.toUtf8(), SearchIndex::Tokenizer::Purpose::PrefixQuery);
        if (tokens && tokens->size() == 1) {
            auto q = db.statement("SELECT rows FROM search_prefix WHERE prefix = ?");
            q->bindBlob(0, tokens->first());
            if (*q->next(u"reading"))
                rows = q->int64(0);
        }
        counts += (counts.isEmpty() ? "" : " ") + QByteArray::number(rows);
    }
    return counts;
}

// Name search, 20 results: Catalog::search and its floor in turns, over the query mix, 100 rounds.
void BM_NameSearch(benchmark::State &state)
{
    Database &db = sharedDb();
    Catalog catalog(db);
    SearchFloor floor(db, "omnitill_rank(variant_fts, ?1)");
    if (!floor.ok()) {
        state.SkipWithError("cannot prepare the floor's statement");
        return;
    }
    const QStringList &queries = searchQueries();
    QList<QByteArray> matches, counts;
    for (const QString &q : queries) {
        matches << Catalog::ftsQuery(q).toUtf8();
        counts << wordCounts(db, q);
    }
    PairedLatency latency;
    size_t i = 0;
    qint64 hits = 0;
    bool floorFirst = false;
    for (auto _ : state) {
        const qsizetype k = qsizetype(i++ % size_t(queries.size()));
        const auto runOurs = [&] {
            latency.ours.start();
            auto r = catalog.search(queries[k], 20);
            latency.ours.stop();
            if (!r)
                state.SkipWithError(qPrintable(r.error().message));
            else
                hits += r->size();
            return r.ok();
        };
        const auto runFloor = [&] {
            latency.floor.start();
            benchmark::DoNotOptimize(floor.search(matches[k], counts[k]));
            latency.floor.stop();
            return true;
        };
        const bool ok = floorFirst ? runFloor() && runOurs() : runOurs() && runFloor();
        floorFirst = !floorFirst;
        if (!ok)
            break;
    }
    state.counters["hits_per_query"] = double(hits) / double(state.iterations());
    latency.report(state);
}
BENCHMARK(BM_NameSearch)->Iterations(1200)->Unit(benchmark::kMicrosecond);

// The design before issue 10, for comparison: the same query ranked by FTS5's bm25(), which counts every word's
// rows by reading its whole posting list on every search (the floor of the old Catalog::search).
void BM_NameSearchBm25(benchmark::State &state)
{
    SearchFloor bm25(sharedDb(), "rank");
    QList<QByteArray> matches;
    for (const QString &q : searchQueries())
        matches << Catalog::ftsQuery(q).toUtf8();
    LatencyRecorder latency;
    size_t i = 0;
    for (auto _ : state) {
        latency.start();
        benchmark::DoNotOptimize(bm25.search(matches[qsizetype(i++ % size_t(matches.size()))], QByteArray()));
        latency.stop();
    }
    latency.report(state);
}
BENCHMARK(BM_NameSearchBm25)->Iterations(1200)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
