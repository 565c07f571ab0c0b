// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QStringList>

namespace omnitill {

class Database;

// The till's own settings, kept in the store's database: the reasons for counter actions (the store's) and this
// terminal's language and sounds.
//
// The reasons a cashier picks from for a void, a discount or a price override, kept in the store's database (setting
// "counter_reasons", one reason per line). None set means the default list; each reason is 1 to 200 characters.
Result<QStringList> loadCounterReasons(Database &db);
Status saveCounterReasons(Database &db, const QStringList &reasons);
QStringList defaultCounterReasons();

// The languages the till is translated into (resources/translations): "en" and "de".
QStringList tillLanguages();
// This terminal's language (setting "language"): one of tillLanguages(), or empty for the system's language.
Result<QString> loadTerminalLanguage(Database &db);
Status saveTerminalLanguage(Database &db, const QString &language);
// Whether this terminal plays the good and bad scan sounds (setting "sounds"; on unless turned off).
Result<bool> loadScanSounds(Database &db);
Status saveScanSounds(Database &db, bool on);

} // namespace omnitill
