// SPDX-License-Identifier: GPL-3.0-or-later
// Store sales into a real Vendure on loopback (packaging/vendure.sh): how many orders a second the hub's forwarder
// books, beside its floor (the same orders made by a bare GraphQL client that knows every id and never looks: the
// fewest requests Vendure needs), and the lag from a sale at the till to its order in Vendure with `serve`'s forwarding
// thread. Its own main: one Vendure, figures printed at the end (docs/PERFORMANCE.md).
//   bench_forward [SALES]          (default 300)
//   bench_forward catalog DIR      the catalog of the running Vendure in DIR (packaging/vendure.sh start DIR, grown
//   with
//                                  packaging/vendure/seed-catalog.js) imported into a new hub, beside reading it alone
#include "benchsupport.h"
#include "support/vendure.h"

#include "core/catalog/catalog.h"
#include "core/catalog/importer.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "sync/connector/forwarder.h"
#include "sync/connector/vendureconnector.h"
#include "sync/hub/hubserver.h"
#include "sync/terminal/syncworker.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::bench;

namespace {

const QByteArray kCatalog = QByteArrayLiteral("sku,name,barcode,price,currency,tax_class,tax_rate,unit\n"
                                              "SKU-ESP-1KG,Espresso Beans 1kg,4006381333931,19.99,EUR,RED,7,each\n"
                                              "SKU-FROTH-01,Milk Frother,4006381333948,34.90,EUR,STD,19,each\n"
                                              "SKU-CUP-CER,Ceramic Cup,4006381333955,8.90,EUR,STD,19,each\n"
                                              "SKU-OAT-1L,Oat Drink 1l,4006381333986,2.29,EUR,RED,7,each\n");
const QStringList kSkus = { QStringLiteral("SKU-ESP-1KG"), QStringLiteral("SKU-CUP-CER"), QStringLiteral("SKU-OAT-1L"),
    QStringLiteral("SKU-FROTH-01") };

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_forward: %s\n", qPrintable(why));
    std::exit(1);
}
template<typename T> T need(Result<T> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().message));
    return std::move(r).value();
}

// A till with the bench's catalog, registered with the hub.
struct Till
{
    QString path;
    QByteArray token;
};

Till makeTill(HubStore &hub, const QString &path)
{
    auto db = need(Database::open(path), "the till");
    const QString id = Journal::identity(db->connection())->terminalId;
    const QByteArray token = need(hub.registerTerminal(id, QStringLiteral("S001")), "registering").toLatin1();
    const auto codes = need(hub.terminalCodes(id), "codes");
    need(writeMeta(db->connection(), QStringLiteral("store_code"), codes.storeCode), "meta");
    need(writeMeta(db->connection(), QStringLiteral("terminal_code"), codes.terminalCode), "meta");
    CatalogImporter importer(*db);
    QBuffer csv;
    csv.setData(kCatalog);
    csv.open(QIODevice::ReadOnly);
    need(importer.importCsv(csv, QStringLiteral("catalog.csv")), "the till's catalog");
    return { path, token };
}

// Records `n` sales of one to three lines.
void sell(const Till &till, int n, int from)
{
    auto db = need(Database::open(till.path), "the till");
    Catalog catalog(*db);
    SaleStore store(*db, systemClock());
    const Currency eur = *Currency::fromCode(u"EUR");
    for (int i = from; i < from + n; ++i) {
        Cart cart(eur, PricingMode::TaxInclusive);
        for (int l = 0; l <= i % 3; ++l) {
            auto item = need(
                catalog.lookupSku(kSkus[(i + l) % kSkus.size()], eur, QDateTime::currentMSecsSinceEpoch()), "an item");
            need(statusOf(cart.add(item, 1000 * (1 + l % 2))), "a line");
        }
        need(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }), "a sale");
    }
}

SyncConfig configFor(const Till &t, quint16 port)
{
    SyncConfig c;
    c.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    c.token = t.token;
    c.backoffMinMs = 10;
    c.backoffMaxMs = 200;
    c.minPullGapMs = 0;
    c.pollIntervalMs = 600'000;
    return c;
}

// One push of everything the till holds.
void push(const Till &till, quint16 port)
{
    SyncWorker worker(till.path, configFor(till, port));
    QEventLoop loop;
    QObject::connect(&worker, &SyncWorker::drained, &loop, [&] {
        if (worker.status().pending == 0)
            loop.quit();
    });
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    worker.start();
    loop.exec();
    if (worker.status().pending != 0)
        die(QStringLiteral("the till could not push its sales"));
}

QHash<QString, QString> settingsFor(const test::VendureInstance &v)
{
    return { { QStringLiteral("backend"), QStringLiteral("vendure") }, { QStringLiteral("url"), v.adminApi.toString() },
        { QStringLiteral("api_key"), QString::fromLatin1(v.apiKey) },
        { QStringLiteral("location.S001"), v.seed.value(u"stockLocations").toObject().value(u"S001").toString() } };
}

// The floor: the orders of the same sales made straight from their payloads by a client that already knows the
// variant, customer and shipping method ids and reads nothing back: create, claim, a line each, customer, shipping,
// to payment, pay, fulfil, deliver.
double floorSeconds(const test::VendureInstance &v, const QList<QByteArray> &sales, qint64 *requests)
{
    GraphQlEndpoint endpoint;
    endpoint.url = v.adminApi;
    endpoint.apiKey = v.apiKey;
    GraphQlClient client(endpoint);
    const QJsonObject variants = v.seed.value(u"variants").toObject();
    const QString customer = v.seed.value(u"customers").toObject().value(u"max").toString();
    const auto ok = [](Result<QJsonObject> r, const char *what) {
        if (!r)
            die(QStringLiteral("floor, %1: %2").arg(QLatin1String(what), r.error().message));
        return *r;
    };
    const QString shipping
        = ok(client.run(QStringLiteral("{ shippingMethods { items { id code } } }"), {}, u"shipping"), "shipping")
              .value(u"shippingMethods")
              .toObject()
              .value(u"items")
              .toArray()
              .first()
              .toObject()
              .value(u"id")
              .toString();
    QElapsedTimer timer;
    timer.start();
    int n = 0;
    for (const QByteArray &payload : sales) {
        const QJsonObject sale = QJsonDocument::fromJson(payload).object();
        const QString id
            = ok(client.run(QStringLiteral("mutation { createDraftOrder { id } }"), {}, u"create"), "create")
                  .value(u"createDraftOrder")
                  .toObject()
                  .value(u"id")
                  .toString();
        ok(client.run(
               QStringLiteral("mutation($id: ID!, $tx: String!) { setDraftOrderCustomFields(orderId: $id, input: "
                              "{ id: $id, customFields: { posTransactionId: $tx, posStockLocationId: 2 } }) { id } }"),
               { { QStringLiteral("id"), id }, { QStringLiteral("tx"), QStringLiteral("floor-%1").arg(++n) } },
               u"claim"),
            "claim");
        for (const QJsonValue &l : sale.value(u"lines").toArray()) {
            const QJsonObject line = l.toObject();
            const qint64 qty = line.value(u"qty_milli").toInteger() / 1000;
            ok(client.run(
                   QStringLiteral("mutation($id: ID!, $v: ID!, $q: Int!, $p: Int) { addItemToDraftOrder(orderId: "
                                  "$id, input: { productVariantId: $v, quantity: $q, customFields: { "
                                  "posUnitPriceWithTax: $p } }) { ... on Order { id } } }"),
                   { { QStringLiteral("id"), id },
                       { QStringLiteral("v"), variants.value(line.value(u"sku").toString()) },
                       { QStringLiteral("q"), qty },
                       { QStringLiteral("p"), line.value(u"total_minor").toInteger() / qty } },
                   u"add"),
                "add");
        }
        ok(client.run(
               QStringLiteral("mutation($id: ID!, $c: ID!) { setCustomerForDraftOrder(orderId: $id, customerId: $c) "
                              "{ ... on Order { id } } }"),
               { { QStringLiteral("id"), id }, { QStringLiteral("c"), customer } }, u"customer"),
            "customer");
        ok(client.run(QStringLiteral("mutation($id: ID!, $m: ID!) { setDraftOrderShippingMethod(orderId: $id, "
                                     "shippingMethodId: $m) { ... on Order { id } } }"),
               { { QStringLiteral("id"), id }, { QStringLiteral("m"), shipping } }, u"shipping"),
            "shipping");
        ok(client.run(
               QStringLiteral("mutation($id: ID!) { transitionOrderToState(id: $id, state: \"ArrangingPayment\") { "
                              "... on Order { id } } }"),
               { { QStringLiteral("id"), id } }, u"transition"),
            "transition");
        const QJsonArray lines = ok(
            client.run(QStringLiteral("mutation($id: ID!) { addManualPaymentToOrder(input: { orderId: $id, method: "
                                      "\"in-store\", transactionId: \"floor\", metadata: {} }) { ... on Order { "
                                      "lines { id quantity } } } }"),
                { { QStringLiteral("id"), id } }, u"pay"),
            "pay")
                                     .value(u"addManualPaymentToOrder")
                                     .toObject()
                                     .value(u"lines")
                                     .toArray();
        QJsonArray fulfil;
        for (const QJsonValue &l : lines)
            fulfil.append(QJsonObject { { QStringLiteral("orderLineId"), l.toObject().value(u"id") },
                { QStringLiteral("quantity"), l.toObject().value(u"quantity") } });
        const QString f = ok(
            client.run(QStringLiteral("mutation($l: [OrderLineInput!]!) { addFulfillmentToOrder(input: { lines: $l, "
                                      "handler: { code: \"manual-fulfillment\", arguments: [{ name: \"method\", "
                                      "value: \"\" }, { name: \"trackingCode\", value: \"\" }] } }) { ... on "
                                      "Fulfillment { id } } }"),
                { { QStringLiteral("l"), fulfil } }, u"fulfil"),
            "fulfil")
                              .value(u"addFulfillmentToOrder")
                              .toObject()
                              .value(u"id")
                              .toString();
        ok(client.run(
               QStringLiteral("mutation($id: ID!) { transitionFulfillmentToState(id: $id, state: \"Delivered\") { "
                              "... on Fulfillment { id } } }"),
               { { QStringLiteral("id"), f } }, u"deliver"),
            "deliver");
    }
    *requests = client.requests();
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

// The whole catalog into a new hub (a sweep, as at serve's start), beside the floor: the same pages of variants read
// from Vendure by the same client, nothing published.
int catalogFigures(const QString &vendureDir)
{
    const auto vendure = test::VendureInstance::read(vendureDir);
    if (vendure.apiKey.isEmpty())
        die(QStringLiteral("no Vendure in %1 (packaging/vendure.sh start %1)").arg(vendureDir));
    const QString dir = benchDir() + QStringLiteral("/catalog-import");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    auto hub = need(HubStore::openSqlite(dir + QStringLiteral("/hub.db")), "the hub");
    need(hub->setConnectorSettings(settingsFor(vendure), std::nullopt), "the connector");
    auto connector = need(VendureConnector::make(settingsFor(vendure), *hub), "the connector");

    QElapsedTimer timer;
    timer.start();
    const auto imported = need(connector->importCatalog(true), "the import");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    timer.restart();
    const auto again = need(connector->importCatalog(false), "the import of changes");
    const double changes = double(timer.nsecsElapsed()) / 1e9;

    GraphQlEndpoint endpoint;
    endpoint.url = vendure.adminApi;
    endpoint.apiKey = vendure.apiKey;
    GraphQlClient client(endpoint);
    timer.restart();
    qint64 read = 0;
    for (int skip = 0;; skip += 500) {
        auto page
            = client.run(QStringLiteral("query($skip: Int!) { productVariants(options: { sort: { id: ASC }, skip: "
                                        "$skip, take: 500 }) { items { id sku name enabled updatedAt priceWithTax "
                                        "currencyCode taxRateApplied { value } taxCategory { name } customFields "
                                        "{ barcode } options { name } product { id name enabled } } } }"),
                { { QStringLiteral("skip"), skip } }, u"floor");
        if (!page)
            die(page.error().message);
        const qsizetype n = page->value(u"productVariants").toObject().value(u"items").toArray().size();
        read += n;
        if (n < 500)
            break;
    }
    const double floor = double(timer.nsecsElapsed()) / 1e9;
    std::printf("catalog of %lld variants from Vendure into a new hub:\n", qint64(imported.changed));
    std::printf("  import (sweep):      %7.1f s  %8.0f variants/s\n", seconds, double(imported.changed) / seconds);
    std::printf("  floor (pages read):  %7.1f s  %8.0f variants/s  (%lld read)\n", floor, double(read) / floor, read);
    std::printf("  ratio: %.2f\n", seconds / floor);
    std::printf("  changes since (none): %.2f s, %lld read\n", changes, qint64(again.changed));
    return 0;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 2 && QByteArray(argv[1]) == "catalog")
        return catalogFigures(QString::fromLocal8Bit(argv[2]));
    const int sales = argc > 1 ? std::max(1, QString::fromLatin1(argv[1]).toInt()) : 300;
    const QString dir = benchDir() + QStringLiteral("/forward");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    const auto [vendure, output] = test::VendureInstance::start(dir + QStringLiteral("/vendure"));
    if (vendure.apiKey.isEmpty())
        die(QStringLiteral("Vendure did not start: %1").arg(output));
    struct Stop
    {
        QString dir;
        ~Stop() { test::VendureInstance::stop(dir); }
    } stop { dir + QStringLiteral("/vendure") };

    const QString hubPath = dir + QStringLiteral("/hub.db");
    auto hub = need(HubStore::openSqlite(hubPath), "the hub");
    HubServer server(*hub);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    need(hub->setConnectorSettings(settingsFor(vendure), 0), "the connector");
    const Till till = makeTill(*hub, dir + QStringLiteral("/till.db"));

    // Throughput: `sales` sales queued, then forwarded one after another.
    sell(till, sales, 0);
    push(till, port);
    auto connector = need(VendureConnector::make(settingsFor(vendure), *hub), "the connector");
    Forwarder forwarder(*hub, *connector, QStringLiteral("bench"));
    QElapsedTimer timer;
    timer.start();
    while (need(hub->forwardCounts(), "counts").pending > 0) {
        auto round = need(forwarder.runOnce(), "forwarding");
        if (round.failed > 0)
            die(need(hub->forwardCounts(), "counts").lastError);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 requests = connector->requests();
    forwarder.release();

    QList<QByteArray> payloads;
    {
        auto q
            = need(hub->query(QStringLiteral("SELECT payload FROM event WHERE type = 'sale.completed'"), {}, u"sales"),
                "sales");
        while (q.next())
            payloads.append(q.value(0).toByteArray());
    }
    qint64 floorRequests = 0;
    const double floor = floorSeconds(vendure, payloads, &floorRequests);

    // Lag: serve's forwarding thread running, one sale at a time pushed the moment it is recorded.
    ForwardingService service([&hubPath] { return HubStore::openSqlite(hubPath); });
    service.start();
    QList<qint64> lags;
    for (int i = 0; i < 30; ++i) {
        sell(till, 1, sales + i);
        push(till, port);
        QElapsedTimer wait;
        wait.start();
        while (need(hub->forwardCounts(), "counts").pending > 0 && wait.elapsed() < 60'000) {
            QEventLoop loop;
            QTimer::singleShot(5, &loop, &QEventLoop::quit);
            loop.exec();
        }
        auto q = need(hub->query(QStringLiteral("SELECT f.forwarded_at_ms - f.created_at_ms FROM forward_queue f "
                                                "ORDER BY f.id DESC LIMIT 1"),
                          {}, u"lag"),
            "lag");
        if (q.next())
            lags.append(q.value(0).toLongLong());
    }
    service.stop();
    service.wait();
    std::sort(lags.begin(), lags.end());

    std::printf("forwarding %d sales into Vendure 3.7 (loopback, one forwarder):\n", sales);
    std::printf("  hub's forwarder:  %7.1f s  %6.2f orders/s  %5.1f requests/order\n", seconds, sales / seconds,
        double(requests) / sales);
    std::printf("  floor (bare API): %7.1f s  %6.2f orders/s  %5.1f requests/order\n", floor, sales / floor,
        double(floorRequests) / sales);
    std::printf("  ratio: %.2f\n", seconds / floor);
    std::printf("  lag from sale to order (serve's thread, pushed at once, 30 sales): p50 %lld ms, p95 %lld ms, "
                "max %lld ms\n",
        lags.value(lags.size() / 2), lags.value(lags.size() * 95 / 100), lags.isEmpty() ? 0 : lags.last());
    return 0;
}
