// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// What a terminal tells the hub about itself with each sync round (POST /sync/v1/state, docs/sync-protocol.md,
// "Terminal state"), apart from its events, so the hub knows what a terminal holds that the hub does not even when
// the events themselves cannot get through.
namespace omnitill::sync {

// Journal entries are counted by quarter hour of the terminal's clock (created_at_ms): a store's day in any time
// zone (offsets are multiples of 15 minutes) is a whole number of these.
inline constexpr qint64 kBucketMs = 15 * 60 * 1000;
// The recorded counts cover the last 40 days; older quarter hours keep what the hub was last told.
inline constexpr qint64 kRecordedHorizonMs = 40LL * 24 * 3600 * 1000;
inline constexpr int kMaxStateBuckets = 20'000;

struct JournalBucket
{
    qint64 startMs = 0; // a multiple of kBucketMs
    qint64 events = 0; // journal entries (a sale, a void, a shift closed, ...)
    qint64 sales = 0; // of them, sale.completed
    bool operator==(const JournalBucket &) const = default;
};

struct TerminalStateReport
{
    QString terminalId;
    qint64 clockMs = 0; // the terminal's clock when it sent this
    QString appVersion;
    int schemaVersion = 0;
    qint64 epoch = 0;
    qint64 headSeq = 0; // the last entry of the journal
    qint64 ackedThrough = 0; // what the terminal knows the hub holds of this epoch
    qint64 pending = 0;
    std::optional<qint64> oldestPendingAtMs;
    QString syncState; // idle, pushing, waiting to retry, blocked
    QString lastError;
    qint64 printWaiting = 0; // receipts queued and not yet taken by the printer
    qint64 printInterrupted = 0; // cut off by a stop, waiting for a person to reprint or cancel
    QString printError; // the printer's last complaint about a waiting job
    // `recorded` holds the live entries of every quarter hour touched by an entry after `sinceSeq` (absolute counts,
    // so a repeat changes nothing); `pendingBuckets` every entry not yet acknowledged, by quarter hour.
    qint64 sinceSeq = 0;
    QList<JournalBucket> recorded;
    QList<JournalBucket> pendingBuckets;
};

QByteArray encodeTerminalState(const TerminalStateReport &report);
// Validates shape and limits; the error names the field.
Result<TerminalStateReport> decodeTerminalState(const QByteArray &body);

// The hub's answer: the recorded counts it holds are complete up to this seq; the next report counts from here.
QByteArray encodeStateAnswer(qint64 knownThrough);
Result<qint64> decodeStateAnswer(const QByteArray &body);

} // namespace omnitill::sync
