// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/customers/customerstore.h"

#include <QJsonObject>
#include <QLocale>
#include <QObject>
#include <QVariantList>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace omnitill {

class StaffSession;

// The Customers page and the customer panel of the Sell page: finding a customer (what the cashier types, or a card
// scanned), their profile (fetched live from the hub when it answers, else what this till last knew, with "as of"),
// and making or changing one at the till, offline too.
class CustomerController : public QObject
{
    Q_OBJECT
    // [{id, name, tier, points, contact, card, local}] for what was last searched.
    Q_PROPERTY(QVariantList matches READ matches NOTIFY matchesChanged)
    // The open customer: {id, name, firstName, tier, points, asOf, live, local, email, phone, cards, emailConsent,
    // smsConsent, consentText, homeStore, orders: [{order, channel, channelName, store, date, total, items}], cart,
    // note}; empty when none is open.
    Q_PROPERTY(QVariantMap profile READ profile NOTIFY profileChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    CustomerController(
        CustomerStore &store, StaffSession &session, Clock clock, QLocale locale, QObject *parent = nullptr);
    // How to ask the hub for a customer's whole profile now; without it profiles are this till's copy.
    void setFetch(FetchCustomerProfile fetch) { m_fetch = std::move(fetch); }

    QVariantList matches() const { return m_matches; }
    QVariantMap profile() const { return m_profile; }
    QString error() const { return m_error; }

    Q_INVOKABLE void search(const QString &text);
    // Opens a customer by id (following a merge): the cached row at once, then the hub's live profile if it answers.
    Q_INVOKABLE bool open(const QString &id);
    // Opens the customer whose loyalty card was scanned or typed.
    Q_INVOKABLE bool openCard(const QString &scanned);
    Q_INVOKABLE void close();
    // Saves a new customer (empty id) or changes one. `cards` is a list of card numbers separated by commas or spaces.
    // On success the customer is open and true is returned; else `error` says what to fix.
    Q_INVOKABLE bool save(const QString &id, const QString &name, const QString &email, const QString &phone,
        const QString &cards, bool emailConsent, bool smsConsent);

Q_SIGNALS:
    void matchesChanged();
    void profileChanged();
    void errorChanged();
    void saved(const QString &id, const QString &name);

private:
    bool fail(const Error &e);
    void setError(const QString &message);
    void show(const CustomerProfile &p, const std::optional<QJsonObject> &live);
    QString money(qint64 minor, const QString &currency) const;
    QString when(qint64 ms) const;

    CustomerStore &m_store;
    StaffSession &m_session;
    Clock m_clock;
    QLocale m_locale;
    FetchCustomerProfile m_fetch;
    QVariantList m_matches;
    QVariantMap m_profile;
    QString m_error;
};

} // namespace omnitill
