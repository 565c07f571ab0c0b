// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/terminal/syncworker.h"

#include <QUrlQuery>

#include <optional>

namespace omnitill::sync {

// One GET to the hub with this terminal's credentials, as the till asks about one thing now (a card, a customer): the
// HTTP status and up to `maxBytes` of the body, or nullopt when the hub did not answer in `timeoutMs` (offline,
// refused, a connection cut). The event loop keeps turning while it waits.
struct HubAnswer
{
    int status = 0;
    QByteArray body;
};
std::optional<HubAnswer> askHub(const SyncConfig &config, const QString &terminalId, const QString &path,
    const QUrlQuery &query, int timeoutMs, qint64 maxBytes);
// The same as a POST of a JSON body, for what changes something on the hub (a hand-off code taken, a cart held).
std::optional<HubAnswer> postHub(const SyncConfig &config, const QString &terminalId, const QString &path,
    const QByteArray &body, int timeoutMs, qint64 maxBytes);

} // namespace omnitill::sync
