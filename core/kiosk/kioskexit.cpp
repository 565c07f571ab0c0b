// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/kiosk/kioskexit.h"
#include "core/kiosk/logging.h"

#include "core/staff/staffstore.h"

namespace omnitill {

KioskExit::KioskExit(StaffStore &staff, QObject *parent)
    : QObject(parent)
    , m_people(staff)
{ }

void KioskExit::openPanel()
{
    m_staff.clear();
    m_message.clear();
    auto people = m_people.active();
    if (!people) {
        m_message = tr("Staff cannot be read: %1").arg(people.error().message);
    } else {
        for (const StaffMember &m : std::as_const(*people))
            if (m.may(Permission::Settings))
                m_staff.append(QVariantMap { { QStringLiteral("id"), m.id }, { QStringLiteral("name"), m.name },
                    { QStringLiteral("role"), m.role } });
        if (m_staff.isEmpty())
            m_message = tr("Nobody here may leave the kiosk: the hub sends the store's managers.");
    }
    m_open = true;
    Q_EMIT changed();
}

void KioskExit::closePanel()
{
    m_open = false;
    m_staff.clear();
    m_message.clear();
    Q_EMIT changed();
}

bool KioskExit::decide(bool signedIn, const QString &error, const QString &name, bool may)
{
    if (!signedIn) {
        m_message = error;
        Q_EMIT changed();
        return false;
    }
    if (!may) {
        m_message = tr("%1 may not leave the kiosk: that needs a manager.").arg(name);
        Q_EMIT changed();
        return false;
    }
    qCInfo(lcKiosk) << "staff left the kiosk";
    closePanel();
    Q_EMIT leaveRequested();
    return true;
}

bool KioskExit::leave(const QString &staffId, const QString &pin)
{
    if (!m_open)
        return false;
    auto who = m_people.signIn(staffId, pin);
    return decide(who.ok(), who.ok() ? QString() : who.error().message, who.ok() ? who->name : QString(),
        who.ok() && who->may(Permission::Settings));
}

bool KioskExit::leaveWithBadge(const QString &badge)
{
    if (!m_open)
        return false;
    auto who = m_people.signInWithBadge(badge);
    return decide(who.ok(), who.ok() ? QString() : who.error().message, who.ok() ? who->name : QString(),
        who.ok() && who->may(Permission::Settings));
}

} // namespace omnitill
