// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/scan/wedgedetector.h"

namespace omnitill {

class Database;

// The terminal's keyboard-wedge scanner setup, kept in its database (each terminal has its own scanner): the gap
// between keys that still counts as one burst, the shortest scan, and the prefix, suffix and GS stand-in the
// scanner was programmed with. Unset values keep WedgeDetector::Config's defaults.
Result<WedgeDetector::Config> loadWedgeConfig(Database &db);
// Validates and stores all values in one transaction.
Status saveWedgeConfig(Database &db, const WedgeDetector::Config &config);
// Why a configuration cannot work, or Ok.
Status checkWedgeConfig(const WedgeDetector::Config &config);

} // namespace omnitill
