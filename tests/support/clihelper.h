// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-cli and omnitill-hub in-process, the way a shell runs them.
#pragma once

#include "app/cli/cli.h"
#include "app/common/commandline.h"
#include "app/hub/hubcommands.h"
#include "support/testhelper.h"

namespace omnitill::test {

namespace ExitCode = cli::ExitCode;

struct CliRun
{
    int exitCode = 0;
    QString out;
    QString err;
};

// A program's in-process entry point: cli::runCli or cli::runHub.
using Program = int (*)(const QStringList &, QTextStream &, QTextStream &, const Clock &);

// `program` against the database `db` (for the hub a file or a postgresql:// URL), at kNow.
inline CliRun runProgram(Program program, const QString &db, const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = program(QStringList { QStringLiteral("--db"), db } + args, out, err, fixedClock());
    return run;
}

inline CliRun runCli(const QString &db, const QStringList &args)
{
    return runProgram(cli::runCli, db, args);
}

// Runs one program against a database in a directory of its own and keeps what it printed.
class ProgramFixture : public ::testing::Test
{
protected:
    ProgramFixture(Program program, QString dbName)
        : m_program(program)
        , m_dbName(std::move(dbName))
    { }
    int run(const QStringList &args)
    {
        const CliRun r = runProgram(m_program, db(), args);
        m_out = r.out;
        m_err = r.err;
        return r.exitCode;
    }
    QString db() const { return m_dir.filePath(m_dbName); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_out;
    QString m_err;

private:
    Program m_program;
    QString m_dbName;
};

} // namespace omnitill::test
