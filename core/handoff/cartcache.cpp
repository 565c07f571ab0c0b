// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/handoff/cartcache.h"

#include "core/storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace omnitill {

CartCache::CartCache(Database &db)
    : m_db(db)
{ }

Result<std::optional<OnlineCart>> CartCache::findByCode(const QString &tokenSha256)
{
    // Few carts per store, and this runs only when the hub cannot be asked: a scan of their codes.
    auto q = m_db.statement("SELECT r.key, r.body FROM stream_row r, json_each(CAST(r.body AS TEXT), '$.handoffs') h "
                            "WHERE r.stream = 'carts' AND json_extract(h.value, '$.sha256') = ? LIMIT 1");
    if (!q)
        return q.error();
    q->bind(0, tokenSha256);
    auto row = q->next(u"looking for the code among the cached carts");
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<OnlineCart>();
    auto cart = OnlineCart::fromJson(q->blob(1), q->text(0));
    if (!cart)
        return cart.error();
    return std::optional<OnlineCart>(*cart);
}

Result<std::optional<qint64>> CartCache::stockHere(const QString &sku, const QString &store)
{
    auto found = stock(sku, store);
    if (!found)
        return found.error();
    return *found ? std::optional<qint64>((*found)->onHandMilli) : std::nullopt;
}

Result<std::optional<CartCache::Stock>> CartCache::stock(const QString &sku, const QString &store)
{
    auto q = m_db.statement("SELECT json_extract(CAST(body AS TEXT), '$.on_hand_milli'), "
                            "json_extract(CAST(body AS TEXT), '$.as_of_ms') FROM stream_row "
                            "WHERE stream = 'stock' AND key = ?");
    if (!q)
        return q.error();
    q->bind(0, QString(sku + u'|' + store));
    auto row = q->next(u"reading the stock");
    if (!row)
        return row.error();
    if (!*row || q->isNull(0))
        return std::optional<Stock>();
    return std::optional<Stock>(
        Stock { q->int64(0), q->isNull(1) ? std::optional<qint64>() : std::optional<qint64>(q->int64(1)) });
}

Result<QString> CartCache::rungUpBy(const QString &cartId)
{
    auto q = m_db.statement("SELECT receipt_no FROM sale WHERE online_cart_id = ? ORDER BY id LIMIT 1");
    if (!q)
        return q.error();
    q->bind(0, cartId);
    auto row = q->next(u"looking for a sale of the cart");
    if (!row)
        return row.error();
    return *row ? q->text(0) : QString();
}

QString CartCache::storeCode()
{
    auto code = readMeta(m_db.connection(), QStringLiteral("store_code"));
    return code && *code ? **code : QString();
}

Result<QString> CartCache::configText(const QString &key)
{
    auto q = m_db.statement(
        "SELECT json_extract(CAST(body AS TEXT), '$.value') FROM stream_row WHERE stream = 'config' AND key = ?");
    if (!q)
        return q.error();
    q->bind(0, key);
    auto row = q->next(u"reading the configuration");
    if (!row)
        return row.error();
    return *row && !q->isNull(0) ? q->text(0) : QString();
}

} // namespace omnitill
