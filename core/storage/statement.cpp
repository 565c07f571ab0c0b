// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/statement.h"
#include "core/storage/logging.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace omnitill {

struct CachedStatement
{
    sqlite3_stmt *stmt = nullptr;
    bool lent = false;
};

namespace {
// std::string keys found by std::string_view without building a string per lookup.
struct SqlHash
{
    using is_transparent = void;
    size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view> {}(sql); }
};

Result<sqlite3_stmt *> prepareOn(sqlite3 *handle, std::string_view sql, unsigned flags)
{
    if (!handle)
        return makeError(ErrorCode::Storage, QStringLiteral("the store is not open"));
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(handle, sql.data(), int(sql.size()), flags, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqliteError(rc, QString::fromUtf8(sqlite3_errmsg(handle)), u"preparing a statement");
    }
    if (!stmt)
        return makeError(ErrorCode::Storage, QStringLiteral("an empty statement was prepared"));
    return stmt;
}
} // namespace

Error sqliteError(int code, const QString &detail, QStringView context)
{
    const int primary = code & 0xff;
    qCWarning(lcDb) << "SQL failure while" << context << ":" << detail << "(code" << code << ")";
    if (primary == SQLITE_FULL)
        return makeError(ErrorCode::StorageFull,
            QStringLiteral("the disk is full while %1; nothing was saved. Free some space and try again.")
                .arg(context));
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return makeError(ErrorCode::Corrupt,
            QStringLiteral("the database file is damaged or is not an OmniTill database (%1)").arg(detail));
    return makeError(ErrorCode::Storage, QStringLiteral("database error while %1: %2").arg(context, detail));
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

// --- Statement ---

Statement::Statement(sqlite3_stmt *stmt, CachedStatement *cached)
    : m_stmt(stmt)
    , m_cached(cached)
{ }

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_cached(std::exchange(other.m_cached, nullptr))
    , m_text(std::move(other.m_text))
{ }

Statement::~Statement()
{
    if (!m_stmt)
        return;
    if (m_cached) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_cached->lent = false;
    } else {
        sqlite3_finalize(m_stmt);
    }
}

Result<Statement> Statement::prepare(QSqlDatabase &db, std::string_view sql)
{
    auto stmt = prepareOn(sqliteHandle(db), sql, 0);
    if (!stmt)
        return stmt.error();
    return Statement(*stmt, nullptr);
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index + 1, value);
    return *this;
}

Statement &Statement::bind(int index, QStringView text)
{
    // As UTF-8 made by Qt: broken UTF-16 (a lone surrogate) becomes '?' as everywhere else in Qt, where SQLite's own
    // conversion would merge it with the next character. A null view is bound as empty text, never as NULL.
    QByteArray utf8 = text.toUtf8();
    if (index >= m_text.size())
        m_text.resize(index + 1);
    sqlite3_bind_text64(m_stmt, index + 1, utf8.isNull() ? "" : utf8.constData(), sqlite3_uint64(utf8.size()),
        SQLITE_STATIC, SQLITE_UTF8);
    m_text[index] = std::move(utf8); // the text bound before is no longer read
    return *this;
}

Statement &Statement::bindBlob(int index, QByteArrayView bytes)
{
    sqlite3_bind_blob64(m_stmt, index + 1, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index + 1);
    return *this;
}

Result<bool> Statement::next(QStringView context)
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString detail = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
    sqlite3_reset(m_stmt);
    return sqliteError(rc, detail, context);
}

Status Statement::run(QStringView context)
{
    for (;;) {
        auto row = next(context);
        if (!row)
            return row.error();
        if (!*row)
            break;
    }
    sqlite3_reset(m_stmt);
    return Ok {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!utf8)
        return {};
    return QString::fromUtf8(utf8, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return bytes ? QByteArray(bytes, sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

qint64 Statement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(sqlite3_db_handle(m_stmt));
}

qint64 Statement::changes() const
{
    return sqlite3_changes64(sqlite3_db_handle(m_stmt));
}

// --- StatementCache ---

struct StatementCache::Private
{
    QSqlDatabase &db;
    std::unordered_map<std::string, std::unique_ptr<CachedStatement>, SqlHash, std::equal_to<>> statements;
};

StatementCache::StatementCache(QSqlDatabase &db)
    : d(new Private { db, {} })
{ }

StatementCache::~StatementCache()
{
    for (auto &[sql, cached] : d->statements) {
        Q_ASSERT_X(!cached->lent, "StatementCache", "a statement outlives its connection");
        sqlite3_finalize(cached->stmt);
    }
}

Result<Statement> StatementCache::statement(std::string_view sql)
{
    auto it = d->statements.find(sql);
    if (it != d->statements.end()) {
        if (it->second->lent)
            return Statement::prepare(d->db, sql); // a nested user of the same SQL
        it->second->lent = true;
        return Statement(it->second->stmt, it->second.get());
    }
    auto stmt = prepareOn(sqliteHandle(d->db), sql, SQLITE_PREPARE_PERSISTENT);
    if (!stmt)
        return stmt.error();
    auto cached = std::make_unique<CachedStatement>(CachedStatement { *stmt, true });
    CachedStatement *lent = cached.get();
    d->statements.emplace(std::string(sql), std::move(cached));
    return Statement(*stmt, lent);
}

} // namespace omnitill
