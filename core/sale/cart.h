// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"
#include "core/base/result.h"
#include "core/catalog/catalog.h"
#include "core/sale/tenders.h"

#include <QList>

#include <optional>

namespace omnitill {

// Whether catalog prices include tax (EU/UK/CH/AU) or tax is added on top (US/CA).
enum class PricingMode
{
    TaxInclusive,
    TaxExclusive
};
QString pricingModeToString(PricingMode mode);
std::optional<PricingMode> pricingModeFromString(QStringView text);

// Quantities are thousandths of the item's unit: 1 piece = 1000, 1.235 kg = 1235.
inline constexpr qint64 kQuantityScale = 1000;
inline constexpr qint64 kMaxPiecesPerLine = 9999 * kQuantityScale; // 9,999 pieces
inline constexpr qint64 kMaxMeasuredPerLine = 9999999; // 9,999.999 kg/l/m; g: 9,999.999 g
Result<qint64> parseQuantity(QStringView text);
// "2" for pieces, "1.235" for measured units.
QString formatQuantity(qint64 quantity, Unit unit);

struct Discount
{
    enum class Kind
    {
        None,
        Amount,
        Percent
    };
    Kind kind = Kind::None;
    qint64 value = 0; // minor units for Amount, basis points (1/100 %) for Percent

    static Discount none() { return {}; }
    static Discount amount(qint64 minor) { return { Kind::Amount, minor }; }
    static Discount percent(qint32 basisPoints) { return { Kind::Percent, basisPoints }; }
    bool isNone() const { return kind == Kind::None || value == 0; }
    friend bool operator==(const Discount &, const Discount &) = default;
};

// A gift card or store credit a line sells (issue) or tops up: the line's total is loaded onto the card when the sale
// is recorded (sv.issued, sv.topped_up in the journal; core/storedvalue).
struct StoredValueLoad
{
    QString card; // SHA-256 (hex) of the card's number: the number itself never leaves the till
    QString last4; // the number's last four symbols, to name it
    Tender::Kind kind = Tender::Kind::GiftCard;
    bool issue = true; // a new card; false: a top-up of one the hub knows
    std::optional<qint64> expiresAtMs; // for a new card
    friend bool operator==(const StoredValueLoad &, const StoredValueLoad &) = default;
};

// The customer a sale is for (core/customers): the sale's journal entry names them, their history gets the sale.
struct SaleCustomer
{
    QString id; // the customer's UUID
    QString name; // for the screen and the receipt; never in the journal
    std::optional<qint64> pointsEarned; // set when the sale is paid (core/loyalty), when the chain has loyalty
    std::optional<qint64> pointsBalance; // for the receipt: the balance as the till knows it, with these points
    friend bool operator==(const SaleCustomer &, const SaleCustomer &) = default;
};

// The online cart a sale rings up (core/handoff): the hub converts it when the sale arrives, if it is still at
// `version`.
struct SaleOnlineCart
{
    QString id;
    qint64 version = 1;
    friend bool operator==(const SaleOnlineCart &, const SaleOnlineCart &) = default;
};

struct CartLine
{
    CatalogItem item; // captured at scan time: later catalog changes never reprice this line
    QString scannedCode;
    qint64 quantity = kQuantityScale;
    Discount discount;
    std::optional<qint64> listPriceMinor; // the catalog's unit price when a manager overrode it (item.price is the new)
    std::optional<StoredValueLoad> storedValue; // a gift card or store credit this line sells or tops up
    // Computed by the cart:
    qint64 amountMinor = 0; // unit price × quantity, rounded half-up
    qint64 lineDiscountMinor = 0;
    qint64 cartDiscountMinor = 0; // this line's share of the cart discount
    qint64 totalMinor = 0; // amount − both discounts; tax-inclusive or exclusive as the cart's mode
};

struct TaxLine
{
    QString taxClass;
    qint32 rateMilliPct = 0;
    qint64 netMinor = 0;
    qint64 taxMinor = 0;
    qint64 grossMinor = 0;
};

struct CartTotals
{
    qint64 subtotalMinor = 0; // Σ line amounts before discounts
    qint64 discountMinor = 0; // line + cart discounts
    qint64 netMinor = 0;
    qint64 taxMinor = 0;
    qint64 totalMinor = 0; // what the customer pays (before cash rounding)
    QList<TaxLine> taxes; // by tax class, in order of first appearance
};

// A cart in one currency. Every change recomputes the totals with these rules (docs/PRICING.md):
//  1. line amount = round(unit price × quantity), half-up to the minor unit;
//  2. line discount: an amount (at most the line amount) or a percentage of the line amount, rounded half-up;
//  3. cart discount: an amount (capped at the discounted subtotal) or a percentage of it, rounded half-up, then
//     allocated over the lines in proportion to their discounted amounts (largest-remainder, so shares add up);
//  4. tax is computed once per tax class on the sum of its lines, rounded half-up:
//       inclusive: tax = gross × r / (100 + r), net = gross − tax;  exclusive: tax = net × r / 100, gross = net + tax.
class Cart
{
public:
    Cart(Currency currency, PricingMode mode);

    Currency currency() const { return m_currency; }
    PricingMode mode() const { return m_mode; }
    const QList<CartLine> &lines() const { return m_lines; }
    const CartTotals &totals() const { return m_totals; }
    bool isEmpty() const { return m_lines.isEmpty(); }
    Discount cartDiscount() const { return m_cartDiscount; }

    // Adds an item; a piece item scanned again joins its existing undiscounted line. Returns the line index.
    Result<int> add(const CatalogItem &item, qint64 quantity, const QString &scannedCode = {});
    // A line selling or topping up a stored-value card for `value`: one piece, tax-free (a multi-purpose voucher is
    // taxed when it is spent), never merged, discounted or repriced, and outside the cart discount. A card already
    // in the cart is a clear error.
    Result<int> addStoredValue(const StoredValueLoad &load, Money value, const QString &name);
    Status setQuantity(int line, qint64 quantity);
    Status setLineDiscount(int line, Discount discount);
    // A new unit price for a piece item (not one sold by weight or measure: its price comes from the scale or the
    // label). The catalog's price is kept in listPriceMinor.
    Status setUnitPrice(int line, Money price);
    Status setCartDiscount(Discount discount);
    // Attaches a customer (or, with nullopt, takes them off); the lines and totals do not change.
    void setCustomer(std::optional<SaleCustomer> customer) { m_customer = std::move(customer); }
    const std::optional<SaleCustomer> &customer() const { return m_customer; }
    // The online cart the lines came from (a hand-off code scanned), or nullopt; the lines do not change.
    void setOnlineCart(std::optional<SaleOnlineCart> cart) { m_onlineCart = std::move(cart); }
    const std::optional<SaleOnlineCart> &onlineCart() const { return m_onlineCart; }
    Status removeLine(int line);
    void clear();
    // NotFound unless `line` is a line of this cart.
    Status checkLine(int line) const;

private:
    Status checkQuantity(const CatalogItem &item, qint64 quantity) const;
    Status checkDiscount(Discount d, qint64 baseMinor, const QString &what) const;
    void reprice();

    Currency m_currency;
    PricingMode m_mode;
    QList<CartLine> m_lines;
    Discount m_cartDiscount;
    std::optional<SaleCustomer> m_customer;
    std::optional<SaleOnlineCart> m_onlineCart;
    CartTotals m_totals;
};

} // namespace omnitill
