// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/sale/tenders.h"
#include "core/staff/staffstore.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace omnitill {

class Database;
class SaleStore;

// A line of the sale or online order being returned, and how much of it has been returned so far: by every return
// the hub has counted, and by this till's returns it has not counted yet.
struct OriginalLine
{
    int lineNo = 0;
    QString sku;
    QString name;
    QString unit = QStringLiteral("each");
    qint64 variantId = 0; // 0 when not a catalog variant (an online order's line, a card sold)
    qint64 qtyMilli = 0;
    qint64 totalMinor = 0; // what the customer paid for the line, after its discounts and its share of the sale's
    QString taxClass;
    qint32 rateMilliPct = 0;
    qint64 returnedMilli = 0;
    qint64 returnedMinor = 0;

    qint64 returnableMilli() const { return std::max<qint64>(0, qtyMilli - returnedMilli); }
    // What returning `qtyMilli` more of the line gives back: its total in proportion, and all that is left of it when
    // the return takes the rest, so that partial returns add up to exactly what was paid.
    qint64 refundFor(qint64 qtyMilli) const;
};

// How the original was paid, tender by tender, and how much has been refunded to each kind so far.
struct OriginalTender
{
    QString kind; // "cash", "card", "gift_card", "store_credit", "points", or "online" (an online order's payment)
    qint64 amountMinor = 0;
    QString reference; // a card's approval code, a gift card's last four symbols
    qint64 refundedMinor = 0;
};

// What a return is against: a store sale (any store of the chain) or an online order, as the hub answers about it,
// as this till recorded it, or only as a header this till has cached (offline: a customer's recent orders).
struct OriginalSale
{
    enum class Source
    {
        Hub, // the hub's answer: authoritative, lines and all returns counted
        ThisTill, // one of this till's own sales, looked up here (offline)
        CachedHeader, // offline, from a customer's recent orders: date, store, total, no lines
    };
    QString receiptNo; // the chain's receipt number, or the channel's own order number
    QString channel = QStringLiteral("store"); // store, web, app, marketplace, social
    QString store; // the store that sold it (store sales and click and collect)
    qint64 createdAtMs = 0;
    Currency currency;
    qint64 totalMinor = 0;
    QList<OriginalLine> lines; // empty for a cached header: the items coming back are scanned
    QList<OriginalTender> tenders;
    QString customerId;
    qint64 pointsEarned = 0; // loyalty points the sale earned its customer: a return takes its share back
    QStringList returns; // the ids of the returns counted in the lines' returned quantities
    qint64 returnedMinor = 0; // refunded against it so far, all returns counted
    Source source = Source::Hub;
    qint64 asOfMs = 0; // when the hub answered, or when this till last heard from it

    bool headerOnly() const { return lines.isEmpty(); }
    qint64 returnableMinor() const { return std::max<qint64>(0, totalMinor - returnedMinor); }
    QString sourceCode() const; // "hub", "this_till", "cached_header"

    // The hub's answer (GET /sync/v1/original); anything missing or out of range is a clear error.
    static Result<OriginalSale> fromJson(const QJsonObject &o);
    QJsonObject toJson() const;
};

// How the till asks the hub about an original now (sync/terminal fetchOriginal): the JSON, an empty array when the hub
// knows none, nullopt when it could not be asked.
using FetchOriginal = std::function<std::optional<QByteArray>(const QString &receiptNo, const QString &tokenSha256)>;

// The e-receipt token in what a receipt's QR code holds (".../r/TOKEN", or the bare token), or an empty string.
QString receiptTokenIn(const QString &scanned);

// One line coming back.
struct ReturnLine
{
    int originalLineNo = 0; // 0: scanned, not a line of a known original (a cached header, no receipt)
    QString sku;
    QString name;
    QString unit = QStringLiteral("each");
    qint64 variantId = 0;
    qint64 qtyMilli = 0;
    qint64 amountMinor = 0; // what it gives back (tax included)
    QString taxClass;
    qint32 rateMilliPct = 0;
    bool restock = true; // back on the shelf, or written off (damaged, opened)
};

// One tender the refund goes to.
struct Refund
{
    // "cash", "card", "gift_card", "store_credit", "points", "online": back to an online order's payment, which
    // the commerce backend pays out, or "exchange": it pays for the goods taken instead (ReturnRequest)
    QString kind = QStringLiteral("cash");
    qint64 amountMinor = 0;
    QString reference; // the card terminal's approval code for a card refund; a card's last four symbols
    // A gift card or store credit credited: the SHA-256 of its number, and its number when it is a new store credit
    // made for this refund (printed for the customer, never kept).
    QString card;
    QString newNumber;
    QString customer; // points given back: whose
    qint64 points = 0;
};

// Everything a return needs to be recorded.
struct ReturnRequest
{
    std::optional<OriginalSale> original; // nullopt: a return without a receipt
    Currency currency; // the store's, for a return without a receipt
    QList<ReturnLine> lines;
    QList<Refund> refunds;
    QString reason;
    QString customerId;
    // An exchange: the sale whose payment takes the return's "exchange" refund, recorded in the same transaction.
    QString exchangeReceiptNo;
};

struct ReturnRecord
{
    qint64 id = 0;
    QString eventId;
    QString returnNo; // numbered as receipts are: the refund slip's number
    qint64 createdAtMs = 0;
    Currency currency;
    qint64 totalMinor = 0;
    qint64 taxMinor = 0;
    QString originalReceiptNo;
    QList<ReturnLine> lines;
    QList<Refund> refunds;
    qint64 journalSeq = 0;
    qint64 pointsClawedBack = 0;
};

// The store's returns policy (config "returns"): how long after the sale, and how much a till may take back offline
// on what it cannot confirm.
struct ReturnPolicy
{
    int days = 30;
    qint64 unverifiedLimitMinor = 5000; // a return against a cached header or a receipt the hub cannot be asked about
    static ReturnPolicy fromConfig(const QJsonValue &value);
};

// Returns and refunds at the till. A return is recorded in one transaction, with its journal entry (return.completed)
// and, for refunds onto a gift card or store credit, the ledger's credit (sv.topped_up, or sv.issued for a new store
// credit); the refund slip is numbered as receipts are. Quantities are checked against the original as last known
// and again, inside the transaction, against this till's own returns since; the hub flags what two tills returned
// of the same line offline at once, it never refuses a return.
//
// Refunds go back to the original tenders (defaultRefunds) unless the person may send them elsewhere or a manager
// approved it (Permission::RefundOverride); a return without a receipt needs Permission::ReturnWithoutReceipt and is
// refunded as store credit by default; one against a cached header (offline) needs Permission::ReturnUnverified and
// is bounded by the policy's limit.
class ReturnStore
{
public:
    ReturnStore(Database &db, SaleStore &sales, Clock clock, ReturnPolicy policy = {});
    const ReturnPolicy &policy() const { return m_policy; }
    void setPolicy(const ReturnPolicy &policy) { m_policy = policy; }

    // One of this till's sales, by receipt number or e-receipt token, with every return of it this till recorded.
    Result<std::optional<OriginalSale>> findLocal(const QString &receiptNo);
    Result<std::optional<OriginalSale>> findLocalByToken(const QString &token);
    // Offline: a sale or order of another till or channel as a header this till has cached (the customers' recent
    // orders), with what this till has refunded against it.
    Result<std::optional<OriginalSale>> findCachedHeader(const QString &number);
    // Adds to what the hub answered this till's returns of it that the hub has not counted yet.
    Status addUncounted(OriginalSale &original);

    // How a refund of `totalMinor` goes back by default: to each non-cash tender up to what it paid less what was
    // refunded to it, then cash; an online order's payment for an online order; store credit without a receipt.
    static QList<Refund> defaultRefunds(const std::optional<OriginalSale> &original, qint64 totalMinor);
    // Whether `refunds` go elsewhere than defaultRefunds would send them.
    static bool overrides(const std::optional<OriginalSale> &original, const QList<Refund> &refunds);
    // The permissions `request` needs beyond a receipted return to its original tenders.
    QList<Permission> needs(const ReturnRequest &request) const;

    // Records the return (lines are priced here from the original: refundFor, not what the caller says) as `by`,
    // with a manager's approval for what `by` may not do.
    enum class Transactions
    {
        Own, // one transaction of its own
        Callers, // inside the caller's (an exchange: the sale's, SaleStore::record)
    };
    Result<ReturnRecord> record(ReturnRequest request, const StaffMember &by,
        const std::optional<OverrideApproval> &approval = std::nullopt, Transactions transactions = Transactions::Own);

private:
    Database &m_db;
    SaleStore &m_sales;
    Clock m_clock;
    ReturnPolicy m_policy;
};

} // namespace omnitill
Q_DECLARE_METATYPE(omnitill::ReturnRecord)
