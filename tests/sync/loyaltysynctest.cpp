// SPDX-License-Identifier: GPL-3.0-or-later
// Loyalty points between two tills and the hub, over real HTTP through the fault-injecting proxy (lost answers,
// duplicated requests): points earned at one till reach the hub once; both tills, offline, redeem the same points at
// once; the hub applies every entry once, never lets the balance go below zero, flags the over-redemption for a
// manager, and both tills then agree with it.
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/loyalty/loyalty.h"
#include "support/faultyproxy.h"
#include "support/synchelper.h"
#include "sync/common/events.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class LoyaltySyncTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        m_jana = DemoCustomers::make(1, kNow).customers.first();
        m_jana.points = 1000;
        m_jana.recent.clear();
        QByteArray customers = m_jana.toRow() + '\n';
        QBuffer c(&customers);
        c.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->importCustomers(c).ok());
        QJsonObject rules = LoyaltyRules::demo();
        rules[u"offline"_s] = QJsonObject { { u"customer_points"_s, 1000 }, { u"terminal_points"_s, 5000 } };
        m_rules = *LoyaltyRules::fromJson(rules);
        QByteArray config = QJsonDocument(
            QJsonObject { { u"key"_s, LoyaltyRules::kConfigKey }, { u"row"_s, QJsonObject { { u"value"_s, rules } } } })
                                .toJson(QJsonDocument::Compact);
        QBuffer r(&config);
        r.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->publishLines(kConfigStream, r).ok());
    }

    // A sale at `t` for Jana: `points` of hers pay part of it (none: 0), a card the rest; what it earns goes into its
    // event. Returns the points earned.
    qint64 sellToJana(const Terminal &t, qint64 points)
    {
        auto db = Database::open(t.path);
        EXPECT_TRUE(db.ok());
        Catalog catalog(**db);
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (const char *sku : { "SKU0000001", "SKU0000002", "SKU0000003" }) {
            auto item = catalog.lookupSku(QString::fromLatin1(sku), eur(), kNow);
            EXPECT_TRUE(item.ok());
            EXPECT_TRUE(cart.add(*item, unitAllowsFraction(item->unit) ? 1500 : 3000).ok());
        }
        Loyalty loyalty(**db, [] { return kNow; });
        auto rules = loyalty.rules();
        EXPECT_TRUE(rules.ok() && rules->has_value()) << "the rules came with the config stream";
        OpenTenders open(**db, [] { return kNow; });
        QList<Tender> earlier;
        if (points > 0) {
            auto check = loyalty.check(m_jana.id, std::nullopt, m_rules); // offline: what this till last knew
            EXPECT_TRUE(check.ok());
            EXPECT_GE(check->availablePoints, points) << "each till alone may redeem them";
            auto paid = loyalty.redeem(open, *check, points, m_rules, eur(), {});
            EXPECT_TRUE(paid.ok()) << qPrintable(paid.error().message);
            earlier << *paid;
        }
        const qint64 earned = m_rules.earned(cart, m_jana.tier, points > 0 ? earlier.first().amountMinor : 0);
        cart.setCustomer(SaleCustomer { m_jana.id, m_jana.name, earned, std::nullopt });
        SaleStore sales(**db, [] { return kNow; });
        auto sold = sales.record(cart, Payment { Payment::Method::Card, std::nullopt, 1, {}, earlier });
        EXPECT_TRUE(sold.ok()) << qPrintable(sold.error().message);
        // Every event it wrote passes the hub's schema.
        QSqlQuery q((*db)->connection());
        EXPECT_TRUE(q.exec(u"SELECT type, payload, created_at_ms FROM journal ORDER BY seq DESC LIMIT 2"_s));
        while (q.next())
            EXPECT_TRUE(Events::validate(q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toLongLong()).ok())
                << qPrintable(q.value(1).toString());
        return earned;
    }
    qint64 hubPoints()
    {
        QSqlQuery q(m_hub->connection());
        q.prepare(u"SELECT points FROM customer WHERE id = ?"_s);
        q.addBindValue(m_jana.id);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
    qint64 tillBalance(const Terminal &t)
    {
        auto db = Database::open(t.path);
        Loyalty loyalty(**db, [] { return kNow; });
        auto check = loyalty.check(m_jana.id, std::nullopt, m_rules);
        return check ? check->balancePoints : -1;
    }

    Customer m_jana;
    LoyaltyRules m_rules;
};

TEST_F(LoyaltySyncTest, TwoTillsRedeemingOfflineAtOnceAreFlaggedNeverNegative)
{
    const Terminal a = makeTerminal(u"a"_s);
    const Terminal b = makeTerminal(u"b"_s);
    ASSERT_TRUE(syncOnce(a));
    ASSERT_TRUE(syncOnce(b));
    EXPECT_EQ(tillBalance(a), 1000);

    // Earned at A and counted by the hub.
    const qint64 earned = sellToJana(a, 0);
    ASSERT_GT(earned, 0);
    ASSERT_TRUE(syncOnce(a));
    EXPECT_EQ(hubPoints(), 1000 + earned);
    EXPECT_EQ(tillBalance(a), 1000 + earned) << "A has the hub's row back, with its own sale counted";

    // The network is down: A and B each let Jana pay with 900 points, on what each last knew.
    const qint64 earnedA = sellToJana(a, 900);
    const qint64 earnedB = sellToJana(b, 900);
    EXPECT_EQ(tillBalance(a), 1000 + earned - 900);
    EXPECT_EQ(tillBalance(b), 1000 - 900);

    // Back online, through a proxy that loses answers and sends requests twice.
    FaultyProxy proxy(m_hubPort, 17);
    proxy.setFaults({ 0.1, 0.3, 0.2, 10, false });
    for (const Terminal *t : { &a, &b }) {
        SyncConfig c = config(*t, proxy.port());
        c.batchSize = 1; // one event per push: more round trips to lose and repeat
        SyncWorker worker(t->path, c);
        worker.start();
        ASSERT_TRUE(drain(worker, 60'000));
    }
    ASSERT_TRUE(syncOnce(a));
    ASSERT_TRUE(syncOnce(b));
    EXPECT_GT(proxy.droppedResponses + proxy.duplicated, 0) << "the test must really lose or repeat requests";

    // Every entry once: the first sale's earn, two redemptions, the two sales' earns.
    QSqlQuery q(m_hub->connection());
    ASSERT_TRUE(q.exec(u"SELECT count(*), coalesce(sum(CASE kind WHEN 'redeem' THEN -applied ELSE applied END), 0) "
                       "FROM loyalty_entry"_s)
        && q.next());
    EXPECT_EQ(q.value(0).toInt(), (earnedA > 0 ? 1 : 0) + (earnedB > 0 ? 1 : 0) + 3);
    const qint64 balance = hubPoints();
    EXPECT_EQ(balance, 1000 + q.value(1).toLongLong()) << "the balance is the sum of its entries";
    EXPECT_GE(balance, 0) << "never negative";
    EXPECT_EQ(
        balance,
        1000 + earned + earnedA + earnedB - 900 - 900 +
            [&] {
                auto flags = m_hub->loyaltyFlags();
                return flags && flags->size() == 1 ? flags->first().shortfallPoints : -999999;
            }())
        << "what was not covered is exactly what is flagged";
    auto flags = m_hub->loyaltyFlags();
    ASSERT_TRUE(flags.ok());
    ASSERT_EQ(flags->size(), 1);
    EXPECT_EQ(flags->first().code, u"OVER_REDEEMED"_s);
    EXPECT_GT(flags->first().shortfallPoints, 0);
    EXPECT_EQ(flags->first().customerId, m_jana.id);
    EXPECT_FALSE(m_hub->resolveLoyaltyFlag(flags->first().id, {}, u"x"_s).ok()) << "who resolves it must be said";
    ASSERT_TRUE(m_hub->resolveLoyaltyFlag(flags->first().id, u"Maria"_s, u"goodwill, Jana keeps the goods"_s).ok());
    EXPECT_TRUE(m_hub->loyaltyFlags()->isEmpty());

    // Both tills agree with the hub once they have its row.
    EXPECT_EQ(tillBalance(a), balance);
    EXPECT_EQ(tillBalance(b), balance);
}

// A store taken off the list of stores that hold customers: its till drops its copy at its next checksum.
TEST_F(LoyaltySyncTest, AStoreTakenOffTheListDropsItsCustomers)
{
    const Terminal a = makeTerminal(u"a"_s);
    ASSERT_TRUE(syncOnce(a));
    auto count = [&] {
        auto db = Database::open(a.path);
        return CustomerStore(**db, [] { return kNow; }).count().value_or(-1);
    };
    EXPECT_EQ(count(), 1);
    QByteArray config = R"({"key": "customers.stores", "row": {"value": ["S999"]}})";
    QBuffer b(&config);
    b.open(QIODevice::ReadOnly);
    ASSERT_TRUE(m_hub->publishLines(kConfigStream, b).ok());
    ASSERT_TRUE(syncOnce(a, 100, 0)); // a checksum on every pull
    ASSERT_TRUE(syncOnce(a, 100, 0));
    EXPECT_EQ(count(), 0) << "S001 holds no customers any more";
}
