// SPDX-License-Identifier: GPL-3.0-or-later
// What a scan puts on the sale: GS1 data (expiry, net weight, price payable) and in-store price/weight labels.
// Plain barcodes, SKUs and PLUs are Catalog::lookupCode (tests/core/catalog/catalogtest.cpp).
#include "core/sale/scanresolver.h"
#include "core/codes/variablemeasure.h"
#include "core/sale/cart.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

class ScanResolverTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(writeItems(db(),
            { { QStringLiteral("MILK"), QStringLiteral("4006381333931"), Unit::Each, 119, QStringLiteral("Vollmilch") },
                { QStringLiteral("CHEESE"), QStringLiteral("4000000000006"), Unit::Kilogram, 1890,
                    QStringLiteral("Emmentaler") } }));
    }
};

TEST_F(ScanResolverTest, Gs1CodesReachTheItemAndExpiredGoodsAreRefused)
{
    Catalog c(db());
    auto fresh = resolveScan(c, u"]d2010400638133393117261231", eur(), kNow);
    ASSERT_TRUE(fresh.ok()) << qPrintable(fresh.error().message);
    EXPECT_EQ(fresh->item.sku, QStringLiteral("MILK"));
    EXPECT_EQ(fresh->quantity, 1000);
    EXPECT_EQ(fresh->scannedCode, QStringLiteral("4006381333931"));
    auto expired = resolveScan(c, u"(01)04006381333931(17)261121", eur(), kNow);
    ASSERT_FALSE(expired.ok());
    EXPECT_TRUE(expired.error().message.contains(QStringLiteral("expired on 2026-11-21")))
        << qPrintable(expired.error().message);
    EXPECT_TRUE(resolveScan(c, u"(01)04006381333931(17)261122", eur(), kNow).ok()) << "sellable on its last day";
    auto weighed = resolveScan(c, u"(01)04000000000006(3103)000735", eur(), kNow);
    ASSERT_TRUE(weighed.ok());
    EXPECT_EQ(weighed->quantity, 735) << "0.735 kg";
    EXPECT_EQ(resolveScan(c, u"4006381333931", eur(), kNow)->item.sku, QStringLiteral("MILK"));
    // The same item as a 1D EAN and as a 2D GS1 code resolves to one variant, so two packs make one line of two.
    // (Reading both symbols of one pack adds it once: ScanService drops the second, see scanservicetest.)
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(resolveScan(c, u"4006381333931", eur(), kNow)->item, 1000).ok());
    ASSERT_TRUE(cart.add(fresh->item, fresh->quantity).ok());
    EXPECT_EQ(cart.lines().size(), 1);
    EXPECT_FALSE(resolveScan(c, u"(10)LOT-ONLY", eur(), kNow).ok());
}

TEST_F(ScanResolverTest, Gs1PricePayableSetsThePacksPrice)
{
    Catalog c(db());
    auto cheese = resolveScan(c, u"(01)04000000000006(3103)000735(3922)1389", eur(), kNow);
    ASSERT_TRUE(cheese.ok()) << qPrintable(cheese.error().message);
    EXPECT_EQ(cheese->item.price, Money(1389, eur())) << "the printed amount, not 0.735 kg at the per-kg price";
    EXPECT_EQ(cheese->item.unit, Unit::Each);
    EXPECT_EQ(cheese->quantity, 1000);
    EXPECT_EQ(resolveScan(c, u"(01)04000000000006(3921)1389", eur(), kNow)->item.price, Money(13890, eur()));
    EXPECT_EQ(resolveScan(c, u"(01)04000000000006(3923)13890", eur(), kNow)->item.price, Money(1389, eur()));
    auto fraction = resolveScan(c, u"(01)04000000000006(3923)13895", eur(), kNow);
    ASSERT_FALSE(fraction.ok());
    EXPECT_TRUE(fraction.error().message.contains(QStringLiteral("more decimals than the currency")));
    auto zero = resolveScan(c, u"(01)04000000000006(3922)0", eur(), kNow);
    ASSERT_FALSE(zero.ok());
    EXPECT_TRUE(zero.error().message.contains(QStringLiteral("price of zero")));
}

class LabelScanTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(writeItems(db(),
            { { QStringLiteral("DELI-SALAD"), QStringLiteral("2012345000001"), Unit::Kilogram, 1290 }, // label price
                { QStringLiteral("CHEESE"), QStringLiteral("2500042000009"), Unit::Kilogram, 1890 }, // label weight
                { QStringLiteral("BREAD"), QStringLiteral("2500043000008"), Unit::Each,
                    250 } })); // a weight label is wrong here
    }
};

TEST_F(LabelScanTest, PriceAndWeightLabelsRingUpWhatTheyCarry)
{
    Catalog catalog(db());
    const auto labels = labelRules("price5-weight5");
    auto salad = resolveScan(catalog, u"2012345019959", eur(), kNow, labels);
    ASSERT_TRUE(salad.ok()) << qPrintable(salad.error().message);
    EXPECT_EQ(salad->item.sku, QStringLiteral("DELI-SALAD"));
    EXPECT_EQ(salad->item.price, Money(1995, eur())) << "the label's price, not the catalog's per-kg price";
    EXPECT_EQ(salad->item.unit, Unit::Each);
    EXPECT_EQ(salad->quantity, 1000);
    EXPECT_EQ(salad->scannedCode, QStringLiteral("2012345019959"));
    auto cheese = resolveScan(catalog, u"2500042007350", eur(), kNow, labels);
    ASSERT_TRUE(cheese.ok()) << qPrintable(cheese.error().message);
    EXPECT_EQ(cheese->item.sku, QStringLiteral("CHEESE"));
    EXPECT_EQ(cheese->quantity, 735) << "0.735 kg at the catalog's price per kg";

    // Two salads at different prices are two lines; the same price twice is one line of two.
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(salad->item, salad->quantity, salad->scannedCode).ok());
    ASSERT_TRUE(cart.add(salad->item, salad->quantity, salad->scannedCode).ok());
    auto cheaper = resolveScan(catalog, u"2012345012998", eur(), kNow, labels);
    ASSERT_TRUE(cheaper.ok()) << qPrintable(cheaper.error().message);
    ASSERT_TRUE(cart.add(cheaper->item, cheaper->quantity, cheaper->scannedCode).ok());
    ASSERT_TRUE(cart.add(cheese->item, cheese->quantity, cheese->scannedCode).ok());
    ASSERT_EQ(cart.lines().size(), 3);
    EXPECT_EQ(cart.lines()[0].quantity, 2000);
    EXPECT_EQ(cart.lines()[1].amountMinor, 1299);
    EXPECT_EQ(cart.lines()[2].amountMinor, 1389) << "0.735 × 18.90 = 13.8915, half-up";
    EXPECT_EQ(cart.totals().totalMinor, 1995 * 2 + 1299 + 1389);
}

TEST_F(LabelScanTest, BadLabelsAreRefusedWithAReason)
{
    Catalog catalog(db());
    const auto labels = labelRules("price5-weight5");
    auto unknown = resolveScan(catalog, u"2199999019952", eur(), kNow, labels);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("no item is registered as 2199999000004")))
        << qPrintable(unknown.error().message);
    auto pieces = resolveScan(catalog, u"2500043005003", eur(), kNow, labels);
    ASSERT_FALSE(pieces.ok());
    EXPECT_TRUE(pieces.error().message.contains(QStringLiteral("sold by the piece")));
    auto free = resolveScan(catalog, u"2012345000001", eur(), kNow, labels);
    ASSERT_FALSE(free.ok()) << "the registration code itself carries price zero";
    EXPECT_TRUE(free.error().message.contains(QStringLiteral("price of zero")));
    auto misread = resolveScan(catalog, u"2012345019958", eur(), kNow, labels);
    ASSERT_FALSE(misread.ok());
    EXPECT_TRUE(misread.error().message.contains(QStringLiteral("check digit")));
    // Without label rules the same code is only an unknown barcode.
    auto plain = resolveScan(catalog, u"2012345019959", eur(), kNow);
    ASSERT_FALSE(plain.ok());
    EXPECT_EQ(plain.error().code, ErrorCode::NotFound);
}
