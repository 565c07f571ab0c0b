// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/handoffcontroller.h"
#include "core/till/logging.h"
#include "core/till/salecontroller.h"

#include "core/catalog/catalog.h"
#include "core/customers/customerstore.h"
#include "core/returns/returns.h"

namespace omnitill {

HandoffController::HandoffController(SaleController &sale, Catalog &catalog, CartCache &cache, Currency currency,
    Clock clock, QLocale locale, QObject *parent)
    : QObject(parent)
    , m_sale(sale)
    , m_catalog(catalog)
    , m_cache(cache)
    , m_currency(currency)
    , m_clock(std::move(clock))
    , m_locale(std::move(locale))
{
    connect(&m_sale, &SaleController::totalsChanged, this, &HandoffController::saleChanged);
    m_sale.setPaymentGate([this] { return mayTakePayment(); });
}

QString HandoffController::money(qint64 minor) const
{
    return Money(minor, m_currency).toDisplayString();
}

bool HandoffController::fail(const QString &message)
{
    qCInfo(lcTill) << "hand-off:" << message;
    Q_EMIT errorOccurred(message);
    return false;
}

QString HandoffController::title() const
{
    if (!m_cart)
        return {};
    if (m_cart->isPickup())
        return tr("Order %1 to collect").arg(m_cart->cartId);
    if (m_cart->channel == u"app")
        return tr("Online cart from the app");
    if (m_cart->channel == u"store")
        return tr("Basket continued on the phone");
    if (m_cart->channel == u"kiosk")
        return tr("Basket from the kiosk");
    return tr("Online cart from the web");
}

QString HandoffController::detail() const
{
    if (!m_cart)
        return {};
    qint64 pieces = 0;
    for (const OnlineCartLine &l : m_cart->lines)
        pieces += l.quantity % kQuantityScale ? kQuantityScale : l.quantity;
    QStringList parts;
    if (!m_sale.customerName().isEmpty())
        parts << m_sale.customerName();
    parts << tr("%n item(s)", nullptr, int(pieces / kQuantityScale));
    if (m_cart->isPickup())
        parts << tr("paid online %1").arg(money(m_cart->paidMinor));
    else
        parts << tr("online %1").arg(money(m_cart->totalMinor));
    return parts.join(QStringLiteral(" · "));
}

bool HandoffController::scan(const QString &code)
{
    // The chain's hub address (config hub.public_url) tells its codes from another shop's; without it any address is
    // taken, and the hub knows no other shop's code.
    auto configured = m_cache.configText(QStringLiteral("hub.public_url"));
    QString publicUrl = configured ? configured->trimmed() : QString();
    while (publicUrl.endsWith(u'/'))
        publicUrl.chop(1);
    const Handoff::Scanned scanned = Handoff::read(code, publicUrl);
    using Kind = Handoff::Scanned::Kind;
    switch (scanned.kind) {
    case Kind::NotHandoff:
        if (receiptTokenIn(code).isEmpty())
            return false;
        fail(tr("This is a receipt's code: open Returns to take goods back."));
        return true;
    case Kind::Foreign:
        fail(tr("This QR code is from another shop, not a code of this store."));
        return true;
    case Kind::Damaged:
        fail(tr("The code is damaged or cut short: ask the customer to show it again."));
        return true;
    case Kind::Ours:
        break;
    }
    if (m_sale.paying()) {
        fail(tr("A payment is under way: finish this sale before scanning a cart."));
        return true;
    }
    const QString sha = Handoff::tokenHash(scanned.token);
    using Outcome = HandoffAnswer::Outcome;
    const HandoffAnswer answer = m_hub.resolve ? m_hub.resolve(sha) : HandoffAnswer {};
    const auto paidBy = [this](const OnlineCart &c) {
        return c.convertedBy == u"online" ? tr("online") : tr("receipt %1").arg(c.convertedBy);
    };
    switch (answer.outcome) {
    case Outcome::Found:
        load(*answer.cart, false);
        return true;
    case Outcome::Unknown:
        fail(tr("This code is not known: ask the customer to reload the page on the phone and show the new code."));
        return true;
    case Outcome::Expired:
        fail(tr("This code has expired: ask the customer to reload the page on the phone for a new one."));
        return true;
    case Outcome::Used:
        fail(tr("This code was used at another till already: a reload of the page on the phone gives a new one."));
        return true;
    case Outcome::OtherStore:
        fail(tr("This code is for another store (%1).").arg(answer.message));
        return true;
    case Outcome::Done:
        if (answer.cart && answer.cart->isPickup())
            fail(tr("This order was collected already (%1): hand nothing over.").arg(paidBy(*answer.cart)));
        else
            fail(answer.cart ? tr("This cart was paid already (%1): take no payment for it.").arg(paidBy(*answer.cart))
                             : tr("This cart was paid already: take no payment for it."));
        return true;
    case Outcome::Unavailable:
        break;
    }
    // The hub cannot be asked: this till's copy of the carts, with the codes that worked when it last synced.
    auto cached = m_cache.findByCode(sha);
    if (!cached) {
        fail(cached.error().message);
        return true;
    }
    if (!*cached) {
        fail(answer.message.isEmpty()
                ? tr("The hub cannot be reached and this cart is not on this till: scan the items one by one, or "
                     "scan the code again when the till is back online.")
                : tr("The hub did not answer (%1), and this cart is not on this till: scan the items one by one.")
                      .arg(answer.message));
        return true;
    }
    const OnlineCart &cart = **cached;
    const HandoffRef ref = *cart.handoff(sha);
    if (ref.expiresAtMs <= m_clock())
        fail(tr("This code has expired: ask the customer to reload the page on the phone for a new one."));
    else if (!ref.store.isEmpty() && ref.store != m_cache.storeCode())
        fail(tr("This code is for another store (%1).").arg(ref.store));
    else if (cart.status == u"converted" || cart.status == u"collected")
        fail(tr("This cart was paid already (%1): take no payment for it.").arg(paidBy(cart)));
    else
        load(cart, true);
    return true;
}

bool HandoffController::load(const OnlineCart &cart, bool offline)
{
    if (cart.currency != m_currency.code())
        return fail(tr("This cart is in %1; this store sells in %2.").arg(cart.currency, m_currency.code()));
    auto rung = m_cache.rungUpBy(cart.cartId);
    if (!rung)
        return fail(rung.error().message);
    if (!rung->isEmpty())
        return fail(tr("This till rang up this cart already (receipt %1): take no payment for it.").arg(*rung));
    QList<SaleController::OnlineLine> lines;
    QStringList missing, notices;
    QHash<QString, QString> notes;
    const QString store = m_cache.storeCode();
    for (const OnlineCartLine &l : cart.lines) {
        auto item = m_catalog.lookupSku(l.sku, m_currency, m_clock());
        if (!item) {
            if (item.error().code != ErrorCode::NotFound)
                return fail(item.error().message);
            if (cart.isPickup()) // paid for: every item is handed over, or none
                return fail(tr("%1 of order %2 is not in this store's catalog: the order cannot be handed over here.")
                                .arg(l.name.isEmpty() ? l.sku : l.name, cart.cartId));
            missing << (l.name.isEmpty() ? l.sku : l.name);
            continue;
        }
        if (cart.isPickup()) {
            // At the price the customer paid for it online.
            CatalogItem paid = *item;
            paid.price = Money(l.unitPriceMinor, m_currency);
            lines.append(SaleController::OnlineLine { paid, l.quantity });
            continue;
        }
        lines.append(SaleController::OnlineLine { *item, l.quantity });
        QStringList note;
        if (l.unitPriceMinor != item->price.minor())
            note << tr("online %1").arg(money(l.unitPriceMinor));
        if (auto stock = m_cache.stockHere(item->sku, store); stock && *stock) {
            const qint64 onHand = **stock;
            if (onHand <= 0) {
                note << tr("none in stock here");
                notices << tr("%1: none in stock here (the shelf count may be out of date).").arg(item->name);
            } else if (onHand < l.quantity) {
                note << tr("only %1 in stock here").arg(m_locale.toString(onHand / kQuantityScale));
            } else {
                note << tr("%1 in stock here").arg(m_locale.toString(onHand / kQuantityScale));
            }
        }
        notes[item->sku] = note.join(QStringLiteral(" · "));
    }
    if (lines.isEmpty())
        return fail(tr("None of the cart's items is sold in this store: %1.").arg(missing.join(QStringLiteral(", "))));
    if (!missing.isEmpty())
        notices.prepend(tr("Not sold in this store, left off: %1.").arg(missing.join(QStringLiteral(", "))));
    if (auto st = m_sale.putOnlineCart(SaleOnlineCart { cart.cartId, cart.version }, lines, cart.paidMinor); !st)
        return fail(st.error().message);
    if (cart.isPickup()) {
        const qint64 due = m_sale.cart().totals().totalMinor - cart.paidMinor;
        notices << (due > 0
                ? tr("%1 is still to pay: take it as for any sale, then hand the order over.").arg(money(due))
                : tr("Paid in full online: check the customer's name, then hand the order over."));
    }
    if (!cart.customerId.isEmpty() && m_sale.customerId().isEmpty() && m_customers) {
        auto profile = m_customers->profile(cart.customerId);
        if (profile && *profile)
            m_sale.attachCustomer(cart.customerId);
        else
            notices << tr("The cart's customer is not on this till: look them up on the Customers page for points.");
    }
    if (offline)
        notices << tr("Rung up from this till's copy: the hub settles the cart when the till is back online.");
    m_sale.lines()->setNotes(notes);
    m_cart = cart;
    m_offline = offline;
    m_held = m_paidElsewhere = false;
    m_changed.reset();
    m_notices = notices;
    qCInfo(lcTill) << "online cart" << cart.cartId << "version" << cart.version << "on the sale"
                   << (offline ? "(from the cache)" : "");
    Q_EMIT changed();
    Q_EMIT cartLoaded(cart.cartId);
    return true;
}

bool HandoffController::handOver()
{
    if (!m_cart || !m_cart->isPickup())
        return fail(tr("There is no order to collect on the sale."));
    if (const qint64 due = m_sale.cart().totals().totalMinor - m_cart->paidMinor; due > 0)
        return fail(tr("%1 is still to pay: take it with Pay first.").arg(money(due)));
    return m_sale.payCash({}); // nothing is left: the online payment is the sale's one tender
}

bool HandoffController::loadChanges()
{
    if (!m_changed)
        return fail(tr("The cart has not changed online."));
    const OnlineCart next = *m_changed;
    return load(next, false);
}

bool HandoffController::mayTakePayment()
{
    if (m_cart && m_paidElsewhere)
        return fail(tr("This cart was paid elsewhere while it was rung up here: take no payment, and void this sale."));
    if (!m_cart || m_held || m_offline || !m_hub.claim)
        return true;
    using Outcome = ClaimAnswer::Outcome;
    const ClaimAnswer answer = m_hub.claim(m_cart->cartId, m_cart->version);
    switch (answer.outcome) {
    case Outcome::Held:
        m_held = true;
        return true;
    case Outcome::Changed:
        m_changed = answer.cart;
        Q_EMIT changed();
        return fail(tr("The customer changed the cart online: load the new version before taking payment."));
    case Outcome::Converted:
        m_paidElsewhere = true;
        return fail(answer.cart && answer.cart->convertedBy != u"online"
                ? tr("This cart was paid at another till (receipt %1) while it was rung up here: take no payment, "
                     "and void this sale.")
                      .arg(answer.cart->convertedBy)
                : tr("This cart was paid online while it was rung up here: take no payment, and void this sale. The "
                     "hub has flagged it for the manager."));
    case Outcome::HeldElsewhere:
        return fail(tr("Another till is taking payment for this cart just now."));
    case Outcome::Unknown:
    case Outcome::Unavailable:
        break;
    }
    // The hub cannot say now: the sale goes ahead and the hub settles the cart when it arrives.
    m_offline = true;
    m_notices << tr("The hub cannot be asked now: the cart is settled when the till is back online.");
    Q_EMIT changed();
    return true;
}

void HandoffController::saleChanged()
{
    if (!m_cart || m_sale.cart().onlineCart())
        return;
    // The cart left the sale: paid (its sale is recorded; the hub converts it when the sale arrives) or voided (the
    // hold is given back).
    auto rung = m_cache.rungUpBy(m_cart->cartId);
    if (m_held && m_hub.release && rung && rung->isEmpty())
        m_hub.release(m_cart->cartId);
    m_cart.reset();
    m_changed.reset();
    m_held = m_offline = m_paidElsewhere = false;
    m_notices.clear();
    m_sale.lines()->setNotes({});
    Q_EMIT changed();
}

bool HandoffController::continueOnPhone()
{
    const Cart &sale = m_sale.cart();
    if (sale.isEmpty())
        return fail(tr("The sale is empty: scan the items the customer wants to take on the phone."));
    if (m_sale.paying())
        return fail(tr("A payment is under way: finish this sale first."));
    if (!m_hub.handBasket)
        return fail(tr("This till has no hub: a basket can go to a phone only through the hub."));
    OnlineCart basket;
    basket.cartId = QStringLiteral("B-new");
    basket.currency = sale.currency().code();
    basket.customerId = m_sale.customerId();
    for (const CartLine &l : sale.lines()) {
        if (l.storedValue)
            continue; // a gift card is sold at the till
        basket.lines.append(OnlineCartLine { l.item.sku, l.item.name, l.quantity, l.item.price.minor() });
    }
    if (basket.lines.isEmpty())
        return fail(tr("Gift cards are sold at the till: there is nothing else to take on the phone."));
    const BasketLink link = m_hub.handBasket(basket);
    if (link.url.isEmpty())
        return fail(link.error);
    qCInfo(lcTill) << "basket handed to a phone as" << link.cartId;
    m_phoneUrl = link.url;
    Q_EMIT phoneChanged();
    return true;
}

void HandoffController::closePhone()
{
    m_phoneUrl.clear();
    Q_EMIT phoneChanged();
}

} // namespace omnitill
