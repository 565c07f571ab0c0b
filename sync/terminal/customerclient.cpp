// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/customerclient.h"
#include "sync/terminal/hubquery.h"
#include "sync/terminal/logging.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace omnitill::sync {

std::optional<QByteArray> fetchCustomerProfile(
    const SyncConfig &config, const QString &terminalId, const QString &id, int timeoutMs)
{
    const auto answer = askHub(config, terminalId, QStringLiteral("/sync/v1/customer"),
        QUrlQuery { { QStringLiteral("id"), id } }, timeoutMs, 4 * 1024 * 1024);
    if (!answer)
        return std::nullopt;
    if (answer->status == 404 && answer->body.contains("UNKNOWN_CUSTOMER"))
        return QByteArrayLiteral("[]");
    if (answer->status != 200 || !QJsonDocument::fromJson(answer->body).isObject()) {
        qCWarning(lcSync) << "the hub could not be asked about a customer: HTTP" << answer->status;
        return std::nullopt;
    }
    return answer->body;
}

std::optional<QByteArray> fetchOriginal(const SyncConfig &config, const QString &terminalId, const QString &receiptNo,
    const QString &tokenSha256, int timeoutMs)
{
    QUrlQuery query;
    if (tokenSha256.isEmpty())
        query.addQueryItem(QStringLiteral("receipt"), receiptNo);
    else
        query.addQueryItem(QStringLiteral("token"), tokenSha256);
    const auto answer
        = askHub(config, terminalId, QStringLiteral("/sync/v1/original"), query, timeoutMs, 4 * 1024 * 1024);
    if (!answer)
        return std::nullopt;
    if (answer->status == 404 && answer->body.contains("UNKNOWN_ORIGINAL"))
        return QByteArrayLiteral("[]");
    if (answer->status != 200 || !QJsonDocument::fromJson(answer->body).isObject()) {
        qCWarning(lcSync) << "the hub could not be asked about a receipt: HTTP" << answer->status;
        return std::nullopt;
    }
    return answer->body;
}

std::optional<QByteArray> fetchStoreReport(
    const SyncConfig &config, const QString &terminalId, QDate date, QString *why, int timeoutMs)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("date"), date.toString(Qt::ISODate));
    const auto answer
        = askHub(config, terminalId, QStringLiteral("/sync/v1/report"), query, timeoutMs, 16 * 1024 * 1024);
    if (!answer) {
        *why = QCoreApplication::translate("Reports", "The hub cannot be reached.");
        return std::nullopt;
    }
    if (answer->status != 200 || !QJsonDocument::fromJson(answer->body).isObject()) {
        qCWarning(lcSync) << "the hub gave no store report: HTTP" << answer->status;
        *why = answer->status == 404 ? QCoreApplication::translate("Reports", "The hub is too old to give reports.")
                                     : QCoreApplication::translate("Reports", "The hub could not make the report.");
        return std::nullopt;
    }
    return answer->body;
}

} // namespace omnitill::sync
