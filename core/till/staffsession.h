// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/staff/staffstore.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>

#include <optional>

namespace omnitill {

// Who is at the till: the lock screen's side of StaffStore. Signed out until someone signs in with their PIN or
// badge; locks again after `idleLockMs` without activity (noteActivity() on every touch or scan) or when asked, so
// the next cashier signs in over it. A store with nobody set up yet needs the first-run setup (needsSetup).
class StaffSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString role READ role NOTIFY changed)
    Q_PROPERTY(bool needsSetup READ needsSetup NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
public:
    StaffSession(StaffStore &store, Clock clock, qint64 idleLockMs = 120'000, QObject *parent = nullptr);

    bool signedIn() const { return m_current.has_value(); }
    QString name() const { return m_current ? m_current->name : QString(); }
    QString role() const { return m_current ? m_current->role : QString(); }
    bool needsSetup() const { return m_needsSetup; }
    QString message() const { return m_message; }
    const std::optional<StaffMember> &current() const { return m_current; }

    // The people who may sign in: [{id, name, role}], by name.
    Q_INVOKABLE QVariantList people();
    // `members` as QML lists people: [{id, name, role}].
    static QVariantList listed(const QList<StaffMember> &members);
    // Who may approve `what` for `requesterId` (everyone active whose role may, but the requester), as listed().
    static QVariantList approvers(StaffStore &store, Permission what, const QString &requesterId);
    Q_INVOKABLE bool signIn(const QString &staffId, const QString &pin);
    Q_INVOKABLE bool signInWithBadge(const QString &code);
    // The first-run setup: the store's first manager, signed in at once. The PIN is typed twice.
    Q_INVOKABLE bool setUpFirstManager(const QString &name, const QString &pin, const QString &pinAgain);
    Q_INVOKABLE void lock();
    Q_INVOKABLE void noteActivity();
    // Locks when the till has been idle for idleLockMs; a timer calls it every second.
    void checkIdle();

Q_SIGNALS:
    void changed();
    void messageChanged();

private:
    bool become(Result<StaffMember> signedIn);
    void say(const QString &message);

    StaffStore &m_store;
    Clock m_clock;
    qint64 m_idleLockMs;
    qint64 m_lastActivityMs = 0;
    std::optional<StaffMember> m_current;
    bool m_needsSetup = false;
    QString m_message;
    QTimer m_idle;
};

} // namespace omnitill
