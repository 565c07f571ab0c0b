// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// What the hub received, tallied by terminal and quarter hour as events are accepted (sync/hub/hubstate.cpp), so the
// managers' report reads quarter hours instead of every payload of the day.
namespace omnitill::sync {

class ReceivedTally
{
public:
    // An accepted event; one quarantined is counted as such and moves no money.
    void add(const QString &terminalId, const QString &type, qint64 createdAtMs, const QByteArray &payload,
        bool quarantined);
    // Repeats a push carried, counted when they arrived (the hub's clock).
    void addDuplicates(const QString &terminalId, qint64 atMs, qint64 count);
    bool isEmpty() const { return m_events.isEmpty() && m_duplicates.isEmpty(); }

    struct Counts
    {
        qint64 events = 0, sales = 0, quarantinedEvents = 0, quarantinedSales = 0;
    };
    struct Money
    {
        qint64 count = 0, amountMinor = 0;
    };
    // (terminal, quarter hour) and (terminal, quarter hour, currency, kind), e.g. (…, "EUR", "tender.card").
    using Key = std::pair<QString, qint64>;
    struct MoneyKey
    {
        QString terminalId;
        qint64 bucketMs = 0;
        QString currency, kind;
        bool operator==(const MoneyKey &) const = default;
    };
    const QHash<Key, Counts> &events() const { return m_events; }
    const QHash<MoneyKey, Money> &money() const { return m_money; }
    const QHash<Key, qint64> &duplicates() const { return m_duplicates; }

private:
    void addMoney(const QString &terminalId, qint64 bucketMs, const QString &type, const QByteArray &payload);
    void book(const Key &at, const QString &currency, const QString &kind, qint64 amountMinor, qint64 count = 1);

    QHash<Key, Counts> m_events;
    QHash<MoneyKey, Money> m_money;
    QHash<Key, qint64> m_duplicates;
};

inline size_t qHash(const ReceivedTally::MoneyKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.terminalId, k.bucketMs, k.currency, k.kind);
}

} // namespace omnitill::sync
