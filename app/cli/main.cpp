// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-cli: the terminal's command-line tool. Its commands live in app/cli (omnitill::cli::runCli).
#include "app/cli/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("omnitill-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return omnitill::cli::runCli(args, out, err);
}
