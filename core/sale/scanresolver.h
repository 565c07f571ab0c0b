// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/catalog/catalog.h"
#include "core/codes/variablemeasure.h"

namespace omnitill {

// What one scan or typed code puts on the sale.
struct ResolvedScan
{
    CatalogItem item;
    qint64 quantity = 1000; // thousandths of the item's unit; a GS1 net weight (310n) sets it for weighed goods
    QString scannedCode;
};

// Turns what a scanner or keyboard delivered into an item for the cart: a GTIN, a numeric SKU or PLU, a SKU, GS1
// data (element string, bracketed text or Digital Link), or an in-store price/weight label under the store's `labels`
// rules. Goods past their GS1 expiry date (AI 17) are refused. A price label sells one piece at the printed price; a
// weight label sells the printed weight of an item priced per kg or g.
Result<ResolvedScan> resolveScan(
    Catalog &catalog, QStringView code, Currency currency, qint64 atMs, const VariableMeasure::Rules &labels = {});

} // namespace omnitill
