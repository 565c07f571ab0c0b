// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/hubquery.h"
#include "sync/terminal/logging.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace omnitill::sync {

namespace {
std::optional<HubAnswer> exchange(const SyncConfig &config, const QString &terminalId, const QString &path,
    const QUrlQuery &query, const std::optional<QByteArray> &body, int timeoutMs, qint64 maxBytes)
{
    if (config.hub.isEmpty())
        return std::nullopt;
    QUrl url = config.hub;
    url.setPath(path);
    url.setQuery(query);
    QNetworkRequest req(url);
    req.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + config.token);
    req.setRawHeader(QByteArrayLiteral("X-Terminal-Id"), terminalId.toLatin1());
    req.setTransferTimeout(timeoutMs);
    QNetworkAccessManager network;
    if (body)
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = body ? network.post(req, *body) : network.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 500, &loop, &QEventLoop::quit);
    loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        qCWarning(lcSync) << "the hub did not answer" << path << "in" << timeoutMs << "ms";
        reply->deleteLater();
        return std::nullopt;
    }
    HubAnswer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->read(maxBytes) };
    if (answer.status == 0)
        qCWarning(lcSync) << "the hub could not be asked" << path << ":" << reply->errorString();
    reply->deleteLater();
    if (answer.status == 0)
        return std::nullopt;
    return answer;
}
} // namespace

std::optional<HubAnswer> askHub(const SyncConfig &config, const QString &terminalId, const QString &path,
    const QUrlQuery &query, int timeoutMs, qint64 maxBytes)
{
    return exchange(config, terminalId, path, query, std::nullopt, timeoutMs, maxBytes);
}

std::optional<HubAnswer> postHub(const SyncConfig &config, const QString &terminalId, const QString &path,
    const QByteArray &body, int timeoutMs, qint64 maxBytes)
{
    return exchange(config, terminalId, path, {}, body, timeoutMs, maxBytes);
}

} // namespace omnitill::sync
