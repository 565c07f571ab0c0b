// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

class Database;

// One tender of a sale's payment. A sale may be paid by several (split tender); every one but the last pays a part
// (its amount is what was handed over or charged), the last pays the rest: cash with change and the store's cash
// rounding, anything else exactly.
struct Tender
{
    enum class Kind
    {
        Cash,
        Card, // through the store's external card terminal; `reference` is its approval code
        GiftCard, // `reference` is the card's number
        StoreCredit, // `reference` is the credit's number
        Points, // a customer's loyalty points (core/loyalty): `customer` and `points` say whose and how many
        Exchange, // goods brought back in the same transaction (core/returns): `reference` is what they came from
        Online, // paid online before: an order collected in the store (core/handoff); `reference` is the order
    };
    Kind kind = Kind::Cash;
    qint64 amountMinor = 0; // what it pays of the sale
    qint64 tenderedMinor = 0; // what was handed over: more than the amount only for cash that gets change
    QString reference;
    qint64 id = 0; // while the sale is open: its row in OpenTenders (0 for the last tender, never kept)
    // A gift card or store credit (core/storedvalue): the SHA-256 (hex) of its number, which is all that leaves the
    // till, and whether it was redeemed on what the till last knew of it (offline) rather than on the hub's balance
    // just asked. `reference` then shows the card's last four symbols.
    QString card = {};
    bool offline = false;
    // Loyalty points (core/loyalty): the customer whose points pay, and how many; `offline` as for a card.
    QString customer = {};
    qint64 points = 0;
};
// Whether a tender draws on a stored-value ledger (gift card, store credit): taken only as a part payment, through
// core/storedvalue, which checks the card's balance first.
bool isStoredValue(Tender::Kind kind);
QString tenderKindToString(Tender::Kind kind); // "cash", "card", "gift_card", "store_credit", "points", "exchange"
std::optional<Tender::Kind> tenderKindFromString(QStringView text);
// How the cashier and the receipt name it: "Cash", "Card", "Gift card", "Store credit", "Points".
QString tenderKindName(Tender::Kind kind);

// A card terminal's approval code as the cashier types or scans it from the terminal's slip: 2 to 12 letters and
// digits (ISO 8583 approval codes are six), spaces around it ignored, letters upper-cased. Anything else, and an empty
// code, is a clear error.
Result<QString> checkApprovalCode(const QString &code);

// The tenders taken for the sale in progress before its last one: a card charged for part of it, cash handed over
// for part. Each is kept (one transaction, with its journal entry payment.taken) the moment it is taken, so a till
// that stops mid-payment still knows the customer paid it; recording the sale consumes them (SaleStore::record, in
// the sale's transaction). One taken back before the sale completes (the customer changed their mind, the sale was
// voided, the till stopped) is reversed: payment.reversed, with why, and the cashier is told to give it back.
class OpenTenders
{
public:
    OpenTenders(Database &db, Clock clock);

    // Keeps `tender` (its amount and tendered are the same: a part payment gets no change) for a sale in `currency`
    // taken by `staffId`; returns it with its id.
    Result<Tender> take(Tender tender, const Currency &currency, const QString &staffId);
    // Takes one back: removed from the open sale and journaled as reversed with `reason`.
    Status reverse(qint64 id, const QString &reason, const QString &staffId);
    // The tenders kept, oldest first, with the currency of the sale they were taken for.
    Result<QList<Tender>> list();
    // A card the terminal declined or the customer cancelled: nothing is taken, the sale stays open; the attempt is
    // journaled (payment.declined) so a manager sees it.
    Status declined(
        Tender::Kind kind, qint64 amountMinor, const Currency &currency, const QString &reason, const QString &staffId);

private:
    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
