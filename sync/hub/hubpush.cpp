// SPDX-License-Identifier: GPL-3.0-or-later
// Applying a terminal's push: dedupe, gaps, forks and quarantine (docs/sync-protocol.md).
#include "sync/common/events.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"
#include "sync/hub/receivedtally.h"

#include "core/storage/database.h"

#include <QSet>
#include <QVariant>

namespace omnitill::sync {

namespace {
constexpr qsizetype kRowsPerStatement = 100;

// "(?, ?), (?, ?)" for rows = 2, columns = 2; "?, ?" for columns = 1.
QString placeholders(qsizetype rows, int columns)
{
    QString one = QStringLiteral("?");
    for (int c = 1; c < columns; ++c)
        one += QStringLiteral(", ?");
    if (columns > 1)
        one = u'(' + one + u')';
    QStringList all;
    all.reserve(rows);
    for (qsizetype r = 0; r < rows; ++r)
        all.append(one);
    return all.join(QStringLiteral(", "));
}
} // namespace

std::variant<PushAccepted, PushRejected> HubStore::applyPush(const PushRequest &r)
{
    auto storageFailure = [&](const Error &e) {
        qCWarning(lcHub) << "push from" << r.terminalId << "failed:" << e.message;
        return PushRejected { 503, QStringLiteral("UNAVAILABLE"),
            QStringLiteral("the hub could not store the events; retry") };
    };
    auto tx = transaction();
    if (!tx->begun())
        return storageFailure(tx->begun().error());

    // FOR UPDATE serialises pushes of one terminal across hub replicas sharing a PostgreSQL database; SQLite's
    // BEGIN IMMEDIATE already holds the only write lock.
    auto terminal = kept(m_dialect == Dialect::Postgres
            ? QStringLiteral("SELECT epoch FROM terminal WHERE terminal_id = ? FOR UPDATE")
            : QStringLiteral("SELECT epoch FROM terminal WHERE terminal_id = ?"));
    if (!terminal)
        return storageFailure(terminal.error());
    (*terminal)->bindValue(0, r.terminalId);
    if (auto st = exec(**terminal, QStringLiteral("reading the terminal")); !st)
        return storageFailure(st.error());
    if (!(*terminal)->next()) {
        (*terminal)->finish();
        return PushRejected { 401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal") };
    }
    const qint64 currentEpoch = (*terminal)->value(0).toLongLong();
    (*terminal)->finish();

    auto state = kept(QStringLiteral("SELECT hwm, last_hash FROM terminal_epoch WHERE terminal_id = ? AND epoch = ?"));
    if (!state)
        return storageFailure(state.error());
    (*state)->bindValue(0, r.terminalId);
    (*state)->bindValue(1, r.epoch);
    if (auto st = exec(**state, QStringLiteral("reading the terminal state")); !st)
        return storageFailure(st.error());
    qint64 hwm = 0;
    QByteArray lastHash = Journal::genesisHash(TerminalIdentity { r.terminalId, r.epoch });
    bool known = (*state)->next();
    if (known) {
        hwm = (*state)->value(0).toLongLong();
        lastHash = (*state)->value(1).toByteArray();
    }
    (*state)->finish();

    auto storedQ = kept(QStringLiteral("SELECT hash FROM event WHERE terminal_id = ? AND epoch = ? AND seq = ?"));
    auto receiptQ = kept(QStringLiteral(
        "SELECT n.seq, n.receipt_no FROM event n WHERE n.terminal_id = ? AND n.epoch = ? AND n.seq > ? AND n.seq <= ? "
        "AND n.receipt_no IS NOT NULL AND EXISTS (SELECT 1 FROM event o WHERE o.receipt_no = n.receipt_no "
        "AND o.event_id <> n.event_id AND (o.terminal_id <> n.terminal_id OR o.epoch <> n.epoch OR o.seq < n.seq)) "
        "ORDER BY n.seq"));
    if (!storedQ || !receiptQ)
        return storageFailure(!storedQ ? storedQ.error() : receiptQ.error());
    QSqlQuery *stored = *storedQ, *receiptSeen = *receiptQ;

    PushAccepted accepted;
    std::optional<PushRejected> rejection;
    auto incident = [&](qint64 seq, const QString &code, const QString &detail) -> Status {
        auto q = prepare(m_db,
            QStringLiteral("INSERT INTO incident (terminal_id, epoch, seq, code, detail, at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?)"));
        if (!q)
            return q.error();
        const QVariantList v = { r.terminalId, r.epoch, seq, code, detail, m_clock() };
        for (int i = 0; i < v.size(); ++i)
            q->bindValue(i, v[i]);
        qCWarning(lcHub) << code << "from terminal" << r.terminalId << "epoch" << r.epoch << "seq" << seq << detail;
        return exec(*q, QStringLiteral("recording an incident"));
    };
    // Moves the terminal to an epoch after both the hub's and the push's, with an incident for the managers.
    auto moveOn = [&](qint64 seq, const QString &code, const QString &detail) -> Result<qint64> {
        const qint64 newEpoch = std::max(currentEpoch, r.epoch) + 1;
        if (auto st = incident(seq, code, detail); !st)
            return st.error();
        auto bump = prepare(m_db, QStringLiteral("UPDATE terminal SET epoch = ? WHERE terminal_id = ?"));
        if (!bump)
            return bump.error();
        bump->bindValue(0, newEpoch);
        bump->bindValue(1, r.terminalId);
        if (auto st = exec(*bump, QStringLiteral("moving the terminal to a new epoch")); !st)
            return st.error();
        return newEpoch;
    };
    // A diverging history: from `seq` on, this terminal's events are not the ones the hub holds.
    auto fork = [&](qint64 seq, const QString &detail) -> std::optional<PushRejected> {
        auto newEpoch = moveOn(seq, QStringLiteral("CHAIN_FORK"), detail);
        if (!newEpoch)
            return storageFailure(newEpoch.error());
        return PushRejected { 409, QStringLiteral("CHAIN_FORK"),
            QStringLiteral("history diverges from the hub's at seq %1 (%2); continue in epoch %3")
                .arg(seq)
                .arg(detail)
                .arg(*newEpoch),
            seq, hwm, *newEpoch };
    };

    if (r.epoch > currentEpoch) {
        // An epoch this hub never assigned: the hub lost part of this terminal's history (it was restored from a
        // backup taken before the terminal moved on). The terminal sends everything after what the hub holds again.
        auto held = prepare(m_db, QStringLiteral("SELECT hwm FROM terminal_epoch WHERE terminal_id = ? AND epoch = ?"));
        if (!held)
            return storageFailure(held.error());
        held->bindValue(0, r.terminalId);
        held->bindValue(1, currentEpoch);
        if (auto st = exec(*held, QStringLiteral("reading the terminal state")); !st)
            return storageFailure(st.error());
        const qint64 heldSeq = held->next() ? held->value(0).toLongLong() : 0;
        held->finish();
        auto newEpoch = moveOn(r.events.constFirst().seq, QStringLiteral("HUB_BEHIND"),
            QStringLiteral("the terminal is in epoch %1, which this hub never assigned (it is in %2): the hub lost "
                           "part of the terminal's history; everything after seq %3 of epoch %2 is sent again")
                .arg(r.epoch)
                .arg(currentEpoch)
                .arg(heldSeq));
        if (!newEpoch)
            return storageFailure(newEpoch.error());
        if (auto st = tx->commit(); !st)
            return storageFailure(st.error());
        PushRejected behind { 409, QStringLiteral("HUB_BEHIND"),
            QStringLiteral("the hub holds this terminal's history only up to seq %1 of epoch %2; send the rest again "
                           "in epoch %3")
                .arg(heldSeq)
                .arg(currentEpoch)
                .arg(*newEpoch),
            0, heldSeq, *newEpoch };
        behind.heldEpoch = currentEpoch;
        return behind;
    }

    const qint64 hwmBefore = hwm;
    // The events are stored together after the checks, a statement per 100 (on PostgreSQL each statement is a round
    // trip). Event ids already taken are found first, in one query, so the fork they mean is found where it was.
    QSet<QString> takenIds;
    {
        QStringList ids;
        for (const JournalEntry &e : r.events) {
            if (e.seq > hwm)
                ids.append(e.eventId);
        }
        for (qsizetype from = 0; from < ids.size(); from += kRowsPerStatement) {
            const QStringList part = ids.mid(from, kRowsPerStatement);
            auto q = kept(
                QStringLiteral("SELECT event_id FROM event WHERE event_id IN (%1)").arg(placeholders(part.size(), 1)));
            if (!q)
                return storageFailure(q.error());
            for (int i = 0; i < part.size(); ++i)
                (*q)->bindValue(i, part[i]);
            if (auto st = exec(**q, QStringLiteral("checking the event ids")); !st)
                return storageFailure(st.error());
            while ((*q)->next())
                takenIds.insert((*q)->value(0).toString());
            (*q)->finish();
        }
    }
    QList<QVariantList> rows;
    ReceivedTally tally; // for the managers' report
    QList<const JournalEntry *> ledger; // accepted events that may move stored value, applied after they are stored
    QList<const JournalEntry *> customers; // customers made or changed, sales for a customer, points paid
    QList<const JournalEntry *> returns; // return.completed
    QList<const JournalEntry *> carts; // sale.completed of an online cart
    QList<const JournalEntry *> forwards; // store sales and returns, for the commerce backend when one is set
    bool withReceipts = false; // an accepted sale carries a receipt number: checked for repeats after the loop
    for (const JournalEntry &e : r.events) {
        if (Journal::computeHash(e) != e.hash) {
            if (auto st
                = incident(e.seq, QStringLiteral("CHAIN_INVALID"), QStringLiteral("hash does not match content"));
                !st)
                return storageFailure(st.error());
            rejection = PushRejected { 409, QStringLiteral("CHAIN_INVALID"),
                QStringLiteral("event %1's hash does not match its content: the terminal's "
                               "journal is damaged or was altered")
                    .arg(e.seq),
                e.seq, hwm, 0 };
            break;
        }
        if (r.epoch < currentEpoch && e.seq > hwm) {
            // A copy of this terminal still writing in an epoch the hub has closed: a restored backup or a clone.
            rejection = fork(e.seq, QStringLiteral("epoch %1 was closed").arg(r.epoch));
            break;
        }
        if (known && e.seq <= hwm) {
            stored->bindValue(0, r.terminalId);
            stored->bindValue(1, r.epoch);
            stored->bindValue(2, e.seq);
            if (auto st = exec(*stored, QStringLiteral("checking a duplicate")); !st)
                return storageFailure(st.error());
            const bool same = stored->next() && stored->value(0).toByteArray() == e.hash;
            stored->finish();
            if (!same) {
                rejection = fork(e.seq, QStringLiteral("a different event was accepted at this seq"));
                break;
            }
            ++accepted.duplicates;
            continue;
        }
        if (known && e.seq > hwm + 1)
            break; // a gap: the terminal resends from hwm + 1
        if (!known && e.prevHash != lastHash)
            break; // nothing held for this epoch and this is not its first event: resend from the start
        if (e.prevHash != lastHash) {
            rejection = fork(e.seq, QStringLiteral("it does not follow the last accepted event"));
            break;
        }
        // Business facts are never refused: an event the hub cannot take as it is is kept aside with the reason.
        Quarantined quarantine { e.seq, {}, {} };
        QString receiptNo; // of a valid sale
        QString receiptToken; // the SHA-256 of its e-receipt token, if it has one
        if (!Events::isKnownType(e.type)) {
            quarantine.code = QStringLiteral("UNKNOWN_TYPE");
            quarantine.reason = QStringLiteral("this hub does not know events of type \"%1\"").arg(e.type);
        } else if (auto st = Events::validate(e.type, e.payload, e.createdAtMs, &receiptNo, &receiptToken); !st) {
            quarantine.code = QStringLiteral("BAD_PAYLOAD");
            quarantine.reason = st.error().message;
            receiptNo.clear();
            receiptToken.clear();
        }
        const QVariant noText(QMetaType(QMetaType::QString));
        const auto textOrNull = [&](const QString &t) { return t.isEmpty() ? noText : QVariant(t); };
        const QVariantList v = { r.terminalId, r.epoch, e.seq, e.eventId, e.type, e.createdAtMs, m_clock(), e.payload,
            e.hash, textOrNull(quarantine.code), textOrNull(quarantine.reason), textOrNull(receiptNo),
            textOrNull(receiptToken) };
        if (takenIds.contains(e.eventId)) { // UNIQUE(event_id), the second line of defence
            rejection
                = fork(e.seq, QStringLiteral("event id %1 was already accepted at another position").arg(e.eventId));
            break;
        }
        rows.append(v);
        tally.add(r.terminalId, e.type, e.createdAtMs, e.payload, !quarantine.code.isEmpty());
        if (!quarantine.code.isEmpty()) {
            qCWarning(lcHub) << "quarantined event" << e.seq << "of" << r.terminalId << ":" << quarantine.code
                             << quarantine.reason;
            accepted.quarantined.append(quarantine);
        }
        if (!receiptNo.isEmpty())
            withReceipts = true;
        if (quarantine.code.isEmpty()
            && (e.type == Events::kStoredValueIssued || e.type == Events::kStoredValueToppedUp
                || ((e.type == Events::kPaymentTaken || e.type == Events::kPaymentReversed)
                    && e.payload.contains("\"card\""))))
            ledger.append(&e);
        if (quarantine.code.isEmpty()
            && (e.type == Events::kCustomerCreated || e.type == Events::kCustomerUpdated
                || (e.type == Events::kSaleCompleted && e.payload.contains("\"customer\""))
                || ((e.type == Events::kPaymentTaken || e.type == Events::kPaymentReversed)
                    && e.payload.contains("\"kind\":\"points\""))))
            customers.append(&e);
        if (quarantine.code.isEmpty() && e.type == Events::kReturnCompleted)
            returns.append(&e);
        if (quarantine.code.isEmpty() && (e.type == Events::kSaleCompleted || e.type == Events::kReturnCompleted))
            forwards.append(&e);
        if (quarantine.code.isEmpty() && e.type == Events::kSaleCompleted && e.payload.contains("\"online_cart\""))
            carts.append(&e);
        hwm = e.seq;
        lastHash = e.hash;
        ++accepted.accepted;
        known = true; // the first event of an epoch defines where its gapless run starts
    }

    for (qsizetype from = 0; from < rows.size(); from += kRowsPerStatement) {
        const qsizetype n = std::min<qsizetype>(kRowsPerStatement, rows.size() - from);
        auto q = kept(QStringLiteral("INSERT INTO event (terminal_id, epoch, seq, event_id, type, created_at_ms, "
                                     "received_at_ms, payload, hash, quarantine, quarantine_reason, receipt_no, "
                                     "receipt_token) VALUES %1 ON CONFLICT DO NOTHING")
                          .arg(placeholders(n, 13)));
        if (!q)
            return storageFailure(q.error());
        int at = 0;
        for (qsizetype i = from; i < from + n; ++i) {
            for (const QVariant &value : rows[i])
                (*q)->bindValue(at++, value);
        }
        if (auto st = exec(**q, QStringLiteral("storing the events")); !st)
            return storageFailure(st.error());
        // A row not stored was taken by a concurrent push since the check (another hub sharing the database): the
        // transaction is rolled back and the terminal sends again, when the check finds it.
        if ((*q)->numRowsAffected() != n)
            return storageFailure(makeError(ErrorCode::Conflict, QStringLiteral("an event id was taken meanwhile")));
    }

    for (const JournalEntry *e : ledger) {
        if (auto st = applyStoredValue(r.terminalId, e->seq, e->type, e->payload); !st)
            return storageFailure(st.error());
    }

    // Customers and their points, in the order the terminal journaled them.
    for (const JournalEntry *e : customers) {
        Status st = Ok {};
        if (e->type == Events::kCustomerCreated || e->type == Events::kCustomerUpdated)
            st = applyCustomerEvent(r.terminalId, e->type, e->payload);
        else if (e->type == Events::kSaleCompleted)
            st = recordCustomerSale(r.terminalId, e->payload);
        if (st && e->type != Events::kCustomerCreated && e->type != Events::kCustomerUpdated)
            st = applyLoyalty(r.terminalId, e->seq, e->eventId, e->type, e->payload);
        if (!st)
            return storageFailure(st.error());
    }

    // Online carts the sales rang up: converted once, by compare-and-set on the version; the rest flagged.
    for (const JournalEntry *e : carts) {
        if (auto st = applyCartSale(r.terminalId, e->eventId, e->payload); !st)
            return storageFailure(st.error());
    }

    // Returns, after the sales of the same push (a till may sell and take back in one batch).
    for (const JournalEntry *e : returns) {
        Status st = applyReturn(r.terminalId, e->payload);
        if (st && e->payload.contains("\"points\":{"))
            st = applyLoyalty(r.terminalId, e->seq, e->eventId, e->type, e->payload);
        if (!st)
            return storageFailure(st.error());
    }

    if (auto st = queueForwards(r.terminalId, forwards); !st)
        return storageFailure(st.error());

    if (withReceipts) {
        // Receipt numbers are unique in the chain; one seen twice is a fiscal problem a manager must see. One query
        // for the push: each accepted sale whose number an earlier sale (of any terminal) already used.
        (*receiptSeen).bindValue(0, r.terminalId);
        (*receiptSeen).bindValue(1, r.epoch);
        (*receiptSeen).bindValue(2, hwmBefore);
        (*receiptSeen).bindValue(3, hwm);
        if (auto st = exec(*receiptSeen, QStringLiteral("checking the receipt numbers")); !st)
            return storageFailure(st.error());
        QList<std::pair<qint64, QString>> repeated;
        while (receiptSeen->next())
            repeated.append({ receiptSeen->value(0).toLongLong(), receiptSeen->value(1).toString() });
        receiptSeen->finish();
        for (const auto &[seq, receiptNo] : repeated) {
            if (auto st = incident(seq, QStringLiteral("DUPLICATE_RECEIPT_NO"),
                    QStringLiteral("receipt number %1 was already used by another sale").arg(receiptNo));
                !st)
                return storageFailure(st.error());
        }
    }

    if (!rejection && r.headSeq > 0 && r.headSeq < hwm) {
        // This copy holds less than the hub does: a clone, or a store restored from a backup, that has not sold
        // since. Handled like a fork before its next sale reuses a seq the hub holds.
        rejection = fork(r.headSeq + 1,
            QStringLiteral("this copy of the terminal ends at seq %1 but the hub holds it up to %2 (a clone or a "
                           "restored backup)")
                .arg(r.headSeq)
                .arg(hwm));
    }

    tally.addDuplicates(r.terminalId, m_clock(), accepted.duplicates);
    if (!tally.isEmpty()) {
        if (auto st = saveTally(tally); !st)
            return storageFailure(st.error());
    }
    if (accepted.accepted > 0) {
        auto save = kept(QStringLiteral("INSERT INTO terminal_epoch (terminal_id, epoch, hwm, last_hash) "
                                        "VALUES (?, ?, ?, ?) ON CONFLICT (terminal_id, epoch) DO UPDATE "
                                        "SET hwm = excluded.hwm, last_hash = excluded.last_hash"));
        if (!save)
            return storageFailure(save.error());
        (*save)->bindValue(0, r.terminalId);
        (*save)->bindValue(1, r.epoch);
        (*save)->bindValue(2, hwm);
        (*save)->bindValue(3, lastHash);
        if (auto st = exec(**save, QStringLiteral("saving the terminal state")); !st)
            return storageFailure(st.error());
    }
    if (auto st = tx->commit(); !st)
        return storageFailure(st.error());
    if (rejection) {
        rejection->ackedThrough = hwm;
        return *rejection;
    }
    accepted.ackedThrough = hwm;
    accepted.lastHash = lastHash;
    return accepted;
}

} // namespace omnitill::sync
