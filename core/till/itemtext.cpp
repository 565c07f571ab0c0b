// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/itemtext.h"

#include <QCoreApplication>

namespace omnitill {
namespace ItemText {

QString unitLabel(Unit unit)
{
    switch (unit) {
    case Unit::Each:
        return QCoreApplication::translate("Units", "piece");
    case Unit::Kilogram:
        return QCoreApplication::translate("Units", "kg");
    case Unit::Gram:
        return QCoreApplication::translate("Units", "g");
    case Unit::Litre:
        return QCoreApplication::translate("Units", "l");
    case Unit::Metre:
        return QCoreApplication::translate("Units", "m");
    }
    return unitToString(unit);
}

QString stock(std::optional<qint64> onHandMilli, Unit unit, const QLocale &locale)
{
    if (!onHandMilli)
        return {};
    if (*onHandMilli <= 0)
        return QCoreApplication::translate("Stock", "None in stock");
    if (unit == Unit::Each) {
        const qint64 pieces = *onHandMilli / 1000;
        if (pieces == 0)
            return QCoreApplication::translate("Stock", "None in stock");
        // (Worked out before the call: lupdate 6.4 never finishes a template argument list inside translate().)
        const int shown = pieces > INT_MAX ? INT_MAX : int(pieces);
        return QCoreApplication::translate("Stock", "%n in stock", nullptr, shown);
    }
    // Thousandths of a kg, l or m: shown with the decimals that are not zero (1.25 kg, 3 kg).
    QString number = locale.toString(double(*onHandMilli) / 1000.0, 'f', 3);
    const QString point = locale.decimalPoint();
    if (number.contains(point)) {
        while (number.endsWith(u'0'))
            number.chop(1);
        if (number.endsWith(point))
            number.chop(point.size());
    }
    //: %1 is an amount, %2 its unit: "3.5 kg in stock"
    return QCoreApplication::translate("Stock", "%1 %2 in stock").arg(number, unitLabel(unit));
}

Shown shown(Catalog &catalog, const QString &sku, Currency currency, qint64 atMs, const QLocale &locale)
{
    Shown out;
    auto item = catalog.lookupSku(sku, currency, atMs);
    if (item) {
        out.price = shownNumber(item->price.toString(), locale);
        // Goods sold by weight or length show what the price is for: "3.59 / kg".
        if (item->unit != Unit::Each)
            out.price = QCoreApplication::translate("Units", "%1 / %2").arg(out.price, unitLabel(item->unit));
    }
    auto onHand = catalog.stockHereMilli(sku);
    if (onHand)
        out.stock = stock(*onHand, item ? item->unit : Unit::Each, locale);
    return out;
}

} // namespace ItemText
} // namespace omnitill
