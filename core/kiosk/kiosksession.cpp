// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/kiosk/kiosksession.h"
#include "core/kiosk/logging.h"

#include "core/catalog/catalog.h"
#include "core/codes/gtin.h"
#include "core/customers/customerstore.h"
#include "core/handoff/cartcache.h"
#include "core/handoff/handoff.h"
#include "core/loyalty/loyalty.h"
#include "core/returns/returns.h"
#include "core/sale/scanresolver.h"

#include <QDateTime>
#include <QUrl>

namespace omnitill {

namespace {
constexpr int kMaxCode = 512; // longer is no product's or card's code
} // namespace

KioskSession::KioskSession(Catalog &catalog, CustomerStore &customers, Loyalty *loyalty, CartCache &cache, Clock clock,
    Config config, QLocale locale, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_customers(customers)
    , m_loyalty(loyalty)
    , m_cache(cache)
    , m_clock(std::move(clock))
    , m_config(std::move(config))
    , m_locale(std::move(locale))
    , m_basket(m_config.currency, m_locale)
    , m_lastActivityMs(m_clock())
{ }

QString KioskSession::money(qint64 minor) const
{
    return Money(minor, m_config.currency).toDisplayString();
}

QString KioskSession::quantity(qint64 milli) const
{
    return m_basket.quantityText(milli);
}

bool KioskSession::refuse(const QString &message)
{
    m_message = message;
    Q_EMIT changed();
    return false;
}

bool KioskSession::scan(const QString &code)
{
    noteActivity();
    if (code.size() > kMaxCode)
        return refuse(tr("This code is too long to be a product or a card. Try another one."));
    const QString text = code.trimmed();
    const bool readable = !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isPrint() || c == QChar(0x1d); // GS1's group separator is fine
    });
    if (!readable)
        return refuse(tr("This code cannot be read as a product or a card. Try another one."));
    if (Handoff::read(text, {}).kind != Handoff::Scanned::Kind::NotHandoff)
        return refuse(tr("This code brings a basket to a till: show it to the cashier."));
    if (!receiptTokenIn(text).isEmpty())
        return refuse(tr("This is a receipt: returns and exchanges are at the till."));
    if (text.startsWith(QLatin1String("LOYALTY:"), Qt::CaseInsensitive)) // the card's QR in the app
        return showMember(text);
    if (!CustomerInput::looksLikeCard(text))
        return showProduct(text);
    // A number a card could have may be a product's code too: a barcode's length is tried as a product first, and
    // when it is neither, what the likelier of the two says is said.
    const bool barcodeLength = text.size() == 8 || (text.size() >= 12 && text.size() <= 14);
    const auto first = [&] { return barcodeLength ? showProduct(text) : showMember(text); };
    const auto second = [&] { return barcodeLength ? showMember(text) : showProduct(text); };
    if (first())
        return true;
    const QString likelier = m_message;
    return second() || refuse(likelier);
}

bool KioskSession::showMember(const QString &code)
{
    auto found = m_customers.kioskView(code);
    if (!found) {
        if (found.error().code == ErrorCode::NotFound || found.error().code == ErrorCode::InvalidInput)
            return refuse(tr("This card is not known here. A member of staff can help."));
        qCWarning(lcKiosk) << "card look-up failed:" << found.error().message;
        return refuse(tr("Cards cannot be read just now. A member of staff can help."));
    }
    qint64 points = found->points;
    QVariantList offers;
    if (m_loyalty) {
        auto rules = m_loyalty->rules();
        auto whose = m_customers.byCard(code); // the id, for this till's redemptions the hub has not counted yet
        if (rules && *rules && whose) {
            if (auto known = m_loyalty->check(whose->customer.id, std::nullopt, **rules))
                points = known->balancePoints;
            for (const LoyaltyRules::Reward &r : (*rules)->rewards) {
                if (r.points <= points)
                    offers.append(QVariantMap { { QStringLiteral("name"), r.name },
                        { QStringLiteral("points"), m_locale.toString(r.points) },
                        { QStringLiteral("value"), money(r.valueMinor) } });
            }
        }
    }
    // The first name and the card's last digits only: the kiosk's screen is seen by whoever stands behind.
    m_member = QVariantMap { { QStringLiteral("firstName"), found->firstName },
        { QStringLiteral("card"), found->maskedCard },
        { QStringLiteral("tier"),
            found->tier.isEmpty() ? QString() : found->tier.left(1).toUpper() + found->tier.mid(1) },
        { QStringLiteral("points"), m_locale.toString(points) }, { QStringLiteral("offers"), offers } };
    m_product.clear();
    m_shown.reset();
    m_message.clear();
    m_screen = QStringLiteral("member");
    qCInfo(lcKiosk) << "a member's card was shown";
    Q_EMIT changed();
    return true;
}

bool KioskSession::showProduct(const QString &code)
{
    const qint64 now = m_clock();
    auto scanned = resolveScan(m_catalog, code, m_config.currency, now, m_config.labels);
    if (!scanned) {
        if (scanned.error().code == ErrorCode::NotFound || scanned.error().code == ErrorCode::InvalidInput)
            return refuse(tr("This code is not a product of this store. Try another one, or ask a member of staff."));
        if (scanned.error().code == ErrorCode::Refused) // e.g. past its expiry date, no longer sold
            return refuse(tr("This product cannot be sold just now. A member of staff can help."));
        qCWarning(lcKiosk) << "look-up failed:" << scanned.error().message;
        return refuse(tr("Products cannot be looked up just now. A member of staff can help."));
    }
    const CatalogItem &item = scanned->item;
    const QString unit = unitToString(item.unit);
    QVariantMap p { { QStringLiteral("name"), item.name }, { QStringLiteral("brand"), item.brand },
        { QStringLiteral("sku"), item.sku }, { QStringLiteral("price"), money(item.price.minor()) },
        { QStringLiteral("unit"), unit } };
    if (unitAllowsFraction(item.unit)) {
        p.insert(QStringLiteral("unitPrice"), tr("%1 per %2").arg(money(item.price.minor()), unit));
        if (scanned->quantity != kQuantityScale) { // a weight on the label: what this pack costs
            p.insert(QStringLiteral("quantity"), QStringLiteral("%1 %2").arg(quantity(scanned->quantity), unit));
            p.insert(QStringLiteral("total"),
                money((item.price.minor() * scanned->quantity + kQuantityScale / 2) / kQuantityScale));
        }
    }
    if (auto promotion = m_catalog.promotion(item.variantId, m_config.currency, now); promotion && *promotion) {
        p.insert(QStringLiteral("regularPrice"), money((*promotion)->regular.minor()));
        p.insert(QStringLiteral("promotionUntil"),
            m_locale.toString(QDateTime::fromMSecsSinceEpoch((*promotion)->untilMs).date(), QLocale::ShortFormat));
    }
    // The stock here and in the nearby stores, with when the hub counted it.
    std::optional<qint64> asOf;
    const auto stockText = [&](const QString &store) -> QString {
        auto stock = m_cache.stock(item.sku, store);
        if (!stock || !*stock)
            return {};
        if ((*stock)->asOfMs)
            asOf = std::max(asOf.value_or(0), *(*stock)->asOfMs);
        const qint64 onHand = (*stock)->onHandMilli;
        if (onHand <= 0)
            return tr("Out of stock");
        return unitAllowsFraction(item.unit) ? tr("%1 %2 in stock").arg(quantity(onHand), unit)
                                             : tr("%1 in stock").arg(quantity(onHand));
    };
    const QString here = m_cache.storeCode();
    p.insert(QStringLiteral("stockHere"), here.isEmpty() ? QString() : stockText(here));
    QVariantList nearby;
    for (const QString &store : m_config.nearbyStores) {
        if (store == here)
            continue;
        if (const QString s = stockText(store); !s.isEmpty())
            nearby.append(QVariantMap { { QStringLiteral("store"), store }, { QStringLiteral("stock"), s } });
    }
    p.insert(QStringLiteral("stockNearby"), nearby);
    if (asOf)
        p.insert(QStringLiteral("asOf"),
            tr("as of %1").arg(m_locale.toString(QDateTime::fromMSecsSinceEpoch(*asOf), QLocale::ShortFormat)));
    // A link for the phone: the shop's page of the SKU, else the product's GS1 Digital Link.
    if (!m_config.productUrl.isEmpty()) {
        p.insert(QStringLiteral("phoneUrl"),
            QString(m_config.productUrl)
                .replace(QLatin1String("{sku}"), QString::fromLatin1(QUrl::toPercentEncoding(item.sku))));
    } else if (const QString digits = scanned->scannedCode; Gtin::validate(digits)) {
        p.insert(QStringLiteral("phoneUrl"),
            QString(QStringLiteral("https://id.gs1.org/01/") + QString(14 - digits.size(), u'0') + digits));
    }
    m_product = p;
    m_shown = Line { item.sku, item.name, scanned->quantity, item.price };
    m_member.clear();
    m_message.clear();
    m_screen = QStringLiteral("product");
    Q_EMIT changed();
    return true;
}

bool KioskSession::addToBasket()
{
    noteActivity();
    if (!m_shown)
        return refuse(tr("Scan a product first."));
    m_basket.add(*m_shown);
    m_screen = QStringLiteral("basket");
    Q_EMIT changed();
    return true;
}

void KioskSession::removeFromBasket(int row)
{
    noteActivity();
    if (row < 0 || row >= m_basket.rowCount())
        return;
    m_basket.remove(row);
    Q_EMIT changed();
}

void KioskSession::showBasket()
{
    noteActivity();
    m_screen = QStringLiteral("basket");
    m_message.clear();
    Q_EMIT changed();
}

bool KioskSession::handOn()
{
    noteActivity();
    if (m_basket.lines().isEmpty())
        return refuse(tr("The basket is empty: scan a product and add it first."));
    if (!m_handBasket)
        return refuse(tr("The basket can go to a till or a phone only while the kiosk is online."));
    OnlineCart basket;
    basket.cartId = QStringLiteral("B-new");
    basket.channel = QStringLiteral("kiosk");
    basket.currency = m_config.currency.code();
    for (const Line &l : m_basket.lines())
        basket.lines.append(OnlineCartLine { l.sku, l.name, l.quantity, l.unitPrice.minor() });
    const BasketLink link = m_handBasket(basket);
    if (link.url.isEmpty() || link.tillCode.isEmpty()) {
        qCWarning(lcKiosk) << "the basket did not go on:" << link.error;
        return refuse(tr("The basket cannot go on just now. Show the products to the cashier, or try again."));
    }
    qCInfo(lcKiosk) << "basket handed on as" << link.cartId;
    m_tillCode = link.tillCode;
    m_phoneUrl = link.url;
    m_message.clear();
    m_screen = QStringLiteral("handoff");
    Q_EMIT changed();
    return true;
}

void KioskSession::refreshPromotions()
{
    const qint64 now = m_clock();
    QList<Catalog::RunningPromotion> running;
    if (!m_config.promotions.isEmpty()) {
        for (const QString &sku : std::as_const(m_config.promotions)) {
            auto item = m_catalog.lookupSku(sku, m_config.currency, now);
            if (!item)
                continue; // not (or no longer) sold: the rest still show
            Catalog::Promotion none { item->price, 0 };
            auto promotion = m_catalog.promotion(item->variantId, m_config.currency, now);
            running.append({ *item, promotion && *promotion ? **promotion : none });
        }
    } else if (auto found = m_catalog.promotions(m_config.currency, now, 8)) {
        running = *found;
    } else {
        qCWarning(lcKiosk) << "cannot read the running promotions:" << found.error().message;
    }
    QVariantList out;
    for (const Catalog::RunningPromotion &r : std::as_const(running)) {
        QVariantMap slide { { QStringLiteral("name"), r.item.name }, { QStringLiteral("brand"), r.item.brand },
            { QStringLiteral("sku"), r.item.sku }, { QStringLiteral("price"), money(r.item.price.minor()) } };
        if (r.promotion.untilMs > 0 && r.promotion.regular.minor() > r.item.price.minor()) {
            slide.insert(QStringLiteral("regularPrice"), money(r.promotion.regular.minor()));
            slide.insert(QStringLiteral("until"),
                m_locale.toString(QDateTime::fromMSecsSinceEpoch(r.promotion.untilMs).date(), QLocale::ShortFormat));
        }
        out.append(slide);
    }
    if (out == m_promotions)
        return;
    m_promotions = out;
    Q_EMIT promotionsChanged();
}

QVariantList KioskSession::basket() const
{
    QVariantList out;
    for (int row = 0; row < m_basket.rowCount(); ++row) {
        QVariantMap line;
        const QModelIndex at = m_basket.index(row);
        const auto roles = m_basket.roleNames();
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            line.insert(QString::fromLatin1(it.value()), m_basket.data(at, it.key()));
        out.append(line);
    }
    return out;
}

QString KioskSession::basketTotal() const
{
    return m_basket.total().toDisplayString();
}

void KioskSession::noteActivity()
{
    m_lastActivityMs = m_clock();
}

void KioskSession::reset()
{
    m_screen = QStringLiteral("attract");
    m_product.clear();
    m_member.clear();
    m_message.clear();
    m_shown.reset();
    m_basket.clear();
    m_tillCode.clear();
    m_phoneUrl.clear();
    m_lastActivityMs = m_clock();
    Q_EMIT changed();
}

void KioskSession::checkIdle()
{
    if (m_screen == u"attract" && m_basket.lines().isEmpty() && m_message.isEmpty())
        return;
    if (m_clock() - m_lastActivityMs >= m_config.idleMs) {
        qCInfo(lcKiosk) << "nobody at the kiosk: back to the start";
        reset();
    }
}

} // namespace omnitill
