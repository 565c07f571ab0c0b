// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/scannersettings.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

using ScannerSettingsTest = DbFixture;

TEST_F(ScannerSettingsTest, DefaultsUntilSetThenWhatWasSaved)
{
    auto config = loadWedgeConfig(db());
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->maxGapMs, 40);
    EXPECT_EQ(config->minLength, 4);
    WedgeDetector::Config custom { 30, 6, QStringLiteral("~"), QStringLiteral("#"), QStringLiteral("<GS>") };
    ASSERT_TRUE(saveWedgeConfig(db(), custom).ok());
    reopen();
    config = loadWedgeConfig(db());
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->maxGapMs, 30);
    EXPECT_EQ(config->minLength, 6);
    EXPECT_EQ(config->prefix, QStringLiteral("~"));
    EXPECT_EQ(config->suffix, QStringLiteral("#"));
    EXPECT_EQ(config->gsSubstitute, QStringLiteral("<GS>"));
}

TEST_F(ScannerSettingsTest, RefusesSetupsThatCannotWork)
{
    auto refused = [&](WedgeDetector::Config c) {
        auto st = saveWedgeConfig(db(), c);
        return st ? QStringLiteral("<saved>") : st.error().message;
    };
    EXPECT_TRUE(refused({ 2, 4, {}, {}, {} }).contains(QStringLiteral("5 to 500 ms")));
    EXPECT_TRUE(refused({ 40, 0, {}, {}, {} }).contains(QStringLiteral("1 to 64")));
    EXPECT_TRUE(refused({ 40, 4, QStringLiteral("\t"), {}, {} }).contains(QStringLiteral("printable")));
    EXPECT_TRUE(refused({ 40, 4, {}, QString(17, u'x'), {} }).contains(QStringLiteral("longer than 16")));
    EXPECT_EQ(loadWedgeConfig(db())->maxGapMs, 40) << "nothing of a refused setup was stored";
    // Damage from outside is reported, not silently replaced by defaults.
    ASSERT_TRUE(writeMeta(db().connection(), QStringLiteral("wedge_max_gap_ms"), QStringLiteral("fast")).ok());
    EXPECT_FALSE(loadWedgeConfig(db()).ok());
    ASSERT_TRUE(writeMeta(db().connection(), QStringLiteral("wedge_max_gap_ms"), QStringLiteral("9000")).ok());
    auto broken = loadWedgeConfig(db());
    ASSERT_FALSE(broken.ok());
    EXPECT_TRUE(broken.error().message.contains(QStringLiteral("omnitill-cli scanner")));
}
