// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/journal.h"
#include "core/storage/database.h"
#include "core/storage/logging.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUuid>
#include <QVariant>
#include <QtEndian>

namespace omnitill::Journal {

namespace {
void addInt(QCryptographicHash &h, qint64 v)
{
    const quint64 be = qToBigEndian(quint64(v));
    h.addData(QByteArrayView(reinterpret_cast<const char *>(&be), sizeof be));
}
void addBytes(QCryptographicHash &h, const QByteArray &bytes)
{
    addInt(h, bytes.size());
    h.addData(bytes);
}
} // namespace

QByteArray genesisHash(const TerminalIdentity &identity)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addBytes(h, QByteArrayLiteral("omnitill-genesis"));
    addBytes(h, identity.terminalId.toUtf8());
    addInt(h, identity.epoch);
    return h.result();
}

QByteArray computeHash(const JournalEntry &e)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addBytes(h, QByteArrayLiteral("omnitill-journal-v1"));
    addBytes(h, e.prevHash);
    addInt(h, e.seq);
    addInt(h, e.epoch);
    addBytes(h, e.eventId.toUtf8());
    addBytes(h, e.type.toUtf8());
    addInt(h, e.createdAtMs);
    addBytes(h, e.payload);
    return h.result();
}

QString newEventId(qint64 ms)
{
    // RFC 9562 UUIDv7: 48-bit big-endian Unix ms, version 7, 12 random bits, variant 10, 62 random bits.
    QByteArray b(16, '\0');
    const quint64 t = quint64(ms) & 0xFFFFFFFFFFFFull;
    for (int i = 0; i < 6; ++i)
        b[i] = char((t >> (8 * (5 - i))) & 0xFF);
    quint64 r1 = QRandomGenerator::system()->generate64();
    const quint64 r2 = QRandomGenerator::system()->generate64();
    for (int i = 6; i < 16; ++i) {
        b[i] = char(r1 & 0xFF);
        r1 = (r1 >> 8) | (r2 << 56);
    }
    b[6] = char((b[6] & 0x0F) | 0x70);
    b[8] = char((b[8] & 0x3F) | 0x80);
    return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
}

Result<TerminalIdentity> identity(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('terminal_id', 'epoch')")))
        return sqlError(q.lastError(), QStringLiteral("reading the terminal identity"));
    TerminalIdentity id;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("terminal_id"))
            id.terminalId = q.value(1).toString();
        else
            id.epoch = q.value(1).toLongLong();
    }
    if (id.terminalId.isEmpty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("the store has no terminal identity"));
    return id;
}

Result<JournalEntry> append(QSqlDatabase &db, const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    auto id = identity(db);
    if (!id)
        return id.error();
    JournalEntry e;
    e.epoch = id->epoch;
    e.type = type;
    e.payload = payload;
    e.createdAtMs = createdAtMs;
    e.eventId = newEventId(createdAtMs);
    {
        QSqlQuery last(db);
        if (!last.exec(QStringLiteral("SELECT seq, hash, epoch FROM journal ORDER BY seq DESC LIMIT 1")))
            return sqlError(last.lastError(), QStringLiteral("reading the journal"));
        const bool any = last.next();
        e.seq = any ? last.value(0).toLongLong() + 1 : 1;
        // Each epoch's chain starts at its own genesis; seq keeps counting across epochs.
        e.prevHash = any && last.value(2).toLongLong() == id->epoch ? last.value(1).toByteArray() : genesisHash(*id);
    }
    e.hash = computeHash(e);
    auto q = prepare(db,
        QStringLiteral("INSERT INTO journal (seq, epoch, event_id, type, created_at_ms, payload, "
                       "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return q.error();
    const QVariantList values = { e.seq, e.epoch, e.eventId, e.type, e.createdAtMs, e.payload, e.prevHash, e.hash };
    for (int i = 0; i < values.size(); ++i)
        q->bindValue(i, values[i]);
    if (auto st = exec(*q, QStringLiteral("writing the journal")); !st)
        return st.error();
    return e;
}

namespace {
// The columns every journal read selects, in the order entryFrom() reads them.
#define OMNITILL_JOURNAL_COLUMNS "seq, epoch, event_id, type, created_at_ms, payload, prev_hash, hash"

JournalEntry entryFrom(const QSqlQuery &q)
{
    return JournalEntry { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toByteArray(), q.value(6).toByteArray(),
        q.value(7).toByteArray() };
}
} // namespace

Result<JournalVerification> verify(QSqlDatabase &db)
{
    auto id = identity(db);
    if (!id)
        return id.error();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT " OMNITILL_JOURNAL_COLUMNS " FROM journal ORDER BY rowid")))
        return sqlError(q.lastError(), QStringLiteral("reading the journal"));
    JournalVerification v;
    qint64 epoch = 0;
    QByteArray prev;
    qint64 expectedSeq = 1;
    while (q.next()) {
        const JournalEntry e = entryFrom(q);
        auto bad = [&](const QString &why) {
            v.firstBadSeq = expectedSeq;
            v.problem = why;
            return v;
        };
        if (e.seq != expectedSeq)
            return bad(e.seq > expectedSeq ? QStringLiteral("entry %1 is missing").arg(expectedSeq)
                                           : QStringLiteral("entry %1 appears out of order").arg(e.seq));
        if (e.epoch != epoch) {
            // Epochs only move forward (the hub may skip numbers it gave a clone), never past the current one.
            if (e.epoch < epoch || e.epoch < 1 || e.epoch > id->epoch)
                return bad(QStringLiteral("entry %1 belongs to epoch %2, after epoch %3 (current %4)")
                               .arg(e.seq)
                               .arg(e.epoch)
                               .arg(epoch)
                               .arg(id->epoch));
            epoch = e.epoch;
            prev = genesisHash(TerminalIdentity { id->terminalId, epoch });
        }
        if (e.prevHash != prev)
            return bad(QStringLiteral("entry %1 does not follow entry %2").arg(e.seq).arg(e.seq - 1));
        if (computeHash(e) != e.hash)
            return bad(QStringLiteral("entry %1 was altered").arg(e.seq));
        prev = e.hash;
        ++expectedSeq;
        ++v.entries;
    }
    return v;
}

namespace {
Result<qint64> metaInt(QSqlDatabase &db, const char *key)
{
    auto v = readMeta(db, QString::fromLatin1(key));
    if (!v)
        return v.error();
    return v->value_or(QStringLiteral("0")).toLongLong();
}

Status setMeta(QSqlDatabase &db, const char *key, const QString &value)
{
    return writeMeta(db, QString::fromLatin1(key), value);
}

// Runs a query over the outbox: `sql` has the current epoch and the last acknowledged seq as its first two
// parameters, then `more`. Returns the executed query and the acknowledged seq.
Result<std::pair<QSqlQuery, qint64>> queryOutbox(QSqlDatabase &db, const QString &sql, const QVariantList &more = {})
{
    auto id = identity(db);
    if (!id)
        return id.error();
    auto acked = metaInt(db, "acked_through");
    if (!acked)
        return acked.error();
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    q->bindValue(0, id->epoch);
    q->bindValue(1, *acked);
    for (int i = 0; i < more.size(); ++i)
        q->bindValue(2 + i, more[i]);
    if (auto st = exec(*q, QStringLiteral("reading the outbox")); !st)
        return st.error();
    return std::pair { std::move(q).value(), *acked };
}

} // namespace

Result<OutboxStatus> outboxStatus(QSqlDatabase &db)
{
    auto r = queryOutbox(db,
        QStringLiteral("SELECT count(*), min(created_at_ms), (SELECT max(seq) FROM journal) "
                       "FROM journal WHERE epoch = ? AND seq > ?"));
    if (!r)
        return r.error();
    auto &[q, acked] = *r;
    OutboxStatus s;
    s.ackedThrough = acked;
    if (q.next()) {
        s.pending = q.value(0).toLongLong();
        if (!q.value(1).isNull())
            s.oldestPendingAtMs = q.value(1).toLongLong();
        s.lastSeq = q.value(2).toLongLong();
    }
    return s;
}

Result<QList<JournalEntry>> pending(QSqlDatabase &db, int limit)
{
    auto r = queryOutbox(db,
        QStringLiteral(
            "SELECT " OMNITILL_JOURNAL_COLUMNS " FROM journal WHERE epoch = ? AND seq > ? ORDER BY seq LIMIT ?"),
        { limit });
    if (!r)
        return r.error();
    QSqlQuery &q = r->first;
    QList<JournalEntry> out;
    while (q.next())
        out.append(entryFrom(q));
    return out;
}

Status acknowledge(QSqlDatabase &db, qint64 epoch, qint64 seq)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    auto id = identity(db);
    if (!id)
        return id.error();
    if (epoch != id->epoch)
        return Ok {}; // an answer for an epoch we have left: nothing to record
    auto acked = metaInt(db, "acked_through");
    if (!acked)
        return acked.error();
    if (seq == *acked)
        return Ok {};
    if (seq < *acked) {
        // The hub holds less than it once acknowledged (it was restored from a backup): send again from there. The
        // hub skips whatever it still has, so this can only repair, never duplicate.
        qCWarning(lcJournal) << "the hub now holds entries only up to" << seq << "of" << *acked
                             << "- resending the rest";
        if (auto st = setMeta(db, "acked_through", QString::number(seq)); !st)
            return st;
        return tx.commit();
    }
    auto maxSeq = prepare(db, QStringLiteral("SELECT max(seq) FROM journal WHERE epoch = ?"));
    if (!maxSeq)
        return maxSeq.error();
    maxSeq->bindValue(0, epoch);
    if (auto st = exec(*maxSeq, QStringLiteral("reading the journal")); !st)
        return st;
    if (!maxSeq->next() || seq > maxSeq->value(0).toLongLong())
        return makeError(ErrorCode::Conflict,
            QStringLiteral("the backend acknowledged entry %1, which this terminal "
                           "never wrote")
                .arg(seq));
    maxSeq->finish();
    if (auto st = setMeta(db, "acked_through", QString::number(seq)); !st)
        return st;
    auto mark = prepare(db,
        QStringLiteral("UPDATE sale SET synced = 1 WHERE synced = 0 AND id IN "
                       "(SELECT json_extract(payload, '$.id') FROM journal WHERE epoch = ? "
                       "AND seq > ? AND seq <= ? AND type = 'sale.completed')"));
    if (!mark)
        return mark.error();
    mark->bindValue(0, epoch);
    mark->bindValue(1, *acked);
    mark->bindValue(2, seq);
    if (auto st = exec(*mark, QStringLiteral("marking synced sales")); !st)
        return st;
    return tx.commit();
}

Result<qint64> startEpoch(QSqlDatabase &db, qint64 oldEpoch, qint64 newEpoch, qint64 firstBadSeq)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    auto id = identity(db);
    if (!id)
        return id.error();
    if (id->epoch != oldEpoch || newEpoch <= oldEpoch)
        return makeError(ErrorCode::Conflict,
            QStringLiteral("cannot move from epoch %1 to %2: the terminal is in "
                           "epoch %3")
                .arg(oldEpoch)
                .arg(newEpoch)
                .arg(id->epoch));
    auto q = prepare(db,
        QStringLiteral("SELECT " OMNITILL_JOURNAL_COLUMNS " FROM journal WHERE epoch = ? AND seq >= ? ORDER BY seq"));
    if (!q)
        return q.error();
    q->bindValue(0, oldEpoch);
    q->bindValue(1, firstBadSeq);
    if (auto st = exec(*q, QStringLiteral("reading the journal")); !st)
        return st.error();
    QList<JournalEntry> replay;
    while (q->next())
        replay.append(entryFrom(*q));
    q->finish();
    if (auto st = setMeta(db, "acked_through", QString::number(firstBadSeq - 1)); !st)
        return st.error();
    if (auto st = setMeta(db, "epoch", QString::number(newEpoch)); !st)
        return st.error();
    for (const JournalEntry &e : replay) {
        if (auto appended = append(db, e.type, e.payload, e.createdAtMs); !appended)
            return appended.error();
    }
    if (auto st = tx.commit(); !st)
        return st.error();
    return qint64(replay.size());
}

} // namespace omnitill::Journal
