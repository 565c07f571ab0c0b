// SPDX-License-Identifier: GPL-3.0-or-later
// What the hub says about a store's shelves reaches its till: the stock here beside each search hit and tile, and the
// favourites and categories grid a store sets in the config stream (a store's own setting beats the chain's).
#include "core/catalog/catalog.h"
#include "core/settings/tillsettings.h"
#include "core/till/catalogbrowsemodel.h"
#include "core/till/catalogsearchmodel.h"
#include "support/synchelper.h"
#include "sync/common/streams.h"

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
QByteArray stockRow(const QString &sku, const QString &store, qint64 onHandMilli)
{
    return QStringLiteral(R"({"sku": "%1", "store": "%2", "on_hand_milli": %3})")
        .arg(sku, store)
        .arg(onHandMilli)
        .toUtf8();
}

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row, 0), role).toString());
    return out;
}
} // namespace

class TillGridSyncTest : public SyncFixture
{
protected:
    void publish(const QString &stream, const QString &key, const QByteArray &row)
    {
        ASSERT_TRUE(validateRow(stream, key, row).ok()) << qPrintable(validateRow(stream, key, row).error().message);
        ASSERT_TRUE(m_hub->publish(stream, key, row).ok());
    }
};

TEST_F(TillGridSyncTest, StockAndTheStoresGridComeFromTheHub)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    // Stock for this store (S001) and another; SKU0000007 is out here, SKU0000003 is sold by weight.
    publish(kStockStream, QStringLiteral("SKU0000001|S001"), stockRow(QStringLiteral("SKU0000001"), u"S001"_s, 12000));
    publish(kStockStream, QStringLiteral("SKU0000001|S002"), stockRow(QStringLiteral("SKU0000001"), u"S002"_s, 99000));
    publish(kStockStream, QStringLiteral("SKU0000007|S001"), stockRow(QStringLiteral("SKU0000007"), u"S001"_s, 0));
    // The chain's favourites, and this store's own, which win; the chain's categories.
    publish(kConfigStream, QStringLiteral("till.favourites"), R"({"value": ["SKU0000009"]})");
    publish(kConfigStream, QStringLiteral("till.favourites@S001"),
        R"({"value": ["SKU0000007", "NO-SUCH-SKU", "SKU0000001", "SKU0000007"]})");
    publish(kConfigStream, QStringLiteral("till.categories"), R"({"value": ["DAIRY", "BAKERY", "GONE"]})");

    auto before = Database::open(t.path);
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(loadFavourites(**before)->isEmpty()) << "nothing before the first sync";
    before->reset();

    ASSERT_TRUE(syncOnce(t));
    auto db = Database::open(t.path);
    ASSERT_TRUE(db.ok());
    Catalog catalog(**db);
    const Currency eur = *Currency::fromCode(u"EUR");

    EXPECT_EQ(*catalog.stockHereMilli(u"SKU0000001"), std::optional<qint64>(12000)) << "this store's row, not S002's";
    EXPECT_EQ(*catalog.stockHereMilli(u"SKU0000002"), std::nullopt) << "no row: not known";

    CatalogSearchModel search(catalog, eur, [] { return kNow; });
    search.setQuery(catalog.lookupSku(u"SKU0000001", eur, kNow)->name);
    const int hit = int(column(search, CatalogSearchModel::SkuRole).indexOf(u"SKU0000001"_s));
    ASSERT_GE(hit, 0);
    EXPECT_EQ(search.data(search.index(hit, 0), CatalogSearchModel::StockRole).toString(), u"12 in stock"_s);

    auto favourites = loadFavourites(**db);
    auto categories = loadCategoryGrid(**db);
    ASSERT_TRUE(favourites.ok() && categories.ok());
    EXPECT_EQ(*favourites, (QStringList { u"SKU0000007"_s, u"NO-SUCH-SKU"_s, u"SKU0000001"_s }));
    CatalogBrowseModel grid(catalog, eur, [] { return kNow; });
    grid.setGrid(*favourites, *categories);
    EXPECT_EQ(column(grid, CatalogBrowseModel::CodeRole),
        (QStringList { u"SKU0000007"_s, u"SKU0000001"_s, u"DAIRY"_s, u"BAKERY"_s }))
        << "unknown SKUs and categories are left out, the store's order kept";
    EXPECT_EQ(column(grid, CatalogBrowseModel::KindRole),
        (QStringList { u"item"_s, u"item"_s, u"category"_s, u"category"_s }));
    EXPECT_EQ(column(grid, CatalogBrowseModel::StockRole),
        (QStringList { u"None in stock"_s, u"12 in stock"_s, QString(), QString() }));
    EXPECT_FALSE(grid.data(grid.index(0, 0), CatalogBrowseModel::PriceRole).toString().isEmpty());

    // A category opens on its items, by name; Back returns to the top.
    grid.openCategory(u"BAKERY"_s);
    EXPECT_EQ(grid.categoryName(), u"Bakery"_s);
    const QStringList names = column(grid, CatalogBrowseModel::NameRole);
    ASSERT_FALSE(names.isEmpty());
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(names, sorted);
    for (const QString &sku : column(grid, CatalogBrowseModel::CodeRole))
        EXPECT_EQ(catalog.lookupSku(sku, eur, kNow)->category, u"Bakery"_s) << qPrintable(sku);
    grid.back();
    EXPECT_EQ(grid.rowCount(), 4);

    // Goods sold by weight say what their price is for.
    grid.openCategory(u"PRODUCE"_s);
    int weighed = 0;
    for (int row = 0; row < grid.rowCount(); ++row) {
        const QString sku = grid.data(grid.index(row, 0), CatalogBrowseModel::CodeRole).toString();
        const QString price = grid.data(grid.index(row, 0), CatalogBrowseModel::PriceRole).toString();
        if (catalog.lookupSku(sku, eur, kNow)->unit == Unit::Kilogram) {
            EXPECT_TRUE(price.endsWith(u" / kg"_s)) << qPrintable(price);
            ++weighed;
        } else {
            EXPECT_FALSE(price.contains(u'/')) << qPrintable(price);
        }
    }
    EXPECT_GT(weighed, 0);
    grid.back();

    // A category the catalog does not have is a message, and the grid stays where it was.
    QString message;
    QObject::connect(&grid, &CatalogBrowseModel::errorOccurred, [&](const QString &m) { message = m; });
    grid.openCategory(u"GONE"_s);
    EXPECT_EQ(message, u"The category GONE is no longer in the catalog"_s);
    EXPECT_TRUE(grid.category().isEmpty());
}

TEST_F(TillGridSyncTest, WithoutTheHubsGridTheTopLevelCategoriesShow)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    auto db = Database::open(t.path);
    ASSERT_TRUE(db.ok());
    Catalog catalog(**db);
    CatalogBrowseModel grid(catalog, *Currency::fromCode(u"EUR"), [] { return kNow; });
    grid.setGrid(*loadFavourites(**db), *loadCategoryGrid(**db));
    const QStringList names = column(grid, CatalogBrowseModel::NameRole);
    EXPECT_TRUE(names.contains(u"Bakery"_s) && names.contains(u"Fruit & Vegetables"_s))
        << qPrintable(names.join(u", "));
    EXPECT_EQ(column(grid, CatalogBrowseModel::KindRole).count(u"category"_s), names.size());
}

TEST_F(TillGridSyncTest, ABrokenGridSettingIsAClearError)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    publish(kConfigStream, QStringLiteral("till.favourites"), R"({"value": "SKU0000001"})");
    ASSERT_TRUE(syncOnce(t));
    auto db = Database::open(t.path);
    ASSERT_TRUE(db.ok());
    auto favourites = loadFavourites(**db);
    ASSERT_FALSE(favourites.ok());
    EXPECT_EQ(favourites.error().message,
        u"the hub's setting till.favourites must be a list of codes, e.g. [\"A-1\", \"B-2\"]"_s);
}
