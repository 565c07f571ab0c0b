// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/returns/returns.h"

#include "core/base/canonicaljson.h"
#include "core/returns/logging.h"
#include "core/sale/cart.h"
#include "core/sale/salestore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storedvalue/cardnumber.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

namespace omnitill {

namespace {
constexpr qint64 kMaxMinor = 100'000'000'00; // no return gives back more than a hundred million
const QStringList kRefundKinds = { QStringLiteral("cash"), QStringLiteral("card"), QStringLiteral("gift_card"),
    QStringLiteral("store_credit"), QStringLiteral("points"), QStringLiteral("online"), QStringLiteral("exchange") };

// The order refunds fill the original tenders in: what cannot go back as cash first, cash last.
int refundOrder(const QString &kind)
{
    static const QStringList order = { QStringLiteral("online"), QStringLiteral("card"), QStringLiteral("gift_card"),
        QStringLiteral("store_credit"), QStringLiteral("points"), QStringLiteral("cash") };
    const int i = int(order.indexOf(kind));
    return i < 0 ? int(order.size()) : i;
}

// a * b / c rounded half away from zero, without overflow for amounts a till sees.
qint64 scaled(qint64 a, qint64 b, qint64 c)
{
    if (c == 0)
        return 0;
    __extension__ using Wide = __int128;
    const Wide p = Wide(a) * b;
    const Wide q = (p >= 0 ? p + c / 2 : p - c / 2) / c;
    return qint64(q);
}

QString qty(qint64 milli, const QString &unit)
{
    return formatQuantity(milli, unitFromString(unit).value_or(Unit::Each));
}

qint64 taxOf(qint64 grossMinor, qint32 rateMilliPct)
{
    return scaled(grossMinor, rateMilliPct, 100'000 + qint64(rateMilliPct));
}

Result<qint64> nonNegative(const QJsonObject &o, QStringView key, const QString &where)
{
    const QJsonValue v = o.value(key);
    const qint64 max = key.endsWith(u"_ms") ? std::numeric_limits<qint64>::max() / 2 : kMaxMinor;
    if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < 0 || v.toInteger() > max)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1.%2 must be a whole number from 0").arg(where, key.toString()));
    return v.toInteger();
}
} // namespace

qint64 OriginalLine::refundFor(qint64 qty) const
{
    if (qty <= 0 || qtyMilli <= 0)
        return 0;
    if (qty >= returnableMilli())
        return std::max<qint64>(0, totalMinor - returnedMinor);
    return std::min(scaled(totalMinor, qty, qtyMilli), std::max<qint64>(0, totalMinor - returnedMinor));
}

QString OriginalSale::sourceCode() const
{
    switch (source) {
    case Source::Hub:
        return QStringLiteral("hub");
    case Source::ThisTill:
        return QStringLiteral("this_till");
    case Source::CachedHeader:
        return QStringLiteral("cached_header");
    }
    return {};
}

Result<OriginalSale> OriginalSale::fromJson(const QJsonObject &o)
{
    OriginalSale s;
    s.receiptNo = o.value(u"receipt_no").toString();
    if (s.receiptNo.isEmpty() || s.receiptNo.size() > 64)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("receipt_no must be 1 to 64 characters"));
    s.channel = o.value(u"channel").toString(QStringLiteral("store"));
    s.store = o.value(u"store").toString().left(12);
    s.customerId = o.value(u"customer_id").toString();
    const auto currency = Currency::fromCode(o.value(u"currency").toString());
    if (!currency)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("currency must be an ISO 4217 code"));
    s.currency = *currency;
    for (auto [key, into] : { std::pair { u"created_at_ms", &s.createdAtMs }, { u"total_minor", &s.totalMinor },
             { u"returned_minor", &s.returnedMinor }, { u"as_of_ms", &s.asOfMs },
             { u"points_earned", &s.pointsEarned } }) {
        if (!o.contains(key) && (QStringView(key) == u"points_earned" || QStringView(key) == u"returned_minor"))
            continue;
        auto v = nonNegative(o, key, QStringLiteral("the original"));
        if (!v)
            return v.error();
        *into = *v;
    }
    const QJsonArray lines = o.value(u"lines").toArray();
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject l = lines[i].toObject();
        const QString where = QStringLiteral("lines[%1]").arg(i);
        OriginalLine line;
        line.lineNo = l.value(u"line_no").toInt();
        line.sku = l.value(u"sku").toString().left(64);
        line.name = l.value(u"name").toString().left(200);
        line.unit = l.value(u"unit").toString(QStringLiteral("each"));
        line.variantId = l.value(u"variant_id").toInteger();
        line.taxClass = l.value(u"tax_class").toString().left(32);
        line.rateMilliPct = l.value(u"tax_rate_milli_pct").toInt();
        if (line.lineNo <= 0 || line.name.isEmpty())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 needs line_no and name").arg(where));
        for (auto [key, into] : { std::pair { u"qty_milli", &line.qtyMilli }, { u"total_minor", &line.totalMinor },
                 { u"returned_milli", &line.returnedMilli }, { u"returned_minor", &line.returnedMinor } }) {
            auto v = nonNegative(l, key, where);
            if (!v)
                return v.error();
            *into = *v;
        }
        if (line.qtyMilli == 0)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("%1.qty_milli must be positive").arg(where));
        s.lines.append(line);
    }
    for (const QJsonValue &t : o.value(u"tenders").toArray()) {
        OriginalTender tender;
        tender.kind = t[u"kind"].toString();
        if (!kRefundKinds.contains(tender.kind))
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("a tender's kind is one of %1").arg(kRefundKinds.join(QStringLiteral(", "))));
        tender.amountMinor = t[u"amount_minor"].toInteger();
        tender.refundedMinor = t[u"refunded_minor"].toInteger();
        tender.reference = t[u"reference"].toString().left(64);
        s.tenders.append(tender);
    }
    for (const QJsonValue &r : o.value(u"returns").toArray())
        s.returns.append(r.toString());
    return s;
}

QJsonObject OriginalSale::toJson() const
{
    QJsonArray lineArray;
    for (const OriginalLine &l : lines)
        lineArray.append(QJsonObject { { QStringLiteral("line_no"), l.lineNo }, { QStringLiteral("sku"), l.sku },
            { QStringLiteral("name"), l.name }, { QStringLiteral("unit"), l.unit },
            { QStringLiteral("variant_id"), l.variantId }, { QStringLiteral("qty_milli"), l.qtyMilli },
            { QStringLiteral("total_minor"), l.totalMinor }, { QStringLiteral("tax_class"), l.taxClass },
            { QStringLiteral("tax_rate_milli_pct"), l.rateMilliPct },
            { QStringLiteral("returned_milli"), l.returnedMilli },
            { QStringLiteral("returned_minor"), l.returnedMinor } });
    QJsonArray tenderArray;
    for (const OriginalTender &t : tenders)
        tenderArray.append(
            QJsonObject { { QStringLiteral("kind"), t.kind }, { QStringLiteral("amount_minor"), t.amountMinor },
                { QStringLiteral("reference"), t.reference }, { QStringLiteral("refunded_minor"), t.refundedMinor } });
    return QJsonObject { { QStringLiteral("receipt_no"), receiptNo }, { QStringLiteral("channel"), channel },
        { QStringLiteral("store"), store }, { QStringLiteral("created_at_ms"), createdAtMs },
        { QStringLiteral("currency"), currency.code() }, { QStringLiteral("total_minor"), totalMinor },
        { QStringLiteral("returned_minor"), returnedMinor }, { QStringLiteral("customer_id"), customerId },
        { QStringLiteral("points_earned"), pointsEarned }, { QStringLiteral("lines"), lineArray },
        { QStringLiteral("tenders"), tenderArray }, { QStringLiteral("returns"), QJsonArray::fromStringList(returns) },
        { QStringLiteral("as_of_ms"), asOfMs } };
}

QString receiptTokenIn(const QString &scanned)
{
    // 26 symbols of Crockford base32 (SaleStore::newReceiptToken), alone or at the end of the e-receipt link.
    static const QRegularExpression kToken(QStringLiteral("^(?:https?://[^\\s]{1,200}/r/)?([0-9A-HJKMNP-TV-Z]{26})$"));
    const auto m = kToken.match(scanned.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

ReturnPolicy ReturnPolicy::fromConfig(const QJsonValue &value)
{
    ReturnPolicy p;
    const QJsonObject o = value.toObject();
    if (o.value(u"days").isDouble())
        p.days = std::clamp(o.value(u"days").toInt(), 0, 3650);
    if (o.value(u"unverified_limit_minor").isDouble())
        p.unverifiedLimitMinor = std::clamp<qint64>(o.value(u"unverified_limit_minor").toInteger(), 0, kMaxMinor);
    return p;
}

ReturnStore::ReturnStore(Database &db, SaleStore &sales, Clock clock, ReturnPolicy policy)
    : m_db(db)
    , m_sales(sales)
    , m_clock(std::move(clock))
    , m_policy(policy)
{ }

Result<std::optional<OriginalSale>> ReturnStore::findLocalByToken(const QString &token)
{
    auto q = m_db.statement("SELECT receipt_no FROM sale WHERE receipt_token = ?");
    if (!q)
        return q.error();
    q->bind(0, token);
    auto row = q->next(u"finding the receipt");
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<OriginalSale>();
    const QString receiptNo = q->text(0);
    return findLocal(receiptNo);
}

Result<std::optional<OriginalSale>> ReturnStore::findLocal(const QString &receiptNo)
{
    OriginalSale s;
    qint64 saleId = 0;
    {
        auto q = m_db.statement("SELECT id, receipt_no, created_at_ms, currency, total_minor, customer_id, "
                                "coalesce(points_earned, 0), pricing, (SELECT value FROM meta WHERE key = "
                                "'store_code') FROM sale WHERE receipt_no = ?");
        if (!q)
            return q.error();
        q->bind(0, receiptNo.trimmed().toUpper());
        auto row = q->next(u"finding the receipt");
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<OriginalSale>();
        saleId = q->int64(0);
        s.receiptNo = q->text(1);
        s.createdAtMs = q->int64(2);
        s.currency = Currency::fromCode(q->text(3)).value_or(Currency());
        s.totalMinor = q->int64(4);
        s.customerId = q->isNull(5) ? QString() : q->text(5);
        s.pointsEarned = q->int64(6);
        s.store = q->isNull(8) ? QString() : q->text(8);
        s.source = OriginalSale::Source::ThisTill;
        s.asOfMs = m_clock();
        const bool exclusive = q->text(7) == u"exclusive";
        auto lines = m_db.statement("SELECT line_no, sku, name, unit, coalesce(variant_id, 0), qty_milli, "
                                    "total_minor, tax_class, tax_rate_milli_pct FROM sale_line WHERE sale_id = ? "
                                    "ORDER BY line_no");
        if (!lines)
            return lines.error();
        lines->bind(0, saleId);
        for (;;) {
            auto next = lines->next(u"reading the receipt's lines");
            if (!next)
                return next.error();
            if (!*next)
                break;
            OriginalLine l;
            l.lineNo = int(lines->int64(0));
            l.sku = lines->text(1);
            l.name = lines->text(2);
            l.unit = lines->text(3);
            l.variantId = lines->int64(4);
            l.qtyMilli = lines->int64(5);
            l.totalMinor = lines->int64(6);
            l.taxClass = lines->text(7);
            l.rateMilliPct = qint32(lines->int64(8));
            // Tax-exclusive prices: the customer paid the line's tax on top.
            if (exclusive)
                l.totalMinor += scaled(l.totalMinor, l.rateMilliPct, 100'000);
            s.lines.append(l);
        }
    }
    {
        auto pay = m_db.statement("SELECT kind, amount_minor, reference FROM sale_payment WHERE sale_id = ? "
                                  "ORDER BY seq");
        if (!pay)
            return pay.error();
        pay->bind(0, saleId);
        for (;;) {
            auto next = pay->next(u"reading the receipt's payments");
            if (!next)
                return next.error();
            if (!*next)
                break;
            s.tenders.append(OriginalTender { pay->text(0), pay->int64(1), pay->text(2), 0 });
        }
    }
    if (auto st = addUncounted(s); !st)
        return st.error();
    return std::optional<OriginalSale>(s);
}

Result<std::optional<OriginalSale>> ReturnStore::findCachedHeader(const QString &number)
{
    // The customers' bodies are few per store and this runs only offline: a scan of their recent orders.
    auto q = m_db.statement("SELECT c.id, json_extract(o.value, '$.channel'), json_extract(o.value, '$.store'), "
                            "json_extract(o.value, '$.at_ms'), json_extract(o.value, '$.total_minor'), "
                            "json_extract(o.value, '$.currency') FROM customer_body c, json_each(c.body, '$.recent') o "
                            "WHERE json_extract(o.value, '$.order') = ? LIMIT 1");
    if (!q)
        return q.error();
    q->bind(0, number.trimmed());
    auto row = q->next(u"looking for the receipt among the customers' orders");
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<OriginalSale>();
    OriginalSale s;
    s.receiptNo = number.trimmed();
    s.customerId = q->text(0);
    s.channel = q->text(1);
    s.store = q->isNull(2) ? QString() : q->text(2);
    s.createdAtMs = q->int64(3);
    s.totalMinor = q->int64(4);
    s.currency = Currency::fromCode(q->text(5)).value_or(Currency());
    s.source = OriginalSale::Source::CachedHeader;
    s.asOfMs = m_clock();
    if (s.channel != u"store")
        s.tenders.append(OriginalTender { QStringLiteral("online"), s.totalMinor, {}, 0 });
    // What this till has already refunded against it.
    auto refunded = m_db.statement("SELECT event_id, total_minor FROM sale_return WHERE original = ?");
    if (!refunded)
        return refunded.error();
    refunded->bind(0, s.receiptNo);
    for (;;) {
        auto next = refunded->next(u"reading this till's returns");
        if (!next)
            return next.error();
        if (!*next)
            break;
        s.returns.append(refunded->text(0));
        s.returnedMinor += refunded->int64(1);
    }
    return std::optional<OriginalSale>(s);
}

Status ReturnStore::addUncounted(OriginalSale &original)
{
    auto q = m_db.statement("SELECT r.event_id, l.original_line_no, l.qty_milli, l.amount_minor FROM sale_return r "
                            "JOIN sale_return_line l ON l.return_id = r.id WHERE r.original = ? ORDER BY r.id, l.idx");
    if (!q)
        return q.error();
    q->bind(0, original.receiptNo);
    QSet<QString> added;
    for (;;) {
        auto next = q->next(u"reading this till's returns");
        if (!next)
            return next.error();
        if (!*next)
            break;
        const QString id = q->text(0);
        if (original.returns.contains(id) && !added.contains(id))
            continue;
        added.insert(id);
        const int lineNo = q->isNull(1) ? 0 : int(q->int64(1));
        original.returnedMinor += q->int64(3);
        for (OriginalLine &l : original.lines) {
            if (l.lineNo == lineNo) {
                l.returnedMilli += q->int64(2);
                l.returnedMinor += q->int64(3);
            }
        }
    }
    if (added.isEmpty())
        return Ok {};
    auto refunds = m_db.statement("SELECT r.event_id, f.kind, f.amount_minor FROM sale_return r "
                                  "JOIN sale_return_refund f ON f.return_id = r.id WHERE r.original = ?");
    if (!refunds)
        return refunds.error();
    refunds->bind(0, original.receiptNo);
    for (;;) {
        auto next = refunds->next(u"reading this till's refunds");
        if (!next)
            return next.error();
        if (!*next)
            break;
        if (!added.contains(refunds->text(0)))
            continue;
        for (OriginalTender &t : original.tenders) {
            if (t.kind == refunds->text(1)) {
                t.refundedMinor += refunds->int64(2);
                break;
            }
        }
    }
    for (const QString &id : std::as_const(added))
        original.returns.append(id);
    return Ok {};
}

QList<Refund> ReturnStore::defaultRefunds(const std::optional<OriginalSale> &original, qint64 totalMinor)
{
    QList<Refund> out;
    if (totalMinor <= 0)
        return out;
    if (!original || original->tenders.isEmpty()) {
        // Without a receipt (or a header that does not say how it was paid): store credit.
        Refund r;
        r.kind = original && original->channel != u"store" ? QStringLiteral("online") : QStringLiteral("store_credit");
        r.amountMinor = totalMinor;
        return { r };
    }
    QList<OriginalTender> tenders = original->tenders;
    std::stable_sort(tenders.begin(), tenders.end(),
        [](const OriginalTender &a, const OriginalTender &b) { return refundOrder(a.kind) < refundOrder(b.kind); });
    qint64 left = totalMinor;
    for (const OriginalTender &t : tenders) {
        const qint64 room = t.kind == u"cash" ? left : std::max<qint64>(0, t.amountMinor - t.refundedMinor);
        const qint64 amount = std::min(left, room);
        if (amount <= 0)
            continue;
        Refund r;
        r.kind = t.kind;
        r.amountMinor = amount;
        if (t.kind == u"gift_card" || t.kind == u"store_credit")
            r.reference = t.reference; // the card's last four: the one to credit
        out.append(r);
        left -= amount;
        if (left == 0)
            break;
    }
    if (left > 0) { // paid without cash and already refunded to the full: what is left goes as cash
        Refund r;
        r.amountMinor = left;
        out.append(r);
    }
    return out;
}

bool ReturnStore::overrides(const std::optional<OriginalSale> &original, const QList<Refund> &refunds)
{
    // What goes to an exchange pays for other goods: no money leaves, whatever paid the original.
    qint64 total = 0;
    for (const Refund &r : refunds)
        total += r.kind == u"exchange" ? 0 : r.amountMinor;
    QHash<QString, qint64> wanted, given;
    for (const Refund &r : defaultRefunds(original, total))
        wanted[r.kind] += r.amountMinor;
    for (const Refund &r : refunds) {
        if (r.kind != u"exchange")
            given[r.kind] += r.amountMinor;
    }
    return given != wanted;
}

QList<Permission> ReturnStore::needs(const ReturnRequest &request) const
{
    QList<Permission> out;
    if (!request.original)
        out.append(Permission::ReturnWithoutReceipt);
    else if (request.original->source == OriginalSale::Source::CachedHeader)
        out.append(Permission::ReturnUnverified);
    if (overrides(request.original, request.refunds))
        out.append(Permission::RefundOverride);
    return out;
}

Result<ReturnRecord> ReturnStore::record(ReturnRequest request, const StaffMember &by,
    const std::optional<OverrideApproval> &approval, ReturnStore::Transactions transactions)
{
    auto refuse = [](const QString &why) { return makeError(ErrorCode::InvalidInput, why); };
    if (request.lines.isEmpty())
        return refuse(QStringLiteral("nothing is being returned: choose the lines or scan the items"));
    const QString reason = request.reason.trimmed().left(200);
    if (reason.isEmpty())
        return refuse(QStringLiteral("say why the items come back"));
    const qint64 now = m_clock();
    const std::optional<OriginalSale> &original = request.original;
    if (original && original->createdAtMs > 0 && m_policy.days > 0
        && now - original->createdAtMs > qint64(m_policy.days) * 24 * 3600 * 1000 && !by.may(Permission::RefundOverride)
        && !(approval && approval->action == Permission::RefundOverride))
        return makeError(ErrorCode::Refused,
            QStringLiteral("%1 is older than the %2 days returns are taken for: a manager may still take it back")
                .arg(original->receiptNo)
                .arg(m_policy.days));
    const QList<Permission> needed = needs(request);
    for (const Permission p : needed) {
        const bool approved = approval && approval->requestedBy == by.id && approval->action == needed.first();
        if (!by.may(p) && !approved)
            return StaffStore::authorize(by, p).error();
    }

    // Price each line from the original (not from what the caller says), or check scanned ones.
    ReturnRecord rec;
    rec.currency = original ? original->currency : request.currency;
    qint64 total = 0, tax = 0;
    QHash<int, qint64> taking; // original line → quantity in this return
    for (ReturnLine &l : request.lines) {
        if (l.qtyMilli <= 0 || l.qtyMilli > 1'000'000'000)
            return refuse(QStringLiteral("%1: the quantity returned must be more than zero").arg(l.name));
        if (original && !original->headerOnly()) {
            const auto it = std::find_if(original->lines.begin(), original->lines.end(),
                [&](const OriginalLine &o) { return o.lineNo == l.originalLineNo; });
            if (it == original->lines.end())
                return refuse(QStringLiteral("%1 has no line %2").arg(original->receiptNo).arg(l.originalLineNo));
            OriginalLine line = *it;
            line.returnedMilli += taking[l.originalLineNo];
            if (l.qtyMilli > line.returnableMilli())
                return makeError(ErrorCode::Refused,
                    QStringLiteral("%1: %2 bought, %3 already returned; no more can come back")
                        .arg(line.name)
                        .arg(qty(line.qtyMilli, line.unit), qty(it->returnedMilli, line.unit)));
            l.amountMinor = line.refundFor(l.qtyMilli);
            taking[l.originalLineNo] += l.qtyMilli;
            l.sku = line.sku;
            l.name = line.name;
            l.unit = line.unit;
            l.variantId = line.variantId;
            l.taxClass = line.taxClass;
            l.rateMilliPct = line.rateMilliPct;
        } else {
            l.originalLineNo = 0;
            if (l.amountMinor < 0 || l.amountMinor > kMaxMinor)
                return refuse(QStringLiteral("%1: the amount returned is out of range").arg(l.name));
        }
        if (l.name.trimmed().isEmpty() || l.sku.trimmed().isEmpty())
            return refuse(QStringLiteral("every line returned needs its item"));
        total += l.amountMinor;
        tax += taxOf(l.amountMinor, l.rateMilliPct);
    }
    if (original && original->headerOnly()) {
        if (total > original->returnableMinor())
            return makeError(ErrorCode::Refused,
                QStringLiteral("%1 comes to %2 and %3 of it was refunded; this return asks %4")
                    .arg(original->receiptNo, Money(original->totalMinor, rec.currency).toDisplayString(),
                        Money(original->returnedMinor, rec.currency).toDisplayString(),
                        Money(total, rec.currency).toDisplayString()));
    }
    if (original && original->source != OriginalSale::Source::Hub && original->source != OriginalSale::Source::ThisTill
        && total > m_policy.unverifiedLimitMinor)
        return makeError(ErrorCode::Refused,
            QStringLiteral("while the hub cannot confirm %1, a return may give back at most %2")
                .arg(original->receiptNo, Money(m_policy.unverifiedLimitMinor, rec.currency).toDisplayString()));

    // The refunds: they add up to the return, each to a tender that can take it.
    if (request.refunds.isEmpty())
        request.refunds = defaultRefunds(original, total);
    qint64 refunded = 0;
    for (Refund &r : request.refunds) {
        if (!kRefundKinds.contains(r.kind))
            return refuse(QStringLiteral("a refund goes to cash, card, gift card, store credit, points or online"));
        if (r.amountMinor <= 0)
            return refuse(QStringLiteral("each refund must be more than zero"));
        refunded += r.amountMinor;
        if (r.kind == u"card") {
            auto code = checkApprovalCode(r.reference);
            if (!code)
                return refuse(QStringLiteral("a card refund needs the card terminal's approval code: %1")
                                  .arg(code.error().message));
            r.reference = *code;
        } else if (r.kind == u"gift_card" || r.kind == u"store_credit") {
            if (r.card.isEmpty()) {
                if (r.kind == u"gift_card")
                    return refuse(QStringLiteral("scan or type the gift card the refund goes onto"));
                r.newNumber = CardNumber::generate(); // a new store credit for the customer
                r.card = CardNumber::hash(r.newNumber);
                r.reference = CardNumber::last4(r.newNumber);
            }
        } else if (r.kind == u"points") {
            if (!original || original->customerId.isEmpty())
                return refuse(QStringLiteral("points go back only to the customer of the original sale"));
            r.customer = original->customerId;
            const auto it = std::find_if(original->tenders.begin(), original->tenders.end(),
                [](const OriginalTender &t) { return t.kind == u"points"; });
            // Points paid in proportion: "1,234 points" paid the tender's amount.
            const qint64 paidPoints = it == original->tenders.end()
                ? 0
                : QString(it->reference).remove(QRegularExpression(QStringLiteral("[^0-9]"))).toLongLong();
            r.points = it == original->tenders.end() || it->amountMinor == 0
                ? 0
                : std::max<qint64>(1, scaled(paidPoints, r.amountMinor, it->amountMinor));
            r.reference = QStringLiteral("%1 points").arg(r.points);
        } else if (r.kind == u"online") {
            if (!original || original->channel == u"store")
                return refuse(QStringLiteral("only an online order is refunded to its online payment"));
        } else if (r.kind == u"exchange") {
            if (request.exchangeReceiptNo.isEmpty())
                return refuse(QStringLiteral("an exchange credit pays only for the goods taken instead"));
            r.reference = request.exchangeReceiptNo;
        }
    }
    if (refunded != total)
        return refuse(
            QStringLiteral("the refunds come to %1 but the return gives back %2")
                .arg(Money(refunded, rec.currency).toDisplayString(), Money(total, rec.currency).toDisplayString()));
    // Earned points go back with the goods, in proportion.
    qint64 clawedBack = 0;
    if (original && original->pointsEarned > 0 && original->totalMinor > 0 && !original->customerId.isEmpty())
        clawedBack = std::min(original->pointsEarned, scaled(original->pointsEarned, total, original->totalMinor));

    std::optional<Transaction> tx;
    if (transactions == Transactions::Own) {
        tx.emplace(m_db.connection());
        if (!tx->begun())
            return tx->begun().error();
    }
    // This till's returns of the same original since it was looked up: checked again under the write lock.
    if (original && !original->headerOnly()) {
        OriginalSale latest = *original;
        if (auto st = addUncounted(latest); !st)
            return st.error();
        for (auto it = taking.cbegin(); it != taking.cend(); ++it) {
            for (const OriginalLine &l : latest.lines) {
                if (l.lineNo == it.key() && it.value() > l.returnableMilli())
                    return makeError(ErrorCode::Conflict,
                        QStringLiteral("%1 was returned here meanwhile: look the receipt up again").arg(l.name));
            }
        }
    }
    auto number = m_sales.nextReceiptNo();
    if (!number)
        return number.error();
    rec.returnNo = *number;
    rec.createdAtMs = now;
    rec.eventId = Journal::newEventId(now);
    rec.totalMinor = total;
    rec.taxMinor = tax;
    rec.originalReceiptNo = original ? original->receiptNo : QString();
    rec.pointsClawedBack = clawedBack;
    const QString source = original ? original->sourceCode() : QStringLiteral("none");
    const QString customer = !request.customerId.isEmpty() ? request.customerId
        : original                                         ? original->customerId
                                                           : QString();
    const std::optional<QString> approvedBy = approval ? std::optional<QString>(approval->approvedBy) : std::nullopt;
    {
        auto q = m_db.statement("INSERT INTO sale_return (event_id, return_no, created_at_ms, currency, original, "
                                "channel, source, total_minor, tax_minor, customer_id, staff_id, approved_by, reason, "
                                "shift_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "(SELECT id FROM shift WHERE closed_at_ms IS NULL))");
        if (!q)
            return q.error();
        q->bind(0, rec.eventId).bind(1, rec.returnNo).bind(2, now).bind(3, rec.currency.code());
        if (original)
            q->bind(4, original->receiptNo).bind(5, original->channel);
        else
            q->bindNull(4).bindNull(5);
        q->bind(6, source).bind(7, total).bind(8, tax);
        if (customer.isEmpty())
            q->bindNull(9);
        else
            q->bind(9, customer);
        q->bind(10, by.id);
        if (approvedBy)
            q->bind(11, *approvedBy);
        else
            q->bindNull(11);
        q->bind(12, reason);
        if (auto st = q->run(u"saving the return"); !st)
            return st.error();
        rec.id = q->lastInsertRowId();
    }
    QList<QByteArray> lineJson, refundJson;
    {
        auto q = m_db.statement("INSERT INTO sale_return_line (return_id, idx, original_line_no, sku, name, unit, "
                                "variant_id, qty_milli, amount_minor, tax_class, tax_rate_milli_pct, restock) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!q)
            return q.error();
        JsonObjectWriter json;
        for (int i = 0; i < request.lines.size(); ++i) {
            const ReturnLine &l = request.lines[i];
            q->bind(0, rec.id).bind(1, i + 1);
            if (l.originalLineNo > 0)
                q->bind(2, l.originalLineNo);
            else
                q->bindNull(2);
            q->bind(3, l.sku).bind(4, l.name).bind(5, l.unit);
            if (l.variantId > 0)
                q->bind(6, l.variantId);
            else
                q->bindNull(6);
            q->bind(7, l.qtyMilli).bind(8, l.amountMinor).bind(9, l.taxClass).bind(10, l.rateMilliPct);
            q->bind(11, l.restock ? 1 : 0);
            if (auto st = q->run(u"saving the lines returned"); !st)
                return st.error();
            json.add("idx", i + 1);
            if (l.originalLineNo > 0)
                json.add("line_no", l.originalLineNo);
            else
                json.add("line_no", nullptr);
            json.add("sku", l.sku).add("name", l.name).add("unit", l.unit).add("qty_milli", l.qtyMilli);
            json.add("amount_minor", l.amountMinor).add("tax_class", l.taxClass);
            json.add("tax_rate_milli_pct", l.rateMilliPct).addRaw("restock", l.restock ? "true" : "false");
            lineJson.append(json.finish());
        }
    }
    {
        auto q = m_db.statement("INSERT INTO sale_return_refund (return_id, seq, kind, amount_minor, reference) "
                                "VALUES (?, ?, ?, ?, ?)");
        if (!q)
            return q.error();
        JsonObjectWriter json;
        for (int i = 0; i < request.refunds.size(); ++i) {
            const Refund &r = request.refunds[i];
            q->bind(0, rec.id).bind(1, i + 1).bind(2, r.kind).bind(3, r.amountMinor).bind(4, r.reference);
            if (auto st = q->run(u"saving the refunds"); !st)
                return st.error();
            json.add("seq", i + 1).add("kind", r.kind).add("amount_minor", r.amountMinor);
            json.add("reference", r.reference);
            if (!r.card.isEmpty())
                json.add("card", r.card);
            refundJson.append(json.finish());
        }
    }
    qint64 pointsBack = 0;
    for (const Refund &r : request.refunds)
        pointsBack += r.points;

    JsonObjectWriter o;
    o.add("enc", 1).add("id", rec.eventId).add("return_no", rec.returnNo).add("created_at_ms", now);
    o.add("currency", rec.currency.code()).add("total_minor", total).add("tax_minor", tax);
    if (original) {
        JsonObjectWriter from;
        from.add("receipt_no", original->receiptNo).add("channel", original->channel).add("store", original->store);
        from.add("source", source);
        o.addRaw("original", from.finish());
    } else {
        o.add("original", nullptr);
    }
    o.addRaw("lines", jsonArray(lineJson)).addRaw("refunds", jsonArray(refundJson));
    if (pointsBack > 0 || clawedBack > 0) {
        JsonObjectWriter points;
        points.add("customer", original->customerId).add("back", pointsBack).add("clawed_back", clawedBack);
        o.addRaw("points", points.finish());
    }
    if (customer.isEmpty())
        o.add("customer", nullptr);
    else
        o.add("customer", customer);
    o.add("reason", reason).add("by", by.id);
    if (approval)
        o.add("approval", approval->id);
    else
        o.add("approval", nullptr);
    if (!request.exchangeReceiptNo.isEmpty())
        o.add("exchange_receipt_no", request.exchangeReceiptNo);
    auto entry = Journal::append(m_db, QStringLiteral("return.completed"), o.finish(), now);
    if (!entry)
        return entry.error();
    rec.journalSeq = entry->seq;

    // Refunds onto a gift card or store credit are the ledger's credit, as a card sold or topped up is.
    for (const Refund &r : request.refunds) {
        if (r.kind != u"gift_card" && r.kind != u"store_credit")
            continue;
        JsonObjectWriter sv;
        sv.add("enc", 1).add("id", Journal::newEventId(now)).add("card", r.card).add("last4", r.reference.right(4));
        sv.add("kind", r.kind).add("currency", rec.currency.code()).add("amount_minor", r.amountMinor);
        sv.add("receipt_no", rec.returnNo).add("created_at_ms", now);
        if (!r.newNumber.isEmpty())
            sv.add("expires_at_ms", nullptr);
        if (auto e = Journal::append(m_db,
                r.newNumber.isEmpty() ? QStringLiteral("sv.topped_up") : QStringLiteral("sv.issued"), sv.finish(), now);
            !e)
            return e.error();
    }
    if (tx) {
        if (auto st = tx->commit(); !st)
            return st.error();
    }
    rec.lines = request.lines;
    rec.refunds = request.refunds;
    qCInfo(lcReturns) << "return" << rec.returnNo << "recorded against"
                      << (rec.originalReceiptNo.isEmpty() ? QStringLiteral("no receipt") : rec.originalReceiptNo) << ":"
                      << rec.lines.size() << "lines," << Money(total, rec.currency).toDisplayString();
    return rec;
}

} // namespace omnitill
