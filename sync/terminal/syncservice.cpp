// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/syncservice.h"

#include <QDateTime>
#include <QLocale>

namespace omnitill::sync {

namespace {
QString age(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 1)
        return QObject::tr("under a minute");
    if (minutes < 120)
        return QObject::tr("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return QObject::tr("%1 h").arg(minutes / 60);
    return QObject::tr("%1 days").arg(minutes / (24 * 60));
}
} // namespace

QString describe(const SyncStatus &s, qint64 nowMs)
{
    if (s.state == SyncStatus::State::Blocked)
        return QObject::tr("Sync blocked, tell a manager: %1").arg(s.lastError);
    if (s.pending == 0)
        return QObject::tr("All records synced");
    QString text = s.pending == 1 ? QObject::tr("1 record waiting to sync")
                                  : QObject::tr("%1 records waiting to sync").arg(s.pending);
    if (s.oldestPendingAtMs)
        text += QObject::tr(" (oldest %1)").arg(age(std::max<qint64>(0, nowMs - *s.oldestPendingAtMs)));
    if (s.stalled)
        text += QObject::tr(", sync stalled");
    else if (s.state == SyncStatus::State::Waiting)
        text += QObject::tr(", hub unreachable");
    return text;
}

bool needsAttention(const SyncStatus &s, qint64 nowMs)
{
    return s.state == SyncStatus::State::Blocked || s.stalled
        || (s.oldestPendingAtMs && nowMs - *s.oldestPendingAtMs > 3600'000);
}

SyncService::SyncService(
    const QString &databasePath, std::optional<SyncConfig> config, SyncStatus initial, Clock clock, QObject *parent)
    : QObject(parent)
    , m_status(std::move(initial))
    , m_clock(std::move(clock))
{
    m_thread.setObjectName(QStringLiteral("sync"));
    if (!config)
        return;
    m_worker = new SyncWorker(databasePath, *config, m_clock);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::statusChanged, this, [this](const SyncStatus &s) {
        m_status = s;
        Q_EMIT changed();
    });
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::start, Qt::QueuedConnection);
}

SyncService::~SyncService()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString SyncService::summary() const
{
    if (!m_worker) {
        if (m_status.pending == 0)
            return tr("Sync not set up");
        return m_status.pending == 1 ? tr("Sync not set up: 1 record kept on this till")
                                     : tr("Sync not set up: %1 records kept on this till").arg(m_status.pending);
    }
    return describe(m_status, m_clock());
}

bool SyncService::online() const
{
    return m_worker && m_status.lastSuccessMs > 0 && m_status.state != SyncStatus::State::Waiting
        && m_status.state != SyncStatus::State::Blocked;
}

QString SyncService::lastContact() const
{
    if (m_status.lastSuccessMs <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_status.lastSuccessMs), QLocale::ShortFormat);
}

void SyncService::setLocalOutbox(qint64 pending, std::optional<qint64> oldestPendingAtMs)
{
    if (m_worker)
        return; // the worker's status is the one that counts
    m_status.pending = pending;
    m_status.oldestPendingAtMs = oldestPendingAtMs;
    Q_EMIT changed();
}

void SyncService::syncNow()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::syncNow, Qt::QueuedConnection);
}

} // namespace omnitill::sync
