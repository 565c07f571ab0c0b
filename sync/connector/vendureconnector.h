// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/connector/connector.h"
#include "sync/connector/graphqlclient.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace omnitill::sync {

// Vendure 3 through its Admin API (docs/CONNECTORS.md, packaging/vendure). A store sale becomes an order keyed by the
// sale's id in the unique custom field Order.posTransactionId: a draft order is made, the id claimed as its first
// write (the database refuses a second claim), the till's lines added at the till's prices (OrderLine.
// posUnitPriceWithTax), the customer (or the store's walk-in customer) and the in-store shipping method set, the
// order paid by the "in-store" method with the tenders in the payment's metadata, and handed over from the store's
// stock location (a fulfillment, then Delivered). Every attempt starts by finding the order by the sale's id and goes
// on from the state it is in, so a half-made order is finished, never made twice.
class VendureConnector final : public CommerceConnector
{
public:
    // Settings: url (the Admin API), api_key, channel (a channel token, optional), location.STORE or location.*
    // (stock location ids), shipping_method (a code, default "in-store-handover"), open_item_prefix (default
    // "OMNITILL-OPEN-": the variant a line Vendure does not sell is booked on, by tax rate, e.g. OMNITILL-OPEN-19),
    // timeout_s.
    static Result<std::unique_ptr<VendureConnector>> make(const QHash<QString, QString> &settings, HubStore &store);

    QString backend() const override { return QStringLiteral("vendure"); }
    Result<QStringList> check() override;
    Result<Booked> forward(
        const HubStore::ForwardItem &item, const std::function<Status(const QString &)> &noteRef) override;
    Result<Imported> importCatalog(bool sweep) override;
    qint64 requests() const override { return m_client.requests(); }

private:
    VendureConnector(GraphQlEndpoint endpoint, QHash<QString, QString> settings, HubStore &store);
    Result<Booked> forwardSale(
        const HubStore::ForwardItem &item, const std::function<Status(const QString &)> &noteRef);
    Result<Booked> forwardReturn(const HubStore::ForwardItem &item);
    Result<QJsonObject> run(const QString &document, const QJsonObject &variables, QStringView what);
    // A mutation whose result is a union with ErrorResult: the member, or the ErrorResult as an error.
    Result<QJsonObject> mutate(const QString &document, const QJsonObject &variables, QStringView what);
    Result<std::optional<QJsonObject>> orderByTransaction(const QString &transactionId);
    Result<std::optional<QJsonObject>> orderById(const QString &id);
    // Looks up the variants the lines of a sale or return may be booked on (their SKUs and the open items of their tax
    // rates), kept for the connector's life; SKUs Vendure does not sell are left out.
    Status resolveVariants(const QJsonArray &lines);
    // The variant a line is booked on: its SKU's, else the open item of its tax rate; empty when Vendure has neither.
    QString variantOf(const QJsonObject &line) const;
    // The SKU of the open item for the line's tax rate, such as OMNITILL-OPEN-19.
    QString openItemOf(const QJsonObject &line) const;
    Result<QString> walkInCustomer(const QString &store);
    Result<QString> shippingMethodFor(const QString &orderId);
    // Publishes a page of Vendure's variants on the hub's catalog stream in one transaction; their SKUs go to `seen`,
    // the latest updatedAt to `latest`.
    Result<qint64> publishVariants(const QJsonArray &variants, QSet<QString> *seen, QString *latest);

    GraphQlClient m_client;
    QHash<QString, QString> m_settings;
    HubStore &m_store;
    QHash<QString, QString> m_variants; // SKU → variant id
    QHash<QString, QString> m_walkIns; // store → customer id
    QString m_shippingMethod; // the id of the in-store shipping method, once found
};

} // namespace omnitill::sync
