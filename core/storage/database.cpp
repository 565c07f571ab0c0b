// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/migrations.h"
#include "core/storage/searchindex.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDriver>
#include <QStorageInfo>
#include <QVariant>

#include <sqlite3.h>

namespace omnitill {

namespace {
QAtomicInteger<quint64> s_connectionCounter;

// Below this much free space, an I/O error is the disk being full: SQLite then fails to create or grow the
// -wal and -shm files with "disk I/O error" rather than SQLITE_FULL.
constexpr qint64 kFullDiskBytes = 256 * 1024;

// An error from opening the store at `path`, said as what it is when the disk holding it is full.
Error explainOpenError(Error error, const QString &path)
{
    if (error.code != ErrorCode::Storage)
        return error;
    const QStorageInfo disk(QFileInfo(path).absolutePath());
    if (!disk.isValid() || disk.bytesAvailable() >= kFullDiskBytes)
        return error;
    qCWarning(lcDb) << "opening" << path << "failed with" << disk.bytesAvailable() << "bytes free:" << error.message;
    return makeError(ErrorCode::StorageFull,
        QStringLiteral("the disk holding %1 is full (%2 KiB free), so the store cannot be opened; nothing was "
                       "changed. Free some space and try again.")
            .arg(path)
            .arg(disk.bytesAvailable() / 1024));
}

Result<QVariant> scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return sqlError(q.lastError(), sql);
    if (!q.next())
        return QVariant();
    return q.value(0);
}
} // namespace

Error sqlError(const QSqlError &e, QStringView context)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return sqliteError(ok ? code : -1, e.databaseText().isEmpty() ? e.text() : e.databaseText(), context);
}

Result<QSqlQuery> prepare(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q.lastError(), QStringLiteral("preparing a statement"));
    return q;
}

Status exec(QSqlQuery &q, QStringView context)
{
    if (!q.exec())
        return sqlError(q.lastError(), context);
    return Ok {};
}

Status execDirect(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return sqlError(q.lastError(), sql.left(60));
    return Ok {};
}

Result<std::optional<QString>> readMeta(QSqlDatabase &db, const QString &key)
{
    auto q = prepare(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, key);
    if (auto st = exec(*q, QStringLiteral("reading setting %1").arg(key)); !st)
        return st.error();
    if (!q->next())
        return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

Status writeMeta(QSqlDatabase &db, const QString &key, const std::optional<QString> &value)
{
    auto q = prepare(db,
        value ? QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
              : QStringLiteral("DELETE FROM meta WHERE key = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, key);
    if (value)
        q->bindValue(1, *value);
    return exec(*q, QStringLiteral("saving setting %1").arg(key));
}

namespace {
// BEGIN, COMMIT and ROLLBACK: on SQLite straight on the handle (no statement object to build and throw away for every
// sale), on other engines through Qt.
Status runControl(QSqlDatabase &db, const QString &sql)
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle)
        return execDirect(db, sql);
    const int rc = sqlite3_exec(handle, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(rc, QString::fromUtf8(sqlite3_errmsg(handle)), sql);
    return Ok {};
}
} // namespace

Transaction::Transaction(QSqlDatabase &db, const QString &begin)
    : m_db(db)
    , m_begun(runControl(db, begin))
    , m_open(m_begun.ok())
{ }

Transaction::~Transaction()
{
    if (m_open) {
        // SQLite has already rolled back after some errors (a full disk, an interrupt): nothing is left to undo.
        if (sqlite3 *handle = sqliteHandle(m_db); handle && sqlite3_get_autocommit(handle))
            return;
        if (auto st = runControl(m_db, QStringLiteral("ROLLBACK")); !st)
            qCWarning(lcDb) << "rollback failed:" << st.error().message;
    }
}

Status Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? Status(makeError(ErrorCode::Storage, QStringLiteral("transaction already finished")))
                            : m_begun;
    auto st = runControl(m_db, QStringLiteral("COMMIT"));
    if (st)
        m_open = false; // on failure the destructor rolls back
    return st;
}

Database::Database(QSqlDatabase db, QString path)
    : m_db(std::move(db))
    , m_statements(std::make_unique<StatementCache>(m_db))
    , m_connectionName(m_db.connectionName())
    , m_path(std::move(path))
{ }

Database::~Database()
{
    m_statements.reset(); // finalized before the connection closes
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.exists() && !fi.isFile())
        return makeError(ErrorCode::Io, QStringLiteral("%1 is not a regular file").arg(path));
    if (!fi.exists() && !QFileInfo(fi.absolutePath()).isDir())
        return makeError(ErrorCode::Io, QStringLiteral("the folder %1 does not exist").arg(fi.absolutePath()));

    const QString name = QStringLiteral("omnitill-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid()) {
        QSqlDatabase::removeDatabase(name);
        return makeError(ErrorCode::Storage, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    }
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    std::unique_ptr<Database> self(new Database(db, path));
    db = QSqlDatabase(); // only `self` may hold the connection, so that it can remove it on every return path
    if (!self->m_db.open())
        return explainOpenError(sqlError(self->m_db.lastError(), QStringLiteral("opening %1").arg(path)), path);
    if (auto st = self->configure(); !st)
        return explainOpenError(st.error(), path);
    if (auto st = self->migrate(); !st)
        return explainOpenError(st.error(), path);
    return self;
}

Status Database::configure()
{
    // Reading the header first turns "not a database" into a clean error before anything is written.
    auto appId = scalar(m_db, QStringLiteral("PRAGMA application_id"));
    if (!appId)
        return appId.error();
    auto version = scalar(m_db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    auto tables = scalar(m_db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!tables)
        return tables.error();
    m_version = version->toInt();
    const qint32 id = appId->toInt();
    if ((id != 0 && id != kApplicationId) || (id == 0 && tables->toInt() > 0))
        return makeError(ErrorCode::Corrupt,
            QStringLiteral("%1 is an SQLite database of another application, not an OmniTill store; "
                           "it was left untouched")
                .arg(m_path));
    if (m_version > kSchemaVersion)
        return makeError(ErrorCode::SchemaTooNew,
            QStringLiteral("%1 has schema version %2 but this OmniTill understands up to %3; "
                           "install a newer OmniTill. The file was left untouched.")
                .arg(m_path)
                .arg(m_version)
                .arg(kSchemaVersion));

    auto mode = scalar(m_db, QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::Storage,
            QStringLiteral("could not switch %1 to WAL mode (got %2)").arg(m_path, mode->toString()));
    for (const char *pragma : { "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
             "PRAGMA cache_size=-65536" }) {
        if (auto st = execDirect(m_db, QString::fromLatin1(pragma)); !st)
            return st;
    }
    // Name search ranks with it (core/storage/searchindex.h); schema step 7 needs the tokenizer behind it too.
    return SearchIndex::registerRank(m_db);
}

Status Database::migrate()
{
    if (m_version == kSchemaVersion)
        return Ok {};
    auto r = Migrations::run(m_db, m_version, kSchemaVersion);
    if (!r)
        return r.error();
    m_version = *r;
    return Ok {};
}

Status Database::integrityCheck()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return sqlError(q.lastError(), QStringLiteral("checking integrity"));
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    if (!problems.isEmpty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("integrity check failed: %1").arg(problems.join(u"; ")));
    return Ok {};
}

} // namespace omnitill
