// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/shifts/denominations.h"
#include "core/staff/staffstore.h"

#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

class Database;

struct Shift
{
    qint64 rowId = 0; // sale.shift_id points here
    QString id; // UUIDv7, as the journal and the hub know it
    qint64 openedAtMs = 0;
    QString openedBy; // staff id
    QString openedByName;
    Currency currency;
    qint64 floatMinor = 0;
};

// What a shift has taken so far: the one calculation behind both the X report (at any time) and the Z report (at
// close). Sales are those recorded while the shift was open (sale.shift_id); amounts are minor units.
struct ShiftTotals
{
    struct TenderTotal
    {
        QString kind; // "cash", "card", "gift_card", "store_credit"
        qint64 count = 0; // payments of this kind
        qint64 amountMinor = 0; // what they paid of the sales (cash: without the change)
    };
    struct TaxTotal
    {
        qint32 rateMilliPct = 0;
        qint64 netMinor = 0;
        qint64 taxMinor = 0;
        qint64 grossMinor = 0;
    };
    qint64 sales = 0;
    qint64 totalMinor = 0; // the sales' totals
    qint64 discountMinor = 0;
    qint64 roundingMinor = 0;
    qint64 dueMinor = 0; // total plus rounding: what the tenders paid
    QList<TenderTotal> tenders; // in a fixed order: cash, card, gift card, store credit, then any other
    QList<TaxTotal> taxes; // by rate, lowest first
    qint64 floatMinor = 0;
    qint64 cashInMinor = 0;
    qint64 cashOutMinor = 0;
    qint64 noSales = 0; // drawer opened without a sale
    qint64 voids = 0; // lines and sales voided at the counter
    qint64 declined = 0; // card payments declined or cancelled
    qint64 returns = 0; // returns taken (core/returns)
    qint64 refundTotalMinor = 0; // what they gave back
    QList<TenderTotal> refunds; // by the tender the refund went to, in the tenders' order

    qint64 tenderMinor(QStringView kind) const;
    qint64 refundMinor(QStringView kind) const;
    // What the drawer should hold: the float, cash taken for sales, cash put in, less cash taken out and cash refunded.
    qint64 expectedCashMinor() const
    {
        return floatMinor + tenderMinor(u"cash") + cashInMinor - cashOutMinor - refundMinor(u"cash");
    }
};

// A shift's close: the blind count and the Z report it fixed.
struct ShiftClose
{
    qint64 zNo = 0; // counts on per terminal
    qint64 closedAtMs = 0;
    QString closedBy;
    QString closedByName;
    QList<DenominationCount> counts;
    qint64 countedMinor = 0;
    qint64 differenceMinor = 0; // counted less expected: negative when cash is missing
};

// A report of a shift: X while it is open (no close), Z once closed.
struct ShiftReport
{
    Shift shift;
    ShiftTotals totals;
    qint64 atMs = 0; // when the totals were taken
    std::optional<ShiftClose> close;
};

// The terminal's cash shifts. At most one is open; every sale recorded while it is open belongs to it. Opening,
// moving cash and closing are each one transaction with its journal entry (shift.opened, cash.moved, shift.closed;
// docs/sync-protocol.md), and the close is the Z report: its totals go into the journal entry, which no one can
// change afterwards. The close count is blind: the person counting enters what the drawer holds and learns what was
// expected only from the Z report.
class ShiftStore
{
public:
    ShiftStore(Database &db, Clock clock);

    // The open shift, if any.
    Result<std::optional<Shift>> current();
    // Opens a shift with `floatMinor` in the drawer, counted by `by`. Refused while one is open.
    Result<Shift> open(qint64 floatMinor, const Currency &currency, const StaffMember &by);

    enum class CashMove
    {
        In, // change brought to the drawer
        Out, // takings taken to the safe or the bank (CashOut permission)
        NoSale, // the drawer opened without a sale (OpenDrawer permission); no amount
    };
    // Cash put in or taken out of the open shift's drawer, or the drawer opened, with a reason (1 to 200
    // characters). Returns the journal entry's seq.
    Result<qint64> moveCash(CashMove move, qint64 amountMinor, const QString &reason, const StaffMember &by);

    // The running totals of a shift (the X report when it is open).
    Result<ShiftReport> report(const Shift &shift);
    // Closes the open shift with the drawer's count (CloseShift permission) and returns its Z report.
    Result<ShiftReport> close(const QList<DenominationCount> &counts, const StaffMember &by);

private:
    Result<ShiftTotals> totals(const Shift &shift, qint64 untilMs);

    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
