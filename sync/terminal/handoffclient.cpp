// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/hubquery.h"
#include "sync/terminal/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace omnitill::sync {

namespace {
constexpr qint64 kMaxAnswer = 4 * 1024 * 1024;

struct Parsed
{
    int status = 0;
    QString error;
    QString message;
    std::optional<OnlineCart> cart;
    bool ok = false; // the answer was JSON of the expected shape
};

Parsed parse(const std::optional<HubAnswer> &answer)
{
    Parsed p;
    if (!answer)
        return p;
    p.status = answer->status;
    const QJsonDocument doc = QJsonDocument::fromJson(answer->body);
    if (!doc.isObject())
        return p;
    const QJsonObject o = doc.object();
    p.error = o.value(u"error").toString();
    p.message = o.value(u"message").toString();
    if (o.value(u"cart").isObject()) {
        auto cart = OnlineCart::fromJson(QJsonDocument(o.value(u"cart").toObject()).toJson(QJsonDocument::Compact));
        if (!cart) {
            qCWarning(lcSync) << "the hub sent a cart the till cannot read:" << cart.error().message;
            return p;
        }
        p.cart = *cart;
    }
    p.ok = true;
    return p;
}
} // namespace

HandoffAnswer resolveHandoff(
    const SyncConfig &config, const QString &terminalId, const QString &tokenSha256, int timeoutMs)
{
    using Outcome = HandoffAnswer::Outcome;
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("token_sha256"), tokenSha256 } }).toJson(QJsonDocument::Compact);
    const Parsed p
        = parse(postHub(config, terminalId, QStringLiteral("/sync/v1/handoff"), body, timeoutMs, kMaxAnswer));
    if (p.ok && p.status == 200 && p.cart)
        return { Outcome::Found, p.cart, {} };
    if (p.ok && p.status == 404 && p.error == u"UNKNOWN_CODE")
        return { Outcome::Unknown, {}, {} };
    if (p.ok && p.status == 410 && p.error == u"CODE_EXPIRED")
        return { Outcome::Expired, {}, {} };
    if (p.ok && p.status == 410 && p.error == u"CODE_USED")
        return { Outcome::Used, {}, {} };
    if (p.ok && p.status == 410 && p.error == u"CART_DONE")
        return { Outcome::Done, p.cart, {} };
    if (p.ok && p.status == 403 && p.error == u"OTHER_STORE")
        return { Outcome::OtherStore, {}, p.message };
    if (p.status == 429)
        return { Outcome::Unavailable, {}, QStringLiteral("too many look-ups from this till; wait a few seconds") };
    qCWarning(lcSync) << "the hub could not resolve a hand-off code: HTTP" << p.status << p.error;
    return { Outcome::Unavailable, {}, p.status ? p.message : QString() };
}

ClaimAnswer claimCart(
    const SyncConfig &config, const QString &terminalId, const QString &cartId, qint64 version, int timeoutMs)
{
    using Outcome = ClaimAnswer::Outcome;
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("cart_id"), cartId }, { QStringLiteral("version"), version } })
              .toJson(QJsonDocument::Compact);
    const Parsed p
        = parse(postHub(config, terminalId, QStringLiteral("/sync/v1/cart/claim"), body, timeoutMs, kMaxAnswer));
    if (p.ok && p.status == 200 && p.cart)
        return { Outcome::Held, p.cart, {} };
    if (p.ok && p.status == 409 && p.error == u"CART_CHANGED" && p.cart)
        return { Outcome::Changed, p.cart, {} };
    if (p.ok && p.status == 409 && p.error == u"CART_CONVERTED")
        return { Outcome::Converted, p.cart, {} };
    if (p.ok && p.status == 409 && p.error == u"CART_HELD")
        return { Outcome::HeldElsewhere, {}, {} };
    if (p.ok && p.status == 404)
        return { Outcome::Unknown, {}, {} };
    qCWarning(lcSync) << "the hub could not hold a cart: HTTP" << p.status << p.error;
    return { Outcome::Unavailable, {}, p.message };
}

void releaseCart(const SyncConfig &config, const QString &terminalId, const QString &cartId, int timeoutMs)
{
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("cart_id"), cartId } }).toJson(QJsonDocument::Compact);
    const auto answer = postHub(config, terminalId, QStringLiteral("/sync/v1/cart/release"), body, timeoutMs, 4096);
    if (!answer || answer->status != 200)
        qCInfo(lcSync) << "cart" << cartId << "not released now; the hub's hold runs out by itself";
}

BasketLink handBasket(
    const SyncConfig &config, const QString &terminalId, const OnlineCart &basket, bool forTill, int timeoutMs)
{
    QJsonObject request = QJsonDocument::fromJson(basket.toJson()).object();
    if (forTill)
        request.insert(QStringLiteral("for_till"), true);
    const auto answer = postHub(config, terminalId, QStringLiteral("/sync/v1/basket"),
        QJsonDocument(request).toJson(QJsonDocument::Compact), timeoutMs, kMaxAnswer);
    if (!answer)
        return { {}, {}, QStringLiteral("The hub cannot be reached: the basket can go on only online."), {} };
    const QJsonObject o = QJsonDocument::fromJson(answer->body).object();
    if (answer->status != 200 || !o.value(u"url").isString()) {
        qCWarning(lcSync) << "the hub did not take the basket: HTTP" << answer->status << o.value(u"error").toString();
        return { {}, {},
            QStringLiteral("The hub did not take the basket: %1")
                .arg(o.value(u"message").toString(QStringLiteral("HTTP %1").arg(answer->status))),
            {} };
    }
    return { o.value(u"url").toString(), o.value(u"cart")[u"cart_id"].toString(), {}, o.value(u"code").toString() };
}

} // namespace omnitill::sync
