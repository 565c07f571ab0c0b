// SPDX-License-Identifier: GPL-3.0-or-later
// Sync on loopback: draining an offline backlog, hub ingest from many terminals at once, and the initial catalog pull.
// The hub runs on its own thread (as it would in its own process); terminals run SyncWorkers on the main thread.
#include "bench/benchsupport.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/pghelper.h"
#include "sync/common/protocol.h"
#include "sync/common/snapshot.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubsnapshots.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/syncworker.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
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
                // As omnitill-hub serve runs it: pushes on a writer thread, reads on two more.
                if (!m_server->startWorkers(2, [spec] { return HubStore::open(spec); })) {
                    std::fprintf(stderr, "bench_sync: cannot start the hub's workers\n");
                    std::abort();
                }
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

// A terminal registered with the hub, holding `sales` offline sales. Its receipt numbers carry the codes the hub gave
// it, as a terminal's do after its first contact: terminals of one store never share receipt numbers.
BenchTerminal makeTerminal(HubThread &hub, const QString &path, int sales, quint32 seed)
{
    auto db = std::move(Database::open(path)).value();
    const QString id = Journal::identity(db->connection())->terminalId;
    const QByteArray token
        = hub.call([&](HubStore &h) { return h.registerTerminal(id, QStringLiteral("S")).value(); }).toLatin1();
    const auto codes = hub.call([&](HubStore &h) { return h.terminalCodes(id).value(); });
    require(writeMeta(db->connection(), QStringLiteral("store_code"), codes.storeCode));
    require(writeMeta(db->connection(), QStringLiteral("terminal_code"), codes.terminalCode));
    require(DemoCatalog::seed(*db, DemoOptions { 200, 42, kBenchNow }));
    Catalog catalog(*db);
    SaleStore store(*db, [] { return kBenchNow; });
    const Currency eur = *Currency::fromCode(u"EUR");
    for (int i = 0; i < sales; ++i) {
        Cart cart(eur, PricingMode::TaxInclusive);
        for (int l = 0; l < 3; ++l) {
            auto item = catalog.lookupSku(
                QStringLiteral("SKU%1").arg(1 + (seed + i * 3 + l) % 200, 7, 10, QLatin1Char('0')), eur, kBenchNow);
            require(cart.add(*item, unitAllowsFraction(item->unit) ? 500 : 1000));
        }
        require(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }));
    }
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

// The PostgreSQL server for the hub benchmarks, or nullopt with the benchmark skipped and told how to get one.
std::optional<QUrl> postgresServer(benchmark::State &state)
{
    auto server = test::TempPgDatabase::server();
    if (!server)
        state.SkipWithError(
            "set OMNITILL_TEST_PG=postgresql://user:password@host:port/db (packaging/start-postgres.sh)");
    return server;
}

void hubIngest(benchmark::State &state, bool postgres)
{
    const int terminals = int(state.range(0));
    const int salesEach = int(state.range(1));
    const std::optional<QUrl> server = postgres ? postgresServer(state) : std::nullopt;
    if (postgres && !server)
        return;
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

// The hub's own capacity: terminals' real pushes (their journals encoded as the SyncWorker would, batches of 50)
// replayed by 50 concurrent keep-alive connections that do nothing else, so the hub, not the terminals' fsyncs and
// JSON, is what is measured. Each connection sends its next push when the answer to the last arrives.
class PushReplayer : public QObject
{
public:
    // Terminal i's pushes go to ports[i % ports.size()].
    PushReplayer(const QList<quint16> &ports, QList<QList<QByteArray>> requests)
        : m_requests(std::move(requests))
    {
        for (qsizetype i = 0; i < m_requests.size(); ++i) {
            auto *socket = new QTcpSocket(this);
            m_sockets.append(socket);
            m_next.append(0);
            m_in.append(QByteArray());
            connect(socket, &QTcpSocket::connected, this, [this, i] { send(i); });
            connect(socket, &QTcpSocket::readyRead, this, [this, i] { receive(i); });
            socket->connectToHost(QHostAddress::LocalHost, ports[i % ports.size()]);
        }
    }
    // Runs until every push is answered; the seconds it took, or -1 when an answer was not 200.
    double run()
    {
        QElapsedTimer timer;
        timer.start();
        QTimer::singleShot(300'000, &m_loop, &QEventLoop::quit);
        m_loop.exec();
        return m_failed ? -1 : double(timer.nsecsElapsed()) / 1e9;
    }

private:
    void send(qsizetype i)
    {
        if (m_next[i] >= m_requests[i].size()) {
            if (++m_done == m_requests.size())
                m_loop.quit();
            return;
        }
        m_sockets[i]->write(m_requests[i][m_next[i]++]);
    }
    void receive(qsizetype i)
    {
        m_in[i] += m_sockets[i]->readAll();
        const qsizetype headEnd = m_in[i].indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const qsizetype at = m_in[i].indexOf("Content-Length: ");
        const qint64 length = m_in[i].mid(at + 16, m_in[i].indexOf('\r', at) - at - 16).toLongLong();
        if (m_in[i].size() < headEnd + 4 + length)
            return;
        if (!m_in[i].startsWith("HTTP/1.1 200")) {
            std::fprintf(stderr, "bench_sync: a push was refused: %s\n", m_in[i].left(300).constData());
            m_failed = true;
        }
        m_in[i].remove(0, headEnd + 4 + length);
        send(i);
    }

    QList<QList<QByteArray>> m_requests;
    QList<QTcpSocket *> m_sockets;
    QList<qsizetype> m_next;
    QList<QByteArray> m_in;
    qsizetype m_done = 0;
    bool m_failed = false;
    QEventLoop m_loop;
};

// A terminal's journal as the pushes its SyncWorker would send, batches of `batch`, as raw HTTP requests.
QList<QByteArray> pushRequests(const BenchTerminal &t, int batch, QList<QList<JournalEntry>> &batches)
{
    auto db = std::move(Database::open(t.path)).value();
    const TerminalIdentity id = *Journal::identity(db->connection());
    auto all = *Journal::pending(db->connection(), 1'000'000);
    QList<QByteArray> out;
    for (qsizetype from = 0; from < all.size(); from += batch) {
        PushRequest r { id.terminalId, id.epoch, all.mid(from, batch), all.constLast().seq };
        batches.append(r.events);
        const QByteArray body = encodePushRequest(r);
        out.append(
            "POST /sync/v1/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nAuthorization: Bearer "
            + t.token + "\r\nX-Terminal-Id: " + id.terminalId.toLatin1()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    return out;
}

// The floor of ingest: the same batches, in the order the hub took them (round robin over the terminals), each
// stored by plain SQLite in one WAL transaction with synchronous=FULL (events and the terminal's high-water mark),
// into a hub database of the same schema.
double ingestFloor(const QString &hubPath, const QList<QList<QList<JournalEntry>>> &perTerminal)
{
    std::move(HubStore::openSqlite(hubPath)).value().reset();
    sqlite3 *hub = nullptr;
    if (sqlite3_open(QFile::encodeName(hubPath).constData(), &hub) != SQLITE_OK)
        std::abort();
    sqlite3_exec(hub, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr, *hwm = nullptr;
    sqlite3_prepare_v3(hub,
        "INSERT INTO event (terminal_id, epoch, seq, event_id, type, created_at_ms, received_at_ms, payload, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        -1, SQLITE_PREPARE_PERSISTENT, &insert, nullptr);
    sqlite3_prepare_v3(hub,
        "INSERT INTO terminal_epoch (terminal_id, epoch, hwm, last_hash) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (terminal_id, epoch) DO UPDATE SET hwm = excluded.hwm, last_hash = excluded.last_hash",
        -1, SQLITE_PREPARE_PERSISTENT, &hwm, nullptr);
    if (!insert || !hwm)
        std::abort();
    QList<QByteArray> ids;
    for (const auto &batches : perTerminal)
        ids.append(batches.constFirst().constFirst().eventId.toUtf8()); // stands in for the terminal id
    QElapsedTimer timer;
    timer.start();
    for (qsizetype round = 0;; ++round) {
        bool any = false;
        for (qsizetype t = 0; t < perTerminal.size(); ++t) {
            if (round >= perTerminal[t].size())
                continue;
            any = true;
            sqlite3_exec(hub, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            for (const JournalEntry &e : perTerminal[t][round]) {
                const QByteArray eventId = e.eventId.toUtf8(), type = e.type.toUtf8();
                sqlite3_bind_text(insert, 1, ids[t].constData(), int(ids[t].size()), SQLITE_STATIC);
                sqlite3_bind_int64(insert, 2, e.epoch);
                sqlite3_bind_int64(insert, 3, e.seq);
                sqlite3_bind_text(insert, 4, eventId.constData(), int(eventId.size()), SQLITE_TRANSIENT);
                sqlite3_bind_text(insert, 5, type.constData(), int(type.size()), SQLITE_TRANSIENT);
                sqlite3_bind_int64(insert, 6, e.createdAtMs);
                sqlite3_bind_int64(insert, 7, QDateTime::currentMSecsSinceEpoch());
                sqlite3_bind_blob(insert, 8, e.payload.constData(), int(e.payload.size()), SQLITE_STATIC);
                sqlite3_bind_blob(insert, 9, e.hash.constData(), int(e.hash.size()), SQLITE_STATIC);
                if (sqlite3_step(insert) != SQLITE_DONE)
                    std::abort();
                sqlite3_reset(insert);
            }
            const JournalEntry &last = perTerminal[t][round].constLast();
            sqlite3_bind_text(hwm, 1, ids[t].constData(), int(ids[t].size()), SQLITE_STATIC);
            sqlite3_bind_int64(hwm, 2, last.epoch);
            sqlite3_bind_int64(hwm, 3, last.seq);
            sqlite3_bind_blob(hwm, 4, last.hash.constData(), int(last.hash.size()), SQLITE_STATIC);
            sqlite3_step(hwm);
            sqlite3_reset(hwm);
            if (sqlite3_exec(hub, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
                std::abort();
        }
        if (!any)
            break;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    sqlite3_finalize(insert);
    sqlite3_finalize(hwm);
    sqlite3_close(hub);
    return seconds;
}

// Args: terminals, sales each. The hub on SQLite, or on PostgreSQL (no floor there: the floor is SQLite's).
void hubCapacity(benchmark::State &state, bool postgres)
{
    const int terminals = int(state.range(0));
    const int salesEach = int(state.range(1));
    const std::optional<QUrl> server = postgres ? postgresServer(state) : std::nullopt;
    if (postgres && !server)
        return;
    for (auto _ : state) {
        state.PauseTiming();
        const QString dir = freshDir(QStringLiteral("capacity"));
        std::unique_ptr<test::TempPgDatabase> pg;
        if (postgres)
            pg = std::make_unique<test::TempPgDatabase>(*server);
        HubThread hub(postgres ? pg->url().toString() : dir + QStringLiteral("/hub.db"));
        QList<QList<QByteArray>> requests;
        QList<QList<QList<JournalEntry>>> batches;
        for (int i = 0; i < terminals; ++i) {
            const BenchTerminal t = makeTerminal(hub, dir + QStringLiteral("/t%1.db").arg(i), salesEach, quint32(i));
            batches.append(QList<QList<JournalEntry>>());
            requests.append(pushRequests(t, 50, batches.last()));
        }
        PushReplayer replayer({ hub.port() }, requests);
        state.ResumeTiming();
        const double seconds = replayer.run();
        state.SetIterationTime(std::max(seconds, 1e-9));
        if (seconds < 0) {
            state.SkipWithError("a push was refused");
            break;
        }
        const double events = double(hub.call([](HubStore &h) { return h.eventCount().value(); }));
        state.counters["hub_events"] = events;
        state.counters["sales_per_s"] = events / seconds;
        if (!postgres) {
            state.PauseTiming();
            const double floor = ingestFloor(dir + QStringLiteral("/floor-hub.db"), batches);
            state.counters["floor_sales_per_s"] = events / floor;
            state.counters["ratio"] = seconds / floor;
            state.ResumeTiming();
        }
    }
}
void BM_HubCapacitySqlite(benchmark::State &state)
{
    hubCapacity(state, false);
}
void BM_HubCapacityPostgres(benchmark::State &state)
{
    hubCapacity(state, true);
}
BENCHMARK(BM_HubCapacitySqlite)->Args({ 50, 200 })->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_HubCapacityPostgres)->Args({ 50, 200 })->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// N hub processes (omnitill-hub serve) on one PostgreSQL database, the terminals spread over them: how ingest scales
// with replicas. Arg: the number of processes; 50 terminals x 200 sales.
void BM_HubReplicasPostgres(benchmark::State &state)
{
    const int processes = int(state.range(0));
    const std::optional<QUrl> server = postgresServer(state);
    if (!server)
        return;
    for (auto _ : state) {
        state.PauseTiming();
        const QString dir = freshDir(QStringLiteral("replicas"));
        test::TempPgDatabase pg(*server);
        QList<QList<QByteArray>> requests;
        {
            HubThread registrar(pg.url().toString()); // creates the schema and registers the terminals
            for (int i = 0; i < 50; ++i) {
                QList<QList<JournalEntry>> unused;
                const BenchTerminal t
                    = makeTerminal(registrar, dir + QStringLiteral("/t%1.db").arg(i), 200, quint32(i));
                requests.append(pushRequests(t, 50, unused));
            }
        }
        std::vector<std::unique_ptr<QProcess>> hubs;
        QList<quint16> ports;
        for (int p = 0; p < processes; ++p) {
            auto hub = std::make_unique<QProcess>();
            hub->setProcessChannelMode(QProcess::MergedChannels);
            hub->start(QStringLiteral(OMNITILL_HUB_BIN),
                { QStringLiteral("--db"), pg.url().toString(), QStringLiteral("serve"), QStringLiteral("--port"),
                    QStringLiteral("0") });
            QByteArray out;
            QElapsedTimer wait;
            wait.start();
            static const QRegularExpression listening(
                QStringLiteral("^listening on [0-9.]+:([0-9]+)$"), QRegularExpression::MultilineOption);
            QRegularExpressionMatch m;
            while (!(m = listening.match(QString::fromUtf8(out))).hasMatch() && wait.elapsed() < 20'000
                && hub->waitForReadyRead(1000))
                out += hub->readAll();
            const quint16 port = m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
            if (port == 0) {
                state.SkipWithError("a hub process did not start");
                return;
            }
            ports.append(port);
            hubs.push_back(std::move(hub));
        }
        PushReplayer replayer(ports, requests);
        state.ResumeTiming();
        const double seconds = replayer.run();
        state.SetIterationTime(std::max(seconds, 1e-9));
        state.PauseTiming();
        for (auto &hub : hubs) {
            hub->terminate();
            hub->waitForFinished();
        }
        if (seconds < 0) {
            state.SkipWithError("a push was refused");
            break;
        }
        auto store = std::move(HubStore::open(pg.url().toString())).value();
        const double events = double(store->eventCount().value());
        state.counters["hub_events"] = events;
        state.counters["sales_per_s"] = events / seconds;
        state.counters["processes"] = processes;
        state.ResumeTiming();
    }
}
BENCHMARK(BM_HubReplicasPostgres)->Arg(1)->Arg(2)->Arg(4)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

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
