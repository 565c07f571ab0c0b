// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QObject>
#include <QTimeZone>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace omnitill {

class Database;
class StaffSession;

// The Reports page's model: a day of this till from its own journal (core/reports, works offline), and the hub's
// report of the store for the same day when the hub answers (the managers' report, docs/REPORTS.md). Only a person
// whose role has the Reports permission sees either; the check is here, not only in the page.
class ReportsController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool mayRead READ mayRead NOTIFY changed)
    Q_PROPERTY(QString dayText READ dayText NOTIFY changed) // "Saturday, 5 December 2026", in the till's language
    Q_PROPERTY(bool isToday READ isToday NOTIFY changed)
    // This till's day: {entries, sales, pendingEntries, pendingSales, pendingNow, oldestPending (a time, or ""),
    // hours: [sales by hour], money: [{name, count, amount, currency}], listed: [{time, what, amount, by,
    // approvedBy, reason}], error}; empty before load().
    Q_PROPERTY(QVariantMap till READ till NOTIFY changed)
    // The hub's view of the store: {health, terminals: [{code, health, recorded, received, quarantined, pending,
    // reasons, self}], money: [...]}; empty when the hub did not answer (storeStatus says why).
    Q_PROPERTY(QVariantMap store READ store NOTIFY changed)
    Q_PROPERTY(QString storeStatus READ storeStatus NOTIFY changed)
public:
    // The store's JSON report of a day, or nullopt with why not (app/till wraps sync::fetchStoreReport).
    using StoreFetch = std::function<std::optional<QByteArray>(QDate, QString *why)>;
    ReportsController(Database &db, StaffSession &session, std::function<QTimeZone()> zone,
        std::function<qint64()> clock, QObject *parent = nullptr);
    void setStoreFetch(StoreFetch fetch) { m_fetch = std::move(fetch); }
    void setTerminalId(const QString &id) { m_terminalId = id; }

    bool mayRead() const;
    QString dayText() const;
    bool isToday() const;
    QVariantMap till() const { return m_till; }
    QVariantMap store() const { return m_store; }
    QString storeStatus() const { return m_storeStatus; }

    // Reads the day shown (today at first) again: this till's at once, then the hub's.
    Q_INVOKABLE void load();
    Q_INVOKABLE void showToday();
    // One day back (-1) or on (+1); never after today.
    Q_INVOKABLE void moveDay(int days);

Q_SIGNALS:
    void changed();

private:
    QDate today() const;
    void clear();

    Database &m_db;
    StaffSession &m_session;
    std::function<QTimeZone()> m_zone;
    std::function<qint64()> m_clock;
    StoreFetch m_fetch;
    QString m_terminalId;
    QDate m_date;
    QVariantMap m_till, m_store;
    QString m_storeStatus;
};

} // namespace omnitill
