// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace omnitill {

// Hand-off codes. A code is a random token of 26 Crockford base32 symbols (130 bits) behind the hub's public address:
// HUB/h/TOKEN for what a phone shows the till (an online cart, an order to collect), HUB/m/TOKEN for the page a phone
// opens (a basket continued there). Nothing in a code names a cart, an order or a customer; the hub keeps only the
// token's SHA-256, and a till sends only that.
namespace Handoff {
QString newToken();
QString tokenHash(QStringView token);
// The text of the QR code: `publicUrl` (as "http://hub.example:8080", without a trailing slash) + "/h/" + token.
QString code(const QString &publicUrl, const QString &token);
QString pageUrl(const QString &publicUrl, const QString &token); // + "/m/" + token
// Whether a token has the form of one (26 symbols of the alphabet, upper case).
bool isToken(QStringView token);

// What a scanned code is to the till.
struct Scanned
{
    enum class Kind
    {
        NotHandoff, // not a hand-off code (an item's code, a GS1 Digital Link, a receipt's link): for the till's other
                    // readers
        Ours, // a hand-off code of this chain: `token`
        Damaged, // a hand-off code cut short or changed (a bad symbol, the wrong length)
        Foreign, // a hand-off code of another address: another shop's
    };
    Kind kind = Kind::NotHandoff;
    QString token;
};
// `publicUrl` is the chain's hub address as the tills know it (config hub.public_url); empty accepts a hand-off
// code of any address, as a till that has not heard it yet must.
Scanned read(const QString &scanned, const QString &publicUrl);
} // namespace Handoff

// A line of an online cart: the item by SKU, how much (thousandths), and the price the customer saw online.
struct OnlineCartLine
{
    QString sku;
    QString name;
    qint64 quantity = 1000;
    qint64 unitPriceMinor = 0;
    // unit price × quantity, rounded half-up, as the online shop showed it
    qint64 amountMinor() const { return (unitPriceMinor * quantity + 500) / 1000; }
    friend bool operator==(const OnlineCartLine &, const OnlineCartLine &) = default;
};

// A live hand-off code of a cart, as the carts stream carries it to the tills (for offline hand-off): the token's
// SHA-256, until when it works, and the store it is bound to (empty: any store).
struct HandoffRef
{
    QString sha256;
    qint64 expiresAtMs = 0;
    QString store;
    friend bool operator==(const HandoffRef &, const HandoffRef &) = default;
};

// A cart filled online (web, app) or a basket handed from a store to a phone, or an order paid online to be collected
// in a store (kind "pickup"): a row of the carts stream (key: cart_id) and what the hub answers about one. The hub's
// version goes up with every change of the lines; a sale of the cart names the version it rang up, and the hub
// converts the cart only when that is still the version (compare-and-set).
struct OnlineCart
{
    QString cartId; // 1 to 64 of A-Z a-z 0-9 . _ -
    qint64 version = 1;
    QString kind = QStringLiteral("cart"); // "cart" or "pickup"
    // open (can be rung up), held (a till is taking payment for it), converted (paid: online or by a till's sale),
    // collected (a pickup handed over)
    QString status = QStringLiteral("open");
    QString customerId; // a customer's UUID, or empty
    // web, app, store (a basket a till handed to a phone), kiosk (a basket made at the store's kiosk)
    QString channel = QStringLiteral("web");
    QString store; // the pickup store, or the store that handed the basket on; empty otherwise
    QString currency;
    QList<OnlineCartLine> lines;
    qint64 totalMinor = 0; // at the online prices
    qint64 paidMinor = 0; // paid online (a pickup)
    QString convertedBy; // "online" or the receipt number of the sale, once converted
    qint64 updatedAtMs = 0;
    QList<HandoffRef> handoffs;

    static constexpr int kMaxLines = 500;
    bool isPickup() const { return kind == u"pickup"; }
    // Every field checked; the key must be the cart's id when given.
    static Result<OnlineCart> fromJson(const QByteArray &json, const QString &key = {});
    QByteArray toJson() const;
    // The handoff whose token has this SHA-256, if the cart has one.
    std::optional<HandoffRef> handoff(const QString &sha256) const;
};

// What the hub said about a hand-off code (sync/terminal resolveHandoff).
struct HandoffAnswer
{
    enum class Outcome
    {
        Found,
        Unknown, // no such code (never issued, forged)
        Expired,
        Used, // a cart's code is good once
        OtherStore, // bound to another store
        Done, // the cart was paid already, or the order collected
        Unavailable, // the hub could not be asked (offline, too many look-ups)
    };
    Outcome outcome = Outcome::Unavailable;
    std::optional<OnlineCart> cart;
    QString message; // the hub's words, for Unavailable
};
using ResolveHandoff = std::function<HandoffAnswer(const QString &tokenSha256)>;

// What the hub said when a till asked to take payment for a cart at the version it rang up (compare-and-set).
struct ClaimAnswer
{
    enum class Outcome
    {
        Held, // this till may take payment; nobody else may until it is released or the sale arrives
        Changed, // changed online since: `cart` is how it is now
        Converted, // paid already (online, or another till): `cart` says by whom
        HeldElsewhere, // another till is taking payment for it
        Unknown,
        Unavailable, // offline: the till rings it up and the hub settles it when the sale arrives
    };
    Outcome outcome = Outcome::Unavailable;
    std::optional<OnlineCart> cart;
    QString message;
};
using ClaimCart = std::function<ClaimAnswer(const QString &cartId, qint64 version)>;
// Gives a held cart back (the sale was voided or the cart taken off it); best effort, the hold runs out anyway.
using ReleaseCart = std::function<void(const QString &cartId)>;

// A basket handed to the customer's phone: the page's link and the cart the hub made, or why not.
struct BasketLink
{
    QString url;
    QString cartId;
    QString error; // when url is empty
    QString tillCode; // a code for a till of the store, when asked for (a kiosk's basket)
};
using HandBasket = std::function<BasketLink(const OnlineCart &basket)>;

} // namespace omnitill
