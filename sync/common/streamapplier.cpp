// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/streamapplier.h"

#include "core/customers/customerstore.h"
#include "core/storage/database.h"
#include "core/storage/statement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace omnitill::sync::StreamApplier {

namespace {
QString cursorKey(const QString &stream)
{
    return QStringLiteral("cursor.") + stream;
}
QString refetchKey(const QString &stream)
{
    return QStringLiteral("refetch.") + stream;
}

// Runs `sql` (a statement kept on the connection) with `key` and `stream` bound first and `blob`, when given, third.
Status runKeyed(Database &db, std::string_view sql, const QString &stream, const QString &key,
    std::optional<QByteArrayView> blob, QStringView context)
{
    auto q = db.statement(sql);
    if (!q)
        return q.error();
    q->bind(0, stream).bind(1, key);
    if (blob)
        q->bindBlob(2, *blob);
    return q->run(context);
}

// Applies the removal of `key` from `stream` to the store's tables.
Status removeKey(Database &db, CatalogWriter &writer, const QString &stream, const QString &key)
{
    if (stream == kCatalogStream) {
        const QStringList parts = key.split(u'|');
        if (parts.size() != 3)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a catalog key \"%1\" is malformed").arg(key));
        return writer.removePrice(parts[0], parts[1], parts[2].toLongLong());
    }
    if (stream == kTaxStream || stream == kRolesStream)
        return Ok {}; // referenced by products, sales and people: a removed class or role stays
    if (stream == kStaffStream) { // referenced by the journal: a person the hub removed can no longer sign in
        auto q = db.statement("UPDATE staff SET active = 0 WHERE id = ?");
        if (!q)
            return q.error();
        q->bind(0, key);
        return q->run(u"deactivating a person");
    }
    if (stream == kCustomersStream) // erased at the hub: every trace goes
        return CustomerStore::erase(db, key);
    return runKeyed(db, "DELETE FROM stream_row WHERE stream = ? AND key = ?", stream, key, std::nullopt,
        QStringLiteral("removing a %1 row").arg(stream));
}

// A role or a person as the hub has them. A person's failed PINs and lockout are this till's own and stay.
Status applyStaffRow(Database &db, const QString &stream, const QByteArray &row)
{
    if (stream == kRolesStream) {
        const QJsonObject o = QJsonDocument::fromJson(row).object();
        QStringList permissions;
        for (const QJsonValue &p : o.value(u"permissions").toArray())
            permissions << p.toString();
        auto q = db.statement("INSERT INTO staff_role (code, name, permissions) VALUES (?, ?, ?) ON CONFLICT (code) "
                              "DO UPDATE SET name = excluded.name, permissions = excluded.permissions");
        if (!q)
            return q.error();
        q->bind(0, o.value(u"code").toString()).bind(1, o.value(u"name").toString());
        q->bind(2, permissions.contains(QStringLiteral("*")) ? QStringLiteral("*") : permissions.join(u','));
        return q->run(u"saving a role");
    }
    auto r = staffFromRow(row);
    if (!r)
        return r.error();
    {
        // A role this till has not heard of yet may do nothing until the hub sends it (roles come first in a round,
        // so only a role published after the person arrives later).
        auto role = db.statement("INSERT INTO staff_role (code, name, permissions) VALUES (?, ?, '') "
                                 "ON CONFLICT (code) DO NOTHING");
        if (!role)
            return role.error();
        role->bind(0, r->role).bind(1, r->role);
        if (auto st = role->run(u"saving a role"); !st)
            return st;
    }
    auto q = db.statement("INSERT INTO staff (id, name, role, pin_salt, pin_hash, pin_iterations, badge_hash, active, "
                          "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET "
                          "name = excluded.name, role = excluded.role, pin_salt = excluded.pin_salt, "
                          "pin_hash = excluded.pin_hash, pin_iterations = excluded.pin_iterations, "
                          "badge_hash = excluded.badge_hash, active = excluded.active");
    if (!q)
        return q.error();
    q->bind(0, r->id).bind(1, r->name).bind(2, r->role).bindBlob(3, r->pinSalt).bindBlob(4, r->pinHash);
    q->bind(5, r->pinIterations).bind(7, r->active ? 1 : 0);
    if (r->badgeHash.isEmpty())
        q->bindNull(6);
    else
        q->bindBlob(6, r->badgeHash);
    return q->run(u"saving a person");
}

Status run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    return exec(*q, QStringLiteral("updating the stream mirror"));
}
} // namespace

Result<qint64> cursor(Database &db, const QString &stream)
{
    auto v = readMeta(db.connection(), cursorKey(stream));
    if (!v)
        return v.error();
    return v->value_or(QStringLiteral("0")).toLongLong();
}

Status applyPage(Database &db, const PullPage &page)
{
    if (!kTerminalStreams.contains(page.stream))
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("this terminal does not apply stream \"%1\"").arg(page.stream));
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    auto current = cursor(db, page.stream);
    if (!current)
        return current.error();
    CatalogWriter writer(db);
    writer.setBackendAuthoritative(true);
    if (auto st = writer.prepare(); !st)
        return st;
    const bool seen = refetching(db, page.stream);
    constexpr QStringView kContext = u"updating the stream mirror";
    for (const StreamChange &change : page.changes) {
        if (change.seq <= *current)
            continue; // a page that overlaps what is already applied
        if (change.remove) {
            if (auto st = removeKey(db, writer, page.stream, change.key); !st)
                return st;
            if (auto st = runKeyed(db, "DELETE FROM pulled_row WHERE stream = ? AND key = ?", page.stream, change.key,
                    std::nullopt, kContext);
                !st)
                return st;
        } else {
            if (page.stream == kCatalogStream) {
                if (change.key.isEmpty() || change.key.size() > 256)
                    return validateRow(page.stream, change.key, change.row); // its message
                auto record = validCatalogRow(change.key, change.row);
                if (!record)
                    return record.error();
                if (auto st = writer.write(*record); !st)
                    return st;
            } else if (auto valid = validateRow(page.stream, change.key, change.row); !valid) {
                return valid;
            } else if (page.stream == kRolesStream || page.stream == kStaffStream) {
                if (auto st = applyStaffRow(db, page.stream, change.row); !st)
                    return st;
            } else if (page.stream == kCustomersStream) {
                if (auto st = CustomerStore::applyRow(db, change.key, change.row); !st)
                    return st;
            } else if (page.stream != kTaxStream) {
                if (auto st = runKeyed(db,
                        "INSERT INTO stream_row (stream, key, body) VALUES (?, ?, ?) "
                        "ON CONFLICT (stream, key) DO UPDATE SET body = excluded.body",
                        page.stream, change.key, QByteArrayView(change.row), kContext);
                    !st)
                    return st;
            } else {
                auto tax = taxClassFromRow(change.row);
                if (!tax)
                    return tax.error();
                if (auto st = writer.upsertTaxClass(*tax); !st)
                    return st;
            }
            if (auto st = runKeyed(db,
                    "INSERT INTO pulled_row (stream, key, row_hash) VALUES (?, ?, ?) "
                    "ON CONFLICT (stream, key) DO UPDATE SET row_hash = excluded.row_hash",
                    page.stream, change.key, QByteArrayView(change.rowHash), kContext);
                !st)
                return st;
        }
        if (seen) {
            if (auto st = runKeyed(db, "INSERT OR IGNORE INTO pull_seen (stream, key) VALUES (?, ?)", page.stream,
                    change.key, std::nullopt, kContext);
                !st)
                return st;
        }
    }
    if (auto st = writer.finish(); !st)
        return st;
    if (page.nextCursor > *current) {
        if (auto st = writeMeta(c, cursorKey(page.stream), QString::number(page.nextCursor)); !st)
            return st;
    }
    return tx.commit();
}

Result<std::optional<QByteArray>> row(Database &db, const QString &stream, const QString &key)
{
    auto q = prepare(db.connection(), QStringLiteral("SELECT body FROM stream_row WHERE stream = ? AND key = ?"));
    if (!q)
        return q.error();
    q->bindValue(0, stream);
    q->bindValue(1, key);
    if (auto st = exec(*q, QStringLiteral("reading a %1 row").arg(stream)); !st)
        return st.error();
    if (!q->next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(q->value(0).toByteArray());
}

Result<StreamDigest> digest(Database &db, const QString &stream)
{
    return digestOf(db.connection(), QStringLiteral("SELECT key, row_hash FROM pulled_row WHERE stream = ?"), stream);
}

Status beginRefetch(Database &db, const QString &stream)
{
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    if (auto st = run(c, QStringLiteral("DELETE FROM pull_seen WHERE stream = ?"), { stream }); !st)
        return st;
    if (auto st = writeMeta(c, refetchKey(stream), QStringLiteral("1")); !st)
        return st;
    if (auto st = writeMeta(c, cursorKey(stream), QStringLiteral("0")); !st)
        return st;
    return tx.commit();
}

bool refetching(Database &db, const QString &stream)
{
    auto v = readMeta(db.connection(), refetchKey(stream));
    return v && v->has_value();
}

Status finishRefetch(Database &db, const QString &stream)
{
    QSqlDatabase &c = db.connection();
    Transaction tx(c);
    if (!tx.begun())
        return tx.begun();
    QStringList gone;
    {
        auto q = prepare(c,
            QStringLiteral("SELECT key FROM pulled_row WHERE stream = ? AND key NOT IN "
                           "(SELECT key FROM pull_seen WHERE stream = ?)"));
        if (!q)
            return q.error();
        q->bindValue(0, stream);
        q->bindValue(1, stream);
        if (auto st = exec(*q, QStringLiteral("finding removed rows")); !st)
            return st;
        while (q->next())
            gone << q->value(0).toString();
    }
    CatalogWriter writer(db);
    if (auto st = writer.prepare(); !st)
        return st;
    for (const QString &key : gone) {
        if (auto st = removeKey(db, writer, stream, key); !st)
            return st;
        if (auto st = runKeyed(db, "DELETE FROM pulled_row WHERE stream = ? AND key = ?", stream, key, std::nullopt,
                u"removing a row the hub no longer has");
            !st)
            return st;
    }
    if (auto st = writer.finish(); !st)
        return st;
    if (auto st = run(c, QStringLiteral("DELETE FROM pull_seen WHERE stream = ?"), { stream }); !st)
        return st;
    if (auto st = writeMeta(c, refetchKey(stream), std::nullopt); !st)
        return st;
    return tx.commit();
}

} // namespace omnitill::sync::StreamApplier
