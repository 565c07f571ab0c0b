// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reports/dayfigures.h"

#include "core/base/money.h"
#include "core/staff/permissions.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace omnitill {

namespace {
// The journal's event types (sync/common/events.h names them for the wire; core writes them as these strings).
const QString kSaleCompleted = QStringLiteral("sale.completed");
const QString kReturnCompleted = QStringLiteral("return.completed");
const QString kSaleVoided = QStringLiteral("sale.voided");
const QString kLineVoided = QStringLiteral("line.voided");
const QString kPriceOverridden = QStringLiteral("line.price_overridden");
const QString kLineDiscounted = QStringLiteral("line.discounted");
const QString kCartDiscounted = QStringLiteral("cart.discounted");
const QString kOverrideApproved = QStringLiteral("override.approved");
const QString kCashMoved = QStringLiteral("cash.moved");
const QString kShiftClosed = QStringLiteral("shift.closed");
const QString kPaymentDeclined = QStringLiteral("payment.declined");

qint64 minor(const QJsonValue &v)
{
    return qint64(v.toDouble());
}

// In the till's language (the hub speaks English): the texts are marked with QT_TRANSLATE_NOOP for lupdate.
QString translated(const char *text)
{
    return QCoreApplication::translate("DayFigures", text);
}
} // namespace

QList<MoneyLine> moneyOf(QStringView type, const QJsonObject &o)
{
    QList<MoneyLine> out;
    const QString currency = o.value(u"currency").toString();
    auto book = [&](const QString &kind, qint64 amountMinor, const QString &in = {}) {
        out.append(MoneyLine { in.isNull() ? currency : in, kind, 1, amountMinor });
    };
    if (type == kSaleCompleted) {
        book(QStringLiteral("sales"), minor(o[u"total_minor"]));
        if (const qint64 discount = minor(o[u"discount_minor"]); discount != 0)
            book(QStringLiteral("discounts"), discount);
        const QJsonArray payments = o.value(u"payments").toArray();
        if (payments.isEmpty()) // encoding 1: one tender paid what was due
            book(u"tender." + o.value(u"payment_method").toString(), minor(o[u"due_minor"]));
        for (const QJsonValue &p : payments)
            book(u"tender." + p[u"kind"].toString(), minor(p[u"amount_minor"]));
    } else if (type == kReturnCompleted) {
        book(QStringLiteral("returns"), minor(o[u"total_minor"]));
        for (const QJsonValue &r : o.value(u"refunds").toArray())
            book(u"refund." + r[u"kind"].toString(), minor(r[u"amount_minor"]));
    } else if (type == kSaleVoided) {
        book(QStringLiteral("voids.sale"), minor(o[u"total_minor"]));
    } else if (type == kLineVoided) {
        book(QStringLiteral("voids.line"), minor(o[u"line"][u"total_minor"]));
    } else if (type == kPriceOverridden) {
        book(QStringLiteral("price_overrides"), minor(o[u"from_minor"]) - minor(o[u"to_minor"]));
    } else if (type == kLineDiscounted || type == kCartDiscounted) {
        book(QStringLiteral("discounts.manual"), minor(o[u"discount_minor"]));
    } else if (type == kOverrideApproved) {
        book(QStringLiteral("approvals"), 0, QStringLiteral("")); // moves no money: no currency ('' is not NULL)
    } else if (type == kCashMoved) {
        const QString kind = o.value(u"kind").toString(); // in, out, no_sale: the drawer opened without a sale
        book(kind == QLatin1String("no_sale") ? QStringLiteral("drawer.no_sale") : u"cash." + kind,
            minor(o[u"amount_minor"]));
    } else if (type == kShiftClosed) {
        const qint64 difference = minor(o[u"difference_minor"]);
        book(QStringLiteral("z_reports"), difference);
        if (difference > 0)
            book(QStringLiteral("cash.over"), difference);
        else if (difference < 0)
            book(QStringLiteral("cash.short"), -difference);
    } else if (type == kPaymentDeclined) {
        book(QStringLiteral("declined"), minor(o[u"amount_minor"]));
    }
    return out;
}

const QStringList &listedTypes()
{
    static const QStringList types { kOverrideApproved, kSaleVoided, kLineVoided, kPriceOverridden, kLineDiscounted,
        kCartDiscounted, kCashMoved, kShiftClosed, kReturnCompleted };
    return types;
}

ListedEvent listedEvent(const QString &type, qint64 atMs, const QJsonObject &o, const QHash<QString, QString> &names,
    const QHash<QString, QString> &approvers)
{
    auto who = [&](const QJsonValue &id) {
        const QString s = id.toString();
        return s.isEmpty() ? QString() : names.value(s, s.left(8));
    };
    ListedEvent e;
    e.atMs = atMs;
    e.type = type;
    e.currency = o.value(u"currency").toString();
    e.by = who(o.value(u"by"));
    e.reason = o.value(u"reason").toString();
    e.approvedBy = approvers.value(o.value(u"approval").toString());
    if (type == kSaleVoided) {
        e.amountMinor = minor(o[u"total_minor"]);
        e.summary = translated(QT_TRANSLATE_NOOP("DayFigures", "sale voided"));
    } else if (type == kLineVoided) {
        e.amountMinor = minor(o[u"line"][u"total_minor"]);
        e.summary = translated(QT_TRANSLATE_NOOP("DayFigures", "line voided: %1")).arg(o[u"line"][u"name"].toString());
    } else if (type == kPriceOverridden) {
        e.amountMinor = minor(o[u"to_minor"]);
        e.summary = translated(QT_TRANSLATE_NOOP("DayFigures", "price of %1 changed from %2"))
                        .arg(o[u"name"].toString(), formatMinor(minor(o[u"from_minor"]), e.currency));
    } else if (type == kLineDiscounted || type == kCartDiscounted) {
        e.amountMinor = minor(o[u"discount_minor"]);
        e.summary = type == kLineDiscounted
            ? translated(QT_TRANSLATE_NOOP("DayFigures", "discount on %1")).arg(o[u"name"].toString())
            : translated(QT_TRANSLATE_NOOP("DayFigures", "discount on the sale"));
    } else if (type == kOverrideApproved) {
        const QString action = o[u"action"].toString();
        const auto permission = permissionFromCode(action);
        e.summary = translated(QT_TRANSLATE_NOOP("DayFigures", "approved: %1"))
                        .arg(permission ? permissionName(*permission) : action);
        e.by = who(o.value(u"requested_by"));
        e.approvedBy = who(o.value(u"approved_by"));
    } else if (type == kCashMoved) {
        const QString kind = o.value(u"kind").toString();
        e.amountMinor = minor(o[u"amount_minor"]);
        e.summary = kind == QLatin1String("no_sale")
            ? translated(QT_TRANSLATE_NOOP("DayFigures", "drawer opened without a sale"))
            : kind == QLatin1String("in") ? translated(QT_TRANSLATE_NOOP("DayFigures", "cash in"))
                                          : translated(QT_TRANSLATE_NOOP("DayFigures", "cash out"));
    } else if (type == kShiftClosed) {
        e.amountMinor = minor(o[u"difference_minor"]);
        e.summary = translated(QT_TRANSLATE_NOOP("DayFigures", "Z report %1: expected %2, counted %3"))
                        .arg(minor(o[u"z_no"]))
                        .arg(formatMinor(minor(o[u"expected_cash_minor"]), e.currency),
                            formatMinor(minor(o[u"counted_cash_minor"]), e.currency));
    } else if (type == kReturnCompleted) {
        e.amountMinor = minor(o[u"total_minor"]);
        const QString original = o[u"original"][u"receipt_no"].toString();
        e.summary = original.isEmpty()
            ? translated(QT_TRANSLATE_NOOP("DayFigures", "return %1 without a receipt")).arg(o[u"return_no"].toString())
            : translated(QT_TRANSLATE_NOOP("DayFigures", "return %1 of %2")).arg(o[u"return_no"].toString(), original);
    }
    return e;
}

void addMoney(QList<MoneyLine> &into, const MoneyLine &line)
{
    for (MoneyLine &m : into) {
        if (m.currency == line.currency && m.kind == line.kind) {
            m.count += line.count;
            m.amountMinor += line.amountMinor;
            return;
        }
    }
    into.append(line);
}

void sortMoney(QList<MoneyLine> &money)
{
    // As a manager reads a day: takings and how they were paid, what reduced them, what came back, then the drawer.
    static const QStringList order { QStringLiteral("sales"), QStringLiteral("tender."), QStringLiteral("discounts"),
        QStringLiteral("discounts.manual"), QStringLiteral("price_overrides"), QStringLiteral("returns"),
        QStringLiteral("refund."), QStringLiteral("voids.sale"), QStringLiteral("voids.line"),
        QStringLiteral("declined"), QStringLiteral("approvals"), QStringLiteral("cash.in"), QStringLiteral("cash.out"),
        QStringLiteral("drawer.no_sale"), QStringLiteral("z_reports"), QStringLiteral("cash.over"),
        QStringLiteral("cash.short") };
    const auto rank = [](const QString &kind) {
        const auto dot = kind.indexOf(u'.');
        qsizetype at = order.indexOf(kind);
        if (at < 0 && dot > 0)
            at = order.indexOf(kind.left(dot + 1));
        return at < 0 ? order.size() : at;
    };
    std::sort(money.begin(), money.end(), [&rank](const MoneyLine &a, const MoneyLine &b) {
        return std::tuple(a.currency, rank(a.kind), a.kind) < std::tuple(b.currency, rank(b.kind), b.kind);
    });
}

QString formatMinor(qint64 minor, const QString &currency)
{
    const auto c = Currency::fromCode(currency);
    return formatFixed(minor, c ? c->exponent() : 2);
}

QString moneyKindName(const QString &kind)
{
    static const QHash<QString, const char *> names {
        { QStringLiteral("sales"), QT_TRANSLATE_NOOP("DayFigures", "Sales") },
        { QStringLiteral("discounts"), QT_TRANSLATE_NOOP("DayFigures", "Discounts") },
        { QStringLiteral("discounts.manual"), QT_TRANSLATE_NOOP("DayFigures", "Manual discounts") },
        { QStringLiteral("returns"), QT_TRANSLATE_NOOP("DayFigures", "Returns") },
        { QStringLiteral("voids.sale"), QT_TRANSLATE_NOOP("DayFigures", "Sales voided") },
        { QStringLiteral("voids.line"), QT_TRANSLATE_NOOP("DayFigures", "Lines voided") },
        { QStringLiteral("price_overrides"), QT_TRANSLATE_NOOP("DayFigures", "Price overrides") },
        { QStringLiteral("approvals"), QT_TRANSLATE_NOOP("DayFigures", "Manager approvals") },
        { QStringLiteral("cash.in"), QT_TRANSLATE_NOOP("DayFigures", "Cash paid in") },
        { QStringLiteral("cash.out"), QT_TRANSLATE_NOOP("DayFigures", "Cash paid out") },
        { QStringLiteral("drawer.no_sale"), QT_TRANSLATE_NOOP("DayFigures", "Drawer opened without a sale") },
        { QStringLiteral("z_reports"), QT_TRANSLATE_NOOP("DayFigures", "Z reports") },
        { QStringLiteral("cash.over"), QT_TRANSLATE_NOOP("DayFigures", "Cash over") },
        { QStringLiteral("cash.short"), QT_TRANSLATE_NOOP("DayFigures", "Cash short") },
        { QStringLiteral("declined"), QT_TRANSLATE_NOOP("DayFigures", "Payments declined") },
    };
    static const QHash<QString, const char *> tenders {
        { QStringLiteral("cash"), QT_TRANSLATE_NOOP("DayFigures", "cash") },
        { QStringLiteral("card"), QT_TRANSLATE_NOOP("DayFigures", "card") },
        { QStringLiteral("gift_card"), QT_TRANSLATE_NOOP("DayFigures", "gift card") },
        { QStringLiteral("store_credit"), QT_TRANSLATE_NOOP("DayFigures", "store credit") },
        { QStringLiteral("voucher"), QT_TRANSLATE_NOOP("DayFigures", "voucher") },
        { QStringLiteral("points"), QT_TRANSLATE_NOOP("DayFigures", "points") },
    };
    if (const auto it = names.constFind(kind); it != names.cend())
        return translated(*it);
    const auto tender = [](const QString &code) {
        const auto it = tenders.constFind(code);
        return it != tenders.cend() ? translated(*it) : QString(code).replace(u'_', u' ');
    };
    if (kind.startsWith(u"tender."))
        return translated(QT_TRANSLATE_NOOP("DayFigures", "Paid by %1")).arg(tender(kind.mid(7)));
    if (kind.startsWith(u"refund."))
        return translated(QT_TRANSLATE_NOOP("DayFigures", "Refunded to %1")).arg(tender(kind.mid(7)));
    return kind;
}

} // namespace omnitill
