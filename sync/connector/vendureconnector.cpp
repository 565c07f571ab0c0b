// SPDX-License-Identifier: GPL-3.0-or-later
// Store sales into Vendure exactly once (docs/CONNECTORS.md, "Vendure").
#include "sync/connector/vendureconnector.h"
#include "sync/connector/logging.h"

#include "core/codes/gtin.h"
#include "sync/common/streams.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace omnitill::sync {

namespace {
// The order as each step needs to see it.
const QString kOrderFields = QStringLiteral(
    "fragment O on Order { id code state active totalWithTax currencyCode customer { id } "
    "lines { id quantity productVariant { id } customFields { posUnitPriceWithTax } } shippingLines { id } "
    "payments { id state method transactionId } fulfillments { id state } "
    "customFields { posTransactionId posReceiptNo posStockLocationId origin } }");

const QString kFindByTransaction = QStringLiteral("query($tx: String!) { orders(options: { filter: { posTransactionId: "
                                                  "{ eq: $tx } }, take: 1 }) { items { ...O } } } ")
    + kOrderFields;
const QString kOrderById = QStringLiteral("query($id: ID!) { order(id: $id) { ...O } } ") + kOrderFields;
const QString kCreateDraft = QStringLiteral("mutation { createDraftOrder { id } }");
const QString kClaim = QStringLiteral(
    "mutation($id: ID!, $tx: String!, $receipt: String, $loc: Int, $origin: String) { setDraftOrderCustomFields("
    "orderId: $id, input: { id: $id, customFields: { posTransactionId: $tx, posReceiptNo: $receipt, "
    "posStockLocationId: $loc, origin: $origin } }) { id } }");
const QString kDeleteDraft = QStringLiteral("mutation($id: ID!) { deleteDraftOrder(orderId: $id) { result message } }");
const QString kAddItem
    = QStringLiteral(
          "mutation($id: ID!, $variant: ID!, $qty: Int!, $price: Int) { addItemToDraftOrder(orderId: $id, input: { "
          "productVariantId: $variant, quantity: $qty, customFields: { posUnitPriceWithTax: $price } }) { "
          "... on Order { ...O } ... on ErrorResult { errorCode message } } } ")
    + kOrderFields;
const QString kRemoveLine = QStringLiteral(
    "mutation($id: ID!, $line: ID!) { removeDraftOrderLine(orderId: $id, orderLineId: $line) { ... on Order { id } "
    "... on ErrorResult { errorCode message } } }");
const QString kSetCustomer = QStringLiteral(
    "mutation($id: ID!, $customer: ID!) { setCustomerForDraftOrder(orderId: $id, customerId: $customer) { "
    "... on Order { id } ... on ErrorResult { errorCode message } } }");
const QString kShippingMethods
    = QStringLiteral("query($id: ID!) { eligibleShippingMethodsForDraftOrder(orderId: $id) { id code price } }");
const QString kSetShipping = QStringLiteral(
    "mutation($id: ID!, $method: ID!) { setDraftOrderShippingMethod(orderId: $id, shippingMethodId: $method) { "
    "... on Order { id } ... on ErrorResult { errorCode message } } }");
const QString kTransition
    = QStringLiteral("mutation($id: ID!, $state: String!) { transitionOrderToState(id: $id, state: $state) { ... on "
                     "Order { ...O } "
                     "... on OrderStateTransitionError { errorCode message transitionError } } } ")
    + kOrderFields;
const QString kPay
    = QStringLiteral(
          "mutation($id: ID!, $tx: String!, $meta: JSON) { addManualPaymentToOrder(input: { orderId: $id, method: "
          "\"in-store\", transactionId: $tx, metadata: $meta }) { ... on Order { ...O } "
          "... on ErrorResult { errorCode message } } } ")
    + kOrderFields;
const QString kFulfil = QStringLiteral(
    "mutation($lines: [OrderLineInput!]!) { addFulfillmentToOrder(input: { lines: $lines, handler: { code: "
    "\"manual-fulfillment\", arguments: [{ name: \"method\", value: \"In-store handover\" }, { name: \"trackingCode\", "
    "value: \"\" }] } }) { ... on Fulfillment { id state } ... on ErrorResult { errorCode message } } }");
const QString kDeliver = QStringLiteral("mutation($id: ID!) { transitionFulfillmentToState(id: $id, state: "
                                        "\"Delivered\") { ... on Fulfillment { id state } "
                                        "... on ErrorResult { errorCode message } } }");
const QString kVariantsBySku = QStringLiteral(
    "query($skus: [String!]!, $take: Int!) { productVariants(options: { filter: { sku: { in: $skus } }, take: $take }) "
    "{ items { id sku } } }");
const QString kCustomerByEmail = QStringLiteral(
    "query($email: String!) { customers(options: { filter: { emailAddress: { eq: $email } }, take: 1 }) { items { id } "
    "} }");
const QString kCreateCustomer
    = QStringLiteral("mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ... on Customer { id } "
                     "... on ErrorResult { errorCode message } } }");

// The catalog as the tills need it.
const QString kVariantFields = QStringLiteral(
    "fragment V on ProductVariant { id sku name enabled updatedAt priceWithTax currencyCode taxRateApplied { value } "
    "taxCategory { name } customFields { barcode } options { name } product { id name enabled } }");
const QString kVariantsChanged
    = QStringLiteral("query($since: DateTime!, $skip: Int!, $take: Int!) { productVariants(options: { filter: { "
                     "updatedAt: { after: "
                     "$since } }, sort: { updatedAt: ASC, id: ASC }, skip: $skip, take: $take }) { items { ...V } } } ")
    + kVariantFields;
const QString kVariantsAll = QStringLiteral("query($skip: Int!, $take: Int!) { productVariants(options: { sort: { id: "
                                            "ASC }, skip: $skip, take: $take }) { items { ...V } } } ")
    + kVariantFields;
// A product renamed or switched off does not change its variants' updatedAt: its variants are read again.
const QString kProductsChanged = QStringLiteral("query($since: DateTime!, $skip: Int!, $take: Int!) { "
                                                "products(options: { filter: { updatedAt: { after: $since } }, "
                                                "sort: { updatedAt: ASC, id: ASC }, skip: $skip, take: $take }) { "
                                                "items { id updatedAt variants { ...V } } } } ")
    + kVariantFields;
constexpr int kCatalogPage = 500;
constexpr qint64 kOverlapMs = 2000; // updatedAt is not always to the millisecond: read two seconds back

const QString kDefaultShipping = QStringLiteral("in-store-handover");
const QString kDefaultOpenItemPrefix = QStringLiteral("OMNITILL-OPEN-");
constexpr int kMaxSteps = 10; // each step moves the order on; a state that does not is an error long before

// A tax rate in thousandths of a percent as the open item's SKU suffix: 19000 → "19", 5500 → "5.5".
QString rateSuffix(qint64 milliPct)
{
    QString s = QString::number(milliPct / 1000);
    if (const qint64 frac = milliPct % 1000; frac != 0) {
        QString digits = QString::number(frac).rightJustified(3, QLatin1Char('0'));
        while (digits.endsWith(QLatin1Char('0')))
            digits.chop(1);
        s += QLatin1Char('.') + digits;
    }
    return s;
}

// How many of an item Vendure books for a line: its pieces, or one for a line sold by weight or length.
qint64 unitsOf(qint64 qtyMilli, bool *byMeasure = nullptr)
{
    const bool measured = qtyMilli % 1000 != 0 || qtyMilli < 1000;
    if (byMeasure)
        *byMeasure = measured;
    return measured ? 1 : qtyMilli / 1000;
}

// What the order's lines must be: (variant, unit price with tax) → quantity. Vendure counts whole units; a line sold
// by weight or length is one unit at the line's total. A line's total that the quantity does not divide is split in
// two lines a cent apart, so the order's total is the sale's to the cent.
using Lines = QMap<std::pair<QString, qint64>, qint64>;

Lines linesOf(const QJsonArray &orderLines)
{
    Lines lines;
    for (const QJsonValue &v : orderLines) {
        const QJsonObject line = v.toObject();
        const QJsonValue price = line.value(u"customFields").toObject().value(u"posUnitPriceWithTax");
        lines[{ line.value(u"productVariant").toObject().value(u"id").toString(),
            price.isNull() ? -1 : qint64(price.toDouble()) }]
            += line.value(u"quantity").toInt();
    }
    return lines;
}

bool hasSettledPayment(const QJsonObject &order)
{
    for (const QJsonValue &p : order.value(u"payments").toArray()) {
        const QString state = p.toObject().value(u"state").toString();
        if (state == QLatin1String("Settled") || state == QLatin1String("Authorized"))
            return true;
    }
    return false;
}
} // namespace

VendureConnector::VendureConnector(GraphQlEndpoint endpoint, QHash<QString, QString> settings, HubStore &store)
    : m_client(std::move(endpoint))
    , m_settings(std::move(settings))
    , m_store(store)
{ }

Result<std::unique_ptr<VendureConnector>> VendureConnector::make(
    const QHash<QString, QString> &settings, HubStore &store)
{
    const QUrl url(settings.value(QStringLiteral("url")));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the Vendure connector needs the Admin API's address (url), such as "
                           "http://127.0.0.1:3000/admin-api"));
    if (settings.value(QStringLiteral("api_key")).isEmpty())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the Vendure connector needs an API key (api_key) of a role made for the hub"));
    GraphQlEndpoint endpoint;
    endpoint.url = url;
    endpoint.apiKey = settings.value(QStringLiteral("api_key")).toUtf8();
    endpoint.channelToken = settings.value(QStringLiteral("channel")).toUtf8();
    bool ok = false;
    const int timeout = settings.value(QStringLiteral("timeout_s")).toInt(&ok);
    if (ok && timeout > 0)
        endpoint.timeoutMs = timeout * 1000;
    return std::unique_ptr<VendureConnector>(new VendureConnector(std::move(endpoint), settings, store));
}

Result<QJsonObject> VendureConnector::run(const QString &document, const QJsonObject &variables, QStringView what)
{
    return m_client.run(document, variables, what);
}

Result<QJsonObject> VendureConnector::mutate(const QString &document, const QJsonObject &variables, QStringView what)
{
    auto data = run(document, variables, what);
    if (!data)
        return data.error();
    const QJsonObject result = data->begin()->toObject();
    if (result.contains(u"errorCode")) {
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1: Vendure says %2: %3")
                .arg(what, result.value(u"errorCode").toString(), result.value(u"message").toString()));
    }
    return result;
}

Result<QStringList> VendureConnector::check()
{
    QStringList lines;
    auto variants = run(kVariantsBySku, { { QStringLiteral("skus"), QJsonArray {} }, { QStringLiteral("take"), 1 } },
        u"reading the catalog");
    if (!variants)
        return variants.error();
    lines << QStringLiteral("Vendure answers at %1; the key may read the catalog")
                 .arg(m_client.endpoint().url.toDisplayString());
    auto orders = run(QStringLiteral("{ orders(options: { take: 1 }) { totalItems } }"), {}, u"reading orders");
    if (!orders)
        return orders.error();
    lines << QStringLiteral("the key may read orders (%1 in Vendure)")
                 .arg(orders->value(u"orders").toObject().value(u"totalItems").toInt());
    auto locations = run(QStringLiteral("{ stockLocations(options: { take: 100 }) { items { id name } } }"), {},
        u"reading the stock locations");
    if (!locations)
        return locations.error();
    QStringList names;
    for (const QJsonValue &l : locations->value(u"stockLocations").toObject().value(u"items").toArray())
        names << QStringLiteral("%1 (%2)").arg(
            l.toObject().value(u"id").toString(), l.toObject().value(u"name").toString());
    lines << QStringLiteral("stock locations: %1").arg(names.join(QStringLiteral(", ")));
    for (auto it = m_settings.cbegin(); it != m_settings.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("location.")))
            continue;
        bool known = false;
        for (const QJsonValue &l : locations->value(u"stockLocations").toObject().value(u"items").toArray())
            known = known || l.toObject().value(u"id").toString() == it.value();
        if (!known)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("store %1's stock location %2 is not in Vendure").arg(it.key().mid(9), it.value()));
        lines << QStringLiteral("store %1 sells from stock location %2").arg(it.key().mid(9), it.value());
    }
    return lines;
}

Result<std::optional<QJsonObject>> VendureConnector::orderByTransaction(const QString &transactionId)
{
    auto data = run(kFindByTransaction, { { QStringLiteral("tx"), transactionId } }, u"finding the sale's order");
    if (!data)
        return data.error();
    const QJsonArray items = data->value(u"orders").toObject().value(u"items").toArray();
    if (items.isEmpty())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(items.first().toObject());
}

Result<std::optional<QJsonObject>> VendureConnector::orderById(const QString &id)
{
    auto data = run(kOrderById, { { QStringLiteral("id"), id } }, u"reading the order");
    if (!data)
        return data.error();
    const QJsonValue order = data->value(u"order");
    if (!order.isObject())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(order.toObject());
}

QString VendureConnector::openItemOf(const QJsonObject &line) const
{
    return m_settings.value(QStringLiteral("open_item_prefix"), kDefaultOpenItemPrefix)
        + rateSuffix(qint64(line.value(u"tax_rate_milli_pct").toDouble()));
}

QString VendureConnector::variantOf(const QJsonObject &line) const
{
    const QString own = m_variants.value(line.value(u"sku").toString());
    return own.isEmpty() ? m_variants.value(openItemOf(line)) : own;
}

Status VendureConnector::resolveVariants(const QJsonArray &lines)
{
    QStringList missing;
    for (const QJsonValue &v : lines) {
        for (const QString &sku : { v.toObject().value(u"sku").toString(), openItemOf(v.toObject()) }) {
            if (!m_variants.contains(sku) && !missing.contains(sku))
                missing << sku;
        }
    }
    if (missing.isEmpty())
        return Ok {};
    auto data = run(kVariantsBySku,
        { { QStringLiteral("skus"), QJsonArray::fromStringList(missing) },
            { QStringLiteral("take"), int(missing.size()) } },
        u"finding the sale's items");
    if (!data)
        return data.error();
    for (const QJsonValue &v : data->value(u"productVariants").toObject().value(u"items").toArray())
        m_variants.insert(v.toObject().value(u"sku").toString(), v.toObject().value(u"id").toString());
    return Ok {};
}

Result<QString> VendureConnector::walkInCustomer(const QString &store)
{
    if (const auto it = m_walkIns.constFind(store); it != m_walkIns.cend())
        return *it;
    // One customer per store for sales without a customer (Vendure's orders need one); never a real address.
    const QString email = QStringLiteral("walk-in-%1@pos.omnitill.invalid").arg(store.toLower());
    auto found = run(kCustomerByEmail, { { QStringLiteral("email"), email } }, u"finding the store's walk-in customer");
    if (!found)
        return found.error();
    const QJsonArray items = found->value(u"customers").toObject().value(u"items").toArray();
    QString id;
    if (!items.isEmpty()) {
        id = items.first().toObject().value(u"id").toString();
    } else {
        auto made = mutate(kCreateCustomer,
            { { QStringLiteral("input"),
                QJsonObject { { QStringLiteral("firstName"), QStringLiteral("Walk-in") },
                    { QStringLiteral("lastName"), QStringLiteral("Store %1").arg(store) },
                    { QStringLiteral("emailAddress"), email } } } },
            u"making the store's walk-in customer");
        if (!made && made.error().code == ErrorCode::InvalidInput
            && made.error().message.contains(QLatin1String("EMAIL_ADDRESS_CONFLICT")))
            return walkInCustomer(store); // made meanwhile by another attempt whose answer was lost
        if (!made)
            return made.error();
        id = made->value(u"id").toString();
    }
    m_walkIns.insert(store, id);
    return id;
}

Result<QString> VendureConnector::shippingMethodFor(const QString &orderId)
{
    if (!m_shippingMethod.isEmpty())
        return m_shippingMethod;
    const QString code = m_settings.value(QStringLiteral("shipping_method"), kDefaultShipping);
    auto data = run(kShippingMethods, { { QStringLiteral("id"), orderId } }, u"finding the in-store shipping method");
    if (!data)
        return data.error();
    for (const QJsonValue &m : data->value(u"eligibleShippingMethodsForDraftOrder").toArray()) {
        if (m.toObject().value(u"code").toString() == code) {
            m_shippingMethod = m.toObject().value(u"id").toString();
            return m_shippingMethod;
        }
    }
    return makeError(ErrorCode::InvalidInput,
        QStringLiteral("Vendure offers no shipping method \"%1\" for store sales (set the connector's shipping_method)")
            .arg(code));
}

Result<CommerceConnector::Booked> VendureConnector::forward(
    const HubStore::ForwardItem &item, const std::function<Status(const QString &)> &noteRef)
{
    if (item.type == QLatin1String("sale.completed"))
        return forwardSale(item, noteRef);
    if (item.type == QLatin1String("return.completed"))
        return forwardReturn(item);
    return makeError(ErrorCode::InvalidInput, QStringLiteral("the Vendure connector does not book %1").arg(item.type));
}

Result<CommerceConnector::Booked> VendureConnector::forwardSale(
    const HubStore::ForwardItem &item, const std::function<Status(const QString &)> &noteRef)
{
    const QJsonObject sale = QJsonDocument::fromJson(item.payload).object();
    // The sale's journal event id (a UUIDv7, unique in the chain; the payload's id counts only within its till).
    const QString transactionId = item.eventId;
    const QString receiptNo = sale.value(u"receipt_no").toString();
    const qint64 total = qint64(sale.value(u"total_minor").toDouble());
    const QString what = QStringLiteral("sale %1").arg(receiptNo);

    // The lines as Vendure must have them.
    const QJsonArray saleLines = sale.value(u"lines").toArray();
    if (auto st = resolveVariants(saleLines); !st)
        return st.error();
    Lines wanted;
    QJsonArray byMeasure; // lines sold by weight or length, booked as one unit
    for (const QJsonValue &v : saleLines) {
        const QJsonObject line = v.toObject();
        const QString sku = line.value(u"sku").toString();
        const QString variant = variantOf(line);
        if (variant.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: Vendure sells no %2, nor %3 to book such a line on")
                    .arg(what, sku, openItemOf(line)));
        const qint64 qtyMilli = qint64(line.value(u"qty_milli").toDouble());
        const qint64 lineTotal = qint64(line.value(u"total_minor").toDouble());
        bool measured = false;
        const qint64 units = unitsOf(qtyMilli, &measured);
        if (measured) {
            byMeasure.append(QJsonObject { { QStringLiteral("line_no"), line.value(u"line_no") },
                { QStringLiteral("sku"), sku }, { QStringLiteral("qty_milli"), qtyMilli } });
        }
        const qint64 unit = lineTotal / units;
        const qint64 rest = lineTotal - unit * units; // this many units a cent dearer
        if (rest > 0)
            wanted[{ variant, unit + 1 }] += rest;
        if (units - rest > 0)
            wanted[{ variant, unit }] += units - rest;
    }

    // What the order is claimed with: the sale's id, its receipt number, the store's stock location, where it came
    // from.
    const QString location = m_settings.value(
        QStringLiteral("location.") + item.storeCode, m_settings.value(QStringLiteral("location.*")));
    QJsonObject claim { { QStringLiteral("tx"), transactionId }, { QStringLiteral("receipt"), receiptNo },
        { QStringLiteral("loc"), location.isEmpty() ? QJsonValue() : QJsonValue(location.toInt()) },
        { QStringLiteral("origin"), QString(QStringLiteral("store:") + item.storeCode) } };

    // The order: found by the sale's id, else made and claimed.
    auto order = orderByTransaction(transactionId);
    if (!order)
        return order.error();
    if (!*order) {
        // A draft an earlier attempt made but could not claim (its answer lost): gone before another is made.
        if (item.backendRef.startsWith(QLatin1String("draft:"))) {
            const QString orphan = item.backendRef.mid(6);
            auto stale = orderById(orphan);
            if (!stale)
                return stale.error();
            if (*stale && (*stale)->value(u"state").toString() == QLatin1String("Draft")
                && (*stale)->value(u"customFields").toObject().value(u"posTransactionId").isNull()) {
                if (auto gone = run(kDeleteDraft, { { QStringLiteral("id"), orphan } }, u"deleting an unclaimed draft");
                    !gone)
                    return gone.error();
            }
        }
        auto made = run(kCreateDraft, {}, u"making the draft order");
        if (!made)
            return made.error();
        const QString id = made->value(u"createDraftOrder").toObject().value(u"id").toString();
        if (auto st = noteRef(QStringLiteral("draft:") + id); !st)
            return st.error();
        claim.insert(QStringLiteral("id"), id);
        auto claimed = run(kClaim, claim, u"claiming the sale's id for the order");
        if (!claimed && claimed.error().code == ErrorCode::Conflict) {
            // Another attempt holds the id (its answer was lost, or another hub got there first): ours goes.
            if (auto gone
                = run(kDeleteDraft, { { QStringLiteral("id"), id } }, u"deleting a draft that lost its claim");
                !gone)
                return gone.error();
            order = orderByTransaction(transactionId);
            if (!order)
                return order.error();
            if (!*order)
                return makeError(ErrorCode::Unavailable,
                    QStringLiteral("%1: its id is taken in Vendure, but no order "
                                   "has it yet")
                        .arg(what));
        } else if (!claimed) {
            return claimed.error();
        } else {
            // What the order is now, without asking: a claimed draft with nothing on it yet.
            order = std::optional<QJsonObject>(QJsonObject { { QStringLiteral("id"), id },
                { QStringLiteral("state"), QStringLiteral("Draft") }, { QStringLiteral("lines"), QJsonArray() },
                { QStringLiteral("customer"), QJsonValue() }, { QStringLiteral("shippingLines"), QJsonArray() },
                { QStringLiteral("customFields"),
                    QJsonObject { { QStringLiteral("posTransactionId"), transactionId },
                        { QStringLiteral("posReceiptNo"), receiptNo },
                        { QStringLiteral("posStockLocationId"), claim.value(u"loc") },
                        { QStringLiteral("origin"), claim.value(u"origin") } } } });
        }
    }

    // One step on from the state the order is in. A mutation that answers with the whole order leaves it in `next`,
    // which spares reading it again.
    std::optional<QJsonObject> next;
    const auto advance = [&](const QJsonObject &o) -> Status {
        const QString id = o.value(u"id").toString();
        const QString state = o.value(u"state").toString();
        if (state == QLatin1String("Draft")) {
            // What the claim sets, again on an order another attempt claimed (its stock must come from the store).
            const QJsonObject fields = o.value(u"customFields").toObject();
            if (fields.value(u"posReceiptNo").toString() != receiptNo
                || fields.value(u"origin").toString() != claim.value(u"origin").toString()
                || fields.value(u"posStockLocationId") != claim.value(u"loc")) {
                QJsonObject again = claim;
                again.insert(QStringLiteral("id"), id);
                if (auto r = run(kClaim, again, u"setting the store on the order"); !r)
                    return r.error();
            }
            std::optional<QJsonObject> latest; // the order after the last change that answered with it
            bool changed = false; // changed since `o` without an answer that shows it
            if (o.value(u"customer").isNull() || o.value(u"customer").isUndefined()) {
                QString customer;
                if (const QString hubCustomer = sale.value(u"customer").toObject().value(u"id").toString();
                    !hubCustomer.isEmpty()) {
                    auto mapped = m_store.backendCustomer(hubCustomer);
                    if (!mapped)
                        return mapped.error();
                    customer = mapped->value_or(QString());
                }
                if (customer.isEmpty()) {
                    auto walkIn = walkInCustomer(item.storeCode);
                    if (!walkIn)
                        return walkIn.error();
                    customer = *walkIn;
                }
                if (auto r
                    = mutate(kSetCustomer, { { QStringLiteral("id"), id }, { QStringLiteral("customer"), customer } },
                        u"setting the customer");
                    !r)
                    return r.error();
                changed = true;
            }
            if (o.value(u"shippingLines").toArray().isEmpty()) {
                auto method = shippingMethodFor(id);
                if (!method)
                    return method.error();
                if (auto r
                    = mutate(kSetShipping, { { QStringLiteral("id"), id }, { QStringLiteral("method"), *method } },
                        u"setting the in-store shipping method");
                    !r)
                    return r.error();
                changed = true;
            }
            if (linesOf(o.value(u"lines").toArray()) != wanted) {
                // Lines a crash left half added: all go, then all are added, at the till's prices.
                for (const QJsonValue &line : o.value(u"lines").toArray()) {
                    if (auto r = mutate(kRemoveLine,
                            { { QStringLiteral("id"), id }, { QStringLiteral("line"), line.toObject().value(u"id") } },
                            u"removing a line of a half-made order");
                        !r)
                        return r.error();
                }
                for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
                    auto r = mutate(kAddItem,
                        { { QStringLiteral("id"), id }, { QStringLiteral("variant"), it.key().first },
                            { QStringLiteral("qty"), int(it.value()) },
                            { QStringLiteral("price"), QJsonValue(it.key().second) } },
                        u"adding a line");
                    if (!r)
                        return r.error();
                    latest = *r; // with the customer and shipping set before: the order as it is now
                }
            }
            std::optional<QJsonObject> current = latest;
            if (!current && !changed)
                current = o;
            if (!current) {
                auto read = orderById(id);
                if (!read)
                    return read.error();
                current = *read;
            }
            if (!current)
                return makeError(ErrorCode::Unavailable, QStringLiteral("%1: order %2 went away").arg(what, id));
            if (linesOf(current->value(u"lines").toArray()) != wanted)
                return Ok {}; // changed meanwhile: round again
            const qint64 booked = qint64(current->value(u"totalWithTax").toDouble());
            if (booked != total) {
                const Currency currency = Currency::fromCode(sale.value(u"currency").toString()).value_or(Currency());
                return makeError(ErrorCode::InvalidInput,
                    QStringLiteral("%1: Vendure makes the order %2, the till's sale %3 (%4)")
                        .arg(what, Money(booked, currency).toDisplayString(), Money(total, currency).toDisplayString(),
                            current->value(u"code").toString()));
            }
            if (auto r = mutate(kTransition,
                    { { QStringLiteral("id"), id }, { QStringLiteral("state"), QStringLiteral("ArrangingPayment") } },
                    u"moving the order to payment");
                !r)
                return r.error();
            else
                next = *r;
        } else if (state == QLatin1String("ArrangingPayment")) {
            if (!hasSettledPayment(o)) {
                QJsonArray tenders;
                for (const QJsonValue &p : sale.value(u"payments").toArray()) {
                    const QJsonObject payment = p.toObject();
                    const QString kind = payment.value(u"kind").toString();
                    QJsonObject tender { { QStringLiteral("kind"), kind },
                        { QStringLiteral("amount_minor"), payment.value(u"amount_minor") },
                        { QStringLiteral("tendered_minor"), payment.value(u"tendered_minor") } };
                    const QString reference = payment.value(u"reference").toString();
                    // A card's approval code helps match the bank's statement; a gift card's number is a secret.
                    if (kind == QLatin1String("card") && !reference.isEmpty())
                        tender.insert(QStringLiteral("reference"), reference);
                    else if ((kind == QLatin1String("gift_card") || kind == QLatin1String("store_credit"))
                        && reference.size() >= 4)
                        tender.insert(QStringLiteral("last4"), reference.right(4));
                    tenders.append(tender);
                }
                if (tenders.isEmpty()) {
                    tenders.append(QJsonObject { { QStringLiteral("kind"), sale.value(u"payment_method") },
                        { QStringLiteral("amount_minor"), sale.value(u"due_minor") },
                        { QStringLiteral("tendered_minor"), sale.value(u"tendered_minor") } });
                }
                QJsonObject meta { { QStringLiteral("receipt_no"), receiptNo },
                    { QStringLiteral("store"), item.storeCode }, { QStringLiteral("terminal"), item.terminalId },
                    { QStringLiteral("sale_id"), transactionId }, { QStringLiteral("tenders"), tenders },
                    { QStringLiteral("taxes"), sale.value(u"taxes") },
                    { QStringLiteral("total_minor"), sale.value(u"total_minor") },
                    { QStringLiteral("rounding_minor"), sale.value(u"rounding_minor") },
                    { QStringLiteral("change_minor"), sale.value(u"change_minor") },
                    { QStringLiteral("sold_at_ms"), sale.value(u"created_at_ms") } };
                if (!byMeasure.isEmpty())
                    meta.insert(QStringLiteral("by_measure"), byMeasure);
                if (auto r = mutate(kPay,
                        { { QStringLiteral("id"), id }, { QStringLiteral("tx"), transactionId },
                            { QStringLiteral("meta"), meta } },
                        u"paying the order in store");
                    !r)
                    return r.error();
                else
                    next = *r;
            }
        } else if (state == QLatin1String("PaymentSettled") || state == QLatin1String("PaymentAuthorized")
            || state == QLatin1String("PartiallyShipped") || state == QLatin1String("Shipped")
            || state == QLatin1String("PartiallyDelivered")) {
            bool fulfilled = false;
            for (const QJsonValue &f : o.value(u"fulfillments").toArray()) {
                const QString fs = f.toObject().value(u"state").toString();
                if (fs == QLatin1String("Cancelled"))
                    continue;
                fulfilled = true;
                if (fs != QLatin1String("Delivered")) {
                    if (auto r = mutate(kDeliver, { { QStringLiteral("id"), f.toObject().value(u"id") } },
                            u"handing the goods over");
                        !r)
                        return r.error();
                }
            }
            if (!fulfilled) {
                QJsonArray lines;
                for (const QJsonValue &line : o.value(u"lines").toArray()) {
                    lines.append(QJsonObject { { QStringLiteral("orderLineId"), line.toObject().value(u"id") },
                        { QStringLiteral("quantity"), line.toObject().value(u"quantity") } });
                }
                auto fulfilment = mutate(
                    kFulfil, { { QStringLiteral("lines"), lines } }, u"taking the goods from the store's stock");
                if (!fulfilment)
                    return fulfilment.error();
                if (auto r = mutate(
                        kDeliver, { { QStringLiteral("id"), fulfilment->value(u"id") } }, u"handing the goods over");
                    !r)
                    return r.error();
            }
        } else {
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: its order %2 is in state %3, which a store sale never is")
                    .arg(what, o.value(u"code").toString(), state));
        }
        return Ok {};
    };

    // Until it is Delivered. A step refused once is tried again after the order is read anew: the request may have been
    // sent twice by the network (a proxy, a resend after a lost answer) and its first run done the work; refused again,
    // it is the backend's answer.
    QString refusedBefore;
    for (int step = 0; step < kMaxSteps; ++step) {
        const QJsonObject o = **order;
        const QString id = o.value(u"id").toString();
        const QString state = o.value(u"state").toString();
        if (auto st = noteRef(QStringLiteral("order:") + id); !st)
            return st.error();
        if (state == QLatin1String("Delivered"))
            return Booked { o.value(u"code").toString() };
        if (state == QLatin1String("Cancelled"))
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: its order %2 was cancelled in Vendure").arg(what, o.value(u"code").toString()));
        next.reset();
        if (auto st = advance(o); !st) {
            next.reset();
            if (st.error().code == ErrorCode::Unavailable || st.error().code == ErrorCode::Refused
                || st.error().message == refusedBefore)
                return st.error();
            refusedBefore = st.error().message;
        }
        if (next) {
            order = std::optional<QJsonObject>(*next);
            next.reset();
            continue;
        }
        order = orderById(id);
        if (!order)
            return order.error();
        if (!*order)
            return makeError(ErrorCode::Unavailable, QStringLiteral("%1: order %2 went away").arg(what, id));
    }
    return makeError(ErrorCode::Unavailable, QStringLiteral("%1: the order did not reach Delivered").arg(what));
}

Result<qint64> VendureConnector::publishVariants(const QJsonArray &variants, QSet<QString> *seen, QString *latest)
{
    const QString openPrefix = m_settings.value(QStringLiteral("open_item_prefix"), kDefaultOpenItemPrefix);
    auto sink = m_store.catalogPublisher();
    if (auto st = sink->begin(); !st)
        return st.error();
    qint64 published = 0;
    for (const QJsonValue &v : variants) {
        const QJsonObject variant = v.toObject();
        const QJsonObject product = variant.value(u"product").toObject();
        const QString sku = variant.value(u"sku").toString().trimmed();
        const QString updated = variant.value(u"updatedAt").toString();
        if (latest && updated > *latest)
            *latest = updated;
        if (sku.isEmpty() || sku.startsWith(openPrefix))
            continue;
        const auto currency = Currency::fromCode(variant.value(u"currencyCode").toString());
        CatalogRecord r;
        r.source = QStringLiteral("Vendure variant %1").arg(variant.value(u"id").toString());
        r.sku = sku;
        r.price = Money(variant.value(u"priceWithTax").toInteger(), currency ? *currency : *Currency::fromCode(u"EUR"));
        if (!variant.value(u"enabled").toBool() || !product.value(u"enabled").toBool()) {
            // Not sold: gone from the tills (a sweep would remove it too).
            if (auto st = m_store.publish(kCatalogStream, catalogKey(r), std::nullopt); !st)
                return st.error();
            continue;
        }
        if (!currency)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: unknown currency %2").arg(r.source, variant.value(u"currencyCode").toString()));
        r.productCode = QStringLiteral("vendure-%1").arg(product.value(u"id").toString());
        r.productName = product.value(u"name").toString();
        QStringList options;
        for (const QJsonValue &o : variant.value(u"options").toArray())
            options << o.toObject().value(u"name").toString();
        r.variantLabel = options.join(QStringLiteral(" / "));
        if (r.variantLabel.isEmpty() && variant.value(u"name").toString() != r.productName)
            r.variantLabel = variant.value(u"name").toString();
        QString taxClass = variant.value(u"taxCategory").toObject().value(u"name").toString().toUpper();
        for (QChar &c : taxClass) {
            if (!c.isLetterOrNumber())
                c = u'_';
        }
        r.taxClassCode = taxClass.isEmpty() ? QStringLiteral("STANDARD") : taxClass;
        r.taxRateMilliPct
            = qint32(std::llround(variant.value(u"taxRateApplied").toObject().value(u"value").toDouble() * 1000));
        const QString barcode = variant.value(u"customFields").toObject().value(u"barcode").toString().trimmed();
        if (!barcode.isEmpty()) {
            if (Gtin::validate(barcode))
                r.barcodes << barcode;
            else
                qCWarning(lcConnector).noquote()
                    << "Vendure's barcode" << barcode << "of" << sku << "is not a GTIN; left out";
        }
        if (auto st = sink->write(r); !st) {
            sink->rollback();
            return st.error();
        }
        if (seen)
            seen->insert(sku);
        ++published;
    }
    if (auto st = sink->commit(); !st)
        return st.error();
    return published;
}

Result<CommerceConnector::Imported> VendureConnector::importCatalog(bool sweep)
{
    Imported imported;
    auto stored = m_store.connectorValue(QStringLiteral("catalog_since"));
    if (!stored)
        return stored.error();
    const QString cursor = stored->value_or(QString());
    QString latest = cursor;
    if (sweep || cursor.isEmpty()) {
        // Every variant: published (unchanged rows are not sent again), and what the hub holds beyond them removed.
        QSet<QString> sold;
        for (int skip = 0;; skip += kCatalogPage) {
            auto page = run(kVariantsAll,
                { { QStringLiteral("skip"), skip }, { QStringLiteral("take"), kCatalogPage } }, u"reading the catalog");
            if (!page)
                return page.error();
            const QJsonArray items = page->value(u"productVariants").toObject().value(u"items").toArray();
            auto n = publishVariants(items, &sold, &latest);
            if (!n)
                return n.error();
            imported.changed += *n;
            if (items.size() < kCatalogPage)
                break;
        }
        auto keys = m_store.liveKeys(kCatalogStream);
        if (!keys)
            return keys.error();
        auto tx = m_store.transaction();
        if (!tx->begun())
            return tx->begun().error();
        for (const QString &key : std::as_const(*keys)) {
            if (sold.contains(key.section(u'|', 0, 0)))
                continue;
            if (auto st = m_store.publish(kCatalogStream, key, std::nullopt); !st)
                return st.error();
            ++imported.removed;
        }
        if (auto st = tx->commit(); !st)
            return st.error();
    } else {
        const QDateTime since = QDateTime::fromString(cursor, Qt::ISODateWithMs).addMSecs(-kOverlapMs);
        const QString after = since.toUTC().toString(Qt::ISODateWithMs);
        for (const QString &document : { kVariantsChanged, kProductsChanged }) {
            const bool products = document == kProductsChanged;
            for (int skip = 0;; skip += kCatalogPage) {
                auto page = run(document,
                    { { QStringLiteral("since"), after }, { QStringLiteral("skip"), skip },
                        { QStringLiteral("take"), kCatalogPage } },
                    u"reading what changed in the catalog");
                if (!page)
                    return page.error();
                const QJsonArray items
                    = page->value(products ? u"products" : u"productVariants").toObject().value(u"items").toArray();
                QJsonArray variants;
                for (const QJsonValue &item : items) {
                    if (!products) {
                        variants.append(item);
                        continue;
                    }
                    const QString updated = item.toObject().value(u"updatedAt").toString();
                    if (updated > latest)
                        latest = updated;
                    for (const QJsonValue &v : item.toObject().value(u"variants").toArray())
                        variants.append(v);
                }
                auto n = publishVariants(variants, nullptr, products ? nullptr : &latest);
                if (!n)
                    return n.error();
                imported.changed += *n;
                if (items.size() < kCatalogPage)
                    break;
            }
        }
    }
    if (latest != cursor) {
        if (auto st = m_store.setConnectorValue(QStringLiteral("catalog_since"), latest); !st)
            return st.error();
    }
    return imported;
}

Result<CommerceConnector::Booked> VendureConnector::forwardReturn(const HubStore::ForwardItem &item)
{
    const QJsonObject ret = QJsonDocument::fromJson(item.payload).object();
    const QString returnNo = ret.value(u"return_no").toString();
    const QString what = QStringLiteral("return %1").arg(returnNo);
    const QString receiptNo = ret.value(u"original").toObject().value(u"receipt_no").toString();
    // Without a receipt there is no order to book it against: the till's own books hold it (and the report).
    if (receiptNo.isEmpty())
        return Booked { QStringLiteral("none (no receipt)") };

    // The original: a store sale the hub received (its order has the sale's event id), else an order of the shop's.
    std::optional<QJsonObject> order;
    auto original
        = m_store.query(QStringLiteral("SELECT event_id FROM event WHERE receipt_no = ? AND type = "
                                       "'sale.completed' AND quarantine IS NULL ORDER BY received_at_ms LIMIT 1"),
            { receiptNo }, u"finding the return's original");
    if (!original)
        return original.error();
    if (original->next()) {
        auto found = orderByTransaction(original->value(0).toString());
        if (!found)
            return found.error();
        if (!*found || (*found)->value(u"state").toString() != QLatin1String("Delivered"))
            return makeError(
                ErrorCode::Unavailable, QStringLiteral("%1: its sale %2 is not in Vendure yet").arg(what, receiptNo));
        order = *found;
    } else {
        auto found = run(QStringLiteral("query($code: String!) { orders(options: { filter: { code: { eq: $code } }, "
                                        "take: 1 }) { items { ...O } } } ")
                + kOrderFields,
            { { QStringLiteral("code"), receiptNo } }, u"finding the return's online order");
        if (!found)
            return found.error();
        const QJsonArray items = found->value(u"orders").toObject().value(u"items").toArray();
        if (items.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: Vendure has no order %2 and the hub no such sale").arg(what, receiptNo));
        order = items.first().toObject();
    }

    // The goods back on the shelf, as lines of the order (a sale's line may be split over two of them).
    if (auto st = resolveVariants(ret.value(u"lines").toArray()); !st)
        return st.error();
    QHash<QString, qint64> left; // order line → quantity not yet cancelled by this return
    for (const QJsonValue &l : order->value(u"lines").toArray())
        left.insert(l.toObject().value(u"id").toString(), l.toObject().value(u"quantity").toInteger());
    QJsonArray cancel;
    for (const QJsonValue &v : ret.value(u"lines").toArray()) {
        const QJsonObject line = v.toObject();
        if (!line.value(u"restock").toBool())
            continue; // written off: the money goes back, the goods do not
        qint64 units = unitsOf(qint64(line.value(u"qty_milli").toDouble()));
        const QString variant = variantOf(line);
        for (const QJsonValue &l : order->value(u"lines").toArray()) {
            const QJsonObject orderLine = l.toObject();
            const QString id = orderLine.value(u"id").toString();
            if (units == 0 || orderLine.value(u"productVariant").toObject().value(u"id").toString() != variant)
                continue;
            const qint64 take = std::min(units, left.value(id));
            if (take <= 0)
                continue;
            cancel.append(
                QJsonObject { { QStringLiteral("orderLineId"), id }, { QStringLiteral("quantity"), int(take) } });
            left[id] -= take;
            units -= take;
        }
    }
    QString payment;
    for (const QJsonValue &p : order->value(u"payments").toArray()) {
        const QString state = p.toObject().value(u"state").toString();
        if (state == QLatin1String("Settled") && payment.isEmpty())
            payment = p.toObject().value(u"id").toString();
    }
    const qint64 amount = qint64(ret.value(u"total_minor").toDouble());
    auto booked
        = run(QStringLiteral("mutation($input: PosReturnInput!) { bookPosReturn(input: $input) { orderId booked } }"),
            { { QStringLiteral("input"),
                QJsonObject { { QStringLiteral("orderId"), order->value(u"id") },
                    { QStringLiteral("reference"), QString(QStringLiteral("omnitill-return:") + item.eventId) },
                    { QStringLiteral("lines"), cancel },
                    { QStringLiteral("paymentId"), payment.isEmpty() ? QJsonValue() : QJsonValue(payment) },
                    { QStringLiteral("amount"), amount } } } },
            u"booking the return");
    if (!booked)
        return makeError(booked.error().code, QStringLiteral("%1: %2").arg(what, booked.error().message));
    return Booked { order->value(u"code").toString() + QStringLiteral(" return ") + returnNo };
}

} // namespace omnitill::sync
