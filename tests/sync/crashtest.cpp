// SPDX-License-Identifier: GPL-3.0-or-later
// Processes killed with SIGKILL: the terminal while it sells and pushes (T1), the hub while it applies pushes (T4).
#include "support/synchelper.h"

#include <QProcess>
#include <QTcpServer>

#include <random>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class CrashTest : public SyncFixture
{
};

// T1: kill -9 at random moments while sales commit and pushes run; every acknowledged sale survives, the journal
// verifies, and afterwards everything reaches the hub exactly once.
TEST_F(CrashTest, KilledTerminalLosesNothingItAcknowledged)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    std::mt19937 rng(1);
    qint64 acknowledged = 0;
    for (int round = 0; round < 25; ++round) {
        QProcess gen;
        gen.start(QStringLiteral(OMNITILL_SALEGEN_BIN),
            { t.path, QStringLiteral("--hub"), QStringLiteral("http://127.0.0.1:%1").arg(m_hubPort),
                QStringLiteral("--token"), QString::fromLatin1(t.token) });
        ASSERT_TRUE(gen.waitForStarted());
        QTest::qWait(int(100 + rng() % 300)); // the hub serves pushes meanwhile
        gen.kill();
        ASSERT_TRUE(gen.waitForFinished());
        for (const QByteArray &line : gen.readAllStandardOutput().split('\n')) {
            if (line.startsWith("ACK "))
                acknowledged = std::max(acknowledged, line.mid(4).toLongLong());
        }
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok()) << "round " << round << ": " << qPrintable(db.error().message);
        ASSERT_TRUE((*db)->integrityCheck().ok()) << "round " << round;
        auto v = Journal::verify((*db)->connection());
        ASSERT_TRUE(v.ok() && v->ok()) << "round " << round << ": " << qPrintable(v ? v->problem : v.error().message);
        ASSERT_GE(v->entries, acknowledged) << "round " << round << ": an acknowledged sale was lost";
        QSqlQuery q((*db)->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM sale")) && q.next());
        ASSERT_EQ(q.value(0).toLongLong(), v->entries) << "every sale has its journal entry and no more";
    }
    EXPECT_GT(acknowledged, 100);
    EXPECT_GT(*m_hub->eventCount(), 0) << "pushes ran while the terminal was being killed";
    SyncWorker worker(t.path, config(t, m_hubPort));
    worker.start();
    ASSERT_TRUE(drain(worker));
    expectConverged(t);
    EXPECT_EQ(m_hub->terminalState(t.terminalId)->hwm, scalar(t.path, QStringLiteral("SELECT max(seq) FROM journal")));
}

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

// T4: the hub is killed repeatedly while a terminal drains a backlog; after restarts nothing is missing, nothing is
// doubled, and the hub's state matches the events it stored.
TEST_F(CrashTest, KilledHubLosesAndDoublesNothing)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 1500, 77);
    const QString hubDb = m_dir.filePath(QStringLiteral("crashhub.db"));
    QProcess reg;
    reg.start(QStringLiteral(OMNITILL_HUB_BIN),
        { QStringLiteral("--db"), hubDb, QStringLiteral("register"), t.terminalId, QStringLiteral("--store"),
            QStringLiteral("S001") });
    ASSERT_TRUE(reg.waitForFinished());
    ASSERT_EQ(reg.exitCode(), 0) << reg.readAllStandardError().constData();
    Terminal remote = t;
    remote.token = reg.readAllStandardOutput().trimmed();

    const quint16 port = freePort();
    auto startHub = [&](QProcess &hub) {
        hub.start(QStringLiteral(OMNITILL_HUB_BIN),
            { QStringLiteral("--db"), hubDb, QStringLiteral("serve"), QStringLiteral("--port"),
                QString::number(port) });
        return hub.waitForStarted() && hub.waitForReadyRead(10'000);
    };
    SyncConfig c = config(remote, port);
    c.batchSize = 25;
    SyncWorker worker(t.path, c);
    bool drained = false;
    QObject::connect(&worker, &SyncWorker::drained, [&] { drained = worker.status().pending == 0; });

    std::mt19937 rng(4);
    auto hub = std::make_unique<QProcess>();
    ASSERT_TRUE(startHub(*hub));
    worker.start();
    int kills = 0;
    for (; kills < 8 && !drained; ++kills) {
        QTest::qWait(int(60 + rng() % 200));
        hub->kill();
        ASSERT_TRUE(hub->waitForFinished());
        QTest::qWait(int(rng() % 100));
        hub = std::make_unique<QProcess>();
        ASSERT_TRUE(startHub(*hub));
    }
    EXPECT_GE(kills, 3) << "the hub must really die while the backlog drains";
    ASSERT_TRUE(QTest::qWaitFor([&] { return drained; }, 120'000));
    hub->kill();
    hub->waitForFinished();

    auto store = HubStore::openSqlite(hubDb);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(*(*store)->eventCount(), 1500);
    EXPECT_EQ(*(*store)->distinctEventIds(), 1500);
    EXPECT_EQ((*store)->terminalState(t.terminalId)->hwm, 1500);
    QSqlQuery q((*store)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("ok"));
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT max(seq) FROM event")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 1500) << "terminal_state agrees with the stored events";
    EXPECT_EQ(scalar(t.path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")), 0);
}
