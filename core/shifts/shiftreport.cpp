// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shifts/shiftreport.h"

#include <QCoreApplication>
#include <QDateTime>

namespace omnitill {

namespace {
QString spread(const QString &left, const QString &right, int columns)
{
    // Too long for one line: the left part is cut so that the amount always shows.
    const qsizetype room = qMax<qsizetype>(1, columns - right.size() - 1);
    const QString l = left.left(room);
    return l + QString(qMax<qsizetype>(1, columns - l.size() - right.size()), u' ') + right;
}

QString tenderName(const QString &kind)
{
    if (kind == u"cash")
        return QCoreApplication::translate("ShiftReport", "Cash");
    if (kind == u"card")
        return QCoreApplication::translate("ShiftReport", "Card");
    if (kind == u"gift_card")
        return QCoreApplication::translate("ShiftReport", "Gift card");
    if (kind == u"store_credit")
        return QCoreApplication::translate("ShiftReport", "Store credit");
    if (kind == u"points")
        return QCoreApplication::translate("ShiftReport", "Points");
    if (kind == u"online")
        return QCoreApplication::translate("ShiftReport", "Online payment");
    if (kind == u"exchange")
        return QCoreApplication::translate("ShiftReport", "Exchange credit");
    return kind;
}

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString rate(qint32 milliPct)
{
    QString text = QString::number(milliPct / 1000.0, 'f', 3);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text + u'%';
}
} // namespace

QStringList shiftReportLines(const ShiftReport &r, int columns)
{
    columns = qBound(24, columns, 64);
    const Currency c = r.shift.currency;
    const auto money = [&](qint64 minor) { return Money(minor, c).toString(); };
    const QString rule(columns, u'-');
    const ShiftTotals &t = r.totals;
    QStringList out;
    const QString title = r.close ? QCoreApplication::translate("ShiftReport", "Z REPORT %1").arg(r.close->zNo)
                                  : QCoreApplication::translate("ShiftReport", "X REPORT (shift still open)");
    out << QString((columns - title.size()) / 2, u' ') + title;
    out << spread(QCoreApplication::translate("ShiftReport", "Opened"), time(r.shift.openedAtMs), columns);
    out << spread(QCoreApplication::translate("ShiftReport", "by"), r.shift.openedByName, columns);
    if (r.close) {
        out << spread(QCoreApplication::translate("ShiftReport", "Closed"), time(r.close->closedAtMs), columns);
        out << spread(QCoreApplication::translate("ShiftReport", "by"), r.close->closedByName, columns);
    } else {
        out << spread(QCoreApplication::translate("ShiftReport", "Taken"), time(r.atMs), columns);
    }
    out << rule;
    out << spread(QCoreApplication::translate("ShiftReport", "Sales"), QString::number(t.sales), columns);
    out << spread(QCoreApplication::translate("ShiftReport", "Total %1").arg(c.code()), money(t.totalMinor), columns);
    if (t.discountMinor != 0)
        out << spread(
            QCoreApplication::translate("ShiftReport", "of which discounts"), money(-t.discountMinor), columns);
    if (t.roundingMinor != 0)
        out << spread(QCoreApplication::translate("ShiftReport", "Cash rounding"), money(t.roundingMinor), columns);
    out << rule;
    out << QCoreApplication::translate("ShiftReport", "Payments");
    for (const auto &p : t.tenders)
        out << spread(QStringLiteral("  %1 (%2)").arg(tenderName(p.kind)).arg(p.count), money(p.amountMinor), columns);
    if (t.tenders.isEmpty())
        out << QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "none");
    if (t.returns > 0) {
        out << rule;
        out << spread(QCoreApplication::translate("ShiftReport", "Returns"), QString::number(t.returns), columns);
        for (const auto &p : t.refunds)
            out << spread(
                QStringLiteral("  %1 (%2)").arg(tenderName(p.kind)).arg(p.count), money(-p.amountMinor), columns);
    }
    out << rule;
    out << QCoreApplication::translate("ShiftReport", "Tax");
    for (const auto &x : t.taxes) {
        out << spread(
            QStringLiteral("  ") + rate(x.rateMilliPct) + u' ' + QCoreApplication::translate("ShiftReport", "net"),
            money(x.netMinor), columns);
        out << spread(
            QStringLiteral("  ") + rate(x.rateMilliPct) + u' ' + QCoreApplication::translate("ShiftReport", "tax"),
            money(x.taxMinor), columns);
    }
    out << rule;
    out << QCoreApplication::translate("ShiftReport", "Cash drawer");
    out << spread(
        QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Float"), money(t.floatMinor), columns);
    out << spread(QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Cash sales"),
        money(t.tenderMinor(u"cash")), columns);
    out << spread(
        QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Cash in"), money(t.cashInMinor), columns);
    out << spread(
        QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Cash out"), money(-t.cashOutMinor), columns);
    if (t.refundMinor(u"cash") != 0)
        out << spread(QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Cash refunds"),
            money(-t.refundMinor(u"cash")), columns);
    out << spread(QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Expected in drawer"),
        money(t.expectedCashMinor()), columns);
    if (r.close) {
        out << spread(QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Counted"),
            money(r.close->countedMinor), columns);
        out << spread(QStringLiteral("  ") + QCoreApplication::translate("ShiftReport", "Difference"),
            money(r.close->differenceMinor), columns);
    }
    out << rule;
    out << spread(QCoreApplication::translate("ShiftReport", "Drawer opened without a sale"),
        QString::number(t.noSales), columns);
    out << spread(QCoreApplication::translate("ShiftReport", "Voids"), QString::number(t.voids), columns);
    out << spread(QCoreApplication::translate("ShiftReport", "Cards declined"), QString::number(t.declined), columns);
    if (r.close && !r.close->counts.isEmpty()) {
        out << rule;
        out << QCoreApplication::translate("ShiftReport", "Count");
        for (const DenominationCount &d : r.close->counts)
            out << spread(QStringLiteral("  %1 x %2").arg(d.count).arg(money(d.valueMinor)),
                money(d.valueMinor * d.count), columns);
    }
    return out;
}

} // namespace omnitill
