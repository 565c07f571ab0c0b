// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/catalog/catalog.h"

#include <QIODevice>

#include <functional>

namespace omnitill {

class Database;

struct DemoOptions
{
    qint64 skus = 5000; // sellable variants; apparel products carry several
    quint64 seed = 42;
    qint64 nowMs = 0; // promotions run from a week before to a week after this instant
};

// A deterministic, realistic grocery-and-general-merchandise catalog in EUR (tax-inclusive, 19% / 7%), with valid
// EAN-13s (some items carry two), weighed produce, sized apparel variants, accented names and running promotions.
namespace DemoCatalog {

QList<TaxClass> taxClasses();
// Calls sink for every record in order; stops early when sink returns false.
void generate(const DemoOptions &options, const std::function<bool(const CatalogRecord &)> &sink);
// Writes the whole catalog into the database in one transaction.
Status seed(Database &db, const DemoOptions &options);
// Writes the catalog as an import CSV (the format CatalogImporter reads).
Status writeCsv(QIODevice &out, const DemoOptions &options);

} // namespace DemoCatalog
} // namespace omnitill
