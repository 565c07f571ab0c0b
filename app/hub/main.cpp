// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-hub: the sync backend. Its commands live in app/hub (omnitill::cli::runHub), its logic in sync/hub.
#include "app/hub/hubcommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("omnitill-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return omnitill::cli::runHub(args, out, err);
}
