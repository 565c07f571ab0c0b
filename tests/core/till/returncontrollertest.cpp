// SPDX-License-Identifier: GPL-3.0-or-later
// The Returns page's controller, offline (the hub not set up): the receipt's QR code finds this till's sale; a scan
// adds one more of a line; more than can come back is refused; a cashier's refund to another tender waits for a
// manager's PIN and is then recorded once; without a receipt the items are scanned and go to store credit; another
// shop's QR code and an unknown receipt get clear messages.
#include "core/till/returncontroller.h"
#include "core/catalog/catalog.h"
#include "core/sale/adjustments.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"
#include "support/testhelper.h"
#include "sync/common/events.h"

#include <QJsonArray>
#include <QSqlQuery>

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
        m_voids = std::make_unique<Voids>(db(), fixedClock());
        m_adjustments = std::make_unique<Adjustments>(db(), fixedClock());
        m_till = std::make_unique<SaleController>(*m_catalog, *m_sales, fixedClock(),
            SaleController::Config { eur(), PricingMode::TaxInclusive, 1, {}, QLocale::c(), { u"Other"_s } });
        m_till->setStaff({ *m_session, *m_staff, *m_voids, *m_adjustments });
        m_controller->setSale(m_till.get());

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
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
    std::unique_ptr<SaleController> m_till;
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

// An exchange: one of the two pieces comes back and pays toward other goods; the sale and the return are recorded in
// one transaction, or neither is.
TEST_F(ReturnControllerTest, AnExchangeIsOneTransaction)
{
    QSignalSpy errors(m_controller.get(), &ReturnController::errorOccurred);
    QSignalSpy started(m_controller.get(), &ReturnController::exchangeStarted);
    ASSERT_TRUE(m_controller->find(m_sale.receiptNo));
    ASSERT_TRUE(m_controller->setQuantity(0, u"1"_s));
    const qint64 credit = m_sale.lines[0].totalMinor / 2;
    ASSERT_TRUE(m_controller->exchange(u"wrong size"_s))
        << qPrintable(errors.isEmpty() ? QString() : errors.last().first().toString());
    EXPECT_EQ(started.size(), 1);
    EXPECT_EQ(count(u"sale_return"_s), 0) << "nothing is recorded before the new sale is paid";
    EXPECT_EQ(m_till->exchangeCredit(), Money(credit, eur()).toString());

    // The goods taken instead cost more than the credit: the customer pays the rest in cash.
    for (int i = 0; i < 6; ++i)
        ASSERT_TRUE(m_till->scan(u"SKU0000003"_s));
    const qint64 total = 6 * m_catalog->lookupSku(u"SKU0000003", eur(), kNow)->price.minor();
    ASSERT_GT(total, credit);
    ASSERT_EQ(m_till->tenders().size(), 1);
    EXPECT_EQ(m_till->tenders()[0].toMap().value(u"kind"_s).toString(), u"exchange"_s);
    const qint64 salesBefore = count(u"sale"_s);

    // A return of the same line recorded meanwhile (elsewhere on this till) makes the exchange fail as a whole.
    {
        auto stale = m_returns->findLocal(m_sale.receiptNo);
        ReturnRequest r;
        r.original = **stale;
        r.lines = { ReturnLine { 1, {}, {}, {}, 0, 2000, 0, {}, 0, true } };
        r.reason = u"both back"_s;
        ASSERT_TRUE(m_returns->record(r, m_maria).ok());
    }
    QSignalSpy tillErrors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->payCash(u""_s));
    EXPECT_EQ(count(u"sale"_s), salesBefore) << "no sale without its return";
    EXPECT_EQ(count(u"sale_return"_s), 1);
    EXPECT_EQ(m_till->lineCount(), 1) << "the cart is kept";

    // Once more, from a fresh look-up: the other line comes back against the new goods.
    m_till->dropExchange();
    ASSERT_TRUE(m_controller->find(m_sale.receiptNo));
    ASSERT_TRUE(m_controller->setQuantity(1, u"1"_s));
    const qint64 credit2 = m_sale.lines[1].totalMinor;
    ASSERT_TRUE(m_controller->exchange(u"wrong colour"_s));
    ASSERT_TRUE(m_till->payCash(u""_s)) << qPrintable(
        tillErrors.isEmpty() ? QString() : tillErrors.last().first().toString());
    EXPECT_EQ(count(u"sale"_s), salesBefore + 1);
    EXPECT_EQ(count(u"sale_return"_s), 2);
    const QJsonObject ret = lastPayload(u"return.completed"_s);
    const QJsonObject sale = lastPayload(u"sale.completed"_s);
    EXPECT_EQ(ret.value(u"exchange_receipt_no"_s).toString(), sale.value(u"receipt_no"_s).toString());
    const QJsonArray payments = sale.value(u"payments"_s).toArray();
    ASSERT_EQ(payments.size(), 2);
    EXPECT_EQ(payments[0].toObject().value(u"kind"_s).toString(), u"exchange"_s);
    EXPECT_EQ(payments[0].toObject().value(u"amount_minor"_s).toInteger(), std::min(credit2, total));
    EXPECT_EQ(ret.value(u"refunds"_s).toArray()[0].toObject().value(u"kind"_s).toString(), u"exchange"_s);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(u"SELECT type, payload, created_at_ms FROM journal ORDER BY seq"_s));
    while (q.next()) {
        const auto st
            = sync::Events::validate(q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toLongLong());
        EXPECT_TRUE(st.ok()) << qPrintable(q.value(0).toString()) << ": " << qPrintable(st.error().message);
    }
    EXPECT_TRUE(m_till->exchangeCredit().isEmpty());
}
