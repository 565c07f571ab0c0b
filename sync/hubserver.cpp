// SPDX-License-Identifier: GPL-3.0-or-later
#include "hubserver.h"
#include "hubstore.h"
#include "logging.h"

#include <QJsonObject>

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
} // namespace

HubServer::HubServer(HubStore &store)
    : m_store(store)
{
    m_server.route(QStringLiteral("/sync/v1/push"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request) { return push(request); });
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

} // namespace omnitill::sync
