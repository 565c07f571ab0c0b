// SPDX-License-Identifier: GPL-3.0-or-later
// The Returns page's controller, offline (the hub not set up): the receipt's QR code finds this till's sale; a scan
// adds one more of a line; more than can come back is refused; a cashier's refund to another tender waits for a
// manager's PIN and is then recorded once; without a receipt the items are scanned and go to store credit; another
// shop's QR code and an unknown receipt get clear messages.
#include "core/till/returncontroller.h"
#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/till/staffsession.h"
#include "support/testhelper.h"

#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class ReturnControllerTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        m_catalog = std::make_unique<Catalog>(db());
        m_sales = std::make_unique<SaleStore>(db(), fixedClock());
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        m_maria = *m_staff->createFirstManager(u"Maria"_s, u"2468", std::nullopt);
        m_carl = *m_staff->add(m_maria, u"Carl"_s, u"cashier"_s, u"1357");
        m_session = std::make_unique<StaffSession>(*m_staff, fixedClock(), 3'600'000);
        m_returns = std::make_unique<ReturnStore>(db(), *m_sales, fixedClock());
        m_controller = std::make_unique<ReturnController>(
            *m_returns, *m_catalog, *m_session, *m_staff, eur(), fixedClock(), QLocale::c());
        ASSERT_TRUE(m_session->signIn(m_carl.id, u"1357"_s));

        Cart cart(eur(), PricingMode::TaxInclusive);
        m_item = *m_catalog->lookupSku(u"SKU0000001", eur(), kNow);
        ASSERT_TRUE(cart.add(m_item, 2000).ok());
        ASSERT_TRUE(cart.add(*m_catalog->lookupSku(u"SKU0000002", eur(), kNow), 1000).ok());
        auto sale = m_sales->record(cart, Payment { Payment::Method::Cash, std::nullopt, 1 });
        ASSERT_TRUE(sale.ok());
        m_sale = *sale;
    }

    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_sales;
    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_maria, m_carl;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<ReturnStore> m_returns;
    std::unique_ptr<ReturnController> m_controller;
    CatalogItem m_item;
    SaleReceipt m_sale;
};

TEST_F(ReturnControllerTest, TheReceiptsQrCodeFindsTheSaleAndAScanTakesOneBack)
{
    QSignalSpy errors(m_controller.get(), &ReturnController::errorOccurred);
    ASSERT_TRUE(m_controller->scan(u"https://hub.example/r/"_s + m_sale.receiptToken));
    EXPECT_EQ(m_controller->original().value(u"receiptNo"_s).toString(), m_sale.receiptNo);
    EXPECT_TRUE(m_controller->original().value(u"sourceText"_s).toString().contains(u"this till"_s));
    ASSERT_EQ(m_controller->lines().size(), 2);
    EXPECT_TRUE(m_controller->refunds().isEmpty()) << "nothing chosen yet";

    // The item's barcode adds one of its line.
    ASSERT_TRUE(m_controller->scan(m_item.sku));
    EXPECT_EQ(m_controller->lines()[0].toMap().value(u"qty"_s).toString(), u"1"_s);
    EXPECT_FALSE(m_controller->setQuantity(0, u"3"_s)) << "two were bought";
    EXPECT_TRUE(errors.last().first().toString().contains(u"at most 2"_s))
        << qPrintable(errors.last().first().toString());
    ASSERT_TRUE(m_controller->setQuantity(0, u"2"_s));
    EXPECT_EQ(m_controller->total(), u"%1"_s.arg(Money(m_sale.lines[0].totalMinor, eur()).toString()));
    ASSERT_EQ(m_controller->refunds().size(), 1);
    EXPECT_EQ(m_controller->refunds()[0].toMap().value(u"kind"_s).toString(), u"cash"_s);

    QSignalSpy recorded(m_controller.get(), &ReturnController::returnRecorded);
    m_controller->setRestock(0, false);
    ASSERT_TRUE(m_controller->complete(u"torn"_s))
        << qPrintable(errors.isEmpty() ? QString() : errors.last().first().toString());
    ASSERT_EQ(recorded.size(), 1);
    const auto record = recorded.first().first().value<ReturnRecord>();
    EXPECT_FALSE(record.lines[0].restock);
    EXPECT_TRUE(m_controller->done().contains(u"in cash"_s)) << qPrintable(m_controller->done());
    EXPECT_TRUE(m_controller->original().isEmpty()) << "ready for the next";

    // Looked up again: nothing of that line is left.
    ASSERT_TRUE(m_controller->find(m_sale.receiptNo));
    EXPECT_TRUE(m_controller->lines()[0].toMap().value(u"none"_s).toBool());
}

TEST_F(ReturnControllerTest, ACashiersRefundElsewhereWaitsForAManager)
{
    ASSERT_TRUE(m_controller->find(m_sale.receiptNo.toLower()));
    ASSERT_TRUE(m_controller->setQuantity(1, u"1"_s));
    m_controller->setRefundKind(u"store_credit"_s);
    QSignalSpy recorded(m_controller.get(), &ReturnController::returnRecorded);
    EXPECT_FALSE(m_controller->complete(u"gift"_s));
    ASSERT_TRUE(m_controller->approvalPending());
    EXPECT_TRUE(m_controller->approvalAction().contains(u"refund"_s));
    ASSERT_EQ(m_controller->approvers().size(), 1);
    EXPECT_FALSE(m_controller->approve(m_maria.id, u"0000"_s));
    EXPECT_FALSE(m_controller->approvalMessage().isEmpty());
    EXPECT_EQ(count(u"sale_return"_s), 0);
    ASSERT_TRUE(m_controller->approve(m_maria.id, u"2468"_s));
    ASSERT_EQ(recorded.size(), 1);
    EXPECT_EQ(count(u"sale_return"_s), 1);
    EXPECT_TRUE(m_controller->done().contains(u"new store credit"_s)) << qPrintable(m_controller->done());
    EXPECT_FALSE(m_controller->approve(m_maria.id, u"2468"_s)) << "approved once, recorded once";
    EXPECT_EQ(count(u"sale_return"_s), 1);
}

TEST_F(ReturnControllerTest, WithoutAReceiptTheItemsAreScannedAndStrangeCodesAreRefused)
{
    QSignalSpy errors(m_controller.get(), &ReturnController::errorOccurred);
    EXPECT_FALSE(m_controller->find(u"https://other.shop/order/77"_s));
    EXPECT_TRUE(errors.last().first().toString().contains(u"not a receipt of ours"_s));
    EXPECT_FALSE(m_controller->find(u"S009-T01-XXXX-000001"_s));
    EXPECT_TRUE(errors.last().first().toString().contains(u"cannot be reached"_s));
    EXPECT_FALSE(m_controller->find(QString(100000, u'x')));

    m_controller->startWithoutReceipt();
    ASSERT_TRUE(m_controller->scan(m_item.sku));
    ASSERT_TRUE(m_controller->scan(m_item.sku));
    EXPECT_EQ(m_controller->lines()[0].toMap().value(u"qty"_s).toString(), u"2"_s);
    EXPECT_FALSE(m_controller->scan(u"NOT-AN-ITEM"_s));
    ASSERT_EQ(m_controller->refunds().size(), 1);
    EXPECT_EQ(m_controller->refunds()[0].toMap().value(u"kind"_s).toString(), u"store_credit"_s);
    EXPECT_FALSE(m_controller->complete(u"no receipt"_s));
    EXPECT_TRUE(m_controller->approvalPending()) << "a cashier takes no return without a receipt alone";
    ASSERT_TRUE(m_controller->approve(m_maria.id, u"2468"_s));
    EXPECT_EQ(count(u"sale_return"_s), 1);
}
