// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/connector/graphqlclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace omnitill::sync {

namespace {
constexpr qint64 kMaxAnswerBytes = 64 * 1024 * 1024;

// The first GraphQL error as an Error of the kind a caller acts on.
Error graphQlError(const QJsonArray &errors, QStringView what)
{
    const QJsonObject first = errors.first().toObject();
    const QString message = first.value(u"message").toString();
    const QString code = first.value(u"extensions").toObject().value(u"code").toString();
    const QString text = QStringLiteral("%1: %2").arg(what, message.left(500));
    if (code == QLatin1String("FORBIDDEN") || code == QLatin1String("UNAUTHORIZED"))
        return makeError(ErrorCode::Refused, text);
    if (message.contains(QLatin1String("UNIQUE constraint")) || message.contains(QLatin1String("duplicate key")))
        return makeError(ErrorCode::Conflict, text);
    if (code == QLatin1String("INTERNAL_SERVER_ERROR") && message.contains(QLatin1String("SQLITE_BUSY")))
        return makeError(ErrorCode::Unavailable, text);
    return makeError(ErrorCode::InvalidInput, text);
}
} // namespace

GraphQlClient::GraphQlClient(GraphQlEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
    , m_network(std::make_unique<QNetworkAccessManager>())
{ }

GraphQlClient::~GraphQlClient() = default;

Result<QJsonObject> GraphQlClient::run(const QString &document, const QJsonObject &variables, QStringView what)
{
    QNetworkRequest request(m_endpoint.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_endpoint.apiKey.isEmpty())
        request.setRawHeader(m_endpoint.apiKeyHeader, m_endpoint.apiKey);
    if (!m_endpoint.channelToken.isEmpty())
        request.setRawHeader(m_endpoint.channelHeader, m_endpoint.channelToken);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_endpoint.timeoutMs);
    const QByteArray body = QJsonDocument(
        QJsonObject { { QStringLiteral("query"), document },
            { QStringLiteral("variables"),
                variables } }).toJson(QJsonDocument::Compact);
    ++m_requests;
    std::unique_ptr<QNetworkReply> reply(m_network->post(request, body));
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(m_endpoint.timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!reply->isFinished()) {
        reply->abort();
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("%1: %2 did not answer within %3 s")
                .arg(what, m_endpoint.url.host())
                .arg(m_endpoint.timeoutMs / 1000));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("%1: %2 (%3)").arg(what, reply->errorString(), m_endpoint.url.toDisplayString()));
    }
    if (reply->error() != QNetworkReply::NoError && status < 400) {
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("%1: the answer was cut off (%2)").arg(what, reply->errorString()));
    }
    if (status >= 500 || status == 429 || status == 408)
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("%1: the backend answered HTTP %2").arg(what).arg(status));
    if (status == 401 || status == 403)
        return makeError(
            ErrorCode::Refused, QStringLiteral("%1: the backend refused the API key (HTTP %2)").arg(what).arg(status));
    const QByteArray answer = reply->read(kMaxAnswerBytes);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(answer, &parseError);
    if (!json.isObject()) {
        return makeError(status == 200 ? ErrorCode::Unavailable : ErrorCode::InvalidInput,
            QStringLiteral("%1: the backend's answer (HTTP %2) is not GraphQL: %3")
                .arg(what)
                .arg(status)
                .arg(parseError.errorString()));
    }
    const QJsonArray errors = json.object().value(u"errors").toArray();
    if (!errors.isEmpty())
        return graphQlError(errors, what);
    if (status != 200)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1: the backend answered HTTP %2").arg(what).arg(status));
    return json.object().value(u"data").toObject();
}

} // namespace omnitill::sync
