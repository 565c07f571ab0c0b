// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/printing/printqueue.h"
#include "core/storage/database.h"

#include <QHash>
#include <QTimer>

#include <memory>

namespace omnitill::Printing {

// The print queue's thread: its own connection to the terminal's database, one PrinterLink per printer.
class PrintWorker : public QObject
{
    Q_OBJECT
public:
    PrintWorker(QString databasePath, Clock clock, PrintQueue::Config config);
    ~PrintWorker() override;

public Q_SLOTS:
    // Sends what is queued until the queue is empty or a printer is not ready (then tries again later).
    void drain();
    void stop();

Q_SIGNALS:
    void state(bool ready, const QString &message, int waiting, int interrupted);
    void printed(qint64 jobId, const QString &receiptNo);

private:
    void report(bool ready, const QString &message);
    void retryLater();
    // The queue waits: the printer (or the store) is not ready, as `message` says; tries again later.
    void holdOn(const QString &message);
    Status mark(qint64 id, const char *state, const QString &error = {});

    QString m_path;
    Clock m_clock;
    PrintQueue::Config m_config;
    std::unique_ptr<Database> m_db;
    QHash<QString, std::shared_ptr<PrinterLink>> m_links;
    QTimer *m_retry = nullptr;
    int m_retryMs = 0;
    bool m_draining = false;
};

} // namespace omnitill::Printing
