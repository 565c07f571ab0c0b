// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/journal.h"
#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sha256.h"

#include <QRandomGenerator>
#include <QUuid>
#include <QVariant>
#include <QtEndian>

namespace omnitill::Journal {

namespace {
void addInt(Sha256 &h, qint64 v)
{
    const quint64 be = qToBigEndian(quint64(v));
    h.addData(QByteArrayView(reinterpret_cast<const char *>(&be), sizeof be));
}
void addBytes(Sha256 &h, const QByteArray &bytes)
{
    addInt(h, bytes.size());
    h.addData(bytes);
}
} // namespace

QByteArray genesisHash(const TerminalIdentity &identity)
{
    Sha256 h;
    addBytes(h, QByteArrayLiteral("omnitill-genesis"));
    addBytes(h, identity.terminalId.toUtf8());
    addInt(h, identity.epoch);
    return h.result();
}

QByteArray computeHash(const JournalEntry &e)
{
    Sha256 h;
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

namespace {
constexpr std::string_view kIdentitySql = "SELECT key, value FROM meta WHERE key IN ('terminal_id', 'epoch')";
constexpr std::string_view kHeadSql = "SELECT seq, hash, epoch FROM journal ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kInsertSql = "INSERT INTO journal (seq, epoch, event_id, type, created_at_ms, payload, "
                                        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// `statement(sql)` gives a Statement: one prepared for this call, or one kept by the connection's cache.
template<typename Prepare> Result<TerminalIdentity> identityWith(Prepare &&statement)
{
    auto q = statement(kIdentitySql);
    if (!q)
        return q.error();
    TerminalIdentity id;
    for (;;) {
        auto row = q->next(u"reading the terminal identity");
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (q->text(0) == QLatin1String("terminal_id"))
            id.terminalId = q->text(1);
        else
            id.epoch = q->text(1).toLongLong();
    }
    if (id.terminalId.isEmpty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("the store has no terminal identity"));
    return id;
}

template<typename Prepare>
Result<JournalEntry> appendWith(Prepare &&statement, const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    auto id = identityWith(statement);
    if (!id)
        return id.error();
    JournalEntry e;
    e.epoch = id->epoch;
    e.type = type;
    e.payload = payload;
    e.createdAtMs = createdAtMs;
    e.eventId = newEventId(createdAtMs);
    {
        auto last = statement(kHeadSql);
        if (!last)
            return last.error();
        auto any = last->next(u"reading the journal");
        if (!any)
            return any.error();
        e.seq = *any ? last->int64(0) + 1 : 1;
        // Each epoch's chain starts at its own genesis; seq keeps counting across epochs.
        e.prevHash = *any && last->int64(2) == id->epoch ? last->blob(1) : genesisHash(*id);
    }
    e.hash = computeHash(e);
    auto q = statement(kInsertSql);
    if (!q)
        return q.error();
    q->bind(0, e.seq).bind(1, e.epoch).bind(2, e.eventId).bind(3, e.type).bind(4, e.createdAtMs);
    q->bindBlob(5, e.payload).bindBlob(6, e.prevHash).bindBlob(7, e.hash);
    if (auto st = q->run(u"writing the journal"); !st)
        return st.error();
    return e;
}
} // namespace

Result<TerminalIdentity> identity(QSqlDatabase &db)
{
    return identityWith([&](std::string_view sql) { return Statement::prepare(db, sql); });
}

Result<TerminalIdentity> identity(Database &db)
{
    return identityWith([&](std::string_view sql) { return db.statement(sql); });
}

Result<JournalEntry> append(QSqlDatabase &db, const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    return appendWith([&](std::string_view sql) { return Statement::prepare(db, sql); }, type, payload, createdAtMs);
}

Result<JournalEntry> append(Database &db, const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    return appendWith([&](std::string_view sql) { return db.statement(sql); }, type, payload, createdAtMs);
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

Result<JournalEntry> appendAlone(Database &db, const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto entry = append(db, type, payload, createdAtMs);
    if (!entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    return entry;
}

Result<qint64> lastSeq(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) FROM journal")) || !q.next())
        return sqlError(q.lastError(), u"reading the journal");
    return q.value(0).toLongLong();
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

namespace {
// Sets the synced flag of the sales recorded in journal entries of `epoch` with afterSeq < seq <= throughSeq.
Status markSales(QSqlDatabase &db, qint64 epoch, qint64 afterSeq, qint64 throughSeq, bool synced)
{
    auto mark = prepare(db,
        QStringLiteral("UPDATE sale SET synced = ? WHERE synced <> ? AND id IN "
                       "(SELECT json_extract(payload, '$.id') FROM journal WHERE epoch = ? "
                       "AND seq > ? AND seq <= ? AND type = 'sale.completed')"));
    if (!mark)
        return mark.error();
    const QVariantList v = { synced ? 1 : 0, synced ? 1 : 0, epoch, afterSeq, throughSeq };
    for (int i = 0; i < v.size(); ++i)
        mark->bindValue(i, v[i]);
    return exec(*mark, QStringLiteral("marking synced sales"));
}
} // namespace

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
        if (auto st = markSales(db, epoch, seq, *acked, false); !st)
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
    if (auto st = markSales(db, epoch, *acked, seq, true); !st)
        return st;
    return tx.commit();
}

Result<qint64> rebase(QSqlDatabase &db, qint64 heldEpoch, qint64 heldSeq, qint64 newEpoch)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    auto id = identity(db);
    if (!id)
        return id.error();
    if (newEpoch <= id->epoch || heldEpoch > id->epoch || heldEpoch < 1 || heldSeq < 0)
        return makeError(ErrorCode::Conflict,
            QStringLiteral("cannot continue in epoch %1 after entry %2 of epoch %3: the terminal is in epoch %4")
                .arg(newEpoch)
                .arg(heldSeq)
                .arg(heldEpoch)
                .arg(id->epoch));
    auto acked = metaInt(db, "acked_through");
    if (!acked)
        return acked.error();
    // The live entries the backend does not hold, oldest first.
    auto q = prepare(db,
        QStringLiteral("SELECT " OMNITILL_JOURNAL_COLUMNS " FROM journal j WHERE (j.epoch > ? OR (j.epoch = ? AND "
                       "j.seq > ?)) AND " OMNITILL_JOURNAL_LIVE_ENTRY " ORDER BY j.seq"));
    if (!q)
        return q.error();
    q->bindValue(0, heldEpoch);
    q->bindValue(1, heldEpoch);
    q->bindValue(2, heldSeq);
    if (auto st = exec(*q, QStringLiteral("reading the journal")); !st)
        return st.error();
    QList<JournalEntry> replay;
    while (q->next())
        replay.append(entryFrom(*q));
    q->finish();
    auto head = prepare(db, QStringLiteral("SELECT coalesce(max(seq), 0) FROM journal"));
    if (!head)
        return head.error();
    if (auto st = exec(*head, QStringLiteral("reading the journal")); !st || !head->next())
        return st ? makeError(ErrorCode::Storage, QStringLiteral("cannot read the journal")) : st.error();
    const qint64 lastSeq = head->value(0).toLongLong();
    head->finish();

    // What the backend holds is synced; what it is sent again is not, until it acknowledges it.
    if (heldEpoch == id->epoch && heldSeq > *acked) {
        if (auto st = markSales(db, heldEpoch, *acked, heldSeq, true); !st)
            return st.error();
    }
    auto fork = prepare(db,
        QStringLiteral("INSERT INTO journal_epoch (epoch, forked_at) VALUES (?, ?) ON CONFLICT (epoch) "
                       "DO UPDATE SET forked_at = min(coalesce(forked_at, excluded.forked_at), excluded.forked_at)"));
    if (!fork)
        return fork.error();
    qint64 epochOfPrevious = 0;
    for (const JournalEntry &e : replay) {
        if (e.epoch == epochOfPrevious)
            continue;
        epochOfPrevious = e.epoch;
        fork->bindValue(0, e.epoch);
        fork->bindValue(1, e.seq);
        if (auto st = exec(*fork, QStringLiteral("recording where epoch %1 forked").arg(e.epoch)); !st)
            return st.error();
        if (auto st = markSales(db, e.epoch, e.seq - 1, lastSeq, false); !st)
            return st.error();
    }
    if (auto st = setMeta(db, "acked_through", QString::number(lastSeq)); !st)
        return st.error();
    if (auto st = setMeta(db, "epoch", QString::number(newEpoch)); !st)
        return st.error();
    for (const JournalEntry &e : replay) {
        if (auto appended = append(db, e.type, e.payload, e.createdAtMs); !appended)
            return appended.error();
    }
    if (auto st = tx.commit(); !st)
        return st.error();
    qCWarning(lcJournal) << "continuing in epoch" << newEpoch << "after entry" << heldSeq << "of epoch" << heldEpoch
                         << "-" << replay.size() << "entries sent again";
    return qint64(replay.size());
}

} // namespace omnitill::Journal
