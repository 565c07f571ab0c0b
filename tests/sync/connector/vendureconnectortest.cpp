// SPDX-License-Identifier: GPL-3.0-or-later
// Store sales into a real Vendure (packaging/vendure.sh) exactly once: a till sells, syncs to the hub, and the hub's
// forwarder books each sale as an order, at the till's prices, taken from the store's stock; a half-made order is
// finished, answers lost after Vendure committed change nothing.
#include "sync/connector/vendureconnector.h"
#include "sync/connector/forwarder.h"

#include "core/catalog/catalog.h"
#include "core/catalog/importer.h"
#include "core/returns/returns.h"
#include "core/staff/staffstore.h"
#include "support/faultyproxy.h"
#include "support/synchelper.h"
#include "support/vendure.h"
#include "sync/common/streams.h"
#include "sync/hub/dailyreport.h"

#include <QBuffer>
#include <QJsonArray>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

namespace {

// The till's catalog as the hub publishes it: Vendure's items at Vendure's prices, and two it does not sell (a bag
// typed in at the till, tea by weight), which are booked on Vendure's open items by tax rate.
const QByteArray kCatalog = QByteArrayLiteral("sku,name,barcode,price,currency,tax_class,tax_rate,unit\n"
                                              "SKU-ESP-1KG,Espresso Beans 1kg,4006381333931,19.99,EUR,RED,7,each\n"
                                              "SKU-FROTH-01,Milk Frother,4006381333948,34.90,EUR,STD,19,each\n"
                                              "SKU-CUP-CER,Ceramic Cup,4006381333955,8.90,EUR,STD,19,each\n"
                                              "SKU-OAT-1L,Oat Drink 1l,4006381333986,2.29,EUR,RED,7,each\n"
                                              "LOCAL-BAG,Paper bag,,0.20,EUR,STD,19,each\n"
                                              "LOOSE-TEA,Loose tea,,59.00,EUR,RED,7,kg\n");

struct Line
{
    QString sku;
    qint64 qtyMilli = 1000;
};

class VendureConnectorTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        m_vendure = VendureInstance::shared();
        ASSERT_FALSE(m_vendure.apiKey.isEmpty())
            << "no Vendure in " OMNITILL_VENDURE_DIR " (the CTest fixture \"vendure\" starts it: packaging/vendure.sh)";
        auto sink = m_hub->catalogPublisher();
        CatalogImporter importer(*sink);
        QBuffer csv;
        csv.setData(kCatalog);
        ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
        auto imported = importer.importCsv(csv, QStringLiteral("catalog.csv"));
        ASSERT_TRUE(imported.ok()) << qPrintable(imported.error().message);
        m_till = makeEmptyTerminal(QStringLiteral("till"));
        ASSERT_TRUE(syncOnce(m_till));
    }

    // The hub forwards to `v` (through `url` when given: a proxy).
    void connect(const VendureInstance &v, const QUrl &url = {})
    {
        const QHash<QString, QString> settings { { QStringLiteral("backend"), QStringLiteral("vendure") },
            { QStringLiteral("url"), (url.isEmpty() ? v.adminApi : url).toString() },
            { QStringLiteral("api_key"), QString::fromLatin1(v.apiKey) },
            { QStringLiteral("location.S001"), v.location(QStringLiteral("S001")) },
            { QStringLiteral("timeout_s"), QStringLiteral("10") } };
        ASSERT_TRUE(m_hub->setConnectorSettings(settings, 0).ok());
        auto made = VendureConnector::make(settings, *m_hub);
        ASSERT_TRUE(made.ok()) << qPrintable(made.error().message);
        m_connector = std::move(made).value();
        m_forwarder = std::make_unique<Forwarder>(*m_hub, *m_connector, QStringLiteral("test"));
        m_forwarder->setMaxBackoffMs(1000);
    }

    // Records a sale on the till; its id (the order's posTransactionId).
    QString sell(const QList<Line> &lines, Discount saleDiscount = Discount::none(),
        Payment payment = Payment { Payment::Method::Cash, 100'000, 1 })
    {
        auto db = Database::open(m_till.path);
        EXPECT_TRUE(db.ok());
        Catalog catalog(**db);
        SaleStore store(**db, systemClock());
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (const Line &l : lines) {
            auto item = catalog.lookupSku(l.sku, eur(), QDateTime::currentMSecsSinceEpoch());
            EXPECT_TRUE(item.ok()) << qPrintable(l.sku);
            EXPECT_TRUE(cart.add(*item, l.qtyMilli).ok());
        }
        if (!saleDiscount.isNone()) {
            EXPECT_TRUE(cart.setCartDiscount(saleDiscount).ok());
        }
        auto recorded = store.record(cart, payment);
        EXPECT_TRUE(recorded.ok()) << qPrintable(recorded.error().message);
        QSqlQuery q((*db)->connection());
        q.exec(QStringLiteral("SELECT event_id FROM journal WHERE type = 'sale.completed' ORDER BY seq DESC LIMIT 1"));
        EXPECT_TRUE(q.next());
        return q.value(0).toString();
    }

    // `n` sales of one to three lines on the till, in one go; their ids.
    void sellMany(int n)
    {
        auto db = Database::open(m_till.path);
        ASSERT_TRUE(db.ok());
        Catalog catalog(**db);
        SaleStore store(**db, systemClock());
        const QStringList skus = { QStringLiteral("SKU-ESP-1KG"), QStringLiteral("SKU-CUP-CER"),
            QStringLiteral("SKU-OAT-1L"), QStringLiteral("LOCAL-BAG"), QStringLiteral("SKU-FROTH-01") };
        for (int i = 0; i < n; ++i) {
            Cart cart(eur(), PricingMode::TaxInclusive);
            for (int l = 0; l <= i % 3; ++l) {
                auto item = catalog.lookupSku(skus[(i + l) % skus.size()], eur(), QDateTime::currentMSecsSinceEpoch());
                ASSERT_TRUE(item.ok());
                ASSERT_TRUE(cart.add(*item, 1000 * (1 + (i + l) % 2)).ok());
            }
            ASSERT_TRUE(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
        }
    }

    // The report's forwarding figures of the till, for today.
    TerminalReport::Forwarding reported()
    {
        auto report = dailyReport(*m_hub, QDate::currentDate(), QStringLiteral("S001"));
        EXPECT_TRUE(report.ok()) << qPrintable(report.error().message);
        TerminalReport::Forwarding f;
        for (const TerminalReport &t : report->stores.constFirst().terminals) {
            if (t.forwarding) {
                f.forwarded += t.forwarding->forwarded;
                f.pending += t.forwarding->pending;
                f.failed += t.forwarding->failed;
            }
        }
        return f;
    }

    // Every order Vendure has for the sale (the hub's key may read orders).
    QJsonArray ordersOf(const QString &saleId, const VendureInstance &v)
    {
        GraphQlClient client(v.endpoint());
        auto data = client.run(QStringLiteral("query($tx: String!) { orders(options: { filter: { posTransactionId: { "
                                              "eq: $tx } } }) { items { id code state totalWithTax customFields { "
                                              "posReceiptNo origin } lines { quantity unitPriceWithTax productVariant "
                                              "{ sku } } payments { method state metadata } } } }"),
            { { QStringLiteral("tx"), saleId } }, u"reading the sale's orders");
        EXPECT_TRUE(data.ok()) << qPrintable(data.error().message);
        return data.ok() ? data->value(u"orders").toObject().value(u"items").toArray() : QJsonArray();
    }
    QJsonArray ordersOf(const QString &saleId) { return ordersOf(saleId, m_vendure); }

    qint64 stockAt(const QString &sku, const QString &locationId)
    {
        GraphQlClient client(m_vendure.endpoint());
        auto data
            = client.run(QStringLiteral("query($sku: String!) { productVariants(options: { filter: { sku: { eq: "
                                        "$sku } } }) { items { stockLevels { stockLocationId stockOnHand } } } }"),
                { { QStringLiteral("sku"), sku } }, u"reading stock");
        EXPECT_TRUE(data.ok()) << qPrintable(data.error().message);
        for (const QJsonValue &level : data->value(u"productVariants")
                                           .toObject()
                                           .value(u"items")
                                           .toArray()
                                           .first()
                                           .toObject()
                                           .value(u"stockLevels")
                                           .toArray()) {
            if (level.toObject().value(u"stockLocationId").toString() == locationId)
                return level.toObject().value(u"stockOnHand").toInteger();
        }
        return -1;
    }

    // The till's sales as the hub has them: event id → total.
    QHash<QString, qint64> hubSales()
    {
        QHash<QString, qint64> sales;
        QSqlQuery q(m_hub->connection());
        q.exec(QStringLiteral("SELECT event_id, payload FROM event WHERE type = 'sale.completed'"));
        while (q.next()) {
            const QJsonObject sale = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
            sales.insert(q.value(0).toString(), sale.value(u"total_minor").toInteger());
        }
        return sales;
    }

    // Works the queue until nothing is pending, or `rounds` rounds passed (waiting out back-offs).
    HubStore::ForwardCounts forwardAll(int rounds = 200)
    {
        for (int i = 0; i < rounds; ++i) {
            auto round = m_forwarder->runOnce();
            EXPECT_TRUE(round.ok()) << qPrintable(round.error().message);
            auto counts = m_hub->forwardCounts();
            if (counts->pending == 0)
                return *counts;
            if (round->forwarded == 0)
                QTest::qWait(300);
        }
        return *m_hub->forwardCounts();
    }

    VendureInstance m_vendure;
    Terminal m_till;
    std::unique_ptr<VendureConnector> m_connector;
    std::unique_ptr<Forwarder> m_forwarder;
};

TEST_F(VendureConnectorTest, StoreSalesBecomeOneOrderEachAtTheTillsPricesFromTheStoresStock)
{
    connect(m_vendure);
    const QString store = m_vendure.location(QStringLiteral("S001"));
    // Espresso: no other test of the suite's Vendure sells it.
    const qint64 storeBefore = stockAt(QStringLiteral("SKU-ESP-1KG"), store);
    const qint64 warehouseBefore = stockAt(QStringLiteral("SKU-ESP-1KG"), QStringLiteral("1"));
    const QString plain = sell({ { QStringLiteral("SKU-CUP-CER"), 2000 }, { QStringLiteral("SKU-ESP-1KG"), 1000 } });
    // 3 × 2.29 less 1.00 off the sale: 5.87, which 3 units do not divide: 1.96 + 1.96 + 1.95.
    const QString discounted = sell({ { QStringLiteral("SKU-OAT-1L"), 3000 } }, Discount::amount(100),
        Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("APPROVAL-77") });
    // Lines Vendure does not sell: a bag typed in, 0.125 kg of tea.
    const QString open = sell({ { QStringLiteral("LOCAL-BAG"), 1000 }, { QStringLiteral("LOOSE-TEA"), 125 } });
    ASSERT_TRUE(syncOnce(m_till));
    const auto sales = hubSales();
    ASSERT_EQ(sales.size(), 3);
    EXPECT_EQ(m_hub->forwardCounts()->pending, 3);

    const auto counts = forwardAll();
    EXPECT_EQ(counts.forwarded, 3) << qPrintable(counts.lastError);
    EXPECT_EQ(counts.failed, 0) << qPrintable(counts.lastError);
    for (auto it = sales.cbegin(); it != sales.cend(); ++it) {
        const QJsonArray orders = ordersOf(it.key());
        ASSERT_EQ(orders.size(), 1) << qPrintable(it.key());
        const QJsonObject order = orders.first().toObject();
        EXPECT_EQ(order.value(u"state").toString(), QStringLiteral("Delivered"));
        EXPECT_EQ(order.value(u"totalWithTax").toInteger(), it.value()) << "equal totals";
        EXPECT_EQ(order.value(u"customFields").toObject().value(u"origin").toString(), QStringLiteral("store:S001"));
        const QJsonObject payment = order.value(u"payments").toArray().first().toObject();
        EXPECT_EQ(payment.value(u"method").toString(), QStringLiteral("in-store"));
        EXPECT_EQ(payment.value(u"state").toString(), QStringLiteral("Settled"));
    }
    // The split line: the order's lines at the till's prices, a cent apart, and the card's approval code.
    const QJsonObject split = ordersOf(discounted).first().toObject();
    QMap<qint64, qint64> units; // unit price → quantity
    for (const QJsonValue &l : split.value(u"lines").toArray())
        units[l.toObject().value(u"unitPriceWithTax").toInteger()] += l.toObject().value(u"quantity").toInteger();
    EXPECT_EQ(units, (QMap<qint64, qint64> { { 195, 1 }, { 196, 2 } }));
    const QJsonObject meta = split.value(u"payments").toArray().first().toObject().value(u"metadata").toObject();
    EXPECT_EQ(meta.value(u"tenders").toArray().first().toObject().value(u"reference"), QStringLiteral("APPROVAL-77"))
        << QJsonDocument(meta).toJson().constData();
    // Open items by tax rate; the tea (by weight) one unit at its line's price.
    QMap<QString, qint64> openLines;
    for (const QJsonValue &l : ordersOf(open).first().toObject().value(u"lines").toArray())
        openLines[l.toObject().value(u"productVariant").toObject().value(u"sku").toString()]
            = l.toObject().value(u"unitPriceWithTax").toInteger();
    EXPECT_EQ(openLines,
        (QMap<QString, qint64> {
            { QStringLiteral("OMNITILL-OPEN-19"), 20 }, { QStringLiteral("OMNITILL-OPEN-7"), 738 } }));
    // The espresso left the store, not the warehouse.
    EXPECT_EQ(stockAt(QStringLiteral("SKU-ESP-1KG"), store), storeBefore - 1);
    EXPECT_EQ(stockAt(QStringLiteral("SKU-ESP-1KG"), QStringLiteral("1")), warehouseBefore);

    // Handed the same sale again (a hub restored from a backup): the same order, nothing new.
    HubStore::ForwardItem again;
    QSqlQuery q(m_hub->connection());
    q.exec(QStringLiteral("SELECT f.id, f.event_id, f.terminal_id, f.type, f.created_at_ms, e.payload FROM "
                          "forward_queue f JOIN event e ON e.event_id = f.event_id ORDER BY f.id LIMIT 1"));
    ASSERT_TRUE(q.next());
    again = HubStore::ForwardItem { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        QStringLiteral("S001"), q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toByteArray(), 1, {} };
    auto replay = m_connector->forward(again, [](const QString &) { return Status(Ok {}); });
    ASSERT_TRUE(replay.ok()) << qPrintable(replay.error().message);
    EXPECT_EQ(replay->ref, ordersOf(plain).first().toObject().value(u"code").toString());
    EXPECT_EQ(ordersOf(plain).size(), 1);
}

TEST_F(VendureConnectorTest, AHalfMadeOrderIsFinishedNotMadeAgain)
{
    connect(m_vendure);
    const QString sale = sell({ { QStringLiteral("SKU-FROTH-01"), 1000 }, { QStringLiteral("SKU-CUP-CER"), 1000 } });
    ASSERT_TRUE(syncOnce(m_till));
    // What a forwarder that crashed after its third step left: a draft that holds the sale's id and a wrong line.
    GraphQlClient admin(m_vendure.endpoint());
    auto draft = admin.run(QStringLiteral("mutation { createDraftOrder { id } }"), {}, u"draft");
    ASSERT_TRUE(draft.ok()) << qPrintable(draft.error().message);
    const QString id = draft->value(u"createDraftOrder").toObject().value(u"id").toString();
    ASSERT_TRUE(admin
                    .run(QStringLiteral("mutation($id: ID!, $tx: String!) { setDraftOrderCustomFields(orderId: $id, "
                                        "input: { id: $id, customFields: { posTransactionId: $tx } }) { id } }"),
                        { { QStringLiteral("id"), id }, { QStringLiteral("tx"), sale } }, u"claim")
                    .ok());
    ASSERT_TRUE(admin
                    .run(QStringLiteral("mutation($id: ID!, $v: ID!) { addItemToDraftOrder(orderId: $id, input: { "
                                        "productVariantId: $v, quantity: 5 }) { ... on Order { id } } }"),
                        { { QStringLiteral("id"), id },
                            { QStringLiteral("v"), m_vendure.variant(QStringLiteral("SKU-CUP-CER")) } },
                        u"a wrong line")
                    .ok());

    const auto counts = forwardAll();
    EXPECT_EQ(counts.forwarded, 1) << qPrintable(counts.lastError);
    const QJsonArray orders = ordersOf(sale);
    ASSERT_EQ(orders.size(), 1);
    const QJsonObject order = orders.first().toObject();
    EXPECT_EQ(order.value(u"id").toString(), id) << "the half-made order, finished";
    EXPECT_EQ(order.value(u"customFields").toObject().value(u"origin").toString(), QStringLiteral("store:S001"))
        << "claimed by the crashed attempt without the store; set on the way";
    EXPECT_EQ(order.value(u"state").toString(), QStringLiteral("Delivered"));
    EXPECT_EQ(order.value(u"totalWithTax").toInteger(), 3490 + 890);
    qint64 items = 0;
    for (const QJsonValue &l : order.value(u"lines").toArray())
        items += l.toObject().value(u"quantity").toInteger();
    EXPECT_EQ(items, 2);
}

TEST_F(VendureConnectorTest, AnswersLostAfterVendureCommittedBookEachSaleOnce)
{
    FaultyProxy proxy(quint16(m_vendure.adminApi.port()), 7);
    QUrl through = m_vendure.adminApi;
    through.setPort(proxy.port());
    connect(m_vendure, through);
    for (int i = 0; i < 8; ++i)
        sell({ { QStringLiteral("SKU-OAT-1L"), 1000 * (1 + i % 3) }, { QStringLiteral("LOCAL-BAG"), 1000 } });
    ASSERT_TRUE(syncOnce(m_till));
    proxy.setFaults(FaultyProxy::Faults { 0.1, 0.25, 0, 0, false });
    auto counts = forwardAll(400);
    EXPECT_EQ(counts.forwarded, 8) << qPrintable(counts.lastError);
    EXPECT_EQ(counts.failed, 0) << qPrintable(counts.lastError);
    EXPECT_GT(proxy.droppedResponses.load(), 0) << "answers were lost after Vendure had done the work";
    std::printf("requests sent %lld, seen by the proxy %d, answers lost %d\n", m_connector->requests(),
        proxy.requests.load(), proxy.droppedResponses.load());
    const auto sales = hubSales();
    for (auto it = sales.cbegin(); it != sales.cend(); ++it) {
        const QJsonArray orders = ordersOf(it.key());
        ASSERT_EQ(orders.size(), 1) << qPrintable(it.key());
        EXPECT_EQ(orders.first().toObject().value(u"totalWithTax").toInteger(), it.value());
        EXPECT_EQ(orders.first().toObject().value(u"state").toString(), QStringLiteral("Delivered"));
    }
}

// The reliability run: 1,000 sales forwarded while a proxy drops answers after Vendure committed, and Vendure
// killed with SIGKILL half way and started again on its database. Every sale is in Vendure once, with its total, and
// the report adds up at every point.
TEST_F(VendureConnectorTest, AThousandSalesThroughAKilledVendureAndLostAnswersEachOnce)
{
    const QString dir = m_dir.filePath(QStringLiteral("vendure"));
    auto [vendure, output] = VendureInstance::start(dir);
    ASSERT_FALSE(vendure.apiKey.isEmpty()) << qPrintable(output);
    struct Stop
    {
        QString dir;
        ~Stop() { VendureInstance::stop(dir); }
    } stop { dir };
    FaultyProxy proxy(quint16(vendure.adminApi.port()), 11);
    QUrl through = vendure.adminApi;
    through.setPort(proxy.port());
    connect(vendure, through);
    constexpr int kSales = 1000;
    sellMany(kSales);
    ASSERT_TRUE(syncOnce(m_till));
    const auto sales = hubSales();
    ASSERT_EQ(sales.size(), kSales);
    auto f = reported();
    EXPECT_EQ(f.pending, kSales);
    EXPECT_EQ(f.forwarded, 0);

    proxy.setFaults(FaultyProxy::Faults { 0, 0.03, 0, 0, false });
    QElapsedTimer timer;
    timer.start();
    int forwarded = 0;
    bool killed = false;
    for (int round = 0; round < 5000 && forwarded < kSales; ++round) {
        auto r = m_forwarder->runOnce(10);
        ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
        forwarded = int(m_hub->forwardCounts()->forwarded);
        f = reported();
        EXPECT_EQ(f.forwarded + f.pending + f.failed, kSales) << "the report adds up";
        EXPECT_EQ(f.failed, 0) << qPrintable(m_hub->forwardCounts()->lastError);
        EXPECT_EQ(f.forwarded, forwarded);
        if (!killed && forwarded >= kSales / 3) {
            vendure.kill();
            killed = true;
            // Down: nothing moves, nothing is lost, the report says what waits.
            for (int i = 0; i < 3; ++i) {
                auto down = m_forwarder->runOnce(10);
                ASSERT_TRUE(down.ok());
                EXPECT_EQ(down->forwarded, 0);
                QTest::qWait(200);
            }
            f = reported();
            EXPECT_EQ(f.forwarded, forwarded);
            EXPECT_EQ(f.pending, kSales - forwarded);
            auto again = VendureInstance::start(dir);
            ASSERT_FALSE(again.first.apiKey.isEmpty()) << qPrintable(again.second);
            ASSERT_EQ(again.first.adminApi.port(), vendure.adminApi.port()) << "started again where it was";
            vendure = again.first;
        }
        if (r->forwarded == 0)
            QTest::qWait(100);
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    ASSERT_TRUE(killed);
    EXPECT_EQ(forwarded, kSales);
    std::printf("forwarded %d sales in %.1f s (%.1f orders/s) with a kill and %d answers lost; %lld requests\n",
        forwarded, seconds, forwarded / seconds, proxy.droppedResponses.load(), m_connector->requests());

    // Vendure has each sale once, with its total.
    GraphQlClient client(vendure.endpoint());
    QHash<QString, qint64> booked;
    qint64 duplicates = 0;
    for (int skip = 0;; skip += 500) {
        auto page
            = client.run(QStringLiteral("query($skip: Int!) { orders(options: { skip: $skip, take: 500, filter: { "
                                        "posTransactionId: { isNull: false } } }) { items { totalWithTax state "
                                        "customFields { posTransactionId } } } }"),
                { { QStringLiteral("skip"), skip } }, u"reading the orders");
        ASSERT_TRUE(page.ok()) << qPrintable(page.error().message);
        const QJsonArray items = page->value(u"orders").toObject().value(u"items").toArray();
        for (const QJsonValue &v : items) {
            const QJsonObject o = v.toObject();
            const QString tx = o.value(u"customFields").toObject().value(u"posTransactionId").toString();
            duplicates += booked.contains(tx) ? 1 : 0;
            booked.insert(tx, o.value(u"totalWithTax").toInteger());
            EXPECT_EQ(o.value(u"state").toString(), QStringLiteral("Delivered")) << qPrintable(tx);
        }
        if (items.size() < 500)
            break;
    }
    EXPECT_EQ(duplicates, 0);
    EXPECT_EQ(booked, sales) << "every sale once, with its total";
}

// The catalog comes from Vendure: items with their barcodes, prices with tax and tax rates; a price changed, a product
// renamed and an item added are read as changes; an item deleted in Vendure, and the hub's own items Vendure does not
// sell, leave the tills at the sweep. A till pulls and sells at Vendure's price.
TEST_F(VendureConnectorTest, TheCatalogComesFromVendureAndFollowsItsChanges)
{
    connect(m_vendure);
    auto imported = m_connector->importCatalog(true);
    ASSERT_TRUE(imported.ok()) << qPrintable(imported.error().message);
    EXPECT_GE(imported->changed, 6);
    EXPECT_EQ(imported->removed, 2) << "the bag and the tea the hub published itself";
    const auto row = [&](const QString &sku) {
        auto page = m_hub->pull(kCatalogStream, 0, 1000);
        EXPECT_TRUE(page.ok());
        QJsonObject found;
        for (const auto &c : page->changes) {
            if (c.key.startsWith(sku + u'|'))
                found = c.remove ? QJsonObject() : QJsonDocument::fromJson(c.row).object();
        }
        return found;
    };
    QJsonObject espresso = row(QStringLiteral("SKU-ESP-1KG"));
    EXPECT_EQ(espresso.value(u"name").toString(), QStringLiteral("Espresso Beans 1kg"));
    EXPECT_TRUE(QJsonDocument(espresso).toJson().contains("4006381333931"))
        << QJsonDocument(espresso).toJson().constData();
    EXPECT_TRUE(row(QStringLiteral("LOCAL-BAG")).isEmpty());
    EXPECT_TRUE(row(QStringLiteral("OMNITILL-OPEN-19")).isEmpty()) << "Vendure's open items stay in Vendure";
    EXPECT_FALSE(row(QStringLiteral("SKU-TEE-S")).isEmpty());

    // The shop changes its catalog (a catalog manager's key).
    sync::GraphQlEndpoint owner = m_vendure.endpoint();
    owner.apiKey = m_vendure.seed.value(u"catalogApiKey").toString().toLatin1();
    GraphQlClient shop(owner);
    const QString sku = QStringLiteral("SKU-T-%1").arg(QDateTime::currentMSecsSinceEpoch());
    auto made = shop.run(QStringLiteral("mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }"),
        { { QStringLiteral("i"),
            QJsonObject { { QStringLiteral("translations"),
                QJsonArray { QJsonObject { { QStringLiteral("languageCode"), QStringLiteral("en") },
                    { QStringLiteral("name"), QStringLiteral("Travel Mug") }, { QStringLiteral("slug"), sku.toLower() },
                    { QStringLiteral("description"), QStringLiteral("Mug") } } } } } } },
        u"a new product");
    ASSERT_TRUE(made.ok()) << qPrintable(made.error().message);
    auto variant = shop.run(
        QStringLiteral("mutation($i: [CreateProductVariantInput!]!) { createProductVariants(input: $i) "
                       "{ id } }"),
        { { QStringLiteral("i"),
            QJsonArray {
                QJsonObject { { QStringLiteral("productId"), made->value(u"createProduct").toObject().value(u"id") },
                    { QStringLiteral("sku"), sku }, { QStringLiteral("price"), 1450 },
                    { QStringLiteral("translations"),
                        QJsonArray { QJsonObject { { QStringLiteral("languageCode"), QStringLiteral("en") },
                            { QStringLiteral("name"), QStringLiteral("Travel Mug") } } } } } } } },
        u"its variant");
    ASSERT_TRUE(variant.ok()) << qPrintable(variant.error().message);
    const QString variantId
        = variant->value(u"createProductVariants").toArray().first().toObject().value(u"id").toString();
    ASSERT_TRUE(
        shop.run(QStringLiteral("mutation($id: ID!) { updateProductVariants(input: [{ id: $id, price: 249 }]) { "
                                "id } }"),
                { { QStringLiteral("id"), m_vendure.variant(QStringLiteral("SKU-OAT-1L")) } }, u"a new price")
            .ok());
    ASSERT_TRUE(shop.run(QStringLiteral("mutation($id: ID!) { updateProduct(input: { id: $id, translations: [{ "
                                        "languageCode: en, name: \"Ceramic Cup 250ml\" }] }) { id } }"),
                        { { QStringLiteral("id"), QStringLiteral("3") } }, u"a new name")
                    .ok());

    imported = m_connector->importCatalog(false);
    ASSERT_TRUE(imported.ok()) << qPrintable(imported.error().message);
    EXPECT_GE(imported->changed, 3);
    EXPECT_LE(imported->changed, 20) << "only what changed (and the two seconds before)";
    EXPECT_EQ(row(sku).value(u"name").toString(), QStringLiteral("Travel Mug"));
    EXPECT_EQ(row(QStringLiteral("SKU-CUP-CER")).value(u"name").toString(), QStringLiteral("Ceramic Cup 250ml"))
        << "a product renamed: its variants read again";
    EXPECT_TRUE(QJsonDocument(row(QStringLiteral("SKU-OAT-1L"))).toJson().contains("249"))
        << QJsonDocument(row(QStringLiteral("SKU-OAT-1L"))).toJson().constData();

    // A till pulls, and sells the oat drink at Vendure's new price.
    ASSERT_TRUE(syncOnce(m_till));
    {
        auto db = Database::open(m_till.path);
        ASSERT_TRUE(db.ok());
        auto item = Catalog(**db).lookupSku(QStringLiteral("SKU-OAT-1L"), eur(), QDateTime::currentMSecsSinceEpoch());
        ASSERT_TRUE(item.ok());
        EXPECT_EQ(item->price.minor(), 249);
    }

    // Deleted in Vendure: no change to read, gone at the sweep.
    ASSERT_TRUE(shop.run(QStringLiteral("mutation($id: ID!) { deleteProductVariant(id: $id) { result } }"),
                        { { QStringLiteral("id"), variantId } }, u"deleting")
                    .ok());
    imported = m_connector->importCatalog(true);
    ASSERT_TRUE(imported.ok()) << qPrintable(imported.error().message);
    EXPECT_EQ(imported->removed, 1);
    EXPECT_TRUE(row(sku).isEmpty());
}

// A return at the till against a forwarded sale: the cup back on the shelf is cancelled on the order (and back in the
// store's stock), the money refunded, once however often it is handed over; a return written off refunds only.
TEST_F(VendureConnectorTest, AReturnIsRefundedAndRestockedOnTheOrderOnce)
{
    connect(m_vendure);
    const QString saleId = sell({ { QStringLiteral("SKU-CUP-CER"), 2000 }, { QStringLiteral("SKU-FROTH-01"), 1000 } });
    ASSERT_TRUE(syncOnce(m_till));
    ASSERT_EQ(forwardAll().forwarded, 1);
    const QString store = m_vendure.location(QStringLiteral("S001"));
    const qint64 frothersBefore = stockAt(QStringLiteral("SKU-FROTH-01"), store);
    {
        auto db = Database::open(m_till.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, systemClock());
        auto manager = staff.createFirstManager(QStringLiteral("Maria"), u"2468", std::nullopt);
        ASSERT_TRUE(manager.ok()) << qPrintable(manager.error().message);
        SaleStore sales(**db, systemClock());
        ReturnStore returns(**db, sales, systemClock());
        QSqlQuery q((*db)->connection());
        q.exec(QStringLiteral("SELECT receipt_no FROM sale ORDER BY id DESC LIMIT 1"));
        ASSERT_TRUE(q.next());
        auto original = returns.findLocal(q.value(0).toString());
        ASSERT_TRUE(original.ok() && original->has_value());
        // The frother back on the shelf; one cup broken (written off).
        ReturnRequest back;
        back.original = **original;
        back.lines = { ReturnLine { 2, {}, {}, {}, 0, 1000, 0, {}, 0, true } };
        back.reason = QStringLiteral("changed mind");
        ASSERT_TRUE(returns.record(back, *manager).ok());
        auto after = returns.findLocal(q.value(0).toString());
        ReturnRequest broken;
        broken.original = **after;
        broken.lines = { ReturnLine { 1, {}, {}, {}, 0, 1000, 0, {}, 0, false } };
        broken.reason = QStringLiteral("broken");
        ASSERT_TRUE(returns.record(broken, *manager).ok());
    }
    ASSERT_TRUE(syncOnce(m_till));
    auto counts = forwardAll();
    EXPECT_EQ(counts.forwarded, 3) << qPrintable(counts.lastError);
    EXPECT_EQ(counts.failed, 0) << qPrintable(counts.lastError);

    GraphQlClient client(m_vendure.endpoint());
    const auto order = [&] {
        auto data
            = client.run(QStringLiteral("query($tx: String!) { orders(options: { filter: { posTransactionId: { eq: "
                                        "$tx } } }) { items { totalWithTax lines { quantity productVariant { sku } } "
                                        "payments { refunds { total reason state } } } } }"),
                { { QStringLiteral("tx"), saleId } }, u"the order");
        EXPECT_TRUE(data.ok()) << qPrintable(data.error().message);
        return data->value(u"orders").toObject().value(u"items").toArray().first().toObject();
    };
    QJsonObject o = order();
    QMap<QString, qint64> quantities;
    for (const QJsonValue &l : o.value(u"lines").toArray())
        quantities[l.toObject().value(u"productVariant").toObject().value(u"sku").toString()]
            += l.toObject().value(u"quantity").toInteger();
    EXPECT_EQ(quantities.value(QStringLiteral("SKU-FROTH-01")), 0) << "back on the shelf: cancelled on the order";
    EXPECT_EQ(quantities.value(QStringLiteral("SKU-CUP-CER")), 2) << "written off: still sold";
    qint64 refunded = 0;
    for (const QJsonValue &r : o.value(u"payments").toArray().first().toObject().value(u"refunds").toArray())
        refunded += r.toObject().value(u"total").toInteger();
    EXPECT_EQ(refunded, 3490 + 890);
    EXPECT_EQ(stockAt(QStringLiteral("SKU-FROTH-01"), store), frothersBefore + 1);

    // Handed over again: nothing more.
    QSqlQuery q(m_hub->connection());
    q.exec(QStringLiteral(
        "SELECT f.id, f.event_id, f.terminal_id, f.type, f.created_at_ms, e.payload FROM forward_queue f "
        "JOIN event e ON e.event_id = f.event_id WHERE f.type = 'return.completed' ORDER BY f.id"));
    while (q.next()) {
        const HubStore::ForwardItem again { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            QStringLiteral("S001"), q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toByteArray(), 1, {} };
        auto replay = m_connector->forward(again, [](const QString &) { return Status(Ok {}); });
        ASSERT_TRUE(replay.ok()) << qPrintable(replay.error().message);
    }
    refunded = 0;
    for (const QJsonValue &r : order().value(u"payments").toArray().first().toObject().value(u"refunds").toArray())
        refunded += r.toObject().value(u"total").toInteger();
    EXPECT_EQ(refunded, 3490 + 890) << "each return refunded once";
    EXPECT_EQ(stockAt(QStringLiteral("SKU-FROTH-01"), store), frothersBefore + 1);
}

TEST_F(VendureConnectorTest, AKeyOfAnotherRoleOrNoBackendIsAClearError)
{
    auto bad = VendureConnector::make({ { QStringLiteral("url"), QStringLiteral("not a url") } }, *m_hub);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QLatin1String("Admin API"))) << qPrintable(bad.error().message);

    VendureInstance wrongKey = m_vendure;
    wrongKey.apiKey = QByteArrayLiteral("0000:not-a-key");
    connect(wrongKey);
    sell({ { QStringLiteral("SKU-CUP-CER"), 1000 } });
    ASSERT_TRUE(syncOnce(m_till));
    auto round = m_forwarder->runOnce();
    ASSERT_TRUE(round.ok());
    auto counts = m_hub->forwardCounts();
    EXPECT_EQ(counts->failed, 1) << "refused, for a manager to look at";
    EXPECT_TRUE(counts->lastError.contains(QLatin1String("FORBIDDEN"))
        || counts->lastError.contains(QLatin1String("refused"))
        || counts->lastError.contains(QLatin1String("authorized")))
        << qPrintable(counts->lastError);
    EXPECT_FALSE(counts->lastError.contains(QLatin1String("not-a-key"))) << "the key is never in a message";

    // Nothing answers on the address: tried again later, nothing lost.
    VendureInstance down = m_vendure;
    down.adminApi = QUrl(QStringLiteral("http://127.0.0.1:9/admin-api"));
    ASSERT_EQ(*m_hub->retryFailedForwards(), 1);
    connect(down);
    round = m_forwarder->runOnce();
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->retrying, 1);
    counts = m_hub->forwardCounts();
    EXPECT_EQ(counts->pending, 1);
    EXPECT_EQ(counts->failed, 0);
}

} // namespace
