// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/cart.h"
#include "support/testhelper.h"

#include <random>

using namespace omnitill;
using namespace omnitill::test;

namespace {
CatalogItem item(
    qint64 id, qint64 cents, const char *tax, qint32 rate, Unit unit = Unit::Each, Currency currency = eur())
{
    CatalogItem i;
    i.variantId = id;
    i.productId = id;
    i.sku = QStringLiteral("SKU%1").arg(id);
    i.name = QStringLiteral("Item %1").arg(id);
    i.unit = unit;
    i.tax = TaxClass { QString::fromLatin1(tax), QString::fromLatin1(tax), rate };
    i.price = Money(cents, currency);
    return i;
}
const TaxLine *taxFor(const CartTotals &t, const char *code)
{
    for (const TaxLine &x : t.taxes) {
        if (x.taxClass == QLatin1String(code))
            return &x;
    }
    return nullptr;
}
} // namespace

TEST(Cart, TaxInclusiveTotalsByRate)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(1, 119, "RED", 7000), 2000).ok());
    ASSERT_TRUE(cart.add(item(2, 1999, "STD", 19000), 1000).ok());
    const CartTotals &t = cart.totals();
    EXPECT_EQ(t.subtotalMinor, 2237);
    EXPECT_EQ(t.totalMinor, 2237);
    ASSERT_EQ(t.taxes.size(), 2);
    EXPECT_EQ(taxFor(t, "RED")->taxMinor, 16); // 2.38 × 7/107 = 0.1557
    EXPECT_EQ(taxFor(t, "RED")->netMinor, 222);
    EXPECT_EQ(taxFor(t, "STD")->taxMinor, 319); // 19.99 × 19/119 = 3.1917
    EXPECT_EQ(t.taxMinor, 335);
    EXPECT_EQ(t.netMinor + t.taxMinor, t.totalMinor);
}

TEST(Cart, TaxExclusiveAddsTaxOnTop)
{
    Cart cart(usd(), PricingMode::TaxExclusive);
    ASSERT_TRUE(cart.add(item(1, 199, "NYC", 8875, Unit::Each, usd()), 3000).ok());
    ASSERT_TRUE(cart.add(item(2, 1000, "EXEMPT", 0, Unit::Each, usd()), 1000).ok());
    const CartTotals &t = cart.totals();
    EXPECT_EQ(t.netMinor, 1597);
    EXPECT_EQ(taxFor(t, "NYC")->taxMinor, 53); // 5.97 × 8.875% = 0.5298
    EXPECT_EQ(taxFor(t, "EXEMPT")->taxMinor, 0);
    EXPECT_EQ(t.totalMinor, 1650);
}

TEST(Cart, TaxIsRoundedPerRateNotPerLine)
{
    // Ten lines of 0.05 at 19%: per line the tax would round to 0.01 each (0.10); on the sum it is 0.08.
    Cart cart(eur(), PricingMode::TaxInclusive);
    for (int i = 1; i <= 10; ++i)
        ASSERT_TRUE(cart.add(item(i, 5, "STD", 19000), 1000).ok());
    EXPECT_EQ(cart.totals().taxMinor, 8);
}

TEST(Cart, WeighedGoodsRoundHalfUp)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(1, 249, "RED", 7000, Unit::Kilogram), 1235).ok()); // 2.49 × 1.235 = 3.07515
    ASSERT_TRUE(cart.add(item(1, 249, "RED", 7000, Unit::Kilogram), 500).ok()); // weighed again: a new line
    ASSERT_EQ(cart.lines().size(), 2);
    EXPECT_EQ(cart.lines()[0].amountMinor, 308);
    EXPECT_EQ(cart.lines()[1].amountMinor, 125); // 1.245
}

TEST(Cart, ScanningAPieceAgainJoinsItsLine)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_EQ(*cart.add(item(1, 100, "STD", 19000), 1000), 0);
    ASSERT_EQ(*cart.add(item(2, 200, "STD", 19000), 1000), 1);
    ASSERT_EQ(*cart.add(item(1, 100, "STD", 19000), 1000), 0);
    ASSERT_EQ(cart.lines().size(), 2);
    EXPECT_EQ(cart.lines()[0].quantity, 2000);
    // A discounted line is not merged into.
    ASSERT_TRUE(cart.setLineDiscount(0, Discount::percent(1000)).ok());
    EXPECT_EQ(*cart.add(item(1, 100, "STD", 19000), 1000), 2);
}

TEST(Cart, LineDiscounts)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(1, 1999, "STD", 19000), 1000).ok());
    ASSERT_TRUE(cart.setLineDiscount(0, Discount::percent(1000)).ok()); // 10% of 19.99 = 1.999
    EXPECT_EQ(cart.lines()[0].lineDiscountMinor, 200);
    EXPECT_EQ(cart.totals().totalMinor, 1799);
    ASSERT_TRUE(cart.setLineDiscount(0, Discount::amount(500)).ok());
    EXPECT_EQ(cart.totals().totalMinor, 1499);
    EXPECT_EQ(cart.totals().discountMinor, 500);
    ASSERT_TRUE(cart.setLineDiscount(0, Discount::percent(10000)).ok());
    EXPECT_EQ(cart.totals().totalMinor, 0);
}

TEST(Cart, CartDiscountIsAllocatedExactly)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(1, 100, "STD", 19000), 1000).ok());
    ASSERT_TRUE(cart.add(item(2, 100, "RED", 7000), 1000).ok());
    ASSERT_TRUE(cart.add(item(3, 100, "STD", 19000), 1000).ok());
    ASSERT_TRUE(cart.setCartDiscount(Discount::amount(100)).ok());
    qint64 shares = 0;
    for (const CartLine &l : cart.lines())
        shares += l.cartDiscountMinor;
    EXPECT_EQ(shares, 100);
    EXPECT_EQ(cart.lines()[0].cartDiscountMinor, 34);
    EXPECT_EQ(cart.totals().totalMinor, 200);
    EXPECT_EQ(taxFor(cart.totals(), "RED")->grossMinor, 67);
    ASSERT_TRUE(cart.setCartDiscount(Discount::percent(5000)).ok());
    EXPECT_EQ(cart.totals().totalMinor, 150);
}

TEST(Cart, AmountCartDiscountNeverMakesTheTotalNegative)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(item(1, 500, "STD", 19000), 1000).ok());
    ASSERT_TRUE(cart.add(item(2, 500, "STD", 19000), 1000).ok());
    ASSERT_TRUE(cart.setCartDiscount(Discount::amount(800)).ok());
    ASSERT_TRUE(cart.removeLine(1).ok());
    EXPECT_EQ(cart.totals().totalMinor, 0);
    EXPECT_EQ(cart.totals().discountMinor, 500);
}

TEST(Cart, RejectsBadQuantitiesAndDiscounts)
{
    Cart cart(eur(), PricingMode::TaxInclusive);
    const CatalogItem piece = item(1, 100, "STD", 19000);
    const CatalogItem kg = item(2, 100, "STD", 19000, Unit::Kilogram);
    EXPECT_FALSE(cart.add(piece, 0).ok());
    EXPECT_FALSE(cart.add(piece, -1000).ok());
    EXPECT_TRUE(cart.add(piece, 1500).error().message.contains(QStringLiteral("whole number")));
    EXPECT_TRUE(cart.add(piece, 10000 * 1000).error().message.contains(QStringLiteral("9999 pieces")));
    EXPECT_FALSE(cart.add(kg, 10'000'000).ok());
    EXPECT_TRUE(cart.add(item(3, 100, "STD", 19000, Unit::Each, usd()), 1000)
                    .error()
                    .message.contains(QStringLiteral("priced in USD")));
    EXPECT_TRUE(cart.isEmpty());
    ASSERT_TRUE(cart.add(piece, 9999 * 1000).ok());
    EXPECT_FALSE(cart.add(piece, 1000).ok()); // would make 10,000 on the line
    EXPECT_EQ(cart.lines()[0].quantity, 9999 * 1000);
    EXPECT_FALSE(cart.setLineDiscount(0, Discount::amount(10'000'000)).ok());
    EXPECT_FALSE(cart.setLineDiscount(0, Discount::percent(10001)).ok());
    EXPECT_FALSE(cart.setLineDiscount(0, Discount::amount(-1)).ok());
    EXPECT_FALSE(cart.setLineDiscount(5, Discount::percent(100)).ok());
    EXPECT_FALSE(cart.setQuantity(-1, 1000).ok());
    EXPECT_FALSE(cart.setCartDiscount(Discount::amount(cart.totals().totalMinor + 1)).ok());
    ASSERT_TRUE(cart.setLineDiscount(0, Discount::amount(500'000)).ok());
    EXPECT_FALSE(cart.setQuantity(0, 1000).ok()); // the discount would exceed the line
    EXPECT_EQ(cart.lines()[0].quantity, 9999 * 1000);
}

// Seeded property test: whatever the cart, the money adds up.
TEST(Cart, RandomCartsAlwaysBalance)
{
    std::mt19937_64 rng(20261122);
    auto pick = [&](qint64 lo, qint64 hi) { return lo + qint64(rng() % quint64(hi - lo + 1)); };
    const qint32 rates[] = { 0, 7000, 19000, 8875, 25500 };
    for (int run = 0; run < 2000; ++run) {
        const PricingMode mode = run % 2 ? PricingMode::TaxInclusive : PricingMode::TaxExclusive;
        Cart cart(eur(), mode);
        const int lines = int(pick(1, 12));
        for (int i = 0; i < lines; ++i) {
            const bool weighed = pick(0, 3) == 0;
            const qint32 rate = rates[pick(0, 4)];
            const CatalogItem it
                = item(pick(1, 30), pick(0, 100000), rate ? "T" : "Z", rate, weighed ? Unit::Kilogram : Unit::Each);
            auto idx = cart.add(CatalogItem { it.variantId, it.productId, it.sku, it.name, {}, {}, it.unit,
                                    TaxClass { QStringLiteral("T%1").arg(rate), {}, rate }, it.price },
                weighed ? pick(1, 20000) : pick(1, 20) * 1000);
            ASSERT_TRUE(idx.ok());
            if (pick(0, 3) == 0) {
                ASSERT_TRUE(cart.setLineDiscount(*idx, Discount::percent(qint32(pick(0, 10000)))).ok());
            }
        }
        if (pick(0, 1)) {
            ASSERT_TRUE(cart.setCartDiscount(Discount::percent(qint32(pick(0, 5000)))).ok());
        }
        const CartTotals &t = cart.totals();
        qint64 lineTotals = 0, lineDiscounts = 0, shares = 0, amounts = 0;
        for (const CartLine &l : cart.lines()) {
            ASSERT_GE(l.totalMinor, 0);
            lineTotals += l.totalMinor;
            lineDiscounts += l.lineDiscountMinor;
            shares += l.cartDiscountMinor;
            amounts += l.amountMinor;
        }
        EXPECT_EQ(amounts, t.subtotalMinor);
        EXPECT_EQ(lineDiscounts + shares, t.discountMinor);
        EXPECT_EQ(t.subtotalMinor - t.discountMinor, lineTotals);
        EXPECT_EQ(t.netMinor + t.taxMinor, t.totalMinor);
        EXPECT_EQ(mode == PricingMode::TaxInclusive ? lineTotals : lineTotals + t.taxMinor, t.totalMinor);
        for (const TaxLine &x : t.taxes) {
            const qint64 base = mode == PricingMode::TaxInclusive ? x.grossMinor : x.netMinor;
            const qint64 den = mode == PricingMode::TaxInclusive ? 100000 + x.rateMilliPct : 100000;
            EXPECT_EQ(x.taxMinor, divRound(Int128(base) * x.rateMilliPct, den, Rounding::HalfUp));
        }
    }
}

TEST(Cart, ParsesQuantities)
{
    EXPECT_EQ(*parseQuantity(u"2"), 2000);
    EXPECT_EQ(*parseQuantity(u"1.235"), 1235);
    EXPECT_FALSE(parseQuantity(u"0").ok());
    EXPECT_FALSE(parseQuantity(u"-1").ok());
    EXPECT_FALSE(parseQuantity(u"1.2345").ok());
    EXPECT_FALSE(parseQuantity(u"1e9").ok());
    EXPECT_FALSE(parseQuantity(u"two").ok());
}
