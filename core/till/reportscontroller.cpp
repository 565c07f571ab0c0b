// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/reportscontroller.h"
#include "core/reports/tillday.h"
#include "core/staff/permissions.h"
#include "core/storage/database.h"
#include "core/till/staffsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace omnitill {

namespace {
QVariantList moneyList(const QList<MoneyLine> &money)
{
    QVariantList out;
    for (const MoneyLine &m : money)
        out.append(
            QVariantMap { { QStringLiteral("name"), moneyKindName(m.kind) }, { QStringLiteral("count"), m.count },
                { QStringLiteral("amount"), m.currency.isEmpty() ? QString() : formatMinor(m.amountMinor, m.currency) },
                { QStringLiteral("currency"), m.currency } });
    return out;
}

QString timeOf(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).time().toString(u"HH:mm");
}
} // namespace

ReportsController::ReportsController(Database &db, StaffSession &session, std::function<QTimeZone()> zone,
    std::function<qint64()> clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_session(session)
    , m_zone(std::move(zone))
    , m_clock(std::move(clock))
{
    // Signing out (or someone else signing in) forgets what was shown.
    connect(&m_session, &StaffSession::changed, this, [this] {
        if (!mayRead())
            clear();
        Q_EMIT changed();
    });
}

bool ReportsController::mayRead() const
{
    return m_session.current() && m_session.current()->may(Permission::Reports);
}

QDate ReportsController::today() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock(), m_zone()).date();
}

QString ReportsController::dayText() const
{
    return QLocale().toString(m_date.isValid() ? m_date : today(), QLocale::LongFormat);
}

bool ReportsController::isToday() const
{
    return !m_date.isValid() || m_date >= today();
}

void ReportsController::clear()
{
    m_till.clear();
    m_store.clear();
    m_storeStatus.clear();
}

void ReportsController::showToday()
{
    m_date = today();
    load();
}

void ReportsController::moveDay(int days)
{
    m_date = std::min((m_date.isValid() ? m_date : today()).addDays(days), today());
    load();
}

void ReportsController::load()
{
    clear();
    if (!mayRead()) {
        Q_EMIT changed();
        return;
    }
    if (!m_date.isValid())
        m_date = today();
    const QTimeZone zone = m_zone();
    auto day = tillDay(m_db.connection(), m_date, zone);
    if (!day) {
        m_till.insert(QStringLiteral("error"), day.error().message);
    } else {
        QVariantList hours, listed;
        for (qint64 h : day->salesByHour)
            hours.append(h);
        for (const ListedEvent &e : day->listed)
            listed.append(
                QVariantMap { { QStringLiteral("time"), timeOf(e.atMs, zone) }, { QStringLiteral("what"), e.summary },
                    { QStringLiteral("amount"),
                        e.amountMinor != 0 && !e.currency.isEmpty()
                            ? formatMinor(e.amountMinor, e.currency) + u' ' + e.currency
                            : QString() },
                    { QStringLiteral("by"), e.by }, { QStringLiteral("approvedBy"), e.approvedBy },
                    { QStringLiteral("reason"), e.reason } });
        m_till = QVariantMap {
            { QStringLiteral("entries"), day->entries },
            { QStringLiteral("sales"), day->sales },
            { QStringLiteral("pendingEntries"), day->pendingEntries },
            { QStringLiteral("pendingSales"), day->pendingSales },
            { QStringLiteral("pendingNow"), day->pendingNow },
            { QStringLiteral("oldestPending"),
                day->oldestPendingAtMs ? QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(*day->oldestPendingAtMs, zone), QLocale::ShortFormat)
                                       : QString() },
            { QStringLiteral("hours"), hours },
            { QStringLiteral("money"), moneyList(day->money) },
            { QStringLiteral("listed"), listed },
        };
    }
    Q_EMIT changed(); // the till's own day shows before the hub is asked

    if (!m_fetch) {
        m_storeStatus = tr("This till has no hub: it shows only its own day.");
        Q_EMIT changed();
        return;
    }
    m_storeStatus = tr("Asking the hub…");
    Q_EMIT changed();
    const QDate asked = m_date;
    QString why;
    const auto json = m_fetch(asked, &why);
    if (asked != m_date || !mayRead())
        return; // another day was asked for meanwhile, or the person left
    if (!json) {
        m_storeStatus = tr("%1 This till's own day is shown above.").arg(why);
        Q_EMIT changed();
        return;
    }
    const QJsonObject report = QJsonDocument::fromJson(*json).object();
    const QJsonObject s = report.value(u"stores").toArray().at(0).toObject();
    QVariantList terminals;
    for (const QJsonValue &v : s.value(u"terminals").toArray()) {
        const QJsonObject t = v.toObject();
        const QJsonObject sales = t.value(u"sales").toObject();
        const bool reported = t.value(u"reported").toBool();
        terminals.append(QVariantMap { { QStringLiteral("code"), t.value(u"terminal").toString() },
            { QStringLiteral("health"), t.value(u"health").toString() },
            { QStringLiteral("recorded"), reported ? QString::number(sales.value(u"recorded").toInteger()) : u"?"_qs },
            { QStringLiteral("received"), sales.value(u"received").toInteger() },
            { QStringLiteral("quarantined"), sales.value(u"quarantined").toInteger() },
            { QStringLiteral("pending"), reported ? QString::number(sales.value(u"pending").toInteger()) : u"?"_qs },
            { QStringLiteral("reasons"), t.value(u"reasons").toVariant().toStringList().join(u'\n') },
            { QStringLiteral("self"), t.value(u"terminal_id").toString() == m_terminalId } });
    }
    QList<MoneyLine> money;
    for (const QJsonValue &v : s.value(u"money").toArray())
        money.append(MoneyLine { v[u"currency"].toString(), v[u"kind"].toString(), v[u"count"].toInteger(),
            v[u"amount_minor"].toInteger() });
    m_store = QVariantMap { { QStringLiteral("code"), s.value(u"store").toString() },
        { QStringLiteral("health"), s.value(u"health").toString() }, { QStringLiteral("terminals"), terminals },
        { QStringLiteral("money"), moneyList(money) } };
    m_storeStatus.clear();
    Q_EMIT changed();
}

} // namespace omnitill
