// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace omnitill::sync {

// Where a GraphQL API is and how to be let in: an API key sent in a header (Vendure's `vendure-api-key`) and, for a
// backend with channels, the channel's token. The key is a secret: it goes in that header and nowhere else (no error,
// log line or command's output holds it).
struct GraphQlEndpoint
{
    QUrl url;
    QByteArray apiKeyHeader = QByteArrayLiteral("vendure-api-key");
    QByteArray apiKey;
    QByteArray channelHeader = QByteArrayLiteral("vendure-token");
    QByteArray channelToken;
    int timeoutMs = 15'000;
};

// One GraphQL operation at a time over HTTP, waiting for its answer (the thread's event loop turns meanwhile); for the
// forwarder's and the importer's own threads. Errors say what the caller can do:
// - Unavailable: no answer in time, refused, a connection cut, HTTP 5xx or 429: the same request may work later (it
//   may also have been done: an answer lost after the backend committed; callers make their requests repeatable);
// - Refused: HTTP 401/403 or a GraphQL FORBIDDEN: the key or its role does not allow it;
// - Conflict: a unique constraint refused the write (another request made it first);
// - InvalidInput: any other GraphQL error, or an answer that is not GraphQL: the request must change.
class GraphQlClient
{
public:
    explicit GraphQlClient(GraphQlEndpoint endpoint);
    ~GraphQlClient();
    GraphQlClient(const GraphQlClient &) = delete;
    GraphQlClient &operator=(const GraphQlClient &) = delete;

    // The operation's `data`. `what` names it in errors ("creating the draft order").
    Result<QJsonObject> run(const QString &document, const QJsonObject &variables, QStringView what);
    const GraphQlEndpoint &endpoint() const { return m_endpoint; }
    // Requests made, for the figures.
    qint64 requests() const { return m_requests; }

private:
    GraphQlEndpoint m_endpoint;
    std::unique_ptr<QNetworkAccessManager> m_network;
    qint64 m_requests = 0;
};

} // namespace omnitill::sync
