// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sale/salestore.h"

namespace omnitill {

class Catalog;

// Rings up a sale described in JSON, the way a cashier would: scan each item, apply discounts, take payment.
//
// {"currency": "EUR", "pricing": "inclusive",
//  "items": [{"barcode": "4006381333931", "qty": "2"}, {"sku": "SKU0000042", "qty": "1.235",
//             "discount": {"percent": "10"}}],
//  "discount": {"amount": "1.00"},
//  "payment": {"method": "cash", "tendered": "50.00", "rounding": "0.05"}}
//
// Unknown keys are errors (a typo must not silently drop a discount). Items are looked up at `atMs`.
// With a store the sale is recorded; without one it is only priced (receiptNo stays empty).
Result<SaleReceipt> runSaleScript(const QByteArray &json, Catalog &catalog, SaleStore *store, qint64 atMs);

// A plain-text receipt: lines, discounts, tax by rate, totals, payment.
QString receiptText(const SaleReceipt &receipt);

} // namespace omnitill
