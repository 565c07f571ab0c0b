// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/codes/variablemeasure.h"
#include "core/handoff/handoff.h"
#include "core/kiosk/kioskbasketmodel.h"

#include <QLocale>
#include <QObject>
#include <QVariantList>
#include <QVariantMap>

#include <optional>

namespace omnitill {

class CartCache;
class Catalog;
class CustomerStore;
class Loyalty;

// One customer's time at the kiosk, without staff. A scan shows a product (name, price and unit price, a promotion
// with its end, the stock here and in the nearby stores with when the hub counted it, and a link for the phone: the
// product's page or its GS1 Digital Link) or the member behind a loyalty card (first name, tier, points and the
// rewards the points reach; nothing else of them). Products go into a basket. Anything else scanned gets a friendly
// message and the kiosk goes on scanning. A minute without a touch or a scan (`idleMs`) clears everything and shows
// the attract screen again; nothing of the customer is kept.
class KioskSession : public QObject
{
    Q_OBJECT
    // attract (nobody here), product, member, basket, handoff
    Q_PROPERTY(QString screen READ screen NOTIFY changed)
    // {name, brand, sku, price, unitPrice, quantity, total, promotionUntil, regularPrice, stockHere, stockNearby:
    // [{store, stock}], asOf, phoneUrl}; empty on other screens. unitPrice is the price per kg, l or m of goods sold
    // by measure; quantity and total are set when the code carried a weight (a scale's label, GS1 310n).
    Q_PROPERTY(QVariantMap product READ product NOTIFY changed)
    // {firstName, tier, points, offers: [{name, points, value}]}: never the full name, email, phone or history.
    Q_PROPERTY(QVariantMap member READ member NOTIFY changed)
    // [{sku, name, quantity, price, total}], for C++ and tests; QML shows basketModel.
    Q_PROPERTY(QVariantList basket READ basket NOTIFY changed)
    // The same lines as a model whose rows change one at a time.
    Q_PROPERTY(omnitill::KioskBasketModel *basketModel READ basketModel CONSTANT)
    Q_PROPERTY(int basketCount READ basketCount NOTIFY changed)
    Q_PROPERTY(QString basketTotal READ basketTotal NOTIFY changed)
    // What went wrong with the last scan, for the customer ("" when the last scan was fine).
    Q_PROPERTY(QString message READ message NOTIFY changed)
    // After handOn(): the code a till scans to take the basket over (paid there), and the link for the phone.
    Q_PROPERTY(QString tillCode READ tillCode NOTIFY changed)
    Q_PROPERTY(QString phoneUrl READ phoneUrl NOTIFY changed)
    // What the attract screen shows: [{name, brand, price, regularPrice, until}], the store's chosen promotions
    // (kiosk.promotions) or those running in the catalog.
    Q_PROPERTY(QVariantList promotions READ promotions NOTIFY promotionsChanged)

public:
    struct Config
    {
        Currency currency;
        qint64 idleMs = 60'000;
        QStringList nearbyStores; // store codes, nearest first (config kiosk.nearby_stores)
        QString productUrl; // the online shop's page of a SKU, with {sku} (config kiosk.product_url); else Digital Link
        VariableMeasure::Rules labels;
        QStringList promotions; // SKUs for the attract screen (config kiosk.promotions); else the catalog's
    };
    KioskSession(Catalog &catalog, CustomerStore &customers, Loyalty *loyalty, CartCache &cache, Clock clock,
        Config config, QLocale locale, QObject *parent = nullptr);

    QString screen() const { return m_screen; }
    QVariantMap product() const { return m_product; }
    QVariantMap member() const { return m_member; }
    QVariantList basket() const;
    KioskBasketModel *basketModel() { return &m_basket; }
    int basketCount() const { return m_basket.rowCount(); }
    QString basketTotal() const;
    QString message() const { return m_message; }
    QString tillCode() const { return m_tillCode; }
    QString phoneUrl() const { return m_phoneUrl; }
    QVariantList promotions() const { return m_promotions; }
    // Reads the attract screen's promotions again (at start, when sync brought changes, every hour).
    void refreshPromotions();
    // How the basket goes on (sync/terminal handBasket, asking for a till's code); without, it cannot.
    void setHandBasket(HandBasket hand) { m_handBasket = std::move(hand); }

    // A scan or a code typed on the kiosk's screen. False when it was not a product or a card (message says why).
    Q_INVOKABLE bool scan(const QString &code);
    // The product on the screen into the basket (one more of it).
    Q_INVOKABLE bool addToBasket();
    Q_INVOKABLE void removeFromBasket(int row);
    Q_INVOKABLE void showBasket();
    // The basket to the hub as a cart of this store: a code for a till (the customer pays there) and a link for the
    // phone, both on the "handoff" screen. Needs the hub.
    Q_INVOKABLE bool handOn();
    // A touch anywhere: the customer is still there.
    Q_INVOKABLE void noteActivity();
    // Back to the attract screen with everything forgotten ("Done", or idle).
    Q_INVOKABLE void reset();
    // Resets when nobody touched or scanned for idleMs (the kiosk's timer calls it; tests call it with their clock).
    void checkIdle();

    // The basket's lines, for handing it to a till or a phone.
    using Line = KioskBasketModel::Line;
    const QList<Line> &lines() const { return m_basket.lines(); }

Q_SIGNALS:
    void changed();
    void promotionsChanged();

private:
    bool refuse(const QString &message);
    bool showProduct(const QString &code);
    bool showMember(const QString &code);
    QString money(qint64 minor) const;
    QString quantity(qint64 milli) const;

    Catalog &m_catalog;
    CustomerStore &m_customers;
    Loyalty *m_loyalty;
    CartCache &m_cache;
    Clock m_clock;
    Config m_config;
    QLocale m_locale;
    QString m_screen = QStringLiteral("attract");
    QVariantMap m_product;
    QVariantMap m_member;
    QString m_message;
    std::optional<Line> m_shown; // the product on the screen
    KioskBasketModel m_basket;
    qint64 m_lastActivityMs = 0;
    HandBasket m_handBasket;
    QString m_tillCode, m_phoneUrl;
    QVariantList m_promotions;
};

} // namespace omnitill
