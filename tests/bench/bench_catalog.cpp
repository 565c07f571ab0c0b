// SPDX-License-Identifier: GPL-3.0-or-later
// Till hot paths at benchSkus() SKUs: scan a barcode, add the line, reprice the cart; and name search.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/cart.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <random>

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

void BM_ScanAddReprice(benchmark::State &state)
{
    Catalog catalog(sharedDb());
    const QStringList &codes = sampleBarcodes();
    const Currency eur = *Currency::fromCode(u"EUR");
    Cart cart(eur, PricingMode::TaxInclusive);
    LatencyRecorder latency;
    std::mt19937 rng(1);
    for (auto _ : state) {
        const QString &code = codes[qsizetype(rng() % quint32(codes.size()))];
        latency.start();
        auto item = catalog.lookupBarcode(code, eur, kBenchNow);
        if (!item) {
            state.SkipWithError(qPrintable(item.error().message));
            break;
        }
        auto line = cart.add(*item, unitAllowsFraction(item->unit) ? 1235 : 1000, code);
        benchmark::DoNotOptimize(cart.totals().totalMinor);
        latency.stop();
        if (!line) {
            state.SkipWithError(qPrintable(line.error().message));
            break;
        }
        if (cart.lines().size() >= 40) // a large basket, then the next customer
            cart.clear();
    }
    latency.report(state);
}
BENCHMARK(BM_ScanAddReprice)->Iterations(20000)->Unit(benchmark::kMicrosecond);

void BM_NameSearch(benchmark::State &state)
{
    Catalog catalog(sharedDb());
    // What cashiers type: short prefixes (the worst case: most matches), accents, several words.
    const QStringList queries = { QStringLiteral("mil"), QStringLiteral("crème"), QStringLiteral("choc"),
        QStringLiteral("shirt m"), QStringLiteral("apf"), QStringLiteral("jalapeno"), QStringLiteral("koch bio"),
        QStringLiteral("b"), QStringLiteral("nordkap hoodie xl"), QStringLiteral("sku0999"),
        QStringLiteral("pate camp"), QStringLiteral("espresso") };
    LatencyRecorder latency;
    size_t i = 0;
    qint64 hits = 0;
    for (auto _ : state) {
        latency.start();
        auto r = catalog.search(queries[qsizetype(i++ % size_t(queries.size()))], 20);
        latency.stop();
        if (!r) {
            state.SkipWithError(qPrintable(r.error().message));
            break;
        }
        hits += r->size();
    }
    state.counters["hits_per_query"] = double(hits) / double(state.iterations());
    latency.report(state);
}
BENCHMARK(BM_NameSearch)->Iterations(1200)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
