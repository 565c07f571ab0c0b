// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"
#include "database.h"
#include "logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTimeZone>

namespace omnitill {

namespace {

constexpr qint64 kMaxRecordBytes = 1024 * 1024;

// Collects per-record problems; storage failures are not collected but end the import at once.
class Problems
{
public:
    void add(const Error &e)
    {
        ++m_total;
        if (e.code == ErrorCode::Conflict)
            m_conflict = true;
        if (m_list.size() < CatalogImporter::kMaxReportedProblems)
            m_list << e.message;
    }
    bool any() const { return m_total > 0; }
    bool full() const { return m_total >= CatalogImporter::kMaxReportedProblems; }
    Error toError(const QString &name) const
    {
        QString msg = QStringLiteral("%1: nothing was imported; %2 problem(s) to fix:\n  %3")
                          .arg(name)
                          .arg(m_total)
                          .arg(m_list.join(QStringLiteral("\n  ")));
        if (full())
            msg += QStringLiteral("\n  (stopped after %1 problems)").arg(m_total);
        return makeError(m_conflict ? ErrorCode::Conflict : ErrorCode::InvalidInput, msg);
    }

private:
    QStringList m_list;
    qint64 m_total = 0;
    bool m_conflict = false;
};

bool isStorage(const Error &e)
{
    return e.code == ErrorCode::Storage || e.code == ErrorCode::StorageFull || e.code == ErrorCode::Corrupt;
}

// RFC 4180 records from a byte stream, one at a time, so a million-row file needs no more memory than one row.
class CsvReader
{
public:
    explicit CsvReader(QIODevice &in)
        : m_in(in)
    { }

    // false at end of input; a malformed record sets `error` and returns true.
    bool next(QStringList &fields, QString &error)
    {
        fields.clear();
        error.clear();
        QByteArray raw;
        m_recordLine = m_line + 1;
        for (;;) {
            if (m_in.atEnd()) {
                if (raw.isEmpty())
                    return false;
                if (raw.count('"') % 2 != 0) {
                    error = QStringLiteral("line %1: a quoted field is never closed").arg(m_recordLine);
                    return true;
                }
                break;
            }
            raw += m_in.readLine(kMaxRecordBytes);
            ++m_line;
            if (raw.size() >= kMaxRecordBytes) {
                error = QStringLiteral("line %1: the record is longer than 1 MiB").arg(m_recordLine);
                while (!m_in.atEnd() && !m_in.readLine(kMaxRecordBytes).endsWith('\n')) { }
                return true;
            }
            if (raw.count('"') % 2 == 0)
                break;
        }
        while (raw.endsWith('\n') || raw.endsWith('\r'))
            raw.chop(1);
        if (m_recordLine == 1 && raw.startsWith("\xEF\xBB\xBF"))
            raw.remove(0, 3);
        QStringDecoder decode(QStringDecoder::Utf8);
        const QString text = decode(raw);
        if (decode.hasError()) {
            error = QStringLiteral("line %1: the text is not valid UTF-8").arg(m_recordLine);
            return true;
        }
        if (m_delimiter == 0)
            m_delimiter = (text.count(u';') > text.count(u',')) ? u';' : u',';
        split(text, fields, error);
        return true;
    }

    qint64 recordLine() const { return m_recordLine; }

private:
    void split(const QString &text, QStringList &fields, QString &error)
    {
        QString field;
        bool quoted = false;
        bool wasQuoted = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (quoted) {
                if (c == u'"') {
                    if (i + 1 < text.size() && text[i + 1] == u'"') {
                        field += u'"';
                        ++i;
                    } else {
                        quoted = false;
                    }
                } else {
                    field += c;
                }
            } else if (c == m_delimiter) {
                fields << field;
                field.clear();
                wasQuoted = false;
            } else if (c == u'"') {
                if (!field.isEmpty() || wasQuoted) {
                    error = QStringLiteral("line %1, field %2: a quote (\") inside an unquoted field; quote the "
                                           "whole field and double the quote")
                                .arg(m_recordLine)
                                .arg(fields.size() + 1);
                    return;
                }
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted) {
                    error = QStringLiteral("line %1, field %2: text after the closing quote")
                                .arg(m_recordLine)
                                .arg(fields.size() + 1);
                    return;
                }
                field += c;
            }
        }
        fields << field;
    }

    QIODevice &m_in;
    qint64 m_line = 0;
    qint64 m_recordLine = 0;
    QChar m_delimiter = QChar(0);
};

const QStringList kCsvColumns = {
    QStringLiteral("sku"),
    QStringLiteral("name"),
    QStringLiteral("price"),
    QStringLiteral("currency"),
    QStringLiteral("tax_class"),
    QStringLiteral("tax_rate"),
    QStringLiteral("barcode"),
    QStringLiteral("category"),
    QStringLiteral("category_name"),
    QStringLiteral("brand"),
    QStringLiteral("unit"),
    QStringLiteral("product_code"),
    QStringLiteral("variant_label"),
    QStringLiteral("valid_from"),
    QStringLiteral("valid_to"),
};

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

QString jsonString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

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

namespace {
// Rolls the sink back unless the import committed.
class SinkSession
{
public:
    explicit SinkSession(CatalogSink &sink)
        : m_sink(sink)
    { }
    ~SinkSession()
    {
        if (!m_committed)
            m_sink.rollback();
    }
    Status commit()
    {
        auto st = m_sink.commit();
        m_committed = st.ok();
        return st;
    }

private:
    CatalogSink &m_sink;
    bool m_committed = false;
};
} // namespace

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

Result<ImportReport> CatalogImporter::importCsv(QIODevice &in, const QString &name)
{
    CsvReader reader(in);
    QStringList fields;
    QString error;
    if (!reader.next(fields, error))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is empty; expected a header row").arg(name));
    if (!error.isEmpty())
        return makeError(ErrorCode::InvalidInput, name + u": " + error);

    QHash<QString, int> col;
    for (int i = 0; i < fields.size(); ++i) {
        const QString h = fields[i].trimmed().toLower();
        if (!kCsvColumns.contains(h))
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: unknown column \"%2\"; the columns are %3")
                    .arg(name, fields[i], kCsvColumns.join(QStringLiteral(", "))));
        if (col.contains(h))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("%1: column \"%2\" appears twice").arg(name, h));
        col.insert(h, i);
    }
    for (const char *required : { "sku", "name", "price", "tax_class" }) {
        if (!col.contains(QLatin1String(required)))
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1: the header has no \"%2\" column").arg(name, QLatin1String(required)));
    }
    if (!col.contains(QStringLiteral("currency")) && !m_defaultCurrency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1: there is no currency column and no default currency").arg(name));

    auto field = [&](const char *key) -> QStringView {
        const int i = col.value(QLatin1String(key), -1);
        return i >= 0 ? QStringView(fields[i]) : QStringView();
    };

    SinkSession session(m_sink);
    if (auto st = m_sink.begin(); !st)
        return st.error();

    Problems problems;
    ImportReport report;
    while (reader.next(fields, error)) {
        if (!error.isEmpty()) {
            problems.add(makeError(ErrorCode::InvalidInput, error));
        } else if (fields.size() == 1 && fields[0].trimmed().isEmpty()) {
            continue; // blank line
        } else if (fields.size() != col.size()) {
            problems.add(makeError(ErrorCode::InvalidInput,
                QStringLiteral("line %1: %2 fields, but the header has %3")
                    .arg(reader.recordLine())
                    .arg(fields.size())
                    .arg(col.size())));
        } else {
            CatalogRecord r;
            r.source = QStringLiteral("line %1").arg(reader.recordLine());
            r.sku = field("sku").trimmed().toString();
            r.productName = field("name").trimmed().toString();
            r.taxClassCode = field("tax_class").trimmed().toString();
            r.brand = field("brand").trimmed().toString();
            r.categoryCode = field("category").trimmed().toString();
            r.categoryName = field("category_name").trimmed().toString();
            r.productCode = field("product_code").trimmed().toString();
            r.variantLabel = field("variant_label").trimmed().toString();
            for (QStringView b : field("barcode").split(u'|', Qt::SkipEmptyParts)) {
                if (!b.trimmed().isEmpty())
                    r.barcodes << b.trimmed().toString();
            }
            Status st = parseCommon(r, field("currency"), m_defaultCurrency, field("price"), field("unit"),
                field("tax_rate"), field("valid_from"), field("valid_to"));
            if (st && !r.price)
                st = makeError(ErrorCode::InvalidInput, r.source + QStringLiteral(": SKU %1 has no price").arg(r.sku));
            if (st)
                st = m_sink.write(r);
            if (!st) {
                if (isStorage(st.error()))
                    return st.error();
                problems.add(st.error());
            } else {
                ++report.records;
                if (m_progress && report.records % 10000 == 0)
                    m_progress(report.records);
            }
        }
        if (problems.full())
            break;
    }
    if (problems.any())
        return problems.toError(name);
    if (report.records == 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 has a header but no records").arg(name));
    if (auto st = session.commit(); !st)
        return st.error();
    qCInfo(lcImport) << "imported" << report.records << "records from" << name;
    return report;
}

Result<ImportReport> CatalogImporter::importJson(const QByteArray &json, const QString &name)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1: invalid JSON at line %2, column %3: %4")
                .arg(name)
                .arg(line)
                .arg(column)
                .arg(parseError.errorString()));
    }
    if (!doc.isObject() || !doc.object().value(QLatin1String("products")).isArray())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1: expected an object with a \"products\" array").arg(name));
    const QJsonObject root = doc.object();

    SinkSession session(m_sink);
    if (auto st = m_sink.begin(); !st)
        return st.error();
    Problems problems;
    ImportReport report;
    auto handle = [&](Status st) -> std::optional<Error> {
        if (st)
            return std::nullopt;
        if (isStorage(st.error()))
            return st.error();
        problems.add(st.error());
        return std::nullopt;
    };

    const QJsonArray taxClasses = root.value(QLatin1String("taxClasses")).toArray();
    for (qsizetype i = 0; i < taxClasses.size(); ++i) {
        const QString where = QStringLiteral("taxClasses[%1]").arg(i);
        const QJsonObject t = taxClasses[i].toObject();
        const QJsonValue rateValue = t.value(QLatin1String("rate"));
        if (!rateValue.isString()) {
            problems.add(makeError(ErrorCode::InvalidInput,
                where + QStringLiteral(": \"rate\" must be a string such as \"19\" or \"8.875\"")));
            continue;
        }
        auto rate = parseTaxRate(rateValue.toString(), QStringLiteral("tax rate"));
        if (!rate) {
            problems.add(makeError(ErrorCode::InvalidInput, where + u": " + rate.error().message));
            continue;
        }
        if (auto e = handle(m_sink.defineTaxClass(TaxClass { jsonString(t, "code"), jsonString(t, "name"), *rate })))
            return *e;
        ++report.taxClasses;
    }

    const QJsonArray products = root.value(QLatin1String("products")).toArray();
    for (qsizetype p = 0; p < products.size() && !problems.full(); ++p) {
        const QJsonObject po = products[p].toObject();
        const QJsonArray variants = po.value(QLatin1String("variants")).toArray();
        if (!products[p].isObject() || variants.isEmpty()) {
            problems.add(makeError(ErrorCode::InvalidInput,
                QStringLiteral("products[%1]: expected an object with a non-empty \"variants\" "
                               "array")
                    .arg(p)));
            continue;
        }
        for (qsizetype v = 0; v < variants.size() && !problems.full(); ++v) {
            const QJsonObject vo = variants[v].toObject();
            CatalogRecord base;
            base.source = QStringLiteral("products[%1].variants[%2]").arg(p).arg(v);
            base.productCode = jsonString(po, "code");
            base.productName = jsonString(po, "name");
            base.brand = jsonString(po, "brand");
            base.categoryCode = jsonString(po, "category");
            base.categoryName = jsonString(po, "categoryName");
            base.taxClassCode = jsonString(po, "taxClass");
            base.sku = jsonString(vo, "sku");
            base.variantLabel = jsonString(vo, "label");
            for (const QJsonValue &b : vo.value(QLatin1String("barcodes")).toArray()) {
                if (!b.isString())
                    problems.add(makeError(ErrorCode::InvalidInput,
                        base.source
                            + QStringLiteral(": barcodes must be strings (\"4006381333931\"); "
                                             "numbers lose leading zeros")));
                else
                    base.barcodes << b.toString().trimmed();
            }
            if (auto st = parseCommon(base, {}, m_defaultCurrency, {}, jsonString(po, "unit"), {}, {}, {}); !st) {
                problems.add(st.error());
                continue;
            }
            const QJsonArray prices = vo.value(QLatin1String("prices")).toArray();
            if (prices.isEmpty()) {
                problems.add(makeError(
                    ErrorCode::InvalidInput, base.source + QStringLiteral(": SKU %1 has no prices").arg(base.sku)));
                continue;
            }
            for (qsizetype k = 0; k < prices.size(); ++k) {
                const QJsonObject pr = prices[k].toObject();
                CatalogRecord r = base;
                r.source = base.source + QStringLiteral(".prices[%1]").arg(k);
                if (!pr.value(QLatin1String("amount")).isString()) {
                    problems.add(makeError(ErrorCode::InvalidInput,
                        r.source
                            + QStringLiteral(": \"amount\" must be a string such as \"1.99\" "
                                             "so that no precision is lost")));
                    continue;
                }
                Status st = parseCommon(r, jsonString(pr, "currency"), m_defaultCurrency, jsonString(pr, "amount"), {},
                    {}, jsonString(pr, "validFrom"), jsonString(pr, "validTo"));
                if (!st) {
                    problems.add(st.error());
                    continue;
                }
                if (auto e = handle(m_sink.write(r)))
                    return *e;
                if (k == 0)
                    ++report.records;
            }
        }
    }
    if (problems.any())
        return problems.toError(name);
    if (report.records == 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 has no products").arg(name));
    if (auto st = session.commit(); !st)
        return st.error();
    qCInfo(lcImport) << "imported" << report.records << "variants from" << name;
    return report;
}

} // namespace omnitill
