// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/shifts/shiftstore.h"

#include <QStringList>

namespace omnitill {

// An X or Z report as lines of `columns` characters (24 to 64): the same text on the till's screen and on the
// receipt printer. A Z report adds the count by denomination, what was expected and the difference.
QStringList shiftReportLines(const ShiftReport &report, int columns);

} // namespace omnitill
