// SPDX-License-Identifier: GPL-3.0-or-later
// CSV catalog import (the format is described in importer.h).
#include "core/catalog/importer.h"
#include "core/catalog/importsupport_p.h"
#include "core/catalog/logging.h"

#include <QStringDecoder>

namespace omnitill {

using namespace ImportSupport;

namespace {

constexpr qint64 kMaxRecordBytes = 1024 * 1024;

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

} // namespace

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

} // namespace omnitill
