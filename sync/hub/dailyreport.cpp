// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' daily report: computing it from the hub's tallies, and writing it as text, JSON and CSV.
#include "sync/hub/dailyreport.h"
#include "sync/common/events.h"
#include "sync/common/streams.h"
#include "sync/hub/hubstore.h"

#include "core/base/money.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTimeZone>
#include <QVariant>

namespace omnitill::sync {

QString healthName(Health health)
{
    switch (health) {
    case Health::Green:
        return QStringLiteral("green");
    case Health::Amber:
        return QStringLiteral("amber");
    case Health::Red:
        return QStringLiteral("red");
    }
    return {};
}

QString durationText(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 120)
        return QStringLiteral("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return QStringLiteral("%1 h").arg(minutes / 60);
    return QStringLiteral("%1 days").arg(minutes / (24 * 60));
}

namespace {
void worsen(Health &health, Health to)
{
    if (int(to) > int(health))
        health = to;
}

// The IANA zone of each store from config stores.time_zones ({"S001": "Europe/Berlin", "*": "Europe/Vienna"}).
QTimeZone zoneOf(const QJsonObject &zones, const QString &store)
{
    const QString id = zones.value(store).toString(zones.value(u"*").toString());
    if (!id.isEmpty()) {
        QTimeZone zone(id.toLatin1());
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::systemTimeZone();
}

// Staff ids to names: the staff stream, and people made at a till.
Result<QHash<QString, QString>> staffNames(HubStore &hub)
{
    QHash<QString, QString> names;
    auto created = hub.query(
        QStringLiteral("SELECT payload FROM event WHERE type = 'staff.created' AND type NOT IN ('sale.completed', "
                       "'fiscal.signed', 'payment.taken') AND quarantine IS NULL"),
        {}, u"reading the day's report");
    if (!created)
        return created.error();
    while (created->next()) {
        const QJsonObject o = QJsonDocument::fromJson(created->value(0).toByteArray()).object();
        names.insert(o.value(u"id").toString(), o.value(u"name").toString());
    }
    auto streamed = hub.query(
        QStringLiteral("SELECT key, body FROM stream_change WHERE stream = ? AND op = 'upsert' ORDER BY change_seq"),
        { kStaffStream }, u"reading the day's report");
    if (!streamed)
        return streamed.error();
    while (streamed->next()) {
        const QJsonObject o = QJsonDocument::fromJson(streamed->value(1).toByteArray()).object();
        names.insert(streamed->value(0).toString(), o.value(u"name").toString());
    }
    return names;
}

} // namespace

Result<QDate> reportToday(HubStore &hub)
{
    auto zones = hub.configValue(QStringLiteral("stores.time_zones"));
    if (!zones)
        return zones.error();
    const QJsonObject zoneMap = *zones && (*zones)->isObject() ? (*zones)->toObject() : QJsonObject();
    return QDateTime::fromMSecsSinceEpoch(hub.now(), zoneOf(zoneMap, QStringLiteral("*"))).date();
}

Result<DailyReport> dailyReport(HubStore &hub, QDate date, const QString &storeFilter, ReportRules rules)
{
    if (!date.isValid())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the report needs a date such as 2026-12-05"));
    DailyReport report;
    report.date = date;
    report.rules = rules;
    const qint64 now = hub.now();
    report.generatedAtMs = now;
    auto connector = hub.connectorSettings();
    if (!connector)
        return connector.error();
    report.backend = connector->value(QStringLiteral("backend"));

    auto zones = hub.configValue(QStringLiteral("stores.time_zones"));
    if (!zones)
        return zones.error();
    const QJsonObject zoneMap = *zones && (*zones)->isObject() ? (*zones)->toObject() : QJsonObject();

    auto terminals = hub.query(storeFilter.isEmpty()
            ? QStringLiteral("SELECT terminal_id, store_code, terminal_code FROM terminal "
                             "ORDER BY store_code, terminal_code")
            : QStringLiteral("SELECT terminal_id, store_code, terminal_code FROM terminal WHERE "
                             "store_code = ? ORDER BY terminal_code"),
        storeFilter.isEmpty() ? QVariantList {} : QVariantList { storeFilter }, u"reading the day's report");
    if (!terminals)
        return terminals.error();
    QHash<QString, std::pair<int, int>> where; // terminal → (store, terminal) index
    while (terminals->next()) {
        const QString store = terminals->value(1).toString();
        if (report.stores.isEmpty() || report.stores.constLast().code != store) {
            StoreReport s;
            s.code = store;
            const QTimeZone zone = zoneOf(zoneMap, store);
            s.timeZone = QString::fromLatin1(zone.id());
            s.dayStartMs = QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
            s.dayEndMs = QDateTime(date.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
            report.stores.append(s);
        }
        TerminalReport t;
        t.terminalId = terminals->value(0).toString();
        t.storeCode = store;
        t.terminalCode = terminals->value(2).toString();
        where.insert(t.terminalId, { int(report.stores.size() - 1), int(report.stores.constLast().terminals.size()) });
        report.stores.last().terminals.append(t);
    }
    terminals->finish();
    if (!storeFilter.isEmpty() && report.stores.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("no terminal is registered in store %1").arg(storeFilter));
    auto names = staffNames(hub);
    if (!names)
        return names.error();

    // Stores whose day is the same span of time (the same zone) are read together: a few queries for the whole
    // report, however many stores and terminals it has (on PostgreSQL each query is a round trip).
    QMap<std::pair<qint64, qint64>, QList<int>> windows;
    for (int i = 0; i < report.stores.size(); ++i) {
        StoreReport &store = report.stores[i];
        windows[{ store.dayStartMs, store.dayEndMs }].append(i);
        const int hours = int((store.dayEndMs - store.dayStartMs + 3599'999) / 3600'000);
        for (TerminalReport &t : store.terminals) {
            t.recordedByHour.fill(0, hours);
            t.receivedByHour.fill(0, hours);
        }
    }
    auto terminalOf = [&](const QString &id) -> TerminalReport * {
        const auto at = where.value(id, { -1, -1 });
        return at.first < 0 ? nullptr : &report.stores[at.first].terminals[at.second];
    };
    auto storeOf
        = [&](const TerminalReport &t) -> StoreReport & { return report.stores[where.value(t.terminalId).first]; };
    for (auto w = windows.cbegin(); w != windows.cend(); ++w) {
        const qint64 dayStartMs = w.key().first, dayEndMs = w.key().second;
        const int hours = int((dayEndMs - dayStartMs + 3599'999) / 3600'000);
        auto hourOf = [&](qint64 bucketMs) {
            return int(std::clamp<qint64>((bucketMs - dayStartMs) / 3600'000, 0, hours - 1));
        };
        // The terminals of these stores: all of them when one window covers the whole chain.
        QVariantList stores;
        for (int i : w.value())
            stores.append(report.stores[i].code);
        const bool everyStore = storeFilter.isEmpty() && windows.size() == 1;
        QString placeholders = QStringLiteral("?");
        for (qsizetype i = 1; i < stores.size(); ++i)
            placeholders += QStringLiteral(", ?");
        const QString ofStores = everyStore
            ? QStringLiteral("1 = 1")
            : QStringLiteral("terminal_id IN (SELECT terminal_id FROM terminal WHERE store_code IN (%1))")
                  .arg(placeholders);
        const QVariantList storeBinds = everyStore ? QVariantList() : stores;
        const QVariantList day = storeBinds + QVariantList { dayStartMs, dayEndMs };
        const QString inDay = ofStores + u" AND bucket_ms >= ? AND bucket_ms < ?";

        // By quarter hour, added up here: the totals and the hours of the charts.
        auto received = hub.query(
            u"SELECT terminal_id, bucket_ms, events, sales, quarantined_events, quarantined_sales FROM hub_bucket "
            u"WHERE "
                + inDay,
            day, u"reading the day's report");
        if (!received)
            return received.error();
        while (received->next()) {
            if (TerminalReport *t = terminalOf(received->value(0).toString())) {
                const qint64 quarantinedSales = received->value(5).toLongLong();
                const qint64 sales = received->value(3).toLongLong() - quarantinedSales;
                t->quarantinedEvents += received->value(4).toLongLong();
                t->quarantinedSales += quarantinedSales;
                t->receivedEvents += received->value(2).toLongLong() - received->value(4).toLongLong();
                t->receivedSales += sales;
                t->receivedByHour[hourOf(received->value(1).toLongLong())] += sales;
            }
        }
        auto counted = hub.query(
            u"SELECT terminal_id, bucket_ms, recorded_events, recorded_sales, pending_events, pending_sales FROM "
            "terminal_bucket WHERE "
                + inDay,
            day, u"reading the day's report");
        if (!counted)
            return counted.error();
        while (counted->next()) {
            if (TerminalReport *t = terminalOf(counted->value(0).toString())) {
                t->recordedEvents += counted->value(2).toLongLong();
                t->recordedSales += counted->value(3).toLongLong();
                t->pendingEvents += counted->value(4).toLongLong();
                t->pendingSales += counted->value(5).toLongLong();
                t->recordedByHour[hourOf(counted->value(1).toLongLong())] += counted->value(3).toLongLong();
            }
        }
        auto money
            = hub.query(u"SELECT terminal_id, currency, kind, sum(count), sum(amount_minor) FROM money_bucket WHERE "
                    + inDay + u" GROUP BY terminal_id, currency, kind",
                day, u"reading the day's report");
        if (!money)
            return money.error();
        while (money->next()) {
            if (TerminalReport *t = terminalOf(money->value(0).toString())) {
                const MoneyLine line { money->value(1).toString(), money->value(2).toString(),
                    money->value(3).toLongLong(), money->value(4).toLongLong() };
                t->money.append(line);
                addMoney(storeOf(*t).money, line);
                addMoney(report.money, line);
            }
        }
        auto repeats = hub.query(
            u"SELECT terminal_id, sum(duplicates) FROM duplicate_bucket WHERE " + inDay + u" GROUP BY terminal_id", day,
            u"reading the day's report");
        if (!repeats)
            return repeats.error();
        while (repeats->next()) {
            if (TerminalReport *t = terminalOf(repeats->value(0).toString()))
                t->duplicates = repeats->value(1).toLongLong();
        }
        if (!report.backend.isEmpty()) {
            // What of the day's sales and returns reached the commerce backend.
            for (int i : w.value()) {
                for (TerminalReport &t : report.stores[i].terminals)
                    t.forwarding.emplace();
            }
            auto forwarded = hub.query(u"SELECT terminal_id, state, count(*), min(queued_at_ms) FROM forward_queue "
                                       u"WHERE created_at_ms >= ? AND created_at_ms < ? AND "
                    + ofStores + u" GROUP BY terminal_id, state",
                QVariantList { dayStartMs, dayEndMs } + storeBinds, u"reading the day's report");
            if (!forwarded)
                return forwarded.error();
            while (forwarded->next()) {
                TerminalReport *t = terminalOf(forwarded->value(0).toString());
                if (!t || !t->forwarding)
                    continue;
                const QString state = forwarded->value(1).toString();
                const qint64 n = forwarded->value(2).toLongLong();
                if (state == QLatin1String("forwarded")) {
                    t->forwarding->forwarded = n;
                } else if (state == QLatin1String("failed")) {
                    t->forwarding->failed = n;
                } else {
                    t->forwarding->pending = n;
                    t->forwarding->oldestPendingMs = forwarded->value(3).toLongLong();
                }
            }
        }
        auto incidents = hub.query(
            QStringLiteral("SELECT terminal_id, at_ms, code, detail FROM incident WHERE at_ms >= ? AND at_ms < ? "
                           "ORDER BY at_ms, id"),
            { dayStartMs, dayEndMs }, u"reading the day's report");
        if (!incidents)
            return incidents.error();
        while (incidents->next()) {
            TerminalReport *t = terminalOf(incidents->value(0).toString());
            if (t && w.value().contains(where.value(t->terminalId).first))
                t->incidents.append(Incident {
                    incidents->value(1).toLongLong(), incidents->value(2).toString(), incidents->value(3).toString() });
        }
        auto gaps = hub.query(u"SELECT terminal_id, from_ms, to_ms FROM terminal_gap WHERE " + ofStores
                + u" AND to_ms > ? AND from_ms < ?",
            day, u"reading the day's report");
        if (!gaps)
            return gaps.error();
        const qint64 dayEndSoFar = std::min(dayEndMs, now);
        while (gaps->next()) {
            if (TerminalReport *t = terminalOf(gaps->value(0).toString()))
                t->offlineMs += std::max<qint64>(0,
                    std::min(gaps->value(2).toLongLong(), dayEndSoFar)
                        - std::max(gaps->value(1).toLongLong(), dayStartMs));
        }

        // The events a manager reads one by one; approvals first, so each can name who approved it.
        QHash<QString, QString> approvers; // override.approved id → who approved it
        auto rows = hub.query(
            u"SELECT terminal_id, type, created_at_ms, payload FROM event WHERE type IN (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "AND type NOT IN ('sale.completed', 'fiscal.signed', 'payment.taken') AND created_at_ms >= ? AND "
            "created_at_ms < ? AND quarantine IS NULL AND "
                + ofStores + u" ORDER BY created_at_ms, seq",
            QVariantList(listedTypes().cbegin(), listedTypes().cend()) + QVariantList { dayStartMs, dayEndMs }
                + storeBinds,
            u"reading the day's report");
        if (!rows)
            return rows.error();
        struct Row
        {
            QString terminal, type;
            qint64 at;
            QByteArray payload;
        };
        QList<Row> all;
        while (rows->next()) {
            Row r { rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toLongLong(),
                rows->value(3).toByteArray() };
            if (r.type == Events::kOverrideApproved) {
                const QJsonObject o = QJsonDocument::fromJson(r.payload).object();
                const QString id = o.value(u"approved_by").toString();
                approvers.insert(o.value(u"id").toString(), names->value(id, id.left(8)));
            }
            all.append(std::move(r));
        }
        for (const Row &r : all) {
            const TerminalReport *t = terminalOf(r.terminal);
            if (!t)
                continue;
            ListedEvent e = listedEvent(r.type, r.at, QJsonDocument::fromJson(r.payload).object(), *names, approvers);
            e.terminalCode = t->terminalCode;
            storeOf(*t).listed.append(e);
        }

        // Each terminal's last report, and what the hub received after it: entries it thought pending, which are
        // no longer, and entries it recorded since, which it had not counted.
        const QString reports
            = QString(ofStores).replace(QStringLiteral("terminal_id IN"), QStringLiteral("r.terminal_id IN"));
        auto last = hub.query(
            u"SELECT r.terminal_id, r.received_at_ms, r.clock_ms, r.app_version, r.schema_version, r.pending, "
            "r.oldest_pending_ms, r.sync_state, r.last_error, r.print_waiting, r.print_interrupted, r.print_error "
            "FROM terminal_report r WHERE "
                + reports,
            storeBinds, u"reading the day's report");
        if (!last)
            return last.error();
        while (last->next()) {
            TerminalReport *t = terminalOf(last->value(0).toString());
            if (!t)
                continue;
            t->reported = true;
            t->lastContactMs = last->value(1).toLongLong();
            t->clockOffsetMs = last->value(2).toLongLong() - *t->lastContactMs;
            t->appVersion = last->value(3).toString();
            t->schemaVersion = last->value(4).toInt();
            t->pendingNow = last->value(5).toLongLong();
            if (!last->value(6).isNull())
                t->oldestPendingAtMs = last->value(6).toLongLong();
            t->syncState = last->value(7).toString();
            t->lastError = last->value(8).toString();
            t->printWaiting = last->value(9).toLongLong();
            t->printInterrupted = last->value(10).toLongLong();
            t->printError = last->value(11).toString();
        }
        // Correlated counts, each an index range on event(terminal_id, epoch, seq) past what the hub had
        // acknowledged: a join lets PostgreSQL's planner scan the whole day's events instead.
        const QString after = QStringLiteral("SELECT count(*) FROM event e WHERE e.terminal_id = r.terminal_id AND "
                                             "e.epoch = r.epoch AND e.seq > r.acked_through AND e.created_at_ms >= ? "
                                             "AND e.created_at_ms < ? AND ");
        const QVariantList window { dayStartMs, dayEndMs };
        auto since = hub.query(u"SELECT r.terminal_id, (" + after + u"e.seq <= r.head_seq), (" + after
                + u"e.seq <= r.head_seq AND e.type = 'sale.completed'), (" + after + u"e.seq > r.head_seq), (" + after
                + u"e.seq > r.head_seq AND e.type = 'sale.completed') FROM terminal_report r WHERE " + reports,
            window + window + window + window + storeBinds, u"reading the day's report");
        if (!since)
            return since.error();
        while (since->next()) {
            if (TerminalReport *t = terminalOf(since->value(0).toString())) {
                t->pendingEvents -= since->value(1).toLongLong();
                t->pendingSales -= since->value(2).toLongLong();
                t->recordedEvents += since->value(3).toLongLong();
                t->recordedSales += since->value(4).toLongLong();
            }
        }
        auto arrived = hub.query( // of every day: what the report counted as pending now
            u"SELECT r.terminal_id, (SELECT count(*) FROM event e WHERE e.terminal_id = r.terminal_id AND e.epoch = "
            "r.epoch AND e.seq > r.acked_through AND e.seq <= r.head_seq) FROM terminal_report r WHERE "
                + reports,
            storeBinds, u"reading the day's report");
        if (!arrived)
            return arrived.error();
        while (arrived->next()) {
            if (TerminalReport *t = terminalOf(arrived->value(0).toString())) {
                t->pendingNow = std::max<qint64>(0, t->pendingNow - arrived->value(1).toLongLong());
                if (t->pendingNow == 0)
                    t->oldestPendingAtMs.reset();
            }
        }
    }

    for (StoreReport &store : report.stores) {
        const qint64 dayEndSoFar = std::min(store.dayEndMs, now);
        for (TerminalReport &t : store.terminals) {
            if (t.reported && t.lastContactMs && now - *t.lastContactMs > HubStore::kSilentMs)
                t.offlineMs += std::max<qint64>(0, dayEndSoFar - std::max(*t.lastContactMs, store.dayStartMs));
            if (t.quarantinedEvents > 0) {
                auto why = hub.query(
                    QStringLiteral("SELECT quarantine, quarantine_reason FROM event WHERE terminal_id = ? AND "
                                   "quarantine IS NOT NULL AND created_at_ms >= ? AND created_at_ms < ? ORDER BY "
                                   "created_at_ms LIMIT 20"),
                    { t.terminalId, store.dayStartMs, store.dayEndMs }, u"reading the day's report");
                if (!why)
                    return why.error();
                while (why->next())
                    t.quarantined.append({ why->value(0).toString(), why->value(1).toString() });
            }
            sortMoney(t.money);

            // Health, by the rules in docs/REPORTS.md.
            auto red = [&](const QString &why) {
                worsen(t.health, Health::Red);
                t.reasons.append(why);
            };
            auto amber = [&](const QString &why) {
                worsen(t.health, Health::Amber);
                t.reasons.append(why);
            };
            if (!t.reported) {
                amber(QStringLiteral("has not reported its state (never synced, or a till from before reports)"));
            } else {
                if (!t.reconciles())
                    red(QStringLiteral("does not add up: recorded %1 entries, received %2, quarantined %3, pending %4")
                            .arg(t.recordedEvents)
                            .arg(t.receivedEvents)
                            .arg(t.quarantinedEvents)
                            .arg(t.pendingEvents));
                const qint64 silent = now - t.lastContactMs.value_or(now);
                if (silent > rules.silentRedMs)
                    red(QStringLiteral("not heard from for %1").arg(durationText(silent)));
                else if (silent > rules.silentAmberMs)
                    amber(QStringLiteral("not heard from for %1").arg(durationText(silent)));
                if (t.oldestPendingAtMs) {
                    const qint64 age = now - *t.oldestPendingAtMs;
                    if (age > rules.pendingRedMs)
                        red(QStringLiteral("%1 entries pending, the oldest for %2")
                                .arg(t.pendingNow)
                                .arg(durationText(age)));
                    else if (age > rules.pendingAmberMs)
                        amber(QStringLiteral("%1 entries pending, the oldest for %2")
                                  .arg(t.pendingNow)
                                  .arg(durationText(age)));
                }
                if (t.syncState == QLatin1String("blocked"))
                    red(QStringLiteral("sync blocked: %1").arg(t.lastError));
                if (t.clockOffsetMs && std::abs(*t.clockOffsetMs) > rules.clockOffMs)
                    amber(QStringLiteral("its clock is %1 %2")
                              .arg(durationText(std::abs(*t.clockOffsetMs)),
                                  *t.clockOffsetMs > 0 ? QStringLiteral("fast") : QStringLiteral("slow")));
                if (t.printInterrupted > 0)
                    amber(QStringLiteral("%1 receipts interrupted at the printer").arg(t.printInterrupted));
            }
            if (t.quarantinedEvents > 0)
                red(QStringLiteral("%1 entries quarantined: %2")
                        .arg(t.quarantinedEvents)
                        .arg(t.quarantined.isEmpty() ? QString() : t.quarantined.constFirst().second));
            for (const Incident &i : t.incidents)
                red(QStringLiteral("%1: %2").arg(i.code, i.detail));
            if (t.forwarding) {
                if (t.forwarding->failed > 0)
                    red(QStringLiteral("%1 sales or returns given up by %2 (omnitill-hub forwarding)")
                            .arg(t.forwarding->failed)
                            .arg(report.backend));
                if (t.forwarding->oldestPendingMs) {
                    const qint64 age = now - *t.forwarding->oldestPendingMs;
                    const QString why = QStringLiteral("%1 sales or returns not yet in %2, the oldest for %3")
                                            .arg(t.forwarding->pending)
                                            .arg(report.backend, durationText(age));
                    if (age > rules.pendingRedMs)
                        red(why);
                    else if (age > rules.pendingAmberMs)
                        amber(why);
                }
            }
            for (const MoneyLine &m : t.money) {
                if (m.kind == QLatin1String("cash.short") || m.kind == QLatin1String("cash.over"))
                    amber(QStringLiteral("cash %1 by %2 %3")
                              .arg(m.kind == QLatin1String("cash.short") ? QStringLiteral("short")
                                                                         : QStringLiteral("over"),
                                  formatMinor(m.amountMinor, m.currency), m.currency));
            }
            worsen(store.health, t.health);
        }
        sortMoney(store.money);
        worsen(report.health, store.health);
    }
    sortMoney(report.money);
    return report;
}

QString reportTime(qint64 ms, const QString &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(zone.toLatin1())).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

namespace {

QJsonArray moneyJson(const QList<MoneyLine> &money)
{
    QJsonArray out;
    for (const MoneyLine &m : money)
        out.append(QJsonObject { { QStringLiteral("currency"), m.currency }, { QStringLiteral("kind"), m.kind },
            { QStringLiteral("count"), m.count }, { QStringLiteral("amount_minor"), m.amountMinor } });
    return out;
}
} // namespace

QByteArray reportJson(const DailyReport &report)
{
    QJsonArray stores;
    for (const StoreReport &s : report.stores) {
        QJsonArray terminals;
        for (const TerminalReport &t : s.terminals) {
            QJsonArray incidents;
            for (const Incident &i : t.incidents)
                incidents.append(QJsonObject { { QStringLiteral("at_ms"), i.atMs }, { QStringLiteral("code"), i.code },
                    { QStringLiteral("detail"), i.detail } });
            QJsonArray quarantined;
            for (const auto &[code, reason] : t.quarantined)
                quarantined.append(
                    QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("reason"), reason } });
            QJsonObject o {
                { QStringLiteral("terminal_id"), t.terminalId },
                { QStringLiteral("terminal"), t.terminalCode },
                { QStringLiteral("health"), healthName(t.health) },
                { QStringLiteral("reasons"), QJsonArray::fromStringList(t.reasons) },
                { QStringLiteral("reported"), t.reported },
                { QStringLiteral("reconciles"), t.reconciles() },
                { QStringLiteral("entries"),
                    QJsonObject { { QStringLiteral("recorded"), t.recordedEvents },
                        { QStringLiteral("received"), t.receivedEvents },
                        { QStringLiteral("quarantined"), t.quarantinedEvents },
                        { QStringLiteral("pending"), t.pendingEvents } } },
                { QStringLiteral("sales"),
                    QJsonObject { { QStringLiteral("recorded"), t.recordedSales },
                        { QStringLiteral("received"), t.receivedSales },
                        { QStringLiteral("quarantined"), t.quarantinedSales },
                        { QStringLiteral("pending"), t.pendingSales } } },
                { QStringLiteral("pending_now"), t.pendingNow },
                { QStringLiteral("duplicates"), t.duplicates },
                { QStringLiteral("quarantined"), quarantined },
                { QStringLiteral("incidents"), incidents },
                { QStringLiteral("offline_ms"), t.offlineMs },
                { QStringLiteral("app_version"), t.appVersion },
                { QStringLiteral("schema_version"), t.schemaVersion },
                { QStringLiteral("sync_state"), t.syncState },
                { QStringLiteral("last_error"), t.lastError },
                { QStringLiteral("print"),
                    QJsonObject { { QStringLiteral("waiting"), t.printWaiting },
                        { QStringLiteral("interrupted"), t.printInterrupted },
                        { QStringLiteral("error"), t.printError } } },
                { QStringLiteral("money"), moneyJson(t.money) },
            };
            if (t.oldestPendingAtMs)
                o.insert(QStringLiteral("oldest_pending_ms"), *t.oldestPendingAtMs);
            if (t.lastContactMs)
                o.insert(QStringLiteral("last_contact_ms"), *t.lastContactMs);
            if (t.clockOffsetMs)
                o.insert(QStringLiteral("clock_offset_ms"), *t.clockOffsetMs);
            if (t.forwarding) {
                o.insert(QStringLiteral("forwarding"),
                    QJsonObject { { QStringLiteral("forwarded"), t.forwarding->forwarded },
                        { QStringLiteral("pending"), t.forwarding->pending },
                        { QStringLiteral("failed"), t.forwarding->failed },
                        { QStringLiteral("oldest_pending_ms"),
                            t.forwarding->oldestPendingMs ? QJsonValue(*t.forwarding->oldestPendingMs)
                                                          : QJsonValue() } });
            }
            terminals.append(o);
        }
        QJsonArray listed;
        for (const ListedEvent &e : s.listed)
            listed.append(QJsonObject { { QStringLiteral("at_ms"), e.atMs },
                { QStringLiteral("terminal"), e.terminalCode }, { QStringLiteral("type"), e.type },
                { QStringLiteral("summary"), e.summary }, { QStringLiteral("by"), e.by },
                { QStringLiteral("approved_by"), e.approvedBy }, { QStringLiteral("reason"), e.reason },
                { QStringLiteral("amount_minor"), e.amountMinor }, { QStringLiteral("currency"), e.currency } });
        stores.append(QJsonObject { { QStringLiteral("store"), s.code }, { QStringLiteral("time_zone"), s.timeZone },
            { QStringLiteral("day_start_ms"), s.dayStartMs }, { QStringLiteral("day_end_ms"), s.dayEndMs },
            { QStringLiteral("health"), healthName(s.health) }, { QStringLiteral("terminals"), terminals },
            { QStringLiteral("money"), moneyJson(s.money) }, { QStringLiteral("events"), listed } });
    }
    return QJsonDocument(
        QJsonObject { { QStringLiteral("date"), report.date.toString(Qt::ISODate) },
            { QStringLiteral("generated_at_ms"), report.generatedAtMs },
            { QStringLiteral("health"), healthName(report.health) },
            { QStringLiteral("backend"), report.backend.isEmpty() ? QJsonValue() : QJsonValue(report.backend) },
            { QStringLiteral("money"), moneyJson(report.money) }, { QStringLiteral("stores"), stores } })
        .toJson(QJsonDocument::Indented);
}

QString reportText(const DailyReport &report)
{
    QString out;
    QTextStream s(&out);
    s << "Daily report " << report.date.toString(Qt::ISODate) << ": chain " << healthName(report.health).toUpper()
      << '\n';
    for (const StoreReport &store : report.stores) {
        s << "\nStore " << store.code << " (" << store.timeZone << ", " << reportTime(store.dayStartMs, store.timeZone)
          << " to " << reportTime(store.dayEndMs, store.timeZone) << "): " << healthName(store.health).toUpper()
          << '\n';
        s << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7  %8\n")
                 .arg(QStringLiteral("term"), -5)
                 .arg(QStringLiteral("health"), -6)
                 .arg(QStringLiteral("sales rec"), 9)
                 .arg(QStringLiteral("received"), 9)
                 .arg(QStringLiteral("quarant."), 9)
                 .arg(QStringLiteral("pending"), 8)
                 .arg(QStringLiteral("repeats"), 8)
                 .arg(QStringLiteral("last contact"));
        for (const TerminalReport &t : store.terminals) {
            s << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7  %8\n")
                     .arg(t.terminalCode, -5)
                     .arg(healthName(t.health), -6)
                     .arg(t.reported ? QString::number(t.recordedSales) : QStringLiteral("?"), 9)
                     .arg(t.receivedSales, 9)
                     .arg(t.quarantinedSales, 9)
                     .arg(t.reported ? QString::number(t.pendingSales) : QStringLiteral("?"), 8)
                     .arg(t.duplicates, 8)
                     .arg(t.lastContactMs ? reportTime(*t.lastContactMs, store.timeZone) : QStringLiteral("never"));
            if (t.forwarding)
                s << "        " << report.backend << ": forwarded " << t.forwarding->forwarded << ", pending "
                  << t.forwarding->pending << ", failed " << t.forwarding->failed << '\n';
            for (const QString &why : t.reasons)
                s << "        - " << why << '\n';
        }
        if (!store.money.isEmpty()) {
            s << "  Business:\n";
            for (const MoneyLine &m : store.money)
                s << QStringLiteral("    %1 %2 %3 %4\n")
                         .arg(m.kind, -18)
                         .arg(m.count, 7)
                         .arg(m.currency.isEmpty() ? QString() : formatMinor(m.amountMinor, m.currency), 14)
                         .arg(m.currency);
        }
        if (!store.listed.isEmpty()) {
            s << "  To read:\n";
            for (const ListedEvent &e : store.listed) {
                s << "    " << reportTime(e.atMs, store.timeZone).mid(11) << ' ' << e.terminalCode << ' ' << e.summary;
                if (e.amountMinor != 0 && !e.currency.isEmpty())
                    s << ' ' << formatMinor(e.amountMinor, e.currency) << ' ' << e.currency;
                if (!e.by.isEmpty())
                    s << ", by " << e.by;
                if (!e.approvedBy.isEmpty())
                    s << ", approved by " << e.approvedBy;
                if (!e.reason.isEmpty())
                    s << ": " << e.reason;
                s << '\n';
            }
        }
    }
    return out;
}

QByteArray reportCsv(const DailyReport &report)
{
    // One row per terminal; a column for each kind of money any terminal of the report has.
    QStringList kinds;
    for (const MoneyLine &m : report.money) {
        const QString column = m.currency.isEmpty() ? m.kind : m.kind + u' ' + m.currency;
        if (!kinds.contains(column))
            kinds.append(column);
    }
    auto field = [](QString v) {
        if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.startsWith(u'=') || v.startsWith(u'+')
            || v.startsWith(u'-') || v.startsWith(u'@')) {
            if (v.startsWith(u'=') || v.startsWith(u'+') || v.startsWith(u'-') || v.startsWith(u'@'))
                v.prepend(u'\''); // never a formula in a spreadsheet
            v = u'"' + v.replace(u'"', QStringLiteral("\"\"")) + u'"';
        }
        return v;
    };
    QStringList header = { QStringLiteral("date"), QStringLiteral("store"), QStringLiteral("terminal"),
        QStringLiteral("health"), QStringLiteral("sales_recorded"), QStringLiteral("sales_received"),
        QStringLiteral("sales_quarantined"), QStringLiteral("sales_pending"), QStringLiteral("entries_recorded"),
        QStringLiteral("entries_received"), QStringLiteral("entries_quarantined"), QStringLiteral("entries_pending"),
        QStringLiteral("duplicates"), QStringLiteral("incidents"), QStringLiteral("last_contact"),
        QStringLiteral("offline_minutes"), QStringLiteral("clock_offset_s"), QStringLiteral("app_version"),
        QStringLiteral("reasons"), QStringLiteral("backend_forwarded"), QStringLiteral("backend_pending"),
        QStringLiteral("backend_failed") };
    for (const QString &k : kinds) {
        header.append(k + QStringLiteral(" count"));
        header.append(k + QStringLiteral(" amount"));
    }
    QByteArray out = header.join(u',').toUtf8() + "\r\n";
    for (const StoreReport &s : report.stores) {
        for (const TerminalReport &t : s.terminals) {
            QStringList row
                = { report.date.toString(Qt::ISODate), field(s.code), field(t.terminalCode), healthName(t.health),
                      t.reported ? QString::number(t.recordedSales) : QString(), QString::number(t.receivedSales),
                      QString::number(t.quarantinedSales), t.reported ? QString::number(t.pendingSales) : QString(),
                      t.reported ? QString::number(t.recordedEvents) : QString(), QString::number(t.receivedEvents),
                      QString::number(t.quarantinedEvents), t.reported ? QString::number(t.pendingEvents) : QString(),
                      QString::number(t.duplicates), QString::number(t.incidents.size()),
                      t.lastContactMs ? reportTime(*t.lastContactMs, s.timeZone) : QString(),
                      QString::number(t.offlineMs / 60'000),
                      t.clockOffsetMs ? QString::number(*t.clockOffsetMs / 1000) : QString(), field(t.appVersion),
                      field(t.reasons.join(QStringLiteral("; "))),
                      t.forwarding ? QString::number(t.forwarding->forwarded) : QString(),
                      t.forwarding ? QString::number(t.forwarding->pending) : QString(),
                      t.forwarding ? QString::number(t.forwarding->failed) : QString() };
            for (const QString &k : kinds) {
                qint64 count = 0, amount = 0;
                QString currency;
                for (const MoneyLine &m : t.money) {
                    if ((m.currency.isEmpty() ? m.kind : m.kind + u' ' + m.currency) == k) {
                        count = m.count;
                        amount = m.amountMinor;
                        currency = m.currency;
                    }
                }
                row.append(QString::number(count));
                row.append(currency.isEmpty() && amount == 0 && !k.contains(u' ')
                        ? QString()
                        : formatMinor(amount, k.section(u' ', 1)));
            }
            out += row.join(u',').toUtf8() + "\r\n";
        }
    }
    return out;
}

} // namespace omnitill::sync
