// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/storedvalueclient.h"
#include "sync/terminal/hubquery.h"
#include "sync/terminal/logging.h"

namespace omnitill::sync {

std::optional<std::optional<StoredValueCard>> askHubAboutCard(
    const SyncConfig &config, const QString &terminalId, const QString &card, int timeoutMs)
{
    const auto answer = askHub(config, terminalId, QStringLiteral("/sync/v1/stored-value"),
        QUrlQuery { { QStringLiteral("card"), card } }, timeoutMs, 64 * 1024);
    if (!answer)
        return std::nullopt;
    if (answer->status == 404 && answer->body.contains("UNKNOWN_CARD"))
        return std::make_optional(std::optional<StoredValueCard>());
    if (answer->status != 200) {
        qCWarning(lcSync) << "the hub could not be asked about a card: HTTP" << answer->status;
        return std::nullopt;
    }
    auto row = StoredValueCard::fromRow(card, answer->body);
    if (!row) {
        qCWarning(lcSync) << "the hub's answer about a card is broken:" << row.error().message;
        return std::nullopt;
    }
    return std::make_optional(std::optional<StoredValueCard>(*row));
}

} // namespace omnitill::sync
