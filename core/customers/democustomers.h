// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/customers/customer.h"

#include <QList>

namespace omnitill {

// A customer's order with its lines, as `omnitill-hub orders import` reads it (one JSON object per line).
struct DemoOrder
{
    QString customerId;
    OrderHeader header;
    QByteArray lines; // JSON array: [{"sku","name","qty","total_minor"}]
    QByteArray toJsonLine() const;
};

// The demo store's customers: the same people every time (ids, names with accents, emails, phones, loyalty cards,
// tiers, points), each with orders on the web, in the app, on marketplaces and in the stores. `count` customers from
// the `first`-th (so a million can be made in slices), the newest order a day before `nowMs`.
struct DemoCustomers
{
    QList<Customer> customers;
    QList<DemoOrder> orders;
    static DemoCustomers make(int count, qint64 nowMs, int first = 0);
};

} // namespace omnitill
