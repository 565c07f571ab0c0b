// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tool.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

class ToolTest : public ::testing::Test
{
protected:
    int run(const QStringList &args)
    {
        const CliRun r = runCli(db(), args);
        m_out = r.out;
        m_err = r.err;
        return r.exitCode;
    }
    QString db() const { return m_dir.filePath(QStringLiteral("cli.db")); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_out;
    QString m_err;
};

TEST_F(ToolTest, UsageErrors)
{
    EXPECT_EQ(run({}), ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("no command given")));
    EXPECT_EQ(run({ QStringLiteral("sell") }), ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("unknown command \"sell\"")));
    EXPECT_EQ(run({ QStringLiteral("lookup") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("demo"), QStringLiteral("--skus"), QStringLiteral("-5") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("status"), QStringLiteral("--verbose") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("--help") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("exit codes")));
}

TEST_F(ToolTest, DemoLookupSearchAndSale)
{
    ASSERT_EQ(run({ QStringLiteral("demo"), QStringLiteral("--skus"), QStringLiteral("300") }), ExitCode::Ok)
        << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("SKUs: 300")));
    ASSERT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("SKU0000001") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("price: EUR ")));
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("5901234123457") }), ExitCode::NotFound);
    EXPECT_TRUE(m_err.contains(QStringLiteral("not in the catalog")));
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("4006381333932") }), ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("check digit")));
    ASSERT_EQ(run({ QStringLiteral("search"), QStringLiteral("shirt") }), ExitCode::Ok);
    EXPECT_GT(m_out.count(u'\n'), 0);
    EXPECT_EQ(run({ QStringLiteral("search"), QStringLiteral("zzzz") }), ExitCode::NotFound);

    QFile script(file(QStringLiteral("s.json")));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write(R"({"currency":"EUR","items":[{"sku":"SKU0000001","qty":"2"}],"payment":{"method":"card"}})");
    script.close();
    ASSERT_EQ(run({ QStringLiteral("sale"), script.fileName(), QStringLiteral("--dry-run") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("(not saved)")));
    ASSERT_EQ(run({ QStringLiteral("sale"), script.fileName() }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("Receipt T01-000001")));
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("sales not yet synced: 1")));
    EXPECT_EQ(run({ QStringLiteral("check") }), ExitCode::Ok);
}

TEST_F(ToolTest, DemoCsvRoundTripsThroughImport)
{
    const QString csv = file(QStringLiteral("demo.csv"));
    ASSERT_EQ(run({ QStringLiteral("demo-csv"), csv, QStringLiteral("--skus"), QStringLiteral("1000") }), ExitCode::Ok);
    ASSERT_EQ(run({ QStringLiteral("import"), csv }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.startsWith(QStringLiteral("imported 10")));
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("SKUs: 1000")));
}

TEST_F(ToolTest, BadInputsGiveActionableExitCodes)
{
    EXPECT_EQ(run({ QStringLiteral("import"), file(QStringLiteral("missing.csv")) }), ExitCode::NoInput);
    QFile bad(file(QStringLiteral("bad.csv")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("sku,name,price,tax_class,tax_rate,barcode\nA,Apple,1.00,RED,7,123\n");
    bad.close();
    EXPECT_EQ(run({ QStringLiteral("import"), bad.fileName(), QStringLiteral("--currency"), QStringLiteral("EUR") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("line 2")));
    EXPECT_TRUE(m_err.contains(QStringLiteral("nothing was imported")));
    EXPECT_EQ(run({ QStringLiteral("sale"), file(QStringLiteral("none.json")) }), ExitCode::NoInput);
}

TEST_F(ToolTest, DatabaseProblems)
{
    QFile garbage(db());
    ASSERT_TRUE(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
    garbage.close();
    EXPECT_EQ(run({ QStringLiteral("status") }), ExitCode::IoError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("not an OmniTill database")));
    QFile::remove(db());
    {
        auto d = Database::open(db());
        ASSERT_TRUE(d.ok());
        ASSERT_TRUE(execDirect((*d)->connection(), QStringLiteral("PRAGMA user_version = 42")).ok());
    }
    EXPECT_EQ(run({ QStringLiteral("status") }), ExitCode::Config);
    EXPECT_TRUE(m_err.contains(QStringLiteral("install a newer OmniTill")));
}
