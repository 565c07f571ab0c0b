// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/terminal/syncworker.h"

#include "core/storedvalue/storedvalue.h"

#include <optional>

namespace omnitill::sync {

// Asks the hub about a stored-value card (GET /sync/v1/stored-value?card=SHA256), as the till does before a card pays
// or is topped up. The answer: the hub's row, or nullopt inside when the hub does not know the card; nullopt when the
// hub could not be asked in `timeoutMs` (offline, refused, a broken answer): the till then goes by what it last knew,
// within its offline allowance. The event loop keeps turning while it waits.
std::optional<std::optional<StoredValueCard>> askHubAboutCard(
    const SyncConfig &config, const QString &terminalId, const QString &card, int timeoutMs = 3000);

} // namespace omnitill::sync
