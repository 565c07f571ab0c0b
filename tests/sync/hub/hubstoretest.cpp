// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/hubstore.h"
#include "core/handoff/handoff.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/pghelper.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    // Appends the sale of entry `seq` again as a new entry: its receipt number used twice.
    void appendCopyOf(qint64 seq)
    {
        QSqlQuery q(db().connection());
        q.prepare(QStringLiteral("SELECT payload FROM journal WHERE seq = ?"));
        q.addBindValue(seq);
        ASSERT_TRUE(q.exec() && q.next());
        const QByteArray payload = q.value(0).toByteArray();
        q.finish();
        ASSERT_TRUE(Journal::appendAlone(db(), QStringLiteral("sale.completed"), payload, kNow).ok());
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

TEST_P(HubStoreTest, UnknownTerminalIsRefused)
{
    sell(1);
    PushRequest r = batch(1, 1);
    r.terminalId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto unknown = m_hub->applyPush(r);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(unknown));
    EXPECT_EQ(std::get<PushRejected>(unknown).httpStatus, 401);
}

// A push in an epoch the hub never assigned: the hub lost part of the terminal's history (it was restored from a
// backup taken before the terminal moved on). It says what it still holds and where the rest continues.
TEST_P(HubStoreTest, AnEpochTheHubNeverAssignedMeansTheHubLostHistory)
{
    sell(3);
    ok(m_hub->applyPush(batch(1, 3)));
    PushRequest future = batch(3, 1);
    future.epoch = 5;
    auto behind = m_hub->applyPush(future);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(behind));
    const PushRejected &r = std::get<PushRejected>(behind);
    EXPECT_EQ(r.httpStatus, 409);
    EXPECT_EQ(r.code, QStringLiteral("HUB_BEHIND"));
    EXPECT_EQ(r.heldEpoch, 1);
    EXPECT_EQ(r.ackedThrough, 3);
    EXPECT_EQ(r.newEpoch, 6) << "after every epoch either side has seen";
    EXPECT_EQ(m_hub->terminalState(m_id.terminalId)->epoch, 6);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("HUB_BEHIND")), 1);
    EXPECT_EQ(*m_hub->eventCount(), 3) << "nothing is stored from the unknown epoch";
}

// A copy of the terminal that holds less than the hub does (a clone, or a restored backup, that has not sold since)
// is moved to a new epoch before its next sale reuses a seq the hub holds.
TEST_P(HubStoreTest, ACopyThatHoldsLessThanTheHubIsForked)
{
    sell(5);
    PushRequest all = batch(1, 5);
    all.headSeq = 5;
    ok(m_hub->applyPush(all));
    // The terminal itself, sending again what it sent (an answer was lost), is no copy.
    PushRequest resent = batch(4, 2);
    resent.headSeq = 5;
    EXPECT_EQ(ok(m_hub->applyPush(resent)).duplicates, 2);
    EXPECT_EQ(*m_hub->incidentCount(), 0);
    PushRequest stale = batch(1, 3);
    stale.headSeq = 3;
    auto outcome = m_hub->applyPush(stale);
    ASSERT_TRUE(std::holds_alternative<PushRejected>(outcome));
    const PushRejected &r = std::get<PushRejected>(outcome);
    EXPECT_EQ(r.code, QStringLiteral("CHAIN_FORK"));
    EXPECT_EQ(r.firstBadSeq, 4);
    EXPECT_EQ(r.newEpoch, 2);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("CHAIN_FORK")), 1);
}

// A sale.completed payload must be a sale: every field of its schema, and sums that agree. What is not is kept
// aside with the reason, never refused.
TEST_P(HubStoreTest, SalePayloadsAreCheckedAgainstTheirSchema)
{
    sell(1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT payload FROM journal WHERE seq = 1")) && q.next());
    const QByteArray good = q.value(0).toByteArray();
    QJsonObject textTotal = QJsonDocument::fromJson(good).object();
    textTotal.insert(QStringLiteral("total_minor"), QStringLiteral("12.34"));
    QJsonObject sums = QJsonDocument::fromJson(good).object();
    sums.insert(QStringLiteral("total_minor"), sums.value(u"total_minor").toInteger() + 1);
    QJsonObject noLines = QJsonDocument::fromJson(good).object();
    noLines.insert(QStringLiteral("lines"), QJsonArray {});
    QJsonObject badLine = QJsonDocument::fromJson(good).object();
    QJsonArray lines = badLine.value(u"lines").toArray();
    QJsonObject line = lines.at(0).toObject();
    line.insert(QStringLiteral("qty_milli"), -1000);
    lines.replace(0, line);
    badLine.insert(QStringLiteral("lines"), lines);
    QJsonObject shortPaid = QJsonDocument::fromJson(good).object();
    QJsonArray payments = shortPaid.value(u"payments").toArray();
    QJsonObject payment = payments.at(0).toObject();
    payment.insert(QStringLiteral("amount_minor"), payment.value(u"amount_minor").toInteger() - 1);
    payment.insert(QStringLiteral("tendered_minor"), payment.value(u"tendered_minor").toInteger() - 1);
    payments.replace(0, payment);
    shortPaid.insert(QStringLiteral("payments"), payments);
    QJsonObject cardChange = QJsonDocument::fromJson(good).object();
    payment = cardChange.value(u"payments").toArray().at(0).toObject();
    payment.insert(QStringLiteral("tendered_minor"), payment.value(u"tendered_minor").toInteger() + 500);
    cardChange.insert(QStringLiteral("payments"), QJsonArray { payment });
    cardChange.insert(QStringLiteral("tendered_minor"), cardChange.value(u"tendered_minor").toInteger() + 500);
    cardChange.insert(QStringLiteral("change_minor"), 500);
    const QList<std::pair<QByteArray, QString>> cases = {
        { "{}", QStringLiteral("enc must be an integer from 1 to 2") },
        { QJsonDocument(textTotal).toJson(QJsonDocument::Compact), QStringLiteral("total_minor must be") },
        { QJsonDocument(sums).toJson(QJsonDocument::Compact), QStringLiteral("total_minor is") },
        { QJsonDocument(noLines).toJson(QJsonDocument::Compact), QStringLiteral("lines must be a non-empty array") },
        { QJsonDocument(badLine).toJson(QJsonDocument::Compact),
            QStringLiteral("lines[0].qty_milli must be a positive integer") },
        { QJsonDocument(shortPaid).toJson(QJsonDocument::Compact), QStringLiteral("due_minor is") },
        { QJsonDocument(cardChange).toJson(QJsonDocument::Compact),
            QStringLiteral("payments[0].tendered_minor is more than") },
    };
    {
        Transaction tx(db().connection());
        for (const auto &c : cases)
            ASSERT_TRUE(Journal::append(db().connection(), QStringLiteral("sale.completed"), c.first, kNow).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    const PushAccepted a = ok(m_hub->applyPush(batch(1, 1 + int(cases.size()))));
    EXPECT_EQ(a.accepted, 1 + cases.size()) << "every fact is stored";
    ASSERT_EQ(a.quarantined.size(), cases.size()) << "the real sale passes";
    for (qsizetype i = 0; i < cases.size(); ++i) {
        EXPECT_EQ(a.quarantined[i].seq, i + 2);
        EXPECT_EQ(a.quarantined[i].code, QStringLiteral("BAD_PAYLOAD"));
        EXPECT_TRUE(a.quarantined[i].reason.startsWith(cases[i].second)) << qPrintable(a.quarantined[i].reason);
    }
    QSqlQuery held(m_hub->connection());
    ASSERT_TRUE(held.exec(QStringLiteral("SELECT count(*) FROM event WHERE quarantine_reason IS NOT NULL")));
    ASSERT_TRUE(held.next());
    EXPECT_EQ(held.value(0).toInt(), cases.size()) << "the reason is kept for the back office";
}

// Receipt numbers are unique in the chain: a repeat (two copies of a store numbering alike) is an incident.
TEST_P(HubStoreTest, ARepeatedReceiptNumberIsAnIncident)
{
    sell(2);
    ok(m_hub->applyPush(batch(1, 2)));
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 0);
    appendCopyOf(2);
    const PushAccepted a = ok(m_hub->applyPush(batch(3, 1)));
    EXPECT_EQ(a.accepted, 1);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 1);
}

// The same repeat inside one push: the second use is the incident, the first is not.
TEST_P(HubStoreTest, AReceiptNumberRepeatedWithinOnePushIsOneIncident)
{
    sell(2);
    appendCopyOf(2);
    const PushAccepted a = ok(m_hub->applyPush(batch(1, 3)));
    EXPECT_EQ(a.accepted, 3);
    EXPECT_EQ(*m_hub->incidentCount(QStringLiteral("DUPLICATE_RECEIPT_NO")), 1);
}

// An event whose id the hub already holds at another seq: the history forks there, what comes before it is kept.
TEST_P(HubStoreTest, AnEventIdAlreadyTakenForksAtItsSeq)
{
    sell(3);
    ok(m_hub->applyPush(batch(1, 1)));
    PushRequest r = batch(2, 2);
    ASSERT_EQ(r.events.size(), 2);
    JournalEntry &copy = r.events[1];
    copy.eventId = batch(1, 1).events.constFirst().eventId; // seq 3 claims seq 1's id, chained correctly
    copy.hash = Journal::computeHash(copy);
    const auto outcome = m_hub->applyPush(r);
    const auto *rejected = std::get_if<PushRejected>(&outcome);
    ASSERT_NE(rejected, nullptr);
    EXPECT_EQ(rejected->code, QStringLiteral("CHAIN_FORK"));
    EXPECT_TRUE(rejected->message.contains(QStringLiteral("already accepted at another position")))
        << qPrintable(rejected->message);
    EXPECT_EQ(rejected->ackedThrough, 2);
    EXPECT_EQ(*m_hub->eventCount(), 2);
}

TEST_P(HubStoreTest, TerminalsAreNumberedWithinTheirStore)
{
    EXPECT_EQ(m_hub->terminalCodes(m_id.terminalId)->terminalCode, QStringLiteral("T01"));
    const QString second = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString elsewhere = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ASSERT_TRUE(m_hub->registerTerminal(second, QStringLiteral("S001")).ok());
    ASSERT_TRUE(m_hub->registerTerminal(elsewhere, QStringLiteral("S002")).ok());
    EXPECT_EQ(m_hub->terminalCodes(second)->terminalCode, QStringLiteral("T02"));
    EXPECT_EQ(m_hub->terminalCodes(elsewhere)->terminalCode, QStringLiteral("T01"));
    EXPECT_EQ(m_hub->terminalCodes(elsewhere)->storeCode, QStringLiteral("S002"));
    ASSERT_TRUE(m_hub->registerTerminal(second, QStringLiteral("S001")).ok()) << "re-keyed";
    EXPECT_EQ(m_hub->terminalCodes(second)->terminalCode, QStringLiteral("T02")) << "keeps its code";
    EXPECT_FALSE(m_hub->registerTerminal(second, QStringLiteral("S 001; DROP")).ok());
    EXPECT_EQ(
        m_hub->terminalCodes(QUuid::createUuid().toString(QUuid::WithoutBraces)).error().code, ErrorCode::NotFound);
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

// Online carts on either engine: a code is taken by one till, one till holds the cart, the sale converts it once,
// and a till that asks afterwards is told and flagged once.
TEST_P(HubStoreTest, AnOnlineCartIsPaidOnce)
{
    OnlineCart cart;
    cart.cartId = QStringLiteral("WEB-1");
    cart.currency = QStringLiteral("EUR");
    cart.lines = { { QStringLiteral("SKU0000001"), QStringLiteral("Coffee"), 1000, 1499 } };
    ASSERT_TRUE(m_hub->putCart(cart).ok());
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ASSERT_TRUE(m_hub->registerTerminal(other, QStringLiteral("S002")).ok());
    auto code = m_hub->issueHandoff(QStringLiteral("WEB-1"), HubStore::HandoffPurpose::Handoff, {});
    ASSERT_TRUE(code.ok()) << qPrintable(code.error().message);
    const QString sha = Handoff::tokenHash(code->token);
    EXPECT_EQ(m_hub->resolveHandoff(m_id.terminalId, sha)->outcome, HandoffAnswer::Outcome::Found);
    EXPECT_EQ(m_hub->resolveHandoff(other, sha)->outcome, HandoffAnswer::Outcome::Used);
    auto second = m_hub->issueHandoff(QStringLiteral("WEB-1"), HubStore::HandoffPurpose::Handoff, {});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(m_hub->resolveHandoff(other, Handoff::tokenHash(second->token))->outcome, HandoffAnswer::Outcome::Found);
    EXPECT_EQ(m_hub->claimCart(m_id.terminalId, QStringLiteral("WEB-1"), 1)->outcome, ClaimAnswer::Outcome::Held);
    EXPECT_EQ(m_hub->claimCart(other, QStringLiteral("WEB-1"), 1)->outcome, ClaimAnswer::Outcome::HeldElsewhere);
    EXPECT_FALSE(m_hub->checkoutOnline(QStringLiteral("WEB-1")).ok());

    Catalog catalog(db());
    SaleStore store(db(), fixedClock());
    Cart sale(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(sale.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), 1000).ok());
    sale.setOnlineCart(SaleOnlineCart { QStringLiteral("WEB-1"), 1 });
    auto receipt = store.record(sale, Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("A1") });
    ASSERT_TRUE(receipt.ok());
    ok(m_hub->applyPush(batch(1, 10)));
    auto converted = m_hub->onlineCart(QStringLiteral("WEB-1"));
    ASSERT_TRUE(converted.ok() && *converted);
    EXPECT_EQ((*converted)->status, QStringLiteral("converted"));
    EXPECT_EQ((*converted)->convertedBy, receipt->receiptNo);
    EXPECT_EQ(m_hub->claimCart(other, QStringLiteral("WEB-1"), 1)->outcome, ClaimAnswer::Outcome::Converted);
    EXPECT_EQ(m_hub->claimCart(other, QStringLiteral("WEB-1"), 1)->outcome, ClaimAnswer::Outcome::Converted);
    auto flags = m_hub->cartFlags();
    ASSERT_TRUE(flags.ok());
    ASSERT_EQ(flags->size(), 1) << "one flag however often the till asks";
    EXPECT_EQ(flags->first().code, QStringLiteral("PAID_ELSEWHERE"));
    EXPECT_EQ(flags->first().subject, QStringLiteral("WEB-1"));
    EXPECT_FALSE(m_hub->putCart(cart).ok()) << "a converted cart does not change";
}

INSTANTIATE_TEST_SUITE_P(Engines, HubStoreTest,
    ::testing::Values(HubStore::Dialect::Sqlite, HubStore::Dialect::Postgres),
    [](const ::testing::TestParamInfo<HubStore::Dialect> &param) {
        return param.param == HubStore::Dialect::Sqlite ? "Sqlite" : "Postgres";
    });
