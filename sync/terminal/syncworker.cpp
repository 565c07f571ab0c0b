// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/syncworker.h"
#include "sync/common/protocol.h"
#include "sync/common/snapshot.h"
#include "sync/common/streamapplier.h"
#include "sync/terminal/logging.h"
#include "sync/terminal/statecollector.h"

#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QVariant>

namespace omnitill::sync {

Result<SyncConfig> loadSyncConfig(Database &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('hub_url', 'hub_token')")))
        return sqlError(q.lastError(), QStringLiteral("reading the sync settings"));
    SyncConfig c;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("hub_url"))
            c.hub = QUrl(q.value(1).toString());
        else
            c.token = q.value(1).toString().toLatin1();
    }
    if (!c.hub.isValid() || c.token.isEmpty())
        return makeError(ErrorCode::NotFound,
            QStringLiteral("sync is not configured; run omnitill-cli sync-config "
                           "--hub URL --token TOKEN"));
    return c;
}

Status saveSyncConfig(Database &db, const QUrl &hub, const QByteArray &token)
{
    if (!hub.isValid() || (hub.scheme() != QLatin1String("http") && hub.scheme() != QLatin1String("https"))
        || hub.host().isEmpty())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the hub address must be an http(s) URL such as "
                           "http://127.0.0.1:8787"));
    if (token.size() < 16)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("that device token is too short to be one the hub issued"));
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun();
    if (auto st = writeMeta(db.connection(), QStringLiteral("hub_url"), hub.toString()); !st)
        return st;
    if (auto st = writeMeta(db.connection(), QStringLiteral("hub_token"), QString::fromLatin1(token)); !st)
        return st;
    return tx.commit();
}

QString stateName(SyncStatus::State state)
{
    switch (state) {
    case SyncStatus::State::Idle:
        return QStringLiteral("idle");
    case SyncStatus::State::Pushing:
        return QStringLiteral("pushing");
    case SyncStatus::State::Waiting:
        return QStringLiteral("waiting to retry");
    case SyncStatus::State::Blocked:
        return QStringLiteral("blocked");
    }
    return {};
}

SyncWorker::SyncWorker(QString databasePath, SyncConfig config, Clock clock, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_config(std::move(config))
    , m_clock(std::move(clock))
    , m_lock(m_path + QStringLiteral(".sync.lock"))
{
    qRegisterMetaType<omnitill::sync::SyncStatus>();
    m_lock.setStaleLockTime(0); // a lock whose process is gone is taken over at once
}

SyncWorker::~SyncWorker()
{
    stop();
}

void SyncWorker::start()
{
    auto db = Database::open(m_path);
    if (!db) {
        block(db.error().message);
        return;
    }
    m_db = std::move(db).value();
    if (auto id = Journal::identity(m_db->connection()))
        m_terminalId = id->terminalId;
    m_nam = new QNetworkAccessManager(this);
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &SyncWorker::syncNow);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(m_config.pollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &SyncWorker::syncNow);
    m_pollTimer->start();
    m_watchdog = new QTimer(this);
    m_watchdog->setInterval(std::max(50, m_config.watchdogMs / 4));
    connect(m_watchdog, &QTimer::timeout, this, &SyncWorker::checkWatchdog);
    m_watchdog->start();
    m_lastProgressMs = m_clock();
    syncNow();
}

void SyncWorker::stop()
{
    if (m_inFlight)
        m_inFlight->abort();
    if (m_lock.isLocked())
        m_lock.unlock();
    if (m_pollTimer)
        m_pollTimer->stop();
    if (m_watchdog)
        m_watchdog->stop();
    if (m_retryTimer)
        m_retryTimer->stop();
}

void SyncWorker::syncNow()
{
    if (!m_db)
        return;
    if (m_inFlight) {
        m_again = true; // single flight: note the trigger, push again when this one ends
        return;
    }
    if (m_status.state == SyncStatus::State::Blocked && m_retryTimer->isActive())
        return;
    m_retryTimer->stop();
    pushBatch();
}

std::pair<int, QByteArray> SyncWorker::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    m_inFlight.clear();
    // An aborted reply (watchdog, stop) is closed: it has a status of 0 and no body.
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->isOpen() ? reply->readAll() : QByteArray() };
}

void SyncWorker::pushBatch()
{
    // One sync session (push, then pull) per store at a time, across processes.
    if (!m_lock.isLocked() && !m_lock.tryLock(0)) {
        retryLater(QStringLiteral("another OmniTill process is syncing this store"));
        return;
    }
    if (!m_codesAsked) {
        m_codesAsked = true;
        auto known = readMeta(m_db->connection(), QStringLiteral("terminal_code"));
        auto chain = readMeta(m_db->connection(), QStringLiteral("hub_chain"));
        if (known && chain && (!known->has_value() || !chain->has_value())) {
            fetchCodes();
            return;
        }
    }
    if (!m_stateSent && sendStateIfDue())
        return;
    auto pending = Journal::pending(m_db->connection(), m_config.batchSize);
    if (!pending) {
        retryLater(pending.error().message);
        return;
    }
    if (pending->isEmpty()) {
        if (m_clock() - m_lastPullMs < m_config.minPullGapMs)
            roundDone(); // nothing to send and the streams were just brought up to date
        else
            startPull();
        return;
    }
    auto identity = Journal::identity(m_db->connection());
    if (!identity) {
        block(identity.error().message);
        return;
    }
    auto last = Journal::lastSeq(m_db->connection());
    if (!last) {
        retryLater(last.error().message);
        return;
    }
    const PushRequest request { identity->terminalId, identity->epoch, *pending, *last };
    m_terminalId = identity->terminalId;
    QNetworkRequest req = hubRequest(QStringLiteral("/sync/v1/push"), {});
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray body = encodePushRequest(request);
    qCDebug(lcSyncHttp) << "POST" << req.url() << pending->size() << "events from seq" << pending->first().seq;
    m_inFlight = m_nam->post(req, body);
    const qint64 epoch = identity->epoch;
    const qint64 firstSeq = pending->first().seq;
    connect(m_inFlight, &QNetworkReply::finished, this,
        [this, reply = m_inFlight.data(), epoch, firstSeq] { handleReply(reply, epoch, firstSeq); });
    publish(SyncStatus::State::Pushing);
}

bool SyncWorker::sendStateIfDue()
{
    m_stateSent = true;
    if (m_stateUnsupported)
        return false;
    auto since = readMeta(m_db->connection(), QStringLiteral("state_known_through"));
    auto report = collectTerminalState(m_db->connection(), since && *since ? (*since)->toLongLong() : 0, m_clock());
    if (!report) {
        qCWarning(lcSync) << "cannot read this terminal's state for the hub:" << report.error().message;
        return false;
    }
    report->appVersion = QCoreApplication::applicationVersion();
    report->syncState = stateName(m_status.state);
    report->lastError = m_status.lastError.left(500);
    // Sent when something the hub shows changed, and at least every stateIntervalMs as a sign of life. The worker's
    // own state changes with every round and is not a reason on its own.
    const QByteArray fingerprint = QByteArray::number(report->epoch) + ' ' + QByteArray::number(report->headSeq) + ' '
        + QByteArray::number(report->ackedThrough) + ' ' + QByteArray::number(report->pending) + ' '
        + QByteArray::number(report->printWaiting) + ' ' + QByteArray::number(report->printInterrupted) + ' '
        + report->lastError.toUtf8() + ' ' + report->printError.toUtf8() + ' '
        + QByteArray::number(report->recorded.size());
    if (fingerprint == m_lastStateFingerprint && m_clock() - m_lastStateMs < m_config.stateIntervalMs)
        return false;
    QNetworkRequest req = hubRequest(QStringLiteral("/sync/v1/state"), {});
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    m_inFlight = m_nam->post(req, encodeTerminalState(*report));
    connect(m_inFlight, &QNetworkReply::finished, this,
        [this, reply = m_inFlight.data(), fingerprint] { handleState(reply, fingerprint); });
    publish(SyncStatus::State::Pushing);
    return true;
}

void SyncWorker::handleState(QNetworkReply *reply, const QByteArray &fingerprint)
{
    const auto [status, body] = finish(reply);
    if (status == 200) {
        m_lastStateFingerprint = fingerprint;
        m_lastStateMs = m_clock();
        auto known = decodeStateAnswer(body);
        auto since = readMeta(m_db->connection(), QStringLiteral("state_known_through"));
        if (known && since && (!*since || (*since)->toLongLong() != *known)) {
            if (auto st = writeMeta(m_db->connection(), QStringLiteral("state_known_through"), QString::number(*known));
                !st)
                qCWarning(lcSync) << "cannot keep what the hub knows of this terminal:" << st.error().message;
        }
    } else if (status == 0) {
        retryLater(QStringLiteral("the hub is unreachable: %1").arg(reply->errorString()));
        return;
    } else if (status == 404) {
        qCInfo(lcSync) << "the hub takes no state reports (an older hub); sending none";
        m_stateUnsupported = true;
    } else {
        auto rejected = decodeRejected(body, status);
        qCWarning(lcSync) << "the hub refused this terminal's state report (" << status
                          << (rejected ? rejected->message : QString()) << ")";
        m_lastStateFingerprint = fingerprint; // not again until something changes
        m_lastStateMs = m_clock();
    }
    pushBatch(); // the events go on whatever became of the report; an unreachable hub is handled there
}

void SyncWorker::fetchCodes()
{
    m_inFlight = m_nam->get(hubRequest(QStringLiteral("/sync/v1/terminal"), {}));
    connect(m_inFlight, &QNetworkReply::finished, this, [this, reply = m_inFlight.data()] { handleCodes(reply); });
    publish(SyncStatus::State::Pushing);
}

void SyncWorker::handleCodes(QNetworkReply *reply)
{
    const auto [status, body] = finish(reply);
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    static const QRegularExpression code(QStringLiteral("^[A-Za-z0-9]{1,12}$"));
    const QString store = o.value(u"store_code").toString();
    const QString terminal = o.value(u"terminal_code").toString();
    if (status == 200 && code.match(store).hasMatch() && code.match(terminal).hasMatch()) {
        Transaction tx(m_db->connection());
        Status st = tx.begun();
        if (st)
            st = writeMeta(m_db->connection(), QStringLiteral("store_code"), store);
        if (st)
            st = writeMeta(m_db->connection(), QStringLiteral("terminal_code"), terminal);
        // The chain of the hub first met: a catalog snapshot of another chain is refused.
        static const QRegularExpression chainId(QStringLiteral("^[0-9a-f-]{36}$"));
        const QString chain = o.value(u"chain_id").toString();
        auto known = readMeta(m_db->connection(), QStringLiteral("hub_chain"));
        if (st && chainId.match(chain).hasMatch() && known && !known->has_value())
            st = writeMeta(m_db->connection(), QStringLiteral("hub_chain"), chain);
        if (st)
            st = tx.commit();
        if (st)
            qCInfo(lcSync) << "this terminal is" << terminal << "of store" << store;
        else
            qCWarning(lcSync) << "cannot save the terminal's codes:" << st.error().message;
    } else if (status == 401) {
        auto r = decodeRejected(body, status);
        block(QStringLiteral("the hub refused this terminal (%1): %2")
                  .arg(r ? r->code : QStringLiteral("UNAUTHORIZED"), r ? r->message : QString()));
        return;
    } else if (status != 0) {
        qCWarning(lcSync) << "the hub did not tell this terminal's codes (" << status << ")";
    }
    pushBatch(); // codes or not, the sales go on; an unreachable hub is handled there
}

void SyncWorker::handleReply(QNetworkReply *reply, qint64 epoch, qint64 firstSeq)
{
    const auto [status, body] = finish(reply);
    if (status == 0) {
        retryLater(QStringLiteral("the hub is unreachable: %1").arg(reply->errorString()));
        return;
    }
    if (status == 200) {
        auto accepted = decodeAccepted(body);
        if (!accepted) {
            retryLater(accepted.error().message);
            return;
        }
        if (accepted->ackedThrough < firstSeq - 1)
            qCWarning(lcSync) << "the hub holds events only up to" << accepted->ackedThrough
                              << "; resending from there";
        if (auto st = Journal::acknowledge(m_db->connection(), epoch, accepted->ackedThrough); !st) {
            block(st.error().message);
            return;
        }
        for (const Quarantined &q : accepted->quarantined)
            qCWarning(lcSync) << "the hub quarantined event" << q.seq << "for review:" << q.code;
        m_attempt = 0;
        m_lastProgressMs = m_clock();
        m_status.lastSuccessMs = m_lastProgressMs;
        m_status.lastError.clear();
        m_status.stalled = false;
        finishRound();
        return;
    }
    auto rejected = decodeRejected(body, status);
    if (status == 429 || status >= 500 || !rejected) {
        std::optional<qint64> retryAfter;
        bool ok = false;
        const qint64 seconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).toLongLong(&ok);
        if (ok && seconds >= 0)
            retryAfter = seconds * 1000;
        retryLater(
            QStringLiteral("the hub answered %1%2").arg(status).arg(rejected ? u": " + rejected->message : QString()),
            retryAfter);
        return;
    }
    // The hub holds this terminal's history up to a point, and the rest continues in a new epoch: after a fork
    // (a restored or cloned store), or when the hub itself lost part of it (restored from a backup).
    std::optional<std::pair<qint64, qint64>> held; // (epoch, seq) the hub holds
    if (rejected->code == QLatin1String("CHAIN_FORK") && rejected->newEpoch > epoch && rejected->firstBadSeq > 0)
        held = { epoch, rejected->firstBadSeq - 1 };
    else if (rejected->code == QLatin1String("HUB_BEHIND") && rejected->newEpoch > epoch && rejected->heldEpoch > 0)
        held = { rejected->heldEpoch, rejected->ackedThrough };
    if (held) {
        qCWarning(lcSync) << rejected->code << ": the hub holds this terminal's history up to seq" << held->second
                          << "of epoch" << held->first << "- continuing in epoch" << rejected->newEpoch;
        auto replayed = Journal::rebase(m_db->connection(), held->first, held->second, rejected->newEpoch);
        if (!replayed) {
            block(replayed.error().message);
            return;
        }
        m_status.lastError = rejected->message;
        m_lastProgressMs = m_clock();
        finishRound();
        return;
    }
    block(QStringLiteral("the hub refused the events (%1): %2").arg(rejected->code, rejected->message));
}

void SyncWorker::finishRound()
{
    m_again = false;
    auto next = Journal::pending(m_db->connection(), 1);
    if (next && !next->isEmpty()) {
        pushBatch(); // more to send: straight on
        return;
    }
    startPull();
}

QNetworkRequest SyncWorker::hubRequest(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_config.hub;
    url.setPath(url.path() + path);
    url.setQuery(query);
    QNetworkRequest req(url);
    req.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_config.token);
    req.setRawHeader(QByteArrayLiteral("X-Terminal-Id"), m_terminalId.toLatin1());
    req.setTransferTimeout(m_config.transferTimeoutMs);
    return req;
}

void SyncWorker::startPull()
{
    if (!m_config.pull) {
        roundDone();
        return;
    }
    if (auto id = Journal::identity(m_db->connection()))
        m_terminalId = id->terminalId;
    m_pullIndex = 0;
    m_checking = false;
    m_refetchStarted = false;
    if (wantsSnapshot()) {
        m_snapshotTried = true;
        m_inFlight = m_nam->get(hubRequest(QStringLiteral("/sync/v1/snapshot"), {}));
        connect(m_inFlight, &QNetworkReply::finished, this,
            [this, reply = m_inFlight.data()] { handleSnapshotManifest(reply); });
        publish(SyncStatus::State::Pushing);
        return;
    }
    pullNext();
}

bool SyncWorker::wantsSnapshot()
{
    if (!m_config.provisionFromSnapshot || m_snapshotTried)
        return false;
    for (const QString &stream : kTerminalStreams) {
        auto cursor = StreamApplier::cursor(*m_db, stream);
        if (!cursor || *cursor != 0)
            return false;
    }
    return true;
}

void SyncWorker::handleSnapshotManifest(QNetworkReply *reply)
{
    const auto [status, body] = finish(reply);
    if (status != 200) {
        if (status == 404)
            qCInfo(lcSync) << "the hub has no catalog snapshot; pulling every row";
        else
            qCWarning(lcSync) << "cannot ask the hub for its catalog snapshot (" << status << "); pulling every row";
        pullNext();
        return;
    }
    auto manifest = decodeManifest(body);
    if (!manifest) {
        abandonSnapshot(manifest.error().message);
        return;
    }
    m_snapshotManifest = body;
    m_snapshotFile = std::make_unique<QFile>(m_path + QStringLiteral(".snapshot"));
    if (!m_snapshotFile->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        abandonSnapshot(
            QStringLiteral("cannot write %1: %2").arg(m_snapshotFile->fileName(), m_snapshotFile->errorString()));
        return;
    }
    qCInfo(lcSync) << "provisioning from the hub's catalog snapshot" << manifest->id.left(12) << "of" << manifest->skus
                   << "SKUs," << manifest->size << "bytes";
    fetchSnapshotChunk();
}

void SyncWorker::fetchSnapshotChunk()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("id"), decodeManifest(m_snapshotManifest)->id);
    query.addQueryItem(QStringLiteral("offset"), QString::number(m_snapshotFile->size()));
    m_inFlight = m_nam->get(hubRequest(QStringLiteral("/sync/v1/snapshot/data"), query));
    connect(
        m_inFlight, &QNetworkReply::finished, this, [this, reply = m_inFlight.data()] { handleSnapshotChunk(reply); });
    publish(SyncStatus::State::Pushing);
}

void SyncWorker::handleSnapshotChunk(QNetworkReply *reply)
{
    const auto [status, body] = finish(reply);
    const SnapshotManifest manifest = *decodeManifest(m_snapshotManifest);
    if (status == 409 && m_snapshotRestarts < 3) {
        // The hub built a newer one meanwhile: start over with it.
        ++m_snapshotRestarts;
        m_snapshotFile.reset();
        m_snapshotTried = false;
        startPull();
        return;
    }
    const qint64 expected = std::min(kSnapshotChunkBytes, manifest.size - m_snapshotFile->size());
    if (status != 200 || body.size() != expected) {
        abandonSnapshot(QStringLiteral("the download stopped at byte %1 of %2 (HTTP %3)")
                            .arg(m_snapshotFile->size())
                            .arg(manifest.size)
                            .arg(status));
        return;
    }
    if (m_snapshotFile->write(body) != body.size()) {
        abandonSnapshot(
            QStringLiteral("cannot write %1: %2").arg(m_snapshotFile->fileName(), m_snapshotFile->errorString()));
        return;
    }
    m_lastProgressMs = m_clock();
    if (m_snapshotFile->size() < manifest.size) {
        fetchSnapshotChunk();
        return;
    }
    installDownloadedSnapshot();
}

void SyncWorker::installDownloadedSnapshot()
{
    const SnapshotManifest manifest = *decodeManifest(m_snapshotManifest);
    const QString file = m_snapshotFile->fileName();
    if (!m_snapshotFile->flush()) {
        abandonSnapshot(QStringLiteral("cannot write %1: %2").arg(file, m_snapshotFile->errorString()));
        return;
    }
    m_snapshotFile.reset();
    auto chain = readMeta(m_db->connection(), QStringLiteral("hub_chain"));
    if (!chain || !chain->has_value()) {
        abandonSnapshot(QStringLiteral("this terminal does not know its hub's chain yet"));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    if (auto st = installSnapshot(m_path, file, manifest, **chain); !st) {
        abandonSnapshot(st.error().message);
        return;
    }
    QFile::remove(file);
    qCInfo(lcSync) << "provisioned" << manifest.skus << "SKUs from the catalog snapshot in" << timer.elapsed()
                   << "ms; pulling what changed since";
    pullNext();
}

void SyncWorker::abandonSnapshot(const QString &why)
{
    qCWarning(lcSync).noquote() << "not using the hub's catalog snapshot:" << why << "- pulling every row instead";
    if (m_snapshotFile) {
        m_snapshotFile->remove();
        m_snapshotFile.reset();
    } else {
        QFile::remove(m_path + QStringLiteral(".snapshot"));
    }
    pullNext();
}

void SyncWorker::pullNext()
{
    if (m_pullIndex >= kTerminalStreams.size()) {
        m_lastPullMs = m_clock();
        if (!m_checking && m_clock() - m_lastChecksumMs >= m_config.checksumIntervalMs) {
            m_checking = true;
            m_checkIndex = 0;
            checkNext();
            return;
        }
        roundDone();
        return;
    }
    const QString stream = kTerminalStreams.at(m_pullIndex);
    auto cursor = StreamApplier::cursor(*m_db, stream);
    if (!cursor) {
        retryLater(cursor.error().message);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("stream"), stream);
    query.addQueryItem(QStringLiteral("cursor"), QString::number(*cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.pullLimit));
    m_inFlight = m_nam->get(hubRequest(QStringLiteral("/sync/v1/pull"), query));
    connect(m_inFlight, &QNetworkReply::finished, this,
        [this, reply = m_inFlight.data(), stream] { handlePull(reply, stream); });
    publish(SyncStatus::State::Pushing);
}

void SyncWorker::handlePull(QNetworkReply *reply, const QString &stream)
{
    const auto [status, body] = finish(reply);
    if (status == 409) {
        qCWarning(lcSync) << "the hub asks for a full refetch of" << stream;
        if (auto st = StreamApplier::beginRefetch(*m_db, stream); !st) {
            block(st.error().message);
            return;
        }
        pullNext();
        return;
    }
    if (status == 401 || status == 400) {
        auto r = decodeRejected(body, status);
        block(QStringLiteral("the hub refused to send %1: %2").arg(stream, r ? r->message : QString::number(status)));
        return;
    }
    if (status != 200) {
        retryLater(status == 0 ? QStringLiteral("the hub is unreachable: %1").arg(reply->errorString())
                               : QStringLiteral("the hub answered %1 to a pull").arg(status));
        return;
    }
    auto page = decodePullPage(body);
    if (!page || page->stream != stream) {
        retryLater(page ? QStringLiteral("the hub sent another stream") : page.error().message);
        return;
    }
    if (auto st = StreamApplier::applyPage(*m_db, *page); !st) {
        // Storage trouble may pass; bad rows will not: a manager has to look at those.
        if (st.error().code == ErrorCode::InvalidInput || st.error().code == ErrorCode::Conflict)
            block(QStringLiteral("cannot apply %1 from the hub: %2").arg(stream, st.error().message));
        else
            retryLater(st.error().message);
        return;
    }
    m_attempt = 0;
    m_lastProgressMs = m_clock();
    if (page->upToDate) {
        if (StreamApplier::refetching(*m_db, stream)) {
            if (auto st = StreamApplier::finishRefetch(*m_db, stream); !st) {
                retryLater(st.error().message);
                return;
            }
        }
        ++m_pullIndex;
    }
    pullNext();
}

void SyncWorker::checkNext()
{
    if (m_checkIndex >= kTerminalStreams.size()) {
        m_lastChecksumMs = m_clock();
        if (m_refetchStarted) {
            m_pullIndex = 0;
            pullNext();
        } else {
            roundDone();
        }
        return;
    }
    const QString stream = kTerminalStreams.at(m_checkIndex);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("stream"), stream);
    m_inFlight = m_nam->get(hubRequest(QStringLiteral("/sync/v1/checksum"), query));
    connect(m_inFlight, &QNetworkReply::finished, this,
        [this, reply = m_inFlight.data(), stream] { handleChecksum(reply, stream); });
}

void SyncWorker::handleChecksum(QNetworkReply *reply, const QString &stream)
{
    const auto [status, body] = finish(reply);
    auto remote = decodeDigest(body);
    if (status != 200 || !remote) {
        retryLater(QStringLiteral("the hub did not send the %1 checksum (%2)").arg(stream).arg(status));
        return;
    }
    auto local = StreamApplier::digest(*m_db, stream);
    if (!local) {
        retryLater(local.error().message);
        return;
    }
    if (!(*local == *remote)) {
        qCWarning(lcSync) << "checksum mismatch for" << stream << ": hub has" << remote->count << "rows, this terminal"
                          << local->count << "- refetching";
        if (auto st = StreamApplier::beginRefetch(*m_db, stream); !st) {
            block(st.error().message);
            return;
        }
        m_refetchStarted = true;
    }
    ++m_checkIndex;
    checkNext();
}

void SyncWorker::roundDone()
{
    m_stateSent = false;
    m_lastProgressMs = m_clock();
    m_status.lastSuccessMs = m_lastProgressMs; // the hub answered a whole round
    if (m_lock.isLocked())
        m_lock.unlock(); // between rounds another process may take its turn
    if (m_again) {
        m_again = false;
        m_retryTimer->start(0); // the next round, after other events had their turn
        return;
    }
    publish(SyncStatus::State::Idle);
    Q_EMIT drained();
}

void SyncWorker::retryLater(const QString &error, std::optional<qint64> retryAfterMs)
{
    m_stateSent = false;
    if (m_lock.isLocked())
        m_lock.unlock();
    // Exponential backoff with full jitter: a random delay up to min(max, min × 2^attempt).
    const qint64 ceiling
        = std::min<qint64>(m_config.backoffMaxMs, qint64(m_config.backoffMinMs) << std::min(m_attempt, 20));
    qint64 delay = QRandomGenerator::global()->bounded(ceiling + 1);
    if (retryAfterMs)
        delay = std::max(delay, std::min<qint64>(*retryAfterMs, m_config.backoffMaxMs));
    ++m_attempt;
    m_status.lastError = error;
    qCInfo(lcSync) << "sync failed:" << error << "- retrying in" << delay << "ms";
    m_retryTimer->start(int(delay));
    publish(SyncStatus::State::Waiting);
}

void SyncWorker::block(const QString &error)
{
    m_stateSent = false;
    if (m_lock.isLocked())
        m_lock.unlock();
    m_status.lastError = error;
    qCWarning(lcSync) << "sync blocked:" << error;
    if (m_retryTimer)
        m_retryTimer->stop();
    publish(SyncStatus::State::Blocked);
    Q_EMIT blocked(error);
}

void SyncWorker::checkWatchdog()
{
    if (m_status.state == SyncStatus::State::Blocked || m_status.pending == 0)
        return;
    if (m_clock() - m_lastProgressMs < m_config.watchdogMs)
        return;
    qCWarning(lcSync) << "no sync progress for" << (m_clock() - m_lastProgressMs) << "ms with" << m_status.pending
                      << "events pending; restarting the session";
    m_status.stalled = true;
    m_lastProgressMs = m_clock();
    if (m_inFlight)
        m_inFlight->abort(); // its finished() handler schedules the retry
    else {
        m_attempt = 0;
        syncNow();
    }
}

void SyncWorker::publish(SyncStatus::State state)
{
    m_status.state = state;
    if (m_db) {
        if (auto s = Journal::outboxStatus(m_db->connection())) {
            m_status.pending = s->pending;
            m_status.oldestPendingAtMs = s->oldestPendingAtMs;
            m_status.ackedThrough = s->ackedThrough;
        }
        if (auto id = Journal::identity(m_db->connection()))
            m_status.epoch = id->epoch;
    }
    Q_EMIT statusChanged(m_status);
}

} // namespace omnitill::sync
