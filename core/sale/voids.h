// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sale/cart.h"
#include "core/staff/staffstore.h"

#include <optional>

namespace omnitill {

class Database;

// What was voided at the counter, as the journal keeps it.
struct VoidRecord
{
    QString id; // of the event's record
    qint64 journalSeq = 0;
};

// Voiding a line or a whole sale before it is paid: allowed to a person whose role may, or with a manager's approval
// of that very action for that person (StaffStore::approve); always with a reason. Either way the void is an event in
// the journal (who, what, why, who approved), so it reaches the hub; the cart itself is the caller's to change once
// this succeeds.
class Voids
{
public:
    Voids(Database &db, Clock clock);

    Result<VoidRecord> voidLine(const Cart &cart, int line, const StaffMember &by, const QString &reason,
        const std::optional<OverrideApproval> &approval = std::nullopt);
    Result<VoidRecord> voidSale(const Cart &cart, const StaffMember &by, const QString &reason,
        const std::optional<OverrideApproval> &approval = std::nullopt);

private:
    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
