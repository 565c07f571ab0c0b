// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/cart.h"

#include <algorithm>
#include <numeric>

namespace omnitill {

QString pricingModeToString(PricingMode mode)
{
    return mode == PricingMode::TaxInclusive ? QStringLiteral("inclusive") : QStringLiteral("exclusive");
}

std::optional<PricingMode> pricingModeFromString(QStringView text)
{
    if (text == QLatin1String("inclusive"))
        return PricingMode::TaxInclusive;
    if (text == QLatin1String("exclusive"))
        return PricingMode::TaxExclusive;
    return std::nullopt;
}

Result<qint64> parseQuantity(QStringView text)
{
    auto q = parseFixed(text, 3, QStringLiteral("quantity"));
    if (!q)
        return q.error();
    if (*q <= 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("quantity %1 must be greater than zero; use a return for negative quantities")
                .arg(text.trimmed()));
    return *q;
}

QString formatQuantity(qint64 quantity, Unit unit)
{
    if (!unitAllowsFraction(unit) && quantity % kQuantityScale == 0)
        return QString::number(quantity / kQuantityScale);
    return formatFixed(quantity, 3);
}

Cart::Cart(Currency currency, PricingMode mode)
    : m_currency(currency)
    , m_mode(mode)
{ }

Status Cart::checkQuantity(const CatalogItem &item, qint64 quantity) const
{
    const QString shown = formatQuantity(quantity, item.unit);
    if (quantity <= 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("quantity %1 of %2 must be greater than zero").arg(shown, item.name));
    if (!unitAllowsFraction(item.unit)) {
        if (quantity % kQuantityScale != 0)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1 is sold by the piece; quantity %2 must be a whole number").arg(item.name, shown));
        if (quantity > kMaxPiecesPerLine)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("quantity %1 of %2 is more than the 9999 pieces allowed on one line")
                    .arg(shown, item.name));
    } else if (quantity > kMaxMeasuredPerLine) {
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("quantity %1 %2 of %3 is more than 9999.999 allowed")
                .arg(shown, unitToString(item.unit), item.name));
    }
    return Ok {};
}

Status Cart::checkLine(int line) const
{
    if (line < 0 || line >= m_lines.size())
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no line %1 in the cart").arg(line + 1));
    return Ok {};
}

Status Cart::checkDiscount(Discount d, qint64 baseMinor, const QString &what) const
{
    switch (d.kind) {
    case Discount::Kind::None:
        return Ok {};
    case Discount::Kind::Percent:
        if (d.value < 0 || d.value > 10000)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("a discount of %1% on %2 must be between 0 and 100%")
                    .arg(formatFixed(d.value, 2), what));
        return Ok {};
    case Discount::Kind::Amount:
        if (d.value < 0)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a discount on %1 cannot be negative").arg(what));
        if (d.value > baseMinor)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("a discount of %1 is more than the %2 of %3")
                    .arg(Money(d.value, m_currency).toDisplayString(), Money(baseMinor, m_currency).toDisplayString(),
                        what));
        return Ok {};
    }
    return Ok {};
}

Result<int> Cart::add(const CatalogItem &item, qint64 quantity, const QString &scannedCode)
{
    if (item.price.currency() != m_currency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 is priced in %2 but this sale is in %3")
                .arg(item.name, item.price.currency().code(), m_currency.code()));
    if (auto st = checkQuantity(item, quantity); !st)
        return st.error();
    if (!unitAllowsFraction(item.unit)) {
        for (int i = 0; i < m_lines.size(); ++i) {
            CartLine &l = m_lines[i];
            if (l.item.variantId == item.variantId && l.item.price == item.price && l.discount.isNone()) {
                if (auto st = checkQuantity(item, l.quantity + quantity); !st)
                    return st.error();
                l.quantity += quantity;
                reprice();
                return i;
            }
        }
    }
    CartLine line;
    line.item = item;
    line.quantity = quantity;
    line.scannedCode = scannedCode;
    m_lines.append(line);
    reprice();
    return int(m_lines.size() - 1);
}

Result<int> Cart::addStoredValue(const StoredValueLoad &load, Money value, const QString &name)
{
    if (value.currency() != m_currency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a card loaded in %1 for a sale in %2").arg(value.currency().code(), m_currency.code()));
    if (value.minor() <= 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a card is loaded with more than nothing"));
    if (load.card.size() != 64)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a card is named by its number's SHA-256"));
    for (const CartLine &l : m_lines) {
        if (l.storedValue && l.storedValue->card == load.card)
            return makeError(ErrorCode::Conflict,
                QStringLiteral("card …%1 is already in this sale: remove that line to change it").arg(load.last4));
    }
    CartLine line;
    line.item.sku = tenderKindToString(load.kind);
    line.item.name = name;
    line.item.unit = Unit::Each;
    line.item.tax = TaxClass { QStringLiteral("voucher"), QStringLiteral("Voucher"), 0 };
    line.item.price = value;
    line.storedValue = load;
    m_lines.append(line);
    reprice();
    return int(m_lines.size() - 1);
}

namespace {
Status notForCards(const CartLine &l, const QString &what)
{
    if (!l.storedValue)
        return Ok {};
    return makeError(ErrorCode::InvalidInput,
        QStringLiteral("a %1 line cannot be %2: remove it and load the card again")
            .arg(tenderKindName(l.storedValue->kind).toLower(), what));
}
} // namespace

Status Cart::setQuantity(int line, qint64 quantity)
{
    if (auto st = checkLine(line); !st)
        return st;
    if (auto st = notForCards(m_lines[line], QStringLiteral("given another quantity")); !st)
        return st;
    if (auto st = checkQuantity(m_lines[line].item, quantity); !st)
        return st;
    const qint64 saved = m_lines[line].quantity;
    m_lines[line].quantity = quantity;
    reprice();
    // An amount discount must still fit the smaller line.
    if (m_lines[line].discount.kind == Discount::Kind::Amount
        && m_lines[line].discount.value > m_lines[line].amountMinor) {
        m_lines[line].quantity = saved;
        reprice();
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the line discount would be larger than the line; remove it first"));
    }
    return Ok {};
}

Status Cart::setLineDiscount(int line, Discount discount)
{
    if (auto st = checkLine(line); !st)
        return st;
    if (auto st = notForCards(m_lines[line], QStringLiteral("discounted")); !st)
        return st;
    if (auto st = checkDiscount(discount, m_lines[line].amountMinor, m_lines[line].item.name); !st)
        return st;
    m_lines[line].discount = discount;
    reprice();
    return Ok {};
}

Status Cart::setUnitPrice(int line, Money price)
{
    if (auto st = checkLine(line); !st)
        return st;
    CartLine &l = m_lines[line];
    if (auto st = notForCards(l, QStringLiteral("repriced")); !st)
        return st;
    if (unitAllowsFraction(l.item.unit))
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 is sold by %2: its price comes from the scale or its label and cannot be overridden")
                .arg(l.item.name, unitToString(l.item.unit)));
    if (price.currency() != m_currency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a price in %1 for a sale in %2").arg(price.currency().code(), m_currency.code()));
    if (price.isNegative())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a price cannot be negative"));
    const CartLine saved = l;
    if (!l.listPriceMinor)
        l.listPriceMinor = l.item.price.minor();
    l.item.price = price;
    if (l.listPriceMinor == price.minor())
        l.listPriceMinor.reset(); // back to the catalog's price
    reprice();
    if (l.discount.kind == Discount::Kind::Amount && l.discount.value > l.amountMinor) {
        m_lines[line] = saved;
        reprice();
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the line discount would be larger than the line; remove it first"));
    }
    return Ok {};
}

Status Cart::setCartDiscount(Discount discount)
{
    // Cards sold in the sale are outside the cart discount.
    const qint64 base = std::accumulate(m_lines.cbegin(), m_lines.cend(), qint64(0),
        [](qint64 s, const CartLine &l) { return l.storedValue ? s : s + l.amountMinor - l.lineDiscountMinor; });
    if (auto st = checkDiscount(discount, base, QStringLiteral("the sale")); !st)
        return st;
    m_cartDiscount = discount;
    reprice();
    return Ok {};
}

Status Cart::removeLine(int line)
{
    if (auto st = checkLine(line); !st)
        return st;
    m_lines.removeAt(line);
    reprice();
    return Ok {};
}

void Cart::clear()
{
    m_lines.clear();
    m_cartDiscount = Discount::none();
    m_customer.reset();
    m_onlineCart.reset();
    reprice();
}

void Cart::reprice()
{
    CartTotals t;
    qint64 base = 0; // Σ line amounts after line discounts
    for (CartLine &l : m_lines) {
        l.amountMinor = divRound(Int128(l.item.price.minor()) * l.quantity, kQuantityScale, Rounding::HalfUp);
        switch (l.discount.kind) {
        case Discount::Kind::None:
            l.lineDiscountMinor = 0;
            break;
        case Discount::Kind::Amount:
            l.lineDiscountMinor = std::min(l.discount.value, l.amountMinor);
            break;
        case Discount::Kind::Percent:
            l.lineDiscountMinor = divRound(Int128(l.amountMinor) * l.discount.value, 10000, Rounding::HalfUp);
            break;
        }
        l.cartDiscountMinor = 0;
        t.subtotalMinor += l.amountMinor;
        t.discountMinor += l.lineDiscountMinor;
        if (!l.storedValue)
            base += l.amountMinor - l.lineDiscountMinor;
    }

    qint64 cartDiscount = 0;
    if (m_cartDiscount.kind == Discount::Kind::Amount)
        cartDiscount = std::min(m_cartDiscount.value, base); // lines removed since: never below zero
    else if (m_cartDiscount.kind == Discount::Kind::Percent)
        cartDiscount = divRound(Int128(base) * m_cartDiscount.value, 10000, Rounding::HalfUp);

    if (cartDiscount > 0 && base > 0) {
        // Largest remainder: floor shares, then hand out the leftover minor units to the largest remainders.
        struct Share
        {
            int index;
            Int128 remainder;
        };
        QList<Share> shares;
        qint64 allocated = 0;
        for (int i = 0; i < m_lines.size(); ++i) {
            CartLine &l = m_lines[i];
            if (l.storedValue)
                continue;
            const Int128 numerator = Int128(cartDiscount) * (l.amountMinor - l.lineDiscountMinor);
            l.cartDiscountMinor = static_cast<qint64>(numerator / base);
            allocated += l.cartDiscountMinor;
            shares.append({ i, numerator % base });
        }
        std::stable_sort(
            shares.begin(), shares.end(), [](const Share &a, const Share &b) { return a.remainder > b.remainder; });
        for (qint64 left = cartDiscount - allocated, k = 0; left > 0; --left, ++k)
            m_lines[shares[k % shares.size()].index].cartDiscountMinor += 1;
    }
    t.discountMinor += cartDiscount;

    for (CartLine &l : m_lines) {
        l.totalMinor = l.amountMinor - l.lineDiscountMinor - l.cartDiscountMinor;
        auto it = std::find_if(t.taxes.begin(), t.taxes.end(), [&](const TaxLine &x) {
            return x.taxClass == l.item.tax.code && x.rateMilliPct == l.item.tax.rateMilliPct;
        });
        if (it == t.taxes.end()) {
            t.taxes.append(TaxLine { l.item.tax.code, l.item.tax.rateMilliPct, 0, 0, 0 });
            it = t.taxes.end() - 1;
        }
        (m_mode == PricingMode::TaxInclusive ? it->grossMinor : it->netMinor) += l.totalMinor;
    }
    for (TaxLine &x : t.taxes) {
        if (m_mode == PricingMode::TaxInclusive) {
            x.taxMinor = divRound(Int128(x.grossMinor) * x.rateMilliPct, 100000 + x.rateMilliPct, Rounding::HalfUp);
            x.netMinor = x.grossMinor - x.taxMinor;
        } else {
            x.taxMinor = divRound(Int128(x.netMinor) * x.rateMilliPct, 100000, Rounding::HalfUp);
            x.grossMinor = x.netMinor + x.taxMinor;
        }
        t.netMinor += x.netMinor;
        t.taxMinor += x.taxMinor;
        t.totalMinor += x.grossMinor;
    }
    m_totals = t;
}

} // namespace omnitill
