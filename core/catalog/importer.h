// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/catalog/catalog.h"
#include "core/storage/database.h"

#include <QIODevice>
#include <QString>

#include <functional>
#include <memory>

namespace omnitill {

class Database;

// Where imported records go: begin(), then defineTaxClass()/write() per record, then commit(). An import that fails
// calls rollback(), and nothing it wrote may remain.
class CatalogSink
{
public:
    virtual ~CatalogSink() = default;
    virtual Status begin() = 0;
    virtual Status defineTaxClass(const TaxClass &tax) = 0;
    virtual Status write(const CatalogRecord &record) = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
};

// The store's own catalog: one transaction through CatalogWriter.
class StoreCatalogSink : public CatalogSink
{
public:
    explicit StoreCatalogSink(Database &db);
    ~StoreCatalogSink() override;
    Status begin() override;
    Status defineTaxClass(const TaxClass &tax) override;
    Status write(const CatalogRecord &record) override;
    Status commit() override;
    void rollback() override;

private:
    Database &m_db;
    std::unique_ptr<Transaction> m_tx;
    std::unique_ptr<CatalogWriter> m_writer;
};

struct ImportReport
{
    qint64 records = 0;
    qint64 taxClasses = 0;
};

// Imports a catalog from CSV or JSON in one transaction: either every record is saved or none is. Problems are
// reported with their line (CSV) or JSON path, up to kMaxReportedProblems at a time.
//
// CSV: a header row names the columns, in any order; ',' or ';' separated, RFC 4180 quoting, UTF-8.
//   required: sku, name, price, tax_class     (currency too unless a default currency is set)
//   optional: barcode ('|'-separated), tax_rate, currency, category, category_name, brand, unit,
//             product_code, variant_label, valid_from, valid_to
// JSON: {"taxClasses":[{"code","name","rate"}], "products":[{"code","name","brand","category","categoryName",
//        "taxClass","unit","variants":[{"sku","label","barcodes":[...],"prices":[{"currency","amount",
//        "validFrom","validTo"}]}]}]}. Amounts are strings ("1.99"), never JSON numbers.
class CatalogImporter
{
public:
    static constexpr int kMaxReportedProblems = 20;
    static constexpr qint64 kMaxJsonBytes = 512ll * 1024 * 1024;

    explicit CatalogImporter(Database &db); // into the store's catalog
    explicit CatalogImporter(CatalogSink &sink); // anywhere else (the hub publishes catalogs this way)
    void setDefaultCurrency(Currency currency) { m_defaultCurrency = currency; }
    // Called every 10,000 records with the count so far.
    void setProgress(std::function<void(qint64)> progress) { m_progress = std::move(progress); }

    // Chooses CSV or JSON by the file's extension (.csv/.tsv/.txt vs .json).
    Result<ImportReport> importFile(const QString &path);
    Result<ImportReport> importCsv(QIODevice &in, const QString &name);
    Result<ImportReport> importJson(const QByteArray &json, const QString &name);

    // Parses "2026-11-01", "2026-11-01T08:00" (local time) or "2026-11-01T08:00:00Z"/"+01:00".
    static Result<qint64> parseTimestamp(QStringView text, QStringView what);

private:
    std::unique_ptr<StoreCatalogSink> m_ownSink;
    CatalogSink &m_sink;
    std::optional<Currency> m_defaultCurrency;
    std::function<void(qint64)> m_progress;
};

} // namespace omnitill
