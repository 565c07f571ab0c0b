// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/receipts/receipt.h"
#include "core/catalog/catalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcReceipts, "pos.core.receipts", QtInfoMsg)

namespace omnitill {

namespace {
QString money(qint64 minor, Currency currency)
{
    return Money(minor, currency).toString();
}

// "1.25 kg", "3" (pieces), as the cart shows quantities.
QString quantityText(qint64 quantity, Unit unit)
{
    const QString number = formatQuantity(quantity, unit);
    return unit == Unit::Each ? number : number + u' ' + unitToString(unit);
}

// "Left text      right" in `columns`; a left text too long is cut with "…" so the right one always shows.
QString spread(const QString &left, const QString &right, int columns)
{
    const int room = columns - int(right.size()) - 1;
    QString l = left;
    if (room < 1)
        return right.right(columns);
    if (l.size() > room)
        l = l.left(room - 1) + u'…';
    return l + QString(columns - l.size() - right.size(), u' ') + right;
}

QString rateText(qint32 rateMilliPct)
{
    QString r = QString::number(double(rateMilliPct) / 1000.0, 'f', 3);
    while (r.endsWith(u'0'))
        r.chop(1);
    if (r.endsWith(u'.'))
        r.chop(1);
    return r + u'%';
}

QString taxKey(const QString &taxClass, qint64 rateMilliPct)
{
    return taxClass + u'|' + QString::number(rateMilliPct);
}

// Tax rates are marked A, B, … in the order the lines first use them, and the tax table follows that order, so a
// receipt reads the same whether it was made at the sale or later from the journal.
void markTaxes(Receipt &r, const QStringList &lineKeys, const QStringList &taxKeys)
{
    QHash<QString, QString> marks;
    for (const QString &key : lineKeys) {
        if (!marks.contains(key))
            marks.insert(key, QString(QChar(char16_t(u'A' + marks.size() % 26))));
    }
    for (qsizetype i = 0; i < r.lines.size(); ++i)
        r.lines[i].taxMark = marks.value(lineKeys.at(i));
    for (qsizetype i = 0; i < r.taxes.size(); ++i)
        r.taxes[i].mark = marks.value(taxKeys.at(i), QStringLiteral("?"));
    std::stable_sort(
        r.taxes.begin(), r.taxes.end(), [](const Receipt::Tax &a, const Receipt::Tax &b) { return a.mark < b.mark; });
}

QString methodName(const QString &method)
{
    if (method == QLatin1String("cash"))
        return QCoreApplication::translate("Receipt", "Cash");
    if (method == QLatin1String("card"))
        return QCoreApplication::translate("Receipt", "Card");
    if (method == QLatin1String("gift_card"))
        return QCoreApplication::translate("Receipt", "Gift card");
    if (method == QLatin1String("store_credit"))
        return QCoreApplication::translate("Receipt", "Store credit");
    if (method == QLatin1String("points"))
        return QCoreApplication::translate("Receipt", "Points");
    return method;
}
} // namespace

QStringList wrapped(const QString &text, int columns)
{
    QStringList out;
    QString line;
    for (QString word : text.split(u' ', Qt::SkipEmptyParts)) {
        while (word.size() > columns) {
            if (!line.isEmpty()) {
                out.append(line);
                line.clear();
            }
            out.append(word.left(columns));
            word = word.mid(columns);
        }
        if (line.isEmpty())
            line = word;
        else if (line.size() + 1 + word.size() <= columns)
            line += u' ' + word;
        else {
            out.append(line);
            line = word;
        }
    }
    if (!line.isEmpty())
        out.append(line);
    return out;
}

Receipt Receipt::fromSale(
    const SaleReceipt &sale, const ReceiptHeader &header, const QString &cashier, const QByteArray &qrData)
{
    Receipt r;
    r.header = header;
    r.receiptNo = sale.receiptNo;
    r.createdAtMs = sale.createdAtMs;
    r.cashier = cashier;
    r.currency = sale.currency;
    r.mode = sale.mode;
    r.qrData = qrData;
    QStringList lineKeys, taxKeys;
    for (const TaxLine &t : sale.totals.taxes) {
        taxKeys.append(taxKey(t.taxClass, t.rateMilliPct));
        r.taxes.append(Tax { QString(), t.rateMilliPct, t.netMinor, t.taxMinor, t.grossMinor });
    }
    for (const CartLine &l : sale.lines) {
        lineKeys.append(taxKey(l.item.tax.code, l.item.tax.rateMilliPct));
        r.lines.append(Line { l.item.name, l.item.sku, l.quantity, l.item.unit, l.item.price.minor(), l.amountMinor,
            l.lineDiscountMinor + l.cartDiscountMinor, l.totalMinor, QString() });
    }
    markTaxes(r, lineKeys, taxKeys);
    r.subtotalMinor = sale.totals.subtotalMinor;
    r.discountMinor = sale.totals.discountMinor;
    r.totalMinor = sale.totals.totalMinor;
    r.roundingMinor = sale.settlement.roundingMinor;
    r.dueMinor = sale.settlement.dueMinor;
    r.changeMinor = sale.settlement.changeMinor;
    for (const Tender &t : sale.settlement.tenders)
        r.payments.append(Payment { tenderKindToString(t.kind), t.amountMinor, t.tenderedMinor, t.reference });
    if (sale.customer) {
        // "Anna M.": enough for the customer to see it is theirs, little for whoever finds the receipt.
        const QStringList names = sale.customer->name.split(u' ', Qt::SkipEmptyParts);
        r.customer = names.size() > 1 ? names.first() + u' ' + names.last().left(1) + u'.' : names.value(0);
        r.pointsEarned = sale.customer->pointsEarned;
        r.pointsBalance = sale.customer->pointsBalance;
    }
    return r;
}

Result<Receipt> Receipt::fromSalePayload(const QByteArray &payload, const ReceiptHeader &header)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const auto currency = Currency::fromCode(o.value(u"currency").toString());
    const QJsonArray lines = o.value(u"lines").toArray();
    if (!currency || o.value(u"receipt_no").toString().isEmpty() || lines.isEmpty())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("the sale's journal entry is not one a receipt can be made from"));
    auto minor = [](const QJsonObject &from, QStringView key) { return qint64(from.value(key).toDouble()); };
    Receipt r;
    r.header = header;
    r.receiptNo = o.value(u"receipt_no").toString();
    r.createdAtMs = minor(o, u"created_at_ms");
    r.currency = *currency;
    r.mode = o.value(u"pricing").toString() == QLatin1String("exclusive") ? PricingMode::TaxExclusive
                                                                          : PricingMode::TaxInclusive;
    r.qrData = r.receiptNo.toUtf8();
    QStringList lineKeys, taxKeys;
    for (const QJsonValue &v : o.value(u"taxes").toArray()) {
        const QJsonObject t = v.toObject();
        taxKeys.append(taxKey(t.value(u"tax_class").toString(), minor(t, u"rate_milli_pct")));
        r.taxes.append(Tax { QString(), qint32(minor(t, u"rate_milli_pct")), minor(t, u"net_minor"),
            minor(t, u"tax_minor"), minor(t, u"gross_minor") });
    }
    for (const QJsonValue &v : lines) {
        const QJsonObject l = v.toObject();
        lineKeys.append(taxKey(l.value(u"tax_class").toString(), minor(l, u"tax_rate_milli_pct")));
        r.lines.append(Line { l.value(u"name").toString(), l.value(u"sku").toString(), minor(l, u"qty_milli"),
            unitFromString(l.value(u"unit").toString()).value_or(Unit::Each), minor(l, u"unit_price_minor"),
            minor(l, u"amount_minor"), minor(l, u"line_discount_minor") + minor(l, u"cart_discount_minor"),
            minor(l, u"total_minor"), QString() });
    }
    markTaxes(r, lineKeys, taxKeys);
    r.subtotalMinor = minor(o, u"subtotal_minor");
    r.discountMinor = minor(o, u"discount_minor");
    r.totalMinor = minor(o, u"total_minor");
    r.roundingMinor = minor(o, u"rounding_minor");
    r.dueMinor = minor(o, u"due_minor");
    r.changeMinor = minor(o, u"change_minor");
    const QJsonArray payments = o.value(u"payments").toArray(); // encoding 2; a sale of encoding 1 had one tender
    for (const QJsonValue &v : payments) {
        const QJsonObject p = v.toObject();
        r.payments.append(Payment { p.value(u"kind").toString(), minor(p, u"amount_minor"), minor(p, u"tendered_minor"),
            p.value(u"reference").toString() });
    }
    if (payments.isEmpty())
        r.payments.append(
            Payment { o.value(u"payment_method").toString(), r.dueMinor, minor(o, u"tendered_minor"), {} });
    if (const QJsonValue earned = o.value(u"customer")[u"points_earned"]; earned.isDouble())
        r.pointsEarned = earned.toInteger();
    return r;
}

Result<MonoImage> MonoImage::fromPbm(const QByteArray &pbm)
{
    const auto bad = [](const QString &why) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the logo is not usable: %1").arg(why));
    };
    if (!pbm.startsWith("P4"))
        return bad(QStringLiteral("it must be a binary PBM (P4), a one-bit image"));
    // The header: "P4", width, height, separated by whitespace, with comments from # to the end of a line; one
    // whitespace byte before the data.
    qsizetype at = 2;
    int numbers[2] = { 0, 0 };
    for (int &n : numbers) {
        for (;;) {
            while (at < pbm.size() && QChar::isSpace(uchar(pbm[at])))
                ++at;
            if (at < pbm.size() && pbm[at] == '#') {
                while (at < pbm.size() && pbm[at] != '\n')
                    ++at;
                continue;
            }
            break;
        }
        const qsizetype from = at;
        while (at < pbm.size() && pbm[at] >= '0' && pbm[at] <= '9' && at - from < 6)
            ++at;
        if (at == from)
            return bad(QStringLiteral("its header is damaged"));
        n = pbm.mid(from, at - from).toInt();
    }
    if (at >= pbm.size() || !QChar::isSpace(uchar(pbm[at])))
        return bad(QStringLiteral("its header is damaged"));
    ++at;
    const int width = numbers[0], height = numbers[1];
    if (width < 1 || width > 576 || height < 1 || height > 400)
        return bad(QStringLiteral("it is %1 × %2 dots; a logo is at most 576 wide (80 mm paper) and 400 high")
                       .arg(width)
                       .arg(height));
    const qsizetype size = qsizetype((width + 7) / 8) * height;
    if (pbm.size() - at < size)
        return bad(QStringLiteral("the file is cut short"));
    return MonoImage { width, height, pbm.mid(at, size) };
}

ReceiptHeader ReceiptHeader::fromJson(const QJsonObject &o)
{
    const auto lines = [](const QJsonValue &v) {
        QStringList out;
        if (v.isString())
            out.append(v.toString().left(200));
        const QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size() && i < 12; ++i)
            out.append(list.at(i).toString().left(200));
        return out;
    };
    ReceiptHeader h { o.value(u"store_name").toString().left(200), lines(o.value(u"address")),
        o.value(u"tax_id").toString().left(64), lines(o.value(u"footer")), {} };
    if (o.contains(u"logo_pbm")) {
        const QString base64 = o.value(u"logo_pbm").toString();
        auto logo
            = MonoImage::fromPbm(base64.size() <= 64 * 1024 ? QByteArray::fromBase64(base64.toLatin1()) : QByteArray());
        if (logo)
            h.logo = *logo;
        else
            qCWarning(lcReceipts) << "receipt.header:" << logo.error().message;
    }
    return h;
}

QByteArray receiptHtml(const Receipt &r, const QString &lang)
{
    const Currency c = r.currency;
    const auto e = [](const QString &text) { return text.toHtmlEscaped(); };
    const auto row = [&](const QString &label, const QString &amount, const char *cls = "") {
        return QStringLiteral("<tr class=\"%1\"><td>%2</td><td class=\"n\">%3</td></tr>\n")
            .arg(QLatin1String(cls), e(label), e(amount));
    };
    QString h;
    h += QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"robots\" content=\"noindex\"><title>%2</title><style>"
        "body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f6;color:#1f2328}"
        "main{max-width:30rem;margin:0 auto;background:#fff;padding:1.25rem}"
        "h1{font-size:1.4rem;margin:0 0 .25rem;text-align:center}"
        ".addr,.foot{text-align:center;color:#5f6368;margin:.1rem 0}"
        "table{width:100%;border-collapse:collapse;margin:.75rem 0}td{padding:.3rem 0;vertical-align:top}"
        ".n{text-align:right;white-space:nowrap;padding-left:1rem}.sub{color:#5f6368;font-size:.9rem}"
        ".total td{font-size:1.35rem;font-weight:700;border-top:2px solid #1f2328;padding-top:.5rem}"
        ".meta{display:flex;justify-content:space-between;color:#5f6368;font-size:.95rem}"
        ".copy{text-align:center;font-weight:700}"
        "</style></head><body><main>\n")
             .arg(e(lang), e(QCoreApplication::translate("Receipt", "Receipt %1").arg(r.receiptNo)));
    if (!r.header.storeName.isEmpty())
        h += QStringLiteral("<h1>%1</h1>\n").arg(e(r.header.storeName));
    for (const QString &line : r.header.address)
        h += QStringLiteral("<p class=\"addr\">%1</p>\n").arg(e(line));
    if (!r.header.taxId.isEmpty())
        h += QStringLiteral("<p class=\"addr\">%1</p>\n")
                 .arg(e(QCoreApplication::translate("Receipt", "Tax number %1").arg(r.header.taxId)));
    h += QStringLiteral("<p class=\"meta\"><span id=\"receipt-no\">%1</span><span>%2</span></p>\n")
             .arg(e(r.receiptNo),
                 e(QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    h += QStringLiteral("<table id=\"lines\">\n");
    for (const Receipt::Line &l : r.lines) {
        QString detail = l.sku;
        if (l.quantity != kQuantityScale || l.unit != Unit::Each)
            detail = QStringLiteral("%1 x %2").arg(quantityText(l.quantity, l.unit),
                l.unit == Unit::Each ? money(l.unitPriceMinor, c)
                                     : money(l.unitPriceMinor, c) + u'/' + unitToString(l.unit));
        h += QStringLiteral("<tr><td>%1<br><span class=\"sub\">%2</span></td><td class=\"n\">%3 %4</td></tr>\n")
                 .arg(e(l.name), e(detail), e(money(l.amountMinor, c)), e(l.taxMark));
        if (l.discountMinor != 0)
            h += row(QCoreApplication::translate("Receipt", "Discount"), money(-l.discountMinor, c), "sub");
    }
    h += QStringLiteral("</table>\n<table id=\"totals\">\n");
    if (r.discountMinor != 0)
        h += row(QCoreApplication::translate("Receipt", "Discounts"), money(-r.discountMinor, c));
    h += row(QCoreApplication::translate("Receipt", "Total %1").arg(c.code()), money(r.totalMinor, c), "total");
    if (r.roundingMinor != 0)
        h += row(QCoreApplication::translate("Receipt", "Cash rounding"), money(r.roundingMinor, c));
    for (const Receipt::Payment &p : r.payments) {
        QString label = methodName(p.method);
        if (!p.reference.isEmpty())
            label += p.method == QLatin1String("card")
                ? QStringLiteral(" (") + QCoreApplication::translate("Receipt", "Approval %1").arg(p.reference) + u')'
                : p.method == QLatin1String("points") ? QStringLiteral(" (") + p.reference + u')'
                                                      : QStringLiteral(" (...") + p.reference.right(4) + u')';
        h += row(label, money(p.tenderedMinor, c));
    }
    if (r.changeMinor != 0)
        h += row(QCoreApplication::translate("Receipt", "Change"), money(r.changeMinor, c));
    if (r.pointsEarned)
        h += row(QCoreApplication::translate("Receipt", "Points earned"), QString::number(*r.pointsEarned));
    if (r.pointsBalance)
        h += row(QCoreApplication::translate("Receipt", "Points balance"), QString::number(*r.pointsBalance));
    h += QStringLiteral("</table>\n<table id=\"taxes\">\n");
    for (const Receipt::Tax &t : r.taxes)
        h += QStringLiteral("<tr class=\"sub\"><td>%1 %2</td><td class=\"n\">%3 %4</td></tr>\n")
                 .arg(e(t.mark), e(rateText(t.rateMilliPct)), e(QCoreApplication::translate("Receipt", "Tax")),
                     e(money(t.taxMinor, c)));
    h += QStringLiteral("</table>\n");
    for (const QString &line : r.header.footer)
        h += QStringLiteral("<p class=\"foot\">%1</p>\n").arg(e(line));
    h += QStringLiteral("</main></body></html>\n");
    return h.toUtf8();
}

QList<ReceiptBlock> layoutReceipt(const Receipt &r, int columns)
{
    columns = qBound(24, columns, 64);
    QList<ReceiptBlock> out;
    auto text = [&](const QString &t, ReceiptBlock::Align align = ReceiptBlock::Align::Left, bool bold = false) {
        out.append(ReceiptBlock { ReceiptBlock::Kind::Text, t, align, bold, false, {} });
    };
    auto centred = [&](const QString &t, bool bold = false) {
        for (const QString &line : wrapped(t, columns))
            text(line, ReceiptBlock::Align::Centre, bold);
    };
    auto rule = [&] { out.append(ReceiptBlock { ReceiptBlock::Kind::Rule, {}, {}, false, false, {} }); };
    const Currency c = r.currency;

    if (r.copy)
        centred(QCoreApplication::translate("Receipt", "*** COPY ***"), true);
    if (r.refund)
        centred(QCoreApplication::translate("Receipt", "*** REFUND ***"), true);
    if (!r.header.storeName.isEmpty())
        centred(r.header.storeName, true);
    for (const QString &line : r.header.address)
        centred(line);
    if (!r.header.taxId.isEmpty())
        centred(QCoreApplication::translate("Receipt", "Tax number %1").arg(r.header.taxId));
    out.append(ReceiptBlock { ReceiptBlock::Kind::Feed, {}, {}, false, false, {} });
    text(spread(QCoreApplication::translate("Receipt", "Receipt"), r.receiptNo, columns));
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(r.createdAtMs);
    text(spread(at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), r.cashier, columns));
    if (r.refund)
        text(spread(QCoreApplication::translate("Receipt", "Refund of"),
            r.refundOf.isEmpty() ? QCoreApplication::translate("Receipt", "no receipt") : r.refundOf, columns));
    rule();

    for (const Receipt::Line &l : r.lines) {
        // name (wrapped), then "qty x unit price" beside the amount and its tax mark.
        const QString mark = l.taxMark.isEmpty() ? QStringLiteral("  ") : u' ' + l.taxMark;
        const QStringList name = wrapped(l.name, columns - 2);
        for (const QString &n : name)
            text(n);
        const QString amount = money(l.amountMinor, c) + mark;
        if (l.quantity != kQuantityScale || l.unit != Unit::Each)
            text(spread(QStringLiteral("  %1 x %2")
                            .arg(quantityText(l.quantity, l.unit),
                                l.unit == Unit::Each ? money(l.unitPriceMinor, c)
                                                     : money(l.unitPriceMinor, c) + u'/' + unitToString(l.unit)),
                amount, columns));
        else
            text(spread(QStringLiteral("  ") + l.sku, amount, columns));
        if (l.discountMinor != 0)
            text(spread(QStringLiteral("  ") + QCoreApplication::translate("Receipt", "Discount"),
                money(-l.discountMinor, c) + QStringLiteral("  "), columns));
    }
    rule();
    if (r.discountMinor != 0) {
        text(spread(QCoreApplication::translate("Receipt", "Subtotal"), money(r.subtotalMinor, c), columns));
        text(spread(QCoreApplication::translate("Receipt", "Discounts"), money(-r.discountMinor, c), columns));
    }
    // The total in large print: double width, so it is laid out for half the columns.
    out.append(ReceiptBlock { ReceiptBlock::Kind::Text,
        spread(QCoreApplication::translate("Receipt", "Total %1").arg(c.code()), money(r.totalMinor, c), columns / 2),
        ReceiptBlock::Align::Left, true, true, {} });
    if (r.roundingMinor != 0) {
        text(spread(QCoreApplication::translate("Receipt", "Cash rounding"), money(r.roundingMinor, c), columns));
        text(spread(QCoreApplication::translate("Receipt", "To pay"), money(r.dueMinor, c), columns));
    }
    for (const Receipt::Payment &p : r.payments) {
        text(spread(methodName(p.method), money(p.tenderedMinor, c), columns));
        if (p.reference.isEmpty())
            continue;
        if (p.method == QLatin1String("card"))
            text(QStringLiteral("  ") + QCoreApplication::translate("Receipt", "Approval %1").arg(p.reference));
        else if (p.method == QLatin1String("points")) // how many points paid
            text(QStringLiteral("  ") + p.reference);
        else // a gift card's or credit's number: only its last four, a receipt is not a key to the balance
            text(QStringLiteral("  ") + QCoreApplication::translate("Receipt", "No. ...%1").arg(p.reference.right(4)));
    }
    if (r.changeMinor != 0)
        text(spread(QCoreApplication::translate("Receipt", "Change"), money(r.changeMinor, c), columns),
            ReceiptBlock::Align::Left, true);
    if (!r.customer.isEmpty() || r.pointsEarned) {
        rule();
        if (!r.customer.isEmpty())
            text(QCoreApplication::translate("Receipt", "Customer: %1").arg(r.customer));
        if (r.pointsEarned)
            text(spread(
                QCoreApplication::translate("Receipt", "Points earned"), QString::number(*r.pointsEarned), columns));
        if (r.pointsBalance)
            text(spread(
                QCoreApplication::translate("Receipt", "Points balance"), QString::number(*r.pointsBalance), columns));
    }
    rule();
    // The tax table: each rate with its net, tax and gross.
    const int w = (columns - 6) / 3;
    auto row = [&](const QString &a, const QString &b, const QString &c3, const QString &d) -> QString {
        return a.leftJustified(6, u' ', true) + b.rightJustified(w, u' ', true) + c3.rightJustified(w, u' ', true)
            + d.rightJustified(columns - 6 - 2 * w, u' ', true);
    };
    text(row(QCoreApplication::translate("Receipt", "Tax"), QCoreApplication::translate("Receipt", "Net"),
        QCoreApplication::translate("Receipt", "Tax"), QCoreApplication::translate("Receipt", "Gross")));
    for (const Receipt::Tax &t : r.taxes)
        text(row(t.mark + u' ' + rateText(t.rateMilliPct), money(t.netMinor, c), money(t.taxMinor, c),
            money(t.grossMinor, c)));
    if (!r.qrData.isEmpty()) {
        out.append(ReceiptBlock { ReceiptBlock::Kind::Feed, {}, {}, false, false, {} });
        out.append(ReceiptBlock { ReceiptBlock::Kind::Qr, {}, ReceiptBlock::Align::Centre, false, false, r.qrData });
    }
    if (!r.fiscalQr.isEmpty()) {
        out.append(ReceiptBlock { ReceiptBlock::Kind::Feed, {}, {}, false, false, {} });
        out.append(ReceiptBlock { ReceiptBlock::Kind::Qr, {}, ReceiptBlock::Align::Centre, false, false, r.fiscalQr });
    } else if (r.fiscalPending) {
        out.append(ReceiptBlock { ReceiptBlock::Kind::Feed, {}, {}, false, false, {} });
        centred(QCoreApplication::translate("Receipt", "Signature pending: the signing device was not available"));
    }
    if (!r.header.footer.isEmpty()) {
        out.append(ReceiptBlock { ReceiptBlock::Kind::Feed, {}, {}, false, false, {} });
        for (const QString &line : r.header.footer)
            centred(line);
    }
    return out;
}

QString previewText(const Receipt &receipt, int columns)
{
    columns = qBound(24, columns, 64);
    QStringList lines;
    for (const ReceiptBlock &b : layoutReceipt(receipt, columns)) {
        switch (b.kind) {
        case ReceiptBlock::Kind::Text:
            if (b.large) {
                // Printed at double width, laid out for half the columns: on screen, spread over all of them.
                const qsizetype gap = b.text.indexOf(QStringLiteral("  "));
                lines.append(gap > 0 ? spread(b.text.left(gap), b.text.mid(gap).trimmed(), columns) : b.text);
            } else if (b.align == ReceiptBlock::Align::Centre)
                lines.append(QString((columns - b.text.size()) / 2, u' ') + b.text);
            else
                lines.append(b.text);
            break;
        case ReceiptBlock::Kind::Rule:
            lines.append(QString(columns, u'-'));
            break;
        case ReceiptBlock::Kind::Qr:
            lines.append(QStringLiteral("[QR: %1]").arg(QString::fromUtf8(b.qr)));
            break;
        case ReceiptBlock::Kind::Feed:
            lines.append(QString());
            break;
        }
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace omnitill
