// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/salecontroller.h"
#include "core/sale/adjustments.h"
#include "core/sale/parkedsales.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/storage/journal.h"
#include "core/storedvalue/cardnumber.h"
#include "core/till/staffsession.h"
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
        // A manager (Maria, with a badge) and a cashier whose role allows no counter action (Carl).
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(QStringLiteral("Maria"), u"2468", QStringLiteral("BADGE-MARIA"));
        ASSERT_TRUE(maria.ok());
        m_manager = *maria;
        auto carl = m_staff->add(m_manager, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357");
        ASSERT_TRUE(carl.ok());
        m_cashier = *carl;
        m_session = std::make_unique<StaffSession>(*m_staff, fixedClock(), 3'600'000);
        m_voids = std::make_unique<Voids>(db(), fixedClock());
        m_adjustments = std::make_unique<Adjustments>(db(), fixedClock());
        m_till = makeTill(QLocale::c());
        ASSERT_TRUE(m_session->signIn(m_manager.id, QStringLiteral("2468")));
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_till->lines(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    std::unique_ptr<SaleController> makeTill(const QLocale &locale)
    {
        auto till = std::make_unique<SaleController>(*m_catalog, *m_store, fixedClock(),
            SaleController::Config {
                eur(), PricingMode::TaxInclusive, 5, {}, locale, { QStringLiteral("Damaged item") } });
        till->setStaff({ *m_session, *m_staff, *m_voids, *m_adjustments });
        return till;
    }
    qint64 events(const QString &type)
    {
        QSqlQuery q(db().connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM journal WHERE type = ?"));
        q.addBindValue(type);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
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
    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_manager, m_cashier;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
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
    ASSERT_TRUE(m_till->setCartDiscountPercent(QStringLiteral("10"), QStringLiteral("regular customer")));
    EXPECT_FALSE(m_till->lines()->index(0).data(CartModel::DiscountRole).toString().isEmpty());
    ASSERT_TRUE(m_till->voidLine(0, QStringLiteral("scanned by mistake")));
    EXPECT_EQ(m_till->lineCount(), 1);
    EXPECT_EQ(m_till->lines()->index(0).data(CartModel::SkuRole).toString(), QStringLiteral("SKU0000002"));
}

TEST_F(SaleControllerTest, RefusalsAreReportedOnceAndChangeNothing)
{
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    QSignalSpy scans(m_till.get(), &SaleController::scanHandled);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    const QString totalBefore = m_till->total();
    EXPECT_FALSE(m_till->scan(QStringLiteral("4006381333932")));
    EXPECT_FALSE(m_till->scan(QStringLiteral("NO-SUCH-SKU")));
    EXPECT_FALSE(m_till->setQuantity(0, QStringLiteral("-1")));
    EXPECT_FALSE(m_till->setQuantity(0, QStringLiteral("abc")));
    EXPECT_FALSE(m_till->setQuantity(7, QStringLiteral("1")));
    EXPECT_FALSE(m_till->setLineDiscountPercent(0, QStringLiteral("150"), QStringLiteral("damaged")));
    EXPECT_FALSE(m_till->payCash(QStringLiteral("-1")));
    EXPECT_FALSE(m_till->payCash(QStringLiteral("lots")));
    EXPECT_FALSE(m_till->scan(QStringLiteral("   ")));
    EXPECT_FALSE(m_till->voidLine(0, QStringLiteral("  ")));
    EXPECT_FALSE(m_till->voidLine(3, QStringLiteral("no such line")));
    EXPECT_EQ(errors.count(), 10);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("check digit")));
    // The scan sounds' cue: a good scan, two refused ones; nothing for a blank entry.
    ASSERT_EQ(scans.count(), 3);
    EXPECT_EQ(scans.at(0).at(0).toBool(), true);
    EXPECT_EQ(scans.at(1).at(0).toBool(), false);
    EXPECT_EQ(scans.at(2).at(0).toBool(), false);
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
    EXPECT_FALSE(m_till->payCard(QStringLiteral("A1B2C3"))) << "an empty cart cannot be paid";
}

TEST_F(SaleControllerTest, FailedPaymentKeepsTheCart)
{
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    fillDisk();
    for (int i = 2; i <= 250; ++i) // enough lines that the sale cannot fit in the remaining free pages
        ASSERT_TRUE(m_till->scan(QStringLiteral("SKU%1").arg(i, 7, 10, QLatin1Char('0'))));
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->payCard(QStringLiteral("A1B2C3")));
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("disk is full")));
    EXPECT_EQ(m_till->lineCount(), 250);
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}

// "50,00" in a German store: the refusal, now read as the cashier meant it; quantities and percentages too.
TEST_F(SaleControllerTest, NumbersAreReadAsTypedInTheStoresLocale)
{
    auto owned = makeTill(QLocale(QLocale::German, QLocale::Germany));
    SaleController &till = *owned;
    ASSERT_TRUE(till.scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(till.setQuantity(0, QStringLiteral("2")));
    const QString why = QStringLiteral("Kratzer");
    ASSERT_TRUE(till.setLineDiscountPercent(0, QStringLiteral("12,5"), why)) << qPrintable(till.notice());
    EXPECT_FALSE(till.setLineDiscountPercent(0, QStringLiteral("1,2,5"), why));
    ASSERT_TRUE(till.payCash(QStringLiteral("1.000,00"))) << qPrintable(till.notice());
    EXPECT_EQ(count(QStringLiteral("sale")), 1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT tendered_minor FROM sale")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), 100000);
}

// A cashier may not void: the void waits for a manager, who approves it on this till with a PIN (a wrong one is
// refused and the action keeps waiting) or a badge; the journal holds the approval and the void. Anything else done
// to the sale meanwhile drops the waiting action.
TEST_F(SaleControllerTest, ACashiersVoidWaitsForAManagersApproval)
{
    ASSERT_TRUE(m_session->signIn(m_cashier.id, QStringLiteral("1357")));
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000002")));
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->voidLine(1, QStringLiteral("customer changed their mind")));
    ASSERT_TRUE(m_till->approvalPending());
    EXPECT_EQ(m_till->approvalAction(), QStringLiteral("void a line"));
    const QVariantList approvers = m_till->approvers();
    ASSERT_EQ(approvers.size(), 1);
    EXPECT_EQ(approvers.at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("Maria"));
    EXPECT_EQ(m_till->lineCount(), 2);
    EXPECT_EQ(errors.count(), 0) << "waiting for a manager is not an error";

    EXPECT_FALSE(m_till->approve(m_manager.id, QStringLiteral("0000")));
    EXPECT_TRUE(m_till->approvalPending());
    EXPECT_TRUE(m_till->approvalMessage().contains(QStringLiteral("wrong PIN")))
        << qPrintable(m_till->approvalMessage());
    EXPECT_FALSE(m_till->approve(m_cashier.id, QStringLiteral("1357"))) << "a cashier cannot approve";
    ASSERT_TRUE(m_till->approve(m_manager.id, QStringLiteral("2468")));
    EXPECT_FALSE(m_till->approvalPending());
    EXPECT_EQ(m_till->lineCount(), 1);
    EXPECT_EQ(m_till->lines()->index(0).data(CartModel::SkuRole).toString(), QStringLiteral("SKU0000001"));
    EXPECT_EQ(events(QStringLiteral("override.approved")), 1);
    EXPECT_EQ(events(QStringLiteral("line.voided")), 1);

    // The next one by badge; a scan meanwhile drops it.
    EXPECT_FALSE(m_till->voidSale(QStringLiteral("customer left")));
    ASSERT_TRUE(m_till->approvalPending());
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000003")));
    EXPECT_FALSE(m_till->approvalPending());
    EXPECT_FALSE(m_till->approveWithBadge(QStringLiteral("BADGE-MARIA"))) << "nothing is waiting";
    EXPECT_FALSE(m_till->voidSale(QStringLiteral("customer left")));
    ASSERT_TRUE(m_till->approveWithBadge(QStringLiteral("BADGE-MARIA")));
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(events(QStringLiteral("sale.voided")), 1);
    EXPECT_EQ(events(QStringLiteral("override.approved")), 2);
    EXPECT_EQ(errors.count(), 0);

    // Locking the till drops a waiting action too; signed out, nothing can be done.
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    EXPECT_FALSE(m_till->overridePrice(0, QStringLiteral("1.00"), QStringLiteral("price match")));
    ASSERT_TRUE(m_till->approvalPending());
    m_session->lock();
    EXPECT_FALSE(m_till->approvalPending());
    EXPECT_FALSE(m_till->voidSale(QStringLiteral("customer left")));
    EXPECT_FALSE(m_till->payCard(QStringLiteral("A1B2C3")));
    ASSERT_EQ(errors.count(), 2);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("sign in first")));
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
}

// A manager's own price override needs no approval; the plus and minus buttons step pieces, and minus on the last
// piece is a void with its reason.
TEST_F(SaleControllerTest, PriceOverrideAndQuantitySteps)
{
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->overridePrice(0, QStringLiteral("1.50"), QStringLiteral("price match")));
    EXPECT_EQ(m_till->cart().lines().at(0).item.price.minor(), 150);
    EXPECT_EQ(events(QStringLiteral("line.price_overridden")), 1);
    ASSERT_TRUE(m_till->stepQuantity(0, +1));
    EXPECT_EQ(m_till->lines()->index(0).data(CartModel::QuantityRole).toString(), QStringLiteral("2"));
    ASSERT_TRUE(m_till->stepQuantity(0, -1));
    EXPECT_FALSE(m_till->stepQuantity(0, -1)) << "the last piece needs a reason";
    EXPECT_EQ(m_till->lineCount(), 1);
    ASSERT_TRUE(m_till->stepQuantity(0, -1, QStringLiteral("scanned twice")));
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(events(QStringLiteral("line.voided")), 1);
}

TEST_F(SaleControllerTest, QuickCashOffersTheExactAmountAndRoundNotesAbove)
{
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    const QStringList quick = m_till->quickCash();
    ASSERT_GE(quick.size(), 3);
    auto minor = [](const QString &s) { return Money::parse(s, eur()).value().minor(); };
    EXPECT_EQ(minor(quick.at(0)) % 5, 0) << "the exact amount, rounded as cash is";
    for (int i = 1; i < quick.size(); ++i) {
        EXPECT_GT(minor(quick.at(i)), minor(quick.at(i - 1)));
        EXPECT_EQ(minor(quick.at(i)) % 500, 0) << qPrintable(quick.at(i));
    }
}

// A sale parked by the cashier survives a restart of the till, shows who parked it, and is taken up again into an
// empty sale only; one whose item left the catalog stays parked with a message naming it.
TEST_F(SaleControllerTest, ParkAndResumeAcrossARestart)
{
    ParkedSales parked(db(), fixedClock());
    m_till->setParkedSales(parked);
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->park()) << "an empty sale is not parked";
    ASSERT_EQ(errors.count(), 1);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000003")));
    const QString total = m_till->total();
    ASSERT_TRUE(m_till->park(QStringLiteral("  back in 5 minutes ")));
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(m_till->parkedCount(), 1);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000002")));
    ASSERT_TRUE(m_till->park());

    // The till restarts: a new controller over the same database finds both, oldest first.
    m_tester.reset();
    m_till = makeTill(QLocale::c());
    ParkedSales again(db(), fixedClock());
    m_till->setParkedSales(again);
    EXPECT_EQ(m_till->parkedCount(), 2);
    const QVariantList list = m_till->parkedSales();
    ASSERT_EQ(list.size(), 2);
    const QVariantMap first = list.at(0).toMap();
    EXPECT_EQ(first.value(QStringLiteral("staffName")).toString(), QStringLiteral("Maria"));
    EXPECT_EQ(first.value(QStringLiteral("note")).toString(), QStringLiteral("back in 5 minutes"));
    EXPECT_EQ(first.value(QStringLiteral("total")).toString(), total);
    EXPECT_EQ(first.value(QStringLiteral("lines")).toInt(), 2);
    EXPECT_FALSE(first.value(QStringLiteral("parkedAt")).toString().isEmpty());

    // Not into a sale in progress.
    QSignalSpy errorsAgain(m_till.get(), &SaleController::errorOccurred);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000004")));
    EXPECT_FALSE(m_till->resumeParked(first.value(QStringLiteral("id")).toLongLong()));
    ASSERT_EQ(errorsAgain.count(), 1);
    EXPECT_TRUE(errorsAgain.constLast().at(0).toString().contains(QStringLiteral("park the current sale")));
    ASSERT_TRUE(m_till->voidSale(QStringLiteral("Damaged item")));
    ASSERT_TRUE(m_till->resumeParked(first.value(QStringLiteral("id")).toLongLong()));
    EXPECT_EQ(m_till->lineCount(), 2);
    EXPECT_EQ(m_till->total(), total);
    EXPECT_EQ(m_till->parkedCount(), 1);

    // The other one's item is no longer sold here: it stays parked, and the message says which item.
    ASSERT_TRUE(m_till->voidSale(QStringLiteral("Damaged item")));
    ASSERT_TRUE(
        execDirect(db().connection(), QStringLiteral("UPDATE variant SET active = 0 WHERE sku = 'SKU0000002'")).ok());
    const qint64 second = m_till->parkedSales().at(0).toMap().value(QStringLiteral("id")).toLongLong();
    EXPECT_FALSE(m_till->resumeParked(second));
    EXPECT_TRUE(errorsAgain.constLast().at(0).toString().contains(QStringLiteral("SKU0000002")))
        << qPrintable(errorsAgain.constLast().at(0).toString());
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(m_till->parkedSales().size(), 1);
}

// Nobody signed in parks nothing.
TEST_F(SaleControllerTest, ParkingNeedsSomeoneSignedIn)
{
    ParkedSales parked(db(), fixedClock());
    m_till->setParkedSales(parked);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    m_session->lock();
    EXPECT_FALSE(m_till->park());
    EXPECT_EQ(m_till->lineCount(), 1);
    EXPECT_EQ(m_till->parkedCount(), 0);
}

// Split tender at the counter: part by card (the terminal's approval code), a declined card that leaves the sale open,
// part in cash, and cash for the rest with change. Voiding or parking a sale partly paid is refused.
TEST_F(SaleControllerTest, SplitTenderCardDeclinedCardApprovedAndCash)
{
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    QSignalSpy completed(m_till.get(), &SaleController::saleCompleted);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000002")));
    const qint64 total = m_till->cart().totals().totalMinor;
    ASSERT_GT(total, 1500);

    EXPECT_FALSE(m_till->cardApproved(QStringLiteral("A1"))) << "no card charge was started";
    EXPECT_FALSE(m_till->startCard(Money(total + 1, eur()).toString())) << "more than is due on a card";
    EXPECT_TRUE(errors.last().at(0).toString().contains(QStringLiteral("at most")));
    ASSERT_TRUE(m_till->startCard(QStringLiteral("10.00")));
    EXPECT_TRUE(m_till->cardPending());
    EXPECT_EQ(m_till->cardAmount(), QStringLiteral("10.00"));
    ASSERT_TRUE(m_till->cardDeclined(QStringLiteral("declined")));
    EXPECT_FALSE(m_till->cardPending());
    EXPECT_TRUE(m_till->tenders().isEmpty()) << "a declined card takes nothing";
    EXPECT_EQ(m_till->lineCount(), 2) << "the sale stays open";
    EXPECT_EQ(events(QStringLiteral("payment.declined")), 1);

    ASSERT_TRUE(m_till->startCard(QStringLiteral("10.00")));
    EXPECT_FALSE(m_till->cardApproved(QString())) << "an approval code is needed";
    EXPECT_FALSE(m_till->cardApproved(QStringLiteral("12 34 56")));
    EXPECT_TRUE(m_till->cardPending()) << "a malformed code leaves the charge waiting";
    ASSERT_TRUE(m_till->cardApproved(QStringLiteral("ab12cd")));
    ASSERT_EQ(m_till->tenders().size(), 1);
    EXPECT_EQ(m_till->tenders().at(0).toMap().value(QStringLiteral("reference")).toString(), QStringLiteral("AB12CD"));
    EXPECT_EQ(m_till->paid(), QStringLiteral("10.00"));
    EXPECT_EQ(m_till->remaining(), Money(total - 1000, eur()).toString());

    ASSERT_TRUE(m_till->payCash(QStringLiteral("2.00"))) << "less than is left: a part payment";
    EXPECT_EQ(m_till->tenders().size(), 2);
    EXPECT_EQ(completed.count(), 0);
    EXPECT_FALSE(m_till->voidSale(QStringLiteral("customer left")));
    EXPECT_TRUE(errors.last().at(0).toString().contains(QStringLiteral("take those payments back first")));
    EXPECT_FALSE(m_till->park());
    EXPECT_EQ(events(QStringLiteral("payment.taken")), 2);
    EXPECT_EQ(
        m_till->quickCash().first(), Money(roundToIncrement(Money(total - 1200, eur()), 5).minor(), eur()).toString())
        << "quick cash offers what is left";

    ASSERT_TRUE(m_till->payCash(QStringLiteral("50")));
    ASSERT_EQ(completed.count(), 1);
    EXPECT_TRUE(m_till->tenders().isEmpty());
    EXPECT_EQ(count(QStringLiteral("open_tender")), 0);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT kind, amount_minor, tendered_minor, reference FROM sale_payment "
                                      "ORDER BY seq")));
    QStringList rows;
    while (q.next())
        rows << QStringLiteral("%1 %2 %3 %4")
                    .arg(q.value(0).toString())
                    .arg(q.value(1).toLongLong())
                    .arg(q.value(2).toLongLong())
                    .arg(q.value(3).toString());
    const qint64 cashDue = roundToIncrement(Money(total - 1200, eur()), 5).minor();
    EXPECT_EQ(rows,
        QStringList({ QStringLiteral("card 1000 1000 AB12CD"), QStringLiteral("cash 200 200 "),
            QStringLiteral("cash %1 5000 ").arg(cashDue) }));
    EXPECT_EQ(completed.at(0).at(1).toString(), Money(5000 - cashDue, eur()).toString()) << "the change";
}

// A part payment taken back is journaled and the cashier told to give it back; part payments left by a till that
// stopped mid-payment are taken back at the next start, and the notice says what to refund.
TEST_F(SaleControllerTest, PartPaymentsAreTakenBackAndSurviveAStop)
{
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ASSERT_TRUE(m_till->startCard(QStringLiteral("5.00")) && m_till->cardApproved(QStringLiteral("X9Y8")));
    const qint64 id = m_till->tenders().at(0).toMap().value(QStringLiteral("id")).toLongLong();
    ASSERT_TRUE(m_till->removeTender(id));
    EXPECT_TRUE(m_till->notice().startsWith(QStringLiteral("Refund EUR 5.00 on the card terminal")))
        << qPrintable(m_till->notice());
    EXPECT_TRUE(m_till->notice().contains(QStringLiteral("X9Y8")));
    EXPECT_FALSE(m_till->removeTender(id));
    EXPECT_EQ(events(QStringLiteral("payment.reversed")), 1);

    ASSERT_TRUE(m_till->payCash(QStringLiteral("1.00")));
    ASSERT_TRUE(m_till->startCard(QStringLiteral("2.00")) && m_till->cardApproved(QStringLiteral("777777")));
    m_till.reset(); // the till stops mid-payment
    m_till = makeTill(QLocale::c());
    EXPECT_EQ(m_till->tenders().size(), 2) << "kept across the stop";
    m_till->resume(std::nullopt, true);
    EXPECT_TRUE(m_till->tenders().isEmpty());
    EXPECT_EQ(count(QStringLiteral("open_tender")), 0);
    EXPECT_EQ(events(QStringLiteral("payment.reversed")), 3);
    EXPECT_TRUE(m_till->notice().contains(QStringLiteral("777777"))) << qPrintable(m_till->notice());
    EXPECT_TRUE(m_till->notice().contains(QStringLiteral("1.00"))) << qPrintable(m_till->notice());
}

TEST_F(SaleControllerTest, AGiftCardIsSoldWithANewNumberAndThenPaysASaleInFull)
{
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    QSignalSpy issued(m_till.get(), &SaleController::cardIssued);
    StoredValue storedValue(db(), fixedClock());
    // The hub, as the till asks it: it knows the cards it was told about, and is unreachable when `online` is false.
    std::optional<StoredValueCard> hubRow;
    bool online = true;
    EXPECT_FALSE(m_till->loadStoredValue({}, QStringLiteral("25"))) << "not set up";
    m_till->setStoredValue(storedValue, StoredValueLimits {}, [&](const QString &card) {
        if (!online)
            return std::optional<std::optional<StoredValueCard>>();
        return std::make_optional(hubRow && hubRow->card == card ? hubRow : std::optional<StoredValueCard>());
    });

    EXPECT_FALSE(m_till->loadStoredValue({}, QStringLiteral("0")));
    EXPECT_FALSE(m_till->loadStoredValue({}, QStringLiteral("5000"))) << "at most 1,000 at once";
    EXPECT_FALSE(m_till->loadStoredValue(QStringLiteral("NOT-A-CARD"), QStringLiteral("25")));
    online = false;
    EXPECT_FALSE(m_till->loadStoredValue(CardNumber::generate(), QStringLiteral("25")))
        << "a pre-printed card is activated only when the hub confirms it is new";
    EXPECT_TRUE(errors.last().at(0).toString().contains(QStringLiteral("hub cannot be reached")));
    online = true;
    ASSERT_TRUE(m_till->loadStoredValue({}, QStringLiteral("25"))) << qPrintable(errors.last().at(0).toString());
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    ParkedSales parked(db(), fixedClock());
    m_till->setParkedSales(parked);
    EXPECT_FALSE(m_till->park()) << "a parked sale would lose the card it sells";
    EXPECT_TRUE(errors.last().at(0).toString().contains(QStringLiteral("gift card")));
    EXPECT_EQ(m_till->lineCount(), 2);
    ASSERT_TRUE(m_till->payCash({}));
    ASSERT_EQ(issued.count(), 1);
    const QString number = issued.first().at(0).toString();
    EXPECT_EQ(issued.first().at(1).toString(), QStringLiteral("25.00"));
    EXPECT_TRUE(m_till->notice().contains(QStringLiteral("printed"))) << qPrintable(m_till->notice());
    EXPECT_EQ(events(QStringLiteral("sv.issued")), 1);
    EXPECT_FALSE(lastPayload(QStringLiteral("sv.issued")).value(u"card").toString().isEmpty());
    EXPECT_FALSE(lastPayload(QStringLiteral("sale.completed")).contains(number)) << "the number stays off the journal";

    // Offline, this till knows the card it sold from its own sale.
    online = false;
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000003")));
    ASSERT_TRUE(m_till->payStoredValue(number, QStringLiteral("1.00"))) << qPrintable(errors.last().at(0).toString());
    EXPECT_TRUE(m_till->notice().contains(QStringLiteral("24.00"))) << qPrintable(m_till->notice());
    ASSERT_EQ(m_till->tenders().size(), 1);
    ASSERT_TRUE(m_till->removeTender(m_till->tenders().first().toMap().value(QStringLiteral("id")).toLongLong()));
    ASSERT_TRUE(m_till->voidSale(QStringLiteral("Damaged item")));
    online = true;

    // The hub has the card now; it pays a sale of less than it holds, in full, and the sale completes.
    const QString card = CardNumber::hash(*CardNumber::parse(number));
    hubRow = StoredValueCard { card, CardNumber::last4(*CardNumber::parse(number)), Tender::Kind::GiftCard, eur(), 2500,
        std::nullopt, false, 1, { { Journal::identity(db().connection())->terminalId, 1'000'000 } } };
    QSignalSpy completed(m_till.get(), &SaleController::saleCompleted);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000002")));
    const qint64 total = m_till->cart().totals().totalMinor;
    ASSERT_LT(total, 2500);
    EXPECT_FALSE(m_till->payStoredValue(number, Money(total + 1, eur()).toString()));
    ASSERT_TRUE(m_till->payStoredValue(number)) << qPrintable(errors.last().at(0).toString());
    EXPECT_EQ(completed.count(), 1);
    EXPECT_TRUE(m_till->notice().contains(Money(2500 - total, eur()).toString())) << qPrintable(m_till->notice());
    const QJsonObject sale = lastPayload(QStringLiteral("sale.completed"));
    EXPECT_EQ(sale.value(u"payment_method").toString(), QStringLiteral("gift_card"));
}
