// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-hub: the sync backend. All logic lives in sync (omnitill::sync::runHubTool).
#include "sync/synctool.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("omnitill-hub"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const int code = omnitill::sync::runHubTool(args, out, err);
    out.flush();
    err.flush();
    return code;
}
