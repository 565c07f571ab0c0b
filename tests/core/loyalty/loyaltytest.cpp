// SPDX-License-Identifier: GPL-3.0-or-later
// Loyalty on the till: the chain's rules read and checked, the points a cart earns (tiers, category multipliers,
// exclusions, what points paid, rounding down), points redeemed as a tender within the balance less this till's
// uncounted redemptions and the offline allowance, and given back.
#include "core/loyalty/loyalty.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
LoyaltyRules demoRules()
{
    auto r = LoyaltyRules::fromJson(LoyaltyRules::demo());
    EXPECT_TRUE(r.ok());
    return *r;
}

CatalogItem item(const QString &sku, const QString &category, qint64 priceMinor)
{
    CatalogItem i;
    i.variantId = 1;
    i.productId = 1;
    i.sku = sku;
    i.name = sku;
    i.category = category;
    i.unit = Unit::Each;
    i.price = Money(priceMinor, eur());
    i.tax = TaxClass { u"std"_s, u"Standard"_s, 19000 };
    return i;
}
} // namespace

TEST(LoyaltyRulesTest, RulesAreCheckedFieldByField)
{
    EXPECT_TRUE(LoyaltyRules::fromJson(LoyaltyRules::demo()).ok());
    auto broken = [](const char *json) {
        auto r = LoyaltyRules::fromJson(QJsonDocument::fromJson(json).object());
        EXPECT_FALSE(r.ok()) << json;
        return r.ok() ? QString() : r.error().message;
    };
    EXPECT_TRUE(broken(R"({"currency": "XXX", "points_per_unit_milli": {"base": 1000}})").contains(u"currency"_s));
    EXPECT_TRUE(broken(R"({"currency": "EUR"})").contains(u"points_per_unit_milli"_s));
    EXPECT_TRUE(broken(R"({"currency": "EUR", "points_per_unit_milli": {"base": -1}})").contains(u"base"_s));
    EXPECT_TRUE(broken(R"({"currency": "EUR", "points_per_unit_milli": {"base": 1000},
        "tiers": [{"tier": "gold", "points": 5000}, {"tier": "silver", "points": 1000}]})")
                    .contains(u"rising"_s));
    EXPECT_TRUE(broken(R"({"currency": "EUR", "points_per_unit_milli": {"base": 1000}, "redeem": {"points": 0,
        "value_minor": 100}})")
                    .contains(u"redeem"_s));
}

TEST(LoyaltyRulesTest, ACartEarnsByTierCategoryAndWhatPointsDidNotPay)
{
    const LoyaltyRules rules = demoRules();
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(u"SKU1"_s, u"PRODUCE"_s, 1050), 1000).ok()); // 10.50, double points
    ASSERT_TRUE(cart.add(item(u"SKU2"_s, u"HOME"_s, 2099), 1000).ok()); // 20.99
    EXPECT_EQ(rules.earned(cart, u"base"_s), 41) << "21 + 20.99, rounded down";
    EXPECT_EQ(rules.earned(cart, u"silver"_s), 62) << "41.99 × 1.5 = 62.985";
    EXPECT_EQ(rules.earned(cart, u"gold"_s), 83);
    EXPECT_EQ(rules.earned(cart, u"unknown-tier"_s), 41) << "a tier without its own rate earns as base";
    EXPECT_EQ(rules.earned(cart, u"base"_s, 1000), 31) << "10.00 paid with points earns nothing";
    EXPECT_EQ(rules.earned(cart, u"base"_s, 99999), 0);

    ASSERT_TRUE(cart.setCartDiscount(Discount::percent(5000)).ok());
    EXPECT_EQ(rules.earned(cart, u"base"_s), 20) << "on what is paid, after discounts";

    // A gift card sold earns nothing; an excluded SKU neither.
    Cart cards(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cards
                    .addStoredValue(StoredValueLoad { QString(64, u'a'), u"ABCD"_s, Tender::Kind::GiftCard, true, {} },
                        Money(5000, eur()), u"Gift card"_s)
                    .ok());
    EXPECT_EQ(rules.earned(cards, u"gold"_s), 0);
    QJsonObject value = LoyaltyRules::demo();
    value[u"exclude_skus"_s] = QJsonArray { u"SKU2"_s };
    const LoyaltyRules excluding = *LoyaltyRules::fromJson(value);
    Cart two(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(two.add(item(u"SKU2"_s, u"HOME"_s, 2099), 1000).ok());
    EXPECT_EQ(excluding.earned(two, u"base"_s), 0);
    Cart usd(*Currency::fromCode(u"USD"), PricingMode::TaxExclusive);
    EXPECT_EQ(rules.earned(usd, u"base"_s), 0) << "another currency earns nothing";
}

TEST(LoyaltyRulesTest, ValuesTiersAndRounding)
{
    const LoyaltyRules rules = demoRules();
    EXPECT_EQ(rules.valueOf(250), 250);
    EXPECT_EQ(rules.pointsFor(1999), 1999);
    QJsonObject value = LoyaltyRules::demo();
    value[u"redeem"_s] = QJsonObject { { u"points"_s, 300 }, { u"value_minor"_s, 100 } }; // 3 points a cent
    const LoyaltyRules dear = *LoyaltyRules::fromJson(value);
    EXPECT_EQ(dear.valueOf(299), 99) << "down";
    EXPECT_EQ(dear.pointsFor(100), 300);
    EXPECT_EQ(dear.pointsFor(101), 303) << "up: never less than what pays it";
    EXPECT_GE(dear.valueOf(dear.pointsFor(12345)), 12345);
    EXPECT_EQ(rules.tierFor(999, u"base"_s), u"base"_s);
    EXPECT_EQ(rules.tierFor(1000, u"base"_s), u"silver"_s);
    EXPECT_EQ(rules.tierFor(7000, u"base"_s), u"gold"_s);
    EXPECT_EQ(rules.tierFor(10, u"gold"_s), u"gold"_s) << "a tier is never taken away by the rules";
}

class LoyaltyTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        m_customer = DemoCustomers::make(1, kNow).customers.first();
        m_customer.points = 1500;
        Transaction tx(db().connection());
        ASSERT_TRUE(CustomerStore::applyRow(db(), m_customer.id, m_customer.toRow()).ok());
        ASSERT_TRUE(tx.commit().ok());
        QJsonObject value = LoyaltyRules::demo();
        value[u"offline"_s] = QJsonObject { { u"customer_points"_s, 1000 }, { u"terminal_points"_s, 1200 } };
        m_rules = *LoyaltyRules::fromJson(value);
    }
    Customer m_customer;
    LoyaltyRules m_rules;
};

TEST_F(LoyaltyTest, OfflineRedemptionsStayWithinTheBalanceAndTheAllowance)
{
    Loyalty loyalty(db(), fixedClock());
    OpenTenders tenders(db(), fixedClock());
    auto none = loyalty.rules();
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << "no rules from the hub: no points";

    auto check = loyalty.check(m_customer.id, std::nullopt, m_rules);
    ASSERT_TRUE(check.ok()) << qPrintable(check.error().message);
    EXPECT_TRUE(check->offline);
    EXPECT_EQ(check->balancePoints, 1500);
    EXPECT_EQ(check->availablePoints, 1000) << "the allowance per customer";
    EXPECT_FALSE(check->limitedBy.isEmpty());

    auto paid = loyalty.redeem(tenders, *check, 600, m_rules, eur(), {});
    ASSERT_TRUE(paid.ok()) << qPrintable(paid.error().message);
    EXPECT_EQ(paid->amountMinor, 600);
    EXPECT_EQ(paid->kind, Tender::Kind::Points);
    EXPECT_TRUE(paid->offline);
    const QJsonObject taken = lastPayload(u"payment.taken"_s);
    EXPECT_EQ(taken[u"kind"_s].toString(), u"points"_s);
    EXPECT_EQ(taken[u"customer"_s].toString(), m_customer.id);
    EXPECT_EQ(taken[u"points"_s].toInteger(), 600);

    check = loyalty.check(m_customer.id, std::nullopt, m_rules);
    EXPECT_EQ(check->balancePoints, 900) << "this till's redemption counts at once";
    EXPECT_EQ(check->availablePoints, 400);
    auto tooMany = loyalty.redeem(tenders, *check, 500, m_rules, eur(), {});
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, ErrorCode::Refused);
    EXPECT_TRUE(tooMany.error().message.contains(u"400"_s)) << qPrintable(tooMany.error().message);
    EXPECT_FALSE(loyalty.redeem(tenders, *check, 0, m_rules, eur(), {}).ok());
    EXPECT_FALSE(loyalty.redeem(tenders, *check, 100, m_rules, *Currency::fromCode(u"USD"), {}).ok());

    // Taken back: the points are the customer's again.
    ASSERT_TRUE(tenders.reverse(paid->id, u"changed their mind"_s, {}).ok());
    EXPECT_EQ(lastPayload(u"payment.reversed"_s)[u"points"_s].toInteger(), 600);
    check = loyalty.check(m_customer.id, std::nullopt, m_rules);
    EXPECT_EQ(check->balancePoints, 1500);

    // Online, the hub's answer is the limit and counts this till's entries up to its points_seen.
    QJsonObject live = QJsonDocument::fromJson(m_customer.toRow()).object();
    live[u"points"_s] = 3000;
    check = loyalty.check(m_customer.id, live, m_rules);
    EXPECT_FALSE(check->offline);
    EXPECT_EQ(check->availablePoints, 3000);
    EXPECT_EQ(loyalty.check(u"0190d5a4-0000-7000-8000-0000000000ff"_s, std::nullopt, m_rules).error().code,
        ErrorCode::NotFound);

    // A reward: its points for its value, never worth more than is left to pay.
    ASSERT_EQ(m_rules.rewards.size(), 2);
    const LoyaltyRules::Reward coffee = m_rules.rewards.first();
    check = loyalty.check(m_customer.id, std::nullopt, m_rules);
    auto tooDear = loyalty.redeemReward(tenders, *check, coffee, coffee.valueMinor - 1, eur(), {});
    ASSERT_FALSE(tooDear.ok());
    EXPECT_TRUE(tooDear.error().message.contains(u"more than"_s)) << qPrintable(tooDear.error().message);
    auto reward = loyalty.redeemReward(tenders, *check, coffee, 10000, eur(), {});
    ASSERT_TRUE(reward.ok()) << qPrintable(reward.error().message);
    EXPECT_EQ(reward->amountMinor, coffee.valueMinor);
    EXPECT_EQ(reward->points, coffee.points);
    EXPECT_TRUE(reward->reference.startsWith(coffee.name));
    EXPECT_EQ(loyalty.check(m_customer.id, std::nullopt, m_rules)->balancePoints, 1500 - coffee.points);
    QJsonObject broke = LoyaltyRules::demo();
    broke[u"rewards"_s] = QJsonArray { QJsonObject { { u"id"_s, u"x"_s }, { u"name"_s, u"X"_s }, { u"points"_s, 0 } } };
    EXPECT_FALSE(LoyaltyRules::fromJson(broke).ok());
}
