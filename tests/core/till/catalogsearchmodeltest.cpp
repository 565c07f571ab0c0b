// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/catalogsearchmodel.h"
#include "core/till/itemtext.h"
#include "support/testhelper.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

class CatalogSearchModelTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(300);
    }
};

TEST_F(CatalogSearchModelTest, TypeAheadFindsAndClears)
{
    Catalog catalog(db());
    CatalogSearchModel search(catalog, eur(), [] { return kNow; });
    QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy queryChanged(&search, &CatalogSearchModel::queryChanged);
    search.setQuery(QStringLiteral("shirt"));
    EXPECT_EQ(queryChanged.count(), 1);
    EXPECT_GT(search.rowCount(), 0);
    EXPECT_TRUE(search.index(0).data(CatalogSearchModel::NameRole).toString().contains(QStringLiteral("Shirt")));
    const QString sku = search.index(0).data(CatalogSearchModel::SkuRole).toString();
    EXPECT_TRUE(sku.startsWith(QStringLiteral("SKU")));
    // Each hit carries its price now, as the catalog prices it at the till.
    auto item = catalog.lookupSku(sku, eur(), kNow);
    ASSERT_TRUE(item.ok());
    EXPECT_EQ(search.index(0).data(CatalogSearchModel::PriceRole).toString(), item->price.toString());
    EXPECT_FALSE(search.index(0).data(CatalogSearchModel::PriceRole).toString().isEmpty());
    search.setQuery(QStringLiteral("zzzzzz"));
    EXPECT_EQ(search.rowCount(), 0);
    search.setQuery(QStringLiteral("zzzzzz"));
    EXPECT_EQ(queryChanged.count(), 2) << "setting the same query again changes nothing";
}

// The stock here as the cashier reads it: whole pieces, weighed goods with the decimals that matter, in the till's
// number format; nothing when it is not known.
TEST(ItemTextTest, StockIsShownInTheUnitAndLocaleOfTheTill)
{
    const QLocale c = QLocale::c();
    EXPECT_EQ(ItemText::stock(std::nullopt, Unit::Each, c), QString());
    EXPECT_EQ(ItemText::stock(12'000, Unit::Each, c), QStringLiteral("12 in stock"));
    EXPECT_EQ(ItemText::stock(1'000, Unit::Each, c), QStringLiteral("1 in stock"));
    EXPECT_EQ(ItemText::stock(500, Unit::Each, c), QStringLiteral("None in stock")) << "half a piece is none";
    EXPECT_EQ(ItemText::stock(0, Unit::Each, c), QStringLiteral("None in stock"));
    EXPECT_EQ(ItemText::stock(-3'000, Unit::Each, c), QStringLiteral("None in stock")) << "oversold";
    EXPECT_EQ(ItemText::stock(1'250, Unit::Kilogram, c), QStringLiteral("1.25 kg in stock"));
    EXPECT_EQ(ItemText::stock(3'000, Unit::Kilogram, c), QStringLiteral("3 kg in stock"));
    EXPECT_EQ(ItemText::stock(1'250, Unit::Litre, QLocale(QLocale::German)), QStringLiteral("1,25 l in stock"));
}
