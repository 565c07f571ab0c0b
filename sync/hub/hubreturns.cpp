// SPDX-License-Identifier: GPL-3.0-or-later
// Returns on the hub (docs/sync-protocol.md, "Returns"): the authoritative view of what was bought and what has come
// back, for any store sale or online order, answered to the tills (GET /sync/v1/original), and the ledger of returns
// the tills push. A till offline may take back what another already did; the hub records both and flags the excess.
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/base/money.h"
#include "core/returns/returns.h"
#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

namespace omnitill::sync {

namespace {
constexpr QStringView kRead = u"looking up the original";
constexpr QStringView kWrite = u"recording the return";

QVariant textOrNull(const QString &t)
{
    return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t);
}

// A sale.completed payload as the original of a return.
OriginalSale fromSale(const QJsonObject &p, const QString &store)
{
    OriginalSale s;
    s.receiptNo = p.value(u"receipt_no").toString();
    s.store = store;
    s.createdAtMs = p.value(u"created_at_ms").toInteger();
    s.currency = Currency::fromCode(p.value(u"currency").toString()).value_or(Currency());
    s.totalMinor = p.value(u"total_minor").toInteger();
    s.customerId = p.value(u"customer")[u"id"].toString();
    s.pointsEarned = p.value(u"customer")[u"points_earned"].toInteger();
    const bool exclusive = p.value(u"pricing").toString() == u"exclusive";
    for (const QJsonValue &v : p.value(u"lines").toArray()) {
        OriginalLine l;
        l.lineNo = v[u"line_no"].toInt();
        l.sku = v[u"sku"].toString();
        l.name = v[u"name"].toString();
        l.unit = v[u"unit"].toString();
        l.variantId = v[u"variant_id"].toInteger();
        l.qtyMilli = v[u"qty_milli"].toInteger();
        l.totalMinor = v[u"total_minor"].toInteger();
        l.taxClass = v[u"tax_class"].toString();
        l.rateMilliPct = v[u"tax_rate_milli_pct"].toInt();
        if (exclusive) // the customer paid the line's tax on top
            l.totalMinor += (l.totalMinor * l.rateMilliPct + 50'000) / 100'000;
        s.lines.append(l);
    }
    for (const QJsonValue &v : p.value(u"payments").toArray())
        s.tenders.append(
            OriginalTender { v[u"kind"].toString(), v[u"amount_minor"].toInteger(), v[u"reference"].toString(), 0 });
    if (s.tenders.isEmpty()) // a sale of encoding 1: one payment method for the total
        s.tenders.append(OriginalTender { p.value(u"payment_method").toString(), s.totalMinor, {}, 0 });
    return s;
}
} // namespace

Result<std::optional<QByteArray>> HubStore::original(const QString &receiptNo, const QString &tokenSha256)
{
    std::optional<OriginalSale> found;
    {
        auto q = query(
            QStringLiteral("SELECT e.payload, t.store_code FROM event e JOIN terminal t ON t.terminal_id "
                           "= e.terminal_id WHERE %1 = ? AND e.type = 'sale.completed' AND e.quarantine "
                           "IS NULL ORDER BY e.received_at_ms, e.seq LIMIT 1")
                .arg(tokenSha256.isEmpty() ? QStringLiteral("e.receipt_no") : QStringLiteral("e.receipt_token")),
            { tokenSha256.isEmpty() ? receiptNo : tokenSha256 }, kRead);
        if (!q)
            return q.error();
        if (q->next()) {
            const QByteArray payload = q->value(0).toByteArray();
            found = fromSale(QJsonDocument::fromJson(payload).object(), q->value(1).toString());
        }
    }
    if (!found && tokenSha256.isEmpty()) {
        // An online order, by the channel's own number.
        auto q = query(QStringLiteral("SELECT channel, order_no, customer_id, store, at_ms, total_minor, currency, "
                                      "lines FROM customer_order WHERE order_no = ? AND channel <> 'store' "
                                      "ORDER BY at_ms DESC LIMIT 1"),
            { receiptNo }, kRead);
        if (!q)
            return q.error();
        if (q->next()) {
            OriginalSale s;
            s.channel = q->value(0).toString();
            s.receiptNo = q->value(1).toString();
            s.customerId = q->value(2).toString();
            s.store = q->value(3).toString();
            s.createdAtMs = q->value(4).toLongLong();
            s.totalMinor = q->value(5).toLongLong();
            s.currency = Currency::fromCode(q->value(6).toString()).value_or(Currency());
            const QJsonArray lines = QJsonDocument::fromJson(q->value(7).toString().toUtf8()).array();
            for (int i = 0; i < lines.size(); ++i) {
                OriginalLine l;
                l.lineNo = i + 1;
                l.sku = lines[i][u"sku"].toString();
                l.name = lines[i][u"name"].toString();
                l.qtyMilli = lines[i][u"qty_milli"].toInteger();
                l.totalMinor = lines[i][u"total_minor"].toInteger();
                s.lines.append(l);
            }
            s.tenders.append(OriginalTender { QStringLiteral("online"), s.totalMinor, {}, 0 });
            found = s;
        }
    }
    if (!found)
        return std::optional<QByteArray>();
    OriginalSale &s = *found;
    s.source = OriginalSale::Source::Hub;
    s.asOfMs = m_clock();

    // Every return counted against it, line by line, and what its refunds went to.
    auto returned = query(QStringLiteral("SELECT event_id, line_no, qty_milli, amount_minor FROM return_entry "
                                         "WHERE original = ? ORDER BY at_ms, event_id, idx"),
        { s.receiptNo }, kRead);
    if (!returned)
        return returned.error();
    QSet<QString> returns;
    while (returned->next()) {
        const QString id = returned->value(0).toString();
        if (!returns.contains(id)) {
            returns.insert(id);
            s.returns.append(id);
        }
        const int lineNo = returned->value(1).isNull() ? 0 : returned->value(1).toInt();
        s.returnedMinor += returned->value(3).toLongLong();
        for (OriginalLine &l : s.lines) {
            if (l.lineNo == lineNo) {
                l.returnedMilli += returned->value(2).toLongLong();
                l.returnedMinor += returned->value(3).toLongLong();
            }
        }
    }
    auto refunds = query(QStringLiteral("SELECT kind, sum(amount_minor) FROM return_refund WHERE original = ? "
                                        "GROUP BY kind"),
        { s.receiptNo }, kRead);
    if (!refunds)
        return refunds.error();
    while (refunds->next()) {
        qint64 amount = refunds->value(1).toLongLong();
        for (OriginalTender &t : s.tenders) {
            if (t.kind == refunds->value(0).toString()) {
                const qint64 part = std::min(amount, t.amountMinor - t.refundedMinor);
                t.refundedMinor += part;
                amount -= part;
            }
        }
    }
    return std::optional<QByteArray>(QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact));
}

Status HubStore::applyReturn(const QString &terminalId, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    // The return's own id (its payload's), as the till keeps it: what the tills count returns by.
    const QString eventId = o.value(u"id").toString();
    const QJsonObject from = o.value(u"original").toObject();
    const QString original = from.value(u"receipt_no").toString();
    const QString channel = from.value(u"channel").toString();
    const QString returnNo = o.value(u"return_no").toString();
    const qint64 at = o.value(u"created_at_ms").toInteger();
    const QJsonArray lines = o.value(u"lines").toArray();
    qint64 stored = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject l = lines[i].toObject();
        const QVariant lineNo = l.value(u"line_no").isNull() ? QVariant(QMetaType(QMetaType::LongLong))
                                                             : QVariant(l.value(u"line_no").toInteger());
        auto q = query(QStringLiteral("INSERT INTO return_entry (event_id, idx, return_no, original, channel, line_no, "
                                      "sku, qty_milli, amount_minor, restock, terminal_id, at_ms) VALUES (?, ?, ?, ?, "
                                      "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            { eventId, i + 1, returnNo, textOrNull(original), textOrNull(channel), lineNo, l.value(u"sku").toString(),
                l.value(u"qty_milli").toInteger(), l.value(u"amount_minor").toInteger(),
                l.value(u"restock").toBool() ? 1 : 0, terminalId, at },
            kWrite);
        if (!q)
            return q.error();
        stored += q->numRowsAffected();
    }
    if (stored == 0)
        return Ok {}; // applied before: a rebased terminal sent the same return again
    const QJsonArray refunds = o.value(u"refunds").toArray();
    for (int i = 0; i < refunds.size(); ++i) {
        const QJsonObject r = refunds[i].toObject();
        auto q = query(QStringLiteral("INSERT INTO return_refund (event_id, seq, original, kind, amount_minor) VALUES "
                                      "(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            { eventId, i + 1, textOrNull(original), r.value(u"kind").toString(), r.value(u"amount_minor").toInteger() },
            kWrite);
        if (!q)
            return q.error();
    }
    if (original.isEmpty())
        return Ok {};

    // What has now come back of the original, everywhere: more than was bought is flagged, never refused.
    auto answer = this->original(original, {});
    if (!answer)
        return answer.error();
    if (!*answer)
        return Ok {}; // a sale the hub has not received yet (its till is offline): nothing to compare with
    auto sale = OriginalSale::fromJson(QJsonDocument::fromJson(**answer).object());
    if (!sale)
        return sale.error();
    auto flag = [&](const QString &code, const QString &detail) -> Status {
        qCWarning(lcHub) << "return flagged:" << code << detail;
        auto q = query(QStringLiteral("INSERT INTO return_flag (event_id, original, terminal_id, code, detail, at_ms) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"),
            { eventId, original, terminalId, code, detail, m_clock() }, kWrite);
        return q ? Status(Ok {}) : Status(q.error());
    };
    QSet<qint64> touched;
    for (const QJsonValue &l : lines)
        touched.insert(l[u"line_no"].toInteger());
    for (const OriginalLine &l : sale->lines) {
        if (!touched.contains(l.lineNo) || l.returnedMilli <= l.qtyMilli)
            continue;
        if (auto st = flag(QStringLiteral("OVER_RETURN"),
                QStringLiteral("%1 line %2 (%3): %4 bought, %5 returned in all; return %6 from terminal %7 took it "
                               "past what was bought")
                    .arg(original)
                    .arg(l.lineNo)
                    .arg(l.name)
                    .arg(double(l.qtyMilli) / 1000)
                    .arg(double(l.returnedMilli) / 1000)
                    .arg(returnNo, terminalId));
            !st)
            return st;
    }
    if (sale->returnedMinor > sale->totalMinor) {
        if (auto st = flag(QStringLiteral("OVER_REFUND"),
                QStringLiteral("%1 cost %2; returns have given back %3 (the last: %4 from terminal %5)")
                    .arg(original, Money(sale->totalMinor, sale->currency).toDisplayString(),
                        Money(sale->returnedMinor, sale->currency).toDisplayString(), returnNo, terminalId));
            !st)
            return st;
    }
    return Ok {};
}

Result<QList<HubStore::ManagerFlag>> HubStore::returnFlags(bool withResolved)
{
    return managerFlags(
        QLatin1StringView("return_flag"), QLatin1StringView("original"), withResolved, u"reading the return flags");
}

Status HubStore::resolveReturnFlag(qint64 id, const QString &by, const QString &resolution)
{
    return resolveFlag(QLatin1StringView("return_flag"), id, by, resolution);
}

} // namespace omnitill::sync
