// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/statecollector.h"

#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QSet>
#include <QVariant>

namespace omnitill::sync {

namespace {
Result<QList<JournalBucket>> buckets(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    if (auto st = exec(*q, QStringLiteral("counting the journal by quarter hour")); !st)
        return st.error();
    QList<JournalBucket> out;
    while (q->next())
        out.append(
            JournalBucket { q->value(0).toLongLong() * kBucketMs, q->value(1).toLongLong(), q->value(2).toLongLong() });
    return out;
}

Result<TerminalStateReport> collect(QSqlDatabase &db, qint64 sinceSeq, qint64 nowMs);
} // namespace

Result<TerminalStateReport> collectTerminalState(QSqlDatabase &db, qint64 sinceSeq, qint64 nowMs)
{
    // One read transaction: the counts agree with each other while the till goes on selling.
    if (!db.transaction())
        return sqlError(db.lastError(), QStringLiteral("reading the terminal's state"));
    auto report = collect(db, sinceSeq, nowMs);
    db.rollback();
    return report;
}

namespace {
Result<TerminalStateReport> collect(QSqlDatabase &db, qint64 sinceSeq, qint64 nowMs)
{
    TerminalStateReport r;
    auto identity = Journal::identity(db);
    if (!identity)
        return identity.error();
    r.terminalId = identity->terminalId;
    r.epoch = identity->epoch;
    r.clockMs = nowMs;
    auto outbox = Journal::outboxStatus(db);
    if (!outbox)
        return outbox.error();
    r.headSeq = outbox->lastSeq;
    r.ackedThrough = std::min(outbox->ackedThrough, r.headSeq);
    r.pending = outbox->pending;
    r.oldestPendingAtMs = outbox->oldestPendingAtMs;
    r.sinceSeq = std::clamp<qint64>(sinceSeq, 0, r.headSeq);
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return sqlError(q.lastError(), QStringLiteral("reading the schema version"));
        r.schemaVersion = q.value(0).toInt();
    }

    // The quarter hours the entries after sinceSeq fell in, then their live entries counted again.
    const qint64 horizon = (nowMs - kRecordedHorizonMs) / kBucketMs;
    auto q = prepare(db,
        QStringLiteral("SELECT DISTINCT created_at_ms / ? FROM journal WHERE seq > ? AND created_at_ms >= ? "
                       "ORDER BY 1"));
    if (!q)
        return q.error();
    q->bindValue(0, kBucketMs);
    q->bindValue(1, r.sinceSeq);
    q->bindValue(2, std::max<qint64>(0, horizon) * kBucketMs);
    if (auto st = exec(*q, QStringLiteral("reading the journal")); !st)
        return st.error();
    QSet<qint64> touched;
    qint64 first = -1, last = -1;
    while (q->next()) {
        const qint64 b = q->value(0).toLongLong();
        touched.insert(b);
        if (first < 0)
            first = b;
        last = b;
    }
    q->finish();
    if (!touched.isEmpty()) {
        auto counted = buckets(db,
            QStringLiteral("SELECT created_at_ms / ?1, count(*), sum(type = 'sale.completed') FROM journal j "
                           "WHERE created_at_ms >= ?2 AND created_at_ms < ?3 AND " OMNITILL_JOURNAL_LIVE_ENTRY
                           " GROUP BY 1 ORDER BY 1"),
            { kBucketMs, first * kBucketMs, (last + 1) * kBucketMs });
        if (!counted)
            return counted.error();
        for (const JournalBucket &b : *counted) {
            if (touched.contains(b.startMs / kBucketMs))
                r.recorded.append(b);
        }
    }
    auto pending = buckets(db,
        QStringLiteral("SELECT created_at_ms / ?1, count(*), sum(type = 'sale.completed') FROM journal j "
                       "WHERE epoch = ?2 AND seq > ?3 GROUP BY 1 ORDER BY 1"),
        { kBucketMs, r.epoch, outbox->ackedThrough });
    if (!pending)
        return pending.error();
    r.pendingBuckets = *pending;

    QSqlQuery print(db);
    if (!print.exec(QStringLiteral(
            "SELECT count(*) FILTER (WHERE state IN ('queued', 'sending')), count(*) FILTER (WHERE state = "
            "'interrupted'), (SELECT last_error FROM print_job WHERE state IN ('queued', 'sending', 'interrupted') "
            "AND last_error <> '' ORDER BY id DESC LIMIT 1) FROM print_job WHERE state IN ('queued', 'sending', "
            "'interrupted')"))
        || !print.next())
        return sqlError(print.lastError(), QStringLiteral("reading the print queue"));
    r.printWaiting = print.value(0).toLongLong();
    r.printInterrupted = print.value(1).toLongLong();
    r.printError = print.value(2).toString().left(500);
    return r;
}
} // namespace

} // namespace omnitill::sync
