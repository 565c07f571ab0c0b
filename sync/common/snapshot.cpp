// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/snapshot.h"
#include "sync/common/streamapplier.h"

#include "core/storage/database.h"
#include "core/storage/sha256.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QVariant>

namespace omnitill::sync {

namespace {
// The catalog tables of a terminal store, parents first, and the FTS5 index's own tables, copied as they are so that
// nothing is tokenized again.
constexpr const char *kCatalogTables[] = { "tax_class", "category", "product", "variant", "barcode", "price",
    "stream_row", "pulled_row", "search_prefix" };
// The roles and people the hub sends: a new store already has the default roles (replaced by the hub's) and may have
// a first manager of its own, set up before it met a hub (kept).
constexpr std::pair<const char *, const char *> kStaffTables[]
    = { { "staff_role", "INSERT OR REPLACE" }, { "staff", "INSERT OR IGNORE" } };
constexpr const char *kIndexTables[]
    = { "variant_fts_data", "variant_fts_idx", "variant_fts_content", "variant_fts_docsize", "variant_fts_config" };

Error refused(const QString &why)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("the catalog snapshot was refused: %1").arg(why));
}

Result<qint64> count(QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    // Table names come from this file, never from input.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next())
        return sqlError(q.lastError(), QStringLiteral("counting %1").arg(table));
    return q.value(0).toLongLong();
}

Result<QVariant> scalar(QSqlDatabase &db, const QString &sql, QStringView context)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return sqlError(q.lastError(), context);
    return q.next() ? q.value(0) : QVariant();
}

Result<std::optional<QString>> snapMeta(QSqlDatabase &db, const QString &key)
{
    auto q = prepare(db, QStringLiteral("SELECT value FROM snap.meta WHERE key = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, key);
    if (auto st = exec(*q, u"reading the snapshot's meta"); !st)
        return st.error();
    if (!q->next())
        return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

// The snapshot's own account of itself, checked against the manifest, the chain and this store.
Status checkAttached(QSqlDatabase &db, const SnapshotManifest &manifest, const QString &chain)
{
    auto appId = scalar(db, QStringLiteral("PRAGMA snap.application_id"), u"reading the snapshot");
    if (!appId)
        return appId.error();
    if (appId->toInt() != Database::kApplicationId)
        return refused(QStringLiteral("the file is not an OmniTill store"));
    auto version = scalar(db, QStringLiteral("PRAGMA snap.user_version"), u"reading the snapshot");
    if (!version)
        return version.error();
    if (version->toInt() != Database::kSchemaVersion)
        return refused(QStringLiteral("it was written with schema %1 and this terminal has schema %2")
                           .arg(version->toInt())
                           .arg(Database::kSchemaVersion));
    auto snapChain = snapMeta(db, QStringLiteral("snapshot.chain"));
    if (!snapChain)
        return snapChain.error();
    if (!snapChain->has_value() || **snapChain != manifest.chain || manifest.chain != chain)
        return refused(QStringLiteral("it belongs to chain %1, and this terminal's hub is chain %2")
                           .arg(snapChain->value_or(QStringLiteral("(none)")), chain));
    for (const QString &stream : kTerminalStreams) {
        auto theirs = snapMeta(db, QStringLiteral("cursor.") + stream);
        if (!theirs)
            return theirs.error();
        const qint64 snapCursor = theirs->value_or(QStringLiteral("0")).toLongLong();
        if (snapCursor != manifest.cursors.value(stream))
            return refused(QStringLiteral("its %1 cursor is not the one its manifest gives").arg(stream));
        auto ours = readMeta(db, QStringLiteral("cursor.") + stream);
        if (!ours)
            return ours.error();
        const qint64 ourCursor = ours->value_or(QStringLiteral("0")).toLongLong();
        if (ourCursor > snapCursor)
            return refused(QStringLiteral("it is older than this terminal's data (%1 up to %2, the snapshot up to %3)")
                               .arg(stream)
                               .arg(ourCursor)
                               .arg(snapCursor));
    }
    for (const char *table : kCatalogTables) {
        auto n = count(db, QStringLiteral("main.") + QLatin1String(table));
        if (!n)
            return n.error();
        if (*n > 0)
            return refused(
                QStringLiteral("this terminal already has a catalog (%1 rows in %2); it continues by pulling")
                    .arg(*n)
                    .arg(QLatin1String(table)));
    }
    auto skus = count(db, QStringLiteral("snap.variant"));
    if (!skus)
        return skus.error();
    if (*skus != manifest.skus)
        return refused(QStringLiteral("it holds %1 SKUs, its manifest says %2").arg(*skus).arg(manifest.skus));
    return Ok {};
}

Status copyAll(QSqlDatabase &db, const SnapshotManifest &manifest)
{
    for (const char *table : kIndexTables) {
        if (auto st = execDirect(db, QStringLiteral("DELETE FROM main.%1").arg(QLatin1String(table))); !st)
            return st;
    }
    for (const char *table : kCatalogTables) {
        if (auto st
            = execDirect(db, QStringLiteral("INSERT INTO main.%1 SELECT * FROM snap.%1").arg(QLatin1String(table)));
            !st)
            return st;
    }
    for (const char *table : kIndexTables) {
        if (auto st
            = execDirect(db, QStringLiteral("INSERT INTO main.%1 SELECT * FROM snap.%1").arg(QLatin1String(table)));
            !st)
            return st;
    }
    for (const auto &[table, insert] : kStaffTables) {
        if (auto st = execDirect(db,
                QStringLiteral("%2 INTO main.%1 SELECT * FROM snap.%1")
                    .arg(QLatin1String(table), QLatin1String(insert)));
            !st)
            return st;
    }
    for (auto it = manifest.cursors.cbegin(); it != manifest.cursors.cend(); ++it) {
        if (auto st = writeMeta(db, QStringLiteral("cursor.") + it.key(), QString::number(it.value())); !st)
            return st;
    }
    return Ok {};
}
} // namespace

QByteArray encodeManifest(const SnapshotManifest &m)
{
    QJsonObject cursors;
    for (auto it = m.cursors.cbegin(); it != m.cursors.cend(); ++it)
        cursors.insert(it.key(), it.value());
    return QJsonDocument(QJsonObject { { QStringLiteral("id"), m.id }, { QStringLiteral("size"), m.size },
                             { QStringLiteral("chain"), m.chain }, { QStringLiteral("schema"), m.schemaVersion },
                             { QStringLiteral("created_at_ms"), m.createdAtMs }, { QStringLiteral("skus"), m.skus },
                             { QStringLiteral("cursors"), cursors } })
        .toJson(QJsonDocument::Compact);
}

Result<SnapshotManifest> decodeManifest(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    SnapshotManifest m;
    m.id = o.value(u"id").toString();
    m.size = qint64(o.value(u"size").toDouble(-1));
    m.chain = o.value(u"chain").toString();
    m.schemaVersion = o.value(u"schema").toInt();
    m.createdAtMs = qint64(o.value(u"created_at_ms").toDouble());
    m.skus = qint64(o.value(u"skus").toDouble(-1));
    const QJsonObject cursors = o.value(u"cursors").toObject();
    for (auto it = cursors.begin(); it != cursors.end(); ++it)
        m.cursors.insert(it.key(), qint64(it.value().toDouble(-1)));
    if (!hex.match(m.id).hasMatch() || m.size <= 0 || m.chain.isEmpty() || m.skus < 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the snapshot manifest is malformed"));
    for (const QString &stream : kTerminalStreams) {
        if (m.cursors.value(stream, -1) < 0)
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("the snapshot manifest has no %1 cursor").arg(stream));
    }
    return m;
}

Result<QString> fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    Sha256 sha;
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(block.data(), block.size());
        if (n < 0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        if (n == 0)
            break;
        sha.addData(QByteArrayView(block.constData(), n));
    }
    return QString::fromLatin1(sha.result().toHex());
}

Result<SnapshotManifest> buildSnapshot(const QString &path, const QString &chain, const PageSource &pages, qint64 nowMs)
{
    const QString part = path + QStringLiteral(".part");
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(part + QLatin1String(suffix));
    SnapshotManifest m;
    m.chain = chain;
    m.schemaVersion = Database::kSchemaVersion;
    m.createdAtMs = nowMs;
    {
        auto db = Database::open(part);
        if (!db)
            return db.error();
        for (const QString &stream : kTerminalStreams) {
            for (;;) {
                auto cursor = StreamApplier::cursor(**db, stream);
                if (!cursor)
                    return cursor.error();
                auto page = pages(stream, *cursor);
                if (!page)
                    return page.error();
                if (page->changes.isEmpty() || page->nextCursor <= *cursor)
                    break;
                if (auto st = StreamApplier::applyPage(**db, *page); !st)
                    return st.error();
            }
            auto cursor = StreamApplier::cursor(**db, stream);
            if (!cursor)
                return cursor.error();
            m.cursors.insert(stream, *cursor);
        }
        QSqlDatabase &c = (*db)->connection();
        {
            Transaction tx(c);
            Status st = tx.begun();
            if (st)
                st = writeMeta(c, QStringLiteral("snapshot.chain"), chain);
            if (st)
                st = writeMeta(c, QStringLiteral("snapshot.created_at_ms"), QString::number(nowMs));
            if (st)
                st = tx.commit();
            if (!st)
                return st.error();
        }
        auto skus = count(c, QStringLiteral("variant"));
        if (!skus)
            return skus.error();
        m.skus = *skus;
        // One self-contained file: the WAL folded in and gone.
        if (auto st = execDirect(c, QStringLiteral("PRAGMA journal_mode = DELETE")); !st)
            return st.error();
    }
    m.size = QFile(part).size();
    auto sha = fileSha256(part);
    if (!sha)
        return sha.error();
    m.id = *sha;
    QFile::remove(path);
    if (!QFile::rename(part, path))
        return makeError(ErrorCode::Io, QStringLiteral("cannot move the snapshot into place at %1").arg(path));
    return m;
}

Status installSnapshot(
    const QString &databasePath, const QString &snapshotPath, const SnapshotManifest &manifest, const QString &chain)
{
    if (QFile(snapshotPath).size() != manifest.size)
        return refused(QStringLiteral("the file has %1 bytes, its manifest says %2")
                           .arg(QFile(snapshotPath).size())
                           .arg(manifest.size));
    auto sha = fileSha256(snapshotPath);
    if (!sha)
        return sha.error();
    if (*sha != manifest.id)
        return refused(QStringLiteral("the file is damaged (its SHA-256 is not the one its manifest gives)"));
    auto store = Database::open(databasePath);
    if (!store)
        return store.error();
    QSqlDatabase &db = (*store)->connection();
    {
        auto attach = prepare(db, QStringLiteral("ATTACH DATABASE ? AS snap"));
        if (!attach)
            return attach.error();
        attach->bindValue(0, snapshotPath);
        if (auto st = exec(*attach, u"opening the snapshot"); !st)
            return refused(st.error().message);
    }
    Status result = [&]() -> Status {
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun();
        if (auto st = checkAttached(db, manifest, chain); !st)
            return st;
        if (auto st = copyAll(db, manifest); !st)
            return st;
        auto skus = count(db, QStringLiteral("main.variant"));
        if (!skus)
            return skus.error();
        if (*skus != manifest.skus)
            return refused(QStringLiteral("%1 SKUs arrived, %2 were expected").arg(*skus).arg(manifest.skus));
        return tx.commit();
    }();
    (void)execDirect(db, QStringLiteral("DETACH DATABASE snap")); // the connection closes next anyway
    return result;
}

} // namespace omnitill::sync
