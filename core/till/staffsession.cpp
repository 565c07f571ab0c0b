// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/staffsession.h"
#include "core/till/logging.h"

#include <QVariantMap>

namespace omnitill {

StaffSession::StaffSession(StaffStore &store, Clock clock, qint64 idleLockMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_idleLockMs(idleLockMs)
{
    auto any = m_store.hasStaff();
    m_needsSetup = any && !*any;
    if (!any)
        say(any.error().message);
    m_idle.setInterval(1000);
    connect(&m_idle, &QTimer::timeout, this, &StaffSession::checkIdle);
    m_idle.start();
}

QVariantList StaffSession::approvers(StaffStore &store, Permission what, const QString &requesterId)
{
    auto people = store.active();
    if (!people)
        return {};
    QList<StaffMember> may;
    for (const StaffMember &m : *people) {
        if (m.may(what) && m.id != requesterId)
            may.append(m);
    }
    return listed(may);
}

QVariantList StaffSession::listed(const QList<StaffMember> &members)
{
    QVariantList out;
    for (const StaffMember &m : members)
        out.append(QVariantMap {
            { QStringLiteral("id"), m.id }, { QStringLiteral("name"), m.name }, { QStringLiteral("role"), m.role } });
    return out;
}

QVariantList StaffSession::people()
{
    auto all = m_store.active();
    if (!all) {
        say(all.error().message);
        return {};
    }
    return listed(*all);
}

bool StaffSession::become(Result<StaffMember> signedIn)
{
    if (!signedIn) {
        say(signedIn.error().message);
        return false;
    }
    m_current = *signedIn;
    m_needsSetup = false;
    m_lastActivityMs = m_clock();
    say(QString());
    Q_EMIT changed();
    return true;
}

bool StaffSession::signIn(const QString &staffId, const QString &pin)
{
    return become(m_store.signIn(staffId, pin));
}

bool StaffSession::signInWithBadge(const QString &code)
{
    return become(m_store.signInWithBadge(code));
}

bool StaffSession::setUpFirstManager(const QString &name, const QString &pin, const QString &pinAgain)
{
    if (pin != pinAgain) {
        say(tr("The two PINs differ; type the same PIN twice."));
        return false;
    }
    return become(m_store.createFirstManager(name, pin));
}

void StaffSession::lock()
{
    if (!m_current)
        return;
    qCInfo(lcTill) << m_current->name << "signed out";
    m_current.reset();
    Q_EMIT changed();
}

void StaffSession::noteActivity()
{
    m_lastActivityMs = m_clock();
}

void StaffSession::checkIdle()
{
    if (m_current && m_clock() - m_lastActivityMs >= m_idleLockMs) {
        lock();
        say(tr("Locked after %n minute(s) without activity.", nullptr, int(m_idleLockMs / 60'000)));
    }
}

void StaffSession::say(const QString &message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

} // namespace omnitill
