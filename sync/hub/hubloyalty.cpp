// SPDX-License-Identifier: GPL-3.0-or-later
// The loyalty ledger (docs/sync-protocol.md, "Loyalty"): points earned by sales and redeemed as a tender at the tills,
// applied once per event, never below zero; the hub is authoritative and every till sees the balance on the customers
// stream, with what of its own it has counted.
#include "sync/common/streams.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/loyalty/loyalty.h"
#include "core/storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace omnitill::sync {

namespace {
constexpr QStringView kWrite = u"updating the loyalty ledger";
} // namespace

Status HubStore::applyLoyalty(
    const QString &terminalId, qint64 seq, const QString &eventId, const QString &type, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    QString customer, kind, key = eventId;
    qint64 points = 0, back = 0, clawedBack = 0;
    if (type == u"return.completed") {
        // Points paid go back to the customer; points the goods earned go with them.
        customer = o.value(u"points")[u"customer"].toString();
        back = o.value(u"points")[u"back"].toInteger();
        clawedBack = o.value(u"points")[u"clawed_back"].toInteger();
        points = back + clawedBack;
        kind = QStringLiteral("return");
    } else if (type == u"sale.completed") {
        customer = o.value(u"customer")[u"id"].toString();
        points = o.value(u"customer")[u"points_earned"].toInteger();
        kind = QStringLiteral("earn");
    } else if (o.value(u"kind").toString() == u"points") {
        customer = o.value(u"customer").toString();
        points = o.value(u"points").toInteger();
        kind = type == u"payment.taken" ? QStringLiteral("redeem") : QStringLiteral("give_back");
        key = o.value(u"id").toString();
    }
    if (customer.isEmpty() || points <= 0)
        return Ok {};

    // Applied before: a rebased terminal sends the same business event again.
    auto done = query(QStringLiteral("SELECT 1 FROM loyalty_entry WHERE id = ?"), { key }, kWrite);
    if (!done)
        return done.error();
    if (done->next())
        return Ok {};

    auto flag = [&](const QString &code, qint64 shortfall, const QString &detail) -> Status {
        qCWarning(lcHub) << "loyalty flagged:" << code << detail;
        auto q = query(
            QStringLiteral("INSERT INTO loyalty_flag (customer_id, event_id, terminal_id, seq, code, shortfall_points, "
                           "detail, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            { customer, key, terminalId, seq, code, shortfall, detail, m_clock() }, kWrite);
        return q ? Status(Ok {}) : Status(q.error());
    };
    const QString where = QStringLiteral("terminal %1, entry %2").arg(terminalId).arg(seq);

    auto survivor = customerSurvivor(customer);
    if (!survivor)
        return survivor.error();
    const QString id = *survivor;
    QString lock = QStringLiteral("SELECT points, points_earned, points_seen, tier FROM customer WHERE id = ? "
                                  "AND merged_into IS NULL");
    if (m_dialect == Dialect::Postgres)
        lock += QStringLiteral(" FOR UPDATE");
    auto row = query(lock, { id }, kWrite);
    if (!row)
        return row.error();
    if (!row->next()) {
        auto erased = query(QStringLiteral("SELECT 1 FROM customer_erased WHERE id = ?"), { id }, kWrite);
        if (!erased)
            return erased.error();
        if (erased->next())
            return Ok {}; // an erased customer's points are gone with them
        return flag(QStringLiteral("UNKNOWN_CUSTOMER"), kind == u"redeem" ? points : 0,
            QStringLiteral("%1 points (%2) for customer %3, whom the hub does not know (%4)")
                .arg(points)
                .arg(kind, customer, where));
    }
    qint64 balance = row->value(0).toLongLong();
    qint64 earnedTotal = row->value(1).toLongLong();
    QJsonObject seen = QJsonDocument::fromJson(row->value(2).toString().toUtf8()).object();
    QString tier = row->value(3).toString();
    row->finish();

    qint64 applied = points;
    if (kind == u"earn") {
        balance += points;
        earnedTotal += points;
        auto rulesRow = query(
            QStringLiteral("SELECT body FROM stream_change WHERE stream = ? AND key = ? ORDER BY change_seq DESC "
                           "LIMIT 1"),
            { kConfigStream, LoyaltyRules::kConfigKey }, kWrite);
        if (!rulesRow)
            return rulesRow.error();
        if (rulesRow->next() && !rulesRow->value(0).isNull()) {
            const QJsonObject value
                = QJsonDocument::fromJson(rulesRow->value(0).toByteArray()).object()[u"value"].toObject();
            if (auto rules = LoyaltyRules::fromJson(value))
                tier = rules->tierFor(earnedTotal, tier);
        }
    } else if (kind == u"redeem") {
        applied = std::min(points, balance);
        balance -= applied;
        if (applied < points) {
            if (auto st = flag(QStringLiteral("OVER_REDEEMED"), points - applied,
                    QStringLiteral("%1 points redeemed (%2, %3) when %4 were left; %5 were not covered")
                        .arg(points)
                        .arg(o.value(u"offline").toBool() ? QStringLiteral("offline") : QStringLiteral("online"), where)
                        .arg(applied)
                        .arg(points - applied));
                !st)
                return st;
        }
    } else if (kind == u"return") {
        const qint64 taken = std::min(clawedBack, balance + back);
        applied = back - taken;
        balance += applied;
        earnedTotal = std::max<qint64>(0, earnedTotal - clawedBack);
    } else { // give_back: what the payment actually took
        auto taken = query(QStringLiteral("SELECT applied FROM loyalty_entry WHERE id = ? AND kind = 'redeem'"),
            { o.value(u"taken").toString() }, kWrite);
        if (!taken)
            return taken.error();
        if (!taken->next()) {
            if (auto st = flag(QStringLiteral("UNKNOWN_REDEMPTION"), 0,
                    QStringLiteral("%1 points given back (%2) for a redemption the hub never saw")
                        .arg(points)
                        .arg(where));
                !st)
                return st;
            applied = 0;
        } else {
            applied = taken->value(0).toLongLong();
        }
        balance += applied;
        // A redemption given back settles its flag.
        auto settle
            = query(QStringLiteral("UPDATE loyalty_flag SET resolved_at_ms = ?, resolved_by = 'hub', resolution = "
                                   "'the payment was taken back' WHERE event_id = ? AND code = 'OVER_REDEEMED' AND "
                                   "resolved_at_ms IS NULL"),
                { m_clock(), o.value(u"taken").toString() }, kWrite);
        if (!settle)
            return settle.error();
    }
    seen.insert(terminalId, std::max(seen.value(terminalId).toInteger(), seq));
    auto entry = query(
        QStringLiteral("INSERT INTO loyalty_entry (id, customer_id, terminal_id, seq, kind, points, applied, at_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        { key, id, terminalId, seq, kind, points, applied, o.value(u"created_at_ms").toInteger() }, kWrite);
    if (!entry)
        return entry.error();
    auto update = query(
        QStringLiteral("UPDATE customer SET points = ?, points_earned = ?, points_seen = ?, points_as_of_ms = ?, "
                       "tier = ?, version = version + 1, updated_at_ms = ? WHERE id = ?"),
        { balance, earnedTotal, QString::fromUtf8(QJsonDocument(seen).toJson(QJsonDocument::Compact)), m_clock(),
            tier.isNull() ? QStringLiteral("") : tier, m_clock(), id },
        kWrite);
    if (!update)
        return update.error();
    return publishCustomer(id);
}

Result<QList<HubStore::LoyaltyFlag>> HubStore::loyaltyFlags(bool withResolved)
{
    auto q = query(
        QStringLiteral("SELECT id, customer_id, event_id, terminal_id, seq, code, shortfall_points, detail, at_ms, "
                       "resolved_at_ms, resolved_by, resolution FROM loyalty_flag %1 ORDER BY id")
            .arg(withResolved ? QString() : QStringLiteral("WHERE resolved_at_ms IS NULL")),
        {}, u"reading the loyalty flags");
    if (!q)
        return q.error();
    QList<LoyaltyFlag> flags;
    while (q->next()) {
        LoyaltyFlag f;
        f.id = q->value(0).toLongLong();
        f.customerId = q->value(1).toString();
        f.eventId = q->value(2).toString();
        f.terminalId = q->value(3).toString();
        f.seq = q->value(4).toLongLong();
        f.code = q->value(5).toString();
        f.shortfallPoints = q->value(6).toLongLong();
        f.detail = q->value(7).toString();
        f.atMs = q->value(8).toLongLong();
        if (!q->value(9).isNull())
            f.resolvedAtMs = q->value(9).toLongLong();
        f.resolvedBy = q->value(10).toString();
        f.resolution = q->value(11).toString();
        flags.append(f);
    }
    return flags;
}

Status HubStore::resolveLoyaltyFlag(qint64 id, const QString &by, const QString &resolution)
{
    return resolveFlag(QLatin1StringView("loyalty_flag"), id, by, resolution);
}

} // namespace omnitill::sync
