// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/parkedsales.h"
#include "core/catalog/catalog.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

class ParkedSalesTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(DemoCatalog::seed(db(), DemoOptions { 60, 42, kNow }).ok());
    }
    Cart cart()
    {
        Catalog catalog(db());
        Cart c(eur(), PricingMode::TaxInclusive);
        for (const char16_t *sku : { u"SKU0000001", u"SKU0000002", u"SKU0000003" }) {
            auto item = catalog.lookupSku(sku, eur(), kNow);
            EXPECT_TRUE(item.ok());
            EXPECT_TRUE(c.add(*item, unitAllowsFraction(item->unit) ? 1250 : 2000, QStringLiteral("scan")).ok());
        }
        EXPECT_TRUE(c.setLineDiscount(1, Discount::percent(1000)).ok());
        EXPECT_TRUE(c.setCartDiscount(Discount::amount(50)).ok());
        return c;
    }
    qint64 m_now = kNow;
};

TEST_F(ParkedSalesTest, AParkedSaleSurvivesARestartAndComesBackAsItWas)
{
    const Cart original = cart();
    {
        ParkedSales parked(db(), [this] { return m_now; });
        auto p = parked.park(original, QStringLiteral("0192f5a0-0000-7000-8000-000000000001"), QStringLiteral("Carl"),
            QStringLiteral("forgot the milk"));
        ASSERT_TRUE(p.ok()) << qPrintable(p.error().message);
    }
    reopen();
    ParkedSales parked(db(), [this] { return m_now; });
    auto all = parked.list();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1);
    const ParkedSale &p = all->constFirst();
    EXPECT_EQ(p.staffName, QStringLiteral("Carl"));
    EXPECT_EQ(p.parkedAtMs, kNow);
    EXPECT_EQ(p.note, QStringLiteral("forgot the milk"));
    EXPECT_EQ(p.lines, 3);
    EXPECT_EQ(p.total.minor(), original.totals().totalMinor);

    // Prices change meanwhile: the parked lines keep the prices they were scanned at.
    ASSERT_TRUE(
        execDirect(db().connection(), QStringLiteral("UPDATE price SET amount_minor = amount_minor + 100")).ok());
    Catalog catalog(db());
    auto resumed = parked.resume(p.id, catalog);
    ASSERT_TRUE(resumed.ok()) << qPrintable(resumed.error().message);
    EXPECT_EQ(ParkedSales::encode(*resumed), ParkedSales::encode(original));
    EXPECT_EQ(resumed->totals().totalMinor, original.totals().totalMinor);
    EXPECT_EQ(resumed->totals().discountMinor, original.totals().discountMinor);
    EXPECT_TRUE(parked.list()->isEmpty());
    EXPECT_EQ(parked.resume(p.id, catalog).error().code, ErrorCode::NotFound) << "a parked sale resumes once";
}

TEST_F(ParkedSalesTest, AParkedSaleWhoseItemLeftTheCatalogStaysParked)
{
    ParkedSales parked(db(), [this] { return m_now; });
    auto p = parked.park(cart(), {}, {});
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(
        execDirect(db().connection(), QStringLiteral("UPDATE variant SET active = 0 WHERE sku = 'SKU0000002'")).ok());
    Catalog catalog(db());
    auto resumed = parked.resume(p->id, catalog);
    ASSERT_FALSE(resumed.ok());
    EXPECT_EQ(resumed.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(
        resumed.error().message.contains(QStringLiteral("(SKU0000002) is no longer sold here; it stays parked")))
        << qPrintable(resumed.error().message);
    EXPECT_EQ(parked.list()->size(), 1);
    EXPECT_EQ(parked.park(Cart(eur(), PricingMode::TaxInclusive), {}, {}).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(parked.list()->size(), 1);
}

TEST_F(ParkedSalesTest, ADamagedParkedSaleIsReportedNotResumed)
{
    ParkedSales parked(db(), [this] { return m_now; });
    auto p = parked.park(cart(), {}, {});
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(
        execDirect(db().connection(), QStringLiteral("UPDATE parked_sale SET cart = '{\"currency\":\"EUR\"}'")).ok());
    Catalog catalog(db());
    auto resumed = parked.resume(p->id, catalog);
    ASSERT_FALSE(resumed.ok());
    EXPECT_EQ(resumed.error().code, ErrorCode::Corrupt);
    EXPECT_EQ(parked.list()->size(), 1);
}
