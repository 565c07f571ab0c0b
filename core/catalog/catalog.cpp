// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/catalog.h"
#include "core/codes/gtin.h"
#include "core/storage/database.h"
#include "core/storage/searchindex.h"

namespace omnitill {

namespace {
struct UnitName
{
    Unit unit;
    QLatin1StringView name;
};
constexpr UnitName kUnits[] = {
    { Unit::Each, QLatin1StringView("each") },
    { Unit::Kilogram, QLatin1StringView("kg") },
    { Unit::Gram, QLatin1StringView("g") },
    { Unit::Litre, QLatin1StringView("l") },
    { Unit::Metre, QLatin1StringView("m") },
};

// Shared SELECT list for barcode and SKU lookups; the price sub-select picks the most recently started window that is
// valid at the given time. Parameters: currency, at, at, key.
#define OMNITILL_LOOKUP_SELECT                                                                                         \
    "SELECT v.id, v.product_id, v.sku, p.name, v.label, p.brand, p.unit, t.code, t.name, t.rate_milli_pct, "           \
    "       coalesce(c.name, ''), v.active, "                                                                          \
    "       (SELECT pr.amount_minor FROM price pr WHERE pr.variant_id = v.id AND pr.currency = ? "                     \
    "          AND pr.valid_from_ms <= ? AND (pr.valid_to_ms IS NULL OR pr.valid_to_ms > ?) "                          \
    "        ORDER BY pr.valid_from_ms DESC LIMIT 1) "                                                                 \
    "FROM variant v JOIN product p ON p.id = v.product_id JOIN tax_class t ON t.id = p.tax_class_id "                  \
    "LEFT JOIN category c ON c.id = p.category_id "
constexpr std::string_view kByBarcodeSql
    = OMNITILL_LOOKUP_SELECT "JOIN barcode b ON b.variant_id = v.id WHERE b.code = ?";
constexpr std::string_view kBySkuSql = OMNITILL_LOOKUP_SELECT "WHERE v.sku = ?";
#undef OMNITILL_LOOKUP_SELECT

QString displayName(const QString &name, const QString &label)
{
    return label.isEmpty() ? name : name + u' ' + label;
}

// A hit from a row of "SELECT v.id, v.sku, p.name, v.label, p.brand …" (search, a category's items, favourites).
SearchHit hitAt(const Statement &q)
{
    return SearchHit { q.int64(0), q.text(1), displayName(q.text(2), q.text(3)), q.text(4) };
}

// An error while writing a record, said with the record it was about.
Error about(const CatalogRecord &r, Error e)
{
    e.message = QStringLiteral("%1 (SKU %2): %3").arg(r.source, r.sku, e.message);
    return e;
}
} // namespace

QString unitToString(Unit unit)
{
    for (const auto &u : kUnits) {
        if (u.unit == unit)
            return u.name;
    }
    return QStringLiteral("each");
}

std::optional<Unit> unitFromString(QStringView text)
{
    for (const auto &u : kUnits) {
        if (text.compare(u.name, Qt::CaseInsensitive) == 0)
            return u.unit;
    }
    return std::nullopt;
}

Catalog::Catalog(Database &db)
    : m_db(db)
{ }

Catalog::~Catalog() = default;

QStringList Catalog::searchWords(QStringView text)
{
    QStringList words;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && words.size() < 8)
            words << current.left(64);
        current.clear();
    };
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            current += c;
        else
            flush();
    }
    flush();
    return words;
}

QString Catalog::ftsQuery(QStringView text)
{
    QStringList terms = searchWords(text);
    for (QString &t : terms)
        t = u'"' + t + QStringLiteral("\"*");
    return terms.join(u' ');
}

Result<QByteArray> Catalog::wordCounts(const QStringList &words)
{
    if (!m_tokenizer) {
        auto tokenizer = SearchIndex::Tokenizer::open(m_db.connection());
        if (!tokenizer)
            return tokenizer.error();
        m_tokenizer = std::move(tokenizer).value();
    }
    QByteArray counts;
    for (const QString &word : words) {
        qint64 rows = -1; // omnitill_rank counts it itself
        auto tokens = m_tokenizer->tokens(word.toUtf8(), SearchIndex::Tokenizer::Purpose::PrefixQuery);
        if (!tokens)
            return tokens.error();
        if (tokens->size() == 1 && QString::fromUtf8(tokens->first()).size() <= SearchIndex::kCountedPrefixChars) {
            auto q = m_db.statement("SELECT rows FROM search_prefix WHERE prefix = ?");
            if (!q)
                return q.error();
            q->bindBlob(0, tokens->first());
            auto found = q->next(u"reading the search counts");
            if (!found)
                return found.error();
            if (*found)
                rows = q->int64(0);
        }
        if (!counts.isEmpty())
            counts.append(' ');
        counts.append(QByteArray::number(rows));
    }
    return counts;
}

Result<CatalogItem> Catalog::lookup(
    std::string_view sql, QStringView key, QLatin1StringView what, Currency currency, qint64 atMs)
{
    const auto named = [&] { return QStringLiteral("%1 %2").arg(what, key); };
    auto q = m_db.statement(sql);
    if (!q)
        return q.error();
    q->bind(0, currency.code()).bind(1, atMs).bind(2, atMs).bind(3, key);
    auto found = q->next(u"looking up an item");
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 is not in the catalog").arg(named()));
    CatalogItem item;
    item.variantId = q->int64(0);
    item.productId = q->int64(1);
    item.sku = q->text(2);
    item.name = displayName(q->text(3), q->text(4));
    item.brand = q->text(5);
    item.unit = unitFromString(q->text(6)).value_or(Unit::Each);
    item.tax = TaxClass { q->text(7), q->text(8), qint32(q->int64(9)) };
    item.category = q->text(10);
    const bool active = q->int64(11) != 0;
    const bool priced = !q->isNull(12);
    const qint64 price = q->int64(12);
    if (!active)
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 (%2) is no longer sold").arg(item.name, item.sku));
    if (!priced)
        return makeError(ErrorCode::NotFound,
            QStringLiteral("%1 (%2) has no %3 price valid now").arg(item.name, item.sku, currency.code()));
    item.price = Money(price, currency);
    return item;
}

Result<CatalogItem> Catalog::lookupBarcode(QStringView code, Currency currency, qint64 atMs)
{
    auto normalized = Gtin::normalize(code);
    if (!normalized)
        return normalized.error();
    return lookup(kByBarcodeSql, *normalized, QLatin1StringView("barcode"), currency, atMs);
}

Result<CatalogItem> Catalog::lookupSku(QStringView sku, Currency currency, qint64 atMs)
{
    if (sku.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the SKU is empty"));
    return lookup(kBySkuSql, sku.trimmed(), QLatin1StringView("SKU"), currency, atMs);
}

Result<std::optional<Catalog::Promotion>> Catalog::promotion(qint64 variantId, Currency currency, qint64 atMs)
{
    // The window that wins at a time: the latest start among those open then (the lookups' rule).
    const auto valid = [&](qint64 at) -> Result<std::optional<std::pair<qint64, std::optional<qint64>>>> {
        auto q = m_db.statement("SELECT amount_minor, valid_to_ms FROM price WHERE variant_id = ? AND currency = ? "
                                "AND valid_from_ms <= ? AND (valid_to_ms IS NULL OR valid_to_ms > ?) "
                                "ORDER BY valid_from_ms DESC LIMIT 1");
        if (!q)
            return q.error();
        q->bind(0, variantId).bind(1, currency.code()).bind(2, at).bind(3, at);
        auto row = q->next(u"reading the price's window");
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<std::pair<qint64, std::optional<qint64>>>();
        return std::optional(std::pair { q->int64(0), q->isNull(1) ? std::optional<qint64>() : q->int64(1) });
    };
    auto now = valid(atMs);
    if (!now)
        return now.error();
    if (!*now || !(*now)->second)
        return std::optional<Promotion>();
    const qint64 until = *(*now)->second;
    auto after = valid(until);
    if (!after)
        return after.error();
    if (!*after || (*after)->first == (*now)->first)
        return std::optional<Promotion>();
    return std::optional<Promotion>(Promotion { Money((*after)->first, currency), until });
}

Result<QList<Catalog::RunningPromotion>> Catalog::promotions(Currency currency, qint64 atMs, int limit)
{
    // Candidates by the end of their window (index price_ends), then each checked the way a scan would price it: a
    // window that is not the one winning now, or that no dearer price follows, is no promotion.
    auto q = m_db.statement("SELECT v.sku FROM price p JOIN variant v ON v.id = p.variant_id "
                            "WHERE p.valid_to_ms IS NOT NULL AND p.valid_to_ms > ? AND p.valid_from_ms <= ? "
                            "AND p.currency = ? AND v.active = 1 ORDER BY p.valid_to_ms, v.sku LIMIT ?");
    if (!q)
        return q.error();
    q->bind(0, atMs).bind(1, atMs).bind(2, currency.code()).bind(3, qint64(limit) * 8);
    QStringList skus;
    while (true) {
        auto row = q->next(u"reading the running promotions");
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (const QString sku = q->text(0); !skus.contains(sku))
            skus.append(sku);
    }
    q->reset();
    QList<RunningPromotion> out;
    for (const QString &sku : std::as_const(skus)) {
        if (out.size() >= limit)
            break;
        auto item = lookupSku(sku, currency, atMs);
        if (!item) {
            if (item.error().code == ErrorCode::NotFound || item.error().code == ErrorCode::Refused)
                continue;
            return item.error();
        }
        auto running = promotion(item->variantId, currency, atMs);
        if (!running)
            return running.error();
        if (*running && (*running)->regular.minor() > item->price.minor())
            out.append(RunningPromotion { *item, **running });
    }
    return out;
}

Result<CatalogItem> Catalog::lookupCode(QStringView code, Currency currency, qint64 atMs)
{
    const QStringView key = code.trimmed();
    const bool digits = !key.isEmpty() && std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.isDigit(); });
    if (!digits)
        return lookupSku(key, currency, atMs);
    auto byBarcode = lookupBarcode(key, currency, atMs);
    if (byBarcode
        || (byBarcode.error().code != ErrorCode::NotFound && byBarcode.error().code != ErrorCode::InvalidInput))
        return byBarcode;
    auto bySku = lookupSku(key, currency, atMs);
    // The SKU's own explanation ("no longer sold", "no EUR price") beats "barcode not in the catalog" when the SKU
    // exists; the barcode's explanation stands when it does not.
    const bool skuMissing = !bySku && bySku.error().message.endsWith(QLatin1String(" is not in the catalog"));
    return skuMissing ? byBarcode : bySku;
}

Result<QList<SearchHit>> Catalog::search(QStringView text, int limit)
{
    const QStringList words = searchWords(text);
    if (words.isEmpty())
        return QList<SearchHit> {};
    QString match;
    for (const QString &w : words)
        match += (match.isEmpty() ? u"\"" : u" \"") + w + QStringLiteral("\"*");
    auto counts = wordCounts(words);
    if (!counts)
        return counts.error();
    // bm25() ranking among the first kSearchCandidates matches (in rowid order), by omnitill_rank: the same scores,
    // without reading each word's whole posting list to count its rows.
    auto q = m_db.statement("SELECT v.id, v.sku, p.name, v.label, p.brand "
                            "FROM (SELECT rowid, r FROM (SELECT rowid, omnitill_rank(variant_fts, ?) AS r "
                            "                            FROM variant_fts WHERE variant_fts MATCH ? LIMIT ?) "
                            "      ORDER BY r LIMIT ?) f "
                            "JOIN variant v ON v.id = f.rowid JOIN product p ON p.id = v.product_id "
                            "WHERE v.active = 1 ORDER BY f.r");
    if (!q)
        return q.error();
    q->bindBlob(0, *counts).bind(1, match).bind(2, kSearchCandidates).bind(3, qBound(1, limit, 500));
    QList<SearchHit> hits;
    for (;;) {
        auto row = q->next(u"searching the catalog");
        if (!row)
            return row.error();
        if (!*row)
            break;
        hits.append(hitAt(*q));
    }
    return hits;
}

Result<qint64> Catalog::variantCount()
{
    auto q = m_db.statement("SELECT count(*) FROM variant WHERE active = 1");
    if (!q)
        return q.error();
    auto row = q->next(u"counting products");
    if (!row)
        return row.error();
    return q->int64(0);
}

Result<QList<CategoryEntry>> Catalog::categories(const QStringList &codes, int limit)
{
    QList<CategoryEntry> out;
    auto collect = [&](Statement &q) -> Status {
        for (;;) {
            auto row = q.next(u"reading the categories");
            if (!row)
                return row.error();
            if (!*row)
                return Ok {};
            out.append(CategoryEntry { q.text(0), q.text(1) });
        }
    };
    if (codes.isEmpty()) {
        auto q = m_db.statement("SELECT code, name FROM category WHERE parent_id IS NULL ORDER BY name, code LIMIT ?");
        if (!q)
            return q.error();
        q->bind(0, qBound(1, limit, 500));
        if (auto st = collect(*q); !st)
            return st.error();
        return out;
    }
    auto q = m_db.statement("SELECT code, name FROM category WHERE code = ?");
    if (!q)
        return q.error();
    for (const QString &code : codes) {
        if (out.size() >= limit)
            break;
        q->reset();
        q->bind(0, code);
        if (auto st = collect(*q); !st)
            return st.error();
    }
    return out;
}

Result<QList<SearchHit>> Catalog::itemsInCategory(QStringView code, int limit)
{
    auto q = m_db.statement("WITH RECURSIVE sub(id) AS (SELECT id FROM category WHERE code = ? "
                            "  UNION SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) "
                            "SELECT v.id, v.sku, p.name, v.label, p.brand FROM sub "
                            "JOIN product p ON p.category_id = sub.id JOIN variant v ON v.product_id = p.id "
                            "WHERE v.active = 1 ORDER BY p.name, v.label, v.sku LIMIT ?");
    if (!q)
        return q.error();
    q->bind(0, code).bind(1, qBound(1, limit, 500));
    QList<SearchHit> hits;
    for (;;) {
        auto row = q->next(u"reading a category's items");
        if (!row)
            return row.error();
        if (!*row)
            return hits;
        hits.append(hitAt(*q));
    }
}

Result<QList<SearchHit>> Catalog::items(const QStringList &skus)
{
    auto q = m_db.statement("SELECT v.id, v.sku, p.name, v.label, p.brand FROM variant v "
                            "JOIN product p ON p.id = v.product_id WHERE v.sku = ? AND v.active = 1");
    if (!q)
        return q.error();
    QList<SearchHit> hits;
    for (const QString &sku : skus) {
        q->reset();
        q->bind(0, sku);
        auto row = q->next(u"reading an item");
        if (!row)
            return row.error();
        if (*row)
            hits.append(hitAt(*q));
    }
    return hits;
}

Result<std::optional<qint64>> Catalog::stockHereMilli(QStringView sku)
{
    // The stock stream's rows are kept as the hub sent them (sync/common/streams.cpp checks on_hand_milli is an
    // integer), keyed sku|store; this terminal's store is the code the hub gave it at registration.
    auto q = m_db.statement("SELECT json_extract(CAST(body AS TEXT), '$.on_hand_milli') FROM stream_row "
                            "WHERE stream = 'stock' AND key = ? || '|' || "
                            "(SELECT value FROM meta WHERE key = 'store_code')");
    if (!q)
        return q.error();
    q->bind(0, sku);
    auto row = q->next(u"reading the stock here");
    if (!row)
        return row.error();
    std::optional<qint64> onHand;
    if (*row && !q->isNull(0))
        onHand = q->int64(0);
    q->reset();
    return onHand;
}

// ---------------------------------------------------------------------------------------------------------------

namespace {
constexpr std::string_view kStageFtsSql = "INSERT OR REPLACE INTO temp.fts_pending (rowid, text) VALUES (?, ?)";
constexpr std::string_view kInsertBarcodeSql
    = "INSERT INTO barcode (code, variant_id) VALUES (?, ?) ON CONFLICT (code) DO NOTHING";
constexpr std::string_view kBarcodeOwnerSql
    = "SELECT b.variant_id, v.sku FROM barcode b JOIN variant v ON v.id = b.variant_id WHERE b.code = ?";
constexpr std::string_view kUpsertPriceSql
    = "INSERT INTO price (variant_id, currency, amount_minor, valid_from_ms, valid_to_ms) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (variant_id, currency, valid_from_ms) "
      "DO UPDATE SET amount_minor = excluded.amount_minor, valid_to_ms = excluded.valid_to_ms";

// Find by natural key, then UPDATE by id or INSERT: cheaper in SQLite than INSERT ... RETURNING, which
// materialises its result in a temporary b-tree on every call. The update and the insert take the same values,
// then the id (update) or the key (insert).
struct UpsertSql
{
    std::string_view find, update, insert;
};
constexpr UpsertSql kCategorySql { "SELECT id FROM category WHERE code = ?",
    "UPDATE category SET name = ? WHERE id = ?", "INSERT INTO category (name, code) VALUES (?, ?)" };
constexpr UpsertSql kProductSql { "SELECT id FROM product WHERE code = ?",
    "UPDATE product SET name = ?, brand = ?, category_id = ?, tax_class_id = ?, unit = ? WHERE id = ?",
    "INSERT INTO product (name, brand, category_id, tax_class_id, unit, code) VALUES (?, ?, ?, ?, ?, ?)" };
constexpr UpsertSql kVariantSql { "SELECT id FROM variant WHERE sku = ?",
    "UPDATE variant SET product_id = ?, label = ?, active = 1 WHERE id = ?",
    "INSERT INTO variant (product_id, label, sku) VALUES (?, ?, ?)" };

// `bindValues(statement)` binds the values and returns how many it bound.
template<typename BindValues>
Result<qint64> upsert(Database &db, const UpsertSql &sql, QStringView key, BindValues &&bindValues, QStringView context)
{
    auto find = db.statement(sql.find);
    if (!find)
        return find.error();
    find->bind(0, key);
    auto found = find->next(context);
    if (!found)
        return found.error();
    const qint64 id = *found ? find->int64(0) : 0;
    auto q = db.statement(*found ? sql.update : sql.insert);
    if (!q)
        return q.error();
    const int n = bindValues(*q);
    if (*found)
        q->bind(n, id);
    else
        q->bind(n, key);
    if (auto st = q->run(context); !st)
        return st.error();
    return *found ? id : q->lastInsertRowId();
}

Result<qint64> returningId(Statement &q, QStringView context)
{
    auto row = q.next(context);
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::Storage, QStringLiteral("no id returned while %1").arg(context));
    const qint64 id = q.int64(0);
    q.reset();
    return id;
}
} // namespace

CatalogWriter::CatalogWriter(Database &db)
    : m_db(db)
{ }

CatalogWriter::~CatalogWriter() = default;

Status CatalogWriter::prepare()
{
    if (auto st = execDirect(m_db.connection(),
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS fts_pending "
                           "(rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
        !st)
        return st;
    auto tokenizer = SearchIndex::Tokenizer::open(m_db.connection());
    if (!tokenizer)
        return tokenizer.error();
    m_tokenizer = std::move(tokenizer).value();
    // Existing tax classes are needed to check rates; categories and products are looked up lazily via upsert.
    auto q = m_db.statement("SELECT code, id, rate_milli_pct FROM tax_class");
    if (!q)
        return q.error();
    for (;;) {
        auto row = q->next(u"reading tax classes");
        if (!row)
            return row.error();
        if (!*row)
            break;
        m_taxClasses.insert(q->text(0), { q->int64(1), qint32(q->int64(2)) });
    }
    return Ok {};
}

Status CatalogWriter::defineTaxClass(const TaxClass &tax)
{
    if (tax.code.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a tax class needs a code"));
    if (tax.rateMilliPct < 0 || tax.rateMilliPct > 100000)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("tax class %1 has a rate outside 0-100%").arg(tax.code));
    if (auto it = m_taxClasses.constFind(tax.code); it != m_taxClasses.cend()) {
        if (it->second != tax.rateMilliPct)
            return makeError(ErrorCode::Conflict,
                QStringLiteral("tax class %1 already has rate %2% in this store, not %3%; change rates "
                               "through a new tax class")
                    .arg(tax.code, formatFixed(it->second, 3), formatFixed(tax.rateMilliPct, 3)));
        return Ok {};
    }
    auto q = m_db.statement("INSERT INTO tax_class (code, name, rate_milli_pct) VALUES (?, ?, ?) RETURNING id");
    if (!q)
        return q.error();
    q->bind(0, tax.code).bind(1, tax.name.isEmpty() ? tax.code : tax.name).bind(2, tax.rateMilliPct);
    auto id = returningId(*q, QStringLiteral("adding tax class %1").arg(tax.code));
    if (!id)
        return id.error();
    m_taxClasses.insert(tax.code, { *id, tax.rateMilliPct });
    return Ok {};
}

Result<qint64> CatalogWriter::taxClassId(const CatalogRecord &r)
{
    auto it = m_taxClasses.constFind(r.taxClassCode);
    if (it == m_taxClasses.cend()) {
        if (!r.taxRateMilliPct)
            return makeError(ErrorCode::NotFound,
                QStringLiteral("%1: tax class \"%2\" is unknown; give its rate (tax_rate) to create it")
                    .arg(r.source, r.taxClassCode));
        if (auto st = defineTaxClass(TaxClass { r.taxClassCode, r.taxClassCode, *r.taxRateMilliPct }); !st)
            return st.error();
        return m_taxClasses.value(r.taxClassCode).first;
    }
    if (r.taxRateMilliPct && *r.taxRateMilliPct != it->second)
        return makeError(ErrorCode::Conflict,
            QStringLiteral("%1: tax class %2 has rate %3%, not %4%")
                .arg(r.source, r.taxClassCode, formatFixed(it->second, 3), formatFixed(*r.taxRateMilliPct, 3)));
    return it->first;
}

Result<qint64> CatalogWriter::categoryId(const CatalogRecord &r)
{
    if (auto it = m_categories.constFind(r.categoryCode); it != m_categories.cend())
        return *it;
    const QString &name = r.categoryName.isEmpty() ? r.categoryCode : r.categoryName;
    auto id = upsert(
        m_db, kCategorySql, r.categoryCode,
        [&](Statement &q) {
            q.bind(0, name);
            return 1;
        },
        u"saving a category");
    if (!id)
        return about(r, id.error());
    m_categories.insert(r.categoryCode, *id);
    return id;
}

Result<CatalogWriter::ProductRef> CatalogWriter::product(
    const CatalogRecord &r, qint64 taxId, std::optional<qint64> catId)
{
    // A product's fields come from its first record in this import; further variants only refer to it.
    if (auto it = m_products.constFind(r.productCode); it != m_products.cend())
        return *it;
    auto id = upsert(
        m_db, kProductSql, r.productCode,
        [&](Statement &q) {
            q.bind(0, r.productName).bind(1, r.brand).bind(2, catId).bind(3, taxId).bind(4, unitToString(r.unit));
            return 5;
        },
        u"saving a product");
    if (!id)
        return about(r, id.error());
    const ProductRef ref { *id, r.brand.isEmpty() ? r.productName : r.productName + u' ' + r.brand };
    m_products.insert(r.productCode, ref);
    return ref;
}

Status CatalogWriter::write(const CatalogRecord &r)
{
    auto fail = [&](const QString &why) { return makeError(ErrorCode::InvalidInput, r.source + u": " + why); };
    if (r.sku.trimmed().isEmpty())
        return fail(QStringLiteral("the SKU is empty"));
    if (r.productName.trimmed().isEmpty())
        return fail(QStringLiteral("SKU %1 has no name").arg(r.sku));
    if (r.taxClassCode.isEmpty())
        return fail(QStringLiteral("SKU %1 has no tax class").arg(r.sku));
    if (r.price && r.price->isNegative())
        return fail(QStringLiteral("SKU %1 has a negative price").arg(r.sku));
    if (r.validToMs && *r.validToMs <= r.validFromMs)
        return fail(QStringLiteral("SKU %1: the price ends before it starts").arg(r.sku));

    auto tax = taxClassId(r);
    if (!tax)
        return tax.error();
    std::optional<qint64> cat;
    if (!r.categoryCode.isEmpty()) {
        auto c = categoryId(r);
        if (!c)
            return c.error();
        cat = *c;
    }
    const CatalogRecord *rec = &r;
    CatalogRecord withCode;
    if (r.productCode.isEmpty()) { // a product with a single variant: its SKU is its code
        withCode = r;
        withCode.productCode = r.sku;
        rec = &withCode;
    }
    auto prod = product(*rec, *tax, cat);
    if (!prod)
        return prod.error();

    auto variant = upsert(
        m_db, kVariantSql, r.sku,
        [&](Statement &q) {
            q.bind(0, prod->id).bind(1, r.variantLabel);
            return 2;
        },
        u"saving the SKU");
    if (!variant)
        return about(r, variant.error());

    {
        auto stage = m_db.statement(kStageFtsSql);
        if (!stage)
            return stage.error();
        QString searchText = prod->searchText;
        searchText.reserve(searchText.size() + r.variantLabel.size() + r.sku.size() + 2);
        searchText.append(u' ').append(r.variantLabel).append(u' ').append(r.sku);
        stage->bind(0, *variant).bind(1, searchText);
        if (auto st = stage->run(u"indexing the SKU"); !st)
            return about(r, st.error());
    }
    if (auto st = writeBarcodes(r, *variant); !st)
        return st;
    return writePrice(r, *variant);
}

Status CatalogWriter::writeBarcodes(const CatalogRecord &r, qint64 variantId)
{
    for (const QString &raw : r.barcodes) {
        auto code = Gtin::normalize(raw);
        if (!code)
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("%1: SKU %2: %3").arg(r.source, r.sku, code.error().message));
        auto insert = m_db.statement(kInsertBarcodeSql);
        if (!insert)
            return insert.error();
        insert->bind(0, *code).bind(1, variantId);
        if (auto st = insert->run(u"saving a barcode"); !st)
            return about(r, st.error());
        if (insert->changes() > 0)
            continue;
        // The code was there already: fine if it is this SKU's.
        auto owner = m_db.statement(kBarcodeOwnerSql);
        if (!owner)
            return owner.error();
        owner->bind(0, *code);
        auto row = owner->next(u"checking a barcode");
        if (!row)
            return about(r, row.error());
        if (!*row || owner->int64(0) == variantId)
            continue;
        if (!m_backendAuthoritative)
            return makeError(ErrorCode::Conflict,
                QStringLiteral("%1: barcode %2 of SKU %3 already belongs to SKU %4; remove it there first")
                    .arg(r.source, *code, r.sku, owner->text(1)));
        auto move = m_db.statement("UPDATE barcode SET variant_id = ? WHERE code = ?");
        if (!move)
            return move.error();
        move->bind(0, variantId).bind(1, *code);
        if (auto st = move->run(u"moving a barcode"); !st)
            return about(r, st.error());
    }
    return Ok {};
}

Status CatalogWriter::writePrice(const CatalogRecord &r, qint64 variantId)
{
    if (!r.price)
        return Ok {};
    auto q = m_db.statement(kUpsertPriceSql);
    if (!q)
        return q.error();
    q->bind(0, variantId).bind(1, r.price->currency().code()).bind(2, r.price->minor()).bind(3, r.validFromMs);
    q->bind(4, r.validToMs);
    if (auto st = q->run(u"saving the price"); !st)
        return about(r, st.error());
    return Ok {};
}

Status CatalogWriter::upsertTaxClass(const TaxClass &tax)
{
    if (tax.code.trimmed().isEmpty() || tax.rateMilliPct < 0 || tax.rateMilliPct > 100000)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("tax class %1 needs a code and a rate of 0-100%").arg(tax.code));
    auto q = m_db.statement("INSERT INTO tax_class (code, name, rate_milli_pct) VALUES (?, ?, ?) "
                            "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                            "rate_milli_pct = excluded.rate_milli_pct RETURNING id");
    if (!q)
        return q.error();
    q->bind(0, tax.code).bind(1, tax.name.isEmpty() ? tax.code : tax.name).bind(2, tax.rateMilliPct);
    auto id = returningId(*q, QStringLiteral("saving tax class %1").arg(tax.code));
    if (!id)
        return id.error();
    m_taxClasses.insert(tax.code, { *id, tax.rateMilliPct });
    return Ok {};
}

Status CatalogWriter::removePrice(const QString &sku, const QString &currency, qint64 validFromMs)
{
    auto q = m_db.statement("DELETE FROM price WHERE variant_id = (SELECT id FROM variant WHERE sku = ?) "
                            "AND currency = ? AND valid_from_ms = ?");
    if (!q)
        return q.error();
    q->bind(0, sku).bind(1, currency).bind(2, validFromMs);
    return q->run(QStringLiteral("removing a price of SKU %1").arg(sku));
}

QSqlDatabase &CatalogWriter::connection()
{
    return m_db.connection();
}

Status CatalogWriter::finish()
{
    if (!m_tokenizer)
        return makeError(ErrorCode::Storage, QStringLiteral("the catalog writer was not prepared"));
    // Rows whose search text did not change stay as they are (a pull delivers many unchanged rows again).
    if (auto st = execDirect(m_db.connection(),
            QStringLiteral("DELETE FROM temp.fts_pending WHERE text IS "
                           "(SELECT f.text FROM variant_fts f WHERE f.rowid = fts_pending.rowid)"));
        !st)
        return st;
    // The search counts follow the index: the old text of a row is uncounted, the new one counted.
    SearchIndex::PrefixCounts counts;
    {
        auto changed = m_db.statement("SELECT p.text, (SELECT f.text FROM variant_fts f WHERE f.rowid = p.rowid) "
                                      "FROM temp.fts_pending p");
        if (!changed)
            return changed.error();
        for (;;) {
            auto row = changed->next(u"reading the search index");
            if (!row)
                return row.error();
            if (!*row)
                break;
            if (!changed->isNull(1)) {
                if (auto st = counts.add(*m_tokenizer, changed->blob(1), -1); !st)
                    return st;
            }
            if (auto st = counts.add(*m_tokenizer, changed->blob(0), +1); !st)
                return st;
        }
    }
    for (const char *sql : { "DELETE FROM variant_fts WHERE rowid IN (SELECT rowid FROM temp.fts_pending)",
             "INSERT INTO variant_fts (rowid, text) SELECT rowid, text FROM temp.fts_pending",
             "DELETE FROM temp.fts_pending" }) {
        if (auto st = execDirect(m_db.connection(), QString::fromLatin1(sql)); !st)
            return st;
    }
    return counts.save(m_db.connection());
}

} // namespace omnitill
