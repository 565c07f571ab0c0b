// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sale/cart.h"

#include <QList>
#include <QString>

namespace omnitill {

class Catalog;
class Database;

struct ParkedSale
{
    qint64 id = 0;
    qint64 parkedAtMs = 0;
    QString staffId; // who parked it; empty when nobody was signed in
    QString staffName;
    QString note;
    Money total;
    int lines = 0;
};

// Sales put aside at the counter (a customer who forgot something) and taken up again, on this till, after a
// restart too. A parked cart keeps its lines as they were scanned, prices and discounts included; it is resumed only
// when every one of its items is still sold here, otherwise it stays parked and the message names what is gone.
class ParkedSales
{
public:
    ParkedSales(Database &db, Clock clock);

    Result<ParkedSale> park(
        const Cart &cart, const QString &staffId, const QString &staffName, const QString &note = {});
    // Oldest first.
    Result<QList<ParkedSale>> list();
    // The cart, removed from the parked sales in the same step; `catalog` tells which items are still sold.
    Result<Cart> resume(qint64 id, Catalog &catalog);

    // The cart as the JSON kept for it, and back.
    static QByteArray encode(const Cart &cart);
    static Result<Cart> decode(const QByteArray &json);

private:
    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
