// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/salecontroller.h"
#include "core/sale/salestore.h"
#include "support/testhelper.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

class SaleControllerTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(300);
        m_catalog = std::make_unique<Catalog>(db());
        m_store = std::make_unique<SaleStore>(db(), fixedClock());
        m_till = std::make_unique<SaleController>(*m_catalog, *m_store, fixedClock(),
            SaleController::Config { eur(), PricingMode::TaxInclusive, 5, {}, QLocale::c() });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_till->lines(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    QString barcodeOf(const char *sku)
    {
        QSqlQuery q(db().connection());
        q.prepare(QStringLiteral("SELECT b.code FROM barcode b JOIN variant v ON v.id = b.variant_id WHERE v.sku = ?"));
        q.addBindValue(QString::fromLatin1(sku));
        if (!q.exec() || !q.next())
            return {};
        return q.value(0).toString();
    }

    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_store;
    std::unique_ptr<SaleController> m_till;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

TEST_F(SaleControllerTest, ScanMergeRemoveAndTotals)
{
    QSignalSpy totals(m_till.get(), &SaleController::totalsChanged);
    const QString code = barcodeOf("SKU0000001");
    ASSERT_FALSE(code.isEmpty());
    ASSERT_TRUE(m_till->scan(code));
    ASSERT_TRUE(m_till->scan(QStringLiteral(" SKU0000002 ")));
    ASSERT_TRUE(m_till->scan(code));
    EXPECT_EQ(m_till->lineCount(), 2);
    EXPECT_EQ(m_till->lines()->rowCount(), 2);
    EXPECT_EQ(m_till->lines()->index(0).data(CartModel::QuantityRole).toString(), QStringLiteral("2"));
    EXPECT_EQ(totals.count(), 3);
    EXPECT_EQ(m_till->total(), Money(m_till->cart().totals().totalMinor, eur()).toString());
    ASSERT_TRUE(m_till->setQuantity(1, QStringLiteral("3")));
    EXPECT_EQ(m_till->lines()->index(1).data(CartModel::QuantityRole).toString(), QStringLiteral("3"));
    ASSERT_TRUE(m_till->setCartDiscountPercent(QStringLiteral("10")));
    EXPECT_FALSE(m_till->lines()->index(0).data(CartModel::DiscountRole).toString().isEmpty());
    ASSERT_TRUE(m_till->removeLine(0));
    EXPECT_EQ(m_till->lineCount(), 1);
    EXPECT_EQ(m_till->lines()->index(0).data(CartModel::SkuRole).toString(), QStringLiteral("SKU0000002"));
}

TEST_F(SaleControllerTest, RefusalsAreReportedOnceAndChangeNothing)
{
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    const QString totalBefore = m_till->total();
    EXPECT_FALSE(m_till->scan(QStringLiteral("4006381333932")));
    EXPECT_FALSE(m_till->scan(QStringLiteral("NO-SUCH-SKU")));
    EXPECT_FALSE(m_till->setQuantity(0, QStringLiteral("-1")));
    EXPECT_FALSE(m_till->setQuantity(0, QStringLiteral("abc")));
    EXPECT_FALSE(m_till->setQuantity(7, QStringLiteral("1")));
    EXPECT_FALSE(m_till->setLineDiscountPercent(0, QStringLiteral("150")));
    EXPECT_FALSE(m_till->payCash(QStringLiteral("0.01")));
    EXPECT_FALSE(m_till->payCash(QStringLiteral("lots")));
    EXPECT_FALSE(m_till->scan(QStringLiteral("   ")));
    EXPECT_EQ(errors.count(), 8);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("check digit")));
    EXPECT_EQ(m_till->total(), totalBefore);
    EXPECT_EQ(m_till->lineCount(), 1);
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}

TEST_F(SaleControllerTest, PayingRecordsTheSaleAndStartsANewOne)
{
    QSignalSpy completed(m_till.get(), &SaleController::saleCompleted);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->payCash(QStringLiteral("100")));
    ASSERT_EQ(completed.count(), 1);
    EXPECT_EQ(completed.at(0).at(0).toString(), QStringLiteral("T01-5F90-000001"));
    EXPECT_EQ(m_till->lastReceipt(), QStringLiteral("T01-5F90-000001"));
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(count(QStringLiteral("sale")), 1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT due_minor % 5 FROM sale")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 0) << "cash is rounded to 0.05";
    EXPECT_FALSE(m_till->payCard()) << "an empty cart cannot be paid";
}

TEST_F(SaleControllerTest, FailedPaymentKeepsTheCart)
{
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    fillDisk();
    for (int i = 2; i <= 250; ++i) // enough lines that the sale cannot fit in the remaining free pages
        ASSERT_TRUE(m_till->scan(QStringLiteral("SKU%1").arg(i, 7, 10, QLatin1Char('0'))));
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->payCard());
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("disk is full")));
    EXPECT_EQ(m_till->lineCount(), 250);
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}

// "50,00" in a German store: the refusal, now read as the cashier meant it; quantities and percentages too.
TEST_F(SaleControllerTest, NumbersAreReadAsTypedInTheStoresLocale)
{
    SaleController till(*m_catalog, *m_store, fixedClock(),
        SaleController::Config { eur(), PricingMode::TaxInclusive, 5, {}, QLocale(QLocale::German, QLocale::Germany) });
    ASSERT_TRUE(till.scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(till.setQuantity(0, QStringLiteral("2")));
    ASSERT_TRUE(till.setLineDiscountPercent(0, QStringLiteral("12,5"))) << qPrintable(till.notice());
    EXPECT_FALSE(till.setLineDiscountPercent(0, QStringLiteral("1,2,5")));
    ASSERT_TRUE(till.payCash(QStringLiteral("1.000,00"))) << qPrintable(till.notice());
    EXPECT_EQ(count(QStringLiteral("sale")), 1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT tendered_minor FROM sale")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 100000);
}
