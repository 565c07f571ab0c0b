// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/common/terminalstate.h"

#include <QSqlDatabase>

namespace omnitill::sync {

// The terminal's state as the hub is told it (sync/common/terminalstate.h), read from its database: the journal's
// head, epoch and outbox; its live entries by quarter hour, for every quarter hour touched by an entry after
// `sinceSeq` (the hub's answer to the last report) within the last 40 days; every pending entry by quarter hour;
// the print queue. The sync worker adds its own state, last error and the program's version.
Result<TerminalStateReport> collectTerminalState(QSqlDatabase &db, qint64 sinceSeq, qint64 nowMs);

} // namespace omnitill::sync
