// SPDX-License-Identifier: GPL-3.0-or-later
// Cash shifts: open with a float, cash in and out, no-sale, the blind count and the Z report; X and Z from one
// calculation, agreeing with the sales journal over a seeded day of 2,000 sales.
#include "core/shifts/shiftstore.h"
#include "core/sale/salestore.h"
#include "core/shifts/shiftreport.h"
#include "support/testhelper.h"
#include "sync/common/events.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <random>

using namespace omnitill;
using namespace omnitill::test;

class ShiftStoreTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(100);
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(QStringLiteral("Maria"), u"2468", std::nullopt);
        ASSERT_TRUE(maria.ok());
        m_manager = *maria;
        auto carl = m_staff->add(m_manager, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357");
        ASSERT_TRUE(carl.ok());
        m_cashier = *carl;
    }
    Cart cartOf(const QList<int> &skus)
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (int n : skus) {
            auto item = catalog.lookupSku(QStringLiteral("SKU%1").arg(n, 7, 10, QLatin1Char('0')), eur(), kNow);
            EXPECT_TRUE(item.ok());
            if (item) {
                EXPECT_TRUE(cart.add(*item, 1000).ok());
            }
        }
        return cart;
    }
    QList<QJsonObject> payloads(const QString &type)
    {
        QSqlQuery q(db().connection());
        q.prepare(QStringLiteral("SELECT payload FROM journal WHERE type = ? ORDER BY seq"));
        q.addBindValue(type);
        EXPECT_TRUE(q.exec());
        QList<QJsonObject> out;
        while (q.next())
            out.append(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
        return out;
    }

    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_manager, m_cashier;
};

TEST_F(ShiftStoreTest, OpenMoveCashAndCloseWithABlindCount)
{
    ShiftStore shifts(db(), fixedClock());
    SaleStore sales(db(), fixedClock());
    ASSERT_FALSE(shifts.current()->has_value());
    EXPECT_FALSE(shifts.moveCash(ShiftStore::CashMove::In, 1000, QStringLiteral("change"), m_cashier).ok())
        << "no shift is open";
    EXPECT_FALSE(shifts.open(-1, eur(), m_cashier).ok());
    auto shift = shifts.open(100'00, eur(), m_cashier);
    ASSERT_TRUE(shift.ok()) << qPrintable(shift.error().message);
    EXPECT_EQ(shifts.open(0, eur(), m_manager).error().code, ErrorCode::Conflict) << "one shift at a time";

    auto cash = sales.record(cartOf({ 1, 2 }), Payment { Payment::Method::Cash, 50'00, 1 });
    auto card = sales.record(cartOf({ 3 }), Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("A1") });
    ASSERT_TRUE(cash.ok() && card.ok());
    ASSERT_TRUE(
        shifts.moveCash(ShiftStore::CashMove::In, 20'00, QStringLiteral("coins from the bank"), m_cashier).ok());
    EXPECT_EQ(shifts.moveCash(ShiftStore::CashMove::Out, 10'00, QStringLiteral("to the safe"), m_cashier).error().code,
        ErrorCode::Refused)
        << "a cashier may not take cash out";
    EXPECT_EQ(
        shifts.moveCash(ShiftStore::CashMove::NoSale, 0, QStringLiteral("change for a note"), m_cashier).error().code,
        ErrorCode::Refused);
    EXPECT_FALSE(shifts.moveCash(ShiftStore::CashMove::In, 5'00, QStringLiteral(" "), m_cashier).ok()) << "a reason";
    EXPECT_TRUE(shifts.moveCash(ShiftStore::CashMove::Out, 1'000'000'00, QStringLiteral("all"), m_manager)
                    .error()
                    .message.contains(QStringLiteral("should hold only")));
    ASSERT_TRUE(shifts.moveCash(ShiftStore::CashMove::Out, 30'00, QStringLiteral("to the safe"), m_manager).ok());
    ASSERT_TRUE(shifts.moveCash(ShiftStore::CashMove::NoSale, 0, QStringLiteral("change for a note"), m_manager).ok());

    auto x = shifts.report(**shifts.current());
    ASSERT_TRUE(x.ok());
    const qint64 cashSales = cash->settlement.dueMinor;
    EXPECT_EQ(x->totals.sales, 2);
    EXPECT_EQ(x->totals.tenderMinor(u"cash"), cashSales);
    EXPECT_EQ(x->totals.tenderMinor(u"card"), card->settlement.dueMinor);
    EXPECT_EQ(x->totals.expectedCashMinor(), 100'00 + cashSales + 20'00 - 30'00);
    EXPECT_EQ(x->totals.noSales, 1);
    EXPECT_FALSE(x->close);
    const QStringList lines = shiftReportLines(*x, 42);
    EXPECT_TRUE(lines.first().contains(QStringLiteral("X REPORT")));
    for (const QString &line : lines)
        EXPECT_LE(line.size(), 42) << qPrintable(line);

    EXPECT_EQ(shifts.close({ { 5000, 1 } }, m_cashier).error().code, ErrorCode::Refused) << "a manager closes";
    EXPECT_FALSE(shifts.close({ { 5000, -1 } }, m_manager).ok());
    // The drawer holds 2 x 50, 1 x 20 and 7.35 in coins: a little short.
    auto z = shifts.close(
        { { 5000, 2 }, { 2000, 1 }, { 500, 1 }, { 200, 1 }, { 20, 1 }, { 10, 1 }, { 5, 1 }, { 1, 0 } }, m_manager);
    ASSERT_TRUE(z.ok()) << qPrintable(z.error().message);
    ASSERT_TRUE(z->close);
    EXPECT_EQ(z->close->zNo, 1);
    EXPECT_EQ(z->close->countedMinor, 127'35);
    EXPECT_EQ(z->close->differenceMinor, 127'35 - x->totals.expectedCashMinor());
    EXPECT_EQ(z->close->counts.size(), 7) << "denominations counted as none are left out";
    EXPECT_EQ(z->totals.expectedCashMinor(), x->totals.expectedCashMinor()) << "X and Z: one calculation";
    EXPECT_FALSE(shifts.current()->has_value());
    EXPECT_TRUE(shiftReportLines(*z, 32).first().contains(QStringLiteral("Z REPORT 1")));

    // The Z report is in the journal for good; the closed shift does not change.
    const QJsonObject zEvent = lastPayload(QStringLiteral("shift.closed"));
    EXPECT_EQ(zEvent.value(u"z_no").toInteger(), 1);
    EXPECT_EQ(zEvent.value(u"difference_minor").toInteger(), z->close->differenceMinor);
    EXPECT_EQ(zEvent.value(u"expected_cash_minor").toInteger(), x->totals.expectedCashMinor());
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("UPDATE shift SET counted_minor = 0")).ok());
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("DELETE FROM cash_move")).ok());
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("UPDATE sale SET shift_id = NULL")).ok());
    EXPECT_EQ(payloads(QStringLiteral("shift.opened")).size(), 1);
    EXPECT_EQ(payloads(QStringLiteral("cash.moved")).size(), 3);

    // The next shift starts from nothing; a sale outside any shift belongs to none.
    auto next = shifts.open(0, eur(), m_cashier);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(shifts.report(*next)->totals.sales, 0);
}

// A seeded random day: 2,000 sales in cash, by card and split, with cash moved in and out. The X report before the
// close and the Z report agree with each other and with what the journal says happened, summed independently.
TEST_F(ShiftStoreTest, XAndZAgreeWithTheJournalOverASeededDayOf2000Sales)
{
    qint64 clock = kNow;
    const Clock ticking = [&clock] { return clock += 17'000; };
    ShiftStore shifts(db(), ticking);
    SaleStore sales(db(), ticking);
    OpenTenders open(db(), ticking);
    ASSERT_TRUE(shifts.open(150'00, eur(), m_cashier).ok());

    std::mt19937 random(20261204);
    auto pick = [&random](int from, int to) { return std::uniform_int_distribution<int>(from, to)(random); };
    for (int i = 0; i < 2000; ++i) {
        QList<int> skus;
        for (int n = pick(1, 4); n > 0; --n)
            skus.append(pick(1, 100));
        const Cart cart = cartOf(skus);
        const qint64 total = cart.totals().totalMinor;
        Payment payment { Payment::Method::Cash, std::nullopt, 5 };
        switch (pick(0, 3)) {
        case 0: // cash, with a round note
            payment.tenderedMinor = (total / 1000 + 1) * 1000;
            break;
        case 1:
            payment = Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("OK%1").arg(i) };
            break;
        case 2: { // part by card, the rest in cash
            if (total < 2) {
                break;
            }
            auto part
                = open.take(Tender { Tender::Kind::Card, pick(1, int(total - 1)), 0, QStringLiteral("P%1").arg(i) },
                    eur(), m_cashier.id);
            ASSERT_TRUE(part.ok());
            payment.earlier = { *part };
            break;
        }
        default: // part in cash, the rest by card
            if (total < 2) {
                break;
            }
            auto part = open.take(Tender { Tender::Kind::Cash, pick(1, int(total - 1)), 0, {} }, eur(), m_cashier.id);
            ASSERT_TRUE(part.ok());
            payment = Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("R%1").arg(i), { *part } };
            break;
        }
        auto sale = sales.record(cart, payment);
        ASSERT_TRUE(sale.ok()) << qPrintable(sale.error().message);
        if (i % 250 == 0) {
            ASSERT_TRUE(
                shifts.moveCash(ShiftStore::CashMove::In, pick(1, 5000), QStringLiteral("change"), m_cashier).ok());
        }
        if (i % 400 == 399) {
            ASSERT_TRUE(
                shifts.moveCash(ShiftStore::CashMove::Out, pick(1, 5000), QStringLiteral("safe"), m_manager).ok());
        }
    }

    // The journal, summed on its own.
    qint64 saleCount = 0, total = 0, due = 0, taxSum = 0;
    std::map<QString, qint64> byTender;
    for (const QJsonObject &s : payloads(QStringLiteral("sale.completed"))) {
        ++saleCount;
        total += s.value(u"total_minor").toInteger();
        due += s.value(u"due_minor").toInteger();
        taxSum += s.value(u"tax_minor").toInteger();
        for (const QJsonValue &p : s.value(u"payments").toArray())
            byTender[p.toObject().value(u"kind").toString()] += p.toObject().value(u"amount_minor").toInteger();
    }
    qint64 in = 0, out = 0;
    for (const QJsonObject &m : payloads(QStringLiteral("cash.moved")))
        (m.value(u"kind").toString() == u"in" ? in : out) += m.value(u"amount_minor").toInteger();

    auto x = shifts.report(**shifts.current());
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(x->totals.sales, 2000);
    EXPECT_EQ(saleCount, 2000);
    EXPECT_EQ(x->totals.totalMinor, total);
    EXPECT_EQ(x->totals.dueMinor, due);
    EXPECT_EQ(x->totals.tenderMinor(u"cash"), byTender[QStringLiteral("cash")]);
    EXPECT_EQ(x->totals.tenderMinor(u"card"), byTender[QStringLiteral("card")]);
    EXPECT_EQ(x->totals.tenderMinor(u"cash") + x->totals.tenderMinor(u"card"), due) << "the tenders pay what was due";
    qint64 tax = 0;
    for (const auto &t : x->totals.taxes)
        tax += t.taxMinor;
    EXPECT_EQ(tax, taxSum);
    EXPECT_EQ(x->totals.cashInMinor, in);
    EXPECT_EQ(x->totals.cashOutMinor, out);
    const qint64 expected = 150'00 + byTender[QStringLiteral("cash")] + in - out;
    EXPECT_EQ(x->totals.expectedCashMinor(), expected);

    auto z = shifts.close({ { 1, expected } }, m_manager);
    ASSERT_TRUE(z.ok()) << qPrintable(z.error().message);
    EXPECT_EQ(z->close->differenceMinor, 0);
    const QJsonObject event = lastPayload(QStringLiteral("shift.closed"));
    EXPECT_EQ(event.value(u"sales").toInteger(), 2000);
    EXPECT_EQ(event.value(u"total_minor").toInteger(), total);
    EXPECT_EQ(event.value(u"expected_cash_minor").toInteger(), expected);
    qint64 tendersInZ = 0;
    for (const QJsonValue &t : event.value(u"tenders").toArray())
        tendersInZ += t.toObject().value(u"amount_minor").toInteger();
    EXPECT_EQ(tendersInZ, due);

    // Every event of the day passes the hub's checks; a Z report whose sums were changed does not.
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT type, payload, created_at_ms FROM journal")));
    qint64 checked = 0;
    while (q.next()) {
        auto st = sync::Events::validate(q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toLongLong());
        EXPECT_TRUE(st.ok()) << qPrintable(q.value(0).toString()) << ": " << qPrintable(st.error().message);
        ++checked;
    }
    EXPECT_GT(checked, 2000);
    QJsonObject forged = event;
    forged.insert(QStringLiteral("counted_cash_minor"), expected + 100);
    auto st = sync::Events::validate(sync::Events::kShiftClosed, QJsonDocument(forged).toJson(QJsonDocument::Compact),
        event.value(u"created_at_ms").toInteger());
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(st.error().message.startsWith(QStringLiteral("counted_cash_minor is")))
        << qPrintable(st.error().message);
}
