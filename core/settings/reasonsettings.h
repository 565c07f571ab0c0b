// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QStringList>

namespace omnitill {

class Database;

// The reasons a cashier picks from for a void, a discount or a price override, kept in the store's database (setting
// "counter_reasons", one reason per line). None set means the default list; each reason is 1 to 200 characters.
Result<QStringList> loadCounterReasons(Database &db);
Status saveCounterReasons(Database &db, const QStringList &reasons);
QStringList defaultCounterReasons();

} // namespace omnitill
