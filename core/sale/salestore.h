// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sale/cart.h"
#include "core/sale/tenders.h"

#include <functional>

namespace omnitill {

class Database;

// How a sale is paid: its last tender, which pays whatever is still due, after the part payments taken before it.
struct Payment
{
    using Method = Tender::Kind;
    Method method = Method::Cash; // the last tender
    std::optional<qint64> tenderedMinor; // cash handed over; otherwise omitted (the rest due)
    qint64 cashIncrementMinor = 1; // cash rounding step, e.g. 5 for CHF 0.05; 1 = none
    QString reference = {}; // the last tender's: a card's approval code, a gift card's number
    QList<Tender> earlier = {}; // part payments taken before it (OpenTenders), oldest first
};
// The sale's payment method as the sale row and its journal entry name it: the tender's kind, or "split".
QString paymentMethodToString(Payment::Method method);

// The amounts settled at the counter.
struct Settlement
{
    qint64 roundingMinor = 0; // cash rounding adjustment (due − total)
    qint64 dueMinor = 0;
    qint64 tenderedMinor = 0; // every tender together
    qint64 changeMinor = 0;
    QList<Tender> tenders; // every tender with what it paid: the part payments, then the last
    bool paidInCash() const;
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
    // The random token of the receipt's e-receipt link (26 characters of Crockford base32, 130 bits); the journal
    // carries only its SHA-256.
    QString receiptToken;
    std::optional<SaleCustomer> customer;
    std::optional<SaleOnlineCart> onlineCart;
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
    Database &database() { return m_db; }

    // Works out rounding, due and change without touching the database.
    // Cash rounding applies only when cash is the last tender, to what is left for it to pay. A part payment more
    // than what is still due, a card for other than the rest, or cash short of it is a clear error.
    static Result<Settlement> settle(const CartTotals &totals, Currency currency, const Payment &payment);
    // Records the sale and its payment in one transaction, in the shift open then (core/shifts), if any; the part
    // payments (payment.earlier) leave OpenTenders in it, so a sale and the payments it consumed commit together or not
    // at all.
    // `alsoInTransaction`, when given, writes what belongs with the sale (the return of an exchange) in its
    // transaction, after the sale's journal entry: its failure records nothing.
    using AlsoInTransaction = std::function<Status(const SaleReceipt &sale)>;
    Result<SaleReceipt> record(
        const Cart &cart, const Payment &payment, const AlsoInTransaction &alsoInTransaction = {});
    Result<qint64> unsyncedCount();
    // The next number in the receipt series (sales, refund slips), inside the caller's transaction.
    Result<QString> nextReceiptNo();

    struct Summary
    {
        QString receiptNo;
        qint64 createdAtMs = 0;
        Money total;
    };
    // The most recently recorded sale, if any.
    Result<std::optional<Summary>> lastSale();

    // The canonical journal payload of a recorded sale (encoding 2, with its payments; encoding 1 for a sale recorded
    // before split tender), read back from its rows. Schema migration 3
    // keeps its own frozen copy for the sales it backfilled (core/storage/migrations.cpp), so this may change
    // without changing what an old migration wrote.
    static Result<QByteArray> journalPayload(QSqlDatabase &db, qint64 saleId);
    // A new e-receipt token, and the hex SHA-256 that stands for it wherever it leaves the till.
    static QString newReceiptToken();
    static QString receiptTokenHash(const QString &token);

private:
    Database &m_db;
    Clock m_clock;
    QString m_series;
};

} // namespace omnitill
