// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace omnitill::sync {

namespace {
QHttpServerResponse json(const QByteArray &body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body, status);
}

QHttpServerResponse rejected(const PushRejected &r)
{
    return json(encodeRejected(r), QHttpServerResponse::StatusCode(r.httpStatus));
}

// A pull or checksum the store refused: an unknown stream (404), a pruned cursor (409), or the store itself.
QHttpServerResponse streamFailure(const Error &e)
{
    switch (e.code) {
    case ErrorCode::NotFound:
        return rejected(PushRejected { 404, QStringLiteral("UNKNOWN_STREAM"), e.message });
    case ErrorCode::Conflict:
        return rejected(PushRejected { 409, QStringLiteral("MUST_REFETCH"), e.message });
    case ErrorCode::InvalidInput:
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), e.message });
    default:
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the stream; retry") });
    }
}
} // namespace

HubServer::HubServer(HubStore &store)
    : m_store(store)
{
    m_server.route(QStringLiteral("/sync/v1/push"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request) { return push(request); });
    m_server.route(QStringLiteral("/sync/v1/pull"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest &request) { return pull(request); });
    m_server.route(QStringLiteral("/sync/v1/checksum"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest &request) { return checksum(request); });
    m_server.route(QStringLiteral("/sync/v1/terminal"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest &request) { return terminal(request); });
    m_server.route(QStringLiteral("/sync/v1/health"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(
            QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("protocol"), kProtocolVersion } });
    });
}

HubServer::~HubServer() = default;

quint16 HubServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

QHttpServerResponse HubServer::push(const QHttpServerRequest &request)
{
    const QByteArray body = request.body();
    if (body.size() > kMaxRequestBytes)
        return rejected(PushRejected { 413, QStringLiteral("TOO_LARGE"), QStringLiteral("at most 8 MiB per request") });
    auto decoded = decodePushRequest(body);
    if (!decoded)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), decoded.error().message });
    const QByteArray auth = request.value(QByteArrayLiteral("Authorization"));
    if (!auth.startsWith("Bearer ") || !m_store.authenticate(decoded->terminalId, auth.mid(7).trimmed())) {
        qCWarning(lcHub) << "rejected a push for" << decoded->terminalId << "from" << request.remoteAddress()
                         << ": bad device token";
        return rejected(PushRejected {
            401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal or wrong device token") });
    }
    const auto outcome = m_store.applyPush(*decoded);
    if (const auto *r = std::get_if<PushRejected>(&outcome))
        return rejected(*r);
    const PushAccepted &a = std::get<PushAccepted>(outcome);
    qCDebug(lcHub) << "push from" << decoded->terminalId << "accepted" << a.accepted << "duplicates" << a.duplicates
                   << "acked through" << a.ackedThrough;
    return json(encodeAccepted(a), QHttpServerResponse::StatusCode::Ok);
}

bool HubServer::authorized(const QHttpServerRequest &request, const QString &terminalId)
{
    const QByteArray auth = request.value(QByteArrayLiteral("Authorization"));
    return auth.startsWith("Bearer ") && m_store.authenticate(terminalId, auth.mid(7).trimmed());
}

QHttpServerResponse HubServer::pull(const QHttpServerRequest &request)
{
    const QString terminalId = QString::fromLatin1(request.value(QByteArrayLiteral("X-Terminal-Id")));
    if (!authorized(request, terminalId))
        return rejected(PushRejected {
            401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal or wrong device token") });
    const QUrlQuery query(request.url());
    const QString stream = query.queryItemValue(QStringLiteral("stream"));
    bool cursorOk = false, limitOk = false;
    const qint64 cursor = query.queryItemValue(QStringLiteral("cursor")).toLongLong(&cursorOk);
    const int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&limitOk);
    if (stream.isEmpty() || !cursorOk || cursor < 0 || !limitOk || limit < 1 || limit > kMaxPullLimit)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"),
            QStringLiteral("pull needs stream, cursor >= 0 and limit 1 to %1").arg(kMaxPullLimit) });
    auto page = m_store.pull(stream, cursor, limit);
    if (!page)
        return streamFailure(page.error());
    return json(encodePullPage(*page), QHttpServerResponse::StatusCode::Ok);
}

QHttpServerResponse HubServer::terminal(const QHttpServerRequest &request)
{
    const QString terminalId = QString::fromLatin1(request.value(QByteArrayLiteral("X-Terminal-Id")));
    if (!authorized(request, terminalId))
        return rejected(PushRejected {
            401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal or wrong device token") });
    auto codes = m_store.terminalCodes(terminalId);
    if (!codes)
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the terminal; retry") });
    return json(QJsonDocument(QJsonObject { { QStringLiteral("terminal_id"), terminalId },
                                  { QStringLiteral("store_code"), codes->storeCode },
                                  { QStringLiteral("terminal_code"), codes->terminalCode } })
                    .toJson(QJsonDocument::Compact),
        QHttpServerResponse::StatusCode::Ok);
}

QHttpServerResponse HubServer::checksum(const QHttpServerRequest &request)
{
    const QString terminalId = QString::fromLatin1(request.value(QByteArrayLiteral("X-Terminal-Id")));
    if (!authorized(request, terminalId))
        return rejected(PushRejected {
            401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal or wrong device token") });
    const QString stream = QUrlQuery(request.url()).queryItemValue(QStringLiteral("stream"));
    auto d = m_store.digest(stream);
    if (!d)
        return streamFailure(d.error());
    return json(encodeDigest(stream, *d), QHttpServerResponse::StatusCode::Ok);
}

} // namespace omnitill::sync
