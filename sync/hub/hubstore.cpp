// SPDX-License-Identifier: GPL-3.0-or-later
// HubStore: opening either engine, terminals and their tokens, counters. The schema is in hubmigrations.cpp, pushes
// in hubpush.cpp, pull streams in hubstreams.cpp.
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/storage/database.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>
#include <QVariant>

namespace omnitill::sync {

namespace {
QAtomicInteger<quint64> s_counter;

QByteArray tokenHash(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

// Constant-time comparison, so response timing does not leak how much of a token matched.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

Result<qint64> countOf(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {})
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    if (auto st = exec(*q, QStringLiteral("counting")); !st)
        return st.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}
} // namespace

HubStore::HubStore(QSqlDatabase db, Dialect dialect, Clock clock)
    : m_db(std::move(db))
    , m_dialect(dialect)
    , m_connectionName(m_db.connectionName())
    , m_clock(std::move(clock))
{ }

HubStore::~HubStore()
{
    m_kept.clear(); // before the connection they were prepared on
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<HubStore>> HubStore::openPostgres(const QUrl &url, Clock clock)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        || url.path().size() < 2)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a PostgreSQL hub database is postgresql://user:password@host:port/database"));
    const QString name = QStringLiteral("omnitill-hub-%1").arg(s_counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!db.isValid()) {
        QSqlDatabase::removeDatabase(name);
        return makeError(
            ErrorCode::Storage, QStringLiteral("the Qt PostgreSQL driver (QPSQL, libqt6sql6-psql) is not installed"));
    }
    db.setHostName(url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(url.path().mid(1));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    const QString where = QStringLiteral("%1:%2/%3").arg(db.hostName()).arg(db.port()).arg(db.databaseName());
    std::unique_ptr<HubStore> self(new HubStore(db, Dialect::Postgres, std::move(clock)));
    db = QSqlDatabase(); // only `self` may hold the connection, so that it can remove it on every return path
    if (!self->m_db.open())
        return makeError(ErrorCode::Storage,
            QStringLiteral("cannot connect to PostgreSQL at %1: %2").arg(where, self->m_db.lastError().text()));
    // Every commit is durable before the hub answers: the same promise SQLite's synchronous=FULL gives.
    for (const char *setting : { "SET synchronous_commit = on", "SET client_min_messages = warning" }) {
        if (auto st = execDirect(self->m_db, QString::fromLatin1(setting)); !st)
            return st.error();
    }
    if (auto st = self->migrate(); !st)
        return st.error();
    return self;
}

Result<std::unique_ptr<HubStore>> HubStore::open(const QString &spec, Clock clock)
{
    if (spec.startsWith(QLatin1String("postgresql://")) || spec.startsWith(QLatin1String("postgres://")))
        return openPostgres(QUrl(spec), std::move(clock));
    return openSqlite(spec, std::move(clock));
}

std::unique_ptr<Transaction> HubStore::transaction()
{
    return std::make_unique<Transaction>(
        m_db, m_dialect == Dialect::Postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
}

Result<std::unique_ptr<HubStore>> HubStore::openSqlite(const QString &path, Clock clock)
{
    const QString name = QStringLiteral("omnitill-hub-%1").arg(s_counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    std::unique_ptr<HubStore> self(new HubStore(db, Dialect::Sqlite, std::move(clock)));
    db = QSqlDatabase(); // only `self` may hold the connection, so that it can remove it on every return path
    if (!self->m_db.open())
        return sqlError(self->m_db.lastError(), QStringLiteral("opening the hub database %1").arg(path));
    for (const char *pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
             "PRAGMA cache_size=-65536" }) {
        if (auto st = execDirect(self->m_db, QString::fromLatin1(pragma)); !st)
            return st.error();
    }
    if (auto st = self->migrate(); !st)
        return st.error();
    return self;
}

Result<QString> HubStore::registerTerminal(const QString &terminalId, const QString &storeCode)
{
    if (QUuid::fromString(terminalId).isNull())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("\"%1\" is not a terminal id (a UUID)").arg(terminalId.left(64)));
    static const QRegularExpression storePattern(QStringLiteral("^[A-Za-z0-9]{1,12}$"));
    if (!storePattern.match(storeCode).hasMatch())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("\"%1\" is not a store code: 1 to 12 letters and digits, such as S001")
                .arg(storeCode.left(64)));
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    const QString token
        = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    // Its code: kept when re-keyed in the same store, else the next free one there.
    auto current = terminalCodes(terminalId);
    QString code;
    if (current && current->storeCode == storeCode && !current->terminalCode.isEmpty()) {
        code = current->terminalCode;
    } else {
        auto taken = prepare(m_db, QStringLiteral("SELECT terminal_code FROM terminal WHERE store_code = ?"));
        if (!taken)
            return taken.error();
        taken->bindValue(0, storeCode);
        if (auto st = exec(*taken, QStringLiteral("numbering the terminal")); !st)
            return st.error();
        int highest = 0;
        while (taken->next())
            highest = std::max(highest, taken->value(0).toString().mid(1).toInt());
        code = QStringLiteral("T%1").arg(highest + 1, 2, 10, QLatin1Char('0'));
    }
    auto q = prepare(m_db,
        QStringLiteral("INSERT INTO terminal (terminal_id, store_code, terminal_code, token_hash, epoch, "
                       "registered_at_ms) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (terminal_id) DO UPDATE "
                       "SET token_hash = excluded.token_hash, store_code = excluded.store_code, "
                       "terminal_code = excluded.terminal_code"));
    if (!q)
        return q.error();
    const QVariantList v = { terminalId, storeCode, code, tokenHash(token.toLatin1()), m_clock() };
    for (int i = 0; i < v.size(); ++i)
        q->bindValue(i, v[i]);
    if (auto st = exec(*q, QStringLiteral("registering the terminal")); !st)
        return st.error();
    if (auto st = tx->commit(); !st)
        return st.error();
    qCInfo(lcHub) << "registered terminal" << terminalId << "as" << code << "of store" << storeCode;
    return token;
}

Result<HubStore::TerminalCodes> HubStore::terminalCodes(const QString &terminalId)
{
    auto q = prepare(m_db, QStringLiteral("SELECT store_code, terminal_code FROM terminal WHERE terminal_id = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, terminalId);
    if (auto st = exec(*q, QStringLiteral("reading the terminal")); !st)
        return st.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("terminal %1 is not registered").arg(terminalId));
    return TerminalCodes { q->value(0).toString(), q->value(1).toString() };
}

Result<QSqlQuery> HubStore::query(const QString &sql, const QVariantList &binds, QStringView context)
{
    auto q = prepare(m_db, sql);
    if (!q)
        return q.error();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    if (auto st = exec(*q, context); !st)
        return st.error();
    return std::move(*q);
}

Status HubStore::resolveFlag(QLatin1StringView table, qint64 id, const QString &by, const QString &resolution)
{
    if (by.trimmed().isEmpty() || resolution.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("say who resolves the flag and how"));
    auto q = query(QStringLiteral("UPDATE %1 SET resolved_at_ms = ?, resolved_by = ?, resolution = ? WHERE id = ? AND "
                                  "resolved_at_ms IS NULL")
                       .arg(table),
        { m_clock(), by.trimmed().left(64), resolution.trimmed().left(500), id }, u"resolving the flag");
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no open flag %1").arg(id));
    return Ok {};
}

Result<QList<HubStore::ManagerFlag>> HubStore::managerFlags(
    QLatin1StringView table, QLatin1StringView subjectColumn, bool withResolved, QStringView context)
{
    auto q = query(
        QStringLiteral("SELECT id, %2, event_id, terminal_id, code, detail, at_ms, resolved_at_ms, "
                       "resolved_by, resolution FROM %1 %3 ORDER BY id")
            .arg(table, subjectColumn, withResolved ? QString() : QStringLiteral("WHERE resolved_at_ms IS NULL")),
        {}, context);
    if (!q)
        return q.error();
    QList<ManagerFlag> flags;
    while (q->next()) {
        ManagerFlag f;
        f.id = q->value(0).toLongLong();
        f.subject = q->value(1).toString();
        f.eventId = q->value(2).toString();
        f.terminalId = q->value(3).toString();
        f.code = q->value(4).toString();
        f.detail = q->value(5).toString();
        f.atMs = q->value(6).toLongLong();
        if (!q->value(7).isNull())
            f.resolvedAtMs = q->value(7).toLongLong();
        f.resolvedBy = q->value(8).toString();
        f.resolution = q->value(9).toString();
        flags.append(f);
    }
    return flags;
}

Result<QSqlQuery *> HubStore::kept(const QString &sql)
{
    if (auto it = m_kept.find(sql); it != m_kept.end())
        return it->second.get();
    auto q = prepare(m_db, sql);
    if (!q)
        return q.error();
    auto owned = std::make_unique<QSqlQuery>(std::move(q).value());
    QSqlQuery *raw = owned.get();
    m_kept.emplace(sql, std::move(owned));
    return raw;
}

Result<QString> HubStore::chainId()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT value FROM hub_meta WHERE key = 'chain_id'")))
        return sqlError(q.lastError(), QStringLiteral("reading the chain id"));
    if (!q.next())
        return makeError(ErrorCode::Corrupt, QStringLiteral("the hub database has no chain id"));
    return q.value(0).toString();
}

bool HubStore::authenticate(const QString &terminalId, const QByteArray &token)
{
    auto q = prepare(m_db, QStringLiteral("SELECT token_hash FROM terminal WHERE terminal_id = ?"));
    if (!q)
        return false;
    q->bindValue(0, terminalId);
    if (!exec(*q, QStringLiteral("authenticating")) || !q->next())
        return false;
    return sameBytes(q->value(0).toByteArray(), tokenHash(token));
}

Result<HubStore::TerminalState> HubStore::terminalState(const QString &terminalId)
{
    auto q = prepare(m_db,
        QStringLiteral("SELECT t.epoch, coalesce((SELECT hwm FROM terminal_epoch e WHERE "
                       "e.terminal_id = t.terminal_id AND e.epoch = t.epoch), 0), "
                       "(SELECT count(*) FROM event v WHERE v.terminal_id = t.terminal_id) "
                       "FROM terminal t WHERE t.terminal_id = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, terminalId);
    if (auto st = exec(*q, QStringLiteral("reading the terminal")); !st)
        return st.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("terminal %1 is not registered").arg(terminalId));
    return TerminalState { q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong() };
}

Result<qint64> HubStore::eventCount()
{
    return countOf(m_db, QStringLiteral("SELECT count(*) FROM event"));
}

Result<qint64> HubStore::distinctEventIds()
{
    return countOf(m_db, QStringLiteral("SELECT count(DISTINCT event_id) FROM event"));
}

Result<qint64> HubStore::incidentCount(const QString &code)
{
    if (code.isEmpty())
        return countOf(m_db, QStringLiteral("SELECT count(*) FROM incident"));
    return countOf(m_db, QStringLiteral("SELECT count(*) FROM incident WHERE code = ?"), { code });
}

} // namespace omnitill::sync
