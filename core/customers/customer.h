// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace omnitill {

// Checks and canonical forms of what a cashier types or scans about a customer. Each returns the form the store keeps
// and compares, or a clear error that says what is wrong.
namespace CustomerInput {
// 1 to 120 characters once trimmed and with runs of spaces made one, no control characters.
Result<QString> name(const QString &text);
// name@domain: the whole address lower-cased (the store treats addresses that differ only in case as one), a local
// part of at most 64 characters without leading, trailing or double dots, a domain of two or more labels with a
// top-level domain of letters (an internationalised domain is kept in its ASCII form), at most 254 characters.
Result<QString> email(const QString &text);
// E.164: "+" and 8 to 15 digits, the first not 0. Spaces, dashes, dots, slashes and brackets are ignored; "00" is
// read as "+"; a national number (a leading 0) takes `defaultCallingCode` (e.g. "49"), without which it is an error.
Result<QString> phone(const QString &text, const QString &defaultCallingCode);
// A loyalty card number as printed under its barcode or held in a QR code: 6 to 24 letters and digits once spaces
// and dashes are dropped, upper-cased. A QR code may hold it as "LOYALTY:<number>".
Result<QString> cardNumber(const QString &text);
// Whether a scanned code has the form of a loyalty card number (the scan path asks this before a customer lookup).
bool looksLikeCard(const QString &text);
// A card number shown to people who need not see it whole: "•••• 4821".
QString maskedCard(const QString &card);
// The text searches compare: case-folded, without accents (é → e, ß → ss, ø → o), in words of letters and digits.
QString fold(const QString &text);
QStringList words(const QString &text); // fold()ed, split into words
} // namespace CustomerInput

// A customer's consent to a channel: given or withdrawn, when, and where (a store and till, "web", "app").
struct Consent
{
    bool granted = false;
    std::optional<qint64> atMs; // never asked when empty
    QString where;
    QByteArray toJson() const; // {"at_ms", "granted", "where"}, canonical
    friend bool operator==(const Consent &, const Consent &) = default;
};

// A purchase as the customer's history lists it: an order on any channel.
struct OrderHeader
{
    QString order; // the channel's own number: a receipt number in a store, an order code online
    QString channel; // store, web, app, marketplace, social
    QString store; // the store's code for store sales and click and collect; empty online
    qint64 atMs = 0;
    qint64 totalMinor = 0;
    QString currency;
    int items = 0;
    friend bool operator==(const OrderHeader &, const OrderHeader &) = default;
};
bool isKnownChannel(const QString &channel);

// An open online cart of the customer (the online-cart hand-off uses it).
struct OpenCart
{
    QString cartId;
    int items = 0;
    qint64 totalMinor = 0;
    QString currency;
    qint64 updatedAtMs = 0;
    friend bool operator==(const OpenCart &, const OpenCart &) = default;
};

// A customer as the till knows them: one row of the customers stream (key: the id), or one made or changed here. A row
// may instead say that the customer was merged into another (`mergedInto`): everything else is then empty, and the
// till follows it to the customer that stays.
struct Customer
{
    QString id; // a UUID; the till makes UUIDv7s
    QString name;
    QString email; // canonical (CustomerInput::email), or empty
    QString phone; // E.164, or empty
    QStringList cards; // loyalty card numbers, canonical
    QString tier; // e.g. "base", "silver", "gold"; empty when the store has no loyalty
    qint64 points = 0;
    std::optional<qint64> pointsAsOfMs; // when the hub counted them
    // For each till, the last of its journal entries the hub has counted in `points`: that till's points payments
    // after it are not in the balance yet.
    QHash<QString, qint64> pointsSeen;
    Consent emailConsent, smsConsent;
    QString homeStore;
    QList<OrderHeader> recent; // newest first, at most kRecentOrders
    std::optional<OpenCart> cart;
    QString mergedInto;
    qint64 version = 0; // the hub's: a later row of the same customer has a larger one

    static constexpr int kRecentOrders = 10;

    // A row of the customers stream: every field checked (a bad email, a card that is no card, an unknown channel
    // are errors that name the field).
    // `Stored`: a row this till checked when it stored it; its fields are read as they are.
    enum class Trust
    {
        Check,
        Stored
    };
    static Result<Customer> fromRow(const QString &key, const QByteArray &row, Trust trust = Trust::Check);
    QByteArray toRow() const; // canonical JSON
    QString firstName() const;
};

} // namespace omnitill
