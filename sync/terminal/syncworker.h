// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"

#include <QLockFile>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <limits>
#include <memory>
#include <optional>

class QFile;
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace omnitill {
class Database;
}

namespace omnitill::sync {

struct SyncConfig
{
    QUrl hub; // e.g. http://127.0.0.1:8787
    QByteArray token; // device token issued by the hub
    int batchSize = 200;
    int pollIntervalMs = 30'000;
    int transferTimeoutMs = 15'000;
    int watchdogMs = 60'000;
    int backoffMinMs = 500;
    int backoffMaxMs = 60'000;
    bool pull = true; // after pushing, bring the pull streams (tax, catalog) up to date
    int pullLimit = 500; // changes per page; each page is one local transaction
    int checksumIntervalMs = 600'000; // how often to compare stream checksums with the hub
    int minPullGapMs = 2'000; // a trigger with nothing to push pulls only if the last pull is older than this
    // A terminal with no catalog yet starts from the hub's catalog snapshot when the hub has one (and pulls what
    // changed since); without one, or when the snapshot is refused, it pulls every row.
    bool provisionFromSnapshot = true;
    // The terminal's state (sync/common/terminalstate.h) goes to the hub at the start of a round when it changed, and
    // at least this often while the hub answers.
    int stateIntervalMs = 60'000;
};
// Hub address and token live in the store's meta table, set with `omnitill-cli sync-config`.
Result<SyncConfig> loadSyncConfig(Database &db);
Status saveSyncConfig(Database &db, const QUrl &hub, const QByteArray &token);

struct SyncStatus
{
    enum class State
    {
        Idle, // nothing to send, or waiting for the next poll
        Pushing,
        Waiting, // backing off after a retryable failure
        Blocked, // a failure a manager must fix (bad token, damaged journal); no automatic retries
    };
    State state = State::Idle;
    qint64 pending = 0;
    std::optional<qint64> oldestPendingAtMs;
    qint64 ackedThrough = 0;
    qint64 epoch = 0;
    QString lastError;
    qint64 lastSuccessMs = 0;
    bool stalled = false; // the watchdog saw no progress for watchdogMs while events were pending
};
QString stateName(SyncStatus::State state);

// Sends the journal's pending entries to the hub, batch by batch, until none are left. Lives on its own thread with
// its own database connection (call start() there). Exactly one push is in flight per store: a second trigger
// while one runs only asks for another round, and a lock file next to the database keeps a second process out.
// Retryable failures back off exponentially with full jitter; a watchdog restarts a session that stops progressing.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    SyncWorker(QString databasePath, SyncConfig config, Clock clock = systemClock(), QObject *parent = nullptr);
    ~SyncWorker() override;
    SyncStatus status() const { return m_status; }

public Q_SLOTS:
    void start();
    void syncNow();
    void stop();

Q_SIGNALS:
    void statusChanged(const omnitill::sync::SyncStatus &status);
    void drained();
    void blocked(const QString &message);

private:
    void pushBatch();
    // POST /sync/v1/state when due; then the round goes on with the push whatever the answer.
    bool sendStateIfDue();
    void handleState(QNetworkReply *reply, const QByteArray &fingerprint);
    // The store and terminal codes the hub assigned (receipt numbers carry them), asked once per worker.
    void fetchCodes();
    void handleCodes(QNetworkReply *reply);
    // Ends a request: the reply is released and the worker is free for the next one. Returns HTTP status and body.
    std::pair<int, QByteArray> finish(QNetworkReply *reply);
    void handleReply(QNetworkReply *reply, qint64 epoch, qint64 firstSeq);
    void retryLater(const QString &error, std::optional<qint64> retryAfterMs = std::nullopt);
    void block(const QString &error);
    void finishRound();
    void startPull();
    void pullNext();
    void handlePull(QNetworkReply *reply, const QString &stream);
    // Provisioning: the manifest, then the file piece by piece into <database>.snapshot, then one install.
    bool wantsSnapshot();
    void handleSnapshotManifest(QNetworkReply *reply);
    void fetchSnapshotChunk();
    void handleSnapshotChunk(QNetworkReply *reply);
    void installDownloadedSnapshot();
    void abandonSnapshot(const QString &why);
    void checkNext();
    void handleChecksum(QNetworkReply *reply, const QString &stream);
    void roundDone();
    QNetworkRequest hubRequest(const QString &path, const QUrlQuery &query) const;
    void publish(SyncStatus::State state);
    void checkWatchdog();

    QString m_path;
    SyncConfig m_config;
    Clock m_clock;
    std::unique_ptr<Database> m_db;
    QNetworkAccessManager *m_nam = nullptr;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_watchdog = nullptr;
    QPointer<QNetworkReply> m_inFlight;
    QString m_terminalId;
    int m_pullIndex = 0;
    int m_checkIndex = 0;
    bool m_checking = false;
    bool m_refetchStarted = false;
    bool m_snapshotTried = false;
    int m_snapshotRestarts = 0;
    std::unique_ptr<QFile> m_snapshotFile;
    QByteArray m_snapshotManifest; // encoded, for the install
    qint64 m_lastChecksumMs = 0;
    qint64 m_lastPullMs = std::numeric_limits<qint64>::min() / 2;
    QLockFile m_lock;
    bool m_again = false;
    bool m_codesAsked = false;
    bool m_stateSent = false; // this round's state report went out (or was not due)
    bool m_stateUnsupported = false; // a hub from before state reports
    QByteArray m_lastStateFingerprint;
    qint64 m_lastStateMs = 0;
    int m_attempt = 0;
    qint64 m_lastProgressMs = 0;
    SyncStatus m_status;
};

} // namespace omnitill::sync

Q_DECLARE_METATYPE(omnitill::sync::SyncStatus)
