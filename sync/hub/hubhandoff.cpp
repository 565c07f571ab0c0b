// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's hand-off routes (docs/sync-protocol.md, "Online carts and hand-off"): a till resolves a code it scanned
// (POST /sync/v1/handoff), holds a cart while it takes payment (POST /sync/v1/cart/claim, /cart/release) and hands a
// basket on to a phone (POST /sync/v1/basket); the phone opens the basket's page (GET /m/TOKEN), which shows the
// lines with prices and stock and a fresh code to show at a till. GET /h/TOKEN is what a phone that scans another
// phone's code sees: nothing about the cart.
#include "sync/hub/hubpages.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/base/money.h"
#include "core/handoff/handoff.h"
#include "core/qr/qrcode.h"
#include "core/receipts/receipt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace omnitill::sync {

namespace {
HttpResponse answer(int status, const QString &code, const QString &message, const std::optional<OnlineCart> &cart)
{
    QJsonObject o;
    if (!code.isEmpty())
        o.insert(QStringLiteral("error"), code);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    if (cart)
        o.insert(QStringLiteral("cart"), QJsonDocument::fromJson(cart->toJson()).object());
    return HttpResponse { status, QJsonDocument(o).toJson(QJsonDocument::Compact) };
}

HttpResponse malformed(const QString &what)
{
    return answer(400, QStringLiteral("MALFORMED"), what, std::nullopt);
}

HttpResponse unavailable(const Error &e)
{
    qCWarning(lcHub) << "hand-off failed:" << e.message;
    return answer(
        503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the cart; retry"), std::nullopt);
}

QJsonObject bodyOf(const HttpRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// 5, 5, 5, 5, 6: easy to read out, and no group of one to miss.
QString grouped(const QString &token)
{
    QStringList groups;
    qsizetype i = 0;
    for (; token.size() - i > 6; i += 5)
        groups << token.mid(i, 5);
    groups << token.mid(i);
    return groups.join(u' ');
}
} // namespace

QString HubServer::publicUrl(HubStore &store, const HttpRequest &request) const
{
    if (auto v = store.configValue(QStringLiteral("hub.public_url")); v && *v && (*v)->isString()) {
        QString url = (*v)->toString().trimmed();
        while (url.endsWith(u'/'))
            url.chop(1);
        if (url.startsWith(u"http://") || url.startsWith(u"https://"))
            return url;
    }
    // Without the setting, the address the till reached the hub by.
    static const QRegularExpression kHost(QStringLiteral("^[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?$"));
    const QString host = QString::fromLatin1(request.header("host"));
    return QStringLiteral("http://") + (kHost.match(host).hasMatch() ? host : QStringLiteral("127.0.0.1"));
}

HttpResponse HubServer::handoff(HubStore &store, const HttpRequest &request) const
{
    using Outcome = HandoffAnswer::Outcome;
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    const QString sha = bodyOf(request).value(u"token_sha256").toString();
    if (!kHash.match(sha).hasMatch())
        return malformed(QStringLiteral("handoff needs {\"token_sha256\": the SHA-256 of the code's token, lower-case "
                                        "hex}"));
    const QString terminalId = QString::fromLatin1(request.header("x-terminal-id"));
    auto resolved = store.resolveHandoff(terminalId, sha);
    if (!resolved)
        return unavailable(resolved.error());
    switch (resolved->outcome) {
    case Outcome::Found:
        qCInfo(lcHub) << "hand-off of cart" << resolved->cart->cartId << "to" << terminalId;
        return answer(200, {}, {}, resolved->cart);
    case Outcome::Unknown:
        return answer(404, QStringLiteral("UNKNOWN_CODE"), QStringLiteral("no cart or order has this code"), {});
    case Outcome::Expired:
        return answer(410, QStringLiteral("CODE_EXPIRED"), QStringLiteral("the code has expired"), {});
    case Outcome::Used:
        return answer(410, QStringLiteral("CODE_USED"), QStringLiteral("the code was used at another till"), {});
    case Outcome::OtherStore:
        return answer(
            403, QStringLiteral("OTHER_STORE"), QStringLiteral("the code is for store %1").arg(resolved->boundTo), {});
    case Outcome::Done:
        return answer(
            410, QStringLiteral("CART_DONE"), QStringLiteral("the cart was paid or collected already"), resolved->cart);
    case Outcome::Unavailable:
        break;
    }
    return unavailable(makeError(ErrorCode::Storage, QStringLiteral("unexpected outcome")));
}

HttpResponse HubServer::claim(HubStore &store, const HttpRequest &request) const
{
    using Outcome = ClaimAnswer::Outcome;
    const QJsonObject o = bodyOf(request);
    const QString cartId = o.value(u"cart_id").toString();
    const qint64 version = o.value(u"version").toInteger(0);
    if (cartId.isEmpty() || cartId.size() > 64 || version < 1)
        return malformed(QStringLiteral("claim needs {\"cart_id\", \"version\": 1 or more}"));
    const QString terminalId = QString::fromLatin1(request.header("x-terminal-id"));
    auto claimed = store.claimCart(terminalId, cartId, version);
    if (!claimed)
        return unavailable(claimed.error());
    switch (claimed->outcome) {
    case Outcome::Held:
        return answer(200, {}, {}, claimed->cart);
    case Outcome::Changed:
        return answer(
            409, QStringLiteral("CART_CHANGED"), QStringLiteral("the cart was changed online"), claimed->cart);
    case Outcome::Converted:
        return answer(
            409, QStringLiteral("CART_CONVERTED"), QStringLiteral("the cart was paid already"), claimed->cart);
    case Outcome::HeldElsewhere:
        return answer(409, QStringLiteral("CART_HELD"), QStringLiteral("another till is taking payment for the cart"),
            std::nullopt);
    case Outcome::Unknown:
        return answer(404, QStringLiteral("UNKNOWN_CART"), QStringLiteral("this till was not shown such a cart"), {});
    case Outcome::Unavailable:
        break;
    }
    return unavailable(makeError(ErrorCode::Storage, QStringLiteral("unexpected outcome")));
}

HttpResponse HubServer::release(HubStore &store, const HttpRequest &request) const
{
    const QString cartId = bodyOf(request).value(u"cart_id").toString();
    if (cartId.isEmpty() || cartId.size() > 64)
        return malformed(QStringLiteral("release needs {\"cart_id\"}"));
    if (auto st = store.releaseCart(QString::fromLatin1(request.header("x-terminal-id")), cartId); !st)
        return unavailable(st.error());
    return answer(200, {}, {}, {});
}

HttpResponse HubServer::basket(HubStore &store, const HttpRequest &request) const
{
    QJsonObject o = bodyOf(request);
    // The hub gives the basket its id and its place; the till sends what is in it.
    o.insert(QStringLiteral("cart_id"), QStringLiteral("B-new"));
    o.insert(QStringLiteral("version"), 1);
    o.remove(QStringLiteral("status"));
    o.remove(QStringLiteral("kind"));
    const bool forTill = o.value(u"for_till").toBool();
    o.insert(QStringLiteral("channel"),
        o.value(u"channel").toString() == u"kiosk" ? QStringLiteral("kiosk") : QStringLiteral("store"));
    o.remove(QStringLiteral("for_till"));
    o.remove(QStringLiteral("store"));
    o.remove(QStringLiteral("handoffs"));
    auto draft = OnlineCart::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!draft)
        return malformed(draft.error().message);
    if (draft->lines.isEmpty())
        return malformed(QStringLiteral("a basket needs lines"));
    auto made = store.createBasket(QString::fromLatin1(request.header("x-terminal-id")), *draft);
    if (!made)
        return unavailable(made.error());
    QJsonObject a { { QStringLiteral("cart"), QJsonDocument::fromJson(made->cart.toJson()).object() },
        { QStringLiteral("url"), Handoff::pageUrl(publicUrl(store, request), made->link.token) },
        { QStringLiteral("expires_at_ms"), made->link.expiresAtMs } };
    if (forTill) {
        // A kiosk's basket: a code for the tills of the kiosk's store as well.
        auto code = store.issueHandoff(made->cart.cartId, HubStore::HandoffPurpose::Handoff, made->cart.store);
        if (!code)
            return unavailable(code.error());
        a.insert(QStringLiteral("code"), Handoff::code(publicUrl(store, request), code->token));
        a.insert(QStringLiteral("code_expires_at_ms"), code->expiresAtMs);
    }
    qCInfo(lcHub) << "basket" << made->cart.cartId << "handed on from" << request.header("x-terminal-id");
    return HttpResponse { 200, QJsonDocument(a).toJson(QJsonDocument::Compact) };
}

HttpResponse HubServer::codePage(const HttpRequest &request) const
{
    Q_UNUSED(request)
    // Someone scanned a phone's hand-off code with another phone: the code is for a till, and says nothing here.
    return htmlNotice(200, QStringLiteral("Show this code at the till"),
        QStringLiteral("This code brings a basket to a till in the store. Show it to the cashier."));
}

HttpResponse HubServer::basketPage(HubStore &store, const HttpRequest &request) const
{
    static const QRegularExpression kToken(QStringLiteral("^/m/([0-9A-HJKMNP-TV-Z]{26})$"));
    const auto match = kToken.match(QString::fromLatin1(request.path));
    const QString unknown = QStringLiteral("This link is not known. Check that it was copied in full, or ask the "
                                           "store for a new one.");
    if (!match.hasMatch())
        return htmlNotice(404, QStringLiteral("Basket not found"), unknown);
    auto linked = store.linkedCart(Handoff::tokenHash(match.captured(1)));
    if (!linked)
        return htmlNotice(503, QStringLiteral("Try again shortly"),
            QStringLiteral("The basket cannot be shown just now. Please try again in a moment."));
    if (!linked->cart)
        return htmlNotice(404, QStringLiteral("Basket not found"), unknown);
    if (linked->expired)
        return htmlNotice(410, QStringLiteral("This link has expired"),
            QStringLiteral("Basket links work for 30 days. Ask the store for a new one."));
    const OnlineCart &cart = *linked->cart;
    const auto currency = Currency::fromCode(cart.currency).value_or(Currency());
    const auto money = [&](qint64 minor) { return Money(minor, currency).toDisplayString().toHtmlEscaped(); };
    ReceiptHeader header;
    if (auto h = store.configValue(QStringLiteral("receipt.header")); h && *h)
        header = ReceiptHeader::fromJson((*h)->toObject());

    QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Your basket</title><style>"
        "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#f6f6f4}"
        "h1{font-size:1.4rem;margin:.2rem 0}.store{color:#555;margin:0 0 1rem}"
        "ul{list-style:none;padding:0;margin:0;background:#fff;border-radius:12px}"
        "li{display:flex;justify-content:space-between;gap:.5rem;padding:.75rem 1rem;border-bottom:1px solid #eee}"
        ".name{font-weight:600}.detail{color:#555;font-size:.9rem}.stock{font-size:.85rem}"
        ".in{color:#1d6b2f}.low{color:#8a5a00}.out{color:#a11}"
        ".total{display:flex;justify-content:space-between;font-size:1.2rem;font-weight:700;padding:1rem}"
        ".code{background:#fff;border-radius:12px;padding:1rem;text-align:center}"
        ".amount{white-space:nowrap}.code svg{width:220px;height:220px}"
        ".token{font-family:ui-monospace,monospace;font-size:1rem;white-space:nowrap}.done{background:#e7f3ea;border-"
        "radius:12px;padding:1rem}"
        "</style></head><body>");
    html += cart.isPickup() ? QStringLiteral("<h1>Your order to collect</h1>") : QStringLiteral("<h1>Your basket</h1>");
    if (!header.storeName.isEmpty())
        html += QStringLiteral("<p class=\"store\">%1</p>").arg(header.storeName.toHtmlEscaped());
    html += QStringLiteral("<ul id=\"lines\">");
    for (const OnlineCartLine &l : cart.lines) {
        const qint64 lineMinor = l.amountMinor();
        QString stock;
        if (!cart.store.isEmpty()) {
            if (auto onHand = store.stockHere(l.sku, cart.store); onHand && *onHand) {
                if (**onHand <= 0)
                    stock = QStringLiteral("<span class=\"stock out\">Out of stock in the store</span>");
                else if (**onHand < l.quantity + 3 * kQuantityScale)
                    stock = QStringLiteral("<span class=\"stock low\">Only %1 left in the store</span>")
                                .arg(**onHand / kQuantityScale);
                else
                    stock = QStringLiteral("<span class=\"stock in\">In stock in the store</span>");
            }
        }
        const QString qty = l.quantity % kQuantityScale ? QString::number(double(l.quantity) / kQuantityScale, 'f', 3)
                                                        : QString::number(l.quantity / kQuantityScale);
        html += QStringLiteral("<li><div><div class=\"name\">%1</div><div class=\"detail\">%2 × %3</div>%4</div>"
                               "<div class=\"amount\">%5</div></li>")
                    .arg((l.name.isEmpty() ? l.sku : l.name).toHtmlEscaped(), qty, money(l.unitPriceMinor), stock,
                        money(lineMinor));
    }
    html += QStringLiteral("</ul><div class=\"total\"><span>Total</span><span id=\"total\">%1</span></div>")
                .arg(money(cart.totalMinor));
    if (cart.status == u"converted" || cart.status == u"collected") {
        html += QStringLiteral("<p class=\"done\" id=\"status\">%1, thank you (%2).</p>")
                    .arg(cart.status == u"collected" ? QStringLiteral("Collected") : QStringLiteral("Paid"))
                    .arg((cart.convertedBy == u"online" ? QStringLiteral("online")
                                                        : QStringLiteral("receipt ") + cart.convertedBy)
                             .toHtmlEscaped());
    } else if (cart.status == u"held") {
        html += QStringLiteral("<p class=\"done\" id=\"status\">Being paid at a till just now.</p>");
    } else if (auto code = cart.isPickup()
                   ? store.issueHandoff(cart.cartId, HubStore::HandoffPurpose::Pickup, cart.store)
                   : store.issueHandoff(cart.cartId, HubStore::HandoffPurpose::Handoff, {});
               code) {
        // A fresh code with every visit: good once, for 15 minutes.
        auto matrix = Qr::encode(Handoff::code(publicUrl(store, request), code->token).toUtf8(), Qr::Ecc::Medium);
        html += cart.isPickup()
            ? QStringLiteral("<div class=\"code\"><p><strong>Collect in store %1:</strong> show this code at the "
                             "till.</p>")
                  .arg(cart.store.toHtmlEscaped())
            : QStringLiteral("<div class=\"code\"><p><strong>Pay in the store:</strong> show this code at the "
                             "till.</p>");
        if (matrix)
            html += QString::fromUtf8(Qr::toSvg(*matrix, 4, 4));
        html += QStringLiteral("<p class=\"token\" id=\"code\">%1</p><p class=\"detail\">%2</p></div>")
                    .arg(grouped(code->token),
                        cart.isPickup() ? QStringLiteral("Works until the order is collected.")
                                        : QStringLiteral("Works once, for %1 minutes. Reload the page for a new one.")
                                              .arg(HubStore::kHandoffTtlMs / 60000));
    } else {
        qCWarning(lcHub) << "no hand-off code for" << cart.cartId << ":" << code.error().message;
        html += QStringLiteral("<p class=\"done\" id=\"status\">No code can be made just now; reload the page in a "
                               "few minutes.</p>");
    }
    html += QStringLiteral("</body></html>\n");
    return htmlPage(200, html.toUtf8());
}

} // namespace omnitill::sync
