// SPDX-License-Identifier: GPL-3.0-or-later
// A till's own day from its journal (the Reports page): the store's local day, what the hub has not acknowledged,
// the day's business and the events listed with names, counted as the hub counts them.
#include "core/reports/tillday.h"
#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/staff/staffstore.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
class TillDayTest : public DbFixture
{
protected:
    // A sale of one item paid by card at `at`; its journal seq.
    qint64 sellAt(qint64 at)
    {
        Catalog catalog(db());
        SaleStore store(db(), fixedClock(at));
        Cart cart(eur(), PricingMode::TaxInclusive);
        auto item = catalog.lookupSku(QStringLiteral("SKU0000001"), eur(), kNow);
        EXPECT_TRUE(item.ok());
        EXPECT_TRUE(cart.add(*item, 1000).ok());
        EXPECT_TRUE(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
        return Journal::lastSeq(db().connection()).value_or(-1);
    }
};
} // namespace

TEST_F(TillDayTest, TheStoresLocalDayWhatTheHubHasNotGotAndTheBusiness)
{
    seedDemo(20);
    const QTimeZone berlin("Europe/Berlin");
    const QDate day(2026, 11, 22);
    const qint64 midnight = QDateTime(day, QTime(0, 0), berlin).toMSecsSinceEpoch();
    sellAt(midnight - 60'000); // 23:59 the day before, in Berlin
    sellAt(midnight + 60'000);
    const qint64 acked = sellAt(midnight + 3600'000);
    sellAt(midnight + 2 * 3600'000);
    ASSERT_TRUE(Journal::acknowledge(db().connection(), Journal::identity(db().connection())->epoch, acked).ok());

    auto today = tillDay(db().connection(), day, berlin);
    ASSERT_TRUE(today.ok()) << qPrintable(today.error().message);
    EXPECT_EQ(today->sales, 3);
    EXPECT_EQ(today->pendingSales, 1) << "the hub acknowledged all but the last";
    EXPECT_EQ(today->pendingNow, 1);
    ASSERT_EQ(today->salesByHour.size(), 24);
    EXPECT_EQ(today->salesByHour[0], 1);
    EXPECT_EQ(today->salesByHour[1], 1);
    EXPECT_EQ(today->salesByHour[2], 1);
    qint64 salesCount = 0, card = 0;
    for (const MoneyLine &m : today->money) {
        if (m.kind == QLatin1String("sales"))
            salesCount = m.count;
        if (m.kind == QLatin1String("tender.card"))
            card = m.count;
    }
    EXPECT_EQ(salesCount, 3);
    EXPECT_EQ(card, 3);
    EXPECT_EQ(today->money.constFirst().kind, QStringLiteral("sales")) << "takings first";

    auto before = tillDay(db().connection(), day.addDays(-1), berlin);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->sales, 1);
    EXPECT_EQ(before->pendingSales, 0);
    // In UTC the same four sales fall on one day.
    auto utc = tillDay(db().connection(), day.addDays(-1), QTimeZone::utc());
    ASSERT_TRUE(utc.ok());
    EXPECT_EQ(utc->sales + tillDay(db().connection(), day, QTimeZone::utc())->sales, 4);
    EXPECT_FALSE(tillDay(db().connection(), QDate(), berlin).ok());
}

TEST_F(TillDayTest, AnOverrideIsListedWithWhoAskedAndWhoApproved)
{
    StaffStore staff(db(), fixedClock());
    auto boss = staff.createFirstManager(QStringLiteral("Maria"), u"2468");
    ASSERT_TRUE(boss.ok());
    auto carl = staff.add(*boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
    ASSERT_TRUE(carl.ok());
    ASSERT_TRUE(staff.approve(*carl, boss->id, u"2468", Permission::VoidSale, QStringLiteral("customer left")).ok());
    auto today
        = tillDay(db().connection(), QDateTime::fromMSecsSinceEpoch(kNow, QTimeZone::utc()).date(), QTimeZone::utc());
    ASSERT_TRUE(today.ok());
    ASSERT_EQ(today->listed.size(), 1);
    const ListedEvent &e = today->listed.constFirst();
    EXPECT_EQ(e.by, QStringLiteral("Carl"));
    EXPECT_EQ(e.approvedBy, QStringLiteral("Maria"));
    EXPECT_EQ(e.reason, QStringLiteral("customer left"));
    EXPECT_TRUE(e.summary.contains(u"void")) << qPrintable(e.summary);
    EXPECT_EQ(today->sales, 0);
    EXPECT_EQ(today->entries, today->pendingEntries) << "nothing synced";
}
