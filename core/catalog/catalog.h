// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"
#include "core/base/result.h"

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string_view>

namespace omnitill {

class Database;
namespace SearchIndex {
class Tokenizer;
}

enum class Unit
{
    Each,
    Kilogram,
    Gram,
    Litre,
    Metre
};
QString unitToString(Unit unit);
std::optional<Unit> unitFromString(QStringView text);
// Each is sold in whole numbers; the others may be fractional (weighed or measured goods).
inline bool unitAllowsFraction(Unit unit)
{
    return unit != Unit::Each;
}

struct TaxClass
{
    QString code;
    QString name;
    qint32 rateMilliPct = 0; // 19% = 19000
};

// A sellable variant with everything a till needs, including the price valid at the time of the lookup.
struct CatalogItem
{
    qint64 variantId = 0;
    qint64 productId = 0;
    QString sku;
    QString name; // product name, plus the variant label when there is one
    QString brand;
    QString category;
    Unit unit = Unit::Each;
    TaxClass tax;
    Money price; // per unit (per kg for weighed goods); tax-inclusive or exclusive as the store prices
};

struct SearchHit
{
    qint64 variantId = 0;
    QString sku;
    QString name;
    QString brand;
};

struct CategoryEntry
{
    QString code;
    QString name;
};

// Read side of the catalog. Statements are prepared once; one Catalog per Database (per thread).
class Catalog
{
public:
    explicit Catalog(Database &db);
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    // Validates the code as a GTIN (check digit included) before looking it up.
    Result<CatalogItem> lookupBarcode(QStringView code, Currency currency, qint64 atMs);
    Result<CatalogItem> lookupSku(QStringView sku, Currency currency, qint64 atMs);
    // What a scanner or keyboard delivers: digits are tried as a barcode first, then as a SKU (numeric SKUs and PLUs
    // exist); other text is a SKU. When neither matches, the barcode's explanation is reported.
    Result<CatalogItem> lookupCode(QStringView code, Currency currency, qint64 atMs);
    // Words are matched as prefixes, accent- and case-insensitively, all words must match. Results are ranked by
    // BM25 among the first kSearchCandidates matches: exact for specific queries, bounded in time for broad ones
    // such as a single letter (docs/PERFORMANCE.md).
    static constexpr int kSearchCandidates = 2000;
    Result<QList<SearchHit>> search(QStringView text, int limit = 20);
    Result<qint64> variantCount();

    // The categories a till's grid shows, in the order given (codes the catalog does not have are left out); with no
    // codes, the top-level categories by name. At most `limit`.
    Result<QList<CategoryEntry>> categories(const QStringList &codes, int limit = 48);
    // The items sold in a category and its sub-categories, by name, at most `limit`.
    Result<QList<SearchHit>> itemsInCategory(QStringView code, int limit = 60);
    // The given SKUs as search hits, in that order, leaving out those not (or no longer) sold.
    Result<QList<SearchHit>> items(const QStringList &skus);
    // Stock on hand in this terminal's store (in thousandths of the item's unit) as the hub last sent it in the stock
    // stream, or nothing when the hub has sent none for it (no hub, not registered, or not stocked here).
    Result<std::optional<qint64>> stockHereMilli(QStringView sku);
    // A price valid at `atMs` that runs only until a time (a promotion): the price after it and when it ends; nothing
    // when the price has no end, or nothing follows it.
    struct Promotion
    {
        Money regular;
        qint64 untilMs = 0;
    };
    Result<std::optional<Promotion>> promotion(qint64 variantId, Currency currency, qint64 atMs);
    // The promotions running at `atMs`, those ending soonest first, at most `limit`: what a kiosk's attract screen
    // shows when the hub names none.
    struct RunningPromotion
    {
        CatalogItem item; // at its promotion price
        Promotion promotion;
    };
    Result<QList<RunningPromotion>> promotions(Currency currency, qint64 atMs, int limit);

    // Turns user text into a safe FTS5 query ("café lat" -> "café"* "lat"*), or an empty string if nothing is left.
    static QString ftsQuery(QStringView text);
    // The words of that query, in its order.
    static QStringList searchWords(QStringView text);

private:
    Result<CatalogItem> lookup(
        std::string_view sql, QStringView key, QLatin1StringView what, Currency currency, qint64 atMs);
    // The rows matching each word of the query, as omnitill_rank() takes them (core/storage/searchindex.h).
    Result<QByteArray> wordCounts(const QStringList &words);

    Database &m_db;
    std::unique_ptr<SearchIndex::Tokenizer> m_tokenizer; // for search words, made on the first search
};

// One catalog row as read from an import file or produced by the demo generator: a variant with its product, tax
// class, category, barcodes and one price window.
struct CatalogRecord
{
    QString source; // "line 12", "products[3].variants[1]": used in error messages
    QString productCode;
    QString productName;
    QString brand;
    QString categoryCode;
    QString categoryName;
    QString taxClassCode;
    std::optional<qint32> taxRateMilliPct; // needed when the tax class is new
    Unit unit = Unit::Each;
    QString sku;
    QString variantLabel;
    QStringList barcodes;
    std::optional<Money> price;
    qint64 validFromMs = 0;
    std::optional<qint64> validToMs;
};

// Write side: upserts records inside a transaction the caller owns; call finish() before committing. Product, tax
// class and category ids are cached, and search-index rows are staged and written in one statement by finish():
// FTS5 flushes its pending data at every statement savepoint, so indexing row by row would cost ten times more.
class CatalogWriter
{
public:
    explicit CatalogWriter(Database &db);
    ~CatalogWriter();
    CatalogWriter(const CatalogWriter &) = delete;
    CatalogWriter &operator=(const CatalogWriter &) = delete;
    Status prepare();
    Status defineTaxClass(const TaxClass &tax);
    Status write(const CatalogRecord &record);
    // For data the backend owns (pull streams): a barcode the backend moved to another SKU moves here too, instead
    // of being refused as a conflict.
    void setBackendAuthoritative(bool on) { m_backendAuthoritative = on; }
    // For data the backend owns (pull streams): the backend's rate wins over the local one.
    Status upsertTaxClass(const TaxClass &tax);
    // Removes one price window of a SKU; nothing happens if it does not exist.
    Status removePrice(const QString &sku, const QString &currency, qint64 validFromMs);
    Status finish();
    QSqlDatabase &connection();

private:
    struct ProductRef
    {
        qint64 id;
        QString searchText; // name and brand as stored, for the variants' search rows
    };
    Result<qint64> taxClassId(const CatalogRecord &r);
    Result<qint64> categoryId(const CatalogRecord &r);
    Result<ProductRef> product(const CatalogRecord &r, qint64 taxId, std::optional<qint64> categoryId);

    Status writeBarcodes(const CatalogRecord &r, qint64 variantId);
    Status writePrice(const CatalogRecord &r, qint64 variantId);

    Database &m_db;
    QHash<QString, std::pair<qint64, qint32>> m_taxClasses; // code -> (id, rate)
    QHash<QString, qint64> m_categories;
    QHash<QString, ProductRef> m_products;
    std::unique_ptr<SearchIndex::Tokenizer> m_tokenizer; // for the search counts kept with the index
    bool m_backendAuthoritative = false;
};

} // namespace omnitill
