// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog import throughput: a benchSkus()-SKU demo CSV imported into an empty store, one transaction, beside its
// floor (plain SQLite doing the same inserts into the same schema).
#include "bench/benchsupport.h"

#include "core/catalog/importer.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <sqlite3.h>

#include <charconv>
#include <cstring>
#include <string_view>
#include <unordered_map>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

QString demoCsv()
{
    const QString path = benchDir() + QStringLiteral("/catalog-%1.csv").arg(benchSkus());
    if (!QFile::exists(path)) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || !DemoCatalog::writeCsv(f, DemoOptions { benchSkus(), 42, kBenchNow }).ok()
            || !f.commit())
            std::abort();
    }
    return path;
}

// An empty store of the current schema (tables, indexes, triggers, the FTS5 table), made by Database::open.
std::unique_ptr<Database> emptyStore(const QString &name)
{
    const QString path = benchDir() + u'/' + name;
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    auto db = Database::open(path);
    if (!db)
        return nullptr;
    return std::move(db).value();
}

// The floor of an import: what a hand-written loader on SQLite's C API does with the same file. It reads the file
// in 1 MiB blocks, splits RFC 4180 records in place, and in one BEGIN IMMEDIATE transaction inserts the tax
// classes, categories, products, variants, barcodes and prices with statements prepared once (ids kept in hash
// maps, no upserts: the store is empty), then fills the FTS5 index with one INSERT ... SELECT from the rows just
// written. It checks nothing a loader would not need to (no GTIN check digits, no money or date validation
// beyond parsing), keeps no search counts and writes no log.
class ImportFloor
{
public:
    explicit ImportFloor(sqlite3 *db)
        : m_db(db)
    { }
    ~ImportFloor()
    {
        for (sqlite3_stmt *s : { m_tax, m_category, m_product, m_variant, m_barcode, m_price })
            sqlite3_finalize(s);
    }

    // The records imported, or -1 (with the reason on stderr).
    qint64 run(const QString &csvPath)
    {
        std::FILE *in = std::fopen(QFile::encodeName(csvPath).constData(), "rb");
        if (!in)
            return fail("cannot open the CSV");
        if (!exec("BEGIN IMMEDIATE") || !prepareAll()) {
            std::fclose(in);
            return -1;
        }
        std::string buf;
        size_t pos = 0;
        bool header = true;
        qint64 records = 0;
        std::vector<std::string_view> f;
        for (;;) {
            size_t nl = buf.find('\n', pos);
            if (nl == std::string::npos) {
                buf.erase(0, pos);
                pos = 0;
                const size_t had = buf.size();
                buf.resize(had + (1 << 20));
                const size_t got = std::fread(buf.data() + had, 1, 1 << 20, in);
                buf.resize(had + got);
                if (got == 0) {
                    if (buf.empty())
                        break;
                    buf += '\n';
                }
                continue;
            }
            std::string_view line(buf.data() + pos, nl - pos);
            pos = nl + 1;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            split(line, f);
            if (header) {
                if (!columns(f))
                    break;
                header = false;
                continue;
            }
            if (f.size() != m_columns || !record(f)) {
                records = -1;
                break;
            }
            ++records;
        }
        std::fclose(in);
        if (records < 0)
            return fail("a record did not load");
        if (!exec(
                "INSERT INTO variant_fts (rowid, text) SELECT v.id, p.name || ' ' || p.brand || ' ' || v.label || ' ' "
                "|| v.sku FROM variant v JOIN product p ON p.id = v.product_id")
            || !exec("COMMIT"))
            return -1;
        return records;
    }

private:
    qint64 fail(const char *why)
    {
        std::fprintf(stderr, "import floor: %s (%s)\n", why, sqlite3_errmsg(m_db));
        exec("ROLLBACK");
        return -1;
    }
    bool exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        std::fprintf(stderr, "import floor: %s: %s\n", sql, sqlite3_errmsg(m_db));
        return false;
    }
    bool prepare(const char *sql, sqlite3_stmt **s)
    {
        return sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, nullptr) == SQLITE_OK;
    }
    bool prepareAll()
    {
        return prepare("INSERT INTO tax_class (code, name, rate_milli_pct) VALUES (?1, ?1, ?2)", &m_tax)
            && prepare("INSERT INTO category (code, name) VALUES (?, ?)", &m_category)
            && prepare("INSERT INTO product (code, name, brand, category_id, tax_class_id, unit) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                &m_product)
            && prepare("INSERT INTO variant (sku, product_id, label) VALUES (?, ?, ?)", &m_variant)
            && prepare("INSERT INTO barcode (code, variant_id) VALUES (?, ?)", &m_barcode)
            && prepare("INSERT INTO price (variant_id, currency, amount_minor, valid_from_ms, valid_to_ms) "
                       "VALUES (?, ?, ?, ?, ?)",
                &m_price);
    }

    // Fields of one line, quotes honoured ("" inside a quoted field is left doubled: the demo file has none).
    static void split(std::string_view line, std::vector<std::string_view> &out)
    {
        out.clear();
        size_t i = 0;
        for (;;) {
            if (i < line.size() && line[i] == '"') {
                const size_t close = line.find('"', i + 1);
                out.push_back(line.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                const size_t comma = std::min(line.find(',', i), line.size());
                out.push_back(line.substr(i, comma - i));
                i = comma;
            }
            if (i >= line.size())
                return;
            ++i;
        }
    }

    bool columns(const std::vector<std::string_view> &names)
    {
        const auto at = [&](std::string_view name) {
            const auto it = std::find(names.begin(), names.end(), name);
            return it == names.end() ? -1 : int(it - names.begin());
        };
        m_columns = names.size();
        c = { at("sku"), at("name"), at("variant_label"), at("product_code"), at("brand"), at("category"),
            at("category_name"), at("unit"), at("tax_class"), at("tax_rate"), at("barcode"), at("price"),
            at("currency"), at("valid_from"), at("valid_to") };
        return c.sku >= 0 && c.name >= 0 && c.price >= 0 && c.taxClass >= 0;
    }

    static void text(sqlite3_stmt *s, int i, std::string_view v)
    {
        sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_STATIC);
    }
    bool step(sqlite3_stmt *s)
    {
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        return rc == SQLITE_DONE;
    }
    // "9.39" -> 939, "19.000" -> 19000 (the digits without the point; the demo file writes fixed decimals).
    static qint64 digits(std::string_view v)
    {
        qint64 n = 0;
        for (char ch : v) {
            if (ch >= '0' && ch <= '9')
                n = n * 10 + (ch - '0');
        }
        return n;
    }
    // "2026-11-15T10:00:00Z" -> ms since the epoch (UTC), or `fallback` when empty.
    static qint64 timestamp(std::string_view v, qint64 fallback)
    {
        if (v.size() < 19)
            return fallback;
        const auto num = [&](size_t at, size_t len) {
            int n = 0;
            std::from_chars(v.data() + at, v.data() + at + len, n);
            return n;
        };
        int y = num(0, 4);
        const unsigned m = unsigned(num(5, 2)), d = unsigned(num(8, 2));
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = unsigned(y - era * 400);
        const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        const qint64 days = qint64(era) * 146097 + qint64(doe) - 719468;
        return ((days * 24 + num(11, 2)) * 60 + num(14, 2)) * 60000 + qint64(num(17, 2)) * 1000;
    }

    qint64 idFor(std::unordered_map<std::string, qint64> &ids, std::string_view key, sqlite3_stmt *insert)
    {
        if (const auto it = ids.find(std::string(key)); it != ids.end())
            return it->second;
        if (!step(insert))
            return 0;
        const qint64 id = sqlite3_last_insert_rowid(m_db);
        ids.emplace(std::string(key), id);
        return id;
    }

    bool record(const std::vector<std::string_view> &f)
    {
        const auto get = [&](int i) { return i >= 0 ? f[size_t(i)] : std::string_view(); };
        const std::string_view tax = get(c.taxClass);
        text(m_tax, 1, tax);
        sqlite3_bind_int64(m_tax, 2, digits(get(c.taxRate)));
        const qint64 taxId = idFor(m_taxIds, tax, m_tax);
        qint64 categoryId = 0;
        if (!get(c.category).empty()) {
            text(m_category, 1, get(c.category));
            text(m_category, 2, get(c.categoryName));
            categoryId = idFor(m_categoryIds, get(c.category), m_category);
        }
        const std::string_view productCode = get(c.productCode).empty() ? get(c.sku) : get(c.productCode);
        text(m_product, 1, productCode);
        text(m_product, 2, get(c.name));
        text(m_product, 3, get(c.brand));
        if (categoryId)
            sqlite3_bind_int64(m_product, 4, categoryId);
        else
            sqlite3_bind_null(m_product, 4);
        sqlite3_bind_int64(m_product, 5, taxId);
        text(m_product, 6, get(c.unit).empty() ? std::string_view("each") : get(c.unit));
        const qint64 productId = idFor(m_productIds, productCode, m_product);
        text(m_variant, 1, get(c.sku));
        sqlite3_bind_int64(m_variant, 2, productId);
        text(m_variant, 3, get(c.variantLabel));
        const qint64 variantId = idFor(m_variantIds, get(c.sku), m_variant);
        if (!taxId || !productId || !variantId)
            return false;
        for (std::string_view codes = get(c.barcode); !codes.empty();) {
            const size_t bar = std::min(codes.find('|'), codes.size());
            text(m_barcode, 1, codes.substr(0, bar));
            sqlite3_bind_int64(m_barcode, 2, variantId);
            if (!step(m_barcode))
                return false;
            codes.remove_prefix(std::min(bar + 1, codes.size()));
        }
        sqlite3_bind_int64(m_price, 1, variantId);
        text(m_price, 2, get(c.currency));
        sqlite3_bind_int64(m_price, 3, digits(get(c.price)));
        sqlite3_bind_int64(m_price, 4, timestamp(get(c.validFrom), 0));
        if (const std::string_view to = get(c.validTo); to.empty())
            sqlite3_bind_null(m_price, 5);
        else
            sqlite3_bind_int64(m_price, 5, timestamp(to, 0));
        return step(m_price);
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_tax = nullptr, *m_category = nullptr, *m_product = nullptr, *m_variant = nullptr,
                 *m_barcode = nullptr, *m_price = nullptr;
    std::unordered_map<std::string, qint64> m_taxIds, m_categoryIds, m_productIds, m_variantIds;
    size_t m_columns = 0;
    struct Columns
    {
        int sku, name, variantLabel, productCode, brand, category, categoryName, unit, taxClass, taxRate, barcode,
            price, currency, validFrom, validTo;
    } c {};
};

// The demo CSV imported by CatalogImporter and by the floor, in turns, each into an empty store of its own.
void BM_ImportCsv(benchmark::State &state)
{
    const QString csv = demoCsv();
    qint64 records = 0;
    double oursSeconds = 0, floorSeconds = 0;
    bool floorFirst = false;
    for (auto _ : state) {
        const auto runOurs = [&] {
            auto db = emptyStore(QStringLiteral("import-target.db"));
            if (!db) {
                state.SkipWithError("cannot create the store");
                return false;
            }
            const auto t0 = std::chrono::steady_clock::now();
            CatalogImporter importer(*db);
            auto r = importer.importFile(csv);
            oursSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!r) {
                state.SkipWithError(qPrintable(r.error().message));
                return false;
            }
            records += r->records;
            return true;
        };
        const auto runFloor = [&] {
            auto db = emptyStore(QStringLiteral("import-floor.db"));
            if (!db) {
                state.SkipWithError("cannot create the floor's store");
                return false;
            }
            const auto t0 = std::chrono::steady_clock::now();
            const qint64 n = ImportFloor(sqliteHandle(db->connection())).run(csv);
            floorSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (n < 0) {
                state.SkipWithError("the floor failed");
                return false;
            }
            return true;
        };
        const double before = oursSeconds;
        const bool ok = floorFirst ? runFloor() && runOurs() : runOurs() && runFloor();
        floorFirst = !floorFirst;
        state.SetIterationTime(oursSeconds - before);
        if (!ok)
            break;
    }
    const double n = double(state.iterations());
    state.counters["rows"] = double(records) / n;
    state.counters["seconds"] = oursSeconds / n;
    state.counters["floor_seconds"] = floorSeconds / n;
    state.counters["rows_per_s"] = double(records) / oursSeconds;
    if (floorSeconds > 0)
        state.counters["ratio"] = oursSeconds / floorSeconds;
}
BENCHMARK(BM_ImportCsv)->Iterations(1)->Unit(benchmark::kSecond)->UseManualTime();

} // namespace

OMNITILL_BENCHMARK_MAIN()
