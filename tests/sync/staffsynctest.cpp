// SPDX-License-Identifier: GPL-3.0-or-later
// Staff events made on a terminal without a network reach the hub once, validated, not quarantined.
#include "core/staff/staffstore.h"
#include "support/synchelper.h"

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

using StaffSyncTest = SyncFixture;

TEST_F(StaffSyncTest, AnOverrideMadeOfflineReachesTheHubOnce)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    {
        // Offline: no hub is asked for anything.
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, [] { return kNow; });
        auto boss = staff.createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(boss.ok()) << qPrintable(boss.error().message);
        auto carl = staff.add(*boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
        ASSERT_TRUE(carl.ok());
        auto approved = staff.approve(*carl, boss->id, u"2468", Permission::VoidSale, QStringLiteral("customer left"));
        ASSERT_TRUE(approved.ok()) << qPrintable(approved.error().message);
    }
    sell(t.path, 2, 9);
    ASSERT_TRUE(syncOnce(t));
    const QString countOf = QStringLiteral("SELECT count(*) FROM event WHERE terminal_id = ? AND type = '%1'");
    EXPECT_EQ(hubScalar(countOf.arg(QStringLiteral("override.approved")), t.terminalId), 1);
    EXPECT_EQ(hubScalar(countOf.arg(QStringLiteral("staff.created")), t.terminalId), 2);
    EXPECT_EQ(hubScalar(QStringLiteral("SELECT count(*) FROM event WHERE terminal_id = ? AND quarantine IS NOT NULL"),
                  t.terminalId),
        0)
        << "the hub knows the staff events and their schemas";
    ASSERT_TRUE(syncOnce(t)); // again: nothing new, nothing doubled
    EXPECT_EQ(hubScalar(countOf.arg(QStringLiteral("override.approved")), t.terminalId), 1);
    expectConverged(t);
}
