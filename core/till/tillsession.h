// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <optional>

namespace omnitill {

class Database;

// Whether the till's last run ended as it should. A run is open from begin() to end(); a run that never ended (the
// process was killed, crashed, or the power went) is still open when the next one begins, and the till then tells
// the cashier which sale completed last, so that a sale recorded just before the stop is not rung up twice.
namespace TillSession {

// Opens a run at `nowMs`. Returns when the previous run began if it never ended, else nullopt.
Result<std::optional<qint64>> begin(Database &db, qint64 nowMs);
// Ends the current run cleanly.
Status end(Database &db);

} // namespace TillSession
} // namespace omnitill
