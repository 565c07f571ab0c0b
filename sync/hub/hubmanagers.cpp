// SPDX-License-Identifier: GPL-3.0-or-later
// Managers signed in to the report pages: their name and PIN checked against the staff and roles streams, sessions
// kept as hashes of their tokens, wrong PINs counted by name.
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/staff/permissions.h"
#include "core/staff/pinhash.h"
#include "core/storage/database.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QVariant>

namespace omnitill::sync {

namespace {
QString tokenHash(QByteArrayView token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

// The latest row of every key of a small stream (staff, roles); deleted keys are left out.
Result<QHash<QString, QByteArray>> currentRows(QSqlDatabase &db, const QString &stream)
{
    auto q
        = prepare(db, QStringLiteral("SELECT key, op, body FROM stream_change WHERE stream = ? ORDER BY change_seq"));
    if (!q)
        return q.error();
    q->bindValue(0, stream);
    if (auto st = exec(*q, QStringLiteral("reading the %1 stream").arg(stream)); !st)
        return st.error();
    QHash<QString, QByteArray> rows;
    while (q->next()) {
        if (q->value(1).toString() == QLatin1String("delete"))
            rows.remove(q->value(0).toString());
        else
            rows.insert(q->value(0).toString(), q->value(2).toByteArray());
    }
    return rows;
}

// Whether `role` may see reports: its published permissions, or the built-in manager role (every terminal has it).
bool mayReport(const QHash<QString, QByteArray> &roles, const QString &role)
{
    const auto row = roles.constFind(role);
    if (row == roles.cend())
        return role == QLatin1String("manager");
    const QJsonArray permissions = QJsonDocument::fromJson(*row).object().value(u"permissions").toArray();
    return permissions.contains(QJsonValue(QStringLiteral("*")))
        || permissions.contains(QJsonValue(permissionCode(Permission::Reports)));
}

struct Manager
{
    StaffRow staff;
    bool mayReport = false;
};

// The active people of the staff stream, with whether their role may see reports.
Result<QList<Manager>> activeStaff(QSqlDatabase &db)
{
    auto staff = currentRows(db, kStaffStream);
    if (!staff)
        return staff.error();
    auto roles = currentRows(db, kRolesStream);
    if (!roles)
        return roles.error();
    QList<Manager> people;
    for (const QByteArray &row : std::as_const(*staff)) {
        auto person = staffFromRow(row);
        if (person && person->active)
            people.append(Manager { *person, mayReport(*roles, person->role) });
    }
    return people;
}
} // namespace

Result<QString> HubStore::signInManager(const QString &name, QStringView pin)
{
    const QString key = name.simplified().toCaseFolded().left(80);
    const Error refused { ErrorCode::Refused,
        QStringLiteral("The name or PIN is not right, or this person may not see reports.") };
    if (key.isEmpty() || pin.isEmpty() || pin.size() > 8)
        return refused;
    const qint64 now = m_clock();
    // The PIN is checked (PBKDF2, about 0.1 s) outside any write transaction, so pushes are never held up by it;
    // the count of wrong PINs is then read again and written in one.
    const auto lockedFor = [&]() -> Result<std::optional<qint64>> {
        auto login = query(QStringLiteral("SELECT failures, locked_until_ms FROM manager_login WHERE name_key = ?"),
            { key }, u"reading the sign-in attempts");
        if (!login)
            return login.error();
        if (!login->next())
            return std::optional<qint64> {};
        const qint64 lockedUntil = login->value(1).toLongLong();
        return lockedUntil > now ? std::optional<qint64>(lockedUntil) : std::optional<qint64>();
    };
    const auto locked = [&](qint64 until) {
        return makeError(ErrorCode::Refused,
            QStringLiteral("Too many wrong PINs for this name. Try again in %1 minutes.")
                .arg((until - now + 59'999) / 60'000));
    };
    if (auto until = lockedFor(); !until)
        return until.error();
    else if (*until)
        return locked(**until);
    auto people = activeStaff(m_db);
    if (!people)
        return people.error();
    const Manager *found = nullptr;
    for (const Manager &m : std::as_const(*people)) {
        if (m.mayReport && m.staff.name.simplified().toCaseFolded() == key
            && PinHash::matches(pin, m.staff.pinSalt, m.staff.pinHash, m.staff.pinIterations)) {
            found = &m;
            break;
        }
    }
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    auto login = query(QStringLiteral("SELECT failures, locked_until_ms FROM manager_login WHERE name_key = ?"),
        { key }, u"reading the sign-in attempts");
    if (!login)
        return login.error();
    qint64 failures = 0;
    if (login->next()) {
        failures = login->value(0).toLongLong();
        if (login->value(1).toLongLong() > now) // locked by another attempt meanwhile
            return locked(login->value(1).toLongLong());
    }
    login->finish();
    if (!found) {
        ++failures;
        const qint64 lockedUntil = failures >= kManagerMaxFailures ? now + kManagerLockMs : 0;
        auto counted = query(QStringLiteral("INSERT INTO manager_login (name_key, failures, locked_until_ms) VALUES "
                                            "(?, ?, ?) ON CONFLICT (name_key) DO UPDATE SET failures = "
                                            "excluded.failures, locked_until_ms = excluded.locked_until_ms"),
            { key, lockedUntil ? 0 : failures, lockedUntil }, u"counting a wrong PIN");
        if (!counted)
            return counted.error();
        if (auto st = tx->commit(); !st)
            return st.error();
        qCWarning(lcHub) << "refused a manager's sign-in on the report pages" << (lockedUntil ? "; name locked" : "");
        return refused;
    }
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    const QString token
        = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QList<std::pair<QString, QVariantList>> writes {
        { QStringLiteral("DELETE FROM manager_login WHERE name_key = ?"), { key } },
        { QStringLiteral("DELETE FROM manager_session WHERE expires_at_ms < ?"), { now } },
        { QStringLiteral("INSERT INTO manager_session (token_hash, staff_id, created_at_ms, expires_at_ms) VALUES (?, "
                         "?, ?, ?)"),
            { tokenHash(token.toLatin1()), found->staff.id, now, now + kManagerSessionMs } },
    };
    for (const auto &[sql, binds] : writes) {
        if (auto q = query(sql, binds, u"starting a manager's session"); !q)
            return q.error();
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    qCInfo(lcHub) << "a manager signed in to the report pages:" << found->staff.id;
    return token;
}

Result<std::optional<HubStore::ManagerSession>> HubStore::managerSession(QByteArrayView token)
{
    if (token.isEmpty() || token.size() > 64)
        return std::optional<ManagerSession> {};
    auto q = query(QStringLiteral("SELECT staff_id, expires_at_ms FROM manager_session WHERE token_hash = ?"),
        { tokenHash(token) }, u"reading a manager's session");
    if (!q)
        return q.error();
    if (!q->next() || q->value(1).toLongLong() <= m_clock())
        return std::optional<ManagerSession> {};
    const ManagerSession session { q->value(0).toString(), {}, q->value(1).toLongLong() };
    q->finish();
    auto people = activeStaff(m_db);
    if (!people)
        return people.error();
    for (const Manager &m : std::as_const(*people)) {
        if (m.staff.id == session.staffId && m.mayReport)
            return std::optional<ManagerSession>(ManagerSession { session.staffId, m.staff.name, session.expiresAtMs });
    }
    return std::optional<ManagerSession> {}; // deactivated, or the role lost the permission
}

Status HubStore::signOutManager(QByteArrayView token)
{
    auto q = query(QStringLiteral("DELETE FROM manager_session WHERE token_hash = ?"), { tokenHash(token) },
        u"ending a manager's session");
    if (!q)
        return q.error();
    return Ok {};
}

} // namespace omnitill::sync
