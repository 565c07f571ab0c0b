// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/customers/customer.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace omnitill {

class Database;

// How the till asks the hub for a customer's whole profile now (sync/terminal fetchCustomerProfile): the JSON, an
// empty array when the hub has no such customer, nullopt when it could not be asked.
using FetchCustomerProfile = std::function<std::optional<QByteArray>(const QString &id)>;
// The hub's profile of `id` as an object; nullopt without a fetch, without an answer, or when the answer is none.
std::optional<QJsonObject> liveProfile(const FetchCustomerProfile &fetch, const QString &id);

// What the cashier fills in to make or change a customer. Every field is checked (CustomerInput); consent given or
// withdrawn here is stamped with the time and this store and till.
struct CustomerDraft
{
    QString name;
    QString email;
    QString phone;
    QStringList cards;
    bool emailConsent = false;
    bool smsConsent = false;
};

// A customer in a list of matches.
struct CustomerMatch
{
    QString id;
    QString name;
    QString tier;
    qint64 points = 0;
    QString email;
    QString phone;
    QString card; // masked
    bool local = false; // made or changed here, not yet confirmed by the hub
};

// What a customer kiosk may show of whoever scanned a loyalty card: no more than this (no surname, no contact, no
// history), and nothing of it is kept.
struct KioskCustomer
{
    QString firstName;
    QString maskedCard;
    QString tier;
    qint64 points = 0;
};

// A customer as the till shows them: the row, and whether it is this till's own change the hub has not confirmed.
struct CustomerProfile
{
    Customer customer;
    bool local = false;
    QString mergedFrom; // the id that was asked for, when it was merged into this customer
};

// The customers this till knows: the hub's customers stream (the customers of the stores it is configured for), and
// the ones made or changed here, which go to the hub as customer.created and customer.updated in the journal. Lookups
// use indexes only: a card, a phone number and an email exactly, a name by the beginnings of its words.
class CustomerStore
{
public:
    CustomerStore(Database &db, Clock clock);

    static inline const QString kStream = QStringLiteral("customers");

    // --- The stream (called by the stream applier in its transaction) ---
    // Stores the hub's row. A row that says the customer was merged into another replaces them with an alias; this
    // till's own change the hub has not acknowledged yet keeps its name, email, phone and consent over the row's.
    static Status applyRow(Database &db, const QString &key, const QByteArray &row);
    // The hub erased the customer (a tombstone): every trace on this till goes, aliases to them too.
    static Status erase(Database &db, const QString &key);

    // --- Lookup ---
    // The customer with `id`, following merges (at most a few hops).
    Result<std::optional<CustomerProfile>> profile(const QString &id);
    // The customer whose loyalty card this is (scanned or typed; a QR may hold "LOYALTY:<number>"). A malformed
    // number is InvalidInput; an unknown one NotFound.
    Result<CustomerProfile> byCard(const QString &scanned);
    // The same for a kiosk: only what KioskCustomer holds.
    Result<KioskCustomer> kioskView(const QString &scanned);
    // What the cashier typed: an email address (exactly, or the beginning of one), a phone number, a card number, or
    // the beginnings of the words of a name in any order ("mül an" finds Anna Müller), accents and case ignored.
    // Matches come in the order of the word they matched (then of their id); at most `limit`.
    Result<QList<CustomerMatch>> search(const QString &text, int limit = 50);

    // --- Changes made at the till (each one transaction with its journal entry) ---
    // Phone numbers without a country code take the store's: `code` when set here (e.g. "49"), else the hub's config
    // customers.calling_code ({"value": "49"}), else none (a number must then start with its country code).
    void setDefaultCallingCode(const QString &code) { m_callingCode = code; }
    // A new customer with a new UUIDv7 (customer.created). A card another customer already holds is a Conflict.
    Result<CustomerProfile> create(const CustomerDraft &draft, const QString &staffId);
    // New details for a customer (customer.updated with every field); consent keeps its time and place unless it
    // changed.
    Result<CustomerProfile> update(const QString &id, const CustomerDraft &draft, const QString &staffId);

    Result<qint64> count();

private:
    struct Checked
    {
        QString name, email, phone;
        QStringList cards;
    };
    Result<Checked> check(const CustomerDraft &draft, const QString &self);
    Result<CustomerProfile> write(Customer customer, const QString &eventType, const QString &staffId);
    Result<QString> where();
    QString callingCode();

    Database &m_db;
    Clock m_clock;
    QString m_callingCode;
};

} // namespace omnitill
