// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reports/dayfigures.h"

#include <QDate>
#include <QSqlDatabase>
#include <QTimeZone>

#include <optional>

namespace omnitill {

// A till's own day from its journal, for the Reports page: it needs no network. Counted like the hub's report
// (docs/REPORTS.md): live journal entries (a history replayed after a fork counts once), the day's business, and the
// events a manager reads one by one.
struct TillDay
{
    QDate date;
    QString timeZone; // IANA id
    qint64 dayStartMs = 0, dayEndMs = 0;
    qint64 entries = 0, sales = 0; // recorded this day
    qint64 pendingEntries = 0, pendingSales = 0; // of those, not yet acknowledged by the hub
    qint64 pendingNow = 0; // of every day
    std::optional<qint64> oldestPendingAtMs;
    QList<qint64> salesByHour; // 23 to 25 hours
    QList<MoneyLine> money;
    QList<ListedEvent> listed; // oldest first
};

// The day `date` in `zone`, read in one read transaction.
Result<TillDay> tillDay(QSqlDatabase &db, QDate date, const QTimeZone &zone);

} // namespace omnitill
