// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/commandline.h"

#include <gtest/gtest.h>

using namespace omnitill;
using namespace omnitill::cli;

class CommandLineTest : public ::testing::Test
{
protected:
    CommandLineTest()
        : m_line(QStringLiteral("tool"), QStringLiteral("A tool."), QStringLiteral("exit codes: 0 ok"))
    {
        m_line.addGlobalOption(QCommandLineOption(QStringLiteral("db"), QStringLiteral("db"), QStringLiteral("FILE")));
        m_line.addCommand({ QStringLiteral("copy"), QStringLiteral("FROM TO"), QStringLiteral("copy a thing"),
            { QCommandLineOption(QStringLiteral("times"), QStringLiteral("n"), QStringLiteral("N")),
                QCommandLineOption(QStringLiteral("dry-run"), QStringLiteral("d")) },
            2, 2, [this](Invocation &inv) {
                m_seen = inv.arguments();
                m_db = inv.value(QStringLiteral("db"));
                m_dryRun = inv.isSet(QStringLiteral("dry-run"));
                const auto times = inv.number(QStringLiteral("times"), 1, 1, 9);
                if (!times)
                    return ExitCode::Usage;
                m_times = *times;
                return inv.fail(makeError(ErrorCode::NotFound, QStringLiteral("nothing to copy")));
            } });
        m_line.addCommand({ QStringLiteral("list"), QStringLiteral("[WHAT...]"), QStringLiteral("list things"), {}, 0,
            -1, [](Invocation &inv) {
                inv.out << inv.arguments().join(u',');
                return ExitCode::Ok;
            } });
        m_line.addCommand({ QStringLiteral("send"), {},
            QStringLiteral("send the things somewhere far away, which takes a description long enough to be wrapped "
                           "over two lines of help"),
            { QCommandLineOption(QStringLiteral("to"), QStringLiteral("where"), QStringLiteral("PLACE")) }, 0, 0,
            [](Invocation &inv) {
                inv.out << *inv.value(QStringLiteral("to"));
                return ExitCode::Ok;
            },
            { QStringLiteral("to") } });
    }
    int run(const QStringList &args)
    {
        m_out.clear();
        m_err.clear();
        QTextStream out(&m_out);
        QTextStream err(&m_err);
        return m_line.run(args, out, err);
    }

    CommandLine m_line;
    QString m_out, m_err;
    QStringList m_seen;
    std::optional<QString> m_db;
    bool m_dryRun = false;
    qint64 m_times = 0;
};

TEST_F(CommandLineTest, RunsTheCommandWithItsOptionsAndArguments)
{
    EXPECT_EQ(run({ QStringLiteral("--db"), QStringLiteral("a.db"), QStringLiteral("copy"), QStringLiteral("x"),
                  QStringLiteral("y"), QStringLiteral("--times=3"), QStringLiteral("--dry-run") }),
        ExitCode::NotFound);
    EXPECT_EQ(m_seen, QStringList({ QStringLiteral("x"), QStringLiteral("y") }));
    EXPECT_EQ(m_db, QStringLiteral("a.db"));
    EXPECT_TRUE(m_dryRun);
    EXPECT_EQ(m_times, 3);
    EXPECT_EQ(m_err, QStringLiteral("tool: nothing to copy\n"));
    // A global option after the command counts too; "-" and "--" work as shells expect.
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("--db"),
                  QStringLiteral("b.db") }),
        ExitCode::NotFound);
    EXPECT_EQ(m_db, QStringLiteral("b.db"));
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("-"), QStringLiteral("--"), QStringLiteral("--db") }),
        ExitCode::NotFound);
    EXPECT_EQ(m_seen, QStringList({ QStringLiteral("-"), QStringLiteral("--db") })) << "after --, --db is an argument";
    EXPECT_EQ(m_db, std::nullopt);
    EXPECT_EQ(
        run({ QStringLiteral("list"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("a,b,c"));
}

TEST_F(CommandLineTest, UsageErrorsSayWhatIsWrong)
{
    EXPECT_EQ(run({}), ExitCode::Usage);
    EXPECT_TRUE(m_err.startsWith(QStringLiteral("tool: no command given\n"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("paste") }), ExitCode::Usage);
    EXPECT_TRUE(m_err.startsWith(QStringLiteral("tool: unknown command \"paste\""))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x") }), ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("tool copy: FROM TO is missing"))) << qPrintable(m_err);
    EXPECT_TRUE(m_err.contains(QStringLiteral("usage: tool [--db FILE] copy FROM TO [--times N] [--dry-run]")));
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z") }),
        ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("unexpected argument \"z\"")));
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("--colour") }),
        ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("Unknown option 'colour'"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("--times") }),
        ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("Missing value after '--times'"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("--times"),
                  QStringLiteral("10") }),
        ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("--times must be a whole number from 1 to 9")));
    EXPECT_EQ(run({ QStringLiteral("--colour"), QStringLiteral("list") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("send") }), ExitCode::Usage);
    EXPECT_TRUE(m_err.contains(QStringLiteral("tool send: --to PLACE is required"))) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("send"), QStringLiteral("--to=Mars") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("Mars"));
}

TEST_F(CommandLineTest, HelpListsEveryCommand)
{
    EXPECT_EQ(run({ QStringLiteral("--help") }), ExitCode::Ok);
    EXPECT_EQ(m_out,
        QStringLiteral("usage: tool [--db FILE] COMMAND [ARGS]\n\nA tool.\n\ncommands:\n"
                       "  copy FROM TO [--times N] [--dry-run]\n"
                       "                                     copy a thing\n"
                       "  list [WHAT...]                     list things\n"
                       "  send --to PLACE                    send the things somewhere far away, which takes a "
                       "description long enough to be\n"
                       "                                     wrapped over two lines of help\n"
                       "\nexit codes: 0 ok\n"));
    EXPECT_EQ(run({ QStringLiteral("list"), QStringLiteral("-h") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("usage: tool [--db FILE] list [WHAT...]\n\nlist things\n"));
}

TEST(ExitCodes, FollowTheKindOfError)
{
    EXPECT_EQ(exitCodeFor(ErrorCode::InvalidInput), ExitCode::DataError);
    EXPECT_EQ(exitCodeFor(ErrorCode::Conflict), ExitCode::DataError);
    EXPECT_EQ(exitCodeFor(ErrorCode::NotFound), ExitCode::NotFound);
    EXPECT_EQ(exitCodeFor(ErrorCode::Io), ExitCode::NoInput);
    EXPECT_EQ(exitCodeFor(ErrorCode::StorageFull), ExitCode::IoError);
    EXPECT_EQ(exitCodeFor(ErrorCode::Corrupt), ExitCode::IoError);
    EXPECT_EQ(exitCodeFor(ErrorCode::SchemaTooNew), ExitCode::Config);
}
