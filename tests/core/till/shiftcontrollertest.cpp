// SPDX-License-Identifier: GPL-3.0-or-later
// The Shift page's controller with a real till: no payment without an open shift; cash in, out and no-sale with who
// may; the drawer opens through a printer on loopback; the X report for a manager only; the shift does not close
// while a sale is open; the Z report prints.
#include "core/till/shiftcontroller.h"
#include "core/printing/printqueue.h"
#include "core/sale/adjustments.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/settings/printersettings.h"
#include "core/till/receiptcontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"
#include "support/fakeprinter.h"
#include "support/testhelper.h"

#include <QSignalSpy>
#include <QTest>

using namespace omnitill;
using namespace omnitill::test;

class ShiftControllerTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(maria.ok());
        m_manager = *maria;
        auto carl = m_staff->add(m_manager, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357");
        ASSERT_TRUE(carl.ok());
        m_cashier = *carl;
        m_session = std::make_unique<StaffSession>(*m_staff, fixedClock(), 3'600'000);
        m_catalog = std::make_unique<Catalog>(db());
        m_store = std::make_unique<SaleStore>(db(), fixedClock());
        m_voids = std::make_unique<Voids>(db(), fixedClock());
        m_adjustments = std::make_unique<Adjustments>(db(), fixedClock());
        m_till = std::make_unique<SaleController>(*m_catalog, *m_store, fixedClock(),
            SaleController::Config { eur(), PricingMode::TaxInclusive, 1, {}, QLocale::c(), {} });
        m_till->setStaff({ *m_session, *m_staff, *m_voids, *m_adjustments });
        m_shiftStore = std::make_unique<ShiftStore>(db(), fixedClock());
        m_till->setShifts(*m_shiftStore);
        m_shifts = std::make_unique<ShiftController>(*m_shiftStore, *m_session, *m_till, eur(), QLocale::c());
    }

    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_manager, m_cashier;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_store;
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
    std::unique_ptr<SaleController> m_till;
    std::unique_ptr<ShiftStore> m_shiftStore;
    std::unique_ptr<ShiftController> m_shifts;
};

TEST_F(ShiftControllerTest, AShiftFromOpenToZ)
{
    FakePrinter printer;
    ASSERT_TRUE(savePrinterSettings(db(), PrinterSettings { printer.address(), 80, false }).ok());
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    m_shifts->setReceipts(&receipts);
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    QSignalSpy tillErrors(m_till.get(), &SaleController::errorOccurred);
    QSignalSpy errors(m_shifts.get(), &ShiftController::errorOccurred);

    ASSERT_TRUE(m_session->signIn(m_cashier.id, QStringLiteral("1357")));
    EXPECT_FALSE(m_shifts->isOpen());
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000001")));
    EXPECT_FALSE(m_till->payCash(QString())) << "no payment without a shift";
    EXPECT_FALSE(m_till->startCard());
    EXPECT_TRUE(tillErrors.last().at(0).toString().startsWith(QStringLiteral("No shift is open")));
    EXPECT_FALSE(m_shifts->openShift(QStringLiteral("lots")));
    ASSERT_TRUE(m_shifts->openShift(QStringLiteral("150.00")));
    EXPECT_TRUE(m_shifts->isOpen());
    EXPECT_TRUE(m_shifts->summary().contains(QStringLiteral("Carl")));
    ASSERT_TRUE(m_till->payCash(QStringLiteral("50")));

    EXPECT_TRUE(m_shifts->cashIn(QStringLiteral("10"), QStringLiteral("coins from the bank")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000)) << "the drawer opened for the cash";
    EXPECT_FALSE(m_shifts->cashOut(QStringLiteral("10"), QStringLiteral("safe"))) << "Carl may not take cash out";
    EXPECT_FALSE(m_shifts->noSale(QStringLiteral("change")));
    EXPECT_FALSE(m_shifts->showX()) << "reports are for a manager";
    EXPECT_FALSE(m_shifts->close({}));

    ASSERT_TRUE(m_session->signIn(m_manager.id, QStringLiteral("2468")));
    ASSERT_TRUE(m_shifts->noSale(QStringLiteral("change for a note")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 2; }, 10000));
    EXPECT_EQ(printer.received().count(QByteArray("\x1b\x70", 2)), 2) << "the drawer, and nothing else";
    ASSERT_TRUE(m_shifts->showX());
    EXPECT_EQ(m_shifts->reportTitle(), QStringLiteral("X report"));
    EXPECT_TRUE(m_shifts->report().contains(QStringLiteral("Expected in drawer")));

    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000002")));
    EXPECT_FALSE(m_shifts->close({ QStringLiteral("1") }));
    EXPECT_TRUE(errors.last().at(0).toString().startsWith(QStringLiteral("A sale is open")));
    ASSERT_TRUE(m_till->voidSale(QStringLiteral("customer left")));
    EXPECT_FALSE(m_shifts->close({ QStringLiteral("two") }));
    EXPECT_EQ(
        m_shifts->countedTotal({ QString(), QString(), QString(), QStringLiteral("3") }), QStringLiteral("150.00"));
    ASSERT_TRUE(m_shifts->close({ QString(), QString(), QString(), QStringLiteral("3"), QStringLiteral("1") }));
    EXPECT_FALSE(m_shifts->isOpen());
    EXPECT_EQ(m_shifts->reportTitle(), QStringLiteral("Z report 1"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 3; }, 10000)) << "the Z report prints";
    EXPECT_TRUE(printer.received().contains("Z REPORT 1"));
    EXPECT_TRUE(printer.received().contains("Counted"));
    EXPECT_TRUE(lastPayload(QStringLiteral("shift.closed")).value(u"counted_cash_minor").toInteger() == 170'00);
    ASSERT_TRUE(m_till->scan(QStringLiteral("SKU0000003")));
    EXPECT_FALSE(m_till->payCash(QString())) << "after the close, no payment until the next shift";
}
