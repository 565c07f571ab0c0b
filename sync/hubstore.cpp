// SPDX-License-Identifier: GPL-3.0-or-later
#include "hubstore.h"
#include "logging.h"

#include "core/database.h"
#include "core/gtin.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
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

const QStringList kKnownTypes = { QStringLiteral("sale.completed") };

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

Result<QString> HubStore::registerTerminal(const QString &terminalId, const QString &storeCode)
{
    if (QUuid::fromString(terminalId).isNull())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("\"%1\" is not a terminal id (a UUID)").arg(terminalId));
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    const QString token
        = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    auto q = prepare(m_db,
        QStringLiteral("INSERT INTO terminal (terminal_id, store_code, token_hash, epoch, "
                       "registered_at_ms) VALUES (?, ?, ?, 1, ?) ON CONFLICT (terminal_id) DO UPDATE "
                       "SET token_hash = excluded.token_hash, store_code = excluded.store_code"));
    if (!q)
        return q.error();
    q->bindValue(0, terminalId);
    q->bindValue(1, storeCode);
    q->bindValue(2, tokenHash(token.toLatin1()));
    q->bindValue(3, m_clock());
    if (auto st = exec(*q, QStringLiteral("registering the terminal")); !st)
        return st.error();
    if (auto st = tx->commit(); !st)
        return st.error();
    qCInfo(lcHub) << "registered terminal" << terminalId << "for store" << storeCode;
    return token;
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

std::variant<PushAccepted, PushRejected> HubStore::applyPush(const PushRequest &r)
{
    auto storageFailure = [&](const Error &e) {
        qCWarning(lcHub) << "push from" << r.terminalId << "failed:" << e.message;
        return PushRejected { 503, QStringLiteral("UNAVAILABLE"),
            QStringLiteral("the hub could not store the events; retry") };
    };
    auto tx = transaction();
    if (!tx->begun())
        return storageFailure(tx->begun().error());

    // FOR UPDATE serialises pushes of one terminal across hub replicas sharing a PostgreSQL database; SQLite's
    // BEGIN IMMEDIATE already holds the only write lock.
    auto terminal = prepare(m_db,
        m_dialect == Dialect::Postgres ? QStringLiteral("SELECT epoch FROM terminal WHERE terminal_id = ? FOR UPDATE")
                                       : QStringLiteral("SELECT epoch FROM terminal WHERE terminal_id = ?"));
    if (!terminal)
        return storageFailure(terminal.error());
    terminal->bindValue(0, r.terminalId);
    if (auto st = exec(*terminal, QStringLiteral("reading the terminal")); !st)
        return storageFailure(st.error());
    if (!terminal->next())
        return PushRejected { 401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal") };
    const qint64 currentEpoch = terminal->value(0).toLongLong();
    terminal->finish();
    if (r.epoch > currentEpoch)
        return PushRejected { 400, QStringLiteral("MALFORMED"),
            QStringLiteral("epoch %1 was never assigned (current %2)").arg(r.epoch).arg(currentEpoch) };

    auto state = prepare(
        m_db, QStringLiteral("SELECT hwm, last_hash FROM terminal_epoch WHERE terminal_id = ? AND epoch = ?"));
    if (!state)
        return storageFailure(state.error());
    state->bindValue(0, r.terminalId);
    state->bindValue(1, r.epoch);
    if (auto st = exec(*state, QStringLiteral("reading the terminal state")); !st)
        return storageFailure(st.error());
    qint64 hwm = 0;
    QByteArray lastHash = Journal::genesisHash(TerminalIdentity { r.terminalId, r.epoch });
    bool known = state->next();
    if (known) {
        hwm = state->value(0).toLongLong();
        lastHash = state->value(1).toByteArray();
    }
    state->finish();

    auto stored
        = prepare(m_db, QStringLiteral("SELECT hash FROM event WHERE terminal_id = ? AND epoch = ? AND seq = ?"));
    auto insert = prepare(m_db,
        QStringLiteral("INSERT INTO event (terminal_id, epoch, seq, event_id, type, created_at_ms, "
                       "received_at_ms, payload, hash, quarantine) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    if (!stored || !insert)
        return storageFailure(!stored ? stored.error() : insert.error());

    PushAccepted accepted;
    std::optional<PushRejected> rejection;
    auto incident = [&](qint64 seq, const QString &code, const QString &detail) -> Status {
        auto q = prepare(m_db,
            QStringLiteral("INSERT INTO incident (terminal_id, epoch, seq, code, detail, at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?)"));
        if (!q)
            return q.error();
        const QVariantList v = { r.terminalId, r.epoch, seq, code, detail, m_clock() };
        for (int i = 0; i < v.size(); ++i)
            q->bindValue(i, v[i]);
        qCWarning(lcHub) << code << "from terminal" << r.terminalId << "epoch" << r.epoch << "seq" << seq << detail;
        return exec(*q, QStringLiteral("recording an incident"));
    };
    // A diverging history: from `seq` on, this terminal's events are not the ones the hub holds.
    auto fork = [&](qint64 seq, const QString &detail) -> std::optional<PushRejected> {
        const qint64 newEpoch = currentEpoch + 1;
        if (auto st = incident(seq, QStringLiteral("CHAIN_FORK"), detail); !st)
            return storageFailure(st.error());
        auto bump = prepare(m_db, QStringLiteral("UPDATE terminal SET epoch = ? WHERE terminal_id = ?"));
        if (!bump)
            return storageFailure(bump.error());
        bump->bindValue(0, newEpoch);
        bump->bindValue(1, r.terminalId);
        if (auto st = exec(*bump, QStringLiteral("moving the terminal to a new epoch")); !st)
            return storageFailure(st.error());
        return PushRejected { 409, QStringLiteral("CHAIN_FORK"),
            QStringLiteral("history diverges from the hub's at seq %1 (%2); continue in epoch %3")
                .arg(seq)
                .arg(detail)
                .arg(newEpoch),
            seq, hwm, newEpoch };
    };

    for (const JournalEntry &e : r.events) {
        if (Journal::computeHash(e) != e.hash) {
            if (auto st
                = incident(e.seq, QStringLiteral("CHAIN_INVALID"), QStringLiteral("hash does not match content"));
                !st)
                return storageFailure(st.error());
            rejection = PushRejected { 409, QStringLiteral("CHAIN_INVALID"),
                QStringLiteral("event %1's hash does not match its content: the terminal's "
                               "journal is damaged or was altered")
                    .arg(e.seq),
                e.seq, hwm, 0 };
            break;
        }
        if (r.epoch < currentEpoch && e.seq > hwm) {
            // A copy of this terminal still writing in an epoch the hub has closed: a restored backup or a clone.
            rejection = fork(e.seq, QStringLiteral("epoch %1 was closed").arg(r.epoch));
            break;
        }
        if (known && e.seq <= hwm) {
            stored->bindValue(0, r.terminalId);
            stored->bindValue(1, r.epoch);
            stored->bindValue(2, e.seq);
            if (auto st = exec(*stored, QStringLiteral("checking a duplicate")); !st)
                return storageFailure(st.error());
            const bool same = stored->next() && stored->value(0).toByteArray() == e.hash;
            stored->finish();
            if (!same) {
                rejection = fork(e.seq, QStringLiteral("a different event was accepted at this seq"));
                break;
            }
            ++accepted.duplicates;
            continue;
        }
        if (known && e.seq > hwm + 1)
            break; // a gap: the terminal resends from hwm + 1
        if (!known && e.prevHash != lastHash)
            break; // nothing held for this epoch and this is not its first event: resend from the start
        if (e.prevHash != lastHash) {
            rejection = fork(e.seq, QStringLiteral("it does not follow the last accepted event"));
            break;
        }
        QString quarantine;
        if (!kKnownTypes.contains(e.type))
            quarantine = QStringLiteral("UNKNOWN_TYPE");
        else if (!QJsonDocument::fromJson(e.payload).isObject())
            quarantine = QStringLiteral("BAD_PAYLOAD");
        const QVariantList v = { r.terminalId, r.epoch, e.seq, e.eventId, e.type, e.createdAtMs, m_clock(), e.payload,
            e.hash, quarantine.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(quarantine) };
        for (int i = 0; i < v.size(); ++i)
            insert->bindValue(i, v[i]);
        if (auto st = exec(*insert, QStringLiteral("storing an event")); !st)
            return storageFailure(st.error());
        if (insert->numRowsAffected() == 0) { // UNIQUE(event_id), the second line of defence
            rejection
                = fork(e.seq, QStringLiteral("event id %1 was already accepted at another position").arg(e.eventId));
            break;
        }
        if (!quarantine.isEmpty())
            accepted.quarantined.append(Quarantined { e.seq, quarantine });
        hwm = e.seq;
        lastHash = e.hash;
        ++accepted.accepted;
        known = true; // the first event of an epoch defines where its gapless run starts
    }

    if (accepted.accepted > 0) {
        auto save = prepare(m_db,
            QStringLiteral("INSERT INTO terminal_epoch (terminal_id, epoch, hwm, last_hash) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (terminal_id, epoch) DO UPDATE "
                           "SET hwm = excluded.hwm, last_hash = excluded.last_hash"));
        if (!save)
            return storageFailure(save.error());
        save->bindValue(0, r.terminalId);
        save->bindValue(1, r.epoch);
        save->bindValue(2, hwm);
        save->bindValue(3, lastHash);
        if (auto st = exec(*save, QStringLiteral("saving the terminal state")); !st)
            return storageFailure(st.error());
    }
    if (auto st = tx->commit(); !st)
        return storageFailure(st.error());
    if (rejection) {
        rejection->ackedThrough = hwm;
        return *rejection;
    }
    accepted.ackedThrough = hwm;
    accepted.lastHash = lastHash;
    return accepted;
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
    if (!kTerminalStreams.contains(stream) || stream == kCatalogStream || stream == kTaxStream)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("publish %1 with \"publish FILE\"; JSON Lines are for %2")
                .arg(stream, QStringList(kTerminalStreams.mid(2)).join(QStringLiteral(", "))));
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

Result<PullPage> HubStore::pull(const QString &stream, qint64 cursor, int limit)
{
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
    q->bindValue(2, qBound(1, limit, kMaxPullLimit));
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
    page.upToDate = page.changes.size() < qBound(1, limit, kMaxPullLimit);
    return page;
}

Result<StreamDigest> HubStore::digest(const QString &stream)
{
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

} // namespace omnitill::sync
