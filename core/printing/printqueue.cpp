// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/printing/printqueue.h"
#include "core/printing/logging.h"
#include "core/printing/printworker.h"
#include "core/storage/database.h"

#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace omnitill::Printing {

namespace {
// Waiting and interrupted jobs, for the till's badge.
std::pair<int, int> counts(Database &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT coalesce(sum(state IN ('queued', 'sending')), 0), "
                               "coalesce(sum(state = 'interrupted'), 0) FROM print_job"))
        || !q.next())
        return { 0, 0 };
    return { q.value(0).toInt(), q.value(1).toInt() };
}
} // namespace

// ---------------------------------------------------------------------------------------------------------------

PrintWorker::PrintWorker(QString databasePath, Clock clock, PrintQueue::Config config)
    : m_path(std::move(databasePath))
    , m_clock(std::move(clock))
    , m_config(config)
    , m_retryMs(config.retryMs)
{ }

PrintWorker::~PrintWorker() = default;

void PrintWorker::stop()
{
    if (m_retry)
        m_retry->stop();
    m_links.clear();
    m_db.reset();
}

Status PrintWorker::mark(qint64 id, const char *state, const QString &error)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "UPDATE print_job SET state = ?, last_error = coalesce(?, ''), attempts = attempts + (? = 'sending'), "
        "printed_at_ms = CASE WHEN ? = 'printed' THEN ? ELSE printed_at_ms END WHERE id = ?"));
    const QString s = QString::fromLatin1(state);
    q.addBindValue(s);
    q.addBindValue(error);
    q.addBindValue(s);
    q.addBindValue(s);
    q.addBindValue(m_clock());
    q.addBindValue(id);
    return exec(q, u"recording a print job's state"); // autocommit: one transaction, synchronous=FULL
}

void PrintWorker::report(bool ready, const QString &message)
{
    const auto [waiting, interrupted] = m_db ? counts(*m_db) : std::pair<int, int> { 0, 0 };
    Q_EMIT state(ready, message, waiting, interrupted);
}

void PrintWorker::holdOn(const QString &message)
{
    report(false, message);
    retryLater();
}

void PrintWorker::retryLater()
{
    if (!m_retry) {
        m_retry = new QTimer(this);
        m_retry->setSingleShot(true);
        connect(m_retry, &QTimer::timeout, this, &PrintWorker::drain);
    }
    m_retry->start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, m_config.maxRetryMs);
}

void PrintWorker::drain()
{
    if (m_draining)
        return;
    m_draining = true;
    auto done = qScopeGuard([this] { m_draining = false; });
    if (!m_db) {
        auto db = Database::open(m_path);
        if (!db) {
            holdOn(db.error().message);
            return;
        }
        m_db = std::move(db).value();
    }
    if (m_retry)
        m_retry->stop();
    // Each printer's receipts print in order; a printer that is not ready holds only its own (a copy sent to another
    // printer while this till's is out of paper prints at once).
    QSet<QString> held;
    QString heldMessage;
    const auto hold = [&](const QString &printer, const QString &message) {
        held.insert(printer);
        if (heldMessage.isEmpty())
            heldMessage = message;
    };
    for (;;) {
        QSqlQuery next(m_db->connection());
        if (!next.exec(QStringLiteral("SELECT id, printer FROM print_job WHERE state = 'queued' ORDER BY id"))) {
            holdOn(sqlError(next.lastError(), QStringLiteral("reading the print queue")).message);
            return;
        }
        qint64 id = 0;
        QString printer;
        while (next.next()) {
            if (held.contains(next.value(1).toString()))
                continue;
            id = next.value(0).toLongLong();
            printer = next.value(1).toString();
            break;
        }
        next.finish();
        if (id == 0) {
            if (!held.isEmpty()) {
                holdOn(heldMessage);
                return;
            }
            m_retryMs = m_config.retryMs;
            report(true, QString());
            return;
        }
        QSqlQuery job(m_db->connection());
        job.prepare(QStringLiteral("SELECT receipt_no, data FROM print_job WHERE id = ?"));
        job.addBindValue(id);
        if (!job.exec() || !job.next()) {
            holdOn(sqlError(job.lastError(), QStringLiteral("reading the print queue")).message);
            return;
        }
        const QString receiptNo = job.value(0).toString();
        const QByteArray data = job.value(1).toByteArray();
        job.finish();

        std::shared_ptr<PrinterLink> &link = m_links[printer];
        if (!link) {
            auto address = PrinterAddress::parse(printer);
            if (!address) { // enqueue checks addresses; a row edited by hand is not printed
                (void)mark(id, "cancelled", address.error().message);
                m_links.remove(printer);
                continue;
            }
            link = std::make_shared<PrinterLink>(*address, m_config.timeoutMs);
        }
        const PrinterStatus status = link->status();
        if (!status.ready()) {
            qCInfo(lcPrinting) << "printer" << printer << "not ready:" << status.message;
            hold(printer, status.message);
            continue;
        }
        if (auto st = mark(id, "sending"); !st) {
            holdOn(st.error().message);
            return;
        }
        if (auto st = link->send(data); !st) {
            qCWarning(lcPrinting) << "print job" << id << "for" << receiptNo << "failed:" << st.error().message;
            (void)mark(id, "queued", st.error().message);
            hold(printer, st.error().message);
            continue;
        }
        if (auto st = mark(id, "printed"); !st) {
            holdOn(st.error().message);
            return;
        }
        qCInfo(lcPrinting) << "printed job" << id << receiptNo << "on" << printer;
        Q_EMIT printed(id, receiptNo);
    }
}

// ---------------------------------------------------------------------------------------------------------------

PrintQueue::PrintQueue(QString databasePath, Clock clock, Config config, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_clock(std::move(clock))
    , m_config(config)
{
    m_thread.setObjectName(QStringLiteral("print-queue"));
}

PrintQueue::~PrintQueue()
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, &PrintWorker::stop, Qt::BlockingQueuedConnection);
        m_worker->deleteLater();
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

Status PrintQueue::start()
{
    if (m_worker)
        return Ok {};
    auto db = Database::open(m_path);
    if (!db)
        return db.error();
    QSqlQuery q((*db)->connection());
    if (!q.exec(QStringLiteral("UPDATE print_job SET state = 'interrupted', last_error = 'the till stopped while "
                               "this receipt was being sent' WHERE state = 'sending'")))
        return sqlError(q.lastError(), QStringLiteral("looking at the print queue"));
    if (q.numRowsAffected() > 0)
        qCWarning(lcPrinting) << q.numRowsAffected() << "print job(s) were being sent when the till stopped";
    std::tie(m_waiting, m_interrupted) = counts(**db);
    m_worker = new PrintWorker(m_path, m_clock, m_config);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &PrintWorker::state, this, &PrintQueue::onState);
    connect(m_worker, &PrintWorker::printed, this, &PrintQueue::printed);
    m_thread.start();
    wake();
    Q_EMIT changed();
    return Ok {};
}

void PrintQueue::wake()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &PrintWorker::drain, Qt::QueuedConnection);
}

void PrintQueue::onState(bool ready, const QString &message, int waiting, int interrupted)
{
    m_ready = ready;
    m_message = message;
    m_waiting = waiting;
    m_interrupted = interrupted;
    Q_EMIT changed();
}

Result<qint64> PrintQueue::enqueue(
    Database &db, const QString &printer, const QString &receiptNo, const QByteArray &data)
{
    auto address = PrinterAddress::parse(printer);
    if (!address)
        return address.error();
    if (data.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a print job needs something to print"));
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO print_job (created_at_ms, receipt_no, printer, data) VALUES (?, ?, ?, ?) RETURNING id"));
    q.addBindValue(m_clock());
    q.addBindValue(receiptNo);
    q.addBindValue(address->toString());
    q.addBindValue(data);
    if (!q.exec() || !q.next())
        return sqlError(q.lastError(), QStringLiteral("queueing a receipt for the printer"));
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    ++m_waiting;
    Q_EMIT changed();
    wake();
    return id;
}

Result<qint64> PrintQueue::reprint(Database &db, qint64 jobId, const QString &printer)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT printer, receipt_no, data FROM print_job WHERE id = ?"));
    q.addBindValue(jobId);
    if (!q.exec())
        return sqlError(q.lastError(), QStringLiteral("reading a print job"));
    if (!q.next())
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no print job %1").arg(jobId));
    const QString to = printer.isEmpty() ? q.value(0).toString() : printer;
    const QString receiptNo = q.value(1).toString();
    const QByteArray data = q.value(2).toByteArray();
    q.finish();
    auto id = enqueue(db, to, receiptNo, data);
    if (id)
        (void)dismiss(db, jobId);
    return id;
}

Status PrintQueue::dismiss(Database &db, qint64 jobId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE print_job SET state = 'cancelled' WHERE id = ? AND state = 'interrupted'"));
    q.addBindValue(jobId);
    if (auto st = exec(q, u"dismissing a print job"); !st)
        return st;
    if (q.numRowsAffected() > 0) {
        --m_interrupted;
        Q_EMIT changed();
    }
    return Ok {};
}

} // namespace omnitill::Printing
