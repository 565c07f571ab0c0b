// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/voids.h"
#include "core/sale/adjustments.h"

#include "core/base/canonicaljson.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

namespace omnitill {

namespace {
QByteArray lineJson(const CartLine &l)
{
    JsonObjectWriter o;
    o.add("sku", l.item.sku).add("name", l.item.name).add("qty_milli", l.quantity).add("total_minor", l.totalMinor);
    return o.finish();
}
} // namespace

Voids::Voids(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

Result<VoidRecord> Voids::voidLine(const Cart &cart, int line, const StaffMember &by, const QString &reason,
    const std::optional<OverrideApproval> &approval)
{
    if (auto st = cart.checkLine(line); !st)
        return st.error();
    if (auto st = checkReason(reason); !st)
        return st.error();
    if (auto st = permittedFor(by, Permission::VoidLine, approval); !st)
        return st.error();
    const qint64 now = m_clock();
    const QString id = Journal::newEventId(now);
    JsonObjectWriter o;
    o.add("enc", 1).add("id", id).add("currency", cart.currency().code()).addRaw("line", lineJson(cart.lines()[line]));
    o.add("reason", reason.trimmed()).add("by", by.id).add("created_at_ms", now);
    if (approval)
        o.add("approval", approval->id);
    else
        o.add("approval", nullptr);
    auto entry = Journal::appendAlone(m_db, QStringLiteral("line.voided"), o.finish(), now);
    if (!entry)
        return entry.error();
    return VoidRecord { id, entry->seq };
}

Result<VoidRecord> Voids::voidSale(
    const Cart &cart, const StaffMember &by, const QString &reason, const std::optional<OverrideApproval> &approval)
{
    if (cart.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("there is no sale to void"));
    if (auto st = checkReason(reason); !st)
        return st.error();
    if (auto st = permittedFor(by, Permission::VoidSale, approval); !st)
        return st.error();
    const qint64 now = m_clock();
    const QString id = Journal::newEventId(now);
    QList<QByteArray> lines;
    for (const CartLine &l : cart.lines())
        lines.append(lineJson(l));
    JsonObjectWriter o;
    o.add("enc", 1).add("id", id).add("currency", cart.currency().code()).addRaw("lines", jsonArray(lines));
    o.add("total_minor", cart.totals().totalMinor).add("reason", reason.trimmed()).add("by", by.id);
    o.add("created_at_ms", now);
    if (approval)
        o.add("approval", approval->id);
    else
        o.add("approval", nullptr);
    auto entry = Journal::appendAlone(m_db, QStringLiteral("sale.voided"), o.finish(), now);
    if (!entry)
        return entry.error();
    return VoidRecord { id, entry->seq };
}

} // namespace omnitill
