// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/scanresolver.h"
#include "core/codes/gs1.h"
#include "core/sale/cart.h"

#include <QDateTime>

namespace omnitill {

namespace {
// Weight in grams as a quantity in thousandths of the item's unit.
std::optional<qint64> quantityFromGrams(Unit unit, qint64 grams)
{
    if (unit == Unit::Kilogram)
        return grams; // grams are thousandths of a kilogram
    if (unit == Unit::Gram)
        return grams * kQuantityScale;
    return std::nullopt;
}

// One pack at the price printed on it (a price label or GS1 392n), whatever it weighs. `what` names the code.
Result<ResolvedScan> atPrintedPrice(
    CatalogItem item, qint64 priceMinor, Currency currency, const QString &what, QString scannedCode)
{
    if (priceMinor <= 0)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1 for %2 carries a price of zero").arg(what, item.name));
    item.price = Money(priceMinor, currency);
    item.unit = Unit::Each;
    return ResolvedScan { std::move(item), kQuantityScale, std::move(scannedCode) };
}

Result<ResolvedScan> resolveLabel(
    Catalog &catalog, const VariableMeasure::Label &label, QStringView code, Currency currency, qint64 atMs)
{
    auto item = catalog.lookupBarcode(label.lookupKey, currency, atMs);
    if (!item) {
        if (item.error().code != ErrorCode::NotFound)
            return item.error();
        return makeError(ErrorCode::NotFound,
            QStringLiteral("label %1: no item is registered as %2 (its label code with the price or weight "
                           "digits set to zero)")
                .arg(code.toString(), label.lookupKey));
    }
    if (label.priceMinor)
        return atPrintedPrice(*item, *label.priceMinor, currency, QStringLiteral("label ") + code, code.toString());
    const auto quantity = quantityFromGrams(item->unit, *label.grams);
    if (!quantity)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("label %1 carries a weight, but %2 is sold by the piece: check the item's unit or the "
                           "store's label rules")
                .arg(code.toString(), item->name));
    if (*quantity == 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("label %1 for %2 carries a weight of zero").arg(code.toString(), item->name));
    return ResolvedScan { *item, *quantity, code.toString() };
}
} // namespace

Result<ResolvedScan> resolveScan(
    Catalog &catalog, QStringView code, Currency currency, qint64 atMs, const VariableMeasure::Rules &labels)
{
    const QStringView key = code.trimmed();
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("nothing was scanned"));
    if (auto label = VariableMeasure::read(labels, key)) {
        if (!*label)
            return label->error();
        return resolveLabel(catalog, **label, key, currency, atMs);
    }
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
    // A price payable (392n) is what this pack costs, as on a price label.
    if (const auto payable = message->pricePayableMinor(currency.exponent())) {
        if (!*payable)
            return payable->error();
        return atPrintedPrice(*item, **payable, currency, QStringLiteral("the GS1 code"), *gtin);
    }
    qint64 quantity = kQuantityScale;
    if (const auto grams = message->netWeightGrams())
        quantity = quantityFromGrams(item->unit, *grams).value_or(kQuantityScale);
    return ResolvedScan { *item, quantity, *gtin };
}

} // namespace omnitill
