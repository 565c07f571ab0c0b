// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"

#include <QList>

namespace omnitill {

// The notes and coins of a currency, largest first, in minor units: what the close count asks for. A currency not
// listed here is counted as one amount (a single "denomination" of one minor unit, counted as a sum).
QList<qint64> denominations(const Currency &currency);

// How many of one denomination the drawer held at the count.
struct DenominationCount
{
    qint64 valueMinor = 0;
    qint64 count = 0;
};

} // namespace omnitill
