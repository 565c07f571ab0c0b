// SPDX-License-Identifier: GPL-3.0-or-later
// The Settings page's model: a manager changes the terminal's language and scan sounds, kept across restarts; a
// cashier, or nobody, is refused in core with a clear message and nothing changes.
#include "core/till/terminalsettings.h"
#include "core/settings/printersettings.h"
#include "core/settings/tillsettings.h"
#include "core/till/staffsession.h"
#include "support/testhelper.h"

#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

class TerminalSettingsTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        m_store = std::make_unique<StaffStore>(db(), [] { return kNow; });
        m_session = std::make_unique<StaffSession>(*m_store, [] { return kNow; });
        auto maria = m_store->createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(maria.ok());
        m_maria = maria->id;
        auto carl = m_store->add(*maria, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357");
        ASSERT_TRUE(carl.ok());
        m_carl = carl->id;
    }
    std::unique_ptr<StaffStore> m_store;
    std::unique_ptr<StaffSession> m_session;
    QString m_maria;
    QString m_carl;
};

TEST_F(TerminalSettingsTest, AManagerChangesLanguageAndSoundsForGood)
{
    TerminalSettings settings(db(), *m_session, QString(), true);
    QSignalSpy errors(&settings, &TerminalSettings::errorOccurred);
    ASSERT_TRUE(m_session->signIn(m_maria, QStringLiteral("2468")));
    EXPECT_TRUE(settings.mayChange());
    EXPECT_FALSE(settings.restartNeeded());

    EXPECT_TRUE(settings.setLanguage(QStringLiteral("de")));
    EXPECT_EQ(settings.language(), QStringLiteral("de"));
    EXPECT_TRUE(settings.restartNeeded()) << "the till speaks German from its next start";
    EXPECT_EQ(*loadTerminalLanguage(db()), QStringLiteral("de"));
    EXPECT_TRUE(settings.setScanSounds(false));
    EXPECT_FALSE(*loadScanSounds(db()));

    // Back to what the till started with: nothing to restart for.
    EXPECT_TRUE(settings.setLanguage(QString()));
    EXPECT_FALSE(settings.restartNeeded());
    EXPECT_EQ(*loadTerminalLanguage(db()), QString());

    // A language the till does not speak is refused and the setting stays.
    EXPECT_FALSE(settings.setLanguage(QStringLiteral("xx")));
    ASSERT_EQ(errors.count(), 1);
    EXPECT_EQ(errors.at(0).at(0).toString(), QStringLiteral("the till speaks en, de, not \"xx\""));
    EXPECT_EQ(settings.language(), QString());

    // The receipt printer: checked before it is saved.
    EXPECT_TRUE(settings.setPrinter(QStringLiteral("tcp://10.0.0.5"), 58));
    EXPECT_EQ(settings.printerAddress(), QStringLiteral("tcp://10.0.0.5:9100"));
    EXPECT_EQ(loadPrinterSettings(db())->paperMm, 58);
    EXPECT_FALSE(settings.setPrinter(QStringLiteral("lpt1"), 80));
    EXPECT_TRUE(errors.last().at(0).toString().contains(QStringLiteral("is not a printer address")));
    EXPECT_FALSE(settings.setPrinter(QStringLiteral("tcp://10.0.0.5"), 62));
    EXPECT_EQ(errors.last().at(0).toString(), QStringLiteral("receipt paper is 58 or 80 mm wide, not 62 mm"));
    EXPECT_EQ(loadPrinterSettings(db())->address, QStringLiteral("tcp://10.0.0.5:9100"));
    EXPECT_TRUE(settings.setPrinter(QString(), 80));
    EXPECT_TRUE(loadPrinterSettings(db())->address.isEmpty()) << "no printer";

    // The languages offered, each in its own words, the system's first.
    const QVariantList offered = settings.languages();
    ASSERT_EQ(offered.size(), 3);
    EXPECT_EQ(offered.at(0).toMap().value(QStringLiteral("code")).toString(), QString());
    EXPECT_EQ(offered.at(1).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("English"));
    EXPECT_EQ(offered.at(2).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("Deutsch"));
}

TEST_F(TerminalSettingsTest, ACashierOrNobodyIsRefusedInCore)
{
    TerminalSettings settings(db(), *m_session, QStringLiteral("en"), true);
    QSignalSpy errors(&settings, &TerminalSettings::errorOccurred);
    EXPECT_FALSE(settings.mayChange());
    EXPECT_FALSE(settings.setScanSounds(false));
    EXPECT_EQ(errors.takeFirst().at(0).toString(), QStringLiteral("Sign in to change the settings"));

    ASSERT_TRUE(m_session->signIn(m_carl, QStringLiteral("1357")));
    QSignalSpy changed(&settings, &TerminalSettings::changed);
    EXPECT_FALSE(settings.mayChange());
    EXPECT_FALSE(settings.setLanguage(QStringLiteral("de")));
    EXPECT_FALSE(settings.setScanSounds(false));
    EXPECT_FALSE(settings.setPrinter(QStringLiteral("tcp://10.0.0.9"), 80));
    ASSERT_EQ(errors.count(), 3);
    EXPECT_EQ(errors.at(0).at(0).toString(), QStringLiteral("Carl may not change the settings: a manager can"));
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(settings.language(), QStringLiteral("en"));
    EXPECT_TRUE(settings.scanSounds());
    EXPECT_EQ(*loadTerminalLanguage(db()), QString()) << "nothing written";
    EXPECT_TRUE(*loadScanSounds(db()));

    // Who may change them follows whoever signs in.
    m_session->lock();
    ASSERT_TRUE(m_session->signIn(m_maria, QStringLiteral("2468")));
    EXPECT_TRUE(settings.mayChange());
    EXPECT_GE(changed.count(), 1);
}
