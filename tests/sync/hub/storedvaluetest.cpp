// SPDX-License-Identifier: GPL-3.0-or-later
// Gift cards and store credit on the hub's ledger: a card sold at one till, redeemed online at another and offline
// at a third within the offline allowance; the overdraft that only the hub can see is flagged for a manager and never
// makes a balance negative; unknown, expired, blocked and drained cards are clear errors.
#include "core/storedvalue/storedvalue.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "core/storedvalue/cardnumber.h"
#include "support/httpclient.h"
#include "support/pghelper.h"
#include "support/testhelper.h"
#include "sync/common/events.h"
#include "sync/common/streamapplier.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

TEST(CardNumberTest, ANumberReadsBackAndTyposAreCaught)
{
    const QString n = CardNumber::generate();
    ASSERT_EQ(n.size(), 17);
    EXPECT_NE(CardNumber::generate(), n) << "random";
    auto parsed = CardNumber::parse(CardNumber::grouped(n).toLower());
    ASSERT_TRUE(parsed.ok()) << qPrintable(parsed.error().message);
    EXPECT_EQ(*parsed, n);
    EXPECT_EQ(CardNumber::hash(n).size(), 64);
    EXPECT_EQ(CardNumber::last4(n), n.mid(12, 4));

    // Crockford's look-alikes are read as what they look like.
    const QString zeros = QStringLiteral("0000111100001111");
    QString withCheck = zeros;
    for (QChar c : QStringLiteral("0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U")) {
        if (CardNumber::parse(QString(zeros + c)).ok())
            withCheck = zeros + c;
    }
    ASSERT_EQ(withCheck.size(), 17);
    EXPECT_EQ(*CardNumber::parse(QString(QStringLiteral("OOOO-IIII-oooo-LLLL-") + withCheck.back())), withCheck);

    // One symbol wrong, two swapped, the wrong length, a symbol that is no symbol, nothing.
    QString typo = n;
    typo[3] = typo[3] == u'7' ? u'8' : u'7';
    EXPECT_FALSE(CardNumber::parse(typo).ok());
    QString swapped = n;
    if (swapped[5] != swapped[6]) {
        std::swap(swapped[5], swapped[6]);
        auto s = CardNumber::parse(swapped);
        ASSERT_FALSE(s.ok());
        EXPECT_TRUE(s.error().message.contains(QStringLiteral("swapped")));
    }
    EXPECT_TRUE(CardNumber::parse(n.left(16)).error().message.contains(QStringLiteral("17")));
    EXPECT_FALSE(CardNumber::parse(QStringLiteral("%1\"").arg(n.left(16))).ok());
    EXPECT_FALSE(CardNumber::parse(u"").ok());
    EXPECT_FALSE(CardNumber::parse(QString(5000, u'A')).ok());
}

namespace {
const QString kCarl = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
const QString kMaria = QStringLiteral("7c9e6679-7425-40de-944b-e07fc1f90ae7");

// A till of its own: a store database, its identity and what it needs to sell and pay.
struct Till
{
    QString path;
    std::unique_ptr<Database> db;
    TerminalIdentity id;
    Clock clock;

    static std::unique_ptr<Till> open(const QString &path, Clock clock)
    {
        auto t = std::make_unique<Till>();
        t->path = path;
        auto db = Database::open(path);
        EXPECT_TRUE(db.ok());
        t->db = std::move(db).value();
        t->id = *Journal::identity(t->db->connection());
        t->clock = std::move(clock);
        EXPECT_TRUE(DemoCatalog::seed(*t->db, DemoOptions { 20, 42, kNow }).ok());
        return t;
    }
    StoredValue storedValue() { return StoredValue(*db, clock); }
};
} // namespace

class StoredValueTest : public DbFixture
{
protected:
    // The hub's database: SQLite here, PostgreSQL in StoredValueOnPostgresTest.
    virtual Result<std::unique_ptr<HubStore>> openHub()
    {
        return HubStore::openSqlite(file(QStringLiteral("hub.db")), [this] { return m_now; });
    }
    void SetUp() override
    {
        DbFixture::SetUp();
        if (IsSkipped())
            return;
        auto hub = openHub();
        if (IsSkipped())
            return;
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        m_hub = std::move(hub).value();
        for (const char *name : { "a.db", "b.db", "c.db" }) {
            m_tills.push_back(Till::open(file(QString::fromLatin1(name)), [this] { return m_now; }));
            ASSERT_TRUE(m_hub->registerTerminal(m_tills.back()->id.terminalId, QStringLiteral("S001")).ok());
        }
    }
    Till &till(int i) { return *m_tills[size_t(i)]; }

    // Sells `value` on a new card at `t` (with one item beside it), paid in cash; returns the card's number.
    QString sellCard(Till &t, qint64 value, std::optional<qint64> expiresAtMs = std::nullopt)
    {
        const QString number = CardNumber::generate();
        Catalog catalog(*t.db);
        Cart cart(eur(), PricingMode::TaxInclusive);
        EXPECT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), kQuantityScale).ok());
        EXPECT_TRUE(cart.setCartDiscount(Discount::percent(1000)).ok());
        const StoredValueLoad load { CardNumber::hash(number), CardNumber::last4(number), Tender::Kind::GiftCard, true,
            expiresAtMs };
        auto line = cart.addStoredValue(load, Money(value, eur()), QStringLiteral("Gift card"));
        EXPECT_TRUE(line.ok());
        EXPECT_EQ(cart.lines()[*line].totalMinor, value) << "a card is loaded with all it was sold for";
        EXPECT_EQ(cart.lines()[*line].cartDiscountMinor, 0) << "outside the cart discount";
        EXPECT_FALSE(cart.setLineDiscount(*line, Discount::amount(100)).ok());
        EXPECT_FALSE(cart.setQuantity(*line, 2 * kQuantityScale).ok());
        EXPECT_FALSE(cart.addStoredValue(load, Money(100, eur()), QStringLiteral("Gift card")).ok())
            << "one card once per sale";
        SaleStore sales(*t.db, t.clock);
        EXPECT_TRUE(sales.record(cart, Payment {}).ok());
        return number;
    }
    // Pushes everything `t` has journaled; the hub applies it.
    void push(Till &t)
    {
        auto pending = Journal::pending(t.db->connection(), 1000);
        ASSERT_TRUE(pending.ok());
        const auto outcome = m_hub->applyPush(
            PushRequest { t.id.terminalId, t.id.epoch, *pending, *Journal::lastSeq(t.db->connection()) });
        if (const auto *r = std::get_if<PushRejected>(&outcome))
            FAIL() << qPrintable(r->code) << " " << qPrintable(r->message);
        const auto &accepted = std::get<PushAccepted>(outcome);
        EXPECT_TRUE(accepted.quarantined.isEmpty())
            << qPrintable(accepted.quarantined.isEmpty() ? QString() : accepted.quarantined.first().reason);
        ASSERT_TRUE(Journal::acknowledge(t.db->connection(), t.id.epoch, accepted.ackedThrough).ok());
    }
    // Pulls the stored_value stream into `t`, as its sync worker does.
    void pull(Till &t)
    {
        auto cursor = StreamApplier::cursor(*t.db, kStoredValueStream);
        ASSERT_TRUE(cursor.ok());
        auto page = m_hub->pull(kStoredValueStream, *cursor, kMaxPullLimit);
        ASSERT_TRUE(page.ok());
        ASSERT_TRUE(StreamApplier::applyPage(*t.db, *page).ok());
    }
    // The hub's answer about a card, as GET /sync/v1/stored-value gives it.
    std::optional<StoredValueCard> ask(const QString &number)
    {
        const QString card = CardNumber::hash(*CardNumber::parse(number));
        auto row = m_hub->storedValueRow(card);
        EXPECT_TRUE(row.ok());
        if (!row.ok() || !*row)
            return std::nullopt;
        auto c = StoredValueCard::fromRow(card, **row);
        EXPECT_TRUE(c.ok());
        return *c;
    }
    void overdraftScenario();
    qint64 hubBalance(const QString &number)
    {
        auto c = ask(number);
        return c ? c->balanceMinor : -1;
    }

    static QJsonObject lastPayloadOf(Till &t, const QString &type)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT payload FROM journal WHERE type = ? ORDER BY seq DESC LIMIT 1"));
        q.addBindValue(type);
        return q.exec() && q.next() ? QJsonDocument::fromJson(q.value(0).toByteArray()).object() : QJsonObject();
    }

    qint64 m_now = kNow;
    std::unique_ptr<HubStore> m_hub;
    std::vector<std::unique_ptr<Till>> m_tills;
    const StoredValueLimits m_limits { 3000, 4000 };
};

TEST_F(StoredValueTest, OnlineAndOfflineRedemptionsMeetAtTheHubWhichFlagsTheOverdraft)
{
    overdraftScenario();
}

// The same ledger on PostgreSQL, where hubs sharing the database lock the card's row (SELECT … FOR UPDATE).
class StoredValueOnPostgresTest : public StoredValueTest
{
protected:
    Result<std::unique_ptr<HubStore>> openHub() override
    {
        const auto server = TempPgDatabase::server();
        if (!server) {
            skip();
            return makeError(ErrorCode::NotFound, QStringLiteral("no PostgreSQL"));
        }
        m_pg = std::make_unique<TempPgDatabase>(*server);
        if (!m_pg->ok())
            return makeError(ErrorCode::Storage, m_pg->error());
        return HubStore::openPostgres(m_pg->url(), [this] { return m_now; });
    }
    static void skip() { GTEST_SKIP() << "set OMNITILL_TEST_PG (packaging/test.sh does)"; }
    void TearDown() override
    {
        m_hub.reset();
        m_pg.reset();
    }
    std::unique_ptr<TempPgDatabase> m_pg;
};

TEST_F(StoredValueOnPostgresTest, OnlineAndOfflineRedemptionsMeetAtTheHubWhichFlagsTheOverdraft)
{
    overdraftScenario();
}

void StoredValueTest::overdraftScenario()
{
    const QString number = sellCard(till(0), 5000);
    push(till(0));
    EXPECT_EQ(hubBalance(number), 5000);

    // Till B learns the card from the stream, then loses the hub: it may take 30.00 (the card's allowance), no more.
    pull(till(1));
    StoredValue b = till(1).storedValue();
    auto offline = b.check(number, eur(), std::nullopt, m_limits);
    ASSERT_TRUE(offline.ok()) << qPrintable(offline.error().message);
    EXPECT_TRUE(offline->offline);
    EXPECT_EQ(offline->card.balanceMinor, 5000);
    EXPECT_EQ(offline->availableMinor, 3000);
    EXPECT_TRUE(offline->limitedBy.contains(QStringLiteral("offline"))) << qPrintable(offline->limitedBy);
    OpenTenders bTenders(*till(1).db, till(1).clock);
    EXPECT_FALSE(b.redeem(bTenders, *offline, 3001, eur(), kCarl).ok());
    auto taken = b.redeem(bTenders, *offline, 3000, eur(), kCarl);
    ASSERT_TRUE(taken.ok()) << qPrintable(taken.error().message);
    EXPECT_EQ(taken->reference, QStringLiteral("…") + CardNumber::last4(number));
    EXPECT_EQ(lastPayloadOf(till(1), Events::kPaymentTaken).value(u"card").toString(), taken->card);
    auto again = b.check(number, eur(), std::nullopt, m_limits);
    ASSERT_FALSE(again.ok()) << "the card's offline allowance is used up";
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("hub cannot be reached")))
        << qPrintable(again.error().message);

    // Meanwhile till A, online, is told the hub's balance and takes 40.00 of it.
    StoredValue a = till(0).storedValue();
    auto online = a.check(number, eur(), ask(number), m_limits);
    ASSERT_TRUE(online.ok()) << qPrintable(online.error().message);
    EXPECT_FALSE(online->offline);
    EXPECT_EQ(online->availableMinor, 5000);
    OpenTenders aTenders(*till(0).db, till(0).clock);
    ASSERT_TRUE(a.redeem(aTenders, *online, 4000, eur(), kMaria).ok());
    push(till(0));
    EXPECT_EQ(hubBalance(number), 1000);

    // B comes back: its 30.00 meets a card holding 10.00. The hub takes the 10.00 and flags the 20.00.
    push(till(1));
    EXPECT_EQ(hubBalance(number), 0) << "never negative";
    auto flags = m_hub->storedValueFlags();
    ASSERT_TRUE(flags.ok());
    ASSERT_EQ(flags->size(), 1);
    const auto &f = flags->first();
    EXPECT_EQ(f.code, QStringLiteral("OVERDRAFT"));
    EXPECT_EQ(f.shortfallMinor, 2000);
    EXPECT_EQ(f.terminalId, till(1).id.terminalId);
    EXPECT_EQ(f.last4, CardNumber::last4(number));
    EXPECT_TRUE(f.detail.contains(QStringLiteral("offline"))) << qPrintable(f.detail);
    EXPECT_FALSE(f.detail.contains(number)) << "the number itself never reaches the hub";
    EXPECT_FALSE(m_hub->resolveStoredValueFlag(f.id, kMaria, QStringLiteral(" ")).ok());
    ASSERT_TRUE(m_hub->resolveStoredValueFlag(f.id, kMaria, QStringLiteral("customer paid 20 cash")).ok());
    EXPECT_TRUE(m_hub->storedValueFlags()->isEmpty());
    EXPECT_EQ(m_hub->storedValueFlags(true)->size(), 1);
    EXPECT_FALSE(m_hub->resolveStoredValueFlag(f.id, kMaria, QStringLiteral("again")).ok());

    // Drained: online it says so; the hub's answer is kept, so offline it says so too.
    auto drained = a.check(number, eur(), ask(number), m_limits);
    ASSERT_FALSE(drained.ok());
    EXPECT_TRUE(drained.error().message.contains(QStringLiteral("nothing left")))
        << qPrintable(drained.error().message);
    pull(till(1));
    EXPECT_FALSE(b.check(number, eur(), std::nullopt, m_limits).ok());
}

TEST_F(StoredValueTest, UnknownExpiredAndForeignCardsAreClearErrors)
{
    StoredValue a = till(0).storedValue();
    const QString stranger = CardNumber::generate();
    auto unknown = a.check(stranger, eur(), std::make_optional(std::optional<StoredValueCard>()), m_limits);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(unknown.error().message.contains(CardNumber::last4(stranger)));
    auto unseen = a.check(stranger, eur(), std::nullopt, m_limits);
    ASSERT_FALSE(unseen.ok());
    EXPECT_TRUE(unseen.error().message.contains(QStringLiteral("cannot reach the hub")));
    EXPECT_FALSE(a.check(QStringLiteral("not a card"), eur(), std::nullopt, m_limits).ok());

    const QString expiring = sellCard(till(0), 2000, kNow + 1000);
    push(till(0));
    m_now = kNow + 2000;
    auto expired = a.check(expiring, eur(), ask(expiring), m_limits);
    ASSERT_FALSE(expired.ok());
    EXPECT_TRUE(expired.error().message.contains(QStringLiteral("expired"))) << qPrintable(expired.error().message);

    const QString euros = sellCard(till(0), 2000);
    push(till(0));
    auto francs = a.check(euros, *Currency::fromCode(QStringLiteral("CHF")), ask(euros), m_limits);
    ASSERT_FALSE(francs.ok());
    EXPECT_TRUE(francs.error().message.contains(QStringLiteral("EUR")));

    // A stored-value tender is taken only through its check: never as the last tender of a sale.
    Catalog catalog(*till(0).db);
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), kQuantityScale).ok());
    EXPECT_FALSE(SaleStore::settle(cart.totals(), eur(), Payment { Payment::Method::GiftCard, std::nullopt }).ok());
}

TEST_F(StoredValueTest, APaymentTakenBackGoesBackOnTheCardAndTheTillsAllowanceIsShared)
{
    const QString one = sellCard(till(0), 3000);
    const QString two = sellCard(till(0), 3000);
    push(till(0));
    pull(till(2));
    StoredValue c = till(2).storedValue();
    OpenTenders tenders(*till(2).db, till(2).clock);
    // Offline the till takes at most 40.00 from all cards together: 30.00 from one leaves 10.00 for the other.
    auto first = c.check(one, eur(), std::nullopt, m_limits);
    ASSERT_TRUE(first.ok());
    auto taken = c.redeem(tenders, *first, 3000, eur(), kCarl);
    ASSERT_TRUE(taken.ok());
    auto second = c.check(two, eur(), std::nullopt, m_limits);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->availableMinor, 1000);
    EXPECT_TRUE(second->limitedBy.contains(QStringLiteral("this till"))) << qPrintable(second->limitedBy);

    // The customer changes their mind: the payment is taken back, and the allowance with it.
    ASSERT_TRUE(tenders.reverse(taken->id, QStringLiteral("customer changed their mind"), kCarl).ok());
    EXPECT_EQ(lastPayloadOf(till(2), Events::kPaymentReversed).value(u"card").toString(), taken->card);
    EXPECT_EQ(c.check(two, eur(), std::nullopt, m_limits)->availableMinor, 3000);
    push(till(2));
    EXPECT_EQ(hubBalance(one), 3000) << "taken and given back";
    auto flags = m_hub->storedValueFlags();
    ASSERT_TRUE(flags.ok());
    EXPECT_TRUE(flags->isEmpty());

    // An event replayed by a rebased terminal moves nothing a second time.
    const QJsonObject issued = lastPayloadOf(till(0), Events::kStoredValueIssued);
    ASSERT_TRUE(m_hub
                    ->applyStoredValue(till(0).id.terminalId, 999, Events::kStoredValueIssued,
                        QJsonDocument(issued).toJson(QJsonDocument::Compact))
                    .ok());
    EXPECT_EQ(hubBalance(two), 3000);
    EXPECT_TRUE(m_hub->storedValueFlags()->isEmpty());
}

TEST_F(StoredValueTest, TheHubAnswersTerminalsOnlyAndGuardsItsLedger)
{
    const QString number = sellCard(till(0), 2500);
    push(till(0));
    HubServer server(*m_hub);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_NE(port, 0);
    auto token = m_hub->registerTerminal(till(0).id.terminalId, QStringLiteral("S001"));
    ASSERT_TRUE(token.ok());
    const QString card = CardNumber::hash(number);
    const auto get = [&](const QString &query, bool authenticated) {
        const QByteArray target = "/sync/v1/stored-value" + query.toLatin1();
        if (authenticated)
            return terminalGet(port, target, token->toLatin1(), till(0).id.terminalId);
        return httpExchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    };
    const auto ok = get(QStringLiteral("?card=") + card, true);
    EXPECT_EQ(ok.status, 200) << ok.body.constData();
    auto row = StoredValueCard::fromRow(card, ok.body);
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->balanceMinor, 2500);
    EXPECT_EQ(get(QStringLiteral("?card=") + card, false).status, 401);
    EXPECT_EQ(get(QStringLiteral("?card=") + CardNumber::hash(CardNumber::generate()), true).status, 404);
    EXPECT_EQ(get(QStringLiteral("?card=") + number, true).status, 400) << "the number itself is not asked for";
    EXPECT_EQ(get(QStringLiteral("?card=%27%20OR%201=1"), true).status, 400);

    // Nobody publishes the ledger's stream by hand.
    QBuffer lines;
    lines.setData(R"({"key": "x", "row": {}})");
    ASSERT_TRUE(lines.open(QIODevice::ReadOnly));
    EXPECT_FALSE(m_hub->publishLines(kStoredValueStream, lines).ok());

    // A stored-value payment without its card is kept aside, not applied.
    QString receiptNo;
    EXPECT_FALSE(Events::validate(Events::kPaymentTaken,
        QByteArray(R"({"enc":1,"id":"6f1c3f8e-4d7c-4f57-9c3e-2b3b1f0d9a11","kind":"gift_card","amount_minor":100,)"
                   R"("currency":"EUR","reference":"…WXYZ","created_at_ms":1,"by":null})"),
        1)
                     .ok());
}
