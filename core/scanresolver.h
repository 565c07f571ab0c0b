// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog.h"

namespace omnitill {

// What one scan or typed code puts on the sale.
struct ResolvedScan
{
    CatalogItem item;
    qint64 quantity = 1000; // thousandths of the item's unit; a GS1 net weight (310n) sets it for weighed goods
    QString scannedCode;
};

// Turns what a scanner or keyboard delivered into an item for the cart: a GTIN, a numeric SKU or PLU, a SKU, or GS1
// data (element string, bracketed text or Digital Link). Goods past their GS1 expiry date (AI 17) are refused.
Result<ResolvedScan> resolveScan(Catalog &catalog, QStringView code, Currency currency, qint64 atMs);

} // namespace omnitill
