// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's schema, written once for SQLite and PostgreSQL, and its versioned migrations.
#include "sync/hub/hubstore.h"

#include "core/storage/database.h"

#include <QVariant>

namespace omnitill::sync {

Result<int> HubStore::schemaVersion()
{
    QSqlQuery q(m_db);
    if (m_dialect == Dialect::Sqlite) {
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return sqlError(q.lastError(), QStringLiteral("reading the hub schema version"));
        return q.value(0).toInt();
    }
    // Concurrent hubs starting together: creating the table and its one row is idempotent.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)"))
        || !q.exec(
            QStringLiteral("INSERT INTO hub_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM hub_schema)"))
        || !q.exec(QStringLiteral("SELECT version FROM hub_schema")) || !q.next())
        return sqlError(q.lastError(), QStringLiteral("reading the hub schema version"));
    return q.value(0).toInt();
}

namespace {
// DDL is written once with {BLOB}, {INT} and {SERIAL} placeholders, filled in for each engine.
Status runAll(QSqlDatabase &db, HubStore::Dialect dialect, std::initializer_list<const char *> statements)
{
    const bool pg = dialect == HubStore::Dialect::Postgres;
    for (const char *sql : statements) {
        QString ddl = QString::fromLatin1(sql);
        ddl.replace(QStringLiteral("{BLOB}"), pg ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
        ddl.replace(QStringLiteral("{INT}"), pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"));
        ddl.replace(QStringLiteral("{SERIAL}"),
            pg ? QStringLiteral("BIGSERIAL PRIMARY KEY") : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
        if (auto st = execDirect(db, ddl); !st)
            return st;
    }
    return Ok {};
}

Status setVersion(QSqlDatabase &db, HubStore::Dialect dialect, int version)
{
    if (dialect == HubStore::Dialect::Sqlite) // an int from this file, never input
        return execDirect(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
    auto q = prepare(db, QStringLiteral("UPDATE hub_schema SET version = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, version);
    return exec(*q, QStringLiteral("recording the hub schema version"));
}

// v1: terminals, epochs, the permanent event table, incidents.
Status hubMigrateTo1(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE terminal ("
            "  terminal_id TEXT PRIMARY KEY,"
            "  store_code TEXT NOT NULL,"
            "  token_hash {BLOB} NOT NULL,"
            "  epoch {INT} NOT NULL,"
            "  registered_at_ms {INT} NOT NULL)",
            "CREATE TABLE terminal_epoch ("
            "  terminal_id TEXT NOT NULL REFERENCES terminal(terminal_id),"
            "  epoch {INT} NOT NULL,"
            "  hwm {INT} NOT NULL,"
            "  last_hash {BLOB} NOT NULL,"
            "  PRIMARY KEY (terminal_id, epoch))",
            // The permanent dedupe table: never pruned.
            "CREATE TABLE event ("
            "  terminal_id TEXT NOT NULL,"
            "  epoch {INT} NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  event_id TEXT NOT NULL UNIQUE,"
            "  type TEXT NOT NULL,"
            "  created_at_ms {INT} NOT NULL,"
            "  received_at_ms {INT} NOT NULL,"
            "  payload {BLOB} NOT NULL,"
            "  hash {BLOB} NOT NULL,"
            "  quarantine TEXT,"
            "  PRIMARY KEY (terminal_id, epoch, seq))",
            "CREATE TABLE incident ("
            "  id {SERIAL},"
            "  terminal_id TEXT NOT NULL,"
            "  epoch {INT} NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  code TEXT NOT NULL,"
            "  detail TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL)",
        });
}

// v2: pull streams. Every change gets a commit-ordered change_seq (the cursor); deletes are tombstones.
Status hubMigrateTo2(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE stream_change ("
            "  change_seq {SERIAL},"
            "  stream TEXT NOT NULL,"
            "  key TEXT NOT NULL,"
            "  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),"
            "  body {BLOB},"
            "  row_hash {BLOB},"
            "  at_ms {INT} NOT NULL)",
            "CREATE INDEX stream_change_cursor ON stream_change(stream, change_seq)",
            "CREATE INDEX stream_change_key ON stream_change(stream, key, change_seq)",
            // Cursors below min_cursor can no longer be served incrementally (tombstones were pruned): must_refetch.
            "CREATE TABLE stream_state (stream TEXT PRIMARY KEY, min_cursor {INT} NOT NULL)",
        });
}
} // namespace

Status HubStore::migrate()
{
    auto current = schemaVersion();
    if (!current)
        return current.error();
    const int version = *current;
    if (version > kSchemaVersion)
        return makeError(ErrorCode::SchemaTooNew,
            QStringLiteral("the hub database has schema %1; this hub understands %2").arg(version).arg(kSchemaVersion));
    auto step = [&](int to, Status (*fn)(QSqlDatabase &, HubStore::Dialect)) -> Status {
        auto tx = transaction();
        if (!tx->begun())
            return tx->begun();
        if (auto st = fn(m_db, m_dialect); !st)
            return st;
        if (auto st = setVersion(m_db, m_dialect, to); !st)
            return st;
        return tx->commit();
    };
    // Ordered fall-through, one function per version.
    switch (version) {
    case 0:
        if (auto st = step(1, hubMigrateTo1); !st)
            return st;
        [[fallthrough]];
    case 1:
        if (auto st = step(2, hubMigrateTo2); !st)
            return st;
        break;
    default:
        break;
    }
    return Ok {};
}

} // namespace omnitill::sync
