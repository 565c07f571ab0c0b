// SPDX-License-Identifier: GPL-3.0-or-later
// Staff events made on a terminal without a network reach the hub once, validated, not quarantined.
#include "core/staff/pinhash.h"
#include "core/staff/staffstore.h"
#include "core/storage/sha256.h"
#include "support/synchelper.h"
#include "sync/common/streams.h"

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

// Roles and people published on the hub sign in on a terminal offline; what the till counted (wrong PINs) stays
// when the hub changes the person; a person the hub removes can no longer sign in; a role that comes later applies.
TEST_F(StaffSyncTest, StaffFromTheHubSignInOfflineAndGoWhenRemoved)
{
    ASSERT_TRUE(m_hub
                    ->publish(kRolesStream, QStringLiteral("supervisor"),
                        roleRow(QStringLiteral("supervisor"), QStringLiteral("Supervisor"),
                            { QStringLiteral("void_sale"), QStringLiteral("void_line") }))
                    .ok());
    const PinHash::Hashed pin = PinHash::make(u"4321");
    StaffRow sam { QStringLiteral("0192f5a0-0000-7000-8000-00000000aaaa"), QStringLiteral("Sam"),
        QStringLiteral("supervisor"), true, pin.salt, pin.hash, pin.iterations, Sha256::hash("BADGE-SAM") };
    ASSERT_TRUE(validateRow(kStaffStream, sam.id, staffRow(sam)).ok());
    ASSERT_TRUE(m_hub->publish(kStaffStream, sam.id, staffRow(sam)).ok());
    StaffRow later = sam;
    later.id = QStringLiteral("0192f5a0-0000-7000-8000-00000000bbbb");
    later.name = QStringLiteral("Lea");
    later.role = QStringLiteral("auditor"); // not published yet
    later.badgeHash.clear();
    ASSERT_TRUE(m_hub->publish(kStaffStream, later.id, staffRow(later)).ok());

    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t));
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, [] { return kNow; });
        auto signedIn = staff.signIn(sam.id, u"4321");
        ASSERT_TRUE(signedIn.ok()) << qPrintable(signedIn.error().message);
        EXPECT_TRUE(signedIn->may(Permission::VoidSale));
        EXPECT_FALSE(signedIn->may(Permission::Settings));
        EXPECT_EQ(staff.signInWithBadge(u"BADGE-SAM")->name, QStringLiteral("Sam"));
        EXPECT_FALSE(staff.signIn(sam.id, u"0000").ok());
        EXPECT_FALSE(staff.signIn(sam.id, u"0000").ok());
        auto lea = staff.signIn(later.id, u"4321");
        ASSERT_TRUE(lea.ok()) << qPrintable(lea.error().message);
        EXPECT_TRUE(lea->permissions.isEmpty()) << "a role not heard of yet may do nothing";
    }

    sam.name = QStringLiteral("Samuel");
    ASSERT_TRUE(m_hub->publish(kStaffStream, sam.id, staffRow(sam)).ok());
    ASSERT_TRUE(m_hub
                    ->publish(kRolesStream, QStringLiteral("auditor"),
                        roleRow(QStringLiteral("auditor"), QStringLiteral("Auditor"), { QStringLiteral("reports") }))
                    .ok());
    ASSERT_TRUE(syncOnce(t));
    {
        auto db = Database::open(t.path);
        StaffStore staff(**db, [] { return kNow; });
        auto wrong = staff.signIn(sam.id, u"0000");
        ASSERT_FALSE(wrong.ok());
        EXPECT_TRUE(wrong.error().message.contains(QStringLiteral("wrong PIN for Samuel (2 more tries")))
            << qPrintable(wrong.error().message) << ": the till's count survived the hub's change";
        EXPECT_TRUE(staff.signIn(later.id, u"4321")->may(Permission::Reports));
    }

    ASSERT_TRUE(m_hub->publish(kStaffStream, sam.id, std::nullopt).ok()); // removed on the hub
    ASSERT_TRUE(syncOnce(t));
    auto db = Database::open(t.path);
    StaffStore staff(**db, [] { return kNow; });
    auto gone = staff.signIn(sam.id, u"4321");
    ASSERT_FALSE(gone.ok());
    EXPECT_TRUE(gone.error().message.contains(QStringLiteral("deactivated"))) << qPrintable(gone.error().message);
}
