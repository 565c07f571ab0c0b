// SPDX-License-Identifier: GPL-3.0-or-later
// Customers between the hub and the tills: imported at the hub with orders on every channel, streamed to the tills;
// the same person made offline at two stores becomes one customer with an alias after sync, and both tills follow
// the merge; a sale for a customer joins their history; an erasure reaches the tills and is never undone by what a
// till sends later; imports name the bad line; the live profile answers over HTTP.
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/httpclient.h"
#include "support/pghelper.h"
#include "support/testhelper.h"
#include "sync/common/events.h"
#include "sync/common/streamapplier.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
const QString kCarl = u"0f8fad5b-d9cb-469f-a165-70867728950e"_s;

struct Till
{
    std::unique_ptr<Database> db;
    TerminalIdentity id;

    static std::unique_ptr<Till> open(const QString &path, const QString &store)
    {
        auto t = std::make_unique<Till>();
        auto db = Database::open(path);
        EXPECT_TRUE(db.ok());
        t->db = std::move(db).value();
        t->id = *Journal::identity(t->db->connection());
        EXPECT_TRUE(DemoCatalog::seed(*t->db, DemoOptions { 20, 42, kNow }).ok());
        // The codes the hub's registration gives a till (its receipt numbers and consent records carry them).
        QSqlQuery q(t->db->connection());
        q.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('store_code', ?), ('terminal_code', 'T01')"_s);
        q.addBindValue(store);
        EXPECT_TRUE(q.exec());
        return t;
    }
};
} // namespace

class CustomerSyncTest : public DbFixture
{
protected:
    virtual Result<std::unique_ptr<HubStore>> openHub()
    {
        return HubStore::openSqlite(file(u"hub.db"_s), [this] { return m_now; });
    }
    void SetUp() override
    {
        DbFixture::SetUp();
        auto hub = openHub();
        if (IsSkipped())
            return;
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        m_hub = std::move(hub).value();
        for (const char *name : { "a.db", "b.db" }) {
            const QString store = name[0] == 'a' ? u"S001"_s : u"S002"_s;
            m_tills.push_back(Till::open(file(QString::fromLatin1(name)), store));
            ASSERT_TRUE(m_hub->registerTerminal(m_tills.back()->id.terminalId, store).ok());
        }
        // The demo customers, with their orders, imported at the hub.
        m_demo = DemoCustomers::make(20, kNow);
        QByteArray customers, orders;
        for (Customer c : m_demo.customers) {
            c.recent.clear();
            customers += c.toRow() + '\n';
        }
        for (const DemoOrder &o : m_demo.orders)
            orders += o.toJsonLine() + '\n';
        QBuffer c(&customers), o(&orders);
        c.open(QIODevice::ReadOnly);
        o.open(QIODevice::ReadOnly);
        auto n = m_hub->importCustomers(c);
        ASSERT_TRUE(n.ok()) << qPrintable(n.error().message);
        EXPECT_EQ(*n, 20);
        auto m = m_hub->importOrders(o);
        ASSERT_TRUE(m.ok()) << qPrintable(m.error().message);
        EXPECT_EQ(*m, m_demo.orders.size());
    }
    Till &till(int i) { return *m_tills[size_t(i)]; }
    CustomerStore customers(Till &t)
    {
        return CustomerStore(*t.db, [this] { return m_now; });
    }

    void push(Till &t)
    {
        auto pending = Journal::pending(t.db->connection(), 1000);
        ASSERT_TRUE(pending.ok());
        const auto outcome = m_hub->applyPush(
            PushRequest { t.id.terminalId, t.id.epoch, *pending, *Journal::lastSeq(t.db->connection()) });
        if (const auto *r = std::get_if<PushRejected>(&outcome))
            FAIL() << qPrintable(r->code) << " " << qPrintable(r->message);
        const auto &accepted = std::get<PushAccepted>(outcome);
        EXPECT_TRUE(accepted.quarantined.isEmpty())
            << qPrintable(accepted.quarantined.isEmpty() ? QString() : accepted.quarantined.first().reason);
        ASSERT_TRUE(Journal::acknowledge(t.db->connection(), t.id.epoch, accepted.ackedThrough).ok());
    }
    void pull(Till &t)
    {
        for (;;) {
            auto cursor = StreamApplier::cursor(*t.db, kCustomersStream);
            ASSERT_TRUE(cursor.ok());
            auto page = m_hub->pull(kCustomersStream, *cursor, kMaxPullLimit);
            ASSERT_TRUE(page.ok());
            auto st = StreamApplier::applyPage(*t.db, *page);
            ASSERT_TRUE(st.ok()) << qPrintable(st.error().message);
            if (page->upToDate)
                return;
        }
    }
    QJsonObject profile(const QString &id)
    {
        auto p = m_hub->customerProfile(id);
        EXPECT_TRUE(p.ok());
        return p.ok() && *p ? QJsonDocument::fromJson(**p).object() : QJsonObject();
    }
    qint64 liveCustomers()
    {
        QSqlQuery q(m_hub->connection());
        EXPECT_TRUE(q.exec(u"SELECT count(*) FROM customer WHERE merged_into IS NULL"_s) && q.next());
        return q.value(0).toLongLong();
    }
    void scenario();

    qint64 m_now = kNow;
    std::unique_ptr<HubStore> m_hub;
    std::vector<std::unique_ptr<Till>> m_tills;
    DemoCustomers m_demo;
};

void CustomerSyncTest::scenario()
{
    pull(till(0));
    pull(till(1));
    EXPECT_EQ(customers(till(0)).count().value(), 20);
    const Customer &anna = m_demo.customers[0];
    auto found = customers(till(1)).byCard(anna.cards.first());
    ASSERT_TRUE(found.ok()) << qPrintable(found.error().message);
    EXPECT_EQ(found->customer.recent.size(), std::min<qsizetype>(Customer::kRecentOrders, anna.recent.size()));
    QSet<QString> channels;
    for (const OrderHeader &h : found->customer.recent)
        channels.insert(h.channel);
    EXPECT_GE(channels.size(), 2) << "the history on the till spans channels";

    // Both stores are offline; the same person signs up at each, with the same email.
    CustomerDraft atA { u"Jana Nováková"_s, u"jana@example.org"_s, u"+420 601 123 456"_s, { u"LC7000000001"_s }, true,
        false };
    CustomerDraft atB { u"Jana Novakova"_s, u"JANA@example.org"_s, {}, { u"LC7000000002"_s }, false, true };
    atB.phone = u"+420 777 000 111"_s;
    m_now += 60'000;
    auto a = customers(till(0)).create(atA, kCarl);
    ASSERT_TRUE(a.ok()) << qPrintable(a.error().message);
    m_now += 60'000;
    auto b = customers(till(1)).create(atB, kCarl);
    ASSERT_TRUE(b.ok()) << qPrintable(b.error().message);
    ASSERT_NE(a->customer.id, b->customer.id);

    // Till B sells to its Jana before the merge is known.
    {
        Catalog catalog(*till(1).db);
        Cart cart(eur(), PricingMode::TaxInclusive);
        ASSERT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), kQuantityScale).ok());
        cart.setCustomer(SaleCustomer { b->customer.id, b->customer.name, 12, std::nullopt });
        SaleStore sales(*till(1).db, [this] { return m_now; });
        auto sold = sales.record(cart, Payment {});
        ASSERT_TRUE(sold.ok()) << qPrintable(sold.error().message);
        QSqlQuery q(till(1).db->connection());
        ASSERT_TRUE(q.exec(u"SELECT payload FROM journal WHERE type = 'sale.completed' ORDER BY seq DESC LIMIT 1"_s));
        ASSERT_TRUE(q.next());
        EXPECT_EQ(SaleStore::journalPayload(till(1).db->connection(), sold->saleId).value(), q.value(0).toByteArray())
            << "the payload read back names the customer too";
        EXPECT_TRUE(Events::validate(u"sale.completed"_s, q.value(0).toByteArray(), m_now).ok());
    }

    push(till(0));
    push(till(1));
    EXPECT_EQ(liveCustomers(), 21) << "one Jana";
    const QJsonObject jana = profile(b->customer.id);
    ASSERT_FALSE(jana.isEmpty());
    EXPECT_EQ(jana[u"id"].toString(), a->customer.id) << "the customer the hub knew first stays";
    EXPECT_EQ(jana[u"merged_from"].toString(), b->customer.id);
    EXPECT_EQ(jana[u"cards"].toArray().size(), 2) << "both cards are hers";
    EXPECT_EQ(jana[u"phone"].toString(), u"+420601123456"_s);
    // Consent is what she said last: email yes at A, then no at B a minute later; texts yes at B.
    EXPECT_FALSE(jana[u"consent"][u"email"][u"granted"].toBool());
    EXPECT_EQ(jana[u"consent"][u"email"][u"where"].toString(), u"S002/T01"_s);
    EXPECT_TRUE(jana[u"consent"][u"sms"][u"granted"].toBool());
    ASSERT_EQ(jana[u"orders"].toArray().size(), 1);
    EXPECT_EQ(jana[u"orders"][0][u"channel"].toString(), u"store"_s);
    EXPECT_EQ(jana[u"orders"][0][u"store"].toString(), u"S002"_s);

    // Both tills follow after their next sync: one Jana, found by either card or id.
    pull(till(0));
    pull(till(1));
    for (int t = 0; t < 2; ++t) {
        CustomerStore store = customers(till(t));
        EXPECT_EQ(store.count().value(), 21) << "till " << t;
        auto viaB = store.profile(b->customer.id);
        ASSERT_TRUE(viaB.ok() && viaB->has_value());
        EXPECT_EQ((*viaB)->customer.id, a->customer.id);
        EXPECT_EQ(store.byCard(u"LC7000000002"_s)->customer.id, a->customer.id);
        EXPECT_FALSE((*viaB)->local) << "the hub's row replaced the till's own";
        EXPECT_EQ((*viaB)->customer.recent.size(), 1);
        auto matches = store.search(u"jana nov"_s);
        ASSERT_TRUE(matches.ok());
        EXPECT_EQ(matches->size(), 1);
    }

    // A till that edits the alias it still had changes the customer that stayed.
    CustomerDraft rename = atA;
    rename.name = u"Jana Nováková-Berg"_s;
    rename.cards.clear();
    auto renamed = customers(till(1)).update(b->customer.id, rename, kCarl);
    ASSERT_TRUE(renamed.ok()) << qPrintable(renamed.error().message);
    push(till(1));
    EXPECT_EQ(profile(a->customer.id)[u"name"].toString(), u"Jana Nováková-Berg"_s);

    // Erasure: the hub forgets her, the tills follow, and a later change from a till does not bring her back.
    ASSERT_TRUE(m_hub->eraseCustomer(b->customer.id).ok());
    EXPECT_TRUE(profile(a->customer.id).isEmpty());
    EXPECT_EQ(m_hub->eraseCustomer(a->customer.id).error().code, ErrorCode::NotFound);
    pull(till(0));
    CustomerStore store = customers(till(0));
    EXPECT_FALSE(store.profile(a->customer.id)->has_value());
    EXPECT_FALSE(store.profile(b->customer.id)->has_value());
    EXPECT_EQ(store.byCard(u"LC7000000001"_s).error().code, ErrorCode::NotFound);
    EXPECT_EQ(store.count().value(), 20);
    // Till B still had her (it has not pulled): its change after the erasure keeps nothing.
    rename.name = u"Jana Again"_s;
    ASSERT_TRUE(customers(till(1)).update(a->customer.id, rename, kCarl).ok());
    push(till(1));
    EXPECT_TRUE(profile(a->customer.id).isEmpty());
    EXPECT_EQ(liveCustomers(), 20);
    QSqlQuery q(m_hub->connection());
    ASSERT_TRUE(q.exec(u"SELECT count(*) FROM customer_order o LEFT JOIN customer c ON c.id = o.customer_id "
                       "WHERE c.id IS NULL"_s)
        && q.next());
    EXPECT_EQ(q.value(0).toInt(), 0) << "no orders of an erased customer are left";
}

TEST_F(CustomerSyncTest, TheSamePersonMadeOfflineAtTwoStoresIsOneCustomerAfterSync)
{
    scenario();
}

TEST_F(CustomerSyncTest, ImportsNameTheBadLineAndImportNothing)
{
    auto import = [&](const QByteArray &text, bool orders) {
        QByteArray copy = text;
        QBuffer b(&copy);
        b.open(QIODevice::ReadOnly);
        return orders ? m_hub->importOrders(b) : m_hub->importCustomers(b);
    };
    const QByteArray good
        = R"({"id":"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a11","name":"Ola Nordmann","email":"ola@example.no"})";
    for (const QByteArray &badLine :
        { QByteArray(R"({"id":"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a12","name":"X","email":"x@"})"),
            QByteArray(R"({"id":"not-a-uuid","name":"X"})"), QByteArray("{broken"),
            QByteArray(R"({"id":"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a12","name":"X","phone":"0171 123"})") }) {
        auto r = import(good + '\n' + badLine + '\n', false);
        ASSERT_FALSE(r.ok()) << badLine.constData();
        EXPECT_TRUE(r.error().message.startsWith(u"line 2: "_s)) << qPrintable(r.error().message);
    }
    EXPECT_TRUE(profile(u"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a11"_s).isEmpty()) << "all or nothing";
    auto orders = import(R"({"order":"W-1","customer":"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a99","channel":"web",)"
                         R"("at_ms":1,"total_minor":100,"currency":"EUR","lines":[]})",
        true);
    ASSERT_FALSE(orders.ok());
    EXPECT_TRUE(orders.error().message.contains(u"import the customers first"_s));
    auto channel = import(R"({"order":"W-1","customer":")" + m_demo.customers[0].id.toUtf8()
            + R"(","channel":"fax","at_ms":1,"total_minor":100,"currency":"EUR","lines":[]})",
        true);
    ASSERT_FALSE(channel.ok());
    EXPECT_TRUE(channel.error().message.contains(u"channel"_s));
}

TEST_F(CustomerSyncTest, TheLiveProfileAnswersOverHttp)
{
    HubServer server(*m_hub);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_NE(port, 0);
    auto token = m_hub->registerTerminal(till(0).id.terminalId, u"S001"_s);
    ASSERT_TRUE(token.ok());
    auto get = [&](const QString &query, bool withToken = true) {
        const QByteArray target = "/sync/v1/customer?" + query.toUtf8();
        if (withToken)
            return terminalGet(port, target, token->toLatin1(), till(0).id.terminalId);
        return httpExchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    };
    const Customer &anna = m_demo.customers[0];
    const auto ok = get(u"id="_s + anna.id);
    ASSERT_EQ(ok.status, 200) << ok.body.constData();
    const QJsonObject p = QJsonDocument::fromJson(ok.body).object();
    EXPECT_EQ(p[u"name"].toString(), anna.name);
    EXPECT_FALSE(p[u"orders"].toArray().isEmpty());
    EXPECT_FALSE(p[u"orders"][0][u"lines"].toArray().isEmpty()) << "the whole order, with its lines";
    EXPECT_EQ(get(u"id="_s + anna.id, false).status, 401);
    EXPECT_EQ(get(u"id=1%27%20OR%201=1"_s).status, 400);
    EXPECT_EQ(get(u"id=3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a99"_s).status, 404);
}

class CustomerSyncOnPostgresTest : public CustomerSyncTest
{
protected:
    Result<std::unique_ptr<HubStore>> openHub() override
    {
        const auto server = TempPgDatabase::server();
        if (!server) {
            skip();
            return makeError(ErrorCode::NotFound, u"no PostgreSQL"_s);
        }
        m_pg = std::make_unique<TempPgDatabase>(*server);
        if (!m_pg->ok())
            return makeError(ErrorCode::Storage, m_pg->error());
        return HubStore::openPostgres(m_pg->url(), [this] { return m_now; });
    }
    static void skip() { GTEST_SKIP() << "set OMNITILL_TEST_PG (packaging/test.sh does)"; }
    void TearDown() override
    {
        m_hub.reset();
        m_pg.reset();
    }
    std::unique_ptr<TempPgDatabase> m_pg;
};

TEST_F(CustomerSyncOnPostgresTest, TheSamePersonMadeOfflineAtTwoStoresIsOneCustomerAfterSync)
{
    scenario();
}

// Only the tills of the stores the chain names hold customers: the others get an empty stream and checksum, so a till
// of a store taken off the list drops its copy at its next checksum.
TEST_F(CustomerSyncTest, OnlyTheStoresConfiguredHoldCustomers)
{
    HubServer server(*m_hub);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_NE(port, 0);
    auto tokenA = m_hub->registerTerminal(till(0).id.terminalId, u"S001"_s);
    auto tokenB = m_hub->registerTerminal(till(1).id.terminalId, u"S002"_s);
    ASSERT_TRUE(tokenA.ok() && tokenB.ok());
    auto pulled = [&](int t, const QByteArray &token) {
        const auto answer
            = terminalGet(port, "/sync/v1/pull?stream=customers&cursor=0&limit=100", token, till(t).id.terminalId);
        EXPECT_EQ(answer.status, 200);
        auto page = decodePullPage(answer.body);
        return page ? page->changes.size() : -1;
    };
    auto counted = [&](int t, const QByteArray &token) {
        const auto answer = terminalGet(port, "/sync/v1/checksum?stream=customers", token, till(t).id.terminalId);
        auto d = decodeDigest(answer.body);
        return d ? d->count : -1;
    };
    EXPECT_GE(pulled(0, tokenA->toLatin1()), 20) << "every store, by default";
    EXPECT_GE(pulled(1, tokenB->toLatin1()), 20);
    EXPECT_EQ(counted(1, tokenB->toLatin1()), 20);
    QByteArray config = R"({"key": "customers.stores", "row": {"value": ["S001"]}})";
    QBuffer b(&config);
    b.open(QIODevice::ReadOnly);
    ASSERT_TRUE(m_hub->publishLines(kConfigStream, b).ok());
    EXPECT_GE(pulled(0, tokenA->toLatin1()), 20);
    EXPECT_EQ(counted(0, tokenA->toLatin1()), 20);
    EXPECT_EQ(pulled(1, tokenB->toLatin1()), 0) << "S002 holds no customers";
    EXPECT_EQ(counted(1, tokenB->toLatin1()), 0);
}
