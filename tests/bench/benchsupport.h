// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/catalog/demodata.h"
#include "core/storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace omnitill::bench {

// Catalog size for the benchmarks: OMNITILL_BENCH_SKUS, default 1,000,000.
inline qint64 benchSkus()
{
    bool ok = false;
    const qint64 n = qEnvironmentVariableIntValue("OMNITILL_BENCH_SKUS", &ok);
    return ok && n > 0 ? n : 1'000'000;
}

inline QString benchDir()
{
    const QString dir = QProcessEnvironment::systemEnvironment().value(
        QStringLiteral("OMNITILL_BENCH_DIR"), QDir::tempPath() + QStringLiteral("/omnitill-bench"));
    QDir().mkpath(dir);
    return dir;
}

inline constexpr qint64 kBenchNow = 1795341600000; // 2026-11-22T10:00:00Z

// A seeded demo database of benchSkus() SKUs, built once and reused across runs (delete the file to rebuild).
inline std::unique_ptr<Database> demoDatabase()
{
    const QString path = benchDir() + QStringLiteral("/catalog-%1.db").arg(benchSkus());
    const bool exists = QFile::exists(path);
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(db.error().message));
        std::abort();
    }
    if (!exists) {
        std::fprintf(stderr, "building %lld-SKU demo catalog in %s ...\n", benchSkus(), qPrintable(path));
        if (auto st = DemoCatalog::seed(**db, DemoOptions { benchSkus(), 42, kBenchNow }); !st) {
            std::fprintf(stderr, "seeding failed: %s\n", qPrintable(st.error().message));
            QFile::remove(path);
            std::abort();
        }
    }
    return std::move(db).value();
}

// Times each iteration and reports p50/p99/max in microseconds as counters.
class LatencyRecorder
{
public:
    void start() { m_t0 = std::chrono::steady_clock::now(); }
    void stop()
    {
        m_samples.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - m_t0).count());
    }
    double quantile(double q)
    {
        if (m_samples.empty())
            return 0;
        std::sort(m_samples.begin(), m_samples.end());
        return m_samples[std::min(m_samples.size() - 1, size_t(q * double(m_samples.size())))];
    }
    // Counters `<prefix>p50_us`, `<prefix>p99_us`, `<prefix>max_us` (and `samples`).
    void report(benchmark::State &state, const std::string &prefix = {})
    {
        if (m_samples.empty())
            return;
        state.counters[prefix + "p50_us"] = quantile(0.50);
        state.counters[prefix + "p99_us"] = quantile(0.99);
        state.counters[prefix + "max_us"] = m_samples.back();
        state.counters["samples"] = double(m_samples.size());
    }

private:
    std::chrono::steady_clock::time_point m_t0;
    std::vector<double> m_samples;
};

// OmniTill and its floor (the same work done by plain SQLite or the library underneath) timed in turns within one
// benchmark, so both see the same disk and the same neighbours on a shared machine: the ratio holds where absolute
// times drift. Reports p50_us/p99_us for OmniTill, floor_p50_us/floor_p99_us, ratio = p50 / floor p50 and
// p99_ratio = p99 / floor p99.
class PairedLatency
{
public:
    LatencyRecorder ours;
    LatencyRecorder floor;
    void report(benchmark::State &state)
    {
        ours.report(state);
        floor.report(state, "floor_");
        const double base = floor.quantile(0.50);
        if (base > 0)
            state.counters["ratio"] = ours.quantile(0.50) / base;
        const double tail = floor.quantile(0.99);
        if (tail > 0)
            state.counters["p99_ratio"] = ours.quantile(0.99) / tail;
    }
};

} // namespace omnitill::bench

// main() for a benchmark program: Qt needs its application object before any SQL driver or socket is used.
#define OMNITILL_BENCHMARK_MAIN()                                                                                      \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        QCoreApplication app(argc, argv);                                                                              \
        benchmark::Initialize(&argc, argv);                                                                            \
        benchmark::RunSpecifiedBenchmarks();                                                                           \
        benchmark::Shutdown();                                                                                         \
        return 0;                                                                                                      \
    }
