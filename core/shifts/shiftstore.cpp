// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shifts/shiftstore.h"

#include "core/base/canonicaljson.h"
#include "core/shifts/logging.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <algorithm>

namespace omnitill {

qint64 ShiftTotals::tenderMinor(QStringView kind) const
{
    for (const TenderTotal &t : tenders)
        if (t.kind == kind)
            return t.amountMinor;
    return 0;
}

qint64 ShiftTotals::refundMinor(QStringView kind) const
{
    for (const TenderTotal &t : refunds)
        if (t.kind == kind)
            return t.amountMinor;
    return 0;
}

ShiftStore::ShiftStore(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

namespace {
constexpr qint64 kMaxCash = 100'000'000'00; // a hundred million in major units: beyond any drawer

Status checkShiftReason(const QString &reason)
{
    const QString r = reason.trimmed();
    if (r.isEmpty() || r.size() > 200)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("give a reason (at most 200 characters)"));
    return Ok {};
}

QString moveCode(ShiftStore::CashMove move)
{
    switch (move) {
    case ShiftStore::CashMove::In:
        return QStringLiteral("in");
    case ShiftStore::CashMove::Out:
        return QStringLiteral("out");
    case ShiftStore::CashMove::NoSale:
        return QStringLiteral("no_sale");
    }
    return {};
}

int tenderOrder(const QString &kind)
{
    static const QStringList kOrder = { QStringLiteral("cash"), QStringLiteral("card"), QStringLiteral("gift_card"),
        QStringLiteral("store_credit"), QStringLiteral("points") };
    const qsizetype i = kOrder.indexOf(kind);
    return i < 0 ? int(kOrder.size()) : int(i);
}
} // namespace

Result<std::optional<Shift>> ShiftStore::current()
{
    auto q = m_db.statement("SELECT id, uuid, opened_at_ms, opened_by, opened_by_name, currency, float_minor "
                            "FROM shift WHERE closed_at_ms IS NULL");
    if (!q)
        return q.error();
    auto row = q->next(u"reading the open shift");
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Shift>();
    const auto currency = Currency::fromCode(q->text(5));
    if (!currency)
        return makeError(ErrorCode::Corrupt, QStringLiteral("the open shift has no valid currency"));
    return std::optional<Shift>(
        Shift { q->int64(0), q->text(1), q->int64(2), q->text(3), q->text(4), *currency, q->int64(6) });
}

Result<Shift> ShiftStore::open(qint64 floatMinor, const Currency &currency, const StaffMember &by)
{
    if (floatMinor < 0 || floatMinor > kMaxCash)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the float is the cash counted into the drawer: "
                           "zero or more"));
    const qint64 now = m_clock();
    Shift shift { 0, Journal::newEventId(now), now, by.id, by.name, currency, floatMinor };
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    if (auto open = current(); !open)
        return open.error();
    else if (*open)
        return makeError(ErrorCode::Conflict,
            QStringLiteral("a shift is already open (since %1, by %2): close it first")
                .arg(QDateTime::fromMSecsSinceEpoch((*open)->openedAtMs).toString(QStringLiteral("HH:mm")),
                    (*open)->openedByName));
    auto insert = m_db.statement("INSERT INTO shift (uuid, currency, opened_at_ms, opened_by, opened_by_name, "
                                 "float_minor) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(0, shift.id).bind(1, currency.code()).bind(2, now).bind(3, by.id).bind(4, by.name);
    insert->bind(5, floatMinor);
    if (auto st = insert->run(u"opening the shift"); !st)
        return st.error();
    shift.rowId = insert->lastInsertRowId();
    JsonObjectWriter o;
    o.add("enc", 1).add("id", shift.id).add("currency", currency.code()).add("float_minor", floatMinor);
    o.add("by", by.id).add("created_at_ms", now);
    if (auto entry = Journal::append(m_db, QStringLiteral("shift.opened"), o.finish(), now); !entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcShift) << "shift opened by" << by.name << "with a float of"
                    << Money(floatMinor, currency).toDisplayString();
    return shift;
}

Result<qint64> ShiftStore::moveCash(CashMove move, qint64 amountMinor, const QString &reason, const StaffMember &by)
{
    if (move == CashMove::NoSale)
        amountMinor = 0;
    else if (amountMinor <= 0 || amountMinor > kMaxCash)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the amount must be more than nothing"));
    if (auto st = checkShiftReason(reason); !st)
        return st.error();
    if (move == CashMove::Out) {
        if (auto st = StaffStore::authorize(by, Permission::CashOut); !st)
            return st.error();
    } else if (move == CashMove::NoSale) {
        if (auto st = StaffStore::authorize(by, Permission::OpenDrawer); !st)
            return st.error();
    }
    const qint64 now = m_clock();
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto shift = current();
    if (!shift)
        return shift.error();
    if (!*shift)
        return makeError(ErrorCode::Refused, QStringLiteral("no shift is open: open one with the cash in the drawer"));
    if (move == CashMove::Out) {
        auto report = totals(**shift, now);
        if (!report)
            return report.error();
        if (amountMinor > report->expectedCashMinor())
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the drawer should hold only %1: more cannot be taken out")
                    .arg(Money(report->expectedCashMinor(), (*shift)->currency).toDisplayString()));
    }
    const QString kind = moveCode(move);
    auto insert = m_db.statement("INSERT INTO cash_move (shift_id, kind, amount_minor, reason, staff_id, at_ms) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(0, (*shift)->rowId).bind(1, kind).bind(2, amountMinor).bind(3, reason.trimmed());
    insert->bind(4, by.id).bind(5, now);
    if (auto st = insert->run(u"recording the cash moved"); !st)
        return st.error();
    JsonObjectWriter o;
    o.add("enc", 1).add("id", Journal::newEventId(now)).add("shift", (*shift)->id).add("kind", kind);
    o.add("amount_minor", amountMinor).add("currency", (*shift)->currency.code()).add("reason", reason.trimmed());
    o.add("by", by.id).add("created_at_ms", now);
    auto entry = Journal::append(m_db, QStringLiteral("cash.moved"), o.finish(), now);
    if (!entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcShift) << "cash moved:" << kind << Money(amountMinor, (*shift)->currency).toDisplayString() << "by"
                    << by.name;
    return entry->seq;
}

Result<ShiftTotals> ShiftStore::totals(const Shift &shift, qint64 untilMs)
{
    ShiftTotals t;
    t.floatMinor = shift.floatMinor;
    {
        auto q = m_db.statement("SELECT count(*), coalesce(sum(total_minor), 0), coalesce(sum(discount_minor), 0), "
                                "coalesce(sum(rounding_minor), 0), coalesce(sum(due_minor), 0) FROM sale "
                                "WHERE shift_id = ?");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        if (auto row = q->next(u"adding up the shift's sales"); !row)
            return row.error();
        t.sales = q->int64(0);
        t.totalMinor = q->int64(1);
        t.discountMinor = q->int64(2);
        t.roundingMinor = q->int64(3);
        t.dueMinor = q->int64(4);
    }
    {
        auto q = m_db.statement("SELECT p.kind, count(*), sum(p.amount_minor) FROM sale_payment p "
                                "JOIN sale s ON s.id = p.sale_id WHERE s.shift_id = ? GROUP BY p.kind");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        for (;;) {
            auto row = q->next(u"adding up the shift's payments");
            if (!row)
                return row.error();
            if (!*row)
                break;
            t.tenders.append(ShiftTotals::TenderTotal { q->text(0), q->int64(1), q->int64(2) });
        }
        std::stable_sort(t.tenders.begin(), t.tenders.end(),
            [](const auto &a, const auto &b) { return tenderOrder(a.kind) < tenderOrder(b.kind); });
    }
    {
        auto q = m_db.statement("SELECT t.rate_milli_pct, sum(t.net_minor), sum(t.tax_minor), sum(t.gross_minor) "
                                "FROM sale_tax t JOIN sale s ON s.id = t.sale_id WHERE s.shift_id = ? "
                                "GROUP BY t.rate_milli_pct ORDER BY t.rate_milli_pct");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        for (;;) {
            auto row = q->next(u"adding up the shift's taxes");
            if (!row)
                return row.error();
            if (!*row)
                break;
            t.taxes.append(ShiftTotals::TaxTotal { qint32(q->int64(0)), q->int64(1), q->int64(2), q->int64(3) });
        }
    }
    {
        auto q = m_db.statement("SELECT kind, count(*), sum(amount_minor) FROM cash_move WHERE shift_id = ? "
                                "GROUP BY kind");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        for (;;) {
            auto row = q->next(u"adding up the cash moved");
            if (!row)
                return row.error();
            if (!*row)
                break;
            const QString kind = q->text(0);
            if (kind == u"in")
                t.cashInMinor = q->int64(2);
            else if (kind == u"out")
                t.cashOutMinor = q->int64(2);
            else
                t.noSales = q->int64(1);
        }
    }
    {
        auto q = m_db.statement("SELECT count(*), coalesce(sum(total_minor), 0) FROM sale_return WHERE shift_id = ?");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        if (auto row = q->next(u"adding up the shift's returns"); !row)
            return row.error();
        t.returns = q->int64(0);
        t.refundTotalMinor = q->int64(1);
    }
    {
        auto q = m_db.statement("SELECT f.kind, count(*), sum(f.amount_minor) FROM sale_return_refund f "
                                "JOIN sale_return r ON r.id = f.return_id WHERE r.shift_id = ? GROUP BY f.kind");
        if (!q)
            return q.error();
        q->bind(0, shift.rowId);
        for (;;) {
            auto row = q->next(u"adding up the shift's refunds");
            if (!row)
                return row.error();
            if (!*row)
                break;
            t.refunds.append(ShiftTotals::TenderTotal { q->text(0), q->int64(1), q->int64(2) });
        }
        std::stable_sort(t.refunds.begin(), t.refunds.end(),
            [](const auto &a, const auto &b) { return tenderOrder(a.kind) < tenderOrder(b.kind); });
    }
    {
        auto q = m_db.statement("SELECT coalesce(sum(type IN ('line.voided', 'sale.voided')), 0), "
                                "coalesce(sum(type = 'payment.declined'), 0) FROM journal "
                                "WHERE created_at_ms >= ? AND created_at_ms <= ?");
        if (!q)
            return q.error();
        q->bind(0, shift.openedAtMs).bind(1, untilMs);
        if (auto row = q->next(u"counting the shift's voids"); !row)
            return row.error();
        t.voids = q->int64(0);
        t.declined = q->int64(1);
    }
    return t;
}

Result<ShiftReport> ShiftStore::report(const Shift &shift)
{
    const qint64 now = m_clock();
    auto t = totals(shift, now);
    if (!t)
        return t.error();
    return ShiftReport { shift, *t, now, std::nullopt };
}

Result<ShiftReport> ShiftStore::close(const QList<DenominationCount> &counts, const StaffMember &by)
{
    if (auto st = StaffStore::authorize(by, Permission::CloseShift); !st)
        return st.error();
    ShiftClose close;
    for (const DenominationCount &c : counts) {
        if (c.valueMinor <= 0 || c.valueMinor > kMaxCash || c.count < 0 || c.count > kMaxCash / c.valueMinor)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("each count is a number of notes or coins: zero or more, and no more than any drawer "
                               "holds"));
        if (c.count == 0)
            continue;
        close.counts.append(c);
        close.countedMinor += c.valueMinor * c.count;
    }
    if (close.countedMinor > kMaxCash)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the count comes to more than any drawer holds"));
    const qint64 now = m_clock();
    close.closedAtMs = now;
    close.closedBy = by.id;
    close.closedByName = by.name;

    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto open = current();
    if (!open)
        return open.error();
    if (!*open)
        return makeError(ErrorCode::Refused, QStringLiteral("no shift is open"));
    const Shift shift = **open;
    auto t = totals(shift, now);
    if (!t)
        return t.error();
    close.differenceMinor = close.countedMinor - t->expectedCashMinor();
    {
        auto counter = m_db.statement("INSERT INTO meta (key, value) VALUES ('z_counter', '1') "
                                      "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
                                      "RETURNING value");
        if (!counter)
            return counter.error();
        if (auto row = counter->next(u"numbering the Z report"); !row || !*row)
            return row ? makeError(ErrorCode::Storage, QStringLiteral("no Z number was assigned")) : row.error();
        close.zNo = counter->int64(0);
    }
    auto update = m_db.statement("UPDATE shift SET closed_at_ms = ?, closed_by = ?, z_no = ?, counted_minor = ?, "
                                 "expected_minor = ? WHERE id = ? AND closed_at_ms IS NULL");
    if (!update)
        return update.error();
    update->bind(0, now).bind(1, by.id).bind(2, close.zNo).bind(3, close.countedMinor);
    update->bind(4, t->expectedCashMinor()).bind(5, shift.rowId);
    if (auto st = update->run(u"closing the shift"); !st)
        return st.error();

    // The Z report, as the journal keeps it for good.
    JsonObjectWriter json;
    QList<QByteArray> tenders, taxes, countJson;
    for (const auto &x : t->tenders) {
        json.add("kind", x.kind).add("count", x.count).add("amount_minor", x.amountMinor);
        tenders.append(json.finish());
    }
    for (const auto &x : t->taxes) {
        json.add("rate_milli_pct", x.rateMilliPct).add("net_minor", x.netMinor).add("tax_minor", x.taxMinor);
        json.add("gross_minor", x.grossMinor);
        taxes.append(json.finish());
    }
    for (const auto &c : close.counts) {
        json.add("value_minor", c.valueMinor).add("count", c.count);
        countJson.append(json.finish());
    }
    JsonObjectWriter o;
    o.add("enc", 1).add("id", shift.id).add("z_no", close.zNo).add("currency", shift.currency.code());
    o.add("opened_at_ms", shift.openedAtMs).add("opened_by", shift.openedBy).add("by", by.id);
    o.add("created_at_ms", now).add("float_minor", shift.floatMinor).add("sales", t->sales);
    o.add("total_minor", t->totalMinor).add("discount_minor", t->discountMinor);
    o.add("rounding_minor", t->roundingMinor).add("due_minor", t->dueMinor);
    o.addRaw("tenders", jsonArray(tenders)).addRaw("taxes", jsonArray(taxes));
    o.add("cash_in_minor", t->cashInMinor).add("cash_out_minor", t->cashOutMinor).add("no_sales", t->noSales);
    o.add("voids", t->voids).add("declined", t->declined).add("expected_cash_minor", t->expectedCashMinor());
    o.add("returns", t->returns)
        .add("refund_minor", t->refundTotalMinor)
        .add("cash_refund_minor", t->refundMinor(u"cash"));
    o.add("counted_cash_minor", close.countedMinor).add("difference_minor", close.differenceMinor);
    o.addRaw("counts", jsonArray(countJson));
    if (auto entry = Journal::append(m_db, QStringLiteral("shift.closed"), o.finish(), now); !entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcShift) << "shift closed, Z" << close.zNo << "by" << by.name << ": counted"
                    << Money(close.countedMinor, shift.currency).toDisplayString() << "difference"
                    << Money(close.differenceMinor, shift.currency).toDisplayString();
    return ShiftReport { shift, *t, now, close };
}

} // namespace omnitill
