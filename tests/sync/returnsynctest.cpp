// SPDX-License-Identifier: GPL-3.0-or-later
// Returns across stores over real HTTP: a receipt of store S001 brought back in three parts, at S002 (asking the hub)
// and at S001 offline (from its own sale), adds up to exactly what was paid and no more comes back; the same line
// taken back offline at two stores at once is recorded at both and flagged at the hub; an online order comes back
// in a store to its online payment; look-ups are checked and limited.
#include "core/customers/democustomers.h"
#include "core/returns/returns.h"
#include "support/synchelper.h"
#include "sync/common/events.h"
#include "sync/terminal/customerclient.h"
#include "sync/terminal/hubquery.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class ReturnSyncTest : public SyncFixture
{
protected:
    struct Till
    {
        Terminal terminal;
        std::unique_ptr<Database> db;
        std::unique_ptr<StaffStore> staff;
        StaffMember manager;
        std::unique_ptr<SaleStore> sales;
        std::unique_ptr<ReturnStore> returns;
    };
    std::unique_ptr<Till> openTill(const QString &name, const QString &store)
    {
        auto t = std::make_unique<Till>();
        t->terminal.path = m_dir.filePath(name + u".db"_s);
        auto db = Database::open(t->terminal.path);
        EXPECT_TRUE(db.ok());
        t->db = std::move(db).value();
        EXPECT_TRUE(DemoCatalog::seed(*t->db, DemoOptions { 60, 42, kNow }).ok());
        t->terminal.terminalId = Journal::identity(t->db->connection())->terminalId;
        t->terminal.token = m_hub->registerTerminal(t->terminal.terminalId, store)->toLatin1();
        t->staff = std::make_unique<StaffStore>(*t->db, fixedClock());
        t->manager = *t->staff->createFirstManager(u"Maria"_s, u"2468", std::nullopt);
        t->sales = std::make_unique<SaleStore>(*t->db, fixedClock());
        t->returns = std::make_unique<ReturnStore>(*t->db, *t->sales, fixedClock());
        return t;
    }
    // Pushes what the till holds (its database stays open: SQLite in WAL lets the worker write alongside).
    bool sync(Till &t) { return syncOnce(t.terminal); }
    // What the hub answers now, as the till asks it over HTTP.
    std::optional<OriginalSale> askHub(Till &t, const QString &receiptNo, const QString &tokenSha256 = {})
    {
        auto body = fetchOriginal(config(t.terminal, m_hubPort), t.terminal.terminalId, receiptNo, tokenSha256);
        EXPECT_TRUE(body.has_value()) << "the hub answers";
        if (!body || *body == "[]")
            return std::nullopt;
        auto parsed = OriginalSale::fromJson(QJsonDocument::fromJson(*body).object());
        EXPECT_TRUE(parsed.ok()) << qPrintable(parsed.error().message);
        return parsed ? std::optional<OriginalSale>(*parsed) : std::nullopt;
    }
    SaleReceipt sell(Till &t, qint64 pieces)
    {
        Catalog catalog(*t.db);
        Cart cart(eur(), PricingMode::TaxInclusive);
        EXPECT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), pieces * 1000).ok());
        auto sale = t.sales->record(cart, Payment { Payment::Method::Cash, std::nullopt, 1 });
        EXPECT_TRUE(sale.ok());
        return *sale;
    }
    Result<ReturnRecord> giveBack(Till &t, const OriginalSale &o, qint64 pieces)
    {
        ReturnRequest r;
        r.original = o;
        r.lines = { ReturnLine { 1, {}, {}, {}, 0, pieces * 1000, 0, {}, 0, true } };
        r.reason = u"changed mind"_s;
        return t.returns->record(r, t.manager);
    }

    std::unique_ptr<Till> m_a, m_b;
};

TEST_F(ReturnSyncTest, ThreePartialReturnsAcrossTwoStoresOneOfThemOffline)
{
    m_a = openTill(u"a"_s, u"S001"_s);
    m_b = openTill(u"b"_s, u"S002"_s);
    ASSERT_TRUE(sync(*m_a));
    ASSERT_TRUE(sync(*m_b));
    const SaleReceipt sale = sell(*m_a, 3);
    ASSERT_TRUE(sync(*m_a));

    // 1. At S002, by the receipt's QR code: the hub answers with the sale of S001.
    auto fromHub = askHub(*m_b, {}, SaleStore::receiptTokenHash(sale.receiptToken));
    ASSERT_TRUE(fromHub.has_value());
    EXPECT_EQ(fromHub->receiptNo, sale.receiptNo);
    EXPECT_EQ(fromHub->store, u"S001"_s);
    EXPECT_EQ(fromHub->source, OriginalSale::Source::Hub);
    auto first = giveBack(*m_b, *fromHub, 1);
    ASSERT_TRUE(first.ok()) << qPrintable(first.error().message);
    ASSERT_TRUE(sync(*m_b));

    // 2. At S001, offline (it does not ask): its own sale, which it knows of no return yet.
    auto local = m_a->returns->findLocal(sale.receiptNo);
    ASSERT_TRUE(local.ok() && local->has_value());
    EXPECT_EQ((*local)->lines[0].returnedMilli, 0) << "offline, S001 does not know what S002 took back";
    auto second = giveBack(*m_a, **local, 1);
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(sync(*m_a));

    // 3. At S002 again, online: the hub counts both, and only one piece is left.
    auto now = askHub(*m_b, sale.receiptNo);
    ASSERT_TRUE(now.has_value());
    EXPECT_EQ(now->lines[0].returnedMilli, 2000);
    EXPECT_EQ(now->returns.size(), 2);
    EXPECT_FALSE(giveBack(*m_b, *now, 2).ok()) << "two more than were bought";
    auto third = giveBack(*m_b, *now, 1);
    ASSERT_TRUE(third.ok()) << qPrintable(third.error().message);
    ASSERT_TRUE(sync(*m_b));
    EXPECT_EQ(first->totalMinor + second->totalMinor + third->totalMinor, sale.lines[0].totalMinor)
        << "three returns give back exactly what was paid";
    auto done = askHub(*m_a, sale.receiptNo);
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->lines[0].returnableMilli(), 0);
    EXPECT_EQ(done->returnedMinor, sale.lines[0].totalMinor);
    EXPECT_TRUE(m_hub->returnFlags()->isEmpty()) << "nothing went past what was bought";
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM event WHERE type = 'return.completed' AND quarantine IS NULL"_s), 3);

    // Replaying a push moves nothing: the same three returns.
    ASSERT_TRUE(sync(*m_a));
    EXPECT_EQ(hubScalar(u"SELECT count(DISTINCT event_id) FROM return_entry"_s), 3);
}

TEST_F(ReturnSyncTest, TheSameLineTakenBackOfflineAtTwoStoresIsFlaggedNotLost)
{
    m_a = openTill(u"a"_s, u"S001"_s);
    m_b = openTill(u"b"_s, u"S002"_s);
    const SaleReceipt sale = sell(*m_a, 2);
    ASSERT_TRUE(sync(*m_a));
    auto seenAtB = askHub(*m_b, sale.receiptNo);
    ASSERT_TRUE(seenAtB.has_value());
    seenAtB->source = OriginalSale::Source::Hub; // what B last heard, then the network goes

    // Both stores take back both pieces, each on what it knows.
    ASSERT_TRUE(giveBack(*m_b, *seenAtB, 2).ok());
    auto local = m_a->returns->findLocal(sale.receiptNo);
    ASSERT_TRUE(giveBack(*m_a, **local, 2).ok());
    ASSERT_TRUE(sync(*m_a));
    ASSERT_TRUE(sync(*m_b));

    auto flags = m_hub->returnFlags();
    ASSERT_TRUE(flags.ok());
    ASSERT_EQ(flags->size(), 2) << "the line and the money";
    EXPECT_EQ(flags->at(0).code, u"OVER_RETURN"_s);
    EXPECT_TRUE(flags->at(0).detail.contains(u"2 bought, 4 returned"_s)) << qPrintable(flags->at(0).detail);
    EXPECT_EQ(flags->at(0).subject, sale.receiptNo);
    EXPECT_EQ(flags->at(1).code, u"OVER_REFUND"_s);
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM return_entry"_s), 2) << "both returns are recorded, none refused";
    ASSERT_TRUE(m_hub->resolveReturnFlag(flags->at(0).id, u"Maria"_s, u"customer called back"_s).ok());
    EXPECT_EQ(m_hub->returnFlags()->size(), 1);
}

TEST_F(ReturnSyncTest, AnOnlineOrderComesBackInAStoreToItsOnlinePayment)
{
    m_b = openTill(u"b"_s, u"S002"_s);
    const DemoCustomers demo = DemoCustomers::make(3, kNow);
    QByteArray customers, orders;
    for (Customer c : demo.customers) {
        c.recent.clear();
        customers += c.toRow() + '\n';
    }
    const DemoOrder *web = nullptr;
    for (const DemoOrder &o : demo.orders) {
        orders += o.toJsonLine() + '\n';
        if (!web && o.header.channel == u"web")
            web = &o;
    }
    ASSERT_NE(web, nullptr);
    QBuffer c(&customers), o(&orders);
    c.open(QIODevice::ReadOnly);
    o.open(QIODevice::ReadOnly);
    ASSERT_TRUE(m_hub->importCustomers(c).ok());
    ASSERT_TRUE(m_hub->importOrders(o).ok());

    auto order = askHub(*m_b, web->header.order);
    ASSERT_TRUE(order.has_value());
    EXPECT_EQ(order->channel, u"web"_s);
    ASSERT_FALSE(order->lines.isEmpty());
    ASSERT_EQ(order->tenders.size(), 1);
    EXPECT_EQ(order->tenders[0].kind, u"online"_s);
    auto back = giveBack(*m_b, *order, 1);
    ASSERT_TRUE(back.ok()) << qPrintable(back.error().message);
    ASSERT_EQ(back->refunds.size(), 1);
    EXPECT_EQ(back->refunds[0].kind, u"online"_s);
    ASSERT_TRUE(sync(*m_b));
    auto after = askHub(*m_b, web->header.order);
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->lines[0].returnedMilli, 1000);
    EXPECT_EQ(after->tenders[0].refundedMinor, back->totalMinor);
}

TEST_F(ReturnSyncTest, LookUpsAreCheckedAndLimitedPerTerminal)
{
    m_a = openTill(u"a"_s, u"S001"_s);
    const SyncConfig c = config(m_a->terminal, m_hubPort);
    auto ask = [&](const QUrlQuery &q) {
        return sync::askHub(c, m_a->terminal.terminalId, u"/sync/v1/original"_s, q, 5000, 1 << 20);
    };
    auto unknown = ask(QUrlQuery { { u"receipt"_s, u"S001-T01-XXXX-000001"_s } });
    ASSERT_TRUE(unknown.has_value());
    EXPECT_EQ(unknown->status, 404);
    EXPECT_TRUE(unknown->body.contains("UNKNOWN_ORIGINAL"));
    for (const QUrlQuery &bad :
        { QUrlQuery { { u"token"_s, u"not-a-hash"_s } }, QUrlQuery {}, QUrlQuery { { u"receipt"_s, u"' OR 1=1 --"_s } },
            QUrlQuery { { u"receipt"_s, u"A"_s }, { u"token"_s, QString(64, u'a') } } }) {
        auto answer = ask(bad);
        ASSERT_TRUE(answer.has_value());
        EXPECT_EQ(answer->status, 400) << qPrintable(bad.toString());
    }
    // Trying codes by the thousand: the terminal is slowed down after 60 in 10 seconds.
    int limited = 0;
    for (int i = 0; i < 70; ++i) {
        auto answer = ask(QUrlQuery { { u"token"_s, QString(64, QChar(u'0' + i % 10)) } });
        ASSERT_TRUE(answer.has_value());
        if (answer->status == 429)
            ++limited;
    }
    EXPECT_GE(limited, 10);
}
