// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/terminalstate.h"

#include "core/base/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace omnitill::sync {

namespace {
constexpr qsizetype kMaxText = 500;

Error malformed(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// A non-negative integer a double holds exactly.
bool asCount(const QJsonValue &v, qint64 &out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d < 0 || d > 9007199254740991.0 || d != double(qint64(d)))
        return false;
    out = qint64(d);
    return true;
}

QByteArray bucketsJson(const QList<JournalBucket> &buckets)
{
    // [[start_ms, events, sales], ...]: a terminal offline for days sends thousands.
    QByteArray out = "[";
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        if (i)
            out += ',';
        out += '[' + QByteArray::number(buckets[i].startMs) + ',' + QByteArray::number(buckets[i].events) + ','
            + QByteArray::number(buckets[i].sales) + ']';
    }
    return out + ']';
}

Result<QList<JournalBucket>> bucketsFrom(const QJsonValue &v, QLatin1StringView field)
{
    if (!v.isArray())
        return malformed(QStringLiteral("\"%1\" must be an array").arg(field));
    const QJsonArray a = v.toArray();
    if (a.size() > kMaxStateBuckets)
        return malformed(QStringLiteral("\"%1\" has more than %2 quarter hours").arg(field).arg(kMaxStateBuckets));
    QList<JournalBucket> out;
    out.reserve(a.size());
    qint64 previous = -1;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonArray b = a[i].toArray();
        JournalBucket bucket;
        if (b.size() != 3 || !asCount(b[0], bucket.startMs) || !asCount(b[1], bucket.events)
            || !asCount(b[2], bucket.sales))
            return malformed(
                QStringLiteral("%1[%2] must be [start_ms, events, sales], non-negative integers").arg(field).arg(i));
        if (bucket.startMs % kBucketMs != 0)
            return malformed(QStringLiteral("%1[%2] does not start on a quarter hour").arg(field).arg(i));
        if (bucket.startMs <= previous)
            return malformed(QStringLiteral("%1[%2] is not after the one before").arg(field).arg(i));
        if (bucket.sales > bucket.events)
            return malformed(QStringLiteral("%1[%2] counts more sales than entries").arg(field).arg(i));
        previous = bucket.startMs;
        out.append(bucket);
    }
    return out;
}

Result<QString> textFrom(const QJsonObject &o, QLatin1StringView field, bool required)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() && !required)
        return QString();
    if (!v.isString())
        return malformed(QStringLiteral("\"%1\" must be a string").arg(field));
    if (v.toString().size() > kMaxText)
        return malformed(QStringLiteral("\"%1\" is longer than %2 characters").arg(field).arg(kMaxText));
    return v.toString();
}
} // namespace

QByteArray encodeTerminalState(const TerminalStateReport &r)
{
    JsonObjectWriter print;
    print.add("error", r.printError).add("interrupted", r.printInterrupted).add("waiting", r.printWaiting);
    JsonObjectWriter o;
    o.add("acked_through", r.ackedThrough)
        .add("app_version", r.appVersion)
        .add("clock_ms", r.clockMs)
        .add("epoch", r.epoch)
        .add("head_seq", r.headSeq)
        .add("last_error", r.lastError);
    if (r.oldestPendingAtMs)
        o.add("oldest_pending_ms", *r.oldestPendingAtMs);
    o.add("pending", r.pending)
        .addRaw("pending_buckets", bucketsJson(r.pendingBuckets))
        .addRaw("print", print.finish())
        .add("protocol", 1)
        .addRaw("recorded", bucketsJson(r.recorded))
        .add("schema_version", r.schemaVersion)
        .add("since_seq", r.sinceSeq)
        .add("sync_state", r.syncState)
        .add("terminal_id", r.terminalId);
    return o.finish();
}

Result<TerminalStateReport> decodeTerminalState(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(QStringLiteral("the state report is not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(u"protocol").toInt() != 1)
        return malformed(QStringLiteral("\"protocol\" must be 1"));
    TerminalStateReport r;
    r.terminalId = o.value(u"terminal_id").toString();
    if (QUuid::fromString(r.terminalId).isNull())
        return malformed(QStringLiteral("\"terminal_id\" must be a UUID"));
    struct Count
    {
        QLatin1StringView field;
        qint64 *to;
    };
    for (const Count &c : { Count { QLatin1StringView("clock_ms"), &r.clockMs },
             Count { QLatin1StringView("epoch"), &r.epoch }, Count { QLatin1StringView("head_seq"), &r.headSeq },
             Count { QLatin1StringView("acked_through"), &r.ackedThrough },
             Count { QLatin1StringView("pending"), &r.pending },
             Count { QLatin1StringView("since_seq"), &r.sinceSeq } }) {
        if (!asCount(o.value(c.field), *c.to))
            return malformed(QStringLiteral("\"%1\" must be a non-negative integer").arg(c.field));
    }
    if (r.epoch < 1)
        return malformed(QStringLiteral("\"epoch\" must be at least 1"));
    if (r.ackedThrough > r.headSeq || r.sinceSeq > r.headSeq)
        return malformed(QStringLiteral("\"acked_through\" and \"since_seq\" cannot be past \"head_seq\""));
    if (r.pending > r.headSeq)
        return malformed(QStringLiteral("\"pending\" cannot be more than the journal holds"));
    if (o.contains(u"oldest_pending_ms")) {
        qint64 oldest = 0;
        if (!asCount(o.value(u"oldest_pending_ms"), oldest))
            return malformed(QStringLiteral("\"oldest_pending_ms\" must be a non-negative integer"));
        r.oldestPendingAtMs = oldest;
    }
    qint64 schema = 0;
    if (!asCount(o.value(u"schema_version"), schema) || schema > 100'000)
        return malformed(QStringLiteral("\"schema_version\" must be a non-negative integer"));
    r.schemaVersion = int(schema);
    for (const auto &[field, to] : { std::pair { QLatin1StringView("app_version"), &r.appVersion },
             std::pair { QLatin1StringView("sync_state"), &r.syncState },
             std::pair { QLatin1StringView("last_error"), &r.lastError } }) {
        auto text = textFrom(o, field, true);
        if (!text)
            return text.error();
        *to = *text;
    }
    const QJsonValue print = o.value(u"print");
    if (!print.isObject() || !asCount(print[u"waiting"], r.printWaiting)
        || !asCount(print[u"interrupted"], r.printInterrupted))
        return malformed(QStringLiteral("\"print\" must be {\"waiting\", \"interrupted\", \"error\"}"));
    auto printError = textFrom(print.toObject(), QLatin1StringView("error"), false);
    if (!printError)
        return printError.error();
    r.printError = *printError;
    auto recorded = bucketsFrom(o.value(u"recorded"), QLatin1StringView("recorded"));
    if (!recorded)
        return recorded.error();
    r.recorded = *recorded;
    auto pending = bucketsFrom(o.value(u"pending_buckets"), QLatin1StringView("pending_buckets"));
    if (!pending)
        return pending.error();
    r.pendingBuckets = *pending;
    qint64 pendingSum = 0;
    for (const JournalBucket &b : r.pendingBuckets)
        pendingSum += b.events;
    if (pendingSum != r.pending)
        return malformed(QStringLiteral("\"pending_buckets\" add up to %1 entries, not the %2 of \"pending\"")
                             .arg(pendingSum)
                             .arg(r.pending));
    return r;
}

QByteArray encodeStateAnswer(qint64 knownThrough)
{
    JsonObjectWriter o;
    o.add("known_through", knownThrough);
    return o.finish();
}

Result<qint64> decodeStateAnswer(const QByteArray &body)
{
    qint64 known = 0;
    if (!asCount(QJsonDocument::fromJson(body).object().value(u"known_through"), known))
        return malformed(QStringLiteral("the hub's answer to the state report has no valid \"known_through\""));
    return known;
}

} // namespace omnitill::sync
