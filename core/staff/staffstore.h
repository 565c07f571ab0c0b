// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/staff/permissions.h"

#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

class Database;

struct StaffMember
{
    QString id; // a UUIDv7, made where the person was created
    QString name;
    QString role; // its code: "manager", "cashier", ...
    QList<Permission> permissions;
    bool active = true;
    bool may(Permission p) const { return permissions.contains(p); }
};

// A manager's approval of something the cashier may not do, as it went into the journal.
struct OverrideApproval
{
    QString id; // of the approval
    Permission action = Permission::VoidSale;
    QString requestedBy; // staff ids
    QString approvedBy;
    QString reason;
    qint64 journalSeq = 0;
};

// The store's staff on this terminal: who may sign in, with what, and what each may do. Permissions are checked here,
// in core, whatever the screen shows. PINs are 4 to 8 digits, kept only as salted PBKDF2 hashes (PinHash); badges
// (any code a scanner reads at the lock screen) only as SHA-256. Five wrong PINs in a row lock a person out for five
// minutes, counted in the database so that a restart does not reset them. Creating or deactivating a person and
// every override are events in the journal, in the same transaction as the change.
class StaffStore
{
public:
    static constexpr int kMaxFailedPins = 5;
    static constexpr qint64 kLockoutMs = 5 * 60'000;

    StaffStore(Database &db, Clock clock);

    // Whether anyone is set up yet: a store with no hub starts with the first-run setup.
    Result<bool> hasStaff();
    // The first-run setup: the store's first manager. Refused once anyone exists.
    Result<StaffMember> createFirstManager(
        const QString &name, QStringView pin, const std::optional<QString> &badge = {});
    // Adds a person with `role`; `by` needs ManageStaff.
    Result<StaffMember> add(const StaffMember &by, const QString &name, const QString &role, QStringView pin,
        const std::optional<QString> &badge = {});
    Status deactivate(const StaffMember &by, const QString &staffId);
    // The people who may sign in, by name.
    Result<QList<StaffMember>> active();

    // Sign-in at the lock screen: the person chosen and their PIN, or their badge alone.
    Result<StaffMember> signIn(const QString &staffId, QStringView pin);
    Result<StaffMember> signInWithBadge(QStringView badge);

    // Ok, or Refused naming the person and what their role does not allow.
    static Status authorize(const StaffMember &who, Permission what);
    // A manager approves, on this till and offline too, what `requester` may not do: the approver signs in with PIN
    // (or badge) and must have the permission themselves; `reason` is required. Written to the journal.
    Result<OverrideApproval> approve(const StaffMember &requester, const QString &approverId, QStringView approverPin,
        Permission what, const QString &reason);
    Result<OverrideApproval> approveWithBadge(
        const StaffMember &requester, QStringView badge, Permission what, const QString &reason);

private:
    Result<StaffMember> create(const QString &name, const QString &role, QStringView pin,
        const std::optional<QString> &badge, const QString &by);
    Result<StaffMember> member(const QString &staffId);
    Result<StaffMember> checkPin(const QString &staffId, QStringView pin);
    Result<OverrideApproval> record(
        const StaffMember &requester, const StaffMember &approver, Permission what, const QString &reason);

    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
