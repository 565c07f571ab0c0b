// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVarLengthArray>

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace omnitill {

class StatementCache;
struct CachedStatement;

// A prepared SQLite statement run on the connection's own handle (QSQLITE links the system SQLite), for the paths a
// till runs many times a second: preparing a statement costs more than running most of them, and QSqlQuery adds a
// QVariant and a copy per value. Parameters are bound by position from 0, like QSqlQuery's; text is bound and read
// as UTF-8 (broken UTF-16 is stored as QString::toUtf8() makes it), blobs as bytes, integers as 64 bits.
//
// A Statement borrowed from a StatementCache goes back to it when destroyed, reset and with its bindings cleared, so
// it never holds a read transaction open; one prepared on its own is finalized. Either way it lives on the thread and
// connection it was prepared on, and must not outlive the connection.
class Statement
{
public:
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    // Prepares `sql` on its own (finalized when destroyed). Fails with the error SQLite gives, e.g. for a table
    // that does not exist.
    static Result<Statement> prepare(QSqlDatabase &db, std::string_view sql);

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, QStringView text);
    Statement &bind(int index, const QString &text) { return bind(index, QStringView(text)); }
    Statement &bind(int index, const char16_t *text) { return bind(index, QStringView(text)); }
    Statement &bindBlob(int index, QByteArrayView bytes); // copied by SQLite
    Statement &bindNull(int index);
    Statement &bind(int index, const std::optional<qint64> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Runs to the next row: true when there is one to read, false when the statement has finished. `context` says
    // what was being done, for the error message (a full disk, a damaged file, a constraint).
    Result<bool> next(QStringView context);
    // Runs a statement that returns no rows (or whose rows are not needed) to completion and resets it, so it can be
    // bound and run again.
    Status run(QStringView context);
    // Makes the statement ready to run again; bindings stay.
    void reset();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

    // The rowid of the last row this connection inserted.
    qint64 lastInsertRowId() const;
    // The rows the connection's last finished INSERT, UPDATE or DELETE changed.
    qint64 changes() const;

private:
    friend class StatementCache;
    Statement(sqlite3_stmt *stmt, CachedStatement *cached);

    sqlite3_stmt *m_stmt = nullptr;
    CachedStatement *m_cached = nullptr; // null: finalized on destruction
    // The UTF-8 of the text bound to each parameter, which SQLite reads in place until it is bound again or the
    // bindings are cleared: text is converted once and not copied again.
    QVarLengthArray<QByteArray, 16> m_text;
};

// The prepared statements of one connection, kept by their SQL text. Database owns one and destroys it, finalizing
// every statement, before the connection closes; no Statement it lent may outlive it. A statement already lent out is
// prepared again, on its own, for a second (nested) user rather than shared.
class StatementCache
{
public:
    explicit StatementCache(QSqlDatabase &db);
    ~StatementCache();
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    Result<Statement> statement(std::string_view sql);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The SQLite handle behind a QSQLITE connection, or null when the connection is closed or is not SQLite.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// An Error for SQLite result code `code` (primary or extended) with SQLite's message `detail`: a full disk is
// StorageFull, a damaged file or one that is not a database is Corrupt, anything else Storage. sqlError() uses it.
Error sqliteError(int code, const QString &detail, QStringView context);

} // namespace omnitill
