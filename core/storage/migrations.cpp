// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/migrations.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storage/logging.h"
#include "core/storage/searchindex.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace omnitill::Migrations {

namespace {

Status runAll(QSqlDatabase &db, std::initializer_list<const char *> statements)
{
    for (const char *sql : statements) {
        if (auto st = execDirect(db, QString::fromUtf8(sql)); !st)
            return st;
    }
    return Ok {};
}

// v1: the catalog. Products group variants (the sellable SKUs); barcodes and prices belong to variants.
Status migrateTo1(QSqlDatabase &db)
{
    return runAll(db,
        {
            "PRAGMA application_id = 1332565097", // Database::kApplicationId, "OmTi"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
            "CREATE TABLE tax_class ("
            "  id INTEGER PRIMARY KEY,"
            "  code TEXT NOT NULL UNIQUE,"
            "  name TEXT NOT NULL,"
            "  rate_milli_pct INTEGER NOT NULL CHECK (rate_milli_pct BETWEEN 0 AND 100000))",
            "CREATE TABLE category ("
            "  id INTEGER PRIMARY KEY,"
            "  code TEXT NOT NULL UNIQUE,"
            "  name TEXT NOT NULL,"
            "  parent_id INTEGER REFERENCES category(id))",
            "CREATE TABLE product ("
            "  id INTEGER PRIMARY KEY,"
            "  code TEXT NOT NULL UNIQUE,"
            "  name TEXT NOT NULL,"
            "  brand TEXT NOT NULL DEFAULT '',"
            "  category_id INTEGER REFERENCES category(id),"
            "  tax_class_id INTEGER NOT NULL REFERENCES tax_class(id),"
            "  unit TEXT NOT NULL CHECK (unit IN ('each','kg','g','l','m')))",
            "CREATE INDEX product_category ON product(category_id)",
            "CREATE TABLE variant ("
            "  id INTEGER PRIMARY KEY,"
            "  product_id INTEGER NOT NULL REFERENCES product(id),"
            "  sku TEXT NOT NULL UNIQUE,"
            "  label TEXT NOT NULL DEFAULT '',"
            "  active INTEGER NOT NULL DEFAULT 1)",
            "CREATE INDEX variant_product ON variant(product_id)",
            "CREATE TABLE barcode ("
            "  code TEXT PRIMARY KEY,"
            "  variant_id INTEGER NOT NULL REFERENCES variant(id)) WITHOUT ROWID",
            "CREATE INDEX barcode_variant ON barcode(variant_id)",
            // Validity is [valid_from_ms, valid_to_ms) in UTC milliseconds; NULL is open-ended. The most recently
            // started window wins, so a promotion overrides the base price while it runs.
            "CREATE TABLE price ("
            "  id INTEGER PRIMARY KEY,"
            "  variant_id INTEGER NOT NULL REFERENCES variant(id),"
            "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
            "  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),"
            "  valid_from_ms INTEGER NOT NULL DEFAULT 0,"
            "  valid_to_ms INTEGER,"
            "  CHECK (valid_to_ms IS NULL OR valid_to_ms > valid_from_ms),"
            "  UNIQUE (variant_id, currency, valid_from_ms))",
            // Accent- and case-insensitive name search with prefix indexes for type-ahead.
            "CREATE VIRTUAL TABLE variant_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', "
            "prefix = '1 2 3')",
        });
}

// v2: recorded sales. Append-only: rows are never updated (except the sync flag) or deleted.
Status migrateTo2(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE sale ("
            "  id INTEGER PRIMARY KEY,"
            "  receipt_no TEXT NOT NULL UNIQUE,"
            "  created_at_ms INTEGER NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  pricing TEXT NOT NULL CHECK (pricing IN ('inclusive','exclusive')),"
            "  subtotal_minor INTEGER NOT NULL,"
            "  discount_minor INTEGER NOT NULL,"
            "  net_minor INTEGER NOT NULL,"
            "  tax_minor INTEGER NOT NULL,"
            "  total_minor INTEGER NOT NULL,"
            "  rounding_minor INTEGER NOT NULL,"
            "  due_minor INTEGER NOT NULL,"
            "  payment_method TEXT NOT NULL,"
            "  tendered_minor INTEGER NOT NULL,"
            "  change_minor INTEGER NOT NULL,"
            "  synced INTEGER NOT NULL DEFAULT 0)",
            "CREATE INDEX sale_unsynced ON sale(synced) WHERE synced = 0",
            "CREATE TABLE sale_line ("
            "  sale_id INTEGER NOT NULL REFERENCES sale(id),"
            "  line_no INTEGER NOT NULL,"
            "  variant_id INTEGER,"
            "  sku TEXT NOT NULL,"
            "  name TEXT NOT NULL,"
            "  scanned_code TEXT NOT NULL,"
            "  unit TEXT NOT NULL,"
            "  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),"
            "  unit_price_minor INTEGER NOT NULL,"
            "  amount_minor INTEGER NOT NULL,"
            "  line_discount_minor INTEGER NOT NULL,"
            "  cart_discount_minor INTEGER NOT NULL,"
            "  total_minor INTEGER NOT NULL,"
            "  tax_class TEXT NOT NULL,"
            "  tax_rate_milli_pct INTEGER NOT NULL,"
            "  PRIMARY KEY (sale_id, line_no)) WITHOUT ROWID",
            "CREATE TABLE sale_tax ("
            "  sale_id INTEGER NOT NULL REFERENCES sale(id),"
            "  tax_class TEXT NOT NULL,"
            "  rate_milli_pct INTEGER NOT NULL,"
            "  net_minor INTEGER NOT NULL,"
            "  tax_minor INTEGER NOT NULL,"
            "  gross_minor INTEGER NOT NULL,"
            "  PRIMARY KEY (sale_id, tax_class)) WITHOUT ROWID",
            "CREATE TRIGGER sale_no_delete BEFORE DELETE ON sale "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TRIGGER sale_no_update BEFORE UPDATE OF id, receipt_no, created_at_ms, currency, pricing, "
            "subtotal_minor, discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
            "payment_method, "
            "tendered_minor, change_minor ON sale BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TRIGGER sale_line_no_delete BEFORE DELETE ON sale_line "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TRIGGER sale_line_no_update BEFORE UPDATE ON sale_line "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TRIGGER sale_tax_no_change BEFORE DELETE ON sale_tax "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
        });
}

// --- Frozen: the sale.completed payload, encoding 1, exactly as schema 3 wrote it for sales recorded before the
// journal existed. This is a copy on purpose: the live encoder (SaleStore) may change, what a migration wrote may
// not, or the hashes of old entries would depend on the version that happened to upgrade the store.
// tests/core/storage/migrationstest.cpp pins its bytes.

// Every column of every row as a JSON object: integers stay integers (money is minor units), text stays text.
Result<QJsonArray> rowsAsJsonV1(QSqlDatabase &db, const QString &sql, qint64 saleId)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    q->bindValue(0, saleId);
    if (auto st = exec(*q, QStringLiteral("reading the sale for the journal")); !st)
        return st.error();
    QJsonArray rows;
    while (q->next()) {
        const QSqlRecord rec = q->record();
        QJsonObject o;
        for (int i = 0; i < rec.count(); ++i) {
            const QVariant v = q->value(i);
            if (v.isNull())
                o.insert(rec.fieldName(i), QJsonValue::Null);
            else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
                o.insert(rec.fieldName(i), v.toLongLong());
            else
                o.insert(rec.fieldName(i), v.toString());
        }
        rows.append(o);
    }
    return rows;
}

Result<QByteArray> salePayloadV1(QSqlDatabase &db, qint64 saleId)
{
    auto sale = rowsAsJsonV1(db,
        QStringLiteral("SELECT id, receipt_no, created_at_ms, currency, pricing, subtotal_minor, "
                       "discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
                       "payment_method, tendered_minor, change_minor FROM sale WHERE id = ?"),
        saleId);
    if (!sale)
        return sale.error();
    if (sale->size() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("sale %1 does not exist").arg(saleId));
    auto lines = rowsAsJsonV1(db,
        QStringLiteral("SELECT line_no, variant_id, sku, name, scanned_code, unit, qty_milli, "
                       "unit_price_minor, amount_minor, line_discount_minor, cart_discount_minor, "
                       "total_minor, tax_class, tax_rate_milli_pct FROM sale_line WHERE sale_id = ? "
                       "ORDER BY line_no"),
        saleId);
    if (!lines)
        return lines.error();
    auto taxes = rowsAsJsonV1(db,
        QStringLiteral("SELECT tax_class, rate_milli_pct, net_minor, tax_minor, gross_minor "
                       "FROM sale_tax WHERE sale_id = ? ORDER BY tax_class"),
        saleId);
    if (!taxes)
        return taxes.error();
    QJsonObject payload = sale->first().toObject();
    payload.insert(QStringLiteral("enc"), 1);
    payload.insert(QStringLiteral("lines"), *lines);
    payload.insert(QStringLiteral("taxes"), *taxes);
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}
// --- end of frozen code

// v3: the hash-chained journal, the terminal's identity, and journal entries for sales recorded before it existed.
Status migrateTo3(QSqlDatabase &db)
{
    if (auto st = runAll(db,
            {
                "CREATE TABLE journal ("
                "  seq INTEGER PRIMARY KEY,"
                "  epoch INTEGER NOT NULL,"
                "  event_id TEXT NOT NULL UNIQUE,"
                "  type TEXT NOT NULL,"
                "  created_at_ms INTEGER NOT NULL,"
                "  payload BLOB NOT NULL,"
                "  prev_hash BLOB NOT NULL,"
                "  hash BLOB NOT NULL)",
                "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
                "BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END",
                "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
                "BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END",
                "INSERT INTO meta (key, value) VALUES ('epoch', '1'), ('acked_through', '0')",
            });
        !st)
        return st;
    auto q = prepare(db, QStringLiteral("INSERT INTO meta (key, value) VALUES ('terminal_id', ?)"));
    if (!q)
        return q.error();
    q->bindValue(0, QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (auto st = exec(*q, QStringLiteral("creating the terminal identity")); !st)
        return st;
    QSqlQuery sales(db);
    if (!sales.exec(QStringLiteral("SELECT id, created_at_ms FROM sale ORDER BY id")))
        return sqlError(sales.lastError(), QStringLiteral("reading recorded sales"));
    QList<std::pair<qint64, qint64>> ids;
    while (sales.next())
        ids.append({ sales.value(0).toLongLong(), sales.value(1).toLongLong() });
    for (const auto &[id, createdAt] : ids) {
        auto payload = salePayloadV1(db, id);
        if (!payload)
            return payload.error();
        if (auto e = Journal::append(db, QStringLiteral("sale.completed"), *payload, createdAt); !e)
            return e.error();
    }
    return Ok {};
}

// v4: pull streams. pulled_row mirrors, per stream and key, the hash of the row last applied (for checksums and
// refetches); pull_seen collects the keys a refetch has delivered.
Status migrateTo4(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE pulled_row (stream TEXT NOT NULL, key TEXT NOT NULL, row_hash BLOB NOT NULL, "
            "PRIMARY KEY (stream, key)) WITHOUT ROWID",
            "CREATE TABLE pull_seen (stream TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (stream, key)) WITHOUT ROWID",
        });
}

// v5: backend rows kept as validated JSON for streams whose features read them directly (stock, customers, carts,
// config).
Status migrateTo5(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE stream_row (stream TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL, "
            "PRIMARY KEY (stream, key)) WITHOUT ROWID",
        });
}

// v6: where each epoch forked. journal_epoch.forked_at is the first entry of an epoch that was appended again in a
// later epoch (Journal::rebase): from there on the epoch's entries are not live and are never sent twice. Forks
// recorded before this table existed are found from the journal itself: an epoch's replayed entries are the ones at
// its end that open the next epoch with the same type, time and payload.
Status migrateTo6(QSqlDatabase &db)
{
    if (auto st = runAll(db, { "CREATE TABLE journal_epoch (epoch INTEGER PRIMARY KEY, forked_at INTEGER)" }); !st)
        return st;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, epoch, type, created_at_ms, payload FROM journal ORDER BY seq")))
        return sqlError(q.lastError(), QStringLiteral("reading the journal"));
    struct Entry
    {
        qint64 seq;
        QByteArray content; // SHA-256 of type, time and payload: equal for an entry and its replay
    };
    QList<std::pair<qint64, QList<Entry>>> epochs; // in journal order
    while (q.next()) {
        const qint64 epoch = q.value(1).toLongLong();
        if (epochs.isEmpty() || epochs.constLast().first != epoch)
            epochs.append(std::pair<qint64, QList<Entry>> { epoch, {} });
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(q.value(2).toString().toUtf8());
        h.addData(QByteArray::number(q.value(3).toLongLong()));
        h.addData(q.value(4).toByteArray());
        epochs.last().second.append(Entry { q.value(0).toLongLong(), h.result() });
    }
    auto insert = prepare(db, QStringLiteral("INSERT INTO journal_epoch (epoch, forked_at) VALUES (?, ?)"));
    if (!insert)
        return insert.error();
    for (qsizetype i = 0; i + 1 < epochs.size(); ++i) {
        const QList<Entry> &closed = epochs.at(i).second;
        const QList<Entry> &next = epochs.at(i + 1).second;
        // The longest tail of the closed epoch that the next one starts with.
        for (qsizetype start = 0; start < closed.size(); ++start) {
            const qsizetype length = closed.size() - start;
            if (length > next.size() || closed.at(start).content != next.constFirst().content)
                continue;
            bool replayed = true;
            for (qsizetype k = 1; k < length && replayed; ++k)
                replayed = closed.at(start + k).content == next.at(k).content;
            if (!replayed)
                continue;
            insert->bindValue(0, epochs.at(i).first);
            insert->bindValue(1, closed.at(start).seq);
            if (auto st = exec(*insert, QStringLiteral("recording where an epoch forked")); !st)
                return st;
            break;
        }
    }
    return Ok {};
}

// v7: how many rows of the search index have a token starting with each prefix (core/storage/searchindex.h), so
// that ranking a search does not count them on every query. Counted here from the index as it is.
Status migrateTo7(QSqlDatabase &db)
{
    if (auto st
        = runAll(db, { "CREATE TABLE search_prefix (prefix BLOB PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID" });
        !st)
        return st;
    return SearchIndex::rebuild(db);
}

// v8: the store's staff and their roles (core/staff). PINs are kept as salted PBKDF2 hashes with their iteration
// count, badges as SHA-256; failed PINs and a lockout are counted per person so that a restart does not reset them.
// Two roles to start with: a manager may do everything, a cashier nothing that needs a permission.
Status migrateTo8(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE staff_role ("
            "  code TEXT PRIMARY KEY,"
            "  name TEXT NOT NULL,"
            "  permissions TEXT NOT NULL) WITHOUT ROWID",
            "CREATE TABLE staff ("
            "  id TEXT PRIMARY KEY,"
            "  name TEXT NOT NULL,"
            "  role TEXT NOT NULL REFERENCES staff_role(code),"
            "  pin_salt BLOB NOT NULL,"
            "  pin_hash BLOB NOT NULL,"
            "  pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),"
            "  badge_hash BLOB UNIQUE,"
            "  active INTEGER NOT NULL DEFAULT 1,"
            "  failed_pins INTEGER NOT NULL DEFAULT 0,"
            "  locked_until_ms INTEGER NOT NULL DEFAULT 0,"
            "  created_at_ms INTEGER NOT NULL) WITHOUT ROWID",
            "INSERT INTO staff_role (code, name, permissions) VALUES ('manager', 'Manager', '*'), "
            "('cashier', 'Cashier', '')",
        });
}

// v9: sales parked at the counter (core/sale/parkedsales.h), kept until they are resumed: the cart as JSON, who
// parked it and when.
Status migrateTo9(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE parked_sale ("
            "  id INTEGER PRIMARY KEY,"
            "  parked_at_ms INTEGER NOT NULL,"
            "  staff_id TEXT,"
            "  staff_name TEXT NOT NULL DEFAULT '',"
            "  note TEXT NOT NULL DEFAULT '',"
            "  total_minor INTEGER NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  lines INTEGER NOT NULL,"
            "  cart TEXT NOT NULL)",
        });
}

// v10: the print queue (core/printing/printqueue.h). A receipt's printer bytes are kept until the printer has taken
// them; a job that was being sent when the till stopped is "interrupted" and waits for the cashier, never printed
// twice by itself.
Status migrateTo10(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE print_job ("
            "  id INTEGER PRIMARY KEY,"
            "  created_at_ms INTEGER NOT NULL,"
            "  receipt_no TEXT NOT NULL DEFAULT '',"
            "  printer TEXT NOT NULL,"
            "  data BLOB NOT NULL,"
            "  state TEXT NOT NULL DEFAULT 'queued' "
            "    CHECK (state IN ('queued', 'sending', 'printed', 'interrupted', 'cancelled')),"
            "  attempts INTEGER NOT NULL DEFAULT 0,"
            "  last_error TEXT NOT NULL DEFAULT '',"
            "  printed_at_ms INTEGER)",
            "CREATE INDEX print_job_waiting ON print_job (state, id)",
        });
}

// v11: split tender (core/sale/tenders.h). What paid each sale, tender by tender, append-only like the sale; and the
// part payments taken for the sale in progress, kept until it completes (or they are reversed).
Status migrateTo11(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE sale_payment ("
            "  sale_id INTEGER NOT NULL REFERENCES sale(id),"
            "  seq INTEGER NOT NULL,"
            "  kind TEXT NOT NULL,"
            "  amount_minor INTEGER NOT NULL,"
            "  tendered_minor INTEGER NOT NULL,"
            "  reference TEXT NOT NULL,"
            "  PRIMARY KEY (sale_id, seq)) WITHOUT ROWID",
            "CREATE TRIGGER sale_payment_no_delete BEFORE DELETE ON sale_payment "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TRIGGER sale_payment_no_update BEFORE UPDATE ON sale_payment "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
            "CREATE TABLE open_tender ("
            "  id INTEGER PRIMARY KEY,"
            "  kind TEXT NOT NULL,"
            "  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),"
            "  currency TEXT NOT NULL,"
            "  reference TEXT NOT NULL,"
            "  staff_id TEXT NOT NULL,"
            "  taken_at_ms INTEGER NOT NULL,"
            "  event_id TEXT NOT NULL)",
        });
}

// v12: cash shifts (core/shifts). At most one shift is open; a closed one (its Z report) never changes; the cash moved
// in and out is append-only; each sale names the shift it was recorded in, for good.
Status migrateTo12(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE shift ("
            "  id INTEGER PRIMARY KEY,"
            "  uuid TEXT NOT NULL UNIQUE,"
            "  currency TEXT NOT NULL,"
            "  opened_at_ms INTEGER NOT NULL,"
            "  opened_by TEXT NOT NULL,"
            "  opened_by_name TEXT NOT NULL,"
            "  float_minor INTEGER NOT NULL CHECK (float_minor >= 0),"
            "  closed_at_ms INTEGER,"
            "  closed_by TEXT,"
            "  z_no INTEGER UNIQUE,"
            "  counted_minor INTEGER,"
            "  expected_minor INTEGER)",
            "CREATE UNIQUE INDEX shift_one_open ON shift ((closed_at_ms IS NULL)) WHERE closed_at_ms IS NULL",
            "CREATE TRIGGER shift_closed_is_final BEFORE UPDATE ON shift WHEN OLD.closed_at_ms IS NOT NULL "
            "BEGIN SELECT RAISE(ABORT, 'a closed shift does not change'); END",
            "CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift "
            "BEGIN SELECT RAISE(ABORT, 'shifts are append-only'); END",
            "CREATE TABLE cash_move ("
            "  id INTEGER PRIMARY KEY,"
            "  shift_id INTEGER NOT NULL REFERENCES shift(id),"
            "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'no_sale')),"
            "  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),"
            "  reason TEXT NOT NULL,"
            "  staff_id TEXT NOT NULL,"
            "  at_ms INTEGER NOT NULL)",
            "CREATE INDEX cash_move_shift ON cash_move (shift_id)",
            "CREATE TRIGGER cash_move_no_change BEFORE UPDATE ON cash_move "
            "BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END",
            "CREATE TRIGGER cash_move_no_delete BEFORE DELETE ON cash_move "
            "BEGIN SELECT RAISE(ABORT, 'cash moves are append-only'); END",
            "ALTER TABLE sale ADD COLUMN shift_id INTEGER REFERENCES shift(id)",
            "CREATE INDEX sale_shift ON sale (shift_id)",
            "CREATE TRIGGER sale_shift_fixed BEFORE UPDATE OF shift_id ON sale "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
        });
}

// v13: e-receipts. Each sale keeps the random token of its receipt's link (the QR code); its journal entry carries
// only the token's SHA-256, by which the hub finds the sale.
Status migrateTo13(QSqlDatabase &db)
{
    return runAll(db,
        {
            "ALTER TABLE sale ADD COLUMN receipt_token TEXT",
            "CREATE TRIGGER sale_token_fixed BEFORE UPDATE OF receipt_token ON sale "
            "BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END",
        });
}

// v14: the fiscal signature of each sale (core/fiscal): pending until the signer signs it, then its value and QR code.
Status migrateTo14(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE fiscal_signature ("
            "  sale_id INTEGER PRIMARY KEY REFERENCES sale(id),"
            "  receipt_no TEXT NOT NULL,"
            "  chain_value BLOB NOT NULL,"
            "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'signed')),"
            "  signer TEXT,"
            "  value TEXT,"
            "  qr TEXT,"
            "  turnover_minor INTEGER,"
            "  last_error TEXT NOT NULL DEFAULT '',"
            "  signed_at_ms INTEGER)",
            "CREATE INDEX fiscal_signature_receipt ON fiscal_signature (receipt_no)",
            "CREATE INDEX fiscal_signature_state ON fiscal_signature (state, sale_id)",
            "CREATE TRIGGER fiscal_signed_is_final BEFORE UPDATE ON fiscal_signature WHEN OLD.state = 'signed' "
            "BEGIN SELECT RAISE(ABORT, 'a fiscal signature does not change'); END",
        });
}

// v15: stored value (core/storedvalue). A part payment keeps the card it drew on; sv_use follows every stored-value
// movement this till journals (a card sold or topped up, a redemption, one taken back), kept by a trigger on the
// journal so no code path can forget it: what the hub has not yet counted is this till's pending use of a card, which
// bounds what it redeems offline. A replayed entry (Journal::rebase) keeps its event id and moves to its new seq.
// sv_card holds what the hub last answered about a card when asked online.
Status migrateTo15(QSqlDatabase &db)
{
    return runAll(db,
        {
            "ALTER TABLE open_tender ADD COLUMN card TEXT",
            "ALTER TABLE open_tender ADD COLUMN offline INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE sv_use ("
            "  id TEXT PRIMARY KEY," // the business event's id (its payload's)
            "  seq INTEGER NOT NULL," // its journal entry
            "  card TEXT NOT NULL,"
            "  delta_minor INTEGER NOT NULL," // + loaded or given back, − redeemed
            "  offline INTEGER NOT NULL)",
            "CREATE INDEX sv_use_card ON sv_use (card, seq)",
            "CREATE INDEX sv_use_seq ON sv_use (seq)",
            "CREATE TRIGGER sv_use_from_journal AFTER INSERT ON journal "
            "WHEN NEW.type IN ('payment.taken', 'payment.reversed', 'sv.issued', 'sv.topped_up') "
            "AND json_extract(CAST(NEW.payload AS TEXT), '$.card') IS NOT NULL "
            "BEGIN INSERT OR REPLACE INTO sv_use (id, seq, card, delta_minor, offline) VALUES ("
            "  json_extract(CAST(NEW.payload AS TEXT), '$.id'), NEW.seq,"
            "  json_extract(CAST(NEW.payload AS TEXT), '$.card'),"
            "  CASE NEW.type WHEN 'payment.taken' THEN -json_extract(CAST(NEW.payload AS TEXT), '$.amount_minor')"
            "  ELSE json_extract(CAST(NEW.payload AS TEXT), '$.amount_minor') END,"
            "  coalesce(json_extract(CAST(NEW.payload AS TEXT), '$.offline'), 0)); END",
            "CREATE TABLE sv_card (card TEXT PRIMARY KEY, body BLOB NOT NULL, asked_at_ms INTEGER NOT NULL) "
            "WITHOUT ROWID",
        });
}

// v16: customers (core/customers). The hub's customers stream and the customers made here, with what lookups need
// as indexes: the loyalty cards, email and phone exactly, the words of the name (folded, without accents) for prefix
// search; merged customers as aliases of the one that stays. A sale names its customer.
Status migrateTo16(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE customer ("
            "  id TEXT PRIMARY KEY,"
            "  name TEXT NOT NULL,"
            "  email TEXT,"
            "  phone TEXT,"
            "  tier TEXT NOT NULL,"
            "  points INTEGER NOT NULL,"
            "  first_card TEXT,"
            "  local_seq INTEGER," // this till's last change (its journal entry) while the hub has not sent it back
            "  version INTEGER NOT NULL) WITHOUT ROWID",
            // The whole row (core/customers Customer::toRow: consent, recent orders, …), apart, so that the summaries
            // a search lists stay small and dense.
            "CREATE TABLE customer_body (id TEXT PRIMARY KEY, body BLOB NOT NULL)",
            "CREATE INDEX customer_email ON customer (email) WHERE email IS NOT NULL",
            "CREATE INDEX customer_phone ON customer (phone) WHERE phone IS NOT NULL",
            "CREATE TABLE customer_card (card TEXT PRIMARY KEY, customer_id TEXT NOT NULL) WITHOUT ROWID",
            // Each word of each name (folded, without accents) with the whole folded name: a prefix range over the
            // words finds the candidates, and the other words typed are checked against the name without a lookup.
            "CREATE TABLE customer_word (word TEXT NOT NULL, customer_id TEXT NOT NULL, name_key TEXT NOT NULL, "
            "PRIMARY KEY (word, customer_id)) WITHOUT ROWID",
            "CREATE TABLE customer_alias (id TEXT PRIMARY KEY, survivor TEXT NOT NULL) WITHOUT ROWID",
            "CREATE INDEX customer_alias_survivor ON customer_alias (survivor)",
            "ALTER TABLE sale ADD COLUMN customer_id TEXT",
            // The customers stream was mirrored as JSON nobody read; its rows are applied again from the start.
            "DELETE FROM stream_row WHERE stream = 'customers'",
            "DELETE FROM pulled_row WHERE stream = 'customers'",
            "DELETE FROM meta WHERE key = 'cursor.customers'",
        });
}

// v17: loyalty points (core/loyalty). Points can pay: a part payment keeps the customer and the points; loyalty_use
// follows every points payment this till journals (taken, or taken back), kept by a trigger on the journal as sv_use
// is, so what the hub has not counted yet bounds what this till lets a customer redeem offline. A sale keeps the
// points it earned.
Status migrateTo17(QSqlDatabase &db)
{
    return runAll(db,
        {
            "ALTER TABLE open_tender ADD COLUMN customer_id TEXT",
            "ALTER TABLE open_tender ADD COLUMN points INTEGER",
            "ALTER TABLE sale ADD COLUMN points_earned INTEGER",
            "CREATE TABLE loyalty_use ("
            "  id TEXT PRIMARY KEY," // the business event's id
            "  seq INTEGER NOT NULL,"
            "  customer TEXT NOT NULL,"
            "  points INTEGER NOT NULL," // − redeemed, + given back
            "  offline INTEGER NOT NULL)",
            "CREATE INDEX loyalty_use_customer ON loyalty_use (customer, seq)",
            "CREATE INDEX loyalty_use_seq ON loyalty_use (seq)",
            "CREATE TRIGGER loyalty_use_from_journal AFTER INSERT ON journal "
            "WHEN NEW.type IN ('payment.taken', 'payment.reversed') "
            "AND json_extract(CAST(NEW.payload AS TEXT), '$.kind') = 'points' "
            "BEGIN INSERT OR REPLACE INTO loyalty_use (id, seq, customer, points, offline) VALUES ("
            "  json_extract(CAST(NEW.payload AS TEXT), '$.id'), NEW.seq,"
            "  json_extract(CAST(NEW.payload AS TEXT), '$.customer'),"
            "  CASE NEW.type WHEN 'payment.taken' THEN -json_extract(CAST(NEW.payload AS TEXT), '$.points')"
            "  ELSE json_extract(CAST(NEW.payload AS TEXT), '$.points') END,"
            "  coalesce(json_extract(CAST(NEW.payload AS TEXT), '$.offline'), 0)); END",
        });
}

// v18: returns (core/returns). Append-only like sales: a return, its lines (each with the line of the original it
// takes back, or none when scanned without one) and the tenders its refund went to. The points a return gives back
// or takes back count in loyalty_use as a points payment taken back does. A sale is found by its receipt's token.
Status migrateTo18(QSqlDatabase &db)
{
    return runAll(db,
        {
            "CREATE TABLE sale_return ("
            "  id INTEGER PRIMARY KEY,"
            "  event_id TEXT NOT NULL UNIQUE,"
            "  return_no TEXT NOT NULL UNIQUE,"
            "  created_at_ms INTEGER NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  original TEXT," // the receipt or order number; NULL without a receipt
            "  channel TEXT,"
            "  source TEXT NOT NULL," // hub, this_till, cached_header, none
            "  total_minor INTEGER NOT NULL CHECK (total_minor >= 0),"
            "  tax_minor INTEGER NOT NULL,"
            "  customer_id TEXT,"
            "  staff_id TEXT NOT NULL,"
            "  approved_by TEXT,"
            "  reason TEXT NOT NULL,"
            "  shift_id INTEGER)",
            "CREATE INDEX sale_return_original ON sale_return (original) WHERE original IS NOT NULL",
            "CREATE INDEX sale_return_shift ON sale_return (shift_id)",
            // A receipt's QR code finds its sale by the token.
            "CREATE INDEX sale_receipt_token ON sale (receipt_token) WHERE receipt_token IS NOT NULL",
            "CREATE TABLE sale_return_line ("
            "  return_id INTEGER NOT NULL REFERENCES sale_return(id),"
            "  idx INTEGER NOT NULL,"
            "  original_line_no INTEGER,"
            "  sku TEXT NOT NULL,"
            "  name TEXT NOT NULL,"
            "  unit TEXT NOT NULL,"
            "  variant_id INTEGER,"
            "  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),"
            "  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),"
            "  tax_class TEXT NOT NULL,"
            "  tax_rate_milli_pct INTEGER NOT NULL,"
            "  restock INTEGER NOT NULL,"
            "  PRIMARY KEY (return_id, idx)) WITHOUT ROWID",
            "CREATE TABLE sale_return_refund ("
            "  return_id INTEGER NOT NULL REFERENCES sale_return(id),"
            "  seq INTEGER NOT NULL,"
            "  kind TEXT NOT NULL,"
            "  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),"
            "  reference TEXT NOT NULL,"
            "  PRIMARY KEY (return_id, seq)) WITHOUT ROWID",
            "CREATE TRIGGER sale_return_no_delete BEFORE DELETE ON sale_return "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER sale_return_no_update BEFORE UPDATE ON sale_return "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER sale_return_line_no_change BEFORE UPDATE ON sale_return_line "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER sale_return_line_no_delete BEFORE DELETE ON sale_return_line "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER sale_return_refund_no_change BEFORE UPDATE ON sale_return_refund "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER sale_return_refund_no_delete BEFORE DELETE ON sale_return_refund "
            "BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END",
            "CREATE TRIGGER loyalty_use_from_return AFTER INSERT ON journal "
            "WHEN NEW.type = 'return.completed' "
            "AND json_extract(CAST(NEW.payload AS TEXT), '$.points.customer') IS NOT NULL "
            "BEGIN INSERT OR REPLACE INTO loyalty_use (id, seq, customer, points, offline) VALUES ("
            "  json_extract(CAST(NEW.payload AS TEXT), '$.id'), NEW.seq,"
            "  json_extract(CAST(NEW.payload AS TEXT), '$.points.customer'),"
            "  json_extract(CAST(NEW.payload AS TEXT), '$.points.back')"
            "  - json_extract(CAST(NEW.payload AS TEXT), '$.points.clawed_back'), 0); END",
        });
}

// v19: the online cart a sale rang up (core/handoff): its id and the version the till had, for the hub's
// compare-and-set, and so that a till offline does not ring up the same cart twice.
Status migrateTo19(QSqlDatabase &db)
{
    return runAll(db,
        {
            "ALTER TABLE sale ADD COLUMN online_cart_id TEXT",
            "ALTER TABLE sale ADD COLUMN online_cart_version INTEGER",
            "CREATE INDEX sale_online_cart ON sale (online_cart_id) WHERE online_cart_id IS NOT NULL",
        });
}

// The promotions running now, ending soonest first, for a kiosk's attract screen (Catalog::promotions).
Status migrateTo20(QSqlDatabase &db)
{
    return runAll(db, { "CREATE INDEX price_ends ON price (valid_to_ms) WHERE valid_to_ms IS NOT NULL" });
}

// v21: the journal by time, for the state report a terminal sends the hub with each sync round (its entries counted
// by quarter hour, sync/common/terminalstate.h).
Status migrateTo21(QSqlDatabase &db)
{
    return runAll(db, { "CREATE INDEX journal_time ON journal (created_at_ms)" });
}

// Rows that may exist only on this terminal. Tables that do not exist yet count as zero.
Result<qint64> localFactCount(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
            "('sale', 'sale_line', 'sale_tax', 'sale_payment', 'open_tender', 'shift', 'cash_move', 'sale_return', "
            "'sale_return_line', 'sale_return_refund')")))
        return sqlError(q.lastError(), QStringLiteral("counting local sales"));
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    qint64 total = 0;
    for (const QString &t : tables) {
        // Table names come from the fixed list above, never from input.
        QSqlQuery c(db);
        if (!c.exec(QStringLiteral("SELECT count(*) FROM ") + t) || !c.next())
            return sqlError(c.lastError(), QStringLiteral("counting local sales"));
        total += c.value(0).toLongLong();
    }
    return total;
}

Status setVersion(QSqlDatabase &db, int version)
{
    // PRAGMA does not take bound parameters; the version is an int from this file, never from input.
    return execDirect(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
}

} // namespace

Status applyStep(QSqlDatabase &db, int version, StepFn migrateFn)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    auto before = localFactCount(db);
    if (!before)
        return before.error();
    if (auto st = migrateFn(db); !st)
        return st;
    auto after = localFactCount(db);
    if (!after)
        return after.error();
    if (*after != *before)
        return makeError(ErrorCode::Storage,
            QStringLiteral("schema step %1 would change the number of recorded sale rows from %2 to %3; "
                           "it was rolled back and the database is unchanged")
                .arg(version)
                .arg(*before)
                .arg(*after));
    if (auto st = setVersion(db, version); !st)
        return st;
    if (auto st = tx.commit(); !st)
        return st;
    qCInfo(lcDb) << "migrated schema to version" << version;
    return Ok {};
}

Result<int> run(QSqlDatabase &db, int from, int to)
{
    int version = from;
    // Ordered fall-through: each case brings the schema one version forward.
    switch (from) {
    case 0:
        if (auto st = applyStep(db, 1, migrateTo1); !st)
            return st.error();
        version = 1;
        if (to == 1)
            break;
        [[fallthrough]];
    case 1:
        if (auto st = applyStep(db, 2, migrateTo2); !st)
            return st.error();
        version = 2;
        if (to == 2)
            break;
        [[fallthrough]];
    case 2:
        if (auto st = applyStep(db, 3, migrateTo3); !st)
            return st.error();
        version = 3;
        if (to == 3)
            break;
        [[fallthrough]];
    case 3:
        if (auto st = applyStep(db, 4, migrateTo4); !st)
            return st.error();
        version = 4;
        if (to == 4)
            break;
        [[fallthrough]];
    case 4:
        if (auto st = applyStep(db, 5, migrateTo5); !st)
            return st.error();
        version = 5;
        if (to == 5)
            break;
        [[fallthrough]];
    case 5:
        if (auto st = applyStep(db, 6, migrateTo6); !st)
            return st.error();
        version = 6;
        if (to == 6)
            break;
        [[fallthrough]];
    case 6:
        if (auto st = applyStep(db, 7, migrateTo7); !st)
            return st.error();
        version = 7;
        if (to == 7)
            break;
        [[fallthrough]];
    case 7:
        if (auto st = applyStep(db, 8, migrateTo8); !st)
            return st.error();
        version = 8;
        if (to == 8)
            break;
        [[fallthrough]];
    case 8:
        if (auto st = applyStep(db, 9, migrateTo9); !st)
            return st.error();
        version = 9;
        if (to == 9)
            break;
        [[fallthrough]];
    case 9:
        if (auto st = applyStep(db, 10, migrateTo10); !st)
            return st.error();
        version = 10;
        if (to == 10)
            break;
        [[fallthrough]];
    case 10:
        if (auto st = applyStep(db, 11, migrateTo11); !st)
            return st.error();
        version = 11;
        if (to == 11)
            break;
        [[fallthrough]];
    case 11:
        if (auto st = applyStep(db, 12, migrateTo12); !st)
            return st.error();
        version = 12;
        if (to == 12)
            break;
        [[fallthrough]];
    case 12:
        if (auto st = applyStep(db, 13, migrateTo13); !st)
            return st.error();
        version = 13;
        if (to == 13)
            break;
        [[fallthrough]];
    case 13:
        if (auto st = applyStep(db, 14, migrateTo14); !st)
            return st.error();
        version = 14;
        if (to == 14)
            break;
        [[fallthrough]];
    case 14:
        if (auto st = applyStep(db, 15, migrateTo15); !st)
            return st.error();
        version = 15;
        if (to == 15)
            break;
        [[fallthrough]];
    case 15:
        if (auto st = applyStep(db, 16, migrateTo16); !st)
            return st.error();
        version = 16;
        if (to == 16)
            break;
        [[fallthrough]];
    case 16:
        if (auto st = applyStep(db, 17, migrateTo17); !st)
            return st.error();
        version = 17;
        if (to == 17)
            break;
        [[fallthrough]];
    case 17:
        if (auto st = applyStep(db, 18, migrateTo18); !st)
            return st.error();
        version = 18;
        [[fallthrough]];
    case 18:
        if (auto st = applyStep(db, 19, migrateTo19); !st)
            return st.error();
        version = 19;
        if (to == 19)
            break;
        [[fallthrough]];
    case 19:
        if (auto st = applyStep(db, 20, migrateTo20); !st)
            return st.error();
        version = 20;
        if (to == 20)
            break;
        [[fallthrough]];
    case 20:
        if (auto st = applyStep(db, 21, migrateTo21); !st)
            return st.error();
        version = 21;
        break;
    default:
        break;
    }
    return version;
}

} // namespace omnitill::Migrations
