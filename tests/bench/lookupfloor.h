// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bench/benchsupport.h"

#include "core/storage/database.h"
#include "core/storage/statement.h"

#include <sqlite3.h>

namespace omnitill::bench {

// The floor of a catalog lookup: the lookup's own SQL (the same statement the catalog runs: variant, product, tax
// class, category and the price valid now), by barcode or by SKU, prepared once with SQLite's C API, stepped and
// every column read.
class LookupFloor
{
public:
    enum class By
    {
        Barcode,
        Sku
    };
    explicit LookupFloor(Database &db, By by = By::Barcode)
        : m_db(sqliteHandle(db.connection()))
    {
        const char *select
            = "SELECT v.id, v.product_id, v.sku, p.name, v.label, p.brand, p.unit, t.code, t.name, t.rate_milli_pct, "
              "       coalesce(c.name, ''), v.active, "
              "       (SELECT pr.amount_minor FROM price pr WHERE pr.variant_id = v.id AND pr.currency = ? "
              "          AND pr.valid_from_ms <= ? AND (pr.valid_to_ms IS NULL OR pr.valid_to_ms > ?) "
              "        ORDER BY pr.valid_from_ms DESC LIMIT 1) "
              "FROM variant v JOIN product p ON p.id = v.product_id JOIN tax_class t ON t.id = p.tax_class_id "
              "LEFT JOIN category c ON c.id = p.category_id ";
        const std::string sql = std::string(select)
            + (by == By::Barcode ? "JOIN barcode b ON b.variant_id = v.id WHERE b.code = ?" : "WHERE v.sku = ?");
        sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    }
    ~LookupFloor() { sqlite3_finalize(m_stmt); }
    LookupFloor(const LookupFloor &) = delete;
    LookupFloor &operator=(const LookupFloor &) = delete;
    bool ok() const { return m_stmt != nullptr; }

    // Returns the variant id, 0 when there is no row.
    qint64 lookup(const QByteArray &key)
    {
        sqlite3_bind_text(m_stmt, 1, "EUR", 3, SQLITE_STATIC);
        sqlite3_bind_int64(m_stmt, 2, kBenchNow);
        sqlite3_bind_int64(m_stmt, 3, kBenchNow);
        sqlite3_bind_text(m_stmt, 4, key.constData(), int(key.size()), SQLITE_STATIC);
        qint64 id = 0;
        if (sqlite3_step(m_stmt) == SQLITE_ROW) {
            id = sqlite3_column_int64(m_stmt, 0);
            for (int i = 1; i < sqlite3_column_count(m_stmt); ++i)
                benchmark::DoNotOptimize(sqlite3_column_text(m_stmt, i));
        }
        sqlite3_reset(m_stmt);
        return id;
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace omnitill::bench
