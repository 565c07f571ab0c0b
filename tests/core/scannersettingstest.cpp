// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scannersettings.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

class ScannerSettingsTest : public DbFixture
{
protected:
    int run(const QStringList &args)
    {
        const CliRun r = runCli(path(), args);
        m_out = r.out;
        m_err = r.err;
        return r.exitCode;
    }
    QString m_out;
    QString m_err;
};

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

TEST_F(ScannerSettingsTest, TheCliShowsAndSetsIt)
{
    m_db.reset();
    ASSERT_EQ(run({ QStringLiteral("scanner") }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 40 ms")));
    ASSERT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--gap-ms"), QStringLiteral("35"),
                  QStringLiteral("--prefix"), QStringLiteral("]"), QStringLiteral("--gs=<GS>") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 35 ms\n")));
    EXPECT_TRUE(m_out.contains(QStringLiteral("prefix: ]\n")));
    EXPECT_TRUE(m_out.contains(QStringLiteral("GS stand-in: <GS>\n")));
    ASSERT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--prefix"), QString() }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("prefix: \n"))) << "an empty value clears it";
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 35 ms\n"))) << "the rest is kept";
    EXPECT_EQ(
        run({ QStringLiteral("scanner"), QStringLiteral("--gap-ms"), QStringLiteral("1000") }), ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("5 to 500 ms")));
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--gap-ms"), QStringLiteral("soon") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--gap-ms") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--beep") }), ExitCode::Usage);
}
