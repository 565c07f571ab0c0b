// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/terminal/syncworker.h"

#include <QObject>
#include <QThread>

namespace omnitill::sync {

// A one-line, cashier-readable description of the sync state, e.g. "12 sales waiting to sync (oldest 14 min)".
QString describe(const SyncStatus &status, qint64 nowMs);
// Whether a manager should look: blocked, stalled, or the oldest unsynced sale is more than an hour old.
bool needsAttention(const SyncStatus &status, qint64 nowMs);

// Runs a SyncWorker on its own thread for the till and publishes its status to the UI.
class SyncService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool configured READ configured CONSTANT)
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(bool attention READ attention NOTIFY changed)
    // Whether the hub answered the last round: false without a hub, before the first answer and while retrying.
    Q_PROPERTY(bool online READ online NOTIFY changed)
    // When the hub last answered a whole round (the data's "as of"), in the terminal's locale; "" if never.
    Q_PROPERTY(QString lastContact READ lastContact NOTIFY changed)

public:
    // Without a config the service only reports what is waiting on this till.
    SyncService(const QString &databasePath, std::optional<SyncConfig> config, SyncStatus initial, Clock clock,
        QObject *parent = nullptr);
    ~SyncService() override;

    bool configured() const { return m_worker != nullptr; }
    int pending() const { return int(m_status.pending); }
    QString summary() const;
    bool attention() const { return needsAttention(m_status, m_clock()); }
    bool online() const;
    QString lastContact() const;
    const SyncStatus &status() const { return m_status; }

    Q_INVOKABLE void syncNow();
    // Without a hub nobody else counts: the till tells the service what is waiting after each sale.
    void setLocalOutbox(qint64 pending, std::optional<qint64> oldestPendingAtMs);

Q_SIGNALS:
    void changed();

private:
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    SyncStatus m_status;
    Clock m_clock;
};

} // namespace omnitill::sync
