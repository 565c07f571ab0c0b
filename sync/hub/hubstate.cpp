// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' report, the hub's half: what terminals say of themselves (POST /sync/v1/state) and what the hub
// received, tallied by quarter hour as events are accepted.
#include "sync/common/events.h"
#include "sync/common/terminalstate.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"
#include "sync/hub/receivedtally.h"

#include "core/reports/dayfigures.h"
#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

namespace omnitill::sync {

namespace {
qint64 bucketOf(qint64 ms)
{
    return ms - (((ms % kBucketMs) + kBucketMs) % kBucketMs); // before 1970 too
}
} // namespace

void ReceivedTally::add(
    const QString &terminalId, const QString &type, qint64 createdAtMs, const QByteArray &payload, bool quarantined)
{
    const Key at { terminalId, bucketOf(createdAtMs) };
    Counts &e = m_events[at];
    const bool sale = type == Events::kSaleCompleted;
    ++e.events;
    if (sale)
        ++e.sales;
    if (quarantined) {
        ++e.quarantinedEvents;
        if (sale)
            ++e.quarantinedSales;
        return;
    }
    addMoney(terminalId, at.second, type, payload);
}

void ReceivedTally::addDuplicates(const QString &terminalId, qint64 atMs, qint64 count)
{
    if (count > 0)
        m_duplicates[Key { terminalId, bucketOf(atMs) }] += count;
}

void ReceivedTally::book(const Key &at, const QString &currency, const QString &kind, qint64 amountMinor, qint64 count)
{
    // Counts that move no money (approvals) have no currency: kept as '' (NULL would never match itself).
    Money &m = m_money[MoneyKey { at.first, at.second, currency.isNull() ? QStringLiteral("") : currency, kind }];
    m.count += count;
    m.amountMinor += amountMinor;
}

void ReceivedTally::addMoney(const QString &terminalId, qint64 bucketMs, const QString &type, const QByteArray &payload)
{
    if (type != Events::kSaleCompleted && type != Events::kPaymentDeclined && !listedTypes().contains(type))
        return; // moves nothing the report counts: spares parsing the payload
    const Key at { terminalId, bucketMs };
    for (const MoneyLine &m : moneyOf(type, QJsonDocument::fromJson(payload).object()))
        book(at, m.currency, m.kind, m.amountMinor, m.count);
}

Status HubStore::saveTally(const ReceivedTally &tally)
{
    for (auto it = tally.events().cbegin(); it != tally.events().cend(); ++it) {
        auto q = kept(QStringLiteral(
            "INSERT INTO hub_bucket (terminal_id, bucket_ms, events, sales, quarantined_events, quarantined_sales) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id, bucket_ms) DO UPDATE SET "
            "events = hub_bucket.events + excluded.events, sales = hub_bucket.sales + excluded.sales, "
            "quarantined_events = hub_bucket.quarantined_events + excluded.quarantined_events, "
            "quarantined_sales = hub_bucket.quarantined_sales + excluded.quarantined_sales"));
        if (!q)
            return q.error();
        const QVariantList v
            = { it.key().first, it.key().second, it->events, it->sales, it->quarantinedEvents, it->quarantinedSales };
        for (int i = 0; i < v.size(); ++i)
            (*q)->bindValue(i, v[i]);
        if (auto st = exec(**q, QStringLiteral("counting the events received")); !st)
            return st;
        (*q)->finish();
    }
    for (auto it = tally.money().cbegin(); it != tally.money().cend(); ++it) {
        auto q = kept(QStringLiteral(
            "INSERT INTO money_bucket (terminal_id, bucket_ms, currency, kind, count, amount_minor) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id, bucket_ms, currency, kind) DO UPDATE SET "
            "count = money_bucket.count + excluded.count, "
            "amount_minor = money_bucket.amount_minor + excluded.amount_minor"));
        if (!q)
            return q.error();
        const QVariantList v
            = { it.key().terminalId, it.key().bucketMs, it.key().currency, it.key().kind, it->count, it->amountMinor };
        for (int i = 0; i < v.size(); ++i)
            (*q)->bindValue(i, v[i]);
        if (auto st = exec(**q, QStringLiteral("adding up the money received")); !st)
            return st;
        (*q)->finish();
    }
    for (auto it = tally.duplicates().cbegin(); it != tally.duplicates().cend(); ++it) {
        auto q = kept(QStringLiteral("INSERT INTO duplicate_bucket (terminal_id, bucket_ms, duplicates) VALUES (?, ?, "
                                     "?) ON CONFLICT (terminal_id, bucket_ms) DO UPDATE SET "
                                     "duplicates = duplicate_bucket.duplicates + excluded.duplicates"));
        if (!q)
            return q.error();
        (*q)->bindValue(0, it.key().first);
        (*q)->bindValue(1, it.key().second);
        (*q)->bindValue(2, it.value());
        if (auto st = exec(**q, QStringLiteral("counting the repeats")); !st)
            return st;
        (*q)->finish();
    }
    return Ok {};
}

Status HubStore::countReceivedEvents()
{
    // Schema 11 on a hub that already holds events: tallied in pages, saved as one.
    ReceivedTally tally;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT terminal_id, type, created_at_ms, payload, quarantine FROM event")))
        return sqlError(q.lastError(), QStringLiteral("counting the events received"));
    while (q.next())
        tally.add(q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toByteArray(),
            !q.value(4).isNull());
    q.finish();
    return saveTally(tally);
}

Result<qint64> HubStore::applyTerminalState(const TerminalStateReport &r)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    const qint64 now = m_clock();
    auto before = query(m_dialect == Dialect::Postgres
            ? QStringLiteral(
                "SELECT known_through, received_at_ms FROM terminal_report WHERE terminal_id = ? FOR UPDATE")
            : QStringLiteral("SELECT known_through, received_at_ms FROM terminal_report WHERE terminal_id = ?"),
        { r.terminalId }, u"reading the terminal's last report");
    if (!before)
        return before.error();
    qint64 known = 0;
    std::optional<qint64> lastContact;
    if (before->next()) {
        known = before->value(0).toLongLong();
        lastContact = before->value(1).toLongLong();
    }
    before->finish();
    // The counts sent cover the entries after since_seq: complete when the hub knew everything up to there (a hub
    // restored from a backup knows less, and the terminal is asked for more).
    const qint64 knownThrough = r.sinceSeq <= known || r.sinceSeq == 0 ? r.headSeq : known;

    // Writes one pair of counts (the terminal's recorded or pending columns, names from this code) by quarter hour.
    const auto keep = [&](const QList<JournalBucket> &buckets, QLatin1StringView column) -> Status {
        for (const JournalBucket &b : buckets) {
            auto q = kept(QStringLiteral("INSERT INTO terminal_bucket (terminal_id, bucket_ms, %1_events, %1_sales) "
                                         "VALUES (?, ?, ?, ?) ON CONFLICT (terminal_id, bucket_ms) DO UPDATE SET "
                                         "%1_events = excluded.%1_events, %1_sales = excluded.%1_sales")
                              .arg(column));
            if (!q)
                return q.error();
            (*q)->bindValue(0, r.terminalId);
            (*q)->bindValue(1, b.startMs);
            (*q)->bindValue(2, b.events);
            (*q)->bindValue(3, b.sales);
            if (auto st = exec(**q, QStringLiteral("keeping the terminal's counts")); !st)
                return st;
        }
        return Ok {};
    };
    if (auto st = keep(r.recorded, QLatin1StringView("recorded")); !st)
        return st.error();
    if (auto cleared = query(QStringLiteral("UPDATE terminal_bucket SET pending_events = 0, pending_sales = 0 WHERE "
                                            "terminal_id = ? AND pending_events > 0"),
            { r.terminalId }, u"keeping what the terminal has pending");
        !cleared)
        return cleared.error();
    if (auto st = keep(r.pendingBuckets, QLatin1StringView("pending")); !st)
        return st.error();
    if (lastContact && now - *lastContact > kSilentMs) {
        if (auto gap = query(QStringLiteral("INSERT INTO terminal_gap (terminal_id, from_ms, to_ms) VALUES (?, ?, ?)"),
                { r.terminalId, *lastContact, now }, u"noting the time the terminal was not heard from");
            !gap)
            return gap.error();
    }
    const QVariant noTime(QMetaType(QMetaType::LongLong));
    const auto text = [](const QString &s) { return s.isNull() ? QStringLiteral("") : s; }; // never NULL
    auto save = query(
        QStringLiteral("INSERT INTO terminal_report (terminal_id, received_at_ms, clock_ms, app_version, "
                       "schema_version, epoch, head_seq, acked_through, pending, oldest_pending_ms, sync_state, "
                       "last_error, print_waiting, print_interrupted, print_error, known_through) VALUES (?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET "
                       "received_at_ms = excluded.received_at_ms, clock_ms = excluded.clock_ms, "
                       "app_version = excluded.app_version, schema_version = excluded.schema_version, "
                       "epoch = excluded.epoch, head_seq = excluded.head_seq, "
                       "acked_through = excluded.acked_through, pending = excluded.pending, "
                       "oldest_pending_ms = excluded.oldest_pending_ms, sync_state = excluded.sync_state, "
                       "last_error = excluded.last_error, print_waiting = excluded.print_waiting, "
                       "print_interrupted = excluded.print_interrupted, print_error = excluded.print_error, "
                       "known_through = excluded.known_through"),
        { r.terminalId, now, r.clockMs, text(r.appVersion), r.schemaVersion, r.epoch, r.headSeq, r.ackedThrough,
            r.pending, r.oldestPendingAtMs ? QVariant(*r.oldestPendingAtMs) : noTime, text(r.syncState),
            text(r.lastError), r.printWaiting, r.printInterrupted, text(r.printError), knownThrough },
        u"keeping the terminal's report");
    if (!save)
        return save.error();
    if (auto st = tx->commit(); !st)
        return st.error();
    return knownThrough;
}

} // namespace omnitill::sync
