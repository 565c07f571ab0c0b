// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal.h"
#include "database.h"

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
        if (!last.exec(QStringLiteral("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")))
            return sqlError(last.lastError(), QStringLiteral("reading the journal"));
        if (last.next()) {
            e.seq = last.value(0).toLongLong() + 1;
            e.prevHash = last.value(1).toByteArray();
        } else {
            e.seq = 1;
            e.prevHash = genesisHash(*id);
        }
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

Result<JournalVerification> verify(QSqlDatabase &db)
{
    auto id = identity(db);
    if (!id)
        return id.error();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, epoch, event_id, type, created_at_ms, payload, prev_hash, hash "
                               "FROM journal ORDER BY rowid")))
        return sqlError(q.lastError(), QStringLiteral("reading the journal"));
    JournalVerification v;
    QByteArray prev = genesisHash(*id);
    qint64 expectedSeq = 1;
    while (q.next()) {
        JournalEntry e { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toLongLong(), q.value(5).toByteArray(), q.value(6).toByteArray(), q.value(7).toByteArray() };
        auto bad = [&](const QString &why) {
            v.firstBadSeq = expectedSeq;
            v.problem = why;
            return v;
        };
        if (e.seq != expectedSeq)
            return bad(e.seq > expectedSeq ? QStringLiteral("entry %1 is missing").arg(expectedSeq)
                                           : QStringLiteral("entry %1 appears out of order").arg(e.seq));
        if (e.epoch != id->epoch)
            return bad(QStringLiteral("entry %1 belongs to epoch %2, not %3").arg(e.seq).arg(e.epoch).arg(id->epoch));
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

} // namespace omnitill::Journal
