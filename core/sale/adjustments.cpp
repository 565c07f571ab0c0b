// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/adjustments.h"

#include "core/base/canonicaljson.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

namespace omnitill {

namespace {

void addCommon(JsonObjectWriter &o, const QString &id, const Cart &cart, const StaffMember &by, const QString &reason,
    const std::optional<OverrideApproval> &approval, qint64 now)
{
    o.add("enc", 1).add("id", id).add("currency", cart.currency().code()).add("reason", reason.trimmed());
    o.add("by", by.id).add("created_at_ms", now);
    if (approval)
        o.add("approval", approval->id);
    else
        o.add("approval", nullptr);
}

QByteArray discountJson(Discount d)
{
    JsonObjectWriter o;
    o.add("kind",
        d.kind == Discount::Kind::Percent      ? u"percent"
            : d.kind == Discount::Kind::Amount ? u"amount"
                                               : u"none");
    o.add("value", d.value);
    return o.finish();
}
} // namespace

Status checkReason(const QString &reason)
{
    if (reason.trimmed().isEmpty() || reason.size() > 200)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a reason of at most 200 characters is needed"));
    return Ok {};
}

Status permittedFor(const StaffMember &by, Permission what, const std::optional<OverrideApproval> &approval)
{
    if (!approval)
        return StaffStore::authorize(by, what);
    if (approval->action != what || approval->requestedBy != by.id)
        return makeError(ErrorCode::Refused,
            QStringLiteral("the approval is for another action or another person; a manager must approve this one"));
    return Ok {};
}

Adjustments::Adjustments(Database &db, Clock clock, qint32 lineDiscountLimitBp)
    : m_db(db)
    , m_clock(std::move(clock))
    , m_lineDiscountLimitBp(lineDiscountLimitBp)
{ }

Result<AdjustmentRecord> Adjustments::overridePrice(Cart &cart, int line, Money unitPrice, const StaffMember &by,
    const QString &reason, const std::optional<OverrideApproval> &approval)
{
    if (auto st = checkReason(reason); !st)
        return st.error();
    Cart changed = cart;
    if (auto st = changed.setUnitPrice(line, unitPrice); !st)
        return st.error();
    if (auto st = permittedFor(by, Permission::PriceOverride, approval); !st)
        return st.error();
    const CartLine &before = cart.lines()[line];
    const qint64 now = m_clock();
    const QString id = Journal::newEventId(now);
    JsonObjectWriter o;
    addCommon(o, id, cart, by, reason, approval, now);
    o.add("sku", before.item.sku).add("name", before.item.name);
    o.add("from_minor", before.item.price.minor()).add("to_minor", unitPrice.minor());
    auto entry = Journal::appendAlone(m_db, QStringLiteral("line.price_overridden"), o.finish(), now);
    if (!entry)
        return entry.error();
    cart = std::move(changed);
    return AdjustmentRecord { id, entry->seq };
}

Result<AdjustmentRecord> Adjustments::discountLine(Cart &cart, int line, Discount discount, const StaffMember &by,
    const QString &reason, const std::optional<OverrideApproval> &approval)
{
    if (auto st = checkReason(reason); !st)
        return st.error();
    Cart changed = cart;
    if (auto st = changed.setLineDiscount(line, discount); !st)
        return st.error();
    const CartLine &after = changed.lines()[line];
    // Above the limit: a percentage as given, an amount as a share of the line.
    const bool overLimit = discount.kind == Discount::Kind::Percent
        ? discount.value > m_lineDiscountLimitBp
        : after.lineDiscountMinor * 10000 > qint64(m_lineDiscountLimitBp) * after.amountMinor;
    if (overLimit) {
        if (auto st = permittedFor(by, Permission::LineDiscount, approval); !st)
            return st.error();
    }
    const qint64 now = m_clock();
    const QString id = Journal::newEventId(now);
    JsonObjectWriter o;
    addCommon(o, id, cart, by, reason, approval, now);
    o.add("sku", after.item.sku).add("name", after.item.name).addRaw("discount", discountJson(discount));
    o.add("discount_minor", after.lineDiscountMinor);
    auto entry = Journal::appendAlone(m_db, QStringLiteral("line.discounted"), o.finish(), now);
    if (!entry)
        return entry.error();
    cart = std::move(changed);
    return AdjustmentRecord { id, entry->seq };
}

Result<AdjustmentRecord> Adjustments::discountSale(Cart &cart, Discount discount, const StaffMember &by,
    const QString &reason, const std::optional<OverrideApproval> &approval)
{
    if (auto st = checkReason(reason); !st)
        return st.error();
    if (cart.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("there is no sale to discount"));
    Cart changed = cart;
    if (auto st = changed.setCartDiscount(discount); !st)
        return st.error();
    if (auto st = permittedFor(by, Permission::CartDiscount, approval); !st)
        return st.error();
    const qint64 now = m_clock();
    const QString id = Journal::newEventId(now);
    qint64 share = 0;
    for (const CartLine &l : changed.lines())
        share += l.cartDiscountMinor;
    JsonObjectWriter o;
    addCommon(o, id, cart, by, reason, approval, now);
    o.addRaw("discount", discountJson(discount)).add("discount_minor", share);
    auto entry = Journal::appendAlone(m_db, QStringLiteral("cart.discounted"), o.finish(), now);
    if (!entry)
        return entry.error();
    cart = std::move(changed);
    return AdjustmentRecord { id, entry->seq };
}

} // namespace omnitill
