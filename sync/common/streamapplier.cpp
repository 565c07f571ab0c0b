// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/streamapplier.h"

#include "core/storage/database.h"
#include "core/storage/statement.h"

#include <QVariant>

namespace omnitill::sync::StreamApplier {

namespace {
QString cursorKey(const QString &stream)
{
    return QStringLiteral("cursor.") + stream;
}
QString refetchKey(const QString &stream)
{
    return QStringLiteral("refetch.") + stream;
}

// Runs `sql` (a statement kept on the connection) with `key` and `stream` bound first and `blob`, when given, third.
Status runKeyed(Database &db, std::string_view sql, const QString &stream, const QString &key,
    std::optional<QByteArrayView> blob, QStringView context)
{
    auto q = db.statement(sql);
    if (!q)
        return q.error();
    q->bind(0, stream).bind(1, key);
    if (blob)
        q->bindBlob(2, *blob);
    return q->run(context);
}

// Applies the removal of `key` from `stream` to the store's tables.
Status removeKey(Database &db, CatalogWriter &writer, const QString &stream, const QString &key)
{
    if (stream == kCatalogStream) {
        const QStringList parts = key.split(u'|');
        if (parts.size() != 3)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a catalog key \"%1\" is malformed").arg(key));
        return writer.removePrice(parts[0], parts[1], parts[2].toLongLong());
    }
    if (stream == kTaxStream)
        return Ok {}; // tax classes are referenced by products and recorded sales: a removed class stays
    return runKeyed(db, "DELETE FROM stream_row WHERE stream = ? AND key = ?", stream, key, std::nullopt,
        QStringLiteral("removing a %1 row").arg(stream));
}

Status run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    return exec(*q, QStringLiteral("updating the stream mirror"));
}
} // namespace

Result<qint64> cursor(Database &db, const QString &stream)
{
    auto v = readMeta(db.connection(), cursorKey(stream));
    if (!v)
        return v.error();
    return v->value_or(QStringLiteral("0")).toLongLong();
}

Status applyPage(Database &db, const PullPage &page)
{
    if (!kTerminalStreams.contains(page.stream))
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("this terminal does not apply stream \"%1\"").arg(page.stream));
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    auto current = cursor(db, page.stream);
    if (!current)
        return current.error();
    CatalogWriter writer(db);
    writer.setBackendAuthoritative(true);
    if (auto st = writer.prepare(); !st)
        return st;
    const bool seen = refetching(db, page.stream);
    constexpr QStringView kContext = u"updating the stream mirror";
    for (const StreamChange &change : page.changes) {
        if (change.seq <= *current)
            continue; // a page that overlaps what is already applied
        if (change.remove) {
            if (auto st = removeKey(db, writer, page.stream, change.key); !st)
                return st;
            if (auto st = runKeyed(db, "DELETE FROM pulled_row WHERE stream = ? AND key = ?", page.stream, change.key,
                    std::nullopt, kContext);
                !st)
                return st;
        } else {
            if (page.stream == kCatalogStream) {
                if (change.key.isEmpty() || change.key.size() > 256)
                    return validateRow(page.stream, change.key, change.row); // its message
                auto record = validCatalogRow(change.key, change.row);
                if (!record)
                    return record.error();
                if (auto st = writer.write(*record); !st)
                    return st;
            } else if (auto valid = validateRow(page.stream, change.key, change.row); !valid) {
                return valid;
            } else if (page.stream != kTaxStream) {
                if (auto st = runKeyed(db,
                        "INSERT INTO stream_row (stream, key, body) VALUES (?, ?, ?) "
                        "ON CONFLICT (stream, key) DO UPDATE SET body = excluded.body",
                        page.stream, change.key, QByteArrayView(change.row), kContext);
                    !st)
                    return st;
            } else {
                auto tax = taxClassFromRow(change.row);
                if (!tax)
                    return tax.error();
                if (auto st = writer.upsertTaxClass(*tax); !st)
                    return st;
            }
            if (auto st = runKeyed(db,
                    "INSERT INTO pulled_row (stream, key, row_hash) VALUES (?, ?, ?) "
                    "ON CONFLICT (stream, key) DO UPDATE SET row_hash = excluded.row_hash",
                    page.stream, change.key, QByteArrayView(change.rowHash), kContext);
                !st)
                return st;
        }
        if (seen) {
            if (auto st = runKeyed(db, "INSERT OR IGNORE INTO pull_seen (stream, key) VALUES (?, ?)", page.stream,
                    change.key, std::nullopt, kContext);
                !st)
                return st;
        }
    }
    if (auto st = writer.finish(); !st)
        return st;
    if (page.nextCursor > *current) {
        if (auto st = writeMeta(c, cursorKey(page.stream), QString::number(page.nextCursor)); !st)
            return st;
    }
    return tx.commit();
}

Result<std::optional<QByteArray>> row(Database &db, const QString &stream, const QString &key)
{
    auto q = prepare(db.connection(), QStringLiteral("SELECT body FROM stream_row WHERE stream = ? AND key = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, stream);
    q->bindValue(1, key);
    if (auto st = exec(*q, QStringLiteral("reading a %1 row").arg(stream)); !st)
        return st.error();
    if (!q->next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(q->value(0).toByteArray());
}

Result<StreamDigest> digest(Database &db, const QString &stream)
{
    return digestOf(db.connection(), QStringLiteral("SELECT key, row_hash FROM pulled_row WHERE stream = ?"), stream);
}

Status beginRefetch(Database &db, const QString &stream)
{
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    if (auto st = run(c, QStringLiteral("DELETE FROM pull_seen WHERE stream = ?"), { stream }); !st)
        return st;
    if (auto st = writeMeta(c, refetchKey(stream), QStringLiteral("1")); !st)
        return st;
    if (auto st = writeMeta(c, cursorKey(stream), QStringLiteral("0")); !st)
        return st;
    return tx.commit();
}

bool refetching(Database &db, const QString &stream)
{
    auto v = readMeta(db.connection(), refetchKey(stream));
    return v && v->has_value();
}

Status finishRefetch(Database &db, const QString &stream)
{
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    QStringList gone;
    {
        auto q = prepare(c,
            QStringLiteral("SELECT key FROM pulled_row WHERE stream = ? AND key NOT IN "
                           "(SELECT key FROM pull_seen WHERE stream = ?)"));
        if (!q)
            return q.error();
        q->bindValue(0, stream);
        q->bindValue(1, stream);
        if (auto st = exec(*q, QStringLiteral("finding removed rows")); !st)
            return st;
        while (q->next())
            gone << q->value(0).toString();
    }
    CatalogWriter writer(db);
    if (auto st = writer.prepare(); !st)
        return st;
    for (const QString &key : gone) {
        if (auto st = removeKey(db, writer, stream, key); !st)
            return st;
        if (auto st = runKeyed(db, "DELETE FROM pulled_row WHERE stream = ? AND key = ?", stream, key, std::nullopt,
                u"removing a row the hub no longer has");
            !st)
            return st;
    }
    if (auto st = writer.finish(); !st)
        return st;
    if (auto st = run(c, QStringLiteral("DELETE FROM pull_seen WHERE stream = ?"), { stream }); !st)
        return st;
    if (auto st = writeMeta(c, refetchKey(stream), std::nullopt); !st)
        return st;
    return tx.commit();
}

} // namespace omnitill::sync::StreamApplier
