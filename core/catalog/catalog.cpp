// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/catalog.h"
#include "core/codes/gtin.h"
#include "core/storage/database.h"

#include <QVariant>

namespace omnitill {

namespace {
const QVariant kNullInt = QVariant(QMetaType(QMetaType::LongLong));

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
constexpr const char *kLookupSelect
    = "SELECT v.id, v.product_id, v.sku, p.name, v.label, p.brand, p.unit, t.code, t.name, t.rate_milli_pct, "
      "       coalesce(c.name, ''), v.active, "
      "       (SELECT pr.amount_minor FROM price pr WHERE pr.variant_id = v.id AND pr.currency = ? "
      "          AND pr.valid_from_ms <= ? AND (pr.valid_to_ms IS NULL OR pr.valid_to_ms > ?) "
      "        ORDER BY pr.valid_from_ms DESC LIMIT 1) "
      "FROM variant v JOIN product p ON p.id = v.product_id JOIN tax_class t ON t.id = p.tax_class_id "
      "LEFT JOIN category c ON c.id = p.category_id ";

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL with '' for "none".
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString displayName(const QString &name, const QString &label)
{
    return label.isEmpty() ? name : name + u' ' + label;
}

Status prepared(Database &db, std::optional<QSqlQuery> &slot, const QString &sql)
{
    if (!slot) {
        auto q = prepare(db.connection(), sql);
        if (!q)
            return q.error();
        slot = std::move(q).value();
    }
    return Ok {};
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

QString Catalog::ftsQuery(QStringView text)
{
    QStringList terms;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && terms.size() < 8)
            terms << u'"' + current.left(64) + QStringLiteral("\"*");
        current.clear();
    };
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            current += c;
        else
            flush();
    }
    flush();
    return terms.join(u' ');
}

Result<CatalogItem> Catalog::lookup(QSqlQuery &q, QStringView key, QStringView what, Currency currency, qint64 atMs)
{
    q.bindValue(0, currency.code());
    q.bindValue(1, atMs);
    q.bindValue(2, atMs);
    q.bindValue(3, key.toString());
    if (auto st = exec(q, QStringLiteral("looking up %1").arg(what)); !st)
        return st.error();
    if (!q.next()) {
        q.finish();
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 is not in the catalog").arg(what));
    }
    CatalogItem item;
    item.variantId = q.value(0).toLongLong();
    item.productId = q.value(1).toLongLong();
    item.sku = q.value(2).toString();
    item.name = displayName(q.value(3).toString(), q.value(4).toString());
    item.brand = q.value(5).toString();
    item.unit = unitFromString(q.value(6).toString()).value_or(Unit::Each);
    item.tax = TaxClass { q.value(7).toString(), q.value(8).toString(), q.value(9).toInt() };
    item.category = q.value(10).toString();
    const bool active = q.value(11).toBool();
    const QVariant price = q.value(12);
    q.finish();
    if (!active)
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 (%2) is no longer sold").arg(item.name, item.sku));
    if (price.isNull())
        return makeError(ErrorCode::NotFound,
            QStringLiteral("%1 (%2) has no %3 price valid now").arg(item.name, item.sku, currency.code()));
    item.price = Money(price.toLongLong(), currency);
    return item;
}

Result<CatalogItem> Catalog::lookupBarcode(QStringView code, Currency currency, qint64 atMs)
{
    auto normalized = Gtin::normalize(code);
    if (!normalized)
        return normalized.error();
    auto q = prepared(m_db, m_byBarcode,
        QString::fromLatin1(kLookupSelect) + QStringLiteral("JOIN barcode b ON b.variant_id = v.id WHERE b.code = ?"));
    if (!q)
        return q.error();
    return lookup(*m_byBarcode, *normalized, QStringLiteral("barcode %1").arg(*normalized), currency, atMs);
}

Result<CatalogItem> Catalog::lookupSku(QStringView sku, Currency currency, qint64 atMs)
{
    if (sku.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the SKU is empty"));
    auto q = prepared(m_db, m_bySku, QString::fromLatin1(kLookupSelect) + QStringLiteral("WHERE v.sku = ?"));
    if (!q)
        return q.error();
    return lookup(*m_bySku, sku.trimmed(), QStringLiteral("SKU %1").arg(sku.trimmed()), currency, atMs);
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
    const QString match = ftsQuery(text);
    if (match.isEmpty())
        return QList<SearchHit> {};
    auto q = prepared(m_db, m_search,
        QStringLiteral("SELECT v.id, v.sku, p.name, v.label, p.brand "
                       "FROM (SELECT rowid, rank FROM (SELECT rowid, rank FROM variant_fts "
                       "                               WHERE variant_fts MATCH ? LIMIT ?) "
                       "      ORDER BY rank LIMIT ?) f "
                       "JOIN variant v ON v.id = f.rowid JOIN product p ON p.id = v.product_id "
                       "WHERE v.active = 1 ORDER BY f.rank"));
    if (!q)
        return q.error();
    QSqlQuery &s = *m_search;
    s.bindValue(0, match);
    s.bindValue(1, kSearchCandidates);
    s.bindValue(2, qBound(1, limit, 500));
    if (auto st = exec(s, QStringLiteral("searching the catalog")); !st)
        return st.error();
    QList<SearchHit> hits;
    while (s.next()) {
        hits.append(SearchHit { s.value(0).toLongLong(), s.value(1).toString(),
            displayName(s.value(2).toString(), s.value(3).toString()), s.value(4).toString() });
    }
    s.finish();
    return hits;
}

Result<qint64> Catalog::variantCount()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM variant WHERE active = 1")) || !q.next())
        return sqlError(q.lastError(), QStringLiteral("counting products"));
    return q.value(0).toLongLong();
}

// ---------------------------------------------------------------------------------------------------------------

CatalogWriter::CatalogWriter(Database &db)
    : m_db(db)
{ }

Status CatalogWriter::prepare()
{
    struct Stmt
    {
        QSqlQuery *query;
        const char *sql;
    };
    const Stmt statements[] = {
        { &m_insertTax, "INSERT INTO tax_class (code, name, rate_milli_pct) VALUES (?, ?, ?) RETURNING id" },
        { &m_category.find, "SELECT id FROM category WHERE code = ?" },
        { &m_category.update, "UPDATE category SET name = ? WHERE id = ?" },
        { &m_category.insert, "INSERT INTO category (name, code) VALUES (?, ?)" },
        { &m_product.find, "SELECT id FROM product WHERE code = ?" },
        { &m_product.update,
            "UPDATE product SET name = ?, brand = ?, category_id = ?, tax_class_id = ?, unit = ? "
            "WHERE id = ?" },
        { &m_product.insert,
            "INSERT INTO product (name, brand, category_id, tax_class_id, unit, code) "
            "VALUES (?, ?, ?, ?, ?, ?)" },
        { &m_variant.find, "SELECT id FROM variant WHERE sku = ?" },
        { &m_variant.update, "UPDATE variant SET product_id = ?, label = ?, active = 1 WHERE id = ?" },
        { &m_variant.insert, "INSERT INTO variant (product_id, label, sku) VALUES (?, ?, ?)" },
        { &m_stageFts, "INSERT OR REPLACE INTO temp.fts_pending (rowid, text) VALUES (?, ?)" },
        { &m_insertBarcode, "INSERT INTO barcode (code, variant_id) VALUES (?, ?) ON CONFLICT (code) DO NOTHING" },
        { &m_barcodeOwner,
            "SELECT b.variant_id, v.sku FROM barcode b JOIN variant v ON v.id = b.variant_id "
            "WHERE b.code = ?" },
        { &m_upsertPrice,
            "INSERT INTO price (variant_id, currency, amount_minor, valid_from_ms, valid_to_ms) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (variant_id, currency, valid_from_ms) "
            "DO UPDATE SET amount_minor = excluded.amount_minor, valid_to_ms = excluded.valid_to_ms" },
    };
    if (auto st = execDirect(m_db.connection(),
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS fts_pending "
                           "(rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
        !st)
        return st;
    for (const Stmt &s : statements) {
        auto q = omnitill::prepare(m_db.connection(), QString::fromLatin1(s.sql));
        if (!q)
            return q.error();
        *s.query = std::move(q).value();
    }
    // Existing tax classes are needed to check rates; categories and products are looked up lazily via upsert.
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT code, id, rate_milli_pct FROM tax_class")))
        return sqlError(q.lastError(), QStringLiteral("reading tax classes"));
    while (q.next())
        m_taxClasses.insert(q.value(0).toString(), { q.value(1).toLongLong(), q.value(2).toInt() });
    return Ok {};
}

namespace {
Result<qint64> returningId(QSqlQuery &q, QStringView context)
{
    if (auto st = exec(q, context); !st)
        return st.error();
    if (!q.next())
        return makeError(ErrorCode::Storage, QStringLiteral("no id returned while %1").arg(context));
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}
} // namespace

Result<qint64> CatalogWriter::upsert(Upsert &u, const QVariant &key, const QVariantList &values, QStringView context)
{
    u.find.bindValue(0, key);
    if (auto st = exec(u.find, context); !st)
        return st.error();
    const bool found = u.find.next();
    const qint64 id = found ? u.find.value(0).toLongLong() : 0;
    u.find.finish();
    QSqlQuery &q = found ? u.update : u.insert;
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    q.bindValue(int(values.size()), found ? QVariant(id) : key);
    if (auto st = exec(q, context); !st)
        return st.error();
    return found ? id : q.lastInsertId().toLongLong();
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
    m_insertTax.bindValue(0, tax.code);
    m_insertTax.bindValue(1, tax.name.isEmpty() ? tax.code : tax.name);
    m_insertTax.bindValue(2, tax.rateMilliPct);
    auto id = returningId(m_insertTax, QStringLiteral("adding tax class %1").arg(tax.code));
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
    auto id = upsert(m_category, r.categoryCode, { r.categoryName.isEmpty() ? r.categoryCode : r.categoryName },
        QStringLiteral("saving category %1").arg(r.categoryCode));
    if (id)
        m_categories.insert(r.categoryCode, *id);
    return id;
}

Result<CatalogWriter::ProductRef> CatalogWriter::product(
    const CatalogRecord &r, qint64 taxId, std::optional<qint64> catId)
{
    // A product's fields come from its first record in this import; further variants only refer to it.
    if (auto it = m_products.constFind(r.productCode); it != m_products.cend())
        return *it;
    auto id = upsert(m_product, r.productCode,
        { r.productName, text(r.brand), catId ? QVariant(*catId) : kNullInt, taxId, unitToString(r.unit) },
        QStringLiteral("saving product %1").arg(r.productCode));
    if (!id)
        return id.error();
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

    auto variant
        = upsert(m_variant, r.sku, { prod->id, text(r.variantLabel) }, QStringLiteral("saving SKU %1").arg(r.sku));
    if (!variant)
        return variant.error();

    m_stageFts.bindValue(0, *variant);
    m_stageFts.bindValue(1, QStringList { prod->searchText, r.variantLabel, r.sku }.join(u' '));
    if (auto st = exec(m_stageFts, QStringLiteral("indexing SKU %1").arg(r.sku)); !st)
        return st;

    for (const QString &raw : r.barcodes) {
        auto code = Gtin::normalize(raw);
        if (!code)
            return fail(QStringLiteral("SKU %1: %2").arg(r.sku, code.error().message));
        m_insertBarcode.bindValue(0, *code);
        m_insertBarcode.bindValue(1, *variant);
        if (auto st = exec(m_insertBarcode, QStringLiteral("saving barcode %1").arg(*code)); !st)
            return st;
        if (m_insertBarcode.numRowsAffected() == 0) {
            m_barcodeOwner.bindValue(0, *code);
            if (auto st = exec(m_barcodeOwner, QStringLiteral("checking barcode %1").arg(*code)); !st)
                return st;
            if (m_barcodeOwner.next() && m_barcodeOwner.value(0).toLongLong() != *variant) {
                const QString owner = m_barcodeOwner.value(1).toString();
                m_barcodeOwner.finish();
                if (m_backendAuthoritative) {
                    auto move = omnitill::prepare(
                        m_db.connection(), QStringLiteral("UPDATE barcode SET variant_id = ? WHERE code = ?"));
                    if (!move)
                        return move.error();
                    move->bindValue(0, *variant);
                    move->bindValue(1, *code);
                    if (auto st = exec(*move, QStringLiteral("moving barcode %1").arg(*code)); !st)
                        return st;
                    continue;
                }
                return makeError(ErrorCode::Conflict,
                    QStringLiteral("%1: barcode %2 of SKU %3 already belongs to SKU "
                                   "%4; remove it there first")
                        .arg(r.source, *code, r.sku, owner));
            }
            m_barcodeOwner.finish();
        }
    }

    if (r.price) {
        m_upsertPrice.bindValue(0, *variant);
        m_upsertPrice.bindValue(1, r.price->currency().code());
        m_upsertPrice.bindValue(2, r.price->minor());
        m_upsertPrice.bindValue(3, r.validFromMs);
        m_upsertPrice.bindValue(4, r.validToMs ? QVariant(*r.validToMs) : kNullInt);
        if (auto st = exec(m_upsertPrice, QStringLiteral("saving the price of SKU %1").arg(r.sku)); !st)
            return st;
    }
    return Ok {};
}

Status CatalogWriter::upsertTaxClass(const TaxClass &tax)
{
    if (tax.code.trimmed().isEmpty() || tax.rateMilliPct < 0 || tax.rateMilliPct > 100000)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("tax class %1 needs a code and a rate of 0-100%").arg(tax.code));
    auto q = omnitill::prepare(m_db.connection(),
        QStringLiteral("INSERT INTO tax_class (code, name, rate_milli_pct) VALUES (?, ?, ?) "
                       "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                       "rate_milli_pct = excluded.rate_milli_pct RETURNING id"));
    if (!q)
        return q.error();
    q->bindValue(0, tax.code);
    q->bindValue(1, tax.name.isEmpty() ? tax.code : tax.name);
    q->bindValue(2, tax.rateMilliPct);
    auto id = returningId(*q, QStringLiteral("saving tax class %1").arg(tax.code));
    if (!id)
        return id.error();
    m_taxClasses.insert(tax.code, { *id, tax.rateMilliPct });
    return Ok {};
}

Status CatalogWriter::removePrice(const QString &sku, const QString &currency, qint64 validFromMs)
{
    auto q = omnitill::prepare(m_db.connection(),
        QStringLiteral("DELETE FROM price WHERE variant_id = (SELECT id FROM variant WHERE sku = ?) "
                       "AND currency = ? AND valid_from_ms = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, sku);
    q->bindValue(1, currency);
    q->bindValue(2, validFromMs);
    return exec(*q, QStringLiteral("removing a price of SKU %1").arg(sku));
}

QSqlDatabase &CatalogWriter::connection()
{
    return m_db.connection();
}

Status CatalogWriter::finish()
{
    for (const char *sql : { "DELETE FROM variant_fts WHERE rowid IN (SELECT rowid FROM temp.fts_pending)",
             "INSERT INTO variant_fts (rowid, text) SELECT rowid, text FROM temp.fts_pending",
             "DELETE FROM temp.fts_pending" }) {
        if (auto st = execDirect(m_db.connection(), QString::fromLatin1(sql)); !st)
            return st;
    }
    return Ok {};
}

} // namespace omnitill
