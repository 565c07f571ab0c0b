// SPDX-License-Identifier: GPL-3.0-or-later
#include "scanresolver.h"
#include "cart.h"
#include "gs1.h"

#include <QDateTime>

namespace omnitill {

Result<ResolvedScan> resolveScan(Catalog &catalog, QStringView code, Currency currency, qint64 atMs)
{
    const QStringView key = code.trimmed();
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("nothing was scanned"));
    if (!Gs1::looksLikeGs1(key)) {
        auto item = catalog.lookupCode(key, currency, atMs);
        if (!item)
            return item.error();
        return ResolvedScan { *item, kQuantityScale, key.toString() };
    }
    // Expiry is judged by the store's local calendar day.
    const QDate today = QDateTime::fromMSecsSinceEpoch(atMs).date();
    auto message = Gs1::parse(key, today);
    if (!message)
        return message.error();
    const auto gtin = message->gtin();
    if (!gtin)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the GS1 code carries no product number (01)"));
    auto item = catalog.lookupBarcode(*gtin, currency, atMs);
    if (!item)
        return item.error();
    if (const auto expiry = message->expiry(); expiry && *expiry < today)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 expired on %2 and cannot be sold").arg(item->name, expiry->toString(Qt::ISODate)));
    qint64 quantity = kQuantityScale;
    if (const auto grams = message->netWeightGrams()) {
        if (item->unit == Unit::Kilogram)
            quantity = *grams; // grams are thousandths of a kilogram
        else if (item->unit == Unit::Gram)
            quantity = *grams * kQuantityScale;
    }
    return ResolvedScan { *item, quantity, *gtin };
}

} // namespace omnitill
