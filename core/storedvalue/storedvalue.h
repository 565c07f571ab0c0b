// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/sale/tenders.h"

#include <QHash>
#include <QString>

#include <optional>

namespace omnitill {

class Database;

// A gift card or store credit as the hub's ledger has it: one row of the stored_value stream (key: the card), also
// what the hub answers when a till asks about a card online. The hub is authoritative; a till only keeps the latest
// row it has seen and counts its own use since.
struct StoredValueCard
{
    QString card; // SHA-256 (hex) of the number
    QString last4;
    Tender::Kind kind = Tender::Kind::GiftCard;
    Currency currency;
    qint64 balanceMinor = 0; // never negative: a redemption the hub finds uncovered is flagged, not made a debt
    std::optional<qint64> expiresAtMs;
    bool blocked = false; // a manager stopped the card (lost, stolen, fraud)
    qint64 version = 0; // how many ledger entries the hub has applied to the card: the newer of two rows is the larger
    // For each terminal, the last of its journal entries the hub has counted on this card: that terminal's use after
    // it is not in the balance yet.
    QHash<QString, qint64> seen;

    static Result<StoredValueCard> fromRow(const QString &key, const QByteArray &row);
    QByteArray toRow() const; // canonical JSON
};

// How much this till may redeem from a card offline: per card and for the whole till, of redemptions the hub has not
// yet counted. Online the hub's balance just asked is the limit.
struct StoredValueLimits
{
    qint64 cardOfflineMinor = 5000;
    qint64 terminalOfflineMinor = 20000;
};

// The till's side of the stored-value ledger.
class StoredValue
{
public:
    StoredValue(Database &db, Clock clock);

    static inline const QString kStream = QStringLiteral("stored_value");

    // The newest row this till has of `card` (a hash): streamed from the hub, or its answer when last asked.
    Result<std::optional<StoredValueCard>> known(const QString &card);
    // Keeps the hub's answer about a card, asked online just now.
    Status remember(const StoredValueCard &answer);

    // What a card may pay now.
    struct Check
    {
        QString number; // canonical
        StoredValueCard card;
        qint64 balanceMinor = 0; // the hub's balance less this till's use it has not counted yet
        qint64 availableMinor = 0;
        bool offline = false; // decided on what this till last knew, within the offline allowance
        QString limitedBy; // why available is less than the balance, for the cashier; empty when it is not
    };
    // `asked` is the hub's answer just now (nullopt inside: the hub does not know the card); nullopt when the hub
    // could not be asked. Unknown, expired, blocked, drained and wrong-currency cards are clear errors.
    Result<Check> check(const QString &number, const Currency &currency,
        const std::optional<std::optional<StoredValueCard>> &asked, const StoredValueLimits &limits);
    // Takes `amountMinor` from the checked card as a part payment of the sale in progress (payment.taken with the card;
    // the ledger's debit). More than the check allows is a clear error.
    Result<Tender> redeem(
        OpenTenders &tenders, const Check &check, qint64 amountMinor, const Currency &currency, const QString &staffId);

    // This till's use of `card` journaled after its entry `seenSeq`: negative for redemptions.
    Result<qint64> useSince(const QString &card, qint64 seenSeq);
    // Offline redemptions the hub has not acknowledged: of `card`, and of every card together (one query).
    struct Outstanding
    {
        qint64 cardMinor = 0;
        qint64 tillMinor = 0;
    };
    Result<Outstanding> offlineOutstanding(const QString &card);

private:
    Result<QString> terminalId();

    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
