// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/importer.h"
#include "core/catalog/importsupport_p.h"
#include "core/storage/database.h"

#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace omnitill {

namespace ImportSupport {

Status parseCommon(CatalogRecord &r, QStringView currencyText, std::optional<Currency> defaultCurrency,
    QStringView priceText, QStringView unitText, QStringView taxRateText, QStringView validFrom, QStringView validTo)
{
    auto fail = [&](const QString &why) { return makeError(ErrorCode::InvalidInput, r.source + u": " + why); };
    if (!unitText.trimmed().isEmpty()) {
        auto unit = unitFromString(unitText.trimmed());
        if (!unit)
            return fail(QStringLiteral("unit \"%1\" is not one of each, kg, g, l, m").arg(unitText));
        r.unit = *unit;
    }
    if (!taxRateText.trimmed().isEmpty()) {
        auto rate = parseTaxRate(taxRateText, QStringLiteral("tax rate"));
        if (!rate)
            return fail(rate.error().message);
        r.taxRateMilliPct = *rate;
    }
    if (!priceText.trimmed().isEmpty()) {
        std::optional<Currency> currency = defaultCurrency;
        if (!currencyText.trimmed().isEmpty()) {
            currency = Currency::fromCode(currencyText.trimmed());
            if (!currency)
                return fail(QStringLiteral("currency \"%1\" is not an ISO 4217 code we know").arg(currencyText));
        }
        if (!currency)
            return fail(QStringLiteral("the price has no currency; add a currency column or set a default"));
        auto price = Money::parse(priceText, *currency);
        if (!price)
            return fail(price.error().message);
        if (price->isNegative())
            return fail(QStringLiteral("price %1 is negative").arg(priceText));
        r.price = *price;
    }
    if (!validFrom.trimmed().isEmpty()) {
        auto t = CatalogImporter::parseTimestamp(validFrom, QStringLiteral("valid_from"));
        if (!t)
            return fail(t.error().message);
        r.validFromMs = *t;
    }
    if (!validTo.trimmed().isEmpty()) {
        auto t = CatalogImporter::parseTimestamp(validTo, QStringLiteral("valid_to"));
        if (!t)
            return fail(t.error().message);
        r.validToMs = *t;
    }
    return Ok {};
}

} // namespace ImportSupport

StoreCatalogSink::StoreCatalogSink(Database &db)
    : m_db(db)
{ }

StoreCatalogSink::~StoreCatalogSink()
{
    rollback();
}

Status StoreCatalogSink::begin()
{
    m_tx = std::make_unique<Transaction>(m_db.connection());
    if (!m_tx->begun())
        return m_tx->begun();
    m_writer = std::make_unique<CatalogWriter>(m_db);
    return m_writer->prepare();
}

Status StoreCatalogSink::defineTaxClass(const TaxClass &tax)
{
    return m_writer->defineTaxClass(tax);
}

Status StoreCatalogSink::write(const CatalogRecord &record)
{
    return m_writer->write(record);
}

Status StoreCatalogSink::commit()
{
    if (auto st = m_writer->finish(); !st)
        return st;
    auto st = m_tx->commit();
    m_writer.reset();
    m_tx.reset();
    return st;
}

void StoreCatalogSink::rollback()
{
    m_writer.reset();
    m_tx.reset(); // rolls back unless committed
}

CatalogImporter::CatalogImporter(Database &db)
    : m_ownSink(std::make_unique<StoreCatalogSink>(db))
    , m_sink(*m_ownSink)
{ }

CatalogImporter::CatalogImporter(CatalogSink &sink)
    : m_sink(sink)
{ }

Result<qint64> CatalogImporter::parseTimestamp(QStringView text, QStringView what)
{
    const QString t = text.trimmed().toString();
    QDateTime dt;
    if (t.size() == 10) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (d.isValid())
            dt = d.startOfDay();
    } else {
        dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    }
    if (!dt.isValid())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 \"%2\" is not a date (2026-11-01) or date-time (2026-11-01T08:00:00Z)")
                .arg(what, t.left(40)));
    return dt.toMSecsSinceEpoch();
}

Result<ImportReport> CatalogImporter::importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json")) {
        if (f.size() > kMaxJsonBytes)
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("%1 is larger than 512 MiB; split it or use CSV").arg(path));
        const QByteArray data = f.readAll();
        if (f.error() != QFileDevice::NoError)
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        return importJson(data, QFileInfo(path).fileName());
    }
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("txt") || suffix == QLatin1String("tsv"))
        return importCsv(f, QFileInfo(path).fileName());
    return makeError(
        ErrorCode::InvalidInput, QStringLiteral("%1: unknown file type \".%2\"; use .csv or .json").arg(path, suffix));
}

} // namespace omnitill
