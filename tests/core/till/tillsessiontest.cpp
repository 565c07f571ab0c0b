// SPDX-License-Identifier: GPL-3.0-or-later
// A run of the till that never ended (killed, crashed, power lost) is noticed at the next start, and the cashier is
// told which sale completed last, so a sale recorded just before the stop is not rung up twice.
#include "core/till/tillsession.h"
#include "core/sale/salestore.h"
#include "core/till/salecontroller.h"
#include "support/testhelper.h"

#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

class TillSessionTest : public DbFixture
{
protected:
    static SaleController::Config config() { return { eur(), PricingMode::TaxInclusive, 1, {}, QLocale::c(), {} }; }
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
    }
    // One run of the till: it starts, sells `sales` times, and ends cleanly or not.
    QString run(int sales, bool endsCleanly, qint64 atMs)
    {
        auto unfinished = TillSession::begin(db(), atMs);
        EXPECT_TRUE(unfinished.ok());
        Catalog catalog(db());
        SaleStore store(db(), fixedClock(atMs));
        SaleController till(catalog, store, fixedClock(atMs), config());
        till.resume(*store.lastSale(), unfinished->has_value());
        const QString notice = till.notice();
        for (int i = 0; i < sales; ++i) {
            EXPECT_TRUE(till.scan(QStringLiteral("SKU0000001")));
            EXPECT_TRUE(till.payCard(QStringLiteral("A1B2C3")));
        }
        EXPECT_TRUE(sales == 0 || till.notice().isEmpty()) << "a completed sale clears the notice";
        if (endsCleanly) {
            EXPECT_TRUE(TillSession::end(db()).ok());
        }
        return notice;
    }
};

TEST_F(TillSessionTest, AnUnfinishedRunIsReportedWithTheLastSale)
{
    EXPECT_EQ(run(1, true, kNow), QString()) << "the first run: nothing to report";
    EXPECT_EQ(run(2, false, kNow + 60'000), QString()) << "the run before ended cleanly";
    const QString notice = run(0, true, kNow + 120'000);
    EXPECT_TRUE(notice.contains(QStringLiteral("stopped unexpectedly"))) << qPrintable(notice);
    EXPECT_TRUE(notice.contains(QStringLiteral("T01-5FAW-000003"))) << qPrintable(notice);
    EXPECT_TRUE(notice.contains(QStringLiteral("EUR "))) << qPrintable(notice);
    EXPECT_EQ(run(0, true, kNow + 180'000), QString()) << "reported once";
}

TEST_F(TillSessionTest, TheLastReceiptIsShownFromTheStartAndTheNoticeCanBeDismissed)
{
    ASSERT_TRUE(TillSession::begin(db(), kNow).ok());
    Catalog catalog(db());
    SaleStore store(db(), fixedClock());
    {
        SaleController first(catalog, store, fixedClock(), config());
        ASSERT_TRUE(first.scan(QStringLiteral("SKU0000002")) && first.payCard(QStringLiteral("A1B2C3")));
    } // killed: the run never ends
    auto unfinished = TillSession::begin(db(), kNow + 1000);
    ASSERT_TRUE(unfinished.ok());
    ASSERT_TRUE(unfinished->has_value());
    EXPECT_EQ(**unfinished, kNow);
    SaleController till(catalog, store, fixedClock(), config());
    QSignalSpy notices(&till, &SaleController::noticeChanged);
    QSignalSpy completed(&till, &SaleController::saleCompleted);
    till.resume(*store.lastSale(), true);
    EXPECT_EQ(till.lastReceipt(), QStringLiteral("T01-5F90-000001"));
    EXPECT_FALSE(till.notice().isEmpty());
    EXPECT_EQ(completed.count(), 0) << "no sale completed now: nothing to sync, no change to show";
    till.dismissNotice();
    EXPECT_TRUE(till.notice().isEmpty());
    EXPECT_EQ(notices.count(), 2);
    SaleController empty(catalog, store, fixedClock(), config());
    empty.resume(std::nullopt, true);
    EXPECT_TRUE(empty.notice().contains(QStringLiteral("No sale had been completed yet")));
}
