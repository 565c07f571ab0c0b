// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/catalogsearchmodel.h"
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
