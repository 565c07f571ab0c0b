// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog import throughput: a benchSkus()-SKU demo CSV imported into an empty store, one transaction.
#include "bench/benchsupport.h"

#include "core/catalog/importer.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

QString demoCsv()
{
    const QString path = benchDir() + QStringLiteral("/catalog-%1.csv").arg(benchSkus());
    if (!QFile::exists(path)) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || !DemoCatalog::writeCsv(f, DemoOptions { benchSkus(), 42, kBenchNow }).ok()
            || !f.commit())
            std::abort();
    }
    return path;
}

void BM_ImportCsv(benchmark::State &state)
{
    const QString csv = demoCsv();
    qint64 records = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString dbPath = benchDir() + QStringLiteral("/import-target.db");
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(dbPath + QLatin1String(suffix));
        auto db = Database::open(dbPath);
        if (!db) {
            state.SkipWithError(qPrintable(db.error().message));
            break;
        }
        state.ResumeTiming();
        CatalogImporter importer(**db);
        auto r = importer.importFile(csv);
        if (!r) {
            state.SkipWithError(qPrintable(r.error().message));
            break;
        }
        records += r->records;
    }
    state.counters["rows_per_s"] = benchmark::Counter(double(records), benchmark::Counter::kIsRate);
    state.counters["rows"] = double(records) / double(state.iterations());
}
BENCHMARK(BM_ImportCsv)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

OMNITILL_BENCHMARK_MAIN()
