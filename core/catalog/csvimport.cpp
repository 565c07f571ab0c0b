// SPDX-License-Identifier: GPL-3.0-or-later
// CSV catalog import (the format is described in importer.h).
#include "core/catalog/importer.h"
#include "core/catalog/importsupport_p.h"
#include "core/catalog/logging.h"

#include <QStringDecoder>

namespace omnitill {

using namespace ImportSupport;

namespace {

constexpr qsizetype kMaxRecordBytes = 1024 * 1024;
constexpr qsizetype kReadChunk = 256 * 1024;

// RFC 4180 records from a byte stream, one at a time, so a million-row file needs no more memory than one row and
// one read chunk. The stream is read in 256 KiB chunks; a record is found by its unquoted line feed, decoded from
// UTF-8 once and split in place.
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
        m_recordLine = m_line + 1;
        qsizetype end = 0; // of the record, in m_buf, the line feed excluded
        bool quoted = false;
        qsizetype scan = m_pos;
        for (;;) {
            const char *data = m_buf.constData();
            const qsizetype size = m_buf.size();
            while (scan < size) {
                const char c = data[scan];
                if (c == '"')
                    quoted = !quoted;
                else if (c == '\n' && !quoted)
                    break;
                ++scan;
            }
            if (scan < size) {
                end = scan;
                break;
            }
            if (scan - m_pos >= kMaxRecordBytes) {
                error = QStringLiteral("line %1: the record is longer than 1 MiB").arg(m_recordLine);
                countLines(m_pos, scan);
                m_pos = scan;
                skipLine();
                return true;
            }
            const qsizetype consumed = m_pos;
            if (!fill()) {
                if (m_pos >= m_buf.size())
                    return false;
                if (quoted) {
                    error = QStringLiteral("line %1: a quoted field is never closed").arg(m_recordLine);
                    countLines(m_pos, m_buf.size());
                    m_pos = m_buf.size();
                    return true;
                }
                end = m_buf.size();
                break;
            }
            scan -= consumed - m_pos; // fill() moved the unread bytes to the front
        }
        countLines(m_pos, end);
        QByteArrayView raw(m_buf.constData() + m_pos, end - m_pos);
        m_pos = end + 1;
        if (raw.size() > kMaxRecordBytes) {
            error = QStringLiteral("line %1: the record is longer than 1 MiB").arg(m_recordLine);
            return true;
        }
        while (raw.endsWith('\r'))
            raw.chop(1);
        if (m_recordLine == 1 && raw.startsWith("\xEF\xBB\xBF"))
            raw = raw.sliced(3);
        QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
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
    // Drops the bytes already read and appends the next chunk; false at end of input.
    bool fill()
    {
        if (m_eof)
            return false;
        m_buf.remove(0, m_pos);
        m_pos = 0;
        const qsizetype had = m_buf.size();
        m_buf.resize(had + kReadChunk);
        const qint64 got = m_in.read(m_buf.data() + had, kReadChunk);
        m_buf.resize(had + std::max<qint64>(got, 0));
        if (got <= 0)
            m_eof = true;
        return got > 0;
    }

    // Past the end of the current line (after a record too long to read).
    void skipLine()
    {
        for (;;) {
            const qsizetype nl = m_buf.indexOf('\n', m_pos);
            if (nl >= 0) {
                m_pos = nl + 1;
                return;
            }
            m_pos = m_buf.size();
            if (!fill())
                return;
        }
    }

    // A record from `from` to `to` (its line feed excluded): one line and the line feeds inside its quotes.
    void countLines(qsizetype from, qsizetype to)
    {
        m_line += 1 + QByteArrayView(m_buf.constData() + from, to - from).count('\n');
    }

    void split(const QString &text, QStringList &fields, QString &error)
    {
        const QChar *data = text.constData();
        const qsizetype size = text.size();
        qsizetype i = 0;
        for (;;) {
            if (i < size && data[i] == u'"') {
                // A quoted field: up to the lone closing quote, "" standing for one quote.
                QString field;
                qsizetype from = ++i;
                for (;;) {
                    while (i < size && data[i] != u'"')
                        ++i;
                    field.append(data + from, i - from);
                    if (i + 1 < size && data[i + 1] == u'"') {
                        field.append(u'"');
                        i += 2;
                        from = i;
                        continue;
                    }
                    ++i; // the closing quote (split only sees balanced quotes)
                    break;
                }
                fields << field;
                if (i < size && data[i] != m_delimiter) {
                    error = QStringLiteral("line %1, field %2: text after the closing quote")
                                .arg(m_recordLine)
                                .arg(fields.size());
                    return;
                }
            } else {
                const qsizetype from = i;
                while (i < size && data[i] != m_delimiter) {
                    if (data[i] == u'"') {
                        error = QStringLiteral("line %1, field %2: a quote (\") inside an unquoted field; quote "
                                               "the whole field and double the quote")
                                    .arg(m_recordLine)
                                    .arg(fields.size() + 1);
                        return;
                    }
                    ++i;
                }
                fields << QString(data + from, i - from);
            }
            if (i >= size)
                return;
            ++i; // the delimiter
        }
    }

    QIODevice &m_in;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    bool m_eof = false;
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

    const auto column = [&](const char *key) { return col.value(QLatin1String(key), -1); };
    const int sku = column("sku"), productName = column("name"), taxClass = column("tax_class"),
              brand = column("brand"), category = column("category"), categoryName = column("category_name"),
              productCode = column("product_code"), variantLabel = column("variant_label"), barcode = column("barcode"),
              currency = column("currency"), price = column("price"), unit = column("unit"),
              taxRate = column("tax_rate"), validFrom = column("valid_from"), validTo = column("valid_to");
    const auto field = [&](int i) -> QStringView { return i >= 0 ? QStringView(fields[i]) : QStringView(); };

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
            r.source = u"line " + QString::number(reader.recordLine());
            r.sku = field(sku).trimmed().toString();
            r.productName = field(productName).trimmed().toString();
            r.taxClassCode = field(taxClass).trimmed().toString();
            r.brand = field(brand).trimmed().toString();
            r.categoryCode = field(category).trimmed().toString();
            r.categoryName = field(categoryName).trimmed().toString();
            r.productCode = field(productCode).trimmed().toString();
            r.variantLabel = field(variantLabel).trimmed().toString();
            for (QStringView b : field(barcode).split(u'|', Qt::SkipEmptyParts)) {
                if (!b.trimmed().isEmpty())
                    r.barcodes << b.trimmed().toString();
            }
            Status st = parseCommon(r, field(currency), m_defaultCurrency, field(price), field(unit), field(taxRate),
                field(validFrom), field(validTo));
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
