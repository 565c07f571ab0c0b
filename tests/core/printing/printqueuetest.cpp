// SPDX-License-Identifier: GPL-3.0-or-later
// The print queue against a printer on loopback (support/fakeprinter.h): receipts print once each, in order, off the
// caller's thread; a printer out of paper, with its cover open or gone holds the queue with a message and loses
// nothing; a till killed with receipts queued prints them once after its restart, and one killed while a receipt was
// being sent never prints that one again by itself.
#include "core/printing/printqueue.h"
#include "core/storage/database.h"
#include "support/fakeprinter.h"
#include "support/testhelper.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace omnitill;
using namespace omnitill::Printing;
using namespace omnitill::test;

namespace {
QByteArray receiptJob(const QString &text)
{
    return QByteArray("\x1b\x40", 2) + text.toUtf8() + '\n' + QByteArray("\x1d\x56\x42\x00", 4);
}

const PrintQueue::Config kQuick { 50, 200, 2000 };
} // namespace

class PrintQueueTest : public DbFixture
{
protected:
    QStringList states()
    {
        QSqlQuery q(db().connection());
        q.exec(QStringLiteral("SELECT state FROM print_job ORDER BY id"));
        QStringList out;
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }
    std::unique_ptr<PrintQueue> startQueue()
    {
        auto queue = std::make_unique<PrintQueue>(path(), fixedClock(), kQuick);
        EXPECT_TRUE(queue->start().ok());
        return queue;
    }
};

TEST_F(PrintQueueTest, ReceiptsPrintOnceEachInOrder)
{
    FakePrinter printer;
    ASSERT_TRUE(printer.listening());
    auto queue = startQueue();
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    for (int i = 1; i <= 3; ++i)
        ASSERT_TRUE(queue
                        ->enqueue(db(), printer.address(), QStringLiteral("R-%1").arg(i),
                            receiptJob(QStringLiteral("Receipt %1").arg(i)))
                        .ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 3; }, 10000));
    const PrintedReceipt paper = printer.receipts();
    ASSERT_TRUE(paper.fault.isEmpty()) << qPrintable(paper.fault);
    EXPECT_EQ(paper.lines, (QList<QByteArray> { "Receipt 1", "Receipt 2", "Receipt 3" }));
    EXPECT_EQ(states(), (QStringList { u"printed"_qs, u"printed"_qs, u"printed"_qs }));
    EXPECT_EQ(printed.at(0).at(1).toString(), QStringLiteral("R-1"));
    QTRY_COMPARE_WITH_TIMEOUT(queue->waiting(), 0, 5000);
    EXPECT_TRUE(queue->printerReady());
}

TEST_F(PrintQueueTest, PaperOutOrCoverOpenHoldsTheQueueWithAMessageAndLosesNothing)
{
    FakePrinter printer;
    printer.paperOut = true;
    auto queue = startQueue();
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    ASSERT_TRUE(queue->enqueue(db(), printer.address(), QStringLiteral("R-1"), receiptJob(u"One"_qs)).ok());
    ASSERT_TRUE(queue->enqueue(db(), printer.address(), QStringLiteral("R-2"), receiptJob(u"Two"_qs)).ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !queue->printerReady(); }, 10000));
    EXPECT_EQ(queue->printerMessage(), QStringLiteral("The printer is out of paper: put in a new roll"));
    EXPECT_EQ(queue->waiting(), 2);
    EXPECT_TRUE(printer.received().isEmpty()) << "nothing is sent to a printer without paper";

    // A new roll, but the cover is still open.
    printer.paperOut = false;
    printer.coverOpen = true;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return queue->printerMessage() == QStringLiteral("The printer's cover is open: close it"); }, 10000));
    printer.coverOpen = false;
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 2; }, 10000));
    EXPECT_EQ(printer.receipts().lines, (QList<QByteArray> { "One", "Two" }));
    QTRY_VERIFY_WITH_TIMEOUT(queue->printerReady(), 5000);
}

TEST_F(PrintQueueTest, APrinterThatIsGoneIsSaidAndItsReceiptsWait)
{
    quint16 port = 0;
    {
        FakePrinter probe; // a free port, closed again
        port = probe.port();
    }
    auto queue = startQueue();
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    const QString address = QStringLiteral("tcp://127.0.0.1:%1").arg(port);
    ASSERT_TRUE(queue->enqueue(db(), address, QStringLiteral("R-1"), receiptJob(u"Waited"_qs)).ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !queue->printerReady(); }, 10000));
    EXPECT_TRUE(queue->printerMessage().startsWith(QStringLiteral("The printer at %1 cannot be reached").arg(address)))
        << qPrintable(queue->printerMessage());
    FakePrinter printer(port);
    ASSERT_TRUE(printer.listening());
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    EXPECT_EQ(printer.receipts().lines, (QList<QByteArray> { "Waited" }));
}

TEST_F(PrintQueueTest, AddressesAreCheckedAndAFileTakesTheBytes)
{
    auto queue = startQueue();
    for (const char *bad : { "lpt1", "tcp://", "tcp://host:0", "http://printer", "/etc/../dev/null", "" }) {
        auto id = queue->enqueue(db(), QString::fromLatin1(bad), QStringLiteral("R-1"), receiptJob(u"x"_qs));
        ASSERT_FALSE(id.ok()) << bad;
        EXPECT_TRUE(id.error().message.contains(QStringLiteral("is not a printer address"))) << bad;
    }
    EXPECT_TRUE(states().isEmpty());
    EXPECT_FALSE(queue->enqueue(db(), QStringLiteral("file:/tmp/x"), QStringLiteral("R-1"), {}).ok())
        << "an empty job is refused";

    const QString file = this->file(QStringLiteral("receipts.bin"));
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    ASSERT_TRUE(queue->enqueue(db(), u"file:"_qs + file, QStringLiteral("R-1"), receiptJob(u"On file"_qs)).ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 10000));
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), receiptJob(u"On file"_qs));
    EXPECT_EQ(PrinterAddress::parse(QStringLiteral("tcp://printer.local"))->port, 9100);
}

// The till dies with five receipts waiting for paper: after the restart each comes out once.
TEST_F(PrintQueueTest, ReceiptsQueuedWhenTheTillIsKilledPrintOnceAfterTheRestart)
{
    FakePrinter printer;
    printer.paperOut = true;
    QProcess child;
    child.start(QStringLiteral(OMNITILL_PRINTQUEUECHILD_BIN),
        { path(), printer.address(), QStringLiteral("5"), QStringLiteral("100") });
    ASSERT_TRUE(child.waitForStarted(5000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return child.readAllStandardOutput().contains("queued"); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return printer.statusRequests() > 0; }, 10000)) << "its queue asked the printer";
    child.kill();
    ASSERT_TRUE(child.waitForFinished(5000));
    EXPECT_TRUE(printer.received().isEmpty());

    printer.paperOut = false;
    reopen();
    auto queue = startQueue();
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 5; }, 15000));
    QTest::qWait(300); // nothing more comes
    const PrintedReceipt paper = printer.receipts();
    ASSERT_TRUE(paper.fault.isEmpty()) << qPrintable(paper.fault);
    QList<QByteArray> titles;
    for (const QByteArray &line : paper.lines) {
        if (line.startsWith("Receipt"))
            titles.append(line);
    }
    EXPECT_EQ(titles, (QList<QByteArray> { "Receipt 1", "Receipt 2", "Receipt 3", "Receipt 4", "Receipt 5" }));
    EXPECT_EQ(states(), QStringList(5, u"printed"_qs));
}

// Killed halfway through sending a large receipt to a printer that stopped reading: that receipt may have come out,
// so it is not sent again by itself; the cashier reprints it.
TEST_F(PrintQueueTest, AReceiptCutOffByAKillIsInterruptedNotPrintedAgain)
{
    FakePrinter printer;
    printer.setReading(false);
    QProcess child;
    child.start(QStringLiteral(OMNITILL_PRINTQUEUECHILD_BIN),
        { path(), printer.address(), QStringLiteral("1"), QString::number(16 * 1024 * 1024) });
    ASSERT_TRUE(child.waitForStarted(5000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return states() == QStringList { u"sending"_qs }; }, 15000))
        << qPrintable(states().join(u','));
    child.kill();
    ASSERT_TRUE(child.waitForFinished(5000));
    printer.setReading(true);

    reopen();
    auto queue = startQueue();
    EXPECT_EQ(states(), QStringList { u"interrupted"_qs });
    EXPECT_EQ(queue->interrupted(), 1);
    QTest::qWait(500);
    EXPECT_LT(printer.received().size(), 16 * 1024 * 1024) << "the kill cut it off";
    EXPECT_EQ(states(), QStringList { u"interrupted"_qs }) << "not sent again by itself";

    // The cashier reprints it: a new job, the interrupted one is settled.
    QSignalSpy printed(queue.get(), &PrintQueue::printed);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT id FROM print_job")) && q.next());
    auto again = queue->reprint(db(), q.value(0).toLongLong());
    q.finish();
    ASSERT_TRUE(again.ok()) << qPrintable(again.error().message);
    ASSERT_TRUE(QTest::qWaitFor([&] { return printed.count() == 1; }, 30000));
    EXPECT_EQ(states(), (QStringList { u"cancelled"_qs, u"printed"_qs }));
    EXPECT_EQ(queue->interrupted(), 0);
    // The reprint, whole, and once: what was cut off is not sent again besides.
    const qsizetype total = printer.received().size();
    EXPECT_GE(total, 16 * 1024 * 1024);
    EXPECT_LT(total, 2 * 16 * 1024 * 1024);
}
