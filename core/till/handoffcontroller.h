// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/handoff/cartcache.h"

#include <QLocale>
#include <QObject>
#include <QStringList>

#include <optional>

namespace omnitill {

class Catalog;
class CustomerStore;
class SaleController;

// The online cart on the till and the basket onto the phone. A hand-off code scanned at the till (the QR the phone
// shows) is resolved by the hub, or, when the hub cannot be asked, from the till's cached carts; its lines go on the
// sale at this store's prices and promotions, with the online price and the stock here beside each, and the cart's
// customer attached. Before the first payment the hub is asked to hold the cart at the version rung up: a cart paid
// online meanwhile, changed online, or being paid at another till is not paid here. Offline the sale goes ahead and
// the hub settles it when it arrives. The other way, "continue on your phone" hands the sale's lines to the hub as a
// cart and shows the link to its page as a QR code.
class HandoffController : public QObject
{
    Q_OBJECT
    // An online cart is on the sale, or an order to collect (pickup).
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(bool pickup READ pickup NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed) // "Online cart from the web"
    Q_PROPERTY(QString detail READ detail NOTIFY changed) // "Anna Schmidt · 3 items · online EUR 34.98"
    // What the cashier must know: items not sold here, none in stock, rung up offline.
    Q_PROPERTY(QStringList notices READ notices NOTIFY changed)
    // The customer changed the cart online since it was scanned: loadChanges() puts the new version on the sale.
    Q_PROPERTY(bool changeWaiting READ changeWaiting NOTIFY changed)
    // After continueOnPhone(): the link for the customer's phone (shown as a QR code).
    Q_PROPERTY(QString phoneUrl READ phoneUrl NOTIFY phoneChanged)

public:
    struct Hub
    {
        ResolveHandoff resolve;
        ClaimCart claim;
        ReleaseCart release;
        HandBasket handBasket;
    };
    HandoffController(SaleController &sale, Catalog &catalog, CartCache &cache, Currency currency, Clock clock,
        QLocale locale, QObject *parent = nullptr);
    // How to ask the hub (sync/terminal handoffclient.h); without, only cached carts are found.
    void setHub(Hub hub) { m_hub = std::move(hub); }
    void setCustomers(CustomerStore *customers) { m_customers = customers; }

    bool active() const { return m_cart.has_value(); }
    bool pickup() const { return m_cart && m_cart->isPickup(); }
    QString title() const;
    QString detail() const;
    QStringList notices() const { return m_notices; }
    bool changeWaiting() const { return m_changed.has_value(); }
    QString phoneUrl() const { return m_phoneUrl; }

    // A scan: a hand-off code is taken here (true, whatever became of it: errorOccurred says what went wrong); false
    // for anything else, which the sale resolves as an item.
    Q_INVOKABLE bool scan(const QString &code);
    Q_INVOKABLE bool loadChanges();
    // An order to collect, paid in full online: recorded as handed over (a sale paid online before).
    Q_INVOKABLE bool handOver();
    // The sale's lines as a cart on the customer's phone; phoneUrl has its link.
    Q_INVOKABLE bool continueOnPhone();
    Q_INVOKABLE void closePhone();

    // The sale's payment gate (SaleController::setPaymentGate): holds the cart at the hub before the first tender.
    bool mayTakePayment();

Q_SIGNALS:
    void changed();
    void phoneChanged();
    void errorOccurred(const QString &message);
    // A code was read and its cart put on the sale.
    void cartLoaded(const QString &cartId);

private:
    bool fail(const QString &message);
    bool load(const OnlineCart &cart, bool offline);
    void saleChanged(); // the sale completed, was voided or parked: the cart leaves with it
    QString money(qint64 minor) const;

    SaleController &m_sale;
    Catalog &m_catalog;
    CartCache &m_cache;
    Currency m_currency;
    Clock m_clock;
    QLocale m_locale;
    Hub m_hub;
    CustomerStore *m_customers = nullptr;
    std::optional<OnlineCart> m_cart; // on the sale
    bool m_offline = false; // found in the cache: the hub settles it at sync
    bool m_held = false; // the hub holds it for this till
    bool m_paidElsewhere = false; // the hub said it was paid meanwhile: no payment here
    std::optional<OnlineCart> m_changed; // its new version, when the hub said it changed
    QStringList m_notices;
    QString m_phoneUrl;
};

} // namespace omnitill
