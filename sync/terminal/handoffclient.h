// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/terminal/syncworker.h"

#include "core/handoff/handoff.h"

namespace omnitill::sync {

// The till's side of the hub's hand-off routes (docs/sync-protocol.md, "Online carts and hand-off"). Each call waits
// up to `timeoutMs` with the event loop turning; a hub that does not answer (offline, too many look-ups, a broken
// answer) gives Outcome::Unavailable with the reason in `message`.

// POST /sync/v1/handoff: the cart or order behind a scanned code (its token's SHA-256).
HandoffAnswer resolveHandoff(
    const SyncConfig &config, const QString &terminalId, const QString &tokenSha256, int timeoutMs = 3000);
// POST /sync/v1/cart/claim: may this till take payment for the cart as it rang it up?
ClaimAnswer claimCart(
    const SyncConfig &config, const QString &terminalId, const QString &cartId, qint64 version, int timeoutMs = 3000);
// POST /sync/v1/cart/release: the till no longer takes payment for it. Best effort.
void releaseCart(const SyncConfig &config, const QString &terminalId, const QString &cartId, int timeoutMs = 1500);

// POST /sync/v1/basket: the till's basket as a cart on the customer's phone: the page's link, or why not. `forTill`:
// a code for a till of the store as well (a kiosk's basket).
BasketLink handBasket(const SyncConfig &config, const QString &terminalId, const OnlineCart &basket,
    bool forTill = false, int timeoutMs = 3000);

} // namespace omnitill::sync
