// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/syncservice.h"
#include "support/synchelper.h"

#include <QSignalSpy>
#include <QTcpServer>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

TEST(SyncStatusText, TellsTheCashierWhatIsWaiting)
{
    SyncStatus s;
    EXPECT_EQ(describe(s, kNow), QStringLiteral("All records synced"));
    s.pending = 12;
    s.oldestPendingAtMs = kNow - 14 * 60'000;
    s.state = SyncStatus::State::Waiting;
    EXPECT_EQ(describe(s, kNow), QStringLiteral("12 records waiting to sync (oldest 14 min), hub unreachable"));
    EXPECT_FALSE(needsAttention(s, kNow));
    s.oldestPendingAtMs = kNow - 3 * 86400'000;
    EXPECT_EQ(describe(s, kNow), QStringLiteral("12 records waiting to sync (oldest 3 days), hub unreachable"));
    EXPECT_TRUE(needsAttention(s, kNow)) << "a sale older than an hour not synced";
    s = SyncStatus {};
    s.pending = 1;
    s.stalled = true;
    EXPECT_EQ(describe(s, kNow), QStringLiteral("1 record waiting to sync, sync stalled"));
    EXPECT_TRUE(needsAttention(s, kNow));
    s.state = SyncStatus::State::Blocked;
    s.lastError = QStringLiteral("the hub refused the events (UNAUTHORIZED)");
    EXPECT_TRUE(describe(s, kNow).startsWith(QStringLiteral("Sync blocked, tell a manager: ")));
}

class SyncServiceTest : public SyncFixture
{
};

TEST_F(SyncServiceTest, PublishesTheWorkersStatusFromItsThread)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 30, 3);
    SyncStatus initial;
    initial.pending = 30;
    SyncService service(t.path, config(t, m_hubPort), initial, systemClock());
    EXPECT_TRUE(service.configured());
    QSignalSpy changed(&service, &SyncService::changed);
    ASSERT_TRUE(QTest::qWaitFor([&] { return service.pending() == 0 && *m_hub->eventCount() == 30; }, 30'000));
    EXPECT_GT(changed.count(), 0);
    EXPECT_EQ(service.summary(), QStringLiteral("All records synced"));
    sell(t.path, 2, 4);
    service.syncNow();
    ASSERT_TRUE(QTest::qWaitFor([&] { return *m_hub->eventCount() == 32; }, 30'000));
}

TEST_F(SyncServiceTest, WithoutAHubItSaysSo)
{
    SyncStatus initial;
    initial.pending = 4;
    SyncService service(m_dir.filePath(QStringLiteral("none.db")), std::nullopt, initial, systemClock());
    EXPECT_FALSE(service.configured());
    EXPECT_EQ(service.summary(), QStringLiteral("Sync not set up: 4 records kept on this till"));
    service.syncNow(); // harmless
    // The till reports each sale: the badge follows, with the right number.
    QSignalSpy changed(&service, &SyncService::changed);
    service.setLocalOutbox(1, std::nullopt);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(service.summary(), QStringLiteral("Sync not set up: 1 record kept on this till"));
    service.setLocalOutbox(3, std::nullopt);
    EXPECT_EQ(service.pending(), 3);
    EXPECT_EQ(service.summary(), QStringLiteral("Sync not set up: 3 records kept on this till"));
}

// A kiosk (nothing to push) is online once the hub answered a whole round, and says when that was; a terminal whose
// hub does not answer is offline.
TEST_F(SyncServiceTest, OnlineOnceTheHubAnsweredARound)
{
    const Terminal t = makeTerminal(QStringLiteral("kiosk"));
    SyncService service(t.path, config(t, m_hubPort), SyncStatus {}, systemClock());
    EXPECT_FALSE(service.online()) << "not before the first answer";
    EXPECT_TRUE(service.lastContact().isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return service.online(); }, 30'000));
    EXPECT_FALSE(service.lastContact().isEmpty());

    QTcpServer closed; // a port nobody answers on
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const Terminal other = makeTerminal(QStringLiteral("kiosk2"));
    SyncService unreachable(other.path, config(other, port), SyncStatus {}, systemClock());
    ASSERT_TRUE(QTest::qWaitFor([&] { return unreachable.status().state == SyncStatus::State::Waiting; }, 30'000));
    EXPECT_FALSE(unreachable.online());
    EXPECT_TRUE(unreachable.lastContact().isEmpty());
}
