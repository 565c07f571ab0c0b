// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/customers/customer.h"

#include <QList>

namespace omnitill {

class Database;

// A customer's order with its lines, as `omnitill-hub orders-import` reads it (one JSON object per line).
struct DemoOrder
{
    QString customerId;
    OrderHeader header;
    QByteArray lines; // JSON array: [{"sku","name","qty","total_minor"}]
    QByteArray toJsonLine() const;
};

// The demo store's customers: the same people every time (ids, names with accents, emails, phones, loyalty cards,
// tiers, points), each with orders on the web, in the app, on marketplaces and in the stores. `count` customers from
// the `from`-th (so a million can be made in slices), the newest order a day before `nowMs`.
struct DemoCustomers
{
    QList<Customer> customers;
    QList<DemoOrder> orders;
    static DemoCustomers make(int count, qint64 nowMs, int from = 0);
    // Puts `count` of them on a terminal, as the hub's customers stream would (one transaction).
    static Status seed(Database &db, int count, qint64 nowMs);
};

} // namespace omnitill
