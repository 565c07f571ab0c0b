// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/storage/statement.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace omnitill {

// One SQLite connection (QSQLITE) to an OmniTill store, opened in WAL mode with synchronous=FULL and migrated to the
// current schema. Connections are per thread: open one Database per thread that touches the store.
class Database
{
public:
    static constexpr int kSchemaVersion = 21;
    static constexpr qint32 kApplicationId = 0x4F6D5469; // "OmTi"

    // Opens (creating if missing) and migrates. Fails with Corrupt for files that are not OmniTill databases, and with
    // SchemaTooNew for databases written by a newer OmniTill; such files are never modified.
    static Result<std::unique_ptr<Database>> open(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &connection() { return m_db; }
    // A statement prepared once per connection and kept (see StatementCache), for the paths run on every scan and
    // sale. `sql` is a fixed text with bound parameters; the Statement must not outlive this Database.
    Result<Statement> statement(std::string_view sql) { return m_statements->statement(sql); }
    const QString &path() const { return m_path; }
    int schemaVersion() const { return m_version; }

    // Full PRAGMA integrity_check; returns the problems found, or Ok.
    Status integrityCheck();

private:
    Database(QSqlDatabase db, QString path);
    Status configure();
    Status migrate();

    QSqlDatabase m_db;
    std::unique_ptr<StatementCache> m_statements;
    QString m_connectionName;
    QString m_path;
    int m_version = 0;
};

// Maps a QSqlError to an Error: SQLITE_FULL becomes StorageFull, SQLITE_CORRUPT/NOTADB become Corrupt.
Error sqlError(const QSqlError &e, QStringView context);

// Prepares a statement (always with bound parameters) or explains why it could not be prepared.
Result<QSqlQuery> prepare(QSqlDatabase &db, const QString &sql);
// Executes a prepared statement; `context` says what was being done, for the error message.
Status exec(QSqlQuery &q, QStringView context);
// Runs a parameterless statement (DDL, PRAGMA, BEGIN/COMMIT).
Status execDirect(QSqlDatabase &db, const QString &sql);

// The store's key/value settings (meta table): terminal identity, sync position, stream cursors, hub address.
Result<std::optional<QString>> readMeta(QSqlDatabase &db, const QString &key);
// Writes (or with nullopt removes) a setting, inside the caller's transaction if one is open.
Status writeMeta(QSqlDatabase &db, const QString &key, const std::optional<QString> &value);

// One durable change: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() succeeded.
class Transaction
{
public:
    // `begin` is SQLite's BEGIN IMMEDIATE by default (take the write lock up front); other engines pass "BEGIN".
    explicit Transaction(QSqlDatabase &db, const QString &begin = QStringLiteral("BEGIN IMMEDIATE"));
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // The error from BEGIN, if any; callers check this before writing.
    const Status &begun() const { return m_begun; }
    Status commit();

private:
    QSqlDatabase &m_db;
    Status m_begun;
    bool m_open = false;
};

} // namespace omnitill
