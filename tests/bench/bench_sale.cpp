// SPDX-License-Identifier: GPL-3.0-or-later
// Recording a completed sale durably: sale, lines, tax totals, receipt number and journal entry in one WAL
// transaction with synchronous=FULL (an fsync per commit), on the disk OMNITILL_BENCH_DIR lives on.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"

#include <QCoreApplication>

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

} // namespace

OMNITILL_BENCHMARK_MAIN()
