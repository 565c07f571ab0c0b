// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/handoff/handoff.h"

namespace omnitill {

class Database;

// What a till knows of online carts without asking the hub: its copy of the carts stream (the carts of the customers
// its store may hold, each with the hand-off codes that still work, as SHA-256), the stock stream, and its own sales.
class CartCache
{
public:
    explicit CartCache(Database &db);

    // The cached cart with a code of this SHA-256, or nullopt (the code's expiry is the caller's to check).
    Result<std::optional<OnlineCart>> findByCode(const QString &tokenSha256);
    // What the stock stream says a store has of a SKU (thousandths), or nullopt when it says nothing.
    Result<std::optional<qint64>> stockHere(const QString &sku, const QString &store);
    // The same, with when it was counted (the row's as_of_ms, when the hub says).
    struct Stock
    {
        qint64 onHandMilli = 0;
        std::optional<qint64> asOfMs;
    };
    Result<std::optional<Stock>> stock(const QString &sku, const QString &store);
    // The receipt number of this till's sale of the cart, or "" when it has not rung it up.
    Result<QString> rungUpBy(const QString &cartId);
    // This till's store (its code from the hub's registration), or "" before it is registered.
    QString storeCode();
    // A setting of the config stream ({"value": ...}) as text, or "" ("hub.public_url").
    Result<QString> configText(const QString &key);

private:
    Database &m_db;
};

} // namespace omnitill
