// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/customerclient.h"
#include "sync/terminal/logging.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace omnitill::sync {

std::optional<QByteArray> fetchCustomerProfile(
    const SyncConfig &config, const QString &terminalId, const QString &id, int timeoutMs)
{
    if (config.hub.isEmpty())
        return std::nullopt;
    QUrl url = config.hub;
    url.setPath(QStringLiteral("/sync/v1/customer"));
    url.setQuery(QUrlQuery { { QStringLiteral("id"), id } });
    QNetworkRequest req(url);
    req.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + config.token);
    req.setRawHeader(QByteArrayLiteral("X-Terminal-Id"), terminalId.toLatin1());
    req.setTransferTimeout(timeoutMs);
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 500, &loop, &QEventLoop::quit);
    loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        qCWarning(lcSync) << "the hub did not answer about a customer in" << timeoutMs << "ms";
        reply->deleteLater();
        return std::nullopt;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(4 * 1024 * 1024);
    reply->deleteLater();
    if (status == 404 && body.contains("UNKNOWN_CUSTOMER"))
        return QByteArrayLiteral("[]");
    if (status != 200 || !QJsonDocument::fromJson(body).isObject()) {
        qCWarning(lcSync) << "the hub could not be asked about a customer: HTTP" << status;
        return std::nullopt;
    }
    return body;
}

} // namespace omnitill::sync
