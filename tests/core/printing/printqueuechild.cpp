// SPDX-License-Identifier: GPL-3.0-or-later
// A till's print queue in a process of its own, for printqueuetest to kill: printqueuechild DB PRINTER COUNT BYTES
// queues COUNT jobs of BYTES bytes each for PRINTER, starts the queue, says "queued" and runs until it is killed.
#include "core/printing/printqueue.h"
#include "core/storage/database.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5)
        return 64;
    auto db = omnitill::Database::open(args.at(1));
    if (!db)
        return 1;
    omnitill::Printing::PrintQueue queue(
        args.at(1), [] { return QDateTime::currentMSecsSinceEpoch(); },
        omnitill::Printing::PrintQueue::Config { 50, 200, 60'000 });
    const int count = args.at(3).toInt();
    const int bytes = args.at(4).toInt();
    for (int i = 1; i <= count; ++i) {
        // ESC @, "Receipt i" padded to the size asked, a cut: one receipt to the printer.
        QByteArray job = QByteArray("\x1b\x40", 2) + "Receipt " + QByteArray::number(i) + '\n';
        if (job.size() < bytes)
            job += QByteArray(bytes - job.size() - 4, 'x') + '\n';
        job += QByteArray("\x1d\x56\x42\x00", 4);
        if (!queue.enqueue(**db, args.at(2), QStringLiteral("R-%1").arg(i), job))
            return 1;
    }
    if (!queue.start())
        return 1;
    std::printf("queued\n");
    std::fflush(stdout);
    return app.exec();
}
