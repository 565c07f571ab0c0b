// SPDX-License-Identifier: GPL-3.0-or-later
// Each sale's receipt: shown on the till, printed through the queue on a printer on loopback with the store's
// header from the hub, its QR code holding the receipt number, the drawer opened for cash; a reprint is marked as
// a copy and opens no drawer; without a printer the receipt is shown only, and asking for a copy says why not.
#include "core/till/receiptcontroller.h"
#include "core/printing/printqueue.h"
#include "core/sale/salestore.h"
#include "core/settings/printersettings.h"
#include "core/till/staffsession.h"
#include "support/fakeprinter.h"
#include "support/testhelper.h"

#include <QSignalSpy>
#include <QTest>

using namespace omnitill;
using namespace omnitill::test;

class ReceiptControllerTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(100);
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(maria.ok());
        m_session = std::make_unique<StaffSession>(*m_staff, fixedClock());
        ASSERT_TRUE(m_session->signIn(maria->id, QStringLiteral("2468")));
        // The store's header, as the hub's config stream would bring it.
        QSqlQuery q(db().connection());
        ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO stream_row (stream, key, body) VALUES ('config', ?, ?)")));
        q.addBindValue(QStringLiteral("receipt.header"));
        q.addBindValue(QByteArray(R"({"value": {"store_name": "Feinkost Müller", "address": ["Königstraße 12", )"
                                  R"("70173 Stuttgart"], "tax_id": "DE123456789", "footer": "Danke!"}})"));
        ASSERT_TRUE(q.exec());
    }
    SaleReceipt sell(Payment::Method method)
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (const char *sku : { "SKU0000001", "SKU0000002" }) {
            auto item = catalog.lookupSku(QString::fromLatin1(sku), eur(), kNow);
            EXPECT_TRUE(item.ok());
            EXPECT_TRUE(cart.add(*item, kQuantityScale).ok());
        }
        SaleStore store(db(), fixedClock());
        auto sale = store.record(cart, Payment { method, std::nullopt, 1 });
        EXPECT_TRUE(sale.ok());
        return *sale;
    }
    std::unique_ptr<StaffStore> m_staff;
    std::unique_ptr<StaffSession> m_session;
};

TEST_F(ReceiptControllerTest, ASalesReceiptIsShownAndPrintedAndACopyIsMarked)
{
    FakePrinter printer;
    ASSERT_TRUE(savePrinterSettings(db(), PrinterSettings { printer.address(), 58, false }).ok());
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    QSignalSpy errors(&receipts, &ReceiptController::errorOccurred);
    EXPECT_TRUE(receipts.printerSet());

    const SaleReceipt sale = sell(Payment::Method::Cash);
    receipts.print(sale);
    EXPECT_TRUE(receipts.preview().contains(sale.receiptNo));
    EXPECT_TRUE(receipts.preview().contains(QStringLiteral("Feinkost Müller")));
    EXPECT_TRUE(receipts.preview().contains(QStringLiteral("Maria")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    PrintedReceipt paper = printer.receipts();
    ASSERT_TRUE(paper.fault.isEmpty()) << qPrintable(paper.fault);
    EXPECT_TRUE(paper.drawerOpened) << "cash opens the drawer";
    EXPECT_EQ(paper.qrCodes, QList<QByteArray> { sale.receiptNo.toUtf8() });
    EXPECT_TRUE(paper.lines.contains(QByteArray("Feinkost M\x81ller"))) << "code page 858 on paper";
    EXPECT_TRUE(paper.lines.contains(QByteArray("Danke!")));
    for (const QByteArray &line : paper.lines)
        EXPECT_LE(line.size(), 32) << "58 mm paper: " << line.constData();

    // A copy: marked, and no drawer.
    ASSERT_TRUE(receipts.reprintLast());
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 2; }, 10000));
    paper = printer.receipts();
    EXPECT_EQ(paper.qrCodes.size(), 2);
    EXPECT_EQ(paper.lines.count(QByteArray("*** COPY ***")), 1);
    EXPECT_EQ(printer.received().count(QByteArray("\x1b\x70", 2)), 1) << "the drawer opened once, for the sale";
    EXPECT_EQ(errors.count(), 0);

    // A card sale prints without opening the drawer.
    receipts.print(sell(Payment::Method::Card));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 3; }, 10000));
    EXPECT_EQ(printer.received().count(QByteArray("\x1b\x70", 2)), 1);
}

TEST_F(ReceiptControllerTest, WithoutAPrinterTheReceiptIsShownOnly)
{
    Printing::PrintQueue queue(path(), fixedClock());
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    QSignalSpy errors(&receipts, &ReceiptController::errorOccurred);
    EXPECT_FALSE(receipts.printerSet());
    EXPECT_TRUE(receipts.printerReady());
    EXPECT_FALSE(receipts.reprintLast());
    EXPECT_EQ(errors.takeFirst().at(0).toString(), QStringLiteral("There is no receipt to print again yet."));
    const SaleReceipt sale = sell(Payment::Method::Cash);
    receipts.print(sale);
    EXPECT_TRUE(receipts.preview().contains(sale.receiptNo));
    EXPECT_EQ(count(QStringLiteral("print_job")), 0);
    EXPECT_FALSE(receipts.reprintLast());
    EXPECT_EQ(errors.takeFirst().at(0).toString(),
        QStringLiteral("This till has no printer: a manager sets one up in Settings."));
}

// A receipt cut off by a stop is listed for the cashier, who prints it again or says it came out.
TEST_F(ReceiptControllerTest, AnInterruptedReceiptIsPrintedAgainOrLetBe)
{
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO print_job (created_at_ms, receipt_no, printer, data, state) VALUES "
                                      "(0, 'R-1', 'file:/dev/null', x'0a', 'sending'), "
                                      "(0, 'R-2', 'file:/dev/null', x'0a', 'sending')")));
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    EXPECT_EQ(receipts.interrupted(), 2);
    const QVariantList jobs = receipts.interruptedJobs();
    ASSERT_EQ(jobs.size(), 2);
    EXPECT_EQ(jobs.at(0).toMap().value(QStringLiteral("receiptNo")).toString(), QStringLiteral("R-1"));
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    ASSERT_TRUE(receipts.reprintJob(jobs.at(0).toMap().value(QStringLiteral("id")).toLongLong()));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    EXPECT_EQ(printed.at(0).at(1).toString(), QStringLiteral("R-1"));
    ASSERT_TRUE(receipts.dismissJob(jobs.at(1).toMap().value(QStringLiteral("id")).toLongLong()));
    EXPECT_EQ(receipts.interrupted(), 0);
    EXPECT_TRUE(receipts.interruptedJobs().isEmpty());
    EXPECT_FALSE(receipts.reprintJob(999));
}

// Any sale's receipt again, by its number; and after a stop between a sale's commit and its receipt reaching the
// queue, that receipt prints at the start, once.
TEST_F(ReceiptControllerTest, AnySaleIsPrintedAgainByNumberAndAMissedReceiptPrintsAtStart)
{
    FakePrinter printer;
    ASSERT_TRUE(savePrinterSettings(db(), PrinterSettings { printer.address(), 80, false }).ok());
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    QSignalSpy errors(&receipts, &ReceiptController::errorOccurred);

    const SaleReceipt first = sell(Payment::Method::Cash); // recorded; its receipt never reached the queue
    receipts.printMissed();
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    EXPECT_EQ(printed.at(0).at(1).toString(), first.receiptNo);
    EXPECT_EQ(printer.receipts().lines.count(QByteArray("*** COPY ***")), 0) << "the receipt itself, not a copy";
    EXPECT_TRUE(receipts.preview().contains(first.receiptNo));
    receipts.printMissed();
    QTest::qWait(300);
    EXPECT_EQ(printed.count(), 1) << "a receipt in the queue's history is not missed";

    const SaleReceipt second = sell(Payment::Method::Card);
    ASSERT_TRUE(receipts.reprint(first.receiptNo));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 2; }, 10000));
    EXPECT_EQ(printed.at(1).at(1).toString(), first.receiptNo);
    EXPECT_EQ(printer.receipts().lines.count(QByteArray("*** COPY ***")), 1);
    EXPECT_FALSE(receipts.reprint(QStringLiteral("S001-T09-ZZZZ-000001")));
    EXPECT_EQ(errors.takeFirst().at(0).toString(),
        QStringLiteral("There is no sale with the receipt number S001-T09-ZZZZ-000001 on this till."));
    EXPECT_NE(second.receiptNo, first.receiptNo);
}

// With a hub, the receipt's QR code is the link to its e-receipt (the hub's /r/TOKEN, or the store's own address for
// it from the config "receipt.url"), on paper, on screen and on a copy printed later from the journal.
TEST_F(ReceiptControllerTest, TheQrCodeIsTheEReceiptsLinkWhenThereIsAHub)
{
    FakePrinter printer;
    ASSERT_TRUE(savePrinterSettings(db(), PrinterSettings { printer.address(), 80, false }).ok());
    ASSERT_TRUE(
        writeMeta(db().connection(), QStringLiteral("hub_url"), QStringLiteral("https://hub.example.com/")).ok());
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    const SaleReceipt sale = sell(Payment::Method::Card);
    receipts.print(sale);
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    const QByteArray link = "https://hub.example.com/r/" + sale.receiptToken.toLatin1();
    EXPECT_EQ(printer.receipts().qrCodes, QList<QByteArray> { link }) << "the printer's own QR code";

    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO stream_row (stream, key, body) VALUES ('config', ?, ?)")));
    q.addBindValue(QStringLiteral("receipt.url"));
    q.addBindValue(QByteArray(R"({"value": "https://receipts.example.com"})"));
    ASSERT_TRUE(q.exec());
    receipts.reload();
    ASSERT_TRUE(receipts.reprint(sale.receiptNo));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 2; }, 10000));
    EXPECT_EQ(printer.receipts().qrCodes.last(), "https://receipts.example.com/r/" + sale.receiptToken.toLatin1());
}

// This till's printer is gone: its receipts wait, and a copy sent to another printer prints there at once.
TEST_F(ReceiptControllerTest, ACopyGoesToAnotherPrinterWhileThisOneIsGone)
{
    quint16 gonePort = 0;
    {
        FakePrinter gone; // listens, then closes: nothing answers at its address
        gonePort = gone.port();
    }
    ASSERT_TRUE(
        savePrinterSettings(db(), PrinterSettings { QStringLiteral("tcp://127.0.0.1:%1").arg(gonePort), 80, false })
            .ok());
    Printing::PrintQueue queue(path(), fixedClock(), Printing::PrintQueue::Config { 50, 200, 2000 });
    ASSERT_TRUE(queue.start().ok());
    ReceiptController receipts(db(), queue, *m_session);
    QSignalSpy printed(&queue, &Printing::PrintQueue::printed);
    QSignalSpy errors(&receipts, &ReceiptController::errorOccurred);
    const SaleReceipt sale = sell(Payment::Method::Card);
    receipts.print(sale);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !receipts.printerReady(); }, 10000));
    EXPECT_EQ(receipts.waiting(), 1);

    EXPECT_FALSE(receipts.reprint(sale.receiptNo, QStringLiteral("lpt1:"))) << "not a printer address";
    EXPECT_EQ(errors.count(), 1);
    FakePrinter other;
    ASSERT_TRUE(receipts.reprint(sale.receiptNo, other.address()));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000)) << "printed past the waiting receipt";
    EXPECT_EQ(other.receipts().lines.count(QByteArray("*** COPY ***")), 1);
    EXPECT_EQ(receipts.waiting(), 1) << "the sale's own receipt still waits for this till's printer";
}
