// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-hub: the sync backend. Its commands live in app/hub (omnitill::cli::runHub), its logic in sync/hub.
#include "app/hub/hubcommands.h"

#include <QGuiApplication>

#include <algorithm>
#include <memory>

int main(int argc, char *argv[])
{
    // Qt GUI draws the report's PDF (served, or `report --format pdf`), offscreen unless told otherwise; the other
    // commands need none of it.
    const bool draws = argc > 1 && std::any_of(argv + 1, argv + argc, [](const char *a) {
        return qstrcmp(a, "serve") == 0 || qstrcmp(a, "pdf") == 0 || qstrcmp(a, "--format=pdf") == 0;
    });
    if (draws && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app
        = draws ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("omnitill-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return omnitill::cli::runHub(args, out, err);
}
