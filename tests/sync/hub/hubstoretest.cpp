// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/hubstore.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/pghelper.h"
#include "support/testhelper.h"

#include <QUuid>

#include <atomic>
#include <thread>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

// Every hub test runs on SQLite and on PostgreSQL.
class HubStoreTest : public DbFixture, public ::testing::WithParamInterface<HubStore::Dialect>
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        Result<std::unique_ptr<HubStore>> hub = makeError(ErrorCode::Storage, {});
        if (GetParam() == HubStore::Dialect::Postgres) {
            const auto server = TempPgDatabase::server();
            if (!server)
                GTEST_SKIP() << "OMNITILL_TEST_PG is not set (packaging/test.sh starts PostgreSQL and sets it)";
            m_pg = std::make_unique<TempPgDatabase>(*server);
            ASSERT_TRUE(m_pg->ok()) << qPrintable(m_pg->error());
            hub = HubStore::openPostgres(m_pg->url(), fixedClock());
        } else {
            hub = HubStore::openSqlite(file(QStringLiteral("hub.db")), fixedClock());
        }
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        m_hub = std::move(hub).value();
        m_id = *Journal::identity(db().connection());
        auto token = m_hub->registerTerminal(m_id.terminalId, QStringLiteral("S001"));
        ASSERT_TRUE(token.ok());
        m_token = token->toLatin1();
    }
    void sell(int n)
    {
        Catalog catalog(db());
        SaleStore store(db(), fixedClock());
        for (int i = 0; i < n; ++i) {
            Cart cart(eur(), PricingMode::TaxInclusive);
            ASSERT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), 1000).ok());
            ASSERT_TRUE(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
        }
    }
    PushRequest batch(qint64 fromSeq, int n)
    {
        QSqlQuery q(db().connection());
        q.prepare(
            QStringLiteral("SELECT seq, epoch, event_id, type, created_at_ms, payload, prev_hash, hash FROM journal "
                           "WHERE seq >= ? ORDER BY seq LIMIT ?"));
        q.addBindValue(fromSeq);
        q.addBindValue(n);
        EXPECT_TRUE(q.exec());
        PushRequest r { m_id.terminalId, m_id.epoch, {} };
        while (q.next())
            r.events.append(JournalEntry { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toByteArray(), q.value(6).toByteArray(),
                q.value(7).toByteArray() });
        return r;
    }
    static const PushAccepted &ok(const std::variant<PushAccepted, PushRejected> &v)
    {
        if (const auto *r = std::get_if<PushRejected>(&v))
            ADD_FAILURE() << "rejected: " << qPrintable(r->code) << " " << qPrintable(r->message);
        static PushAccepted none;
        return std::holds_alternative<PushAccepted>(v) ? std::get<PushAccepted>(v) : none;
    }

    std::unique_ptr<TempPgDatabase> m_pg;
    std::unique_ptr<HubStore> m_hub;
    TerminalIdentity m_id;
    QByteArray m_token;
};

TEST_P(HubStoreTest, AuthenticatesByDeviceToken)
{
    EXPECT_TRUE(m_hub->authenticate(m_id.terminalId, m_token));
    EXPECT_FALSE(m_hub->authenticate(m_id.terminalId, m_token + "x"));
    EXPECT_FALSE(m_hub->authenticate(m_id.terminalId, QByteArray()));
    EXPECT_FALSE(m_hub->authenticate(QUuid::createUuid().toString(QUuid::WithoutBraces), m_token));
    EXPECT_FALSE(m_hub->registerTerminal(QStringLiteral("not-a-uuid"), QStringLiteral("S")).ok());
}

TEST_P(HubStoreTest, AcceptsInOrderAndSkipsDuplicates)
{
    sell(10);
    const PushAccepted a = ok(m_hub->applyPush(batch(1, 6)));
    EXPECT_EQ(a.accepted, 6);
    EXPECT_EQ(a.ackedThrough, 6);
    // A resend overlapping what was stored: the overlap is recognised by hash, the rest is taken.
    const PushAccepted b = ok(m_hub->applyPush(batch(4, 7)));
    EXPECT_EQ(b.duplicates, 3);
    EXPECT_EQ(b.accepted, 4);
    EXPECT_EQ(b.ackedThrough, 10);
    const PushAccepted c = ok(m_hub->applyPush(batch(1, 10)));
    EXPECT_EQ(c.duplicates, 10);
    EXPECT_EQ(c.accepted, 0);
    EXPECT_EQ(*m_hub->eventCount(), 10);
    EXPECT_EQ(*m_hub->distinctEventIds(), 10);
}

TEST_P(HubStoreTest, StopsAtAGap)
{
    sell(8);
    ok(m_hub->applyPush(batch(1, 3)));
    const PushAccepted a = ok(m_hub->applyPush(batch(5, 4)));
    EXPECT_EQ(a.accepted, 0);
    EXPECT_EQ(a.ackedThrough, 3) << "the terminal must resend from 4";
    EXPECT_EQ(*m_hub->eventCount(), 3);
}

TEST_P(HubStoreTest, DetectsADamagedEventAtItsSeq)
{
    sell(5);
    PushRequest r = batch(1, 5);
    r.events[3].payload[5] = 'X';
    const auto outcome = m_hub->applyPush(r);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(outcome));
    const PushRejected &rej = std::get<PushRejected>(outcome);
    EXPECT_EQ(rej.code, QStringLiteral("CHAIN_INVALID"));
    EXPECT_EQ(rej.firstBadSeq, 4);
    EXPECT_EQ(rej.ackedThrough, 3) << "the intact events before it are kept";
    EXPECT_EQ(*m_hub->eventCount(), 3);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_INVALID")), 1);
}

TEST_P(HubStoreTest, DivergingHistoryMovesTheTerminalToANewEpoch)
{
    sell(4);
    ok(m_hub->applyPush(batch(1, 4)));
    // Another history for seq 3 and 4 with valid hashes: what a restored backup or a clone would send.
    PushRequest other = batch(1, 4);
    for (int i = 2; i < 4; ++i) {
        other.events[i].payload.replace("T01-", "T99-");
        other.events[i].prevHash = other.events[i - 1].hash;
        other.events[i].eventId = Journal::newEventId(kNow);
        other.events[i].hash = Journal::computeHash(other.events[i]);
    }
    const auto outcome = m_hub->applyPush(other);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(outcome));
    const PushRejected &rej = std::get<PushRejected>(outcome);
    EXPECT_EQ(rej.code, QStringLiteral("CHAIN_FORK"));
    EXPECT_EQ(rej.firstBadSeq, 3);
    EXPECT_EQ(rej.newEpoch, 2);
    EXPECT_EQ(m_hub->terminalState(m_id.terminalId)->epoch, 2);
    EXPECT_EQ(*m_hub->eventCount(), 4) << "nothing the hub held was overwritten";
    // The old epoch is closed: more events in it are a fork again, never stored.
    const auto again = m_hub->applyPush(other);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(again));
    EXPECT_EQ(std::get<PushRejected>(again).newEpoch, 3);
}

TEST_P(HubStoreTest, QuarantinesButNeverRejectsQuestionableFacts)
{
    {
        Transaction tx(db().connection());
        ASSERT_TRUE(Journal::append(db().connection(), QStringLiteral("cash.drawer_opened"), "{}", kNow).ok());
        ASSERT_TRUE(Journal::append(db().connection(), QStringLiteral("sale.completed"), "not json", kNow).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    const PushAccepted a = ok(m_hub->applyPush(batch(1, 2)));
    EXPECT_EQ(a.accepted, 2);
    ASSERT_EQ(a.quarantined.size(), 2);
    EXPECT_EQ(a.quarantined[0].code, QStringLiteral("UNKNOWN_TYPE"));
    EXPECT_EQ(a.quarantined[1].code, QStringLiteral("BAD_PAYLOAD"));
}

TEST_P(HubStoreTest, UnknownTerminalAndInventedEpoch)
{
    sell(1);
    PushRequest r = batch(1, 1);
    r.terminalId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto unknown = m_hub->applyPush(r);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(unknown));
    EXPECT_EQ(std::get<PushRejected>(unknown).httpStatus, 401);
    PushRequest future = batch(1, 1);
    future.epoch = 5;
    auto invented = m_hub->applyPush(future);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(invented));
    EXPECT_EQ(std::get<PushRejected>(invented).code, QStringLiteral("MALFORMED"));
}

// Two hubs sharing one database (replicas behind a load balancer) receive the same pushes at the same time, as a
// retried request can: every event is stored once and the high-water mark is right.
TEST_P(HubStoreTest, ReplicasSharingADatabaseNeverDuplicate)
{
    sell(60);
    const QString spec
        = GetParam() == HubStore::Dialect::Postgres ? m_pg->url().toString() : file(QStringLiteral("hub.db"));
    QList<PushRequest> batches;
    for (qint64 from = 1; from <= 60; from += 10)
        batches.append(batch(from, 15)); // overlapping batches
    std::atomic<int> failures { 0 };
    auto replica = [&] {
        auto hub = HubStore::open(spec, fixedClock()); // its own connection, on its own thread
        if (!hub) {
            ++failures;
            return;
        }
        for (int round = 0; round < 3; ++round) {
            for (const PushRequest &r : batches) {
                if (!std::holds_alternative<PushAccepted>((*hub)->applyPush(r)))
                    ++failures;
            }
        }
    };
    std::thread a(replica);
    std::thread b(replica);
    a.join();
    b.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(*m_hub->eventCount(), 60);
    EXPECT_EQ(*m_hub->distinctEventIds(), 60);
    EXPECT_EQ(m_hub->terminalState(m_id.terminalId)->hwm, 60);
}

INSTANTIATE_TEST_SUITE_P(Engines, HubStoreTest,
    ::testing::Values(HubStore::Dialect::Sqlite, HubStore::Dialect::Postgres),
    [](const ::testing::TestParamInfo<HubStore::Dialect> &param) {
        return param.param == HubStore::Dialect::Sqlite ? "Sqlite" : "Postgres";
    });
