// SPDX-License-Identifier: GPL-3.0-or-later
// The stored-value ledger: gift cards and store credit, driven by the terminals' events (docs/sync-protocol.md,
// "Stored value"). The hub is authoritative: every till sees its rows on the stored_value stream, and asks it online.
#include "sync/common/events.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/base/money.h"
#include "core/storage/database.h"
#include "core/storedvalue/storedvalue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace omnitill::sync {

namespace {
QString money(qint64 minor, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return c ? Money(minor, *c).toDisplayString() : QStringLiteral("%1 %2").arg(minor).arg(currency);
}

QString seenJson(const QHash<QString, qint64> &seen)
{
    QJsonObject o;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

Status HubStore::flagStoredValue(const QString &card, const QString &last4, const QString &eventId,
    const QString &terminalId, qint64 seq, const QString &code, qint64 shortfallMinor, const QString &currency,
    const QString &detail)
{
    auto q = prepare(m_db,
        QStringLiteral("INSERT INTO sv_flag (card, last4, event_id, terminal_id, seq, code, shortfall_minor, currency, "
                       "detail, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!q)
        return q.error();
    const QVariantList v = { card, last4, eventId, terminalId, seq, code, shortfallMinor, currency, detail, m_clock() };
    for (int i = 0; i < v.size(); ++i)
        q->bindValue(i, v[i]);
    qCWarning(lcHub) << "stored value flagged:" << code << "card" << last4 << detail;
    return exec(*q, QStringLiteral("flagging the card for a manager"));
}

Status HubStore::applyStoredValue(const QString &terminalId, qint64 seq, const QString &type, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QString card = o.value(u"card").toString();
    if (card.isEmpty())
        return Ok {}; // a payment that is no stored value
    const QString id = o.value(u"id").toString();
    const qint64 amount = o.value(u"amount_minor").toInteger();
    const QString currency = o.value(u"currency").toString();
    const qint64 at = o.value(u"created_at_ms").toInteger();
    const QString reference = o.value(u"receipt_no").toString();

    // Applied before: a terminal that rebased its journal sends the same business event again.
    {
        auto done = kept(QStringLiteral("SELECT 1 FROM sv_entry WHERE id = ?"));
        if (!done)
            return done.error();
        (*done)->bindValue(0, id);
        if (auto st = exec(**done, QStringLiteral("reading the ledger")); !st)
            return st;
        const bool applied = (*done)->next();
        (*done)->finish();
        if (applied)
            return Ok {};
    }

    auto held = readStoredValueCard(card, true);
    if (!held)
        return held.error();
    const bool exists = held->has_value();
    StoredValueCard c = exists ? **held : StoredValueCard {};
    QString last4 = exists ? c.last4 : o.value(u"last4").toString();
    const QString cardCurrency = exists ? c.currency.code() : currency;
    if (last4.isEmpty())
        last4 = QStringLiteral("????");
    auto flag = [&](const QString &code, qint64 shortfall, const QString &detail) {
        return flagStoredValue(card, last4, id, terminalId, seq, code, shortfall, currency, detail);
    };
    const QString where = QStringLiteral("terminal %1, entry %2").arg(terminalId).arg(seq);

    qint64 applied = 0; // what the balance moved
    if (type == Events::kStoredValueIssued) {
        if (exists) {
            if (auto st = flag(QStringLiteral("DUPLICATE_ISSUE"), 0,
                    QStringLiteral("card …%1 was sold again (receipt %2, %3) with %4; the card already existed, "
                                   "so nothing was added")
                        .arg(last4, reference, where, money(amount, currency)));
                !st)
                return st;
        } else {
            auto insert = prepare(m_db,
                QStringLiteral("INSERT INTO sv_card (card, last4, kind, currency, balance_minor, expires_at_ms, "
                               "blocked, version, seen, issued_by, issued_at_ms) VALUES (?, ?, ?, ?, 0, ?, 0, 0, "
                               "'{}', ?, ?)"));
            if (!insert)
                return insert.error();
            const QVariant noExpiry(QMetaType(QMetaType::LongLong));
            const QJsonValue e = o.value(u"expires_at_ms");
            const QVariantList v = { card, last4, o.value(u"kind").toString(), currency,
                e.isNull() ? noExpiry : QVariant(e.toInteger()), terminalId, at };
            for (int i = 0; i < v.size(); ++i)
                insert->bindValue(i, v[i]);
            if (auto st = exec(*insert, QStringLiteral("issuing the card")); !st)
                return st;
            c.card = card;
            c.last4 = last4;
            c.kind = tenderKindFromString(o.value(u"kind").toString()).value_or(Tender::Kind::GiftCard);
            c.currency = Currency::fromCode(currency).value_or(Currency());
            if (!e.isNull())
                c.expiresAtMs = e.toInteger();
            applied = amount;
        }
    } else if (!exists) {
        if (auto st = flag(QStringLiteral("UNKNOWN_CARD"), type == Events::kPaymentTaken ? amount : 0,
                QStringLiteral("%1 of %2 on card …%3 (%4), which the hub does not know")
                    .arg(type, money(amount, currency), last4, where));
            !st)
            return st;
    } else if (currency != cardCurrency) {
        if (auto st = flag(QStringLiteral("CURRENCY"), type == Events::kPaymentTaken ? amount : 0,
                QStringLiteral("%1 of %2 on card …%3 (%4), which holds %5: not applied")
                    .arg(type, money(amount, currency), last4, where, cardCurrency));
            !st)
            return st;
    } else if (type == Events::kStoredValueToppedUp) {
        applied = amount;
    } else if (type == Events::kPaymentTaken) {
        const qint64 balance = c.balanceMinor;
        applied = -std::min(amount, balance);
        if (amount > balance) {
            if (auto st = flag(QStringLiteral("OVERDRAFT"), amount - balance,
                    QStringLiteral("card …%1 paid %2 (%3%4) but held only %5: %6 is not covered")
                        .arg(last4, money(amount, currency), where,
                            o.value(u"offline").toBool() ? QStringLiteral(", offline") : QString(),
                            money(balance, currency), money(amount - balance, currency)));
                !st)
                return st;
        }
        if (c.blocked || (c.expiresAtMs && *c.expiresAtMs <= at)) {
            if (auto st = flag(c.blocked ? QStringLiteral("BLOCKED_USED") : QStringLiteral("EXPIRED_USED"), 0,
                    QStringLiteral("card …%1 paid %2 (%3) while it was %4")
                        .arg(last4, money(amount, currency), where,
                            c.blocked ? QStringLiteral("blocked") : QStringLiteral("expired")));
                !st)
                return st;
        }
    } else if (type == Events::kPaymentReversed) {
        // The card gets back what the payment actually took from it; an uncovered part was never taken.
        auto taken = prepare(m_db, QStringLiteral("SELECT applied_minor FROM sv_entry WHERE id = ? AND card = ?"));
        if (!taken)
            return taken.error();
        taken->bindValue(0, o.value(u"taken").toString());
        taken->bindValue(1, card);
        if (auto st = exec(*taken, QStringLiteral("reading the redemption")); !st)
            return st;
        if (taken->next()) {
            applied = -taken->value(0).toLongLong();
            taken->finish();
            auto settle = prepare(m_db,
                QStringLiteral("UPDATE sv_flag SET resolved_at_ms = ?, resolved_by = 'hub', resolution = ? "
                               "WHERE event_id = ? AND resolved_at_ms IS NULL"));
            if (!settle)
                return settle.error();
            settle->bindValue(0, m_clock());
            settle->bindValue(1, QStringLiteral("the payment was taken back (%1)").arg(where));
            settle->bindValue(2, o.value(u"taken").toString());
            if (auto st = exec(*settle, QStringLiteral("settling the card's flags")); !st)
                return st;
        } else {
            taken->finish();
            if (auto st = flag(QStringLiteral("UNKNOWN_REDEMPTION"), 0,
                    QStringLiteral("a payment of %1 on card …%2 was taken back (%3), but the hub has no such payment")
                        .arg(money(amount, currency), last4, where));
                !st)
                return st;
        }
    }

    auto entry = kept(QStringLiteral("INSERT INTO sv_entry (id, card, terminal_id, seq, type, amount_minor, "
                                     "applied_minor, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!entry)
        return entry.error();
    const QVariantList v = { id, card, terminalId, seq, type, amount, applied, at };
    for (int i = 0; i < v.size(); ++i)
        (*entry)->bindValue(i, v[i]);
    if (auto st = exec(**entry, QStringLiteral("writing the ledger")); !st)
        return st;

    if (!exists && type != Events::kStoredValueIssued)
        return Ok {};
    c.balanceMinor += applied;
    c.version += 1;
    c.seen.insert(terminalId, std::max(c.seen.value(terminalId, 0), seq));
    auto update = kept(QStringLiteral("UPDATE sv_card SET balance_minor = balance_minor + ?, version = version + 1, "
                                      "seen = ? WHERE card = ?"));
    if (!update)
        return update.error();
    (*update)->bindValue(0, applied);
    (*update)->bindValue(1, seenJson(c.seen));
    (*update)->bindValue(2, card);
    if (auto st = exec(**update, QStringLiteral("updating the card's balance")); !st)
        return st;
    // The row every till pulls, from the card as just updated.
    return publish(kStoredValueStream, card, c.toRow());
}

Result<std::optional<StoredValueCard>> HubStore::readStoredValueCard(const QString &card, bool forUpdate)
{
    // FOR UPDATE: pushes of different terminals through hubs sharing a PostgreSQL database apply a card one after
    // another; SQLite's BEGIN IMMEDIATE already holds the only write lock.
    auto q = kept(forUpdate && m_dialect == Dialect::Postgres
            ? QStringLiteral("SELECT last4, kind, currency, balance_minor, expires_at_ms, blocked, version, seen "
                             "FROM sv_card WHERE card = ? FOR UPDATE")
            : QStringLiteral("SELECT last4, kind, currency, balance_minor, expires_at_ms, blocked, version, seen "
                             "FROM sv_card WHERE card = ?"));
    if (!q)
        return q.error();
    QSqlQuery &r = **q;
    r.bindValue(0, card);
    if (auto st = exec(r, QStringLiteral("reading the card")); !st)
        return st.error();
    if (!r.next()) {
        r.finish();
        return std::optional<StoredValueCard>();
    }
    StoredValueCard c;
    c.card = card;
    c.last4 = r.value(0).toString();
    c.kind = tenderKindFromString(r.value(1).toString()).value_or(Tender::Kind::GiftCard);
    c.currency = Currency::fromCode(r.value(2).toString()).value_or(Currency());
    c.balanceMinor = r.value(3).toLongLong();
    if (!r.value(4).isNull())
        c.expiresAtMs = r.value(4).toLongLong();
    c.blocked = r.value(5).toLongLong() != 0;
    c.version = r.value(6).toLongLong();
    const QJsonObject seen = QJsonDocument::fromJson(r.value(7).toByteArray()).object();
    for (auto it = seen.begin(); it != seen.end(); ++it)
        c.seen.insert(it.key(), it.value().toInteger());
    r.finish();
    return std::optional<StoredValueCard>(c);
}

Result<std::optional<QByteArray>> HubStore::storedValueRow(const QString &card)
{
    auto c = readStoredValueCard(card, false);
    if (!c)
        return c.error();
    if (!*c)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>((*c)->toRow());
}

Result<QList<HubStore::StoredValueFlag>> HubStore::storedValueFlags(bool withResolved)
{
    auto q = prepare(m_db,
        QStringLiteral("SELECT id, card, last4, event_id, terminal_id, seq, code, shortfall_minor, currency, detail, "
                       "at_ms, resolved_at_ms, resolved_by, resolution FROM sv_flag %1 ORDER BY id")
            .arg(withResolved ? QString() : QStringLiteral("WHERE resolved_at_ms IS NULL")));
    if (!q)
        return q.error();
    if (auto st = exec(*q, QStringLiteral("reading the flagged cards")); !st)
        return st.error();
    QList<StoredValueFlag> flags;
    while (q->next()) {
        StoredValueFlag f;
        f.id = q->value(0).toLongLong();
        f.card = q->value(1).toString();
        f.last4 = q->value(2).toString();
        f.eventId = q->value(3).toString();
        f.terminalId = q->value(4).toString();
        f.seq = q->value(5).toLongLong();
        f.code = q->value(6).toString();
        f.shortfallMinor = q->value(7).toLongLong();
        f.currency = q->value(8).toString();
        f.detail = q->value(9).toString();
        f.atMs = q->value(10).toLongLong();
        if (!q->value(11).isNull())
            f.resolvedAtMs = q->value(11).toLongLong();
        f.resolvedBy = q->value(12).toString();
        f.resolution = q->value(13).toString();
        flags.append(f);
    }
    return flags;
}

Status HubStore::resolveStoredValueFlag(qint64 id, const QString &by, const QString &resolution)
{
    return resolveFlag(QLatin1StringView("sv_flag"), id, by, resolution);
}

} // namespace omnitill::sync
