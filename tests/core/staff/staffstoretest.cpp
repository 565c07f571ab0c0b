// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/staffstore.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::test;

class StaffStoreTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        m_staff = std::make_unique<StaffStore>(db(), [this] { return m_now; });
    }
    StaffMember manager()
    {
        auto m = m_staff->createFirstManager(QStringLiteral("Maria Manager"), u"2468", QStringLiteral("BADGE-0001"));
        EXPECT_TRUE(m.ok()) << qPrintable(m.error().message);
        return m ? *m : StaffMember {};
    }

    qint64 m_now = kNow;
    std::unique_ptr<StaffStore> m_staff;
};

TEST_F(StaffStoreTest, TheFirstRunCreatesOneFirstManagerAndKeepsNoPin)
{
    EXPECT_FALSE(*m_staff->hasStaff());
    const StaffMember m = manager();
    EXPECT_EQ(m.role, QStringLiteral("manager"));
    EXPECT_TRUE(m.may(Permission::VoidSale));
    EXPECT_TRUE(*m_staff->hasStaff());
    auto second = m_staff->createFirstManager(QStringLiteral("Somebody Else"), u"1357");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Refused);
    EXPECT_EQ(count(QStringLiteral("staff")), 1);

    // Neither the PIN nor the badge is kept, in the table or in the journal.
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT pin_hash, pin_salt, badge_hash, pin_iterations FROM staff")) && q.next());
    EXPECT_EQ(q.value(0).toByteArray().size(), 32);
    EXPECT_EQ(q.value(1).toByteArray().size(), 16);
    EXPECT_FALSE(q.value(0).toByteArray().contains("2468"));
    EXPECT_FALSE(q.value(2).toByteArray().contains("BADGE"));
    EXPECT_EQ(q.value(3).toInt(), 600'000);
    const QJsonObject created = lastPayload(QStringLiteral("staff.created"));
    EXPECT_EQ(created.value(u"id").toString(), m.id);
    EXPECT_EQ(created.value(u"role").toString(), QStringLiteral("manager"));
    EXPECT_TRUE(created.value(u"by").isNull());
    EXPECT_FALSE(QJsonDocument(created).toJson().contains("2468"));
    EXPECT_TRUE(Journal::verify(db().connection())->ok());
}

TEST_F(StaffStoreTest, WrongPinsAreCountedAcrossRestartsAndLockOut)
{
    const StaffMember boss = manager();
    auto cashier = m_staff->add(boss, QStringLiteral("Carl Cashier"), QStringLiteral("cashier"), u"1111");
    ASSERT_TRUE(cashier.ok()) << qPrintable(cashier.error().message);
    for (int i = 1; i < StaffStore::kMaxFailedPins; ++i) {
        auto wrong = m_staff->signIn(cashier->id, u"9999");
        ASSERT_FALSE(wrong.ok());
        EXPECT_EQ(wrong.error().code, ErrorCode::Refused);
        EXPECT_TRUE(wrong.error().message.contains(QStringLiteral("%1 more tries").arg(StaffStore::kMaxFailedPins - i)))
            << qPrintable(wrong.error().message);
        if (i == 2) { // a restart of the till counts on
            reopen();
            m_staff = std::make_unique<StaffStore>(db(), [this] { return m_now; });
        }
    }
    auto last = m_staff->signIn(cashier->id, u"12a4"); // not even a PIN: counted as wrong
    ASSERT_FALSE(last.ok());
    EXPECT_TRUE(last.error().message.contains(QStringLiteral("locked out for 5 minutes")))
        << qPrintable(last.error().message);
    auto right = m_staff->signIn(cashier->id, u"1111");
    ASSERT_FALSE(right.ok()) << "the right PIN does not open a lockout";
    EXPECT_TRUE(right.error().message.contains(QStringLiteral("try again in 5 minute(s)")))
        << qPrintable(right.error().message);
    m_now += StaffStore::kLockoutMs + 1;
    auto after = m_staff->signIn(cashier->id, u"1111");
    ASSERT_TRUE(after.ok()) << qPrintable(after.error().message);
    EXPECT_EQ(after->name, QStringLiteral("Carl Cashier"));
    EXPECT_EQ(m_staff->signIn(QStringLiteral("0b7e6a52-3a1d-4a5e-9a47-1f3c2b7d9e10"), u"1111").error().code,
        ErrorCode::NotFound);
}

TEST_F(StaffStoreTest, BadgesSignInAndADeactivatedPersonIsRefused)
{
    const StaffMember boss = manager();
    auto ada
        = m_staff->add(boss, QStringLiteral("Ada"), QStringLiteral("cashier"), u"4321", QStringLiteral("BADGE-0002"));
    ASSERT_TRUE(ada.ok());
    EXPECT_EQ(m_staff->signInWithBadge(u"BADGE-0002")->id, ada->id);
    EXPECT_EQ(m_staff->signInWithBadge(u"BADGE-9999").error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_staff->signInWithBadge(u"x").error().code, ErrorCode::InvalidInput);
    auto twice
        = m_staff->add(boss, QStringLiteral("Bob"), QStringLiteral("cashier"), u"5555", QStringLiteral("BADGE-0002"));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::Conflict);
    EXPECT_EQ(count(QStringLiteral("staff")), 2) << "the refused person was not added";

    ASSERT_TRUE(m_staff->deactivate(boss, ada->id).ok());
    auto gone = m_staff->signInWithBadge(u"BADGE-0002");
    ASSERT_FALSE(gone.ok());
    EXPECT_TRUE(gone.error().message.contains(QStringLiteral("Ada is deactivated")))
        << qPrintable(gone.error().message);
    EXPECT_EQ(m_staff->signIn(ada->id, u"4321").error().code, ErrorCode::Refused);
    EXPECT_EQ(m_staff->active()->size(), 1);
    EXPECT_EQ(lastPayload(QStringLiteral("staff.deactivated")).value(u"by").toString(), boss.id);
    EXPECT_EQ(m_staff->deactivate(boss, boss.id).error().code, ErrorCode::Refused);
}

TEST_F(StaffStoreTest, EveryPermissionIsCheckedInCore)
{
    const StaffMember boss = manager();
    auto cashier = m_staff->add(boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
    ASSERT_TRUE(cashier.ok());
    for (Permission p : allPermissions()) {
        EXPECT_TRUE(StaffStore::authorize(boss, p).ok()) << qPrintable(permissionCode(p));
        auto refused = StaffStore::authorize(*cashier, p);
        ASSERT_FALSE(refused.ok()) << qPrintable(permissionCode(p));
        EXPECT_EQ(refused.error().code, ErrorCode::Refused);
        EXPECT_TRUE(refused.error().message.contains(permissionName(p))) << qPrintable(refused.error().message);
        EXPECT_EQ(permissionFromCode(permissionCode(p)), p);
    }
    // A cashier cannot add people: ManageStaff is checked before anything is written.
    auto added = m_staff->add(*cashier, QStringLiteral("Eve"), QStringLiteral("manager"), u"0000");
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().code, ErrorCode::Refused);
    EXPECT_EQ(
        m_staff->add(boss, QStringLiteral("Eve"), QStringLiteral("owner"), u"0000").error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_staff->add(boss, QStringLiteral("Eve"), QStringLiteral("cashier"), u"12").error().code,
        ErrorCode::InvalidInput);
    EXPECT_EQ(m_staff->add(boss, QString(), QStringLiteral("cashier"), u"1234").error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(count(QStringLiteral("staff")), 2);
}

TEST_F(StaffStoreTest, AnOverrideNeedsAnApproverWhoMayAndAReason)
{
    const StaffMember boss = manager();
    auto carl = m_staff->add(boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
    auto dora = m_staff->add(boss, QStringLiteral("Dora"), QStringLiteral("cashier"), u"2222");
    ASSERT_TRUE(carl.ok() && dora.ok());
    const qint64 before = count(QStringLiteral("journal"));

    auto byCashier = m_staff->approve(*carl, dora->id, u"2222", Permission::VoidSale, QStringLiteral("customer left"));
    ASSERT_FALSE(byCashier.ok());
    EXPECT_TRUE(byCashier.error().message.contains(QStringLiteral("Dora cannot approve this")))
        << qPrintable(byCashier.error().message);
    auto wrongPin = m_staff->approve(*carl, boss.id, u"0000", Permission::VoidSale, QStringLiteral("customer left"));
    ASSERT_FALSE(wrongPin.ok());
    EXPECT_TRUE(wrongPin.error().message.contains(QStringLiteral("wrong PIN")));
    EXPECT_EQ(m_staff->approve(*carl, boss.id, u"2468", Permission::VoidSale, QStringLiteral("  ")).error().code,
        ErrorCode::InvalidInput);
    EXPECT_EQ(count(QStringLiteral("journal")), before) << "nothing refused reaches the journal";

    auto approved = m_staff->approve(*carl, boss.id, u"2468", Permission::VoidSale, QStringLiteral("customer left"));
    ASSERT_TRUE(approved.ok()) << qPrintable(approved.error().message);
    auto byBadge
        = m_staff->approveWithBadge(*carl, u"BADGE-0001", Permission::PriceOverride, QStringLiteral("damaged box"));
    ASSERT_TRUE(byBadge.ok()) << qPrintable(byBadge.error().message);
    EXPECT_EQ(count(QStringLiteral("journal")), before + 2);
    const QJsonObject o = lastPayload(QStringLiteral("override.approved"));
    EXPECT_EQ(o.value(u"action").toString(), QStringLiteral("price_override"));
    EXPECT_EQ(o.value(u"requested_by").toString(), carl->id);
    EXPECT_EQ(o.value(u"approved_by").toString(), boss.id);
    EXPECT_EQ(o.value(u"reason").toString(), QStringLiteral("damaged box"));
    EXPECT_TRUE(Journal::verify(db().connection())->ok());
}
