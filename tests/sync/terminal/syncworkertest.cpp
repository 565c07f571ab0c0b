// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/faultyproxy.h"
#include "support/synchelper.h"

#include <QProcess>
#include <QThread>
#include <QTimer>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class SyncWorkerTest : public SyncFixture
{
protected:
    qint64 unsynced(const Terminal &t) const
    {
        return scalar(t.path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0"));
    }
};

// Offline for a while, then online: the backlog drains from the worker's own thread.
TEST_F(SyncWorkerTest, DrainsAnOfflineBacklogFromItsOwnThread)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 300, 1);
    FaultyProxy proxy(m_hubPort, 1);
    proxy.setFaults({ 1.0, 0, 0, 0, false }); // the network is down: every request is lost

    QThread thread;
    auto *worker = new SyncWorker(t.path, config(t, proxy.port()));
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QList<SyncStatus> seen;
    QObject::connect(
        worker, &SyncWorker::statusChanged, &thread, [&](const SyncStatus &s) { seen.append(s); },
        Qt::DirectConnection);
    bool drained = false;
    QObject::connect(
        worker, &SyncWorker::drained, qApp, [&] { drained = true; }, Qt::QueuedConnection);
    thread.start();
    QMetaObject::invokeMethod(worker, &SyncWorker::start, Qt::QueuedConnection);

    ASSERT_TRUE(QTest::qWaitFor([&] { return proxy.droppedRequests >= 3; }, 10'000));
    EXPECT_FALSE(drained);
    proxy.setFaults({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return drained; }, 60'000));
    thread.quit();
    thread.wait();

    bool sawWaiting = false;
    for (const SyncStatus &s : seen)
        sawWaiting |= s.state == SyncStatus::State::Waiting && s.pending == 300 && s.oldestPendingAtMs.has_value();
    EXPECT_TRUE(sawWaiting) << "the status showed the backlog while offline";
    EXPECT_EQ(seen.last().pending, 0);
    EXPECT_EQ(*m_hub->eventCount(), 300);
    expectConverged(t);
}

// T3: lost requests, responses lost after the hub committed, duplicated requests and delays, three terminals at once.
TEST_F(SyncWorkerTest, LostAcksAndDuplicateRequestsNeverDuplicateOrLose)
{
    FaultyProxy proxy(m_hubPort, 3);
    proxy.setFaults({ 0.15, 0.25, 0.05, 20, false });
    QList<Terminal> terminals;
    std::vector<std::unique_ptr<SyncWorker>> workers;
    for (int i = 0; i < 3; ++i) {
        terminals.append(makeTerminal(QStringLiteral("t%1").arg(i)));
        sell(terminals.last().path, 200, quint32(10 + i));
        SyncConfig c = config(terminals.last(), proxy.port());
        c.batchSize = 20;
        workers.push_back(std::make_unique<SyncWorker>(terminals.last().path, c));
        workers.back()->start();
    }
    int drained = 0;
    for (auto &w : workers)
        QObject::connect(w.get(), &SyncWorker::drained, [&, pending = w.get()] {
            if (pending->status().pending == 0)
                ++drained;
        });
    ASSERT_TRUE(QTest::qWaitFor([&] { return *m_hub->eventCount() == 600; }, 120'000));
    workers.clear();
    EXPECT_GT(proxy.droppedResponses, 0) << "the test must really lose acknowledgements";
    EXPECT_GT(proxy.duplicated, 0) << "the test must really duplicate requests";
    EXPECT_GT(proxy.droppedRequests, 0);
    for (const Terminal &t : terminals) {
        // The last acknowledgement may itself have been lost: one more clean round settles the terminal's view.
        SyncWorker settle(t.path, config(t, m_hubPort));
        settle.start();
        ASSERT_TRUE(drain(settle));
        expectConverged(t);
        EXPECT_EQ(
            m_hub->terminalState(t.terminalId)->hwm, scalar(t.path, QStringLiteral("SELECT max(seq) FROM journal")));
    }
    EXPECT_EQ(*m_hub->eventCount(), 600);
}

// T5: many triggers at once and a second process on the same store: never more than one push in flight.
TEST_F(SyncWorkerTest, ConcurrentTriggersKeepASingleFlight)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 400, 5);
    FaultyProxy proxy(m_hubPort, 5);
    proxy.setFaults({ 0, 0, 0, 15, false });
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(saveSyncConfig(**db, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())), t.token).ok());
    }
    SyncConfig c = config(t, proxy.port());
    c.batchSize = 10;
    SyncWorker worker(t.path, c);
    worker.start();
    QProcess other; // a second OmniTill process syncing the same store
    other.setProgram(QStringLiteral(OMNITILL_CLI_BIN));
    other.setArguments(
        { QStringLiteral("--db"), t.path, QStringLiteral("sync"), QStringLiteral("--timeout"), QStringLiteral("60") });
    other.start();
    QTimer storm;
    QObject::connect(&storm, &QTimer::timeout, &worker, [&] {
        for (int i = 0; i < 8; ++i)
            worker.syncNow();
    });
    storm.start(2);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return *m_hub->eventCount() == 400 && other.state() == QProcess::NotRunning; }, 90'000));
    storm.stop();
    EXPECT_EQ(other.exitCode(), 0) << other.readAllStandardError().constData();
    EXPECT_EQ(proxy.maxInFlight, 1) << "at most one push per terminal at a time";
    ASSERT_TRUE(drain(worker));
    expectConverged(t);
}

TEST_F(SyncWorkerTest, WatchdogRestartsAStalledSession)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 20, 7);
    FaultyProxy proxy(m_hubPort, 7);
    proxy.setFaults({ 0, 0, 0, 0, true }); // connections hang: no error, no answer
    SyncConfig c = config(t, proxy.port());
    c.transferTimeoutMs = 120'000;
    c.watchdogMs = 400;
    SyncWorker worker(t.path, c);
    bool stalled = false;
    QObject::connect(&worker, &SyncWorker::statusChanged, [&](const SyncStatus &s) { stalled |= s.stalled; });
    worker.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return stalled; }, 10'000));
    EXPECT_EQ(*m_hub->eventCount(), 0);
    proxy.setFaults({});
    ASSERT_TRUE(drain(worker, 30'000));
    EXPECT_FALSE(worker.status().stalled);
    expectConverged(t);
}

// T13 on the hub side: a journal altered after the sale is refused at the exact entry; nothing after it is taken.
TEST_F(SyncWorkerTest, AlteredJournalIsRefusedAtTheExactEntry)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 6, 9);
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(execDirect((*db)->connection(), QStringLiteral("DROP TRIGGER journal_no_update")).ok());
        ASSERT_TRUE(execDirect((*db)->connection(),
            QStringLiteral("UPDATE journal SET payload = replace(payload, '\"card\"', '\"cash\"') WHERE seq = 4"))
                        .ok());
    }
    SyncWorker worker(t.path, config(t, m_hubPort));
    QString message;
    QObject::connect(&worker, &SyncWorker::blocked, [&](const QString &m) { message = m; });
    worker.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !message.isEmpty(); }, 10'000));
    EXPECT_TRUE(message.contains(QStringLiteral("CHAIN_INVALID"))) << qPrintable(message);
    EXPECT_TRUE(message.contains(QStringLiteral("event 4"))) << qPrintable(message);
    EXPECT_EQ(worker.status().state, SyncStatus::State::Blocked);
    EXPECT_EQ(*m_hub->eventCount(), 3);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_INVALID")), 1);
}

TEST_F(SyncWorkerTest, WrongTokenBlocksWithoutRetrying)
{
    Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 2, 11);
    t.token = "not-the-token-the-hub-issued";
    FaultyProxy proxy(m_hubPort, 11);
    SyncWorker worker(t.path, config(t, proxy.port()));
    QString message;
    QObject::connect(&worker, &SyncWorker::blocked, [&](const QString &m) { message = m; });
    worker.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !message.isEmpty(); }, 10'000));
    EXPECT_TRUE(message.contains(QStringLiteral("UNAUTHORIZED")));
    QTest::qWait(300);
    EXPECT_EQ(proxy.requests, 1) << "a refusal a manager must fix is not retried in a loop";
}

// T10: the store is restored from a backup taken before some sales reached the hub, then sells on.
TEST_F(SyncWorkerTest, RestoredBackupIsDetectedAndNothingIsLost)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 10, 21);
    ASSERT_TRUE(syncOnce(t));
    backup(t.path, m_dir.filePath(QStringLiteral("backup.db")));
    sell(t.path, 5, 22);
    ASSERT_TRUE(syncOnce(t));
    ASSERT_EQ(*m_hub->eventCount(), 15);
    restore(m_dir.filePath(QStringLiteral("backup.db")), t.path);
    sell(t.path, 3, 23, 3600'000); // these reuse seq 11-13, which the hub holds with other sales
    ASSERT_TRUE(syncOnce(t));
    EXPECT_EQ(*m_hub->eventCount(), 18) << "the 15 sales from before the restore and the 3 after it";
    EXPECT_EQ(*m_hub->distinctEventIds(), 18);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_FORK")), 1);
    EXPECT_EQ(m_hub->terminalState(t.terminalId)->epoch, 2);
    auto db = Database::open(t.path);
    EXPECT_EQ(Journal::identity((*db)->connection())->epoch, 2);
    auto v = Journal::verify((*db)->connection());
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok()) << qPrintable(v->problem);
    EXPECT_EQ(scalar(t.path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")), 0);
}

// The hub is restored from a backup older than what it acknowledged: the terminal sends the missing sales again.
TEST_F(SyncWorkerTest, HubRestoredFromABackupGetsTheMissingSalesAgain)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 12, 51);
    ASSERT_TRUE(syncOnce(t));
    ASSERT_EQ(*m_hub->eventCount(), 12);
    // What a restore to the state after 5 events looks like on the hub; and a hub that lost the terminal entirely.
    for (const QString &sql : { QStringLiteral("DELETE FROM event WHERE seq > 5"),
             QStringLiteral("UPDATE terminal_epoch SET hwm = 5, last_hash = (SELECT hash FROM event "
                            "WHERE seq = 5)") })
        ASSERT_TRUE(execDirect(m_hub->connection(), sql).ok());
    sell(t.path, 2, 52);
    ASSERT_TRUE(syncOnce(t));
    EXPECT_EQ(*m_hub->eventCount(), 14);
    EXPECT_EQ(m_hub->terminalState(t.terminalId)->hwm, 14);
    ASSERT_TRUE(execDirect(m_hub->connection(), QStringLiteral("DELETE FROM event")).ok());
    ASSERT_TRUE(execDirect(m_hub->connection(), QStringLiteral("DELETE FROM terminal_epoch")).ok());
    sell(t.path, 1, 53);
    ASSERT_TRUE(syncOnce(t));
    EXPECT_EQ(*m_hub->eventCount(), 15);
    EXPECT_EQ(*m_hub->incidentCount(), 0) << "a hub that lost data is not a fork";
    expectConverged(t);
}

// T10, clones: two copies of one store selling side by side keep being detected; every sale of both arrives once.
TEST_F(SyncWorkerTest, ClonedStoresAreDetectedAndEverySaleArrivesOnce)
{
    const Terminal a = makeTerminal(QStringLiteral("a"));
    sell(a.path, 4, 31);
    ASSERT_TRUE(syncOnce(a));
    backup(a.path, m_dir.filePath(QStringLiteral("b.db")));
    Terminal b = a;
    b.path = m_dir.filePath(QStringLiteral("b.db"));
    for (int round = 0; round < 3; ++round) {
        for (const Terminal *t : std::initializer_list<const Terminal *> { &a, &b }) {
            sell(t->path, 3, quint32(40 + round * 2 + (t == &b)));
            ASSERT_TRUE(syncOnce(*t)) << "round " << round;
        }
    }
    // 4 common sales, then 9 on each copy.
    EXPECT_EQ(*m_hub->eventCount(), 4 + 9 + 9);
    EXPECT_EQ(*m_hub->distinctEventIds(), 22);
    EXPECT_GE(*m_hub->incidentCount(QStringLiteral("CHAIN_FORK")), 5);
    for (const Terminal *t : std::initializer_list<const Terminal *> { &a, &b }) {
        auto db = Database::open(t->path);
        EXPECT_TRUE(Journal::verify((*db)->connection())->ok());
        EXPECT_EQ(scalar(t->path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")), 0);
    }
}

// Issue 9, item 7: the hub is restored from a backup taken before the terminal forked. The hub then knows nothing of
// the terminal's epoch; it must still get back every sale the terminal holds, and the terminal must not block.
TEST_F(SyncWorkerTest, AHubRestoredFromBeforeAForkGetsEverySaleTheTerminalHolds)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 3, 61);
    ASSERT_TRUE(syncOnce(t));
    backup(t.path, m_dir.filePath(QStringLiteral("till-backup.db")));
    backup(m_hub->connection(), m_dir.filePath(QStringLiteral("hub-backup.db")));
    sell(t.path, 2, 62);
    ASSERT_TRUE(syncOnce(t));
    restore(m_dir.filePath(QStringLiteral("till-backup.db")), t.path);
    sell(t.path, 2, 63, 3600'000);
    ASSERT_TRUE(syncOnce(t)) << "the fork is handled: epoch 2";
    ASSERT_EQ(Journal::identity((*Database::open(t.path))->connection())->epoch, 2);
    restoreHub(m_dir.filePath(QStringLiteral("hub-backup.db")));
    sell(t.path, 1, 64, 7200'000);
    ASSERT_TRUE(syncOnce(t)) << "not blocked by an epoch the restored hub never assigned";
    EXPECT_EQ(scalar(t.path, QStringLiteral("SELECT count(*) FROM sale")), 6);
    EXPECT_EQ(*m_hub->eventCount(), 6) << "the 3 the hub kept, and the 3 only the terminal held";
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("HUB_BEHIND")), 1);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 0);
    expectConverged(t);
    // Selling on after all this is ordinary again.
    sell(t.path, 2, 65, 7200'000);
    ASSERT_TRUE(syncOnce(t));
    EXPECT_EQ(*m_hub->eventCount(), 8);
    expectConverged(t);
    EXPECT_TRUE(Journal::verify((*Database::open(t.path))->connection())->ok());
}

// Issue 9, item 10: a fork answer acknowledges the entries before the fork; their sales are synced.
TEST_F(SyncWorkerTest, SalesTheHubHoldsBeforeAForkAreMarkedSynced)
{
    const Terminal a = makeTerminal(QStringLiteral("a"));
    sell(a.path, 5, 71);
    Terminal b = a;
    b.path = m_dir.filePath(QStringLiteral("b.db"));
    backup(a.path, b.path); // a copy with 5 sales the hub has not seen yet
    ASSERT_TRUE(syncOnce(a));
    sell(a.path, 2, 72);
    ASSERT_TRUE(syncOnce(a));
    sell(b.path, 1, 73, 3600'000);
    ASSERT_TRUE(syncOnce(b)) << "its sixth entry is not the hub's sixth: a fork, after five it shares";
    EXPECT_EQ(unsynced(b), 0) << "the five shared sales and the one replayed in the new epoch";
    EXPECT_EQ(*m_hub->eventCount(), 8);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_FORK")), 1);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 0);
}

// Issue 9, item 11: a clone that has not sold since it was made is handled like one that has: an incident, a new
// epoch, and no refusal that a manager must clear.
TEST_F(SyncWorkerTest, ACloneThatHasNotSoldIsHandledLikeOneThatHas)
{
    const Terminal a = makeTerminal(QStringLiteral("a"));
    sell(a.path, 5, 81);
    Terminal b = a;
    b.path = m_dir.filePath(QStringLiteral("b.db"));
    backup(a.path, b.path);
    ASSERT_TRUE(syncOnce(a));
    sell(a.path, 2, 82);
    ASSERT_TRUE(syncOnce(a));
    ASSERT_TRUE(syncOnce(b)) << "the copy holds less than the hub: moved on, not blocked";
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_FORK")), 1);
    EXPECT_EQ(Journal::identity((*Database::open(b.path))->connection())->epoch, 2);
    EXPECT_EQ(unsynced(b), 0);
    EXPECT_EQ(*m_hub->eventCount(), 7);
    sell(b.path, 2, 83, 3600'000);
    ASSERT_TRUE(syncOnce(b));
    EXPECT_EQ(*m_hub->eventCount(), 9) << "the clone's own sales arrive, in its new epoch";
    EXPECT_EQ(unsynced(b), 0);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 0);
}

// Issue 9, item 12: receipt numbers carry the store and terminal codes the hub assigned, and stay unique in the chain
// across a restore: the copy numbers in another series.
TEST_F(SyncWorkerTest, ReceiptNumbersCarryTheHubsCodesAndNeverRepeat)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    const Terminal other = makeTerminal(QStringLiteral("t2"));
    sell(t.path, 1, 91);
    ASSERT_TRUE(syncOnce(t));
    ASSERT_TRUE(syncOnce(other));
    sell(t.path, 2, 92);
    sell(other.path, 1, 93);
    const auto receipts = [&](const Terminal &x) {
        QStringList out;
        auto db = Database::open(x.path);
        QSqlQuery q((*db)->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT receipt_no FROM sale ORDER BY id")));
        while (q.next())
            out << q.value(0).toString();
        return out;
    };
    const QStringList first = receipts(t);
    ASSERT_EQ(first.size(), 3);
    EXPECT_TRUE(first[0].startsWith(QStringLiteral("T01-"))) << qPrintable(first[0]) << ": before registration";
    EXPECT_TRUE(first[1].startsWith(QStringLiteral("S001-T01-"))) << qPrintable(first[1]);
    EXPECT_TRUE(receipts(other).constLast().startsWith(QStringLiteral("S001-T02-")));
    backup(t.path, m_dir.filePath(QStringLiteral("t1-backup.db")));
    sell(t.path, 2, 94);
    ASSERT_TRUE(syncOnce(t));
    restore(m_dir.filePath(QStringLiteral("t1-backup.db")), t.path);
    sell(t.path, 2, 95, 3600'000); // the restored store, started later, counts from the backup's counter
    ASSERT_TRUE(syncOnce(t));
    ASSERT_TRUE(syncOnce(other));
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 0);
    EXPECT_EQ(hubScalar(QStringLiteral("SELECT count(DISTINCT receipt_no) FROM event")),
        hubScalar(QStringLiteral("SELECT count(*) FROM event")));
}
