// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/printing/printer.h"

#include <QObject>
#include <QThread>

namespace omnitill {

class Database;

namespace Printing {

class PrintWorker;

struct PrintQueueConfig
{
    int retryMs = 2000; // first wait after a printer was not ready, doubling up to maxRetryMs
    int maxRetryMs = 30000;
    int timeoutMs = 3000; // for connecting, a status answer, each write
};

// The till's print queue: receipts wait in the terminal's database (print_job) until their printer has taken every
// byte, and go out one at a time, oldest first, on a thread of the queue's own, so a slow, full or missing printer
// never holds up a sale. While a printer is out of paper, open or offline the queue waits and says why, then goes on
// where it stopped. A job that was being sent when the till stopped is "interrupted": it is never printed again by
// itself (it may have come out), the cashier reprints it or lets it be.
class PrintQueue : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool printerReady READ printerReady NOTIFY changed)
    Q_PROPERTY(QString printerMessage READ printerMessage NOTIFY changed)
    Q_PROPERTY(int waiting READ waiting NOTIFY changed)
    Q_PROPERTY(int interrupted READ interrupted NOTIFY changed)
public:
    using Config = PrintQueueConfig;

    PrintQueue(QString databasePath, Clock clock, Config config = {}, QObject *parent = nullptr);
    PrintQueue(QString databasePath, Clock clock, QObject *parent)
        : PrintQueue(std::move(databasePath), std::move(clock), Config {}, parent)
    { }
    ~PrintQueue() override;

    // Jobs left "sending" by a till that stopped become "interrupted"; then the worker starts on what is queued.
    Status start();

    // Adds a job (one transaction on the caller's connection `db`) and wakes the worker. The printer address is
    // checked first: a job for an address that cannot be one is refused, not queued.
    Result<qint64> enqueue(Database &db, const QString &printer, const QString &receiptNo, const QByteArray &data);
    // The same bytes again, as a new job (to `printer`, or where it went when empty).
    Result<qint64> reprint(Database &db, qint64 jobId, const QString &printer = {});
    // An interrupted job the cashier has looked at: it came out, or is not wanted.
    Status dismiss(Database &db, qint64 jobId);

    bool printerReady() const { return m_ready; }
    QString printerMessage() const { return m_message; }
    int waiting() const { return m_waiting; }
    int interrupted() const { return m_interrupted; }

Q_SIGNALS:
    void changed();
    void printed(qint64 jobId, const QString &receiptNo);

private:
    void wake();
    void onState(bool ready, const QString &message, int waiting, int interrupted);

    QString m_path;
    Clock m_clock;
    Config m_config;
    QThread m_thread;
    PrintWorker *m_worker = nullptr;
    bool m_ready = true;
    QString m_message;
    int m_waiting = 0;
    int m_interrupted = 0;
};

} // namespace Printing
} // namespace omnitill
