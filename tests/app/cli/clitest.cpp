// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/database.h"
#include "support/clihelper.h"

#include <QProcess>
#include <QRegularExpression>

using namespace omnitill;
using namespace omnitill::test;

class CliTest : public ProgramFixture
{
protected:
    CliTest()
        : ProgramFixture(cli::runCli, QStringLiteral("cli.db"))
    { }
    // Items for the price/weight label lookups: a label price (per kg item), a label weight, and a piece item.
    void writeLabelItems()
    {
        auto store = Database::open(db());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(writeItems(**store,
            { { QStringLiteral("DELI-SALAD"), QStringLiteral("2012345000001"), Unit::Kilogram, 1290 },
                { QStringLiteral("CHEESE"), QStringLiteral("2500042000009"), Unit::Kilogram, 1890 },
                { QStringLiteral("BREAD"), QStringLiteral("2500043000008"), Unit::Each, 250 } }));
    }
};

TEST_F(CliTest, UsageErrors)
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

TEST_F(CliTest, DemoLookupSearchAndSale)
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
    EXPECT_TRUE(m_out.contains(QStringLiteral("Receipt T01-5F90-000001")));
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("sales not yet synced: 1")));
    EXPECT_EQ(run({ QStringLiteral("check") }), ExitCode::Ok);
}

TEST_F(CliTest, DemoCsvRoundTripsThroughImport)
{
    const QString csv = file(QStringLiteral("demo.csv"));
    ASSERT_EQ(run({ QStringLiteral("demo-csv"), csv, QStringLiteral("--skus"), QStringLiteral("1000") }), ExitCode::Ok);
    ASSERT_EQ(run({ QStringLiteral("import"), csv }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.startsWith(QStringLiteral("imported 10")));
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("SKUs: 1000")));
}

TEST_F(CliTest, BadInputsGiveActionableExitCodes)
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

TEST_F(CliTest, DatabaseProblems)
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

TEST_F(CliTest, LabelRulesAreSetAndUsedByLookup)
{
    writeLabelItems();
    QString &out = m_out;
    QString &err = m_err;
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::NotFound);
    ASSERT_EQ(run({ QStringLiteral("labels") }), ExitCode::Ok);
    EXPECT_TRUE(out.startsWith(QStringLiteral("label rules: none\n")));
    EXPECT_EQ(run({ QStringLiteral("labels"), QStringLiteral("price5") }), ExitCode::Usage)
        << "a command that changes a setting says so";
    EXPECT_TRUE(m_err.contains(QStringLiteral("labels set PROFILE|RULES"))) << qPrintable(m_err);
    EXPECT_EQ(
        run({ QStringLiteral("labels"), QStringLiteral("set"), QStringLiteral("40:IIIIIPPPPP") }), ExitCode::DataError);
    EXPECT_TRUE(err.contains(QStringLiteral("only prefixes 02 and 20-29")));
    ASSERT_EQ(run({ QStringLiteral("labels"), QStringLiteral("set"), QStringLiteral("price5-weight5") }), ExitCode::Ok)
        << qPrintable(err);
    EXPECT_TRUE(out.startsWith(QStringLiteral("label rules: price5-weight5\n")));
    ASSERT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::Ok) << qPrintable(err);
    EXPECT_TRUE(out.contains(QStringLiteral("sku: CHEESE\n")));
    EXPECT_TRUE(out.contains(QStringLiteral("quantity: 0.735\n"))) << qPrintable(out);
    ASSERT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2012345019959") }), ExitCode::Ok) << qPrintable(err);
    EXPECT_TRUE(out.contains(QStringLiteral("price: EUR 19.95"))) << qPrintable(out);
    ASSERT_EQ(run({ QStringLiteral("labels"), QStringLiteral("set"), QStringLiteral("none") }), ExitCode::Ok);
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::NotFound);

    // A setting broken outside the CLI is reported, not ignored.
    {
        auto store = Database::open(db());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(writeMeta((*store)->connection(), QStringLiteral("label_rules"), QStringLiteral("20:BROKEN")).ok());
    }
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("4006381333931") }), ExitCode::DataError);
    EXPECT_TRUE(err.contains(QStringLiteral("label rules are broken"))) << qPrintable(err);
}

TEST_F(CliTest, ScannerSetupIsShownAndSet)
{
    ASSERT_EQ(run({ QStringLiteral("scanner") }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 40 ms")));
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("--gap-ms"), QStringLiteral("35") }), ExitCode::Usage)
        << "a command that changes a setting says so";
    EXPECT_TRUE(m_err.contains(QStringLiteral("scanner set --gap-ms N"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("set") }), ExitCode::Usage);
    ASSERT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--gap-ms"), QStringLiteral("35"),
                  QStringLiteral("--prefix"), QStringLiteral("]"), QStringLiteral("--gs=<GS>") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 35 ms\n")));
    EXPECT_TRUE(m_out.contains(QStringLiteral("prefix: ]\n")));
    EXPECT_TRUE(m_out.contains(QStringLiteral("GS stand-in: <GS>\n")));
    ASSERT_EQ(
        run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--prefix"), QString() }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("prefix: \n"))) << "an empty value clears it";
    EXPECT_TRUE(m_out.contains(QStringLiteral("gap between keys: 35 ms\n"))) << "the rest is kept";
    EXPECT_EQ(
        run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--gap-ms"), QStringLiteral("1000") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("5 to 500 ms")));
    EXPECT_EQ(
        run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--gap-ms"), QStringLiteral("soon") }),
        ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--gap-ms") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("scanner"), QStringLiteral("set"), QStringLiteral("--beep") }), ExitCode::Usage);
}

TEST_F(CliTest, CheckIncludesTheJournalsChain)
{
    ASSERT_EQ(run({ QStringLiteral("demo"), QStringLiteral("--skus"), QStringLiteral("50") }), ExitCode::Ok);
    QFile script(file(QStringLiteral("s.json")));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write(R"({"currency":"EUR","items":[{"sku":"SKU0000001"}],"payment":{"method":"card"}})");
    script.close();
    ASSERT_EQ(run({ QStringLiteral("sale"), script.fileName() }), ExitCode::Ok) << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("check") }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_EQ(m_out, QStringLiteral("ok: the database is intact and its journal of 1 entries verifies\n"));
    {
        // A payload altered behind the triggers' back: SQLite's integrity check still passes.
        auto store = Database::open(db());
        ASSERT_TRUE(store.ok());
        QSqlDatabase &c = (*store)->connection();
        ASSERT_TRUE(execDirect(c, QStringLiteral("DROP TRIGGER journal_no_update")).ok());
        ASSERT_TRUE(execDirect(c,
            QStringLiteral("UPDATE journal SET payload = replace(payload, '\"total_minor\"', "
                           "'\"total_minor\" ') WHERE seq = 1"))
                        .ok());
        ASSERT_TRUE((*store)->integrityCheck().ok());
    }
    EXPECT_EQ(run({ QStringLiteral("check") }), ExitCode::IoError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("the journal does not verify at entry 1"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("verify-journal") }), ExitCode::IoError);
}

TEST_F(CliTest, CheckRecountsTheSearchCountsAndReindexRepairsThem)
{
    ASSERT_EQ(run({ QStringLiteral("demo"), QStringLiteral("--skus"), QStringLiteral("200") }), ExitCode::Ok);
    ASSERT_EQ(run({ QStringLiteral("check") }), ExitCode::Ok) << qPrintable(m_err);
    {
        auto store = Database::open(db());
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(execDirect((*store)->connection(),
            QStringLiteral("UPDATE search_prefix SET rows = rows + 1 WHERE prefix = CAST('b' AS BLOB)"))
                        .ok());
    }
    EXPECT_EQ(run({ QStringLiteral("check") }), ExitCode::IoError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("counts are wrong for 1 prefixes (first: \"b\")"))) << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("reindex-search") }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("check") }), ExitCode::Ok) << qPrintable(m_err);
}

TEST_F(CliTest, SyncWithoutAHubSaysHowToSetItUp)
{
    EXPECT_EQ(run({ QStringLiteral("sync") }), ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("omnitill-cli sync-config --hub URL --token TOKEN")))
        << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("sync-config"), QStringLiteral("--hub"), QStringLiteral("ftp://hub"),
                  QStringLiteral("--token"), QStringLiteral("0123456789abcdef0123") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("http(s) URL"))) << qPrintable(m_err);
}

// A disk filled to the last byte, for real: a 1 MiB tmpfs in a mount namespace of its own (unshare, so no root is
// needed and nothing leaks into the machine's mounts), filled with dd, then the CLI as a process on it.
TEST_F(CliTest, AFullDiskIsReportedAsFull)
{
    const QString script = QStringLiteral(R"(set -e
d=$(mktemp -d)
mount -t tmpfs -o size=1m tmpfs "$d"
"$1" --db "$d/store.db" demo --skus 20 --customers 0 >/dev/null
dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null || true
echo '{"currency":"EUR","items":[{"sku":"SKU0000001"}],"payment":{"method":"card"}}' > /tmp/omnitill-full-sale.json
for args in "status" "sale /tmp/omnitill-full-sale.json"; do
    set +e; "$1" --db "$d/store.db" $args 2>&1; echo "rc=$?"; set -e
done
set +e; "$1" --db "$d/new.db" status 2>&1; echo "rc=$?"
)");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("unshare"),
        { QStringLiteral("-rm"), QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"),
            QStringLiteral(OMNITILL_CLI_BIN) });
    ASSERT_TRUE(p.waitForFinished(60'000));
    const QString out = QString::fromUtf8(p.readAll());
    ASSERT_EQ(p.exitCode(), 0) << qPrintable(out);
    // Reading the status may need no space at all (it depends on what the demo left in the WAL); a sale and a new
    // store do.
    const QStringList codes = out.split(u'\n').filter(QRegularExpression(QStringLiteral("^rc=")));
    ASSERT_EQ(codes.size(), 3) << qPrintable(out);
    EXPECT_TRUE(codes[0] == QLatin1String("rc=0") || codes[0] == QLatin1String("rc=74")) << qPrintable(out);
    EXPECT_EQ(codes[1], QStringLiteral("rc=74")) << qPrintable(out);
    EXPECT_EQ(codes[2], QStringLiteral("rc=74")) << qPrintable(out);
    // What the person reads (the developers' log lines aside): each refusal says the disk is full.
    const QStringList said = out.split(u'\n').filter(QRegularExpression(QStringLiteral("^omnitill-cli: ")));
    ASSERT_EQ(said.size(), out.count(QStringLiteral("rc=74"))) << qPrintable(out);
    for (const QString &line : said)
        EXPECT_TRUE(line.contains(QStringLiteral("is full"))) << qPrintable(line);
}

TEST_F(CliTest, TillSettingsAreShownAndSet)
{
    // The store's reasons: the defaults until set; an empty or over-long reason is refused and changes nothing.
    ASSERT_EQ(run({ QStringLiteral("reasons") }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("Scanned by mistake\n")));
    ASSERT_EQ(run({ QStringLiteral("reasons"), QStringLiteral("set"), QStringLiteral("Broken seal"),
                  QStringLiteral(" Price match "), QStringLiteral("Broken seal") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_EQ(m_out, QStringLiteral("Broken seal\nPrice match\n")) << "trimmed, once each";
    EXPECT_EQ(run({ QStringLiteral("reasons"), QStringLiteral("set"), QString(200 + 1, u'x') }), ExitCode::DataError);
    EXPECT_EQ(run({ QStringLiteral("reasons"), QStringLiteral("set"), QStringLiteral(" ") }), ExitCode::DataError);
    EXPECT_EQ(run({ QStringLiteral("reasons"), QStringLiteral("set") }), ExitCode::Usage);
    ASSERT_EQ(run({ QStringLiteral("reasons") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("Broken seal\nPrice match\n"));

    // This terminal's language: one the till speaks, or the system's.
    ASSERT_EQ(run({ QStringLiteral("language") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("language: system\n"));
    ASSERT_EQ(run({ QStringLiteral("language"), QStringLiteral("set"), QStringLiteral("de") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("language: de\n"));
    EXPECT_EQ(run({ QStringLiteral("language"), QStringLiteral("set"), QStringLiteral("xx") }), ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("en, de"))) << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("language"), QStringLiteral("set"), QStringLiteral("system") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("language: system\n"));

    ASSERT_EQ(run({ QStringLiteral("sounds"), QStringLiteral("off") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("scan sounds: off\n"));
    EXPECT_EQ(run({ QStringLiteral("sounds"), QStringLiteral("loud") }), ExitCode::Usage);
    ASSERT_EQ(run({ QStringLiteral("sounds") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("scan sounds: off\n"));

    // The receipt printer: an address that can be one, paper of 58 or 80 mm, QR codes by the printer or as images.
    ASSERT_EQ(run({ QStringLiteral("printer") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("printer: none (receipts are shown on the till only)\n"));
    ASSERT_EQ(run({ QStringLiteral("printer"), QStringLiteral("set"), QStringLiteral("tcp://10.0.0.5"),
                  QStringLiteral("--paper"), QStringLiteral("58"), QStringLiteral("--qr"), QStringLiteral("raster") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_EQ(m_out, QStringLiteral("printer: tcp://10.0.0.5:9100, 58 mm paper, QR codes as images\n"));
    EXPECT_EQ(run({ QStringLiteral("printer"), QStringLiteral("set"), QStringLiteral("lpt1") }), ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("is not a printer address"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("printer"), QStringLiteral("set"), QStringLiteral("/dev/usb/lp0"),
                  QStringLiteral("--paper"), QStringLiteral("62") }),
        ExitCode::DataError);
    EXPECT_EQ(run({ QStringLiteral("printer"), QStringLiteral("set"), QStringLiteral("/dev/usb/lp0"),
                  QStringLiteral("--qr"), QStringLiteral("laser") }),
        ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("printer"), QStringLiteral("on") }), ExitCode::Usage);
    ASSERT_EQ(run({ QStringLiteral("printer") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("printer: tcp://10.0.0.5:9100, 58 mm paper, QR codes as images\n"))
        << "a refused change changes nothing";
    ASSERT_EQ(run({ QStringLiteral("printer"), QStringLiteral("off") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("printer: none (receipts are shown on the till only)\n"));
}
