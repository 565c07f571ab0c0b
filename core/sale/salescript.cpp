// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/salescript.h"
#include "core/catalog/catalog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace omnitill {

namespace {

constexpr int kMaxItems = 500;

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

Status onlyKeys(const QJsonObject &o, const QStringList &allowed, const QString &where)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!allowed.contains(it.key()))
            return invalid(QStringLiteral("%1: unknown key \"%2\"; allowed: %3")
                               .arg(where, it.key(), allowed.join(QStringLiteral(", "))));
    }
    return Ok {};
}

Result<QString> stringField(const QJsonObject &o, const QString &key, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return invalid(QStringLiteral("%1: \"%2\" must be a string such as \"1.50\"").arg(where, key));
    return v.toString();
}

Result<Discount> parseDiscount(const QJsonValue &v, Currency currency, const QString &where)
{
    if (v.isUndefined())
        return Discount::none();
    const QJsonObject o = v.toObject();
    if (!v.isObject() || o.size() != 1 || !(o.contains(u"amount") || o.contains(u"percent")))
        return invalid(QStringLiteral("%1: a discount is {\"amount\": \"1.00\"} or {\"percent\": \"10\"}").arg(where));
    if (o.contains(u"amount")) {
        auto text = stringField(o, QStringLiteral("amount"), where);
        if (!text)
            return text.error();
        auto m = Money::parse(*text, currency);
        if (!m)
            return invalid(where + u": " + m.error().message);
        if (m->isNegative())
            return invalid(QStringLiteral("%1: a discount cannot be negative").arg(where));
        return Discount::amount(m->minor());
    }
    auto text = stringField(o, QStringLiteral("percent"), where);
    if (!text)
        return text.error();
    auto p = parsePercentBp(*text, QStringLiteral("discount"));
    if (!p)
        return invalid(where + u": " + p.error().message);
    return Discount::percent(*p);
}

} // namespace

Result<SaleReceipt> runSaleScript(const QByteArray &json, Catalog &catalog, SaleStore *store, qint64 atMs)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("the sale script is not valid JSON (at byte %1): %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return invalid(QStringLiteral("the sale script must be a JSON object"));
    const QJsonObject root = doc.object();
    if (auto st = onlyKeys(root,
            { QStringLiteral("currency"), QStringLiteral("pricing"), QStringLiteral("items"),
                QStringLiteral("discount"), QStringLiteral("payment") },
            QStringLiteral("sale"));
        !st)
        return st.error();

    const auto currency = Currency::fromCode(root.value(u"currency").toString());
    if (!currency)
        return invalid(QStringLiteral("sale: \"currency\" must be an ISO 4217 code such as \"EUR\""));
    const auto mode = pricingModeFromString(root.value(u"pricing").toString(QStringLiteral("inclusive")));
    if (!mode)
        return invalid(QStringLiteral("sale: \"pricing\" must be \"inclusive\" or \"exclusive\""));
    const QJsonArray items = root.value(u"items").toArray();
    if (items.isEmpty())
        return invalid(QStringLiteral("sale: \"items\" must be a non-empty array"));
    if (items.size() > kMaxItems)
        return invalid(
            QStringLiteral("sale: %1 items is more than the %2 allowed in one sale").arg(items.size()).arg(kMaxItems));

    Cart cart(*currency, *mode);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("items[%1]").arg(i);
        const QJsonObject it = items[i].toObject();
        if (auto st = onlyKeys(it,
                { QStringLiteral("barcode"), QStringLiteral("sku"), QStringLiteral("qty"), QStringLiteral("discount") },
                where);
            !st)
            return st.error();
        if (it.contains(u"barcode") == it.contains(u"sku"))
            return invalid(QStringLiteral("%1: give either \"barcode\" or \"sku\"").arg(where));
        const QString code = it.value(u"barcode").toString(it.value(u"sku").toString());
        auto item = it.contains(u"barcode") ? catalog.lookupBarcode(code, *currency, atMs)
                                            : catalog.lookupSku(code, *currency, atMs);
        if (!item)
            return Error { item.error().code, where + u": " + item.error().message };
        qint64 qty = kQuantityScale;
        if (it.contains(u"qty")) {
            auto text = stringField(it, QStringLiteral("qty"), where);
            if (!text)
                return text.error();
            auto q = parseQuantity(*text);
            if (!q)
                return invalid(where + u": " + q.error().message);
            qty = *q;
        }
        auto line = cart.add(*item, qty, it.contains(u"barcode") ? code : QString());
        if (!line)
            return invalid(where + u": " + line.error().message);
        auto discount = parseDiscount(it.value(u"discount"), *currency, where);
        if (!discount)
            return discount.error();
        if (!discount->isNone()) {
            if (auto st = cart.setLineDiscount(*line, *discount); !st)
                return invalid(where + u": " + st.error().message);
        }
    }
    auto cartDiscount = parseDiscount(root.value(u"discount"), *currency, QStringLiteral("discount"));
    if (!cartDiscount)
        return cartDiscount.error();
    if (auto st = cart.setCartDiscount(*cartDiscount); !st)
        return invalid(QStringLiteral("discount: ") + st.error().message);

    Payment payment;
    const QJsonObject pay = root.value(u"payment").toObject();
    if (auto st = onlyKeys(pay, { QStringLiteral("method"), QStringLiteral("tendered"), QStringLiteral("rounding") },
            QStringLiteral("payment"));
        !st)
        return st.error();
    const QString method = pay.value(u"method").toString(QStringLiteral("cash"));
    if (method != QLatin1String("cash") && method != QLatin1String("card"))
        return invalid(QStringLiteral("payment: \"method\" must be \"cash\" or \"card\""));
    payment.method = method == QLatin1String("cash") ? Payment::Method::Cash : Payment::Method::Card;
    if (pay.contains(u"tendered")) {
        auto text = stringField(pay, QStringLiteral("tendered"), QStringLiteral("payment"));
        if (!text)
            return text.error();
        auto m = Money::parse(*text, *currency);
        if (!m)
            return invalid(QStringLiteral("payment: ") + m.error().message);
        payment.tenderedMinor = m->minor();
    }
    if (pay.contains(u"rounding")) {
        auto text = stringField(pay, QStringLiteral("rounding"), QStringLiteral("payment"));
        if (!text)
            return text.error();
        auto m = Money::parse(*text, *currency);
        if (!m || m->minor() <= 0)
            return invalid(QStringLiteral("payment: \"rounding\" must be a positive amount such as \"0.05\""));
        payment.cashIncrementMinor = m->minor();
    }

    if (store)
        return store->record(cart, payment);
    auto settlement = SaleStore::settle(cart.totals(), *currency, payment);
    if (!settlement)
        return settlement.error();
    SaleReceipt r;
    r.createdAtMs = atMs;
    r.currency = *currency;
    r.mode = *mode;
    r.lines = cart.lines();
    r.totals = cart.totals();
    r.method = payment.method;
    r.settlement = *settlement;
    return r;
}

QString receiptText(const SaleReceipt &r)
{
    auto money = [&](qint64 minor) { return Money(minor, r.currency).toString(); };
    auto row = [](const QString &left, const QString &right) -> QString {
        return left.leftJustified(30, u' ', true) + u' ' + right.rightJustified(11) + u'\n';
    };
    QString out;
    out += QStringLiteral("Receipt %1  %2\n")
               .arg(r.receiptNo.isEmpty() ? QStringLiteral("(not saved)") : r.receiptNo,
                   QDateTime::fromMSecsSinceEpoch(r.createdAtMs, Qt::UTC).toString(Qt::ISODate));
    out += QStringLiteral("Prices %1 tax, %2\n")
               .arg(r.mode == PricingMode::TaxInclusive ? QStringLiteral("include") : QStringLiteral("exclude"),
                   r.currency.code());
    for (const CartLine &l : r.lines) {
        out += row(l.item.name, money(l.amountMinor));
        out += QStringLiteral("  %1 %2 x %3  [%4]\n")
                   .arg(formatQuantity(l.quantity, l.item.unit), unitToString(l.item.unit), money(l.item.price.minor()),
                       l.item.tax.code);
        if (l.lineDiscountMinor)
            out += row(QStringLiteral("  discount"), money(-l.lineDiscountMinor));
    }
    const qint64 cartDiscount = r.totals.discountMinor
        - std::accumulate(r.lines.cbegin(), r.lines.cend(), qint64(0),
            [](qint64 s, const CartLine &l) { return s + l.lineDiscountMinor; });
    out += row(QStringLiteral("Subtotal"), money(r.totals.subtotalMinor));
    if (cartDiscount)
        out += row(QStringLiteral("Sale discount"), money(-cartDiscount));
    for (const TaxLine &t : r.totals.taxes)
        out += row(
            QStringLiteral("Tax %1 %2% on %3").arg(t.taxClass, formatFixed(t.rateMilliPct, 3), money(t.netMinor)),
            money(t.taxMinor));
    out += row(QStringLiteral("TOTAL %1").arg(r.currency.code()), money(r.totals.totalMinor));
    if (r.settlement.roundingMinor)
        out += row(QStringLiteral("Cash rounding"), money(r.settlement.roundingMinor));
    out += row(QStringLiteral("Due"), money(r.settlement.dueMinor));
    out += row(paymentMethodToString(r.method) == QLatin1String("cash") ? QStringLiteral("Cash tendered")
                                                                        : QStringLiteral("Card"),
        money(r.settlement.tenderedMinor));
    if (r.settlement.changeMinor)
        out += row(QStringLiteral("Change"), money(r.settlement.changeMinor));
    return out;
}

} // namespace omnitill
