// SPDX-License-Identifier: GPL-3.0-or-later
// Sync on loopback: draining an offline backlog, hub ingest from many terminals at once, and the initial catalog pull.
// The hub runs on its own thread (as it would in its own process); terminals run SyncWorkers on the main thread.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/pghelper.h"
#include "sync/common/snapshot.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubsnapshots.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/syncworker.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;
using namespace omnitill::sync;

namespace {

// Benchmarks measure; setting up their data must not fail silently.
template<typename T> void require(const Result<T> &r)
{
    if (!r) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(r.error().message));
        std::abort();
    }
}

QString freshDir(const QString &name)
{
    const QString dir = benchDir() + u'/' + name;
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return dir;
}

// A hub on its own thread: store and HTTP server are created, used and destroyed there.
class HubThread
{
public:
    explicit HubThread(const QString &spec)
    {
        m_thread.start();
        QMetaObject::invokeMethod(
            m_context,
            [&] {
                auto store = HubStore::open(spec);
                if (!store) {
                    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(store.error().message));
                    std::abort();
                }
                m_store = std::move(store).value();
                m_server = std::make_unique<HubServer>(*m_store);
                m_port = m_server->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
    }
    ~HubThread()
    {
        QMetaObject::invokeMethod(
            m_context,
            [&] {
                m_server.reset();
                m_snapshots.reset();
                m_store.reset();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_context;
    }
    template<typename F> auto call(F f)
    {
        decltype(f(std::declval<HubStore &>())) result;
        QMetaObject::invokeMethod(
            m_context, [&] { result = f(*m_store); }, Qt::BlockingQueuedConnection);
        return result;
    }
    quint16 port() const { return m_port; }
    // Builds a catalog snapshot in `dir` on the hub's thread and serves it; returns its manifest.
    SnapshotManifest buildSnapshot(const QString &dir)
    {
        SnapshotManifest manifest;
        QMetaObject::invokeMethod(
            m_context,
            [&] {
                m_snapshots = std::make_unique<HubSnapshots>(dir);
                auto m = m_snapshots->build(*m_store, kBenchNow);
                if (!m) {
                    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(m.error().message));
                    std::abort();
                }
                manifest = *m;
                m_server->setSnapshots(m_snapshots.get());
            },
            Qt::BlockingQueuedConnection);
        return manifest;
    }

private:
    QThread m_thread;
    QObject *m_context = [this] {
        auto *o = new QObject;
        o->moveToThread(&m_thread);
        return o;
    }();
    std::unique_ptr<HubStore> m_store;
    std::unique_ptr<HubSnapshots> m_snapshots;
    std::unique_ptr<HubServer> m_server;
    quint16 m_port = 0;
};

struct BenchTerminal
{
    QString path;
    QByteArray token;
};

BenchTerminal makeTerminal(HubThread &hub, const QString &path, int sales, quint32 seed)
{
    auto db = std::move(Database::open(path)).value();
    require(DemoCatalog::seed(*db, DemoOptions { 200, 42, kBenchNow }));
    Catalog catalog(*db);
    SaleStore store(*db, [] { return kBenchNow; });
    const Currency eur = *Currency::fromCode(u"EUR");
    // Offline days compressed: synchronous=FULL is what sales use; for building the backlog faster we batch
    // nothing and accept the fsyncs.
    for (int i = 0; i < sales; ++i) {
        Cart cart(eur, PricingMode::TaxInclusive);
        for (int l = 0; l < 3; ++l) {
            auto item = catalog.lookupSku(
                QStringLiteral("SKU%1").arg(1 + (seed + i * 3 + l) % 200, 7, 10, QLatin1Char('0')), eur, kBenchNow);
            require(cart.add(*item, unitAllowsFraction(item->unit) ? 500 : 1000));
        }
        require(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }));
    }
    const QString id = Journal::identity(db->connection())->terminalId;
    const QByteArray token
        = hub.call([&](HubStore &h) { return h.registerTerminal(id, QStringLiteral("S")).value(); }).toLatin1();
    return { path, token };
}

SyncConfig configFor(const BenchTerminal &t, quint16 port)
{
    SyncConfig c;
    c.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    c.token = t.token;
    c.backoffMinMs = 10;
    c.backoffMaxMs = 200;
    c.minPullGapMs = 0;
    return c;
}

// Runs the workers until every one reports an empty outbox.
double drainAll(std::vector<std::unique_ptr<SyncWorker>> &workers)
{
    int done = 0;
    QEventLoop loop;
    for (auto &w : workers) {
        QObject::connect(w.get(), &SyncWorker::drained, &loop, [&, p = w.get()] {
            if (p->status().pending == 0 && !p->property("done").toBool()) {
                p->setProperty("done", true);
                if (++done == int(workers.size()))
                    loop.quit();
            }
        });
    }
    QElapsedTimer timer;
    timer.start();
    for (auto &w : workers)
        w->start();
    QTimer::singleShot(600'000, &loop, &QEventLoop::quit);
    loop.exec();
    return double(timer.nsecsElapsed()) / 1e9;
}

// The floor of a drain: the same journal entries moved by plain SQLite, no HTTP and no JSON. Batch by batch (of
// `batch`) it reads the next entries from the terminal's journal, stores them in the hub's event table with the
// terminal's new high-water mark in one WAL transaction with synchronous=FULL, then records the acknowledgement on
// the terminal (acked_through and the sales' synced flags) in another. It checks no hash and parses nothing.
double drainFloor(const QString &terminalPath, const QString &hubPath, const QString &terminalId, int batch)
{
    // The hub's schema, as a hub creates it.
    std::move(HubStore::openSqlite(hubPath)).value().reset();
    sqlite3 *hub = nullptr, *terminal = nullptr;
    if (sqlite3_open(QFile::encodeName(hubPath).constData(), &hub) != SQLITE_OK
        || sqlite3_open(QFile::encodeName(terminalPath).constData(), &terminal) != SQLITE_OK)
        std::abort();
    for (sqlite3 *db : { hub, terminal })
        sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
    const auto prepare = [](sqlite3 *db, const char *sql) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
            std::fprintf(stderr, "bench_sync: drain floor: %s\n", sqlite3_errmsg(db));
            std::abort();
        }
        return s;
    };
    sqlite3_stmt *read = prepare(terminal,
        "SELECT seq, epoch, event_id, type, created_at_ms, payload, hash FROM journal WHERE seq > ? ORDER BY seq "
        "LIMIT ?");
    sqlite3_stmt *insert = prepare(hub,
        "INSERT INTO event (terminal_id, epoch, seq, event_id, type, created_at_ms, received_at_ms, payload, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    sqlite3_stmt *hwm = prepare(hub,
        "INSERT INTO terminal_epoch (terminal_id, epoch, hwm, last_hash) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (terminal_id, epoch) DO UPDATE SET hwm = excluded.hwm, last_hash = excluded.last_hash");
    sqlite3_stmt *acked = prepare(terminal, "UPDATE meta SET value = ? WHERE key = 'acked_through'");
    sqlite3_stmt *synced = prepare(terminal,
        "UPDATE sale SET synced = 1 WHERE synced <> 1 AND id IN (SELECT json_extract(payload, '$.id') FROM journal "
        "WHERE seq > ? AND seq <= ? AND type = 'sale.completed')");
    const QByteArray id = terminalId.toUtf8();
    QElapsedTimer timer;
    timer.start();
    qint64 through = 0;
    for (;;) {
        sqlite3_bind_int64(read, 1, through);
        sqlite3_bind_int(read, 2, batch);
        sqlite3_exec(hub, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        qint64 last = through, epoch = 0;
        QByteArray lastHash;
        while (sqlite3_step(read) == SQLITE_ROW) {
            last = sqlite3_column_int64(read, 0);
            epoch = sqlite3_column_int64(read, 1);
            sqlite3_bind_text(insert, 1, id.constData(), int(id.size()), SQLITE_STATIC);
            sqlite3_bind_int64(insert, 2, epoch);
            sqlite3_bind_int64(insert, 3, last);
            for (int c : { 2, 3 })
                sqlite3_bind_text(insert, c + 2, reinterpret_cast<const char *>(sqlite3_column_text(read, c)),
                    sqlite3_column_bytes(read, c), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 6, sqlite3_column_int64(read, 4));
            sqlite3_bind_int64(insert, 7, QDateTime::currentMSecsSinceEpoch());
            for (int c : { 5, 6 })
                sqlite3_bind_blob(
                    insert, c + 3, sqlite3_column_blob(read, c), sqlite3_column_bytes(read, c), SQLITE_TRANSIENT);
            lastHash
                = QByteArray(static_cast<const char *>(sqlite3_column_blob(read, 6)), sqlite3_column_bytes(read, 6));
            if (sqlite3_step(insert) != SQLITE_DONE)
                std::abort();
            sqlite3_reset(insert);
        }
        sqlite3_reset(read);
        if (last == through) {
            sqlite3_exec(hub, "ROLLBACK", nullptr, nullptr, nullptr);
            break;
        }
        sqlite3_bind_text(hwm, 1, id.constData(), int(id.size()), SQLITE_STATIC);
        sqlite3_bind_int64(hwm, 2, epoch);
        sqlite3_bind_int64(hwm, 3, last);
        sqlite3_bind_blob(hwm, 4, lastHash.constData(), int(lastHash.size()), SQLITE_STATIC);
        sqlite3_step(hwm);
        sqlite3_reset(hwm);
        if (sqlite3_exec(hub, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            std::abort();
        sqlite3_exec(terminal, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        const QByteArray lastText = QByteArray::number(last);
        sqlite3_bind_text(acked, 1, lastText.constData(), int(lastText.size()), SQLITE_STATIC);
        sqlite3_step(acked);
        sqlite3_reset(acked);
        sqlite3_bind_int64(synced, 1, through);
        sqlite3_bind_int64(synced, 2, last);
        sqlite3_step(synced);
        sqlite3_reset(synced);
        if (sqlite3_exec(terminal, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            std::abort();
        through = last;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    for (sqlite3_stmt *st : { read, insert, hwm, acked, synced })
        sqlite3_finalize(st);
    sqlite3_close(hub);
    sqlite3_close(terminal);
    return seconds;
}

// One terminal drains `sales` to the hub while strangers hold `idleSockets` idle sockets open to it (no token needed
// to open one).
void drainOneTerminal(benchmark::State &state, int sales, int idleSockets)
{
    for (auto _ : state) {
        state.PauseTiming();
        const QString dir = freshDir(QStringLiteral("drain"));
        HubThread hub(dir + QStringLiteral("/hub.db"));
        const BenchTerminal t = makeTerminal(hub, dir + QStringLiteral("/t.db"), sales, 1);
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < idleSockets; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, hub.port());
            idle.back()->waitForConnected(5000);
        }
        QElapsedTimer settle; // let the hub take them all, as a flood that came first would be
        settle.start();
        while (idleSockets > 0 && settle.elapsed() < 500)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        const QString floorCopy = dir + QStringLiteral("/floor-t.db");
        if (idleSockets == 0) {
            QFile::copy(t.path, floorCopy); // the same backlog for the floor (the store is closed, WAL folded in)
        }
        std::vector<std::unique_ptr<SyncWorker>> workers;
        workers.push_back(std::make_unique<SyncWorker>(t.path, configFor(t, hub.port())));
        state.ResumeTiming();
        const double seconds = drainAll(workers);
        state.SetIterationTime(seconds);
        state.counters["drain_ms"] = seconds * 1000;
        state.counters["events_per_s"] = double(sales) / seconds;
        state.counters["hub_events"] = double(hub.call([](HubStore &h) { return h.eventCount().value(); }));
        if (idleSockets == 0) {
            state.PauseTiming();
            auto db = std::move(Database::open(floorCopy)).value();
            const QString id = Journal::identity(db->connection())->terminalId;
            db.reset();
            const double floor = drainFloor(floorCopy, dir + QStringLiteral("/floor-hub.db"), id, 200);
            state.counters["floor_ms"] = floor * 1000;
            state.counters["ratio"] = seconds / floor;
            state.ResumeTiming();
        }
    }
}

void BM_DrainOfflineBacklog(benchmark::State &state)
{
    drainOneTerminal(state, int(state.range(0)), 0);
}
BENCHMARK(BM_DrainOfflineBacklog)->Arg(10000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// A terminal's sync under a flood of idle sockets: 0 sockets is the floor the figure is set beside.
void BM_SyncUnderIdleSockets(benchmark::State &state)
{
    drainOneTerminal(state, int(state.range(1)), int(state.range(0)));
}
BENCHMARK(BM_SyncUnderIdleSockets)
    ->Args({ 0, 1000 })
    ->Args({ 1100, 1000 })
    ->Iterations(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void hubIngest(benchmark::State &state, bool postgres)
{
    const int terminals = int(state.range(0));
    const int salesEach = int(state.range(1));
    std::optional<QUrl> server = test::TempPgDatabase::server();
    if (postgres && !server) {
        state.SkipWithError(
            "set OMNITILL_TEST_PG=postgresql://user:password@host:port/db (packaging/start-postgres.sh)");
        return;
    }
    for (auto _ : state) {
        state.PauseTiming();
        const QString dir = freshDir(QStringLiteral("ingest"));
        std::unique_ptr<test::TempPgDatabase> pg;
        if (postgres)
            pg = std::make_unique<test::TempPgDatabase>(*server);
        HubThread hub(postgres ? pg->url().toString() : dir + QStringLiteral("/hub.db"));
        std::vector<std::unique_ptr<SyncWorker>> workers;
        for (int i = 0; i < terminals; ++i) {
            const BenchTerminal t = makeTerminal(hub, dir + QStringLiteral("/t%1.db").arg(i), salesEach, quint32(i));
            SyncConfig c = configFor(t, hub.port());
            c.batchSize = 50; // many terminals, smaller batches: more requests, closer to a busy chain
            workers.push_back(std::make_unique<SyncWorker>(t.path, c));
        }
        state.ResumeTiming();
        const double seconds = drainAll(workers);
        state.SetIterationTime(seconds);
        const double events = double(hub.call([](HubStore &h) { return h.eventCount().value(); }));
        state.counters["hub_events"] = events;
        state.counters["sales_per_s"] = events / seconds;
    }
}
void BM_HubIngestSqlite(benchmark::State &state)
{
    hubIngest(state, false);
}
void BM_HubIngestPostgres(benchmark::State &state)
{
    hubIngest(state, true);
}
BENCHMARK(BM_HubIngestSqlite)->Args({ 50, 200 })->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_HubIngestPostgres)->Args({ 50, 200 })->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The floor of provisioning from a snapshot: the file copied with plain reads and writes, then in one transaction the
// same INSERT ... SELECT of every table into an empty store by SQLite's C API: no HTTP, no checks, no hashing.
double provisionFloor(const QString &snapshot, const QString &dir)
{
    const QString copy = dir + QStringLiteral("/floor.snapshot");
    const QString path = dir + QStringLiteral("/floor.db");
    for (const QString &f : QStringList { copy, path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm") })
        QFile::remove(f);
    auto db = std::move(Database::open(path)).value(); // an empty store, as the terminal's was
    sqlite3 *h = sqliteHandle(db->connection());
    QElapsedTimer timer;
    timer.start();
    {
        QFile in(snapshot), out(copy);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            std::abort();
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qint64 n; (n = in.read(block.data(), block.size())) > 0;)
            out.write(block.constData(), n);
        if (!out.flush())
            std::abort();
    }
    const std::string sql = "ATTACH '" + copy.toStdString()
        + "' AS snap; BEGIN IMMEDIATE;"
          "DELETE FROM variant_fts_data; DELETE FROM variant_fts_idx; DELETE FROM variant_fts_content;"
          "DELETE FROM variant_fts_docsize; DELETE FROM variant_fts_config;"
          "INSERT INTO tax_class SELECT * FROM snap.tax_class; INSERT INTO category SELECT * FROM snap.category;"
          "INSERT INTO product SELECT * FROM snap.product; INSERT INTO variant SELECT * FROM snap.variant;"
          "INSERT INTO barcode SELECT * FROM snap.barcode; INSERT INTO price SELECT * FROM snap.price;"
          "INSERT INTO stream_row SELECT * FROM snap.stream_row; INSERT INTO pulled_row SELECT * FROM snap.pulled_row;"
          "INSERT INTO search_prefix SELECT * FROM snap.search_prefix;"
          "INSERT INTO variant_fts_data SELECT * FROM snap.variant_fts_data;"
          "INSERT INTO variant_fts_idx SELECT * FROM snap.variant_fts_idx;"
          "INSERT INTO variant_fts_content SELECT * FROM snap.variant_fts_content;"
          "INSERT INTO variant_fts_docsize SELECT * FROM snap.variant_fts_docsize;"
          "INSERT INTO variant_fts_config SELECT * FROM snap.variant_fts_config;"
          "COMMIT; DETACH snap;";
    char *error = nullptr;
    if (sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "bench_sync: provisioning floor: %s\n", error);
        std::abort();
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

// A new terminal brought up to date with a catalog of benchSkus() SKUs: by pulling every row (Arg 0) or from the
// hub's catalog snapshot and then pulling what changed (Arg 1, beside its floor).
void BM_InitialPull(benchmark::State &state)
{
    const bool snapshot = state.range(0) == 1;
    const qint64 skus = benchSkus();
    const QString dir = freshDir(QStringLiteral("pull"));
    HubThread hub(dir + QStringLiteral("/hub.db"));
    QElapsedTimer publishTimer;
    publishTimer.start();
    hub.call([&](HubStore &h) {
        auto sink = h.catalogPublisher();
        require(sink->begin());
        for (const TaxClass &t : DemoCatalog::taxClasses())
            require(sink->defineTaxClass(t));
        DemoCatalog::generate(
            DemoOptions { skus, 42, kBenchNow }, [&](const CatalogRecord &r) { return sink->write(r).ok(); });
        return sink->commit().ok();
    });
    state.counters["publish_s"] = double(publishTimer.elapsed()) / 1000.0;
    SnapshotManifest manifest;
    if (snapshot) {
        QElapsedTimer buildTimer;
        buildTimer.start();
        manifest = hub.buildSnapshot(dir + QStringLiteral("/snapshots"));
        state.counters["build_s"] = double(buildTimer.elapsed()) / 1000.0;
        state.counters["snapshot_mb"] = double(manifest.size) / 1048576.0;
    }
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = dir + QStringLiteral("/t.db");
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(path + QLatin1String(suffix));
        auto db = std::move(Database::open(path)).value();
        const QString id = Journal::identity(db->connection())->terminalId;
        db.reset();
        BenchTerminal t { path,
            hub.call([&](HubStore &h) { return h.registerTerminal(id, QStringLiteral("S")).value(); }).toLatin1() };
        SyncConfig c = configFor(t, hub.port());
        c.pullLimit = 2000;
        c.provisionFromSnapshot = snapshot;
        c.transferTimeoutMs = 120'000;
        std::vector<std::unique_ptr<SyncWorker>> workers;
        workers.push_back(std::make_unique<SyncWorker>(t.path, c));
        state.ResumeTiming();
        const double seconds = drainAll(workers);
        state.SetIterationTime(seconds);
        state.counters["pull_s"] = seconds;
        state.counters["skus"] = double(skus);
        state.counters["skus_per_s"] = double(skus) / seconds;
        auto check = Database::open(path);
        state.counters["skus_on_terminal"] = double(Catalog(**check).variantCount().value());
        if (snapshot) {
            const QString file = dir + QStringLiteral("/snapshots/snapshot-") + manifest.id + QStringLiteral(".db");
            const double floor = provisionFloor(file, dir);
            state.counters["floor_s"] = floor;
            state.counters["ratio"] = seconds / floor;
        }
    }
}
BENCHMARK(BM_InitialPull)->Arg(0)->Arg(1)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
