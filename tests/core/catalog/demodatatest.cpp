// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/gtin.h"
#include "support/testhelper.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSet>

using namespace omnitill;
using namespace omnitill::test;

TEST(DemoCatalog, DeterministicWithValidUniqueBarcodes)
{
    QSet<QString> skus;
    QSet<QString> barcodes;
    qint64 records = 0;
    bool weighed = false, variants = false, accented = false, promo = false;
    DemoCatalog::generate(DemoOptions { 20000, 7, kNow }, [&](const CatalogRecord &r) {
        ++records;
        skus.insert(r.sku);
        for (const QString &b : r.barcodes) {
            EXPECT_TRUE(Gtin::validate(b).ok()) << qPrintable(b);
            EXPECT_FALSE(barcodes.contains(b)) << qPrintable(b);
            barcodes.insert(b);
        }
        weighed |= r.unit == Unit::Kilogram;
        variants |= !r.variantLabel.isEmpty() && r.productCode != r.sku;
        accented |= r.productName.contains(u'é') || r.productName.contains(u'ü');
        promo |= r.validToMs.has_value();
        EXPECT_TRUE(r.price && !r.price->isNegative());
        return true;
    });
    EXPECT_EQ(skus.size(), 20000);
    EXPECT_GT(barcodes.size(), 20000);
    EXPECT_TRUE(weighed && variants && accented && promo);

    auto csvHash = [](quint64 seed) {
        QBuffer b;
        b.open(QIODevice::WriteOnly);
        EXPECT_TRUE(DemoCatalog::writeCsv(b, DemoOptions { 500, seed, kNow }).ok());
        return QCryptographicHash::hash(b.data(), QCryptographicHash::Sha256);
    };
    EXPECT_EQ(csvHash(1), csvHash(1));
    EXPECT_NE(csvHash(1), csvHash(2));
}

class DemoSeedTest : public DbFixture
{
};

TEST_F(DemoSeedTest, SeedsTheRequestedNumberOfSkus)
{
    seedDemo(5000);
    EXPECT_EQ(*Catalog(db()).variantCount(), 5000);
    EXPECT_EQ(count(QStringLiteral("variant_fts")), 5000);
    EXPECT_EQ(count(QStringLiteral("tax_class")), 2);
}
