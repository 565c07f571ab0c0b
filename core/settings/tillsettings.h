// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QJsonValue>
#include <QStringList>
#include <QTranslator>

#include <memory>
#include <optional>

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
// The language a terminal speaks: the one set (loadTerminalLanguage), else the system's first that tillLanguages()
// has, else empty (English).
QString chooseLanguage(const QString &configured);
// Loads the translation for `language` ("" for English) from the program's resources (:/i18n) and installs it on
// the application; `program` ("till", "kiosk") names whose translation is missing. The caller removes it at the end.
Result<std::unique_ptr<QTranslator>> installTranslation(const QString &language, QStringView program);
Status saveTerminalLanguage(Database &db, const QString &language);
// Whether this terminal plays the good and bad scan sounds (setting "sounds"; on unless turned off).
Result<bool> loadScanSounds(Database &db);
Status saveScanSounds(Database &db, bool on);

// A setting the hub publishes in its config stream ({"value": ...}): the row "KEY@STORE" for this terminal's store
// when there is one, else the chain's "KEY"; nothing when the hub has sent neither.
Result<std::optional<QJsonValue>> hubSetting(Database &db, const QString &key);
// The favourites grid on the Sell page: the SKUs in the hub's "till.favourites" (a JSON array of SKUs), at most 24.
Result<QStringList> loadFavourites(Database &db);
// The category grid: the category codes in the hub's "till.categories", or empty when the hub sets none (then the
// till shows the catalog's top-level categories).
Result<QStringList> loadCategoryGrid(Database &db);

} // namespace omnitill
