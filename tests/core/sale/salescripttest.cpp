// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/salescript.h"
#include "core/catalog/importer.h"
#include "support/testhelper.h"

#include <QDir>

using namespace omnitill;
using namespace omnitill::test;

class SaleScriptTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        CatalogImporter importer(db());
        auto r = importer.importFile(dataPath(QStringLiteral("sales/catalog.json")));
        ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    }
};

// Every tests/data/sales/*.sale.json is rung up and its receipt compared with *.expected (or its error with *.error).
TEST_F(SaleScriptTest, GoldenReceipts)
{
    const QDir dir(dataPath(QStringLiteral("sales")));
    const QStringList scripts = dir.entryList({ QStringLiteral("*.sale.json") }, QDir::Files, QDir::Name);
    ASSERT_GE(scripts.size(), 6);
    for (const QString &name : scripts) {
        SCOPED_TRACE(name.toStdString());
        const QString stem = name.chopped(QStringLiteral(".sale.json").size());
        Catalog catalog(db());
        SaleStore store(db(), fixedClock());
        auto r = runSaleScript(readData(QStringLiteral("sales/") + name), catalog, &store, kNow);
        const QString actual = r ? receiptText(*r) : QStringLiteral("error: ") + r.error().message + u'\n';
        EXPECT_TRUE(matchesGolden(actual, QStringLiteral("sales/") + stem + QStringLiteral(".expected")));
    }
}

TEST_F(SaleScriptTest, DryRunSavesNothing)
{
    Catalog catalog(db());
    auto r = runSaleScript(readData(QStringLiteral("sales/01-eu-basket.sale.json")), catalog, nullptr, kNow);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->receiptNo.isEmpty());
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}

TEST_F(SaleScriptTest, FailedScriptSavesNothing)
{
    Catalog catalog(db());
    SaleStore store(db(), fixedClock());
    const QByteArray bad = R"({"currency":"EUR","items":[{"sku":"MILK-1"},{"barcode":"4006381333932"}]})";
    auto r = runSaleScript(bad, catalog, &store, kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.startsWith(QStringLiteral("items[1]: ")));
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}
