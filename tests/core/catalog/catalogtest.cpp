// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

class CatalogTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        Transaction tx(db().connection());
        CatalogWriter w(db());
        ASSERT_TRUE(w.prepare().ok());
        ASSERT_TRUE(w.defineTaxClass({ QStringLiteral("STD"), QStringLiteral("Standard"), 19000 }).ok());
        ASSERT_TRUE(w.defineTaxClass({ QStringLiteral("RED"), QStringLiteral("Reduced"), 7000 }).ok());
        add(w, QStringLiteral("MILK-1"), QStringLiteral("Vollmilch"), { QStringLiteral("4006381333931") }, 119);
        add(w, QStringLiteral("CREME-1"), QStringLiteral("Crème fraîche"), { QStringLiteral("96385074") }, 189);
        add(w, QStringLiteral("TEE-S"), QStringLiteral("Crew T-Shirt"), { QStringLiteral("036000291452") }, 1999,
            QStringLiteral("TEE"), QStringLiteral("S"));
        add(w, QStringLiteral("TEE-M"), QStringLiteral("Crew T-Shirt"),
            { QStringLiteral("10012345678902"), QStringLiteral("4000000000006") }, 1999, QStringLiteral("TEE"),
            QStringLiteral("M"));
        // A promotion on milk for one day, and a future price rise.
        CatalogRecord promo = base(QStringLiteral("MILK-1"), QStringLiteral("Vollmilch"));
        promo.price = Money(99, eur());
        promo.validFromMs = kNow - 3600'000;
        promo.validToMs = kNow + 3600'000;
        ASSERT_TRUE(w.write(promo).ok());
        CatalogRecord rise = base(QStringLiteral("MILK-1"), QStringLiteral("Vollmilch"));
        rise.price = Money(129, eur());
        rise.validFromMs = kNow + 86400'000;
        ASSERT_TRUE(w.write(rise).ok());
        ASSERT_TRUE(w.finish().ok());
        ASSERT_TRUE(tx.commit().ok());
    }

    static CatalogRecord base(const QString &sku, const QString &name)
    {
        CatalogRecord r;
        r.source = sku;
        r.sku = sku;
        r.productName = name;
        r.taxClassCode = QStringLiteral("RED");
        return r;
    }
    void add(CatalogWriter &w, const QString &sku, const QString &name, const QStringList &barcodes, qint64 cents,
        const QString &productCode = {}, const QString &label = {})
    {
        CatalogRecord r = base(sku, name);
        r.barcodes = barcodes;
        r.price = Money(cents, eur());
        r.productCode = productCode;
        r.variantLabel = label;
        r.brand = QStringLiteral("Alpenhof");
        if (!productCode.isEmpty())
            r.taxClassCode = QStringLiteral("STD");
        auto st = w.write(r);
        ASSERT_TRUE(st.ok()) << qPrintable(st.error().message);
    }
};

TEST_F(CatalogTest, LooksUpByBarcodeWithCapturedDetails)
{
    Catalog c(db());
    auto item = c.lookupBarcode(u"96385074", eur(), kNow);
    ASSERT_TRUE(item.ok()) << qPrintable(item.error().message);
    EXPECT_EQ(item->sku, QStringLiteral("CREME-1"));
    EXPECT_EQ(item->name, QStringLiteral("Crème fraîche"));
    EXPECT_EQ(item->price, Money(189, eur()));
    EXPECT_EQ(item->tax.code, QStringLiteral("RED"));
    EXPECT_EQ(item->tax.rateMilliPct, 7000);
}

TEST_F(CatalogTest, SeveralBarcodesReachTheSameVariant)
{
    Catalog c(db());
    auto a = c.lookupBarcode(u"10012345678902", eur(), kNow);
    auto b = c.lookupBarcode(u"4000000000006", eur(), kNow);
    auto gtin14 = c.lookupBarcode(u"04000000000006", eur(), kNow);
    ASSERT_TRUE(a.ok() && b.ok() && gtin14.ok());
    EXPECT_EQ(a->variantId, b->variantId);
    EXPECT_EQ(gtin14->variantId, b->variantId);
    EXPECT_EQ(a->name, QStringLiteral("Crew T-Shirt M"));
    auto s = c.lookupSku(u"TEE-S", eur(), kNow);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->productId, a->productId); // variants of one product
    EXPECT_NE(s->variantId, a->variantId);
}

TEST_F(CatalogTest, PriceFollowsValidityWindows)
{
    Catalog c(db());
    EXPECT_EQ(c.lookupSku(u"MILK-1", eur(), kNow)->price.minor(), 99); // promotion running
    EXPECT_EQ(c.lookupSku(u"MILK-1", eur(), kNow + 2 * 3600'000)->price.minor(), 119); // promotion over
    EXPECT_EQ(c.lookupSku(u"MILK-1", eur(), kNow + 86400'000)->price.minor(), 129); // the rise starts
    EXPECT_EQ(c.lookupSku(u"MILK-1", eur(), kNow + 3600'000)->price.minor(), 119); // end is exclusive
}

TEST_F(CatalogTest, ExplainsMisses)
{
    Catalog c(db());
    auto unknown = c.lookupBarcode(u"5901234123457", eur(), kNow);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("5901234123457 is not in the catalog")));
    auto badCheck = c.lookupBarcode(u"4006381333932", eur(), kNow);
    ASSERT_FALSE(badCheck.ok());
    EXPECT_EQ(badCheck.error().code, ErrorCode::InvalidInput);
    auto noUsd = c.lookupSku(u"MILK-1", usd(), kNow);
    ASSERT_FALSE(noUsd.ok());
    EXPECT_TRUE(noUsd.error().message.contains(QStringLiteral("no USD price")));
    EXPECT_FALSE(c.lookupSku(u"  ", eur(), kNow).ok());
}

TEST_F(CatalogTest, ScannedCodesTryBarcodeThenSku)
{
    {
        Transaction tx(db().connection());
        CatalogWriter w(db());
        ASSERT_TRUE(w.prepare().ok());
        add(w, QStringLiteral("4011"), QStringLiteral("Bananas (PLU)"), {}, 199); // a numeric SKU, as PLUs are
        ASSERT_TRUE(w.finish().ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    Catalog c(db());
    EXPECT_EQ(c.lookupCode(u"4011", eur(), kNow)->name, QStringLiteral("Bananas (PLU)"));
    EXPECT_EQ(c.lookupCode(u" 96385074 ", eur(), kNow)->sku, QStringLiteral("CREME-1"));
    EXPECT_EQ(c.lookupCode(u"TEE-M", eur(), kNow)->sku, QStringLiteral("TEE-M"));
    auto unknown = c.lookupCode(u"5901234123457", eur(), kNow);
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("barcode 5901234123457 is not in the catalog")));
    auto mistyped = c.lookupCode(u"4006381333932", eur(), kNow);
    ASSERT_FALSE(mistyped.ok());
    EXPECT_TRUE(mistyped.error().message.contains(QStringLiteral("check digit")));
    ASSERT_TRUE(execDirect(db().connection(), QStringLiteral("UPDATE variant SET active = 0 WHERE sku = '4011'")).ok());
    EXPECT_TRUE(c.lookupCode(u"4011", eur(), kNow).error().message.contains(QStringLiteral("no longer sold")));
}

TEST_F(CatalogTest, InactiveVariantIsNotSold)
{
    ASSERT_TRUE(
        execDirect(db().connection(), QStringLiteral("UPDATE variant SET active = 0 WHERE sku = 'TEE-S'")).ok());
    Catalog c(db());
    auto r = c.lookupSku(u"TEE-S", eur(), kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("no longer sold")));
}

TEST_F(CatalogTest, SearchIsPrefixAccentAndCaseInsensitive)
{
    Catalog c(db());
    for (const char16_t *query : { u"creme", u"CRÈME", u"cr fra", u"fraiche", u"Crème fraîche" }) {
        auto hits = c.search(query);
        ASSERT_TRUE(hits.ok());
        ASSERT_EQ(hits->size(), 1) << QString::fromUtf16(query).toStdString();
        EXPECT_EQ(hits->first().sku, QStringLiteral("CREME-1"));
    }
    auto shirts = c.search(u"shirt");
    ASSERT_TRUE(shirts.ok());
    EXPECT_EQ(shirts->size(), 2);
    auto byBrand = c.search(u"alpen");
    ASSERT_TRUE(byBrand.ok());
    EXPECT_EQ(byBrand->size(), 4);
    EXPECT_TRUE(c.search(u"banana")->isEmpty());
}

TEST_F(CatalogTest, SearchSurvivesFtsSyntaxAndHostileInput)
{
    Catalog c(db());
    for (const char16_t *query : { u"\"", u"milch\" OR \"*", u"NEAR(a b)", u"-", u"*", u"'; DROP TABLE variant; --",
             u"col:milch", u"^milch", u"" }) {
        auto hits = c.search(query);
        EXPECT_TRUE(hits.ok()) << QString::fromUtf16(query).toStdString();
    }
    EXPECT_EQ(c.search(u"\"vollmilch\"")->size(), 1);
    EXPECT_EQ(Catalog::ftsQuery(u"Café  lat\"te"), QStringLiteral("\"Café\"* \"lat\"* \"te\"*"));
    EXPECT_EQ(count(QStringLiteral("variant")), 4);
}

TEST_F(CatalogTest, WriterRejectsBarcodeOwnedByAnotherSku)
{
    Transaction tx(db().connection());
    CatalogWriter w(db());
    ASSERT_TRUE(w.prepare().ok());
    CatalogRecord r = base(QStringLiteral("OTHER"), QStringLiteral("Other"));
    r.price = Money(100, eur());
    r.barcodes = { QStringLiteral("4006381333931") };
    auto st = w.write(r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(st.error().message.contains(QStringLiteral("already belongs to SKU MILK-1")));
}

TEST_F(CatalogTest, WriterRejectsChangedTaxRate)
{
    CatalogWriter w(db());
    ASSERT_TRUE(w.prepare().ok());
    auto st = w.defineTaxClass({ QStringLiteral("STD"), QStringLiteral("Standard"), 16000 });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Conflict);
}
