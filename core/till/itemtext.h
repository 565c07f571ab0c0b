// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"
#include "core/catalog/catalog.h"

#include <QLocale>
#include <QString>

#include <optional>

// How the till shows an item's unit, price and stock, in the till's language and number format; one place for the
// cart, the search hits and the grids.
namespace omnitill {
namespace ItemText {

// "piece", "kg", … translated (context "Units").
QString unitLabel(Unit unit);

// "12 in stock", "None in stock", "3.5 kg in stock"; empty when the stock here is not known.
QString stock(std::optional<qint64> onHandMilli, Unit unit, const QLocale &locale);

// What a list or grid shows of one item: its price now (empty when it has none; "3.59 / kg" for weighed goods) and
// the stock here.
struct Shown
{
    QString price;
    QString stock;
};
Shown shown(Catalog &catalog, const QString &sku, Currency currency, qint64 atMs, const QLocale &locale);

} // namespace ItemText
} // namespace omnitill
