// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/adjustments.h"
#include "core/catalog/catalog.h"
#include "core/sale/parkedsales.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::test;

class AdjustmentsTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(DemoCatalog::seed(db(), DemoOptions { 200, 42, kNow }).ok());
        m_staff = std::make_unique<StaffStore>(db(), [] { return kNow; });
        m_boss = *m_staff->createFirstManager(QStringLiteral("Maria"), u"2468");
        m_carl = *m_staff->add(m_boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
        Catalog catalog(db());
        ASSERT_TRUE(m_cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), 2000).ok());
        // A weighed item for the refusal.
        QSqlQuery q(db().connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT v.sku FROM variant v JOIN product p ON p.id = v.product_id "
                                          "WHERE p.unit = 'kg' LIMIT 1"))
            && q.next());
        ASSERT_TRUE(m_cart.add(*catalog.lookupSku(q.value(0).toString(), eur(), kNow), 750).ok());
    }

    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_boss, m_carl;
    Cart m_cart { eur(), PricingMode::TaxInclusive };
};

TEST_F(AdjustmentsTest, PriceOverridesNeedThePermissionAndNeverTouchWeighedItems)
{
    Adjustments adjust(db(), [] { return kNow; });
    const qint64 before = count(QStringLiteral("journal"));
    const Cart original = m_cart;
    EXPECT_EQ(adjust.overridePrice(m_cart, 0, Money(99, eur()), m_carl, QStringLiteral("dented")).error().code,
        ErrorCode::Refused);
    auto weighed = adjust.overridePrice(m_cart, 1, Money(99, eur()), m_boss, QStringLiteral("old stock"));
    ASSERT_FALSE(weighed.ok());
    EXPECT_TRUE(weighed.error().message.contains(QStringLiteral("cannot be overridden")))
        << qPrintable(weighed.error().message);
    EXPECT_EQ(adjust.overridePrice(m_cart, 0, Money(-1, eur()), m_boss, QStringLiteral("x")).error().code,
        ErrorCode::InvalidInput);
    EXPECT_EQ(adjust.overridePrice(m_cart, 0, Money(99, usd()), m_boss, QStringLiteral("x")).error().code,
        ErrorCode::InvalidInput);
    EXPECT_EQ(ParkedSales::encode(m_cart), ParkedSales::encode(original)) << "nothing refused changes the cart";
    EXPECT_EQ(count(QStringLiteral("journal")), before);

    const qint64 list = m_cart.lines()[0].item.price.minor();
    auto approval = m_staff->approve(m_carl, m_boss.id, u"2468", Permission::PriceOverride, QStringLiteral("dented"));
    ASSERT_TRUE(approval.ok());
    auto done = adjust.overridePrice(m_cart, 0, Money(99, eur()), m_carl, QStringLiteral("dented"), *approval);
    ASSERT_TRUE(done.ok()) << qPrintable(done.error().message);
    EXPECT_EQ(m_cart.lines()[0].item.price.minor(), 99);
    EXPECT_EQ(m_cart.lines()[0].listPriceMinor, list);
    EXPECT_EQ(m_cart.lines()[0].amountMinor, 198);
    const QJsonObject o = lastPayload(QStringLiteral("line.price_overridden"));
    EXPECT_EQ(o.value(u"from_minor").toInteger(), list);
    EXPECT_EQ(o.value(u"to_minor").toInteger(), 99);
    EXPECT_EQ(o.value(u"approval").toString(), approval->id);

    // A parked sale keeps the override and the list price.
    auto back = ParkedSales::decode(ParkedSales::encode(m_cart));
    ASSERT_TRUE(back.ok()) << qPrintable(back.error().message);
    EXPECT_EQ(back->lines()[0].item.price.minor(), 99);
    EXPECT_EQ(back->lines()[0].listPriceMinor, list);
}

TEST_F(AdjustmentsTest, LineDiscountsAboveTheLimitAndSaleDiscountsNeedThePermission)
{
    Adjustments adjust(
        db(), [] { return kNow; }, 1000); // 10 % without LineDiscount
    ASSERT_TRUE(adjust.discountLine(m_cart, 0, Discount::percent(1000), m_carl, QStringLiteral("loyal customer")).ok());
    EXPECT_EQ(lastPayload(QStringLiteral("line.discounted")).value(u"by").toString(), m_carl.id);
    auto over = adjust.discountLine(m_cart, 0, Discount::percent(1500), m_carl, QStringLiteral("loyal customer"));
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::Refused);
    EXPECT_EQ(m_cart.lines()[0].discount, Discount::percent(1000)) << "the refused discount changed nothing";
    EXPECT_EQ(adjust.discountLine(m_cart, 0, Discount::percent(10001), m_boss, QStringLiteral("x")).error().code,
        ErrorCode::InvalidInput)
        << "over 100 %";
    EXPECT_EQ(adjust.discountLine(m_cart, 0, Discount::amount(-5), m_boss, QStringLiteral("x")).error().code,
        ErrorCode::InvalidInput)
        << "below zero";
    ASSERT_TRUE(adjust.discountLine(m_cart, 0, Discount::percent(1500), m_boss, QStringLiteral("damaged")).ok());

    EXPECT_EQ(adjust.discountSale(m_cart, Discount::amount(100), m_carl, QStringLiteral("complaint")).error().code,
        ErrorCode::Refused);
    auto approval = m_staff->approveWithBadge(m_carl, u"none", Permission::CartDiscount, QStringLiteral("complaint"));
    EXPECT_FALSE(approval.ok()) << "no such badge";
    auto ok = m_staff->approve(m_carl, m_boss.id, u"2468", Permission::CartDiscount, QStringLiteral("complaint"));
    ASSERT_TRUE(ok.ok());
    auto sale = adjust.discountSale(m_cart, Discount::amount(100), m_carl, QStringLiteral("complaint"), *ok);
    ASSERT_TRUE(sale.ok()) << qPrintable(sale.error().message);
    EXPECT_EQ(lastPayload(QStringLiteral("cart.discounted")).value(u"discount_minor").toInteger(), 100);
    EXPECT_EQ(m_cart.cartDiscount(), Discount::amount(100));
    EXPECT_TRUE(Journal::verify(db().connection())->ok());
}
