// SPDX-License-Identifier: GPL-3.0-or-later
// Online carts on the hub (docs/sync-protocol.md, "Online carts and hand-off"), while no commerce backend is
// connected: carts filled on the web or in the app (imported), baskets a till handed to a phone, orders to collect.
// A phone shows a hand-off code; a till sends its SHA-256 and gets the cart (a cart's code works once, for 15
// minutes). Taking payment is a compare-and-set on the cart's version: a till holds the cart while it takes payment,
// and the sale that arrives converts it; a cart paid elsewhere meanwhile, or rung up offline from the tills' cached
// copy and paid twice, is flagged for a manager, never refused.
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/base/money.h"
#include "core/handoff/handoff.h"
#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace omnitill::sync {

namespace {
constexpr QStringView kRead = u"reading the cart";
constexpr QStringView kWrite = u"recording the cart";
constexpr int kMaxLiveHandoffs = 20; // codes of one cart that work at once

QVariant textOrNull(const QString &t)
{
    return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t);
}

QString purposeName(HubStore::HandoffPurpose p)
{
    switch (p) {
    case HubStore::HandoffPurpose::Handoff:
        return QStringLiteral("handoff");
    case HubStore::HandoffPurpose::Pickup:
        return QStringLiteral("pickup");
    case HubStore::HandoffPurpose::Link:
        return QStringLiteral("link");
    }
    return {};
}
} // namespace

Result<std::optional<OnlineCart>> HubStore::onlineCart(const QString &cartId)
{
    auto q = query(QStringLiteral("SELECT body, version, status, converted_by, held_by FROM online_cart "
                                  "WHERE cart_id = ?"),
        { cartId }, kRead);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<OnlineCart>();
    auto cart = OnlineCart::fromJson(q->value(0).toByteArray());
    if (!cart)
        return cart.error();
    // The columns are what compare-and-set changes: they win over the body.
    cart->version = q->value(1).toLongLong();
    cart->status = q->value(2).toString();
    cart->convertedBy = q->value(3).toString();
    cart->handoffs.clear();
    return std::optional<OnlineCart>(*cart);
}

Status HubStore::publishCart(const QString &cartId)
{
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return publish(kCartsStream, cartId, std::nullopt);
    // The codes a till may still take offline: a cart's unused hand-off codes and an order's pickup code.
    auto live = query(QStringLiteral("SELECT token_sha256, expires_at_ms, store FROM handoff_token WHERE cart_id = ? "
                                     "AND purpose <> 'link' AND used_at_ms IS NULL AND expires_at_ms > ? "
                                     "ORDER BY created_at_ms, token_sha256"),
        { cartId, m_clock() }, kRead);
    if (!live)
        return live.error();
    while (live->next())
        (*cart)->handoffs << HandoffRef { live->value(0).toString(), live->value(1).toLongLong(),
            live->value(2).toString() };
    return publish(kCartsStream, cartId, (*cart)->toJson());
}

Status HubStore::putCart(OnlineCart cart)
{
    auto existing = onlineCart(cart.cartId);
    if (!existing)
        return existing.error();
    const qint64 now = m_clock();
    cart.handoffs.clear();
    cart.convertedBy.clear();
    cart.updatedAtMs = now;
    if (cart.totalMinor == 0) {
        for (const OnlineCartLine &l : cart.lines)
            cart.totalMinor += l.amountMinor();
    }
    if (*existing) {
        const OnlineCart &was = **existing;
        if (was.status == u"converted" || was.status == u"collected")
            return makeError(ErrorCode::Conflict,
                QStringLiteral("cart %1 was %2 (%3); a new cart needs a new id")
                    .arg(cart.cartId, was.status, was.convertedBy));
        OnlineCart same = cart;
        same.version = was.version;
        same.status = was.status;
        same.updatedAtMs = was.updatedAtMs;
        if (same.toJson() == was.toJson())
            return Ok {};
        // Any change is a new version: a till that rang up the old one finds out when it takes payment.
        cart.version = std::max(was.version + 1, cart.version);
        cart.status = was.status;
        auto q = query(QStringLiteral("UPDATE online_cart SET body = ?, version = ?, updated_at_ms = ? "
                                      "WHERE cart_id = ?"),
            { QString::fromUtf8(cart.toJson()), cart.version, now, cart.cartId }, kWrite);
        if (!q)
            return q.error();
    } else {
        if (cart.status != u"open" && cart.status != u"converted")
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a new cart is open (or converted online)"));
        auto q = query(QStringLiteral("INSERT INTO online_cart (cart_id, version, status, body, converted_by, "
                                      "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?)"),
            { cart.cartId, cart.version, cart.status, QString::fromUtf8(cart.toJson()),
                textOrNull(cart.status == u"converted" ? QStringLiteral("online") : QString()), now },
            kWrite);
        if (!q)
            return q.error();
    }
    return publishCart(cart.cartId);
}

Result<qint64> HubStore::importCarts(QIODevice &lines)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    qint64 n = 0, lineNo = 0;
    while (!lines.atEnd()) {
        const QByteArray line = lines.readLine(1 << 20).trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        auto cart = OnlineCart::fromJson(line);
        if (!cart)
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("line %1: %2").arg(lineNo).arg(cart.error().message));
        if (cart->lines.isEmpty())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("line %1: a cart needs lines").arg(lineNo));
        if (auto st = putCart(*cart); !st)
            return makeError(st.error().code, QStringLiteral("line %1: %2").arg(lineNo).arg(st.error().message));
        ++n;
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    return n;
}

Result<HubStore::IssuedCode> HubStore::issueHandoff(const QString &cartId, HandoffPurpose purpose, const QString &store)
{
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no cart %1").arg(cartId));
    const OnlineCart &c = **cart;
    if (c.status == u"converted" || c.status == u"collected")
        return makeError(ErrorCode::Conflict, QStringLiteral("cart %1 was %2 already").arg(cartId, c.status));
    if ((purpose == HandoffPurpose::Pickup) != c.isPickup())
        return makeError(ErrorCode::InvalidInput,
            c.isPickup() ? QStringLiteral("%1 is an order to collect: it gets a pickup code").arg(cartId)
                         : QStringLiteral("%1 is a cart, not an order to collect").arg(cartId));
    const qint64 now = m_clock();
    // Codes long past are forgotten; a cart has a bounded number that work.
    if (auto q = query(QStringLiteral("DELETE FROM handoff_token WHERE cart_id = ? AND expires_at_ms < ?"),
            { cartId, now - 24 * 3600 * 1000 }, kWrite);
        !q)
        return q.error();
    auto live = query(QStringLiteral("SELECT COUNT(*) FROM handoff_token WHERE cart_id = ? AND purpose = ? "
                                     "AND used_at_ms IS NULL AND expires_at_ms > ?"),
        { cartId, purposeName(purpose), now }, kRead);
    if (!live)
        return live.error();
    if (live->next() && live->value(0).toLongLong() >= kMaxLiveHandoffs)
        return makeError(ErrorCode::Conflict,
            QStringLiteral("cart %1 has %2 codes that still work; wait for them to run out")
                .arg(cartId)
                .arg(kMaxLiveHandoffs));
    const qint64 ttl = purpose == HandoffPurpose::Handoff ? kHandoffTtlMs
        : purpose == HandoffPurpose::Pickup               ? kPickupTtlMs
                                                          : kLinkTtlMs;
    IssuedCode issued { Handoff::newToken(), now + ttl };
    if (auto q = query(QStringLiteral("INSERT INTO handoff_token (token_sha256, cart_id, purpose, store, "
                                      "created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)"),
            { Handoff::tokenHash(issued.token), cartId, purposeName(purpose), textOrNull(store), now,
                issued.expiresAtMs },
            kWrite);
        !q)
        return q.error();
    if (purpose != HandoffPurpose::Link) {
        if (auto st = publishCart(cartId); !st)
            return st.error();
    }
    if (auto st = own->commit(); !st)
        return st.error();
    return issued;
}

Result<HubStore::ResolvedHandoff> HubStore::resolveHandoff(const QString &terminalId, const QString &tokenSha256)
{
    using Outcome = HandoffAnswer::Outcome;
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    auto token = query(QStringLiteral("SELECT cart_id, purpose, store, expires_at_ms, used_at_ms, used_by "
                                      "FROM handoff_token WHERE token_sha256 = ?"),
        { tokenSha256 }, kRead);
    if (!token)
        return token.error();
    // A page link is the phone's own, not a code for a till: to a till it is as unknown as a forged one.
    if (!token->next() || token->value(1).toString() == u"link")
        return ResolvedHandoff { Outcome::Unknown, {}, {} };
    const QString cartId = token->value(0).toString();
    const QString purpose = token->value(1).toString();
    const QString boundTo = token->value(2).toString();
    const qint64 expires = token->value(3).toLongLong();
    const bool used = !token->value(4).isNull();
    const QString usedBy = token->value(5).toString();
    token->finish();
    auto codes = terminalCodes(terminalId);
    if (!codes)
        return codes.error();
    if (!boundTo.isEmpty() && boundTo != codes->storeCode)
        return ResolvedHandoff { Outcome::OtherStore, {}, boundTo };
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return ResolvedHandoff { Outcome::Unknown, {}, {} };
    if ((*cart)->status == u"converted" || (*cart)->status == u"collected")
        return ResolvedHandoff { Outcome::Done, *cart, {} };
    const qint64 now = m_clock();
    if (expires <= now)
        return ResolvedHandoff { Outcome::Expired, {}, {} };
    if (purpose == u"handoff") {
        // Good once: the first till to ask has it (asking again from that till, after a restart, finds it again).
        if (used && usedBy != terminalId)
            return ResolvedHandoff { Outcome::Used, {}, {} };
        if (!used) {
            auto take = query(QStringLiteral("UPDATE handoff_token SET used_at_ms = ?, used_by = ? WHERE "
                                             "token_sha256 = ? AND used_at_ms IS NULL"),
                { now, terminalId, tokenSha256 }, kWrite);
            if (!take)
                return take.error();
            if (take->numRowsAffected() != 1)
                return ResolvedHandoff { Outcome::Used, {}, {} };
        }
    }
    // Only a till that was shown the cart may take payment for it.
    if (auto q = query(QStringLiteral("INSERT INTO cart_viewer (cart_id, terminal_id, at_ms) VALUES (?, ?, ?) "
                                      "ON CONFLICT (cart_id, terminal_id) DO UPDATE SET at_ms = excluded.at_ms"),
            { cartId, terminalId, now }, kWrite);
        !q)
        return q.error();
    if (purpose == u"handoff") {
        if (auto st = publishCart(cartId); !st)
            return st.error();
    }
    if (auto st = own->commit(); !st)
        return st.error();
    return ResolvedHandoff { Outcome::Found, *cart, {} };
}

Result<HubStore::LinkedCart> HubStore::linkedCart(const QString &tokenSha256)
{
    auto token = query(QStringLiteral("SELECT cart_id, expires_at_ms FROM handoff_token WHERE token_sha256 = ? "
                                      "AND purpose = 'link'"),
        { tokenSha256 }, kRead);
    if (!token)
        return token.error();
    if (!token->next())
        return LinkedCart {};
    const QString cartId = token->value(0).toString();
    const bool expired = token->value(1).toLongLong() <= m_clock();
    token->finish();
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    return LinkedCart { *cart, expired };
}

Status HubStore::flagCart(const QString &cartId, const QString &eventId, const QString &terminalId, const QString &code,
    const QString &detail)
{
    qCWarning(lcHub) << "cart flagged:" << code << detail;
    auto q = query(QStringLiteral("INSERT INTO cart_flag (cart_id, event_id, terminal_id, code, detail, at_ms) "
                                  "VALUES (?, ?, ?, ?, ?, ?)"),
        { cartId, textOrNull(eventId), terminalId, code, detail, m_clock() }, kWrite);
    return q ? Status(Ok {}) : Status(q.error());
}

Result<ClaimAnswer> HubStore::claimCart(const QString &terminalId, const QString &cartId, qint64 version)
{
    using Outcome = ClaimAnswer::Outcome;
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    // A till that was never shown the cart learns nothing about it: carts cannot be tried by id.
    auto viewer = query(QStringLiteral("SELECT 1 FROM cart_viewer WHERE cart_id = ? AND terminal_id = ?"),
        { cartId, terminalId }, kRead);
    if (!viewer)
        return viewer.error();
    if (!viewer->next())
        return ClaimAnswer { Outcome::Unknown, {}, {} };
    viewer->finish();
    const qint64 now = m_clock();
    auto held = query(QStringLiteral("UPDATE online_cart SET status = 'held', held_by = ?, held_until_ms = ? "
                                     "WHERE cart_id = ? AND version = ? AND (status = 'open' OR (status = 'held' AND "
                                     "(held_by = ? OR held_until_ms < ?)))"),
        { terminalId, now + kHoldMs, cartId, version, terminalId, now }, kWrite);
    if (!held)
        return held.error();
    const bool took = held->numRowsAffected() == 1;
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return ClaimAnswer { Outcome::Unknown, {}, {} };
    ClaimAnswer answer { Outcome::Held, *cart, {} };
    if (!took) {
        const OnlineCart &c = **cart;
        if (c.status == u"converted" || c.status == u"collected") {
            answer.outcome = Outcome::Converted;
            // The cart was on this till when it was paid elsewhere: the goods may be in the customer's bag already.
            // One flag for the till, however often it asks.
            auto seen = query(QStringLiteral("SELECT 1 FROM cart_flag WHERE cart_id = ? AND terminal_id = ? AND code = "
                                             "'PAID_ELSEWHERE'"),
                { cartId, terminalId }, kRead);
            if (!seen)
                return seen.error();
            const bool flagged = seen->next();
            seen->finish();
            if (auto codes = terminalCodes(terminalId); codes && !flagged) {
                if (auto st = flagCart(cartId, {}, terminalId, QStringLiteral("PAID_ELSEWHERE"),
                        QStringLiteral("%1 was being rung up at %2/%3 when it was %4 (%5); that till took no payment")
                            .arg(cartId, codes->storeCode, codes->terminalCode, c.status,
                                c.convertedBy == u"online" ? QStringLiteral("paid online")
                                                           : QStringLiteral("sale ") + c.convertedBy));
                    !st)
                    return st.error();
            }
        } else if (c.version != version) {
            answer.outcome = Outcome::Changed;
        } else {
            answer.outcome = Outcome::HeldElsewhere;
        }
    } else if (auto st = publishCart(cartId); !st) {
        return st.error();
    }
    if (auto st = own->commit(); !st)
        return st.error();
    return answer;
}

Status HubStore::releaseCart(const QString &terminalId, const QString &cartId)
{
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    auto q = query(QStringLiteral("UPDATE online_cart SET status = 'open', held_by = NULL, held_until_ms = NULL "
                                  "WHERE cart_id = ? AND status = 'held' AND held_by = ?"),
        { cartId, terminalId }, kWrite);
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 1) {
        if (auto st = publishCart(cartId); !st)
            return st;
    }
    return own->commit();
}

Status HubStore::checkoutOnline(const QString &cartId)
{
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no cart %1").arg(cartId));
    auto q = query(QStringLiteral("UPDATE online_cart SET status = 'converted', converted_by = 'online', "
                                  "held_by = NULL, held_until_ms = NULL WHERE cart_id = ? AND version = ? AND "
                                  "(status = 'open' OR (status = 'held' AND held_until_ms < ?))"),
        { cartId, (*cart)->version, m_clock() }, kWrite);
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1) {
        const OnlineCart &c = **cart;
        return makeError(ErrorCode::Conflict,
            c.status == u"held" ? QStringLiteral("cart %1 is being paid at a till just now").arg(cartId)
                                : QStringLiteral("cart %1 was %2 already (%3)").arg(cartId, c.status, c.convertedBy));
    }
    if (auto st = publishCart(cartId); !st)
        return st;
    return own->commit();
}

Status HubStore::applyCartSale(const QString &terminalId, const QString &eventId, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QJsonObject ref = o.value(u"online_cart").toObject();
    const QString cartId = ref.value(u"id").toString();
    const qint64 version = ref.value(u"version").toInteger();
    const QString receiptNo = o.value(u"receipt_no").toString();
    auto cart = onlineCart(cartId);
    if (!cart)
        return cart.error();
    if (!*cart)
        return flagCart(cartId, eventId, terminalId, QStringLiteral("UNKNOWN_CART"),
            QStringLiteral("sale %1 rang up cart %2, which the hub does not know").arg(receiptNo, cartId));
    const OnlineCart &c = **cart;
    auto converted
        = query(QStringLiteral("SELECT converted_event FROM online_cart WHERE cart_id = ?"), { cartId }, kRead);
    if (!converted)
        return converted.error();
    if (converted->next() && converted->value(0).toString() == eventId)
        return Ok {}; // applied before
    converted->finish();
    if (c.status == u"converted" || c.status == u"collected")
        return flagCart(cartId, eventId, terminalId, QStringLiteral("PAID_TWICE"),
            QStringLiteral("%1 was %2 (%3) and sale %4 rang it up again (offline): one of them must be refunded")
                .arg(cartId, c.status,
                    c.convertedBy == u"online" ? QStringLiteral("paid online")
                                               : QStringLiteral("sale ") + c.convertedBy,
                    receiptNo));
    auto q = query(QStringLiteral("UPDATE online_cart SET status = ?, converted_by = ?, converted_event = ?, "
                                  "held_by = NULL, held_until_ms = NULL WHERE cart_id = ?"),
        { c.isPickup() ? QStringLiteral("collected") : QStringLiteral("converted"), receiptNo, eventId, cartId },
        kWrite);
    if (!q)
        return q.error();
    if (c.version != version) {
        if (auto st = flagCart(cartId, eventId, terminalId, QStringLiteral("CHANGED_ONLINE"),
                QStringLiteral("sale %1 rang up version %2 of %3 (offline); the cart was at version %4 by then: "
                               "what the customer took may differ from the cart")
                    .arg(receiptNo)
                    .arg(version)
                    .arg(cartId)
                    .arg(c.version));
            !st)
            return st;
    }
    return publishCart(cartId);
}

Result<HubStore::IssuedBasket> HubStore::createBasket(const QString &terminalId, OnlineCart basket)
{
    auto codes = terminalCodes(terminalId);
    if (!codes)
        return codes.error();
    auto own = transaction();
    if (!own->begun())
        return own->begun().error();
    basket.cartId = QStringLiteral("B-") + Handoff::newToken().left(12);
    basket.version = 1;
    basket.kind = QStringLiteral("cart");
    basket.status = QStringLiteral("open");
    if (basket.channel != u"kiosk")
        basket.channel = QStringLiteral("store");
    basket.store = codes->storeCode;
    if (auto st = putCart(basket); !st)
        return st.error();
    if (auto st = own->commit(); !st)
        return st.error();
    auto link = issueHandoff(basket.cartId, HandoffPurpose::Link, {});
    if (!link)
        return link.error();
    auto cart = onlineCart(basket.cartId);
    if (!cart)
        return cart.error();
    return IssuedBasket { **cart, *link };
}

Result<QList<HubStore::ManagerFlag>> HubStore::cartFlags(bool withResolved)
{
    return managerFlags(
        QLatin1StringView("cart_flag"), QLatin1StringView("cart_id"), withResolved, u"reading the cart flags");
}

Status HubStore::resolveCartFlag(qint64 id, const QString &by, const QString &resolution)
{
    return resolveFlag(QLatin1StringView("cart_flag"), id, by, resolution);
}

Result<std::optional<QJsonValue>> HubStore::configValue(const QString &key)
{
    auto q = kept(QStringLiteral("SELECT op, body FROM stream_change WHERE stream = 'config' AND key = ? "
                                 "ORDER BY change_seq DESC LIMIT 1"));
    if (!q)
        return q.error();
    (*q)->bindValue(0, key);
    if (auto st = exec(**q, QStringLiteral("reading the configuration")); !st)
        return st.error();
    std::optional<QJsonValue> value;
    if ((*q)->next() && (*q)->value(0).toString() == QLatin1String("upsert"))
        value = QJsonDocument::fromJson((*q)->value(1).toByteArray()).object().value(u"value");
    (*q)->finish();
    return value;
}

Result<std::optional<qint64>> HubStore::stockHere(const QString &sku, const QString &store)
{
    auto q = kept(QStringLiteral("SELECT op, body FROM stream_change WHERE stream = 'stock' AND key = ? "
                                 "ORDER BY change_seq DESC LIMIT 1"));
    if (!q)
        return q.error();
    (*q)->bindValue(0, QString(sku + u'|' + store));
    if (auto st = exec(**q, QStringLiteral("reading the stock")); !st)
        return st.error();
    std::optional<qint64> onHand;
    if ((*q)->next() && (*q)->value(0).toString() == QLatin1String("upsert"))
        onHand = QJsonDocument::fromJson((*q)->value(1).toByteArray()).object().value(u"on_hand_milli").toInteger();
    (*q)->finish();
    return onHand;
}

} // namespace omnitill::sync
