// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/storedvalueclient.h"
#include "sync/terminal/logging.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace omnitill::sync {

std::optional<std::optional<StoredValueCard>> askHubAboutCard(
    const SyncConfig &config, const QString &terminalId, const QString &card, int timeoutMs)
{
    QUrl url = config.hub;
    url.setPath(QStringLiteral("/sync/v1/stored-value"));
    url.setQuery(QUrlQuery { { QStringLiteral("card"), card } });
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
        qCWarning(lcSync) << "the hub did not answer about a card in" << timeoutMs << "ms";
        reply->deleteLater();
        return std::nullopt;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(64 * 1024);
    reply->deleteLater();
    if (status == 404 && body.contains("UNKNOWN_CARD"))
        return std::make_optional(std::optional<StoredValueCard>());
    if (status != 200) {
        qCWarning(lcSync) << "the hub could not be asked about a card: HTTP" << status << reply->errorString();
        return std::nullopt;
    }
    auto row = StoredValueCard::fromRow(card, body);
    if (!row) {
        qCWarning(lcSync) << "the hub's answer about a card is broken:" << row.error().message;
        return std::nullopt;
    }
    return std::make_optional(std::optional<StoredValueCard>(*row));
}

} // namespace omnitill::sync
