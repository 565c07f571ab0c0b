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

// omnitill-cli against the database at `dbPath`, at kNow.
inline CliRun runCli(const QString &dbPath, const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = cli::runCli(QStringList { QStringLiteral("--db"), dbPath } + args, out, err, fixedClock());
    return run;
}

// omnitill-hub against the hub database `hubDb` (a file or a postgresql:// URL), at kNow.
inline CliRun runHub(const QString &hubDb, const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = cli::runHub(QStringList { QStringLiteral("--db"), hubDb } + args, out, err, fixedClock());
    return run;
}

} // namespace omnitill::test
