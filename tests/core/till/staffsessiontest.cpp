// SPDX-License-Identifier: GPL-3.0-or-later
// The lock screen's model: first-run setup, sign-in by PIN or badge with clear refusals, idle lock, switching cashier.
#include "core/till/staffsession.h"
#include "support/testhelper.h"

#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

class StaffSessionTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        m_store = std::make_unique<StaffStore>(db(), [this] { return m_now; });
    }
    qint64 m_now = kNow;
    std::unique_ptr<StaffStore> m_store;
};

TEST_F(StaffSessionTest, ANewStoreSetsUpItsFirstManagerWhoIsThenSignedIn)
{
    StaffSession session(*m_store, [this] { return m_now; });
    EXPECT_TRUE(session.needsSetup());
    EXPECT_FALSE(session.signedIn());
    EXPECT_FALSE(session.setUpFirstManager(QStringLiteral("Maria"), QStringLiteral("2468"), QStringLiteral("2469")));
    EXPECT_TRUE(session.message().contains(QStringLiteral("two PINs differ")));
    EXPECT_FALSE(session.setUpFirstManager(QStringLiteral("Maria"), QStringLiteral("24"), QStringLiteral("24")));
    EXPECT_TRUE(session.message().contains(QStringLiteral("4 to 8 digits")));
    QSignalSpy changed(&session, &StaffSession::changed);
    ASSERT_TRUE(session.setUpFirstManager(QStringLiteral("Maria"), QStringLiteral("2468"), QStringLiteral("2468")));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(session.signedIn());
    EXPECT_FALSE(session.needsSetup());
    EXPECT_EQ(session.name(), QStringLiteral("Maria"));
    EXPECT_EQ(session.role(), QStringLiteral("manager"));
    EXPECT_TRUE(session.message().isEmpty());
}

TEST_F(StaffSessionTest, SignInLocksAfterIdleAndTheNextCashierSwitchesIn)
{
    auto boss = m_store->createFirstManager(QStringLiteral("Maria"), u"2468", QStringLiteral("BADGE-0001"));
    ASSERT_TRUE(boss.ok());
    auto carl = m_store->add(*boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
    ASSERT_TRUE(carl.ok());
    StaffSession session(
        *m_store, [this] { return m_now; }, 60'000);
    EXPECT_FALSE(session.needsSetup());
    const QVariantList people = session.people();
    ASSERT_EQ(people.size(), 2);
    EXPECT_EQ(people.at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("Carl"));

    EXPECT_FALSE(session.signIn(carl->id, QStringLiteral("9999")));
    EXPECT_TRUE(session.message().contains(QStringLiteral("wrong PIN for Carl"))) << qPrintable(session.message());
    ASSERT_TRUE(session.signIn(carl->id, QStringLiteral("1111")));
    EXPECT_EQ(session.current()->id, carl->id);

    m_now += 59'000;
    session.noteActivity(); // a scan
    m_now += 59'000;
    session.checkIdle();
    EXPECT_TRUE(session.signedIn()) << "activity keeps the till open";
    m_now += 1'000;
    session.checkIdle();
    EXPECT_FALSE(session.signedIn());
    EXPECT_TRUE(session.message().contains(QStringLiteral("Locked after 1 minute"))) << qPrintable(session.message());

    EXPECT_FALSE(session.signInWithBadge(QStringLiteral("NOT-A-BADGE")));
    EXPECT_TRUE(session.message().contains(QStringLiteral("does not belong to anyone")));
    ASSERT_TRUE(session.signInWithBadge(QStringLiteral("BADGE-0001")));
    EXPECT_EQ(session.name(), QStringLiteral("Maria"));
    session.lock();
    EXPECT_FALSE(session.signedIn());
}
