// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sale/cart.h"
#include "core/staff/staffstore.h"

#include <optional>

namespace omnitill {

class Database;

struct AdjustmentRecord
{
    QString id;
    qint64 journalSeq = 0;
};

// Price overrides and discounts at the counter, within what the person's role allows: a price override needs
// PriceOverride, a line discount above the store's limit needs LineDiscount, a discount of the whole sale
// CartDiscount; otherwise a manager's approval of that very action for that person. Each is checked on a copy of the
// cart first (a discount over 100 % or below zero, an override on a weighed item: refused, nothing changed), then
// written to the journal (who, what, from what to what, why, who approved), then applied to the cart.
class Adjustments
{
public:
    // `lineDiscountLimitBp`: the largest line discount anyone may give without LineDiscount, in basis points.
    Adjustments(Database &db, Clock clock, qint32 lineDiscountLimitBp = 1000);

    Result<AdjustmentRecord> overridePrice(Cart &cart, int line, Money unitPrice, const StaffMember &by,
        const QString &reason, const std::optional<OverrideApproval> &approval = std::nullopt);
    Result<AdjustmentRecord> discountLine(Cart &cart, int line, Discount discount, const StaffMember &by,
        const QString &reason, const std::optional<OverrideApproval> &approval = std::nullopt);
    Result<AdjustmentRecord> discountSale(Cart &cart, Discount discount, const StaffMember &by, const QString &reason,
        const std::optional<OverrideApproval> &approval = std::nullopt);

private:
    Database &m_db;
    Clock m_clock;
    qint32 m_lineDiscountLimitBp;
};

// Ok when `by` may do `what` by role, or `approval` is a manager's approval of `what` for `by`.
Status permittedFor(const StaffMember &by, Permission what, const std::optional<OverrideApproval> &approval);
// The reason every counter action needs: 1 to 200 characters.
Status checkReason(const QString &reason);

} // namespace omnitill
