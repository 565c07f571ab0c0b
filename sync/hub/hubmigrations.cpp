// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's schema, written once for SQLite and PostgreSQL, and its versioned migrations.
#include "sync/hub/hubstore.h"

#include "core/storage/database.h"

#include <QHash>
#include <QUuid>
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
// v3: what a sale needs beyond its event: the reason an event was quarantined, its receipt number (checked for
// repeats across the chain), and each terminal's code within its store (T01, T02, ...: receipt numbers carry it).
Status hubMigrateTo3(QSqlDatabase &db, HubStore::Dialect dialect)
{
    if (auto st = runAll(db, dialect,
            {
                "ALTER TABLE event ADD COLUMN quarantine_reason TEXT",
                "ALTER TABLE event ADD COLUMN receipt_no TEXT",
                "CREATE INDEX event_receipt ON event(receipt_no) WHERE receipt_no IS NOT NULL",
                "ALTER TABLE terminal ADD COLUMN terminal_code TEXT",
                "CREATE UNIQUE INDEX terminal_store_code ON terminal(store_code, terminal_code)",
            });
        !st)
        return st;
    // Terminals registered before get codes in the order they were registered, per store.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT terminal_id, store_code FROM terminal ORDER BY store_code, registered_at_ms, "
                               "terminal_id")))
        return sqlError(q.lastError(), QStringLiteral("reading the terminals"));
    QList<std::pair<QString, QString>> terminals;
    while (q.next())
        terminals.append({ q.value(0).toString(), q.value(1).toString() });
    auto set = prepare(db, QStringLiteral("UPDATE terminal SET terminal_code = ? WHERE terminal_id = ?"));
    if (!set)
        return set.error();
    QHash<QString, int> next;
    for (const auto &[terminal, store] : terminals) {
        set->bindValue(0, QStringLiteral("T%1").arg(++next[store], 2, 10, QLatin1Char('0')));
        set->bindValue(1, terminal);
        if (auto st = exec(*set, QStringLiteral("numbering the terminals")); !st)
            return st;
    }
    return Ok {};
}
// v4: the chain's identity, a random id made once: a terminal refuses a catalog snapshot of another chain.
Status hubMigrateTo4(QSqlDatabase &db, HubStore::Dialect dialect)
{
    if (auto st = runAll(db, dialect, { "CREATE TABLE hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)" }); !st)
        return st;
    auto q = prepare(db, QStringLiteral("INSERT INTO hub_meta (key, value) VALUES ('chain_id', ?)"));
    if (!q)
        return q.error();
    q->bindValue(0, QUuid::createUuid().toString(QUuid::WithoutBraces));
    return exec(*q, QStringLiteral("naming the chain"));
}
// v5: e-receipts. A sale's receipt link carries a random token; the hub keeps only its SHA-256 (hex), by which the
// page for /r/TOKEN finds the sale.
Status hubMigrateTo5(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "ALTER TABLE event ADD COLUMN receipt_token TEXT",
            // Not unique: a copy of a store can send a sale twice, and facts are never refused (the repeat is an
            // incident, as its receipt number is).
            "CREATE INDEX event_receipt_token ON event(receipt_token) WHERE receipt_token IS NOT NULL",
        });
}
// v6: the stored-value ledger. A card's balance is the sum of its entries, never below zero; what a redemption found
// uncovered is a flag for a manager. Entries are keyed by the business event's id, so an event replayed by a rebased
// terminal is applied once.
Status hubMigrateTo6(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE sv_card ("
            "  card TEXT PRIMARY KEY,"
            "  last4 TEXT NOT NULL,"
            "  kind TEXT NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  balance_minor {INT} NOT NULL CHECK (balance_minor >= 0),"
            "  expires_at_ms {INT},"
            "  blocked {INT} NOT NULL DEFAULT 0,"
            "  version {INT} NOT NULL,"
            "  seen TEXT NOT NULL,"
            "  issued_by TEXT NOT NULL,"
            "  issued_at_ms {INT} NOT NULL)",
            "CREATE TABLE sv_entry ("
            "  id TEXT PRIMARY KEY,"
            "  card TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  type TEXT NOT NULL,"
            "  amount_minor {INT} NOT NULL,"
            "  applied_minor {INT} NOT NULL,"
            "  created_at_ms {INT} NOT NULL)",
            "CREATE INDEX sv_entry_card ON sv_entry(card)",
            "CREATE TABLE sv_flag ("
            "  id {SERIAL},"
            "  card TEXT NOT NULL,"
            "  last4 TEXT NOT NULL,"
            "  event_id TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  code TEXT NOT NULL,"
            "  shortfall_minor {INT} NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  detail TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  resolved_at_ms {INT},"
            "  resolved_by TEXT,"
            "  resolution TEXT)",
        });
}
// v7: customers (sync/hub/hubcustomers.cpp). Without a commerce backend the hub is their system of record, fed by
// imports and by the tills (customer.created/updated, sales for a customer); a customer merged into another stays as
// an alias (merged_into). Purchases on every channel are orders keyed by channel and the channel's own number. An
// erased customer leaves only their id and when, so a till that still sends about them changes nothing.
Status hubMigrateTo7(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE customer ("
            "  id TEXT PRIMARY KEY,"
            "  name TEXT NOT NULL,"
            "  email TEXT,"
            "  phone TEXT,"
            "  tier TEXT NOT NULL,"
            "  points {INT} NOT NULL,"
            "  points_as_of_ms {INT},"
            "  consent TEXT NOT NULL,"
            "  home_store TEXT NOT NULL,"
            "  open_cart TEXT,"
            "  merged_into TEXT,"
            "  version {INT} NOT NULL,"
            "  created_by TEXT NOT NULL,"
            "  created_at_ms {INT} NOT NULL,"
            "  updated_at_ms {INT} NOT NULL)",
            "CREATE INDEX customer_email ON customer(email) WHERE email IS NOT NULL",
            "CREATE INDEX customer_phone ON customer(phone) WHERE phone IS NOT NULL",
            "CREATE INDEX customer_merged ON customer(merged_into) WHERE merged_into IS NOT NULL",
            "CREATE TABLE customer_card (card TEXT PRIMARY KEY, customer_id TEXT NOT NULL)",
            "CREATE INDEX customer_card_customer ON customer_card(customer_id)",
            "CREATE TABLE customer_order ("
            "  channel TEXT NOT NULL,"
            "  order_no TEXT NOT NULL,"
            "  customer_id TEXT NOT NULL,"
            "  store TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  total_minor {INT} NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  items {INT} NOT NULL,"
            "  lines TEXT NOT NULL,"
            "  PRIMARY KEY (channel, order_no))",
            "CREATE INDEX customer_order_customer ON customer_order(customer_id, at_ms)",
            "CREATE TABLE customer_event (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, at_ms {INT} NOT NULL)",
            "CREATE TABLE customer_erased (id TEXT PRIMARY KEY, at_ms {INT} NOT NULL)",
        });
}
// v8: the loyalty ledger (sync/hub/hubloyalty.cpp). A customer's points are the sum of their entries, never below
// zero: a redemption the balance does not cover (two stores redeeming offline at once) takes what is there and the
// rest is flagged for a manager. Entries are keyed by the business event's id, so a replayed event moves nothing.
// points_seen says, per terminal, the last of its journal entries counted; points_earned counts toward the tiers.
Status hubMigrateTo8(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "ALTER TABLE customer ADD COLUMN points_seen TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE customer ADD COLUMN points_earned {INT} NOT NULL DEFAULT 0",
            "CREATE TABLE loyalty_entry ("
            "  id TEXT PRIMARY KEY,"
            "  customer_id TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  kind TEXT NOT NULL," // earn, redeem, give_back
            "  points {INT} NOT NULL," // as the event asked
            "  applied {INT} NOT NULL," // as the balance moved
            "  at_ms {INT} NOT NULL)",
            "CREATE INDEX loyalty_entry_customer ON loyalty_entry(customer_id)",
            "CREATE TABLE loyalty_flag ("
            "  id {SERIAL},"
            "  customer_id TEXT NOT NULL,"
            "  event_id TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  code TEXT NOT NULL,"
            "  shortfall_points {INT} NOT NULL,"
            "  detail TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  resolved_at_ms {INT},"
            "  resolved_by TEXT,"
            "  resolution TEXT)",
        });
}
// v9: returns (sync/hub/hubreturns.cpp). Each line a till took back and each refund, keyed by the return's event id
// (a replayed return moves nothing), against the original's receipt or order number; what two tills returned of the
// same line beyond what was bought is flagged for a manager, never refused.
Status hubMigrateTo9(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE return_entry ("
            "  event_id TEXT NOT NULL,"
            "  idx {INT} NOT NULL,"
            "  return_no TEXT NOT NULL,"
            "  original TEXT,"
            "  channel TEXT,"
            "  line_no {INT},"
            "  sku TEXT NOT NULL,"
            "  qty_milli {INT} NOT NULL,"
            "  amount_minor {INT} NOT NULL,"
            "  restock {INT} NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  PRIMARY KEY (event_id, idx))",
            "CREATE INDEX return_entry_original ON return_entry(original, line_no)",
            "CREATE TABLE return_refund ("
            "  event_id TEXT NOT NULL,"
            "  seq {INT} NOT NULL,"
            "  original TEXT,"
            "  kind TEXT NOT NULL,"
            "  amount_minor {INT} NOT NULL,"
            "  PRIMARY KEY (event_id, seq))",
            "CREATE INDEX return_refund_original ON return_refund(original)",
            "CREATE TABLE return_flag ("
            "  id {SERIAL},"
            "  event_id TEXT NOT NULL,"
            "  original TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  code TEXT NOT NULL,"
            "  detail TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  resolved_at_ms {INT},"
            "  resolved_by TEXT,"
            "  resolution TEXT)",
        });
}

// v10: online carts and the hand-off codes that bring them to a till (sync/hub/hubcarts.cpp). A cart's body is its
// carts-stream row; status and version are columns so that taking payment and converting are compare-and-set
// updates. Codes are kept as their SHA-256 only.
Status hubMigrateTo10(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE online_cart ("
            "  cart_id TEXT PRIMARY KEY,"
            "  version {INT} NOT NULL,"
            "  status TEXT NOT NULL,"
            "  body TEXT NOT NULL,"
            "  held_by TEXT,"
            "  held_until_ms {INT},"
            "  converted_by TEXT,"
            "  converted_event TEXT,"
            "  updated_at_ms {INT} NOT NULL)",
            "CREATE TABLE handoff_token ("
            "  token_sha256 TEXT PRIMARY KEY,"
            "  cart_id TEXT NOT NULL,"
            "  purpose TEXT NOT NULL,"
            "  store TEXT,"
            "  created_at_ms {INT} NOT NULL,"
            "  expires_at_ms {INT} NOT NULL,"
            "  used_at_ms {INT},"
            "  used_by TEXT)",
            "CREATE INDEX handoff_token_cart ON handoff_token(cart_id)",
            "CREATE TABLE cart_viewer ("
            "  cart_id TEXT NOT NULL,"
            "  terminal_id TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  PRIMARY KEY (cart_id, terminal_id))",
            "CREATE TABLE cart_flag ("
            "  id {SERIAL},"
            "  cart_id TEXT NOT NULL,"
            "  event_id TEXT,"
            "  terminal_id TEXT NOT NULL,"
            "  code TEXT NOT NULL,"
            "  detail TEXT NOT NULL,"
            "  at_ms {INT} NOT NULL,"
            "  resolved_at_ms {INT},"
            "  resolved_by TEXT,"
            "  resolution TEXT)",
        });
}

// v11: the managers' daily report (sync/hub/hubstate.cpp). What each terminal last said of itself (its state report)
// and its journal by quarter hour as it counts it; the events the hub received by quarter hour, with the money they
// moved by kind (kept as they are accepted, so a day's report reads quarter hours, not millions of payloads); repeats
// by quarter hour of their arrival; the times a terminal was not heard from; events other than sales by type and
// time, for the report's lists (voids, overrides, Z reports).
Status hubMigrateTo11(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE terminal_report ("
            "  terminal_id TEXT PRIMARY KEY,"
            "  received_at_ms {INT} NOT NULL,"
            "  clock_ms {INT} NOT NULL,"
            "  app_version TEXT NOT NULL,"
            "  schema_version {INT} NOT NULL,"
            "  epoch {INT} NOT NULL,"
            "  head_seq {INT} NOT NULL,"
            "  acked_through {INT} NOT NULL,"
            "  pending {INT} NOT NULL,"
            "  oldest_pending_ms {INT},"
            "  sync_state TEXT NOT NULL,"
            "  last_error TEXT NOT NULL,"
            "  print_waiting {INT} NOT NULL,"
            "  print_interrupted {INT} NOT NULL,"
            "  print_error TEXT NOT NULL,"
            "  known_through {INT} NOT NULL)",
            "CREATE TABLE terminal_bucket ("
            "  terminal_id TEXT NOT NULL,"
            "  bucket_ms {INT} NOT NULL,"
            "  recorded_events {INT} NOT NULL DEFAULT 0,"
            "  recorded_sales {INT} NOT NULL DEFAULT 0,"
            "  pending_events {INT} NOT NULL DEFAULT 0,"
            "  pending_sales {INT} NOT NULL DEFAULT 0,"
            "  PRIMARY KEY (terminal_id, bucket_ms))",
            "CREATE TABLE hub_bucket ("
            "  terminal_id TEXT NOT NULL,"
            "  bucket_ms {INT} NOT NULL,"
            "  events {INT} NOT NULL,"
            "  sales {INT} NOT NULL,"
            "  quarantined_events {INT} NOT NULL,"
            "  quarantined_sales {INT} NOT NULL,"
            "  PRIMARY KEY (terminal_id, bucket_ms))",
            "CREATE TABLE money_bucket ("
            "  terminal_id TEXT NOT NULL,"
            "  bucket_ms {INT} NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  kind TEXT NOT NULL,"
            "  count {INT} NOT NULL,"
            "  amount_minor {INT} NOT NULL,"
            "  PRIMARY KEY (terminal_id, bucket_ms, currency, kind))",
            "CREATE TABLE duplicate_bucket ("
            "  terminal_id TEXT NOT NULL,"
            "  bucket_ms {INT} NOT NULL,"
            "  duplicates {INT} NOT NULL,"
            "  PRIMARY KEY (terminal_id, bucket_ms))",
            "CREATE TABLE terminal_gap ("
            "  terminal_id TEXT NOT NULL,"
            "  from_ms {INT} NOT NULL,"
            "  to_ms {INT} NOT NULL)",
            "CREATE INDEX terminal_gap_time ON terminal_gap(terminal_id, to_ms)",
            "CREATE INDEX event_listed ON event(type, created_at_ms) WHERE type NOT IN ('sale.completed', "
            "'fiscal.signed', 'payment.taken')",
            "CREATE INDEX incident_time ON incident(at_ms)",
        });
}
// v12: managers signed in to the report pages (only each token's SHA-256), and wrong PINs counted by name.
Status hubMigrateTo12(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE manager_session ("
            "  token_hash TEXT PRIMARY KEY,"
            "  staff_id TEXT NOT NULL,"
            "  created_at_ms {INT} NOT NULL,"
            "  expires_at_ms {INT} NOT NULL)",
            "CREATE TABLE manager_login ("
            "  name_key TEXT PRIMARY KEY,"
            "  failures {INT} NOT NULL,"
            "  locked_until_ms {INT} NOT NULL)",
        });
}
// v13: forwarding to a commerce backend (docs/CONNECTORS.md): the connector's settings, the queue of what a connector
// must book there (a row per store sale and return, made in the push's transaction while a connector is set), the
// lease that lets one forwarder at a time work the queue, and which backend customer a hub customer is.
Status hubMigrateTo13(QSqlDatabase &db, HubStore::Dialect dialect)
{
    return runAll(db, dialect,
        {
            "CREATE TABLE connector_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE forward_queue ("
            "  id {SERIAL},"
            "  event_id TEXT NOT NULL UNIQUE,"
            "  terminal_id TEXT NOT NULL,"
            "  type TEXT NOT NULL,"
            "  created_at_ms {INT} NOT NULL,"
            "  queued_at_ms {INT} NOT NULL,"
            "  state TEXT NOT NULL CHECK (state IN ('pending', 'forwarded', 'failed')),"
            "  attempts {INT} NOT NULL DEFAULT 0,"
            "  next_at_ms {INT} NOT NULL,"
            "  last_error TEXT,"
            "  backend_ref TEXT,"
            "  forwarded_at_ms {INT})",
            "CREATE INDEX forward_due ON forward_queue(state, next_at_ms, id)",
            "CREATE INDEX forward_day ON forward_queue(created_at_ms)",
            "CREATE TABLE forward_lease (id {INT} PRIMARY KEY, holder TEXT NOT NULL, until_ms {INT} NOT NULL)",
            "CREATE TABLE connector_customer (hub_id TEXT PRIMARY KEY, backend_id TEXT NOT NULL UNIQUE)",
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
        [[fallthrough]];
    case 2:
        if (auto st = step(3, hubMigrateTo3); !st)
            return st;
        [[fallthrough]];
    case 3:
        if (auto st = step(4, hubMigrateTo4); !st)
            return st;
        [[fallthrough]];
    case 4:
        if (auto st = step(5, hubMigrateTo5); !st)
            return st;
        [[fallthrough]];
    case 5:
        if (auto st = step(6, hubMigrateTo6); !st)
            return st;
        [[fallthrough]];
    case 6:
        if (auto st = step(7, hubMigrateTo7); !st)
            return st;
        [[fallthrough]];
    case 7:
        if (auto st = step(8, hubMigrateTo8); !st)
            return st;
        [[fallthrough]];
    case 8:
        if (auto st = step(9, hubMigrateTo9); !st)
            return st;
        [[fallthrough]];
    case 9:
        if (auto st = step(10, hubMigrateTo10); !st)
            return st;
        [[fallthrough]];
    case 10: {
        // The quarter hours of the events received so far are counted in the same step.
        auto tx = transaction();
        if (!tx->begun())
            return tx->begun();
        if (auto st = hubMigrateTo11(m_db, m_dialect); !st)
            return st;
        if (auto st = countReceivedEvents(); !st)
            return st;
        if (auto st = setVersion(m_db, m_dialect, 11); !st)
            return st;
        if (auto st = tx->commit(); !st)
            return st;
    }
        [[fallthrough]];
    case 11:
        if (auto st = step(12, hubMigrateTo12); !st)
            return st;
        [[fallthrough]];
    case 12:
        if (auto st = step(13, hubMigrateTo13); !st)
            return st;
        [[fallthrough]];
    default:
        break;
    }
    return Ok {};
}

} // namespace omnitill::sync
