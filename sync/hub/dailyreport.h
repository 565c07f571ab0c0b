// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reports/dayfigures.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace omnitill::sync {

class HubStore;

// The managers' daily report (docs/REPORTS.md): for one local day of each store, what every terminal recorded, what
// reached the hub, what is pending or failed, and the day's business. Computed from the tallies the hub keeps by
// quarter hour (sync/hub/hubstate.cpp), so a day of two million sales reads a few thousand rows.
struct ReportRules
{
    qint64 pendingAmberMs = 3600'000; // pending older than an hour
    qint64 pendingRedMs = 24 * 3600'000; // pending older than a day
    qint64 silentAmberMs = 3600'000; // not heard from for an hour
    qint64 silentRedMs = 24 * 3600'000;
    qint64 clockOffMs = 120'000; // a clock more than two minutes off
};

enum class Health
{
    Green,
    Amber,
    Red,
};
QString healthName(Health health); // green, amber, red

struct Incident
{
    qint64 atMs = 0;
    QString code; // CHAIN_FORK, CHAIN_INVALID, HUB_BEHIND, DUPLICATE_RECEIPT_NO
    QString detail;
};

struct TerminalReport
{
    QString terminalId, storeCode, terminalCode;
    bool reported = false; // it has sent a state report (terminals before schema 21 never do)
    // Journal entries of the day and of them sales: recorded on the terminal (as of its last report, with what the
    // hub received after it), received by the hub intact, quarantined, pending on the terminal.
    qint64 recordedEvents = 0, recordedSales = 0;
    qint64 receivedEvents = 0, receivedSales = 0;
    qint64 quarantinedEvents = 0, quarantinedSales = 0;
    qint64 pendingEvents = 0, pendingSales = 0;
    std::optional<qint64> oldestPendingAtMs; // of everything pending, not only the day's
    qint64 pendingNow = 0;
    QList<std::pair<QString, QString>> quarantined; // (code, reason) of the day's quarantined events
    qint64 duplicates = 0; // repeats the hub ignored during the day
    QList<Incident> incidents;
    std::optional<qint64> lastContactMs;
    qint64 offlineMs = 0; // of the day (so far), not heard from for longer than HubStore::kSilentMs
    std::optional<qint64> clockOffsetMs; // its clock less the hub's when it last reported
    QString appVersion, syncState, lastError, printError;
    int schemaVersion = 0;
    qint64 printWaiting = 0, printInterrupted = 0;
    QList<MoneyLine> money;
    // The day's store sales and returns on their way to the commerce backend (only while one is set): booked there,
    // waiting (for the backend, or for their next attempt) and given up for a manager.
    struct Forwarding
    {
        qint64 forwarded = 0, pending = 0, failed = 0;
        std::optional<qint64> oldestPendingMs; // when the oldest waiting one was queued
    };
    std::optional<Forwarding> forwarding;
    // Sales by hour of the store's local day (23 to 25 hours): recorded on the terminal, and received by the hub
    // intact. Pending sales are the difference.
    QList<qint64> recordedByHour, receivedByHour;
    Health health = Health::Green;
    QStringList reasons; // why it is not green, one line each
    // recorded = received + quarantined + pending, for entries and for sales (only with a report)
    bool reconciles() const
    {
        return recordedEvents == receivedEvents + quarantinedEvents + pendingEvents
            && recordedSales == receivedSales + quarantinedSales + pendingSales;
    }
};

struct StoreReport
{
    QString code;
    QString timeZone; // IANA id
    qint64 dayStartMs = 0, dayEndMs = 0; // the store's local day
    QList<TerminalReport> terminals;
    QList<MoneyLine> money; // the terminals' added up
    QList<ListedEvent> listed;
    Health health = Health::Green;
};

struct DailyReport
{
    QDate date;
    qint64 generatedAtMs = 0;
    ReportRules rules;
    QList<StoreReport> stores;
    QList<MoneyLine> money; // the chain's
    QString backend; // the commerce backend sales are forwarded to ("vendure"), or empty
    Health health = Health::Green;
};

// The report of `date` (each store's local day: config stores.time_zones, {"S001": "Europe/Berlin", "*": ...}, else
// the hub's own zone) for one store, or every store when `store` is empty. Terminals' health is judged at `nowMs`.
Result<DailyReport> dailyReport(HubStore &hub, QDate date, const QString &store = {}, ReportRules rules = {});

// Today in the chain's default zone (config stores.time_zones "*"), else the hub's: the day a report shows unless
// asked for another.
Result<QDate> reportToday(HubStore &hub);

// The report as text for a terminal window, as JSON, and as CSV (a row per terminal; money columns by kind).
QString reportText(const DailyReport &report);
QByteArray reportJson(const DailyReport &report);
QByteArray reportCsv(const DailyReport &report);
// A time in a store's zone, "2026-12-05 14:30"; a duration, "40 min", "3 h", "2 days".
QString reportTime(qint64 ms, const QString &zone);
QString durationText(qint64 ms);

} // namespace omnitill::sync
