// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sale/cart.h"

namespace omnitill {

class Database;

struct Payment
{
    enum class Method
    {
        Cash,
        Card
    };
    Method method = Method::Cash;
    std::optional<qint64> tenderedMinor; // cash handed over; card: omitted (the amount due)
    qint64 cashIncrementMinor = 1; // cash rounding step, e.g. 5 for CHF 0.05; 1 = none
};
QString paymentMethodToString(Payment::Method method);

// The amounts settled at the counter.
struct Settlement
{
    qint64 roundingMinor = 0; // cash rounding adjustment (due − total)
    qint64 dueMinor = 0;
    qint64 tenderedMinor = 0;
    qint64 changeMinor = 0;
};

struct SaleReceipt
{
    qint64 saleId = 0;
    qint64 journalSeq = 0; // the sale's entry in the hash-chained journal (0 when not recorded)
    QString receiptNo;
    qint64 createdAtMs = 0;
    Currency currency;
    PricingMode mode = PricingMode::TaxInclusive;
    QList<CartLine> lines;
    CartTotals totals;
    Payment::Method method = Payment::Method::Cash;
    Settlement settlement;
};

// Records completed sales. A sale exists only once its single transaction (sale, lines, tax totals, receipt number)
// has committed; on any failure nothing is written and the cart is left for the cashier to retry.
//
// Receipt numbers are unique in the chain: [STORE-]TERMINAL-SERIES-COUNTER, e.g. S001-T02-7QK2-000042. The store
// and terminal codes come from the hub's registration (meta store_code, terminal_code; T01 before a terminal is
// registered); the counter counts on per terminal; the series is new for every SaleStore (every start of the till),
// taken from the clock, so a store restored from a backup, or a clone, never numbers a sale as its original did
// (its counter restarts from the backup, but its series is that of a later start).
class SaleStore
{
public:
    SaleStore(Database &db, Clock clock);
    const QString &series() const { return m_series; }

    // Works out rounding, due and change without touching the database.
    static Result<Settlement> settle(const CartTotals &totals, Currency currency, const Payment &payment);
    Result<SaleReceipt> record(const Cart &cart, const Payment &payment);
    Result<qint64> unsyncedCount();

    struct Summary
    {
        QString receiptNo;
        qint64 createdAtMs = 0;
        Money total;
    };
    // The most recently recorded sale, if any.
    Result<std::optional<Summary>> lastSale();

    // The canonical journal payload of a recorded sale (encoding 1), read back from its rows. Schema migration 3
    // keeps its own frozen copy for the sales it backfilled (core/storage/migrations.cpp), so this may change
    // without changing what an old migration wrote.
    static Result<QByteArray> journalPayload(QSqlDatabase &db, qint64 saleId);

private:
    Database &m_db;
    Clock m_clock;
    QString m_series;
};

} // namespace omnitill
