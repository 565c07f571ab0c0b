// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/staffstore.h"
#include "core/staff/logging.h"
#include "core/staff/pinhash.h"

#include "core/base/canonicaljson.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storage/sha256.h"

#include <QRegularExpression>

namespace omnitill {

namespace {
Error refused(const QString &why)
{
    return makeError(ErrorCode::Refused, why);
}

Status checkPinFormat(QStringView pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,8}$"));
    if (!digits.match(pin).hasMatch())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a PIN is 4 to 8 digits"));
    return Ok {};
}

Result<QByteArray> badgeHash(QStringView badge)
{
    const QString b = badge.trimmed().toString();
    if (b.size() < 4 || b.size() > 128)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a badge code is 4 to 128 characters"));
    return Sha256::hash(b.toUtf8());
}

QList<Permission> parsePermissions(const QString &text)
{
    if (text == u'*')
        return allPermissions();
    QList<Permission> out;
    for (QStringView code : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        if (auto p = permissionFromCode(code.trimmed()))
            out.append(*p);
    }
    return out;
}

constexpr std::string_view kMemberSql
    = "SELECT s.id, s.name, s.role, r.permissions, s.active, s.pin_salt, s.pin_hash, s.pin_iterations, "
      "s.failed_pins, s.locked_until_ms FROM staff s JOIN staff_role r ON r.code = s.role ";

struct Row
{
    StaffMember member;
    QByteArray salt, hash;
    int iterations = 0;
    qint64 failed = 0;
    qint64 lockedUntilMs = 0;
};

Row rowFrom(const Statement &q)
{
    Row r;
    r.member.id = q.text(0);
    r.member.name = q.text(1);
    r.member.role = q.text(2);
    r.member.permissions = parsePermissions(q.text(3));
    r.member.active = q.int64(4) != 0;
    r.salt = q.blob(5);
    r.hash = q.blob(6);
    r.iterations = int(q.int64(7));
    r.failed = q.int64(8);
    r.lockedUntilMs = q.int64(9);
    return r;
}

Result<std::optional<Row>> findRow(Database &db, std::string_view where, QStringView key, const QByteArray *blobKey)
{
    auto q = db.statement(std::string(kMemberSql) + std::string(where)); // two fixed texts
    if (!q)
        return q.error();
    if (blobKey)
        q->bindBlob(0, *blobKey);
    else
        q->bind(0, key);
    auto row = q->next(u"reading the staff");
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Row>();
    return std::optional<Row>(rowFrom(*q));
}

Status usable(const Row &r, qint64 nowMs)
{
    if (!r.member.active)
        return refused(QStringLiteral("%1 is deactivated and cannot sign in").arg(r.member.name));
    if (r.lockedUntilMs > nowMs)
        return refused(
            QStringLiteral("%1 is locked out after %2 wrong PINs; try again in %3 minute(s) or ask a manager")
                .arg(r.member.name)
                .arg(StaffStore::kMaxFailedPins)
                .arg((r.lockedUntilMs - nowMs + 59'999) / 60'000));
    return Ok {};
}
} // namespace

StaffStore::StaffStore(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

Result<bool> StaffStore::hasStaff()
{
    auto q = m_db.statement("SELECT EXISTS (SELECT 1 FROM staff)");
    if (!q)
        return q.error();
    auto row = q->next(u"reading the staff");
    if (!row)
        return row.error();
    return *row && q->int64(0) != 0;
}

Result<StaffMember> StaffStore::createFirstManager(
    const QString &name, QStringView pin, const std::optional<QString> &badge)
{
    auto any = hasStaff();
    if (!any)
        return any.error();
    if (*any)
        return refused(QStringLiteral("this store already has staff; a manager adds people"));
    return create(name, QStringLiteral("manager"), pin, badge, QString());
}

Result<StaffMember> StaffStore::add(const StaffMember &by, const QString &name, const QString &role, QStringView pin,
    const std::optional<QString> &badge)
{
    if (auto st = authorize(by, Permission::ManageStaff); !st)
        return st.error();
    return create(name, role, pin, badge, by.id);
}

Result<StaffMember> StaffStore::create(
    const QString &name, const QString &role, QStringView pin, const std::optional<QString> &badge, const QString &by)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 80)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a name is 1 to 80 characters"));
    if (auto st = checkPinFormat(pin); !st)
        return st.error();
    std::optional<QByteArray> badgeKey;
    if (badge) {
        auto h = badgeHash(*badge);
        if (!h)
            return h.error();
        badgeKey = *h;
    }
    const PinHash::Hashed pinHash = PinHash::make(pin); // slow: before the transaction, not inside it
    const qint64 now = m_clock();
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto roleRow = m_db.statement("SELECT permissions FROM staff_role WHERE code = ?");
    if (!roleRow)
        return roleRow.error();
    roleRow->bind(0, role);
    auto found = roleRow->next(u"reading the roles");
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no role \"%1\"").arg(role.left(32)));
    StaffMember m { Journal::newEventId(now), trimmed, role, parsePermissions(roleRow->text(0)), true };
    roleRow->reset();
    auto insert = m_db.statement("INSERT INTO staff (id, name, role, pin_salt, pin_hash, pin_iterations, badge_hash, "
                                 "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(0, m.id).bind(1, m.name).bind(2, m.role).bindBlob(3, pinHash.salt).bindBlob(4, pinHash.hash);
    insert->bind(5, pinHash.iterations).bind(7, now);
    if (badgeKey)
        insert->bindBlob(6, *badgeKey);
    else
        insert->bindNull(6);
    if (auto st = insert->run(u"adding a person"); !st) {
        if (badgeKey && st.error().message.contains(QLatin1String("UNIQUE")))
            return makeError(ErrorCode::Conflict, QStringLiteral("this badge already belongs to someone"));
        return st.error();
    }
    JsonObjectWriter payload;
    payload.add("enc", 1).add("id", m.id).add("name", m.name).add("role", m.role).add("created_at_ms", now);
    if (by.isEmpty())
        payload.add("by", nullptr);
    else
        payload.add("by", by);
    if (auto entry = Journal::append(m_db, QStringLiteral("staff.created"), payload.finish(), now); !entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcStaff) << "added" << m.name << "as" << m.role;
    return m;
}

Status StaffStore::deactivate(const StaffMember &by, const QString &staffId)
{
    if (auto st = authorize(by, Permission::ManageStaff); !st)
        return st;
    if (staffId == by.id)
        return refused(QStringLiteral("you cannot deactivate yourself; ask another manager"));
    const qint64 now = m_clock();
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun();
    auto q = m_db.statement("UPDATE staff SET active = 0 WHERE id = ? AND active = 1");
    if (!q)
        return q.error();
    q->bind(0, staffId);
    if (auto st = q->run(u"deactivating a person"); !st)
        return st;
    if (q->changes() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no active person %1").arg(staffId.left(36)));
    JsonObjectWriter payload;
    payload.add("enc", 1).add("id", staffId).add("by", by.id).add("created_at_ms", now);
    if (auto entry = Journal::append(m_db, QStringLiteral("staff.deactivated"), payload.finish(), now); !entry)
        return entry.error();
    return tx.commit();
}

Result<QList<StaffMember>> StaffStore::active()
{
    auto q = m_db.statement(std::string(kMemberSql) + "WHERE s.active = 1 ORDER BY s.name");
    if (!q)
        return q.error();
    QList<StaffMember> out;
    for (;;) {
        auto row = q->next(u"reading the staff");
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(rowFrom(*q).member);
    }
    return out;
}

Result<StaffMember> StaffStore::checkPin(const QString &staffId, QStringView pin)
{
    auto found = findRow(m_db, "WHERE s.id = ?", staffId, nullptr);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no such person on this till"));
    const Row &r = **found;
    const qint64 now = m_clock();
    if (auto st = usable(r, now); !st)
        return st.error();
    const bool right = checkPinFormat(pin).ok() && PinHash::matches(pin, r.salt, r.hash, r.iterations);
    // The count is kept whatever happens next: one short transaction, after the slow hash.
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto update = m_db.statement("UPDATE staff SET failed_pins = ?, locked_until_ms = ? WHERE id = ?");
    if (!update)
        return update.error();
    // Read again inside the transaction: another till process may have counted meanwhile.
    auto again = findRow(m_db, "WHERE s.id = ?", staffId, nullptr);
    if (!again)
        return again.error();
    const qint64 failed = right ? 0 : (*again ? (*again)->failed : r.failed) + 1;
    const bool lockNow = failed >= kMaxFailedPins;
    update->bind(0, lockNow ? 0 : failed).bind(1, lockNow ? now + kLockoutMs : qint64(0)).bind(2, staffId);
    if (auto st = update->run(u"counting a PIN"); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    if (right)
        return r.member;
    if (lockNow) {
        qCWarning(lcStaff) << r.member.name << "locked out after" << kMaxFailedPins << "wrong PINs";
        return refused(QStringLiteral("wrong PIN; %1 is locked out for %2 minutes after %3 wrong PINs")
                           .arg(r.member.name)
                           .arg(kLockoutMs / 60'000)
                           .arg(kMaxFailedPins));
    }
    return refused(QStringLiteral("wrong PIN for %1 (%2 more tries before a %3-minute lockout)")
                       .arg(r.member.name)
                       .arg(kMaxFailedPins - failed)
                       .arg(kLockoutMs / 60'000));
}

Result<StaffMember> StaffStore::signIn(const QString &staffId, QStringView pin)
{
    auto m = checkPin(staffId, pin);
    if (m)
        qCInfo(lcStaff) << m->name << "signed in";
    return m;
}

Result<StaffMember> StaffStore::signInWithBadge(QStringView badge)
{
    auto key = badgeHash(badge);
    if (!key)
        return key.error();
    auto found = findRow(m_db, "WHERE s.badge_hash = ?", {}, &*key);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("this badge does not belong to anyone on this till"));
    if (auto st = usable(**found, m_clock()); !st)
        return st.error();
    qCInfo(lcStaff) << (*found)->member.name << "signed in with a badge";
    return (*found)->member;
}

Status StaffStore::authorize(const StaffMember &who, Permission what)
{
    if (!who.active)
        return refused(QStringLiteral("%1 is deactivated").arg(who.name));
    if (!who.may(what))
        return refused(QStringLiteral("%1 (%2) may not %3; a manager can approve it")
                           .arg(who.name, who.role, permissionName(what)));
    return Ok {};
}

Result<OverrideApproval> StaffStore::approve(const StaffMember &requester, const QString &approverId,
    QStringView approverPin, Permission what, const QString &reason)
{
    if (reason.trimmed().isEmpty() || reason.size() > 200)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("an override needs a reason of at most 200 characters"));
    auto approver = checkPin(approverId, approverPin);
    if (!approver)
        return approver.error();
    return record(requester, *approver, what, reason.trimmed());
}

Result<OverrideApproval> StaffStore::approveWithBadge(
    const StaffMember &requester, QStringView badge, Permission what, const QString &reason)
{
    if (reason.trimmed().isEmpty() || reason.size() > 200)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("an override needs a reason of at most 200 characters"));
    auto approver = signInWithBadge(badge);
    if (!approver)
        return approver.error();
    return record(requester, *approver, what, reason.trimmed());
}

Result<OverrideApproval> StaffStore::record(
    const StaffMember &requester, const StaffMember &approver, Permission what, const QString &reason)
{
    if (auto st = authorize(approver, what); !st)
        return makeError(ErrorCode::Refused,
            QStringLiteral("%1 cannot approve this: their role (%2) may not %3 either")
                .arg(approver.name, approver.role, permissionName(what)));
    const qint64 now = m_clock();
    OverrideApproval a { Journal::newEventId(now), what, requester.id, approver.id, reason, 0 };
    JsonObjectWriter payload;
    payload.add("enc", 1)
        .add("id", a.id)
        .add("action", permissionCode(what))
        .add("requested_by", a.requestedBy)
        .add("approved_by", a.approvedBy)
        .add("reason", a.reason)
        .add("created_at_ms", now);
    auto entry = Journal::appendAlone(m_db, QStringLiteral("override.approved"), payload.finish(), now);
    if (!entry)
        return entry.error();
    a.journalSeq = entry->seq;
    qCInfo(lcStaff) << approver.name << "approved" << permissionCode(what) << "for" << requester.name;
    return a;
}

} // namespace omnitill
