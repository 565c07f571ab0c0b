// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-cli: the headless tool. All logic lives in core (omnitill::runTool) and sync (the hub commands).
#include "core/tool.h"
#include "sync/synctool.h"

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
    return omnitill::runTool(args, out, err, omnitill::systemClock(), omnitill::sync::terminalCommands());
}
