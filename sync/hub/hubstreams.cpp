// SPDX-License-Identifier: GPL-3.0-or-later
// The hub side of pull streams: publishing catalogs and JSON Lines as changes, serving pages, digests, compaction.
#include "sync/hub/hubstore.h"

#include "core/codes/gtin.h"
#include "core/storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace omnitill::sync {

namespace {
// Records an import as stream changes. Tax classes and catalog rows are keyed so that re-importing the same file
// produces changes only where something differs.
class HubCatalogPublisher : public CatalogSink
{
public:
    explicit HubCatalogPublisher(HubStore &hub)
        : m_hub(hub)
    { }
    Status begin() override
    {
        m_tx = m_hub.transaction();
        return m_tx->begun();
    }
    Status defineTaxClass(const TaxClass &tax) override
    {
        if (tax.code.isEmpty() || tax.rateMilliPct < 0 || tax.rateMilliPct > 100000)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("tax class %1 needs a code and a rate of 0-100%").arg(tax.code));
        m_taxRates.insert(tax.code, tax.rateMilliPct);
        return m_hub.publish(kTaxStream, tax.code, taxRow(tax));
    }
    Status write(const CatalogRecord &r) override
    {
        if (r.sku.trimmed().isEmpty() || r.productName.trimmed().isEmpty() || !r.price)
            return makeError(ErrorCode::InvalidInput,
                r.source + QStringLiteral(": a published row needs a SKU, a name and a price"));
        for (const QString &b : r.barcodes) {
            if (auto st = Gtin::validate(b); !st)
                return makeError(ErrorCode::InvalidInput, r.source + u": " + st.error().message);
        }
        if (r.taxRateMilliPct && !m_taxRates.contains(r.taxClassCode)) {
            if (auto st = defineTaxClass(TaxClass { r.taxClassCode, r.taxClassCode, *r.taxRateMilliPct }); !st)
                return st;
        }
        return m_hub.publish(kCatalogStream, catalogKey(r), catalogRow(r));
    }
    Status commit() override
    {
        auto st = m_tx->commit();
        m_tx.reset();
        return st;
    }
    void rollback() override { m_tx.reset(); }

private:
    HubStore &m_hub;
    std::unique_ptr<Transaction> m_tx;
    QHash<QString, qint32> m_taxRates;
};
} // namespace

std::unique_ptr<CatalogSink> HubStore::catalogPublisher()
{
    return std::make_unique<HubCatalogPublisher>(*this);
}

Status HubStore::publish(const QString &stream, const QString &key, const std::optional<QByteArray> &row)
{
    if (row) {
        if (auto st = validateRow(stream, key, *row); !st)
            return st;
    } else if (!kTerminalStreams.contains(stream)) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("there is no stream \"%1\"").arg(stream));
    }
    // Unchanged rows are not republished: re-importing a catalog only sends what differs.
    auto latest = prepare(m_db,
        QStringLiteral("SELECT op, row_hash FROM stream_change WHERE stream = ? AND key = ? "
                       "ORDER BY change_seq DESC LIMIT 1"));
    if (!latest)
        return latest.error();
    latest->bindValue(0, stream);
    latest->bindValue(1, key);
    if (auto st = exec(*latest, QStringLiteral("reading the stream")); !st)
        return st;
    const QByteArray hash = row ? rowHash(*row) : QByteArray();
    if (latest->next()) {
        const bool wasDelete = latest->value(0).toString() == QLatin1String("delete");
        if ((!row && wasDelete) || (row && !wasDelete && latest->value(1).toByteArray() == hash))
            return Ok {};
    } else if (!row) {
        return Ok {}; // deleting what was never published
    }
    latest->finish();
    auto q = prepare(m_db,
        QStringLiteral("INSERT INTO stream_change (stream, key, op, body, row_hash, at_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    if (!q)
        return q.error();
    const QVariant nullBlob(QMetaType(QMetaType::QByteArray));
    const QVariantList v = { stream, key, row ? QStringLiteral("upsert") : QStringLiteral("delete"),
        row ? QVariant(*row) : nullBlob, row ? QVariant(hash) : nullBlob, m_clock() };
    for (int i = 0; i < v.size(); ++i)
        q->bindValue(i, v[i]);
    return exec(*q, QStringLiteral("publishing a change"));
}

Result<qint64> HubStore::publishLines(const QString &stream, QIODevice &lines)
{
    if (stream == kStoredValueStream)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the stored_value stream is the hub's ledger: cards are loaded by selling them at a till"));
    if (stream == kCustomersStream)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the customers stream comes from the hub's customer records: use customers-import and "
                           "orders-import"));
    if (!kTerminalStreams.contains(stream) || stream == kCatalogStream || stream == kTaxStream)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("publish %1 with \"publish FILE\"; JSON Lines are for %2")
                .arg(stream, QStringList { kStockStream, kCartsStream, kConfigStream }.join(QStringLiteral(", "))));
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    qint64 line = 0, changes = 0;
    while (!lines.atEnd()) {
        const QByteArray text = lines.readLine(1024 * 1024).trimmed();
        ++line;
        if (text.isEmpty())
            continue;
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(text, &pe).object();
        const QString key = o.value(u"key").toString();
        auto fail = [&](const QString &why) {
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("line %1: %2; nothing was published").arg(line).arg(why));
        };
        if (pe.error != QJsonParseError::NoError)
            return fail(QStringLiteral("not JSON (%1)").arg(pe.errorString()));
        if (key.isEmpty())
            return fail(QStringLiteral("no \"key\""));
        std::optional<QByteArray> row;
        if (o.value(u"delete").toBool()) {
            row.reset();
        } else if (o.value(u"row").isObject()) {
            row = QJsonDocument(o.value(u"row").toObject()).toJson(QJsonDocument::Compact);
        } else {
            return fail(QStringLiteral("each line needs \"row\": {...} or \"delete\": true"));
        }
        if (auto st = publish(stream, key, row); !st)
            return st.error().code == ErrorCode::InvalidInput ? fail(st.error().message) : st.error();
        ++changes;
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    return changes;
}

namespace {
Status checkStream(const QString &stream)
{
    if (!kTerminalStreams.contains(stream))
        return makeError(ErrorCode::NotFound,
            QStringLiteral("there is no stream \"%1\"; the streams are %2")
                .arg(stream.left(64), kTerminalStreams.join(QStringLiteral(", "))));
    return Ok {};
}
} // namespace

Result<PullPage> HubStore::pull(const QString &stream, qint64 cursor, int limit)
{
    if (auto st = checkStream(stream); !st)
        return st.error();
    if (limit < 1 || limit > kMaxPullLimit)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("a pull takes 1 to %1 changes at a time").arg(kMaxPullLimit));
    auto floor = prepare(m_db, QStringLiteral("SELECT min_cursor FROM stream_state WHERE stream = ?"));
    if (!floor)
        return floor.error();
    floor->bindValue(0, stream);
    if (auto st = exec(*floor, QStringLiteral("reading the stream state")); !st)
        return st.error();
    // Cursor 0 is a full snapshot and is always served: compaction kept the latest change of every live key.
    if (floor->next() && cursor > 0 && cursor < floor->value(0).toLongLong())
        return makeError(ErrorCode::Conflict,
            QStringLiteral("cursor %1 of %2 predates pruned deletions; refetch the stream").arg(cursor).arg(stream));
    floor->finish();
    auto q = prepare(m_db,
        QStringLiteral("SELECT change_seq, op, key, body, row_hash FROM stream_change "
                       "WHERE stream = ? AND change_seq > ? ORDER BY change_seq LIMIT ?"));
    if (!q)
        return q.error();
    q->bindValue(0, stream);
    q->bindValue(1, cursor);
    q->bindValue(2, limit);
    if (auto st = exec(*q, QStringLiteral("reading the stream")); !st)
        return st.error();
    PullPage page;
    page.stream = stream;
    page.nextCursor = cursor;
    while (q->next()) {
        StreamChange c;
        c.seq = q->value(0).toLongLong();
        c.remove = q->value(1).toString() == QLatin1String("delete");
        c.key = q->value(2).toString();
        c.row = q->value(3).toByteArray();
        c.rowHash = q->value(4).toByteArray();
        page.changes.append(c);
        page.nextCursor = c.seq;
    }
    page.upToDate = page.changes.size() < limit;
    return page;
}

Result<StreamDigest> HubStore::digest(const QString &stream)
{
    if (auto st = checkStream(stream); !st)
        return st.error();
    return digestOf(m_db,
        QStringLiteral("SELECT c.key, c.row_hash FROM stream_change c WHERE c.stream = ? AND c.op = 'upsert' "
                       "AND c.change_seq = (SELECT max(change_seq) FROM stream_change l "
                       "WHERE l.stream = c.stream AND l.key = c.key)"),
        stream);
}

Result<qint64> HubStore::compact(const QString &stream, qint64 tombstoneHorizon)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    auto superseded = prepare(m_db,
        QStringLiteral("DELETE FROM stream_change WHERE stream = ? AND change_seq < "
                       "(SELECT max(change_seq) FROM stream_change l WHERE "
                       "l.stream = stream_change.stream AND l.key = stream_change.key)"));
    auto tombstones = prepare(
        m_db, QStringLiteral("DELETE FROM stream_change WHERE stream = ? AND op = 'delete' AND change_seq <= ?"));
    auto floor = prepare(m_db,
        QStringLiteral("INSERT INTO stream_state (stream, min_cursor) VALUES (?, ?) ON CONFLICT (stream) "
                       "DO UPDATE SET min_cursor = %1(stream_state.min_cursor, excluded.min_cursor)")
            .arg(m_dialect == Dialect::Postgres ? QStringLiteral("GREATEST") : QStringLiteral("max")));
    if (!superseded || !tombstones || !floor)
        return makeError(ErrorCode::Storage, QStringLiteral("cannot prepare the compaction"));
    superseded->bindValue(0, stream);
    if (auto st = exec(*superseded, QStringLiteral("compacting the stream")); !st)
        return st.error();
    qint64 removed = superseded->numRowsAffected();
    tombstones->bindValue(0, stream);
    tombstones->bindValue(1, tombstoneHorizon);
    if (auto st = exec(*tombstones, QStringLiteral("pruning deletions")); !st)
        return st.error();
    removed += tombstones->numRowsAffected();
    if (tombstones->numRowsAffected() > 0) {
        floor->bindValue(0, stream);
        floor->bindValue(1, tombstoneHorizon);
        if (auto st = exec(*floor, QStringLiteral("raising the stream floor")); !st)
            return st.error();
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    return removed;
}

Result<qint64> HubStore::compactBefore(qint64 beforeMs)
{
    // The last change recorded before `beforeMs`: deletions up to it are old enough to forget.
    auto q = prepare(m_db, QStringLiteral("SELECT coalesce(max(change_seq), 0) FROM stream_change WHERE at_ms < ?"));
    if (!q)
        return q.error();
    q->bindValue(0, beforeMs);
    if (auto st = exec(*q, QStringLiteral("reading the stream changes")); !st)
        return st.error();
    const qint64 horizon = q->next() ? q->value(0).toLongLong() : 0;
    q->finish();
    qint64 removed = 0;
    for (const QString &stream : kTerminalStreams) {
        auto r = compact(stream, horizon);
        if (!r)
            return r.error();
        removed += *r;
    }
    return removed;
}

} // namespace omnitill::sync
