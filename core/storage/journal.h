// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace omnitill {

class Database;

// One business event in the terminal's hash-chained journal. `seq` is gapless per (terminal, epoch); `hash` covers
// the previous hash and every field, so any change to history is detected at the exact entry.
struct JournalEntry
{
    qint64 seq = 0;
    qint64 epoch = 0;
    QString eventId; // UUIDv7, time-ordered
    QString type; // "sale.completed", ...
    qint64 createdAtMs = 0;
    QByteArray payload; // canonical JSON (sorted keys, no whitespace, integers only), stored and hashed as bytes
    QByteArray prevHash; // 32 bytes
    QByteArray hash; // 32 bytes
};

struct TerminalIdentity
{
    QString terminalId; // UUID issued when the store was created (registration replaces it, issue 4)
    qint64 epoch = 1; // raised when the store is re-provisioned or restored
};

struct JournalVerification
{
    qint64 entries = 0;
    std::optional<qint64> firstBadSeq; // the first entry that does not verify, if any
    QString problem; // what is wrong with it
    bool ok() const { return !firstBadSeq; }
};

// SQL condition on a journal row aliased `j`: the entry is live. An entry of an epoch from the point it forked on was
// appended again in a later epoch (Journal::rebase): only the copy counts. A macro, so that it joins string literals.
#define OMNITILL_JOURNAL_LIVE_ENTRY                                                                                    \
    "NOT EXISTS (SELECT 1 FROM journal_epoch f WHERE f.epoch = j.epoch AND f.forked_at <= j.seq)"

namespace Journal {

// SHA-256("omnitill-genesis" ‖ terminal id ‖ epoch): the prev_hash of the first entry of an epoch.
QByteArray genesisHash(const TerminalIdentity &identity);
// SHA-256 over prev_hash and the length-prefixed fields (docs/ARCHITECTURE.md, "Journal").
QByteArray computeHash(const JournalEntry &entry);
// A UUIDv7 string for an event created at `ms`.
QString newEventId(qint64 ms);

Result<TerminalIdentity> identity(QSqlDatabase &db);
Result<TerminalIdentity> identity(Database &db); // with statements the connection keeps

// Appends an entry inside the caller's transaction: the entry commits or rolls back with the business rows. The
// Database form runs statements the connection keeps prepared (the hot path: every sale); the other prepares them.
Result<JournalEntry> append(QSqlDatabase &db, const QString &type, const QByteArray &payload, qint64 createdAtMs);
Result<JournalEntry> append(Database &db, const QString &type, const QByteArray &payload, qint64 createdAtMs);
// Appends an entry in a transaction of its own: for events that change no other rows (an approval, a void).
Result<JournalEntry> appendAlone(Database &db, const QString &type, const QByteArray &payload, qint64 createdAtMs);

// Recomputes the chain from the genesis hash and reports the first entry that is missing, out of order, altered or
// from another terminal or epoch. An epoch change restarts the chain at genesis(terminal, new epoch); seq continues.
Result<JournalVerification> verify(QSqlDatabase &db);

// --- Outbox view for sync: entries of the current epoch with seq > acked_through are pending. ---

struct OutboxStatus
{
    qint64 pending = 0;
    qint64 ackedThrough = 0;
    std::optional<qint64> oldestPendingAtMs; // created_at of the oldest pending entry
    qint64 lastSeq = 0;
};
// Counts every pending entry: for status displays, not for every batch.
Result<OutboxStatus> outboxStatus(QSqlDatabase &db);
// The last entry's seq (0 for an empty journal), read from the end of the table.
Result<qint64> lastSeq(QSqlDatabase &db);
// Up to `limit` pending entries in seq order.
Result<QList<JournalEntry>> pending(QSqlDatabase &db, int limit);
// Records that the backend holds every entry of the current epoch up to `seq` and marks the sales among them as
// synced. One transaction. A `seq` below the recorded one means the backend lost entries (restored from a backup):
// the position moves back so they are sent again.
Status acknowledge(QSqlDatabase &db, qint64 epoch, qint64 seq);

// The backend holds this terminal's history up to entry `heldSeq` of epoch `heldEpoch`, and everything after it
// continues in `newEpoch`. It says so when this terminal's history diverged from what it holds (a restored backup
// or a cloned store: `heldEpoch` is the current epoch and `heldSeq` the entry before the first that differs), when
// this copy holds less than the backend does (a clone or a restore that did not sell since), and when the backend
// lost part of the history itself (it was restored: `heldEpoch` may be older than the current one).
//
// In one transaction: every live entry after (heldEpoch, heldSeq) is appended again in the new epoch (same type,
// time and payload, new event id), so those sales still reach the backend, once; the sales up to the backend's
// position are marked synced, the replayed ones unsynced until the backend acknowledges them again. Entries of an
// epoch from its fork on were replayed into a later epoch and are not live (journal_epoch.forked_at); they are never
// sent twice. Returns the number of entries replayed.
Result<qint64> rebase(QSqlDatabase &db, qint64 heldEpoch, qint64 heldSeq, qint64 newEpoch);

} // namespace Journal
} // namespace omnitill
