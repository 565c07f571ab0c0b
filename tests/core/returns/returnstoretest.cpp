// SPDX-License-Identifier: GPL-3.0-or-later
// Returns at the till: partial returns that add up to exactly what was paid and never more than was bought, refunds
// to the original tenders (card first, cash last) unless a manager overrides, returns without a receipt as store
// credit, offline returns against a cached header within the policy, and the shift's drawer counting cash refunds.
#include "core/catalog/catalog.h"
#include "core/returns/returns.h"
#include "core/sale/salestore.h"
#include "core/shifts/shiftstore.h"
#include "support/testhelper.h"
#include "sync/common/events.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class ReturnStoreTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(u"Maria"_s, u"2468", std::nullopt);
        ASSERT_TRUE(maria.ok());
        m_manager = *maria;
        auto carl = m_staff->add(m_manager, u"Carl"_s, u"cashier"_s, u"1357");
        ASSERT_TRUE(carl.ok());
        m_cashier = *carl;
        m_sales = std::make_unique<SaleStore>(db(), [this] { return m_now; });
        m_returns = std::make_unique<ReturnStore>(db(), *m_sales, [this] { return m_now; });
    }

    // Three of SKU1 and one of SKU2, 10 % off the whole sale; `cardMinor` by card, the rest cash.
    SaleReceipt sell(qint64 cardMinor)
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        EXPECT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), 3000).ok());
        EXPECT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000002", eur(), kNow), 1000).ok());
        EXPECT_TRUE(cart.setCartDiscount(Discount::percent(1000)).ok());
        QList<Tender> earlier;
        if (cardMinor > 0) {
            OpenTenders open(db(), fixedClock());
            auto card = open.take(Tender { Tender::Kind::Card, cardMinor, 0, u"A1B2C3"_s }, eur(), m_cashier.id);
            EXPECT_TRUE(card.ok());
            earlier.append(*card);
        }
        auto sale = m_sales->record(cart, Payment { Payment::Method::Cash, std::nullopt, 1, {}, earlier });
        EXPECT_TRUE(sale.ok()) << qPrintable(sale.error().message);
        return *sale;
    }
    OriginalSale original(const QString &receiptNo)
    {
        auto found = m_returns->findLocal(receiptNo);
        EXPECT_TRUE(found.ok() && found->has_value());
        return found.ok() && *found ? **found : OriginalSale();
    }
    static ReturnRequest back(const OriginalSale &o, int lineNo, qint64 qtyMilli, QList<Refund> refunds = {})
    {
        ReturnRequest r;
        r.original = o;
        r.lines = { ReturnLine { lineNo, {}, {}, {}, 0, qtyMilli, 0, {}, 0, true } };
        r.refunds = std::move(refunds);
        r.reason = u"does not fit"_s;
        return r;
    }
    void expectValidEvent()
    {
        QSqlQuery q(db().connection());
        ASSERT_TRUE(q.exec(u"SELECT type, payload, created_at_ms FROM journal ORDER BY seq"_s));
        while (q.next()) {
            const auto st
                = sync::Events::validate(q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toLongLong());
            EXPECT_TRUE(st.ok()) << qPrintable(q.value(0).toString()) << ": " << qPrintable(st.error().message);
        }
    }

    qint64 m_now = kNow;
    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_manager, m_cashier;
    std::unique_ptr<SaleStore> m_sales;
    std::unique_ptr<ReturnStore> m_returns;
};

TEST_F(ReturnStoreTest, PartialReturnsAddUpToWhatWasPaidAndNeverMore)
{
    const SaleReceipt sale = sell(0);
    const qint64 lineTotal = sale.lines[0].totalMinor; // three pieces, after the 10 % off
    qint64 refunded = 0;
    for (int i = 0; i < 3; ++i) {
        const OriginalSale o = original(sale.receiptNo);
        ASSERT_EQ(o.lines.size(), 2);
        EXPECT_EQ(o.lines[0].returnedMilli, i * 1000);
        auto r = m_returns->record(back(o, 1, 1000), m_cashier);
        ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
        refunded += r->totalMinor;
        ASSERT_EQ(r->refunds.size(), 1);
        EXPECT_EQ(r->refunds[0].kind, u"cash"_s);
        EXPECT_TRUE(r->returnNo.contains(m_sales->series())) << "numbered as receipts are";
    }
    EXPECT_EQ(refunded, lineTotal) << "three partial returns give back exactly what the line cost";

    const OriginalSale done = original(sale.receiptNo);
    EXPECT_EQ(done.lines[0].returnableMilli(), 0);
    EXPECT_EQ(done.returns.size(), 3);
    auto again = m_returns->record(back(done, 1, 1000), m_cashier);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Refused);
    EXPECT_TRUE(again.error().message.contains(u"already returned"_s)) << qPrintable(again.error().message);

    // A stale look-up (taken before the last return) is checked again inside the transaction.
    auto stale = original(sale.receiptNo);
    stale.lines[0].returnedMilli = 0;
    stale.returns.clear();
    stale.returnedMinor = 0;
    auto twice = m_returns->record(back(stale, 1, 1000), m_cashier);
    EXPECT_FALSE(twice.ok());
    EXPECT_EQ(count(u"sale_return"_s), 3);
    EXPECT_FALSE(m_returns->record(back(done, 9, 1000), m_cashier).ok()) << "no such line";
    expectValidEvent();
}

TEST_F(ReturnStoreTest, RefundsGoBackToTheCardFirstAndElsewhereOnlyWithApproval)
{
    const SaleReceipt sale = sell(500);
    OriginalSale o = original(sale.receiptNo);
    ASSERT_EQ(o.tenders.size(), 2);
    EXPECT_EQ(o.tenders[0].kind, u"card"_s);
    const qint64 amount = o.lines[0].refundFor(2000);
    const QList<Refund> defaults = ReturnStore::defaultRefunds(o, amount);
    ASSERT_EQ(defaults.size(), 2);
    EXPECT_EQ(defaults[0].kind, u"card"_s);
    EXPECT_EQ(defaults[0].amountMinor, 500);
    EXPECT_EQ(defaults[1].kind, u"cash"_s);

    // The card refund needs the terminal's approval code.
    auto noCode = m_returns->record(back(o, 1, 2000), m_cashier);
    ASSERT_FALSE(noCode.ok());
    EXPECT_TRUE(noCode.error().message.contains(u"approval code"_s)) << qPrintable(noCode.error().message);

    // All in cash, although a card paid part: the cashier may not, a manager's approval of that return may.
    Refund cash;
    cash.amountMinor = amount;
    auto refused = m_returns->record(back(o, 1, 2000, { cash }), m_cashier);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Refused);
    auto approval = m_staff->approve(m_cashier, m_manager.id, u"2468", Permission::RefundOverride, u"card expired"_s);
    ASSERT_TRUE(approval.ok());
    auto overridden = m_returns->record(back(o, 1, 2000, { cash }), m_cashier, *approval);
    ASSERT_TRUE(overridden.ok()) << qPrintable(overridden.error().message);
    EXPECT_EQ(lastPayload(u"return.completed"_s).value(u"approval").toString(), approval->id);

    // The next return of the same sale: the card got nothing yet, so it comes first again.
    o = original(sale.receiptNo);
    QList<Refund> next = ReturnStore::defaultRefunds(o, o.lines[1].refundFor(1000));
    ASSERT_FALSE(next.isEmpty());
    EXPECT_EQ(next[0].kind, u"card"_s);
    next[0].reference = u"rf9921"_s;
    auto card = m_returns->record(back(o, 2, 1000, next), m_cashier);
    ASSERT_TRUE(card.ok()) << qPrintable(card.error().message);
    EXPECT_EQ(card->refunds[0].reference, u"RF9921"_s);
    o = original(sale.receiptNo);
    EXPECT_EQ(o.tenders[0].refundedMinor, std::min<qint64>(500, card->totalMinor));
    expectValidEvent();
}

TEST_F(ReturnStoreTest, WithoutAReceiptIsStoreCreditByPermission)
{
    Catalog catalog(db());
    const CatalogItem item = *catalog.lookupSku(u"SKU0000003", eur(), kNow);
    ReturnRequest r;
    r.currency = eur();
    r.lines = { ReturnLine { 0, item.sku, item.name, u"each"_s, item.variantId, 1000, item.price.minor(), item.tax.code,
        item.tax.rateMilliPct, false } };
    r.reason = u"gift, no receipt"_s;
    auto refused = m_returns->record(r, m_cashier);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Refused);
    EXPECT_TRUE(refused.error().message.contains(u"without a receipt"_s)) << qPrintable(refused.error().message);

    auto credit = m_returns->record(r, m_manager);
    ASSERT_TRUE(credit.ok()) << qPrintable(credit.error().message);
    ASSERT_EQ(credit->refunds.size(), 1);
    EXPECT_EQ(credit->refunds[0].kind, u"store_credit"_s);
    EXPECT_EQ(credit->refunds[0].newNumber.size(), 17) << "a new store credit, its number for the customer";
    const QJsonObject issued = lastPayload(u"sv.issued"_s);
    EXPECT_EQ(issued.value(u"amount_minor").toInteger(), item.price.minor());
    EXPECT_EQ(issued.value(u"receipt_no").toString(), credit->returnNo);
    EXPECT_FALSE(QJsonDocument(issued).toJson().contains(credit->refunds[0].newNumber.toUtf8()))
        << "the number never leaves the till";
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(u"SELECT delta_minor FROM sv_use"_s) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), item.price.minor()) << "the credit counts as this till's use of the card";
    const QJsonObject ret = lastPayload(u"return.completed"_s);
    EXPECT_TRUE(ret.value(u"original").isNull());
    EXPECT_FALSE(ret.value(u"lines").toArray()[0].toObject().value(u"restock").toBool()) << "written off";
    expectValidEvent();
}

TEST_F(ReturnStoreTest, OfflineACachedHeaderAllowsUpToThePolicyWithApproval)
{
    OriginalSale header;
    header.receiptNo = u"S002-T01-7QK2-000042"_s;
    header.store = u"S002"_s;
    header.currency = eur();
    header.totalMinor = 8000;
    header.createdAtMs = kNow - 86'400'000;
    header.source = OriginalSale::Source::CachedHeader;
    ReturnRequest r;
    r.original = header;
    r.lines = { ReturnLine { 0, u"SKU0000001"_s, u"Shirt"_s, u"each"_s, 1, 1000, 6000, u"RED"_s, 7000, true } };
    r.reason = u"wrong size"_s;
    EXPECT_EQ(m_returns->record(r, m_cashier).error().code, ErrorCode::Refused) << "needs a manager";
    auto over = m_returns->record(r, m_manager);
    ASSERT_FALSE(over.ok()) << "over the offline limit of 50.00";
    EXPECT_TRUE(over.error().message.contains(u"at most"_s)) << qPrintable(over.error().message);
    r.lines[0].amountMinor = 4500;
    auto ok = m_returns->record(r, m_manager);
    ASSERT_TRUE(ok.ok()) << qPrintable(ok.error().message);
    EXPECT_EQ(lastPayload(u"return.completed"_s).value(u"original").toObject().value(u"source").toString(),
        u"cached_header"_s);
    header.returnedMinor = 4500;
    r.original = header;
    r.lines[0].amountMinor = 4000;
    EXPECT_FALSE(m_returns->record(r, m_manager).ok()) << "more than the header's total is left";
    expectValidEvent();
}

TEST_F(ReturnStoreTest, TheReceiptsQrFindsTheSaleAndStrangeCodesDoNot)
{
    const SaleReceipt sale = sell(0);
    const QString url = u"https://receipts.example/r/"_s + sale.receiptToken;
    EXPECT_EQ(receiptTokenIn(url), sale.receiptToken);
    EXPECT_EQ(receiptTokenIn(sale.receiptToken), sale.receiptToken);
    for (const QString &bad : QStringList { u"https://other.shop/r/short"_s, u"T-77"_s, QString(5000, u'A'), QString(),
             u"javascript:alert(1)/r/"_s + sale.receiptToken })
        EXPECT_TRUE(receiptTokenIn(bad).isEmpty()) << qPrintable(bad.left(40));
    auto found = m_returns->findLocalByToken(receiptTokenIn(url));
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->receiptNo, sale.receiptNo);
    EXPECT_EQ((*found)->source, OriginalSale::Source::ThisTill);
    EXPECT_FALSE(m_returns->findLocal(u"S009-T01-XXXX-000001"_s)->has_value());

    // What the hub answers reads back as it was written.
    auto parsed = OriginalSale::fromJson((*found)->toJson());
    ASSERT_TRUE(parsed.ok()) << qPrintable(parsed.error().message);
    EXPECT_EQ(parsed->lines.size(), 2);
    EXPECT_EQ(parsed->lines[1].totalMinor, (*found)->lines[1].totalMinor);
    QJsonObject broken = (*found)->toJson();
    broken[u"lines"_s] = QJsonArray { QJsonObject { { u"line_no"_s, 1 }, { u"name"_s, u"x"_s }, { u"qty_milli"_s, -5 },
        { u"total_minor"_s, 1 }, { u"returned_milli"_s, 0 }, { u"returned_minor"_s, 0 } } };
    EXPECT_FALSE(OriginalSale::fromJson(broken).ok());
}

TEST_F(ReturnStoreTest, CashRefundsLeaveTheDrawerAndShowOnTheShiftReport)
{
    ShiftStore shifts(db(), fixedClock());
    ASSERT_TRUE(shifts.open(10000, eur(), m_cashier).ok());
    const SaleReceipt sale = sell(0);
    auto r = m_returns->record(back(original(sale.receiptNo), 2, 1000), m_cashier);
    ASSERT_TRUE(r.ok());
    auto shift = shifts.current();
    ASSERT_TRUE(shift.ok() && shift->has_value());
    auto report = shifts.report(**shift);
    ASSERT_TRUE(report.ok());
    const ShiftTotals *totals = &report->totals;
    EXPECT_EQ(totals->returns, 1);
    EXPECT_EQ(totals->refundMinor(u"cash"), r->totalMinor);
    EXPECT_EQ(totals->expectedCashMinor(), 10000 + sale.totals.totalMinor - r->totalMinor);
    auto z = shifts.close({ DenominationCount { 100, 1 } }, m_manager);
    ASSERT_TRUE(z.ok()) << qPrintable(z.error().message);
    EXPECT_EQ(lastPayload(u"shift.closed"_s).value(u"cash_refund_minor").toInteger(), r->totalMinor);
    expectValidEvent();
}
