// SPDX-License-Identifier: GPL-3.0-or-later
// Forwarding to a commerce backend: the connector's settings, the queue of store sales and returns pushes fill while a
// backend is set, the lease one forwarder at a time holds, and which backend customer a hub customer is
// (docs/CONNECTORS.md). The connectors themselves are in sync/connector.
#include "sync/hub/hubstore.h"

#include "core/storage/database.h"

#include <QVariant>

namespace omnitill::sync {

namespace {
const QString kBackendKey = QStringLiteral("backend");
// The connector's own state shares the table under this prefix.
const QString kStatePrefix = QStringLiteral("state.");
// What a connector books in the backend.
const QString kForwardedTypes = QStringLiteral("'sale.completed', 'return.completed'");
} // namespace

Result<QHash<QString, QString>> HubStore::connectorSettings()
{
    auto q = query(QStringLiteral("SELECT key, value FROM connector_setting WHERE key NOT LIKE 'state.%'"), {},
        u"reading the connector's settings");
    if (!q)
        return q.error();
    QHash<QString, QString> settings;
    while (q->next())
        settings.insert(q->value(0).toString(), q->value(1).toString());
    return settings;
}

Status HubStore::setConnectorSettings(const QHash<QString, QString> &settings, std::optional<qint64> forwardSinceMs)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun();
    auto wasForwarding = forwarding();
    if (!wasForwarding)
        return wasForwarding.error();
    if (auto q = query(QStringLiteral("DELETE FROM connector_setting"), {}, u"replacing the connector's settings"); !q)
        return q.error();
    for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        if (auto q = query(QStringLiteral("INSERT INTO connector_setting (key, value) VALUES (?, ?)"),
                { it.key(), it.value() }, u"saving the connector's settings");
            !q)
            return q.error();
    }
    if (!*wasForwarding && settings.contains(kBackendKey) && forwardSinceMs) {
        const qint64 now = m_clock();
        if (auto q = query(QStringLiteral("INSERT INTO forward_queue (event_id, terminal_id, type, created_at_ms, "
                                          "queued_at_ms, state, attempts, next_at_ms) "
                                          "SELECT event_id, terminal_id, type, created_at_ms, ?, 'pending', 0, ? "
                                          "FROM event WHERE type IN (%1) AND quarantine IS NULL AND created_at_ms >= ? "
                                          "ORDER BY received_at_ms, terminal_id, seq ON CONFLICT (event_id) DO NOTHING")
                               .arg(kForwardedTypes),
                { now, now, *forwardSinceMs }, u"queueing what the hub received before");
            !q)
            return q.error();
    }
    return tx->commit();
}

Result<std::optional<QString>> HubStore::connectorValue(const QString &key)
{
    auto q = query(QStringLiteral("SELECT value FROM connector_setting WHERE key = ?"), { QString(kStatePrefix + key) },
        u"reading the connector's state");
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

Status HubStore::setConnectorValue(const QString &key, const QString &value)
{
    return statusOf(query(QStringLiteral("INSERT INTO connector_setting (key, value) VALUES (?, ?) "
                                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        { QString(kStatePrefix + key), value }, u"saving the connector's state"));
}

Result<QStringList> HubStore::liveKeys(const QString &stream)
{
    auto q = query(QStringLiteral("SELECT c.key FROM stream_change c WHERE c.stream = ? AND c.op = 'upsert' AND "
                                  "c.change_seq = (SELECT MAX(l.change_seq) FROM stream_change l WHERE "
                                  "l.stream = c.stream AND l.key = c.key)"),
        { stream }, u"reading a stream's keys");
    if (!q)
        return q.error();
    QStringList keys;
    while (q->next())
        keys.append(q->value(0).toString());
    return keys;
}

Result<bool> HubStore::forwarding()
{
    auto q = kept(QStringLiteral("SELECT 1 FROM connector_setting WHERE key = 'backend'"));
    if (!q)
        return q.error();
    if (auto st = exec(**q, QStringLiteral("reading the connector's settings")); !st)
        return st.error();
    const bool set = (*q)->next();
    (*q)->finish();
    return set;
}

Status HubStore::queueForwards(const QString &terminalId, const QList<const JournalEntry *> &events)
{
    if (events.isEmpty())
        return Ok {};
    auto set = forwarding();
    if (!set)
        return set.error();
    if (!*set)
        return Ok {};
    auto q = kept(QStringLiteral("INSERT INTO forward_queue (event_id, terminal_id, type, created_at_ms, queued_at_ms, "
                                 "state, attempts, next_at_ms) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?) "
                                 "ON CONFLICT (event_id) DO NOTHING"));
    if (!q)
        return q.error();
    const qint64 now = m_clock();
    for (const JournalEntry *e : events) {
        const QVariantList binds = { e->eventId, terminalId, e->type, e->createdAtMs, now, now };
        for (int i = 0; i < binds.size(); ++i)
            (*q)->bindValue(i, binds[i]);
        if (auto st = exec(**q, QStringLiteral("queueing a sale for the commerce backend")); !st)
            return st;
    }
    return Ok {};
}

Result<QList<HubStore::ForwardItem>> HubStore::dueForwards(int limit)
{
    auto q = query(QStringLiteral("SELECT f.id, f.event_id, f.terminal_id, t.store_code, f.type, f.created_at_ms, "
                                  "e.payload, f.attempts, f.backend_ref FROM forward_queue f "
                                  "JOIN event e ON e.event_id = f.event_id "
                                  "JOIN terminal t ON t.terminal_id = f.terminal_id "
                                  "WHERE f.state = 'pending' AND f.next_at_ms <= ? ORDER BY f.id LIMIT ?"),
        { m_clock(), limit }, u"reading the forwarding queue");
    if (!q)
        return q.error();
    QList<ForwardItem> items;
    while (q->next()) {
        items.append(ForwardItem { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            q->value(3).toString(), q->value(4).toString(), q->value(5).toLongLong(), q->value(6).toByteArray(),
            q->value(7).toInt(), q->value(8).toString() });
    }
    return items;
}

Status HubStore::forwardDone(qint64 id, const QString &ref)
{
    const qint64 now = m_clock();
    auto q
        = query(QStringLiteral("UPDATE forward_queue SET state = 'forwarded', attempts = attempts + 1, "
                               "backend_ref = ?, last_error = NULL, forwarded_at_ms = ?, next_at_ms = ? WHERE id = ?"),
            { ref, now, now, id }, u"noting a forwarded sale");
    return statusOf(q);
}

Status HubStore::forwardFailed(qint64 id, const QString &error, const QString &ref, bool failed, qint64 nextAtMs)
{
    const QVariant noText(QMetaType(QMetaType::QString));
    auto q = query(QStringLiteral("UPDATE forward_queue SET state = ?, attempts = attempts + 1, last_error = ?, "
                                  "backend_ref = ?, next_at_ms = ? WHERE id = ?"),
        { failed ? QStringLiteral("failed") : QStringLiteral("pending"), error.left(1000),
            ref.isEmpty() ? noText : QVariant(ref), nextAtMs, id },
        u"noting a failed forward");
    return statusOf(q);
}

Status HubStore::noteForwardRef(qint64 id, const QString &ref)
{
    return statusOf(query(
        QStringLiteral("UPDATE forward_queue SET backend_ref = ? WHERE id = ?"), { ref, id }, u"noting an order"));
}

Result<bool> HubStore::takeForwardLease(const QString &holder, qint64 untilMs)
{
    auto q
        = query(QStringLiteral("INSERT INTO forward_lease (id, holder, until_ms) VALUES (1, ?, ?) "
                               "ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms "
                               "WHERE forward_lease.holder = excluded.holder OR forward_lease.until_ms < ?"),
            { holder, untilMs, m_clock() }, u"taking the forwarding lease");
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Status HubStore::dropForwardLease(const QString &holder)
{
    return statusOf(query(
        QStringLiteral("DELETE FROM forward_lease WHERE holder = ?"), { holder }, u"giving up the forwarding lease"));
}

Result<HubStore::ForwardCounts> HubStore::forwardCounts()
{
    auto q = query(QStringLiteral("SELECT state, COUNT(*), MIN(queued_at_ms), "
                                  "SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) FROM forward_queue GROUP BY state"),
        {}, u"counting the forwarding queue");
    if (!q)
        return q.error();
    ForwardCounts counts;
    while (q->next()) {
        const QString state = q->value(0).toString();
        const qint64 n = q->value(1).toLongLong();
        if (state == QLatin1String("pending")) {
            counts.pending = n;
            counts.retrying = q->value(3).toLongLong();
            counts.oldestPendingMs = q->value(2).toLongLong();
        } else if (state == QLatin1String("forwarded")) {
            counts.forwarded = n;
        } else {
            counts.failed = n;
        }
    }
    auto last = query(QStringLiteral("SELECT last_error FROM forward_queue WHERE state <> 'forwarded' AND "
                                     "last_error IS NOT NULL ORDER BY id DESC LIMIT 1"),
        {}, u"reading the last forwarding error");
    if (!last)
        return last.error();
    if (last->next())
        counts.lastError = last->value(0).toString();
    return counts;
}

Result<QList<HubStore::ForwardItem>> HubStore::failedForwards(QList<QString> *errors, int limit)
{
    auto q = query(QStringLiteral("SELECT f.id, f.event_id, f.terminal_id, t.store_code, f.type, f.created_at_ms, "
                                  "f.attempts, f.backend_ref, f.last_error FROM forward_queue f "
                                  "JOIN terminal t ON t.terminal_id = f.terminal_id "
                                  "WHERE f.state = 'failed' ORDER BY f.id LIMIT ?"),
        { limit }, u"reading what forwarding gave up");
    if (!q)
        return q.error();
    QList<ForwardItem> items;
    while (q->next()) {
        items.append(ForwardItem { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            q->value(3).toString(), q->value(4).toString(), q->value(5).toLongLong(), {}, q->value(6).toInt(),
            q->value(7).toString() });
        if (errors)
            errors->append(q->value(8).toString());
    }
    return items;
}

Result<qint64> HubStore::retryFailedForwards()
{
    auto q = query(QStringLiteral("UPDATE forward_queue SET state = 'pending', next_at_ms = ? WHERE state = 'failed'"),
        { m_clock() }, u"queueing what forwarding gave up again");
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Result<std::optional<QString>> HubStore::backendCustomer(const QString &hubId)
{
    auto q = query(QStringLiteral("SELECT backend_id FROM connector_customer WHERE hub_id = ?"), { hubId },
        u"reading a customer's backend id");
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

Status HubStore::mapCustomer(const QString &hubId, const QString &backendId)
{
    return statusOf(query(QStringLiteral("INSERT INTO connector_customer (hub_id, backend_id) VALUES (?, ?) "
                                         "ON CONFLICT (hub_id) DO UPDATE SET backend_id = excluded.backend_id"),
        { hubId, backendId }, u"noting a customer's backend id"));
}

} // namespace omnitill::sync
