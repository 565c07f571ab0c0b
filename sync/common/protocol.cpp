// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/protocol.h"

#include "core/base/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace omnitill::sync {

namespace {
Error malformed(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// JSON numbers are doubles: integers beyond 2^53 would lose precision, so they are refused.
bool asInt(const QJsonValue &v, qint64 &out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d < -9007199254740991.0 || d > 9007199254740991.0 || d != double(qint64(d)))
        return false;
    out = qint64(d);
    return true;
}

bool asHash(const QJsonValue &v, QByteArray &out)
{
    if (!v.isString() || v.toString().size() != 64)
        return false;
    out = QByteArray::fromHex(v.toString().toLatin1());
    return out.size() == 32 && out.toHex() == v.toString().toLatin1();
}
} // namespace

QByteArray encodePushRequest(const PushRequest &r)
{
    // The bytes QJsonDocument would write, without building QJsonObjects: a terminal encodes every batch it sends.
    QList<QByteArray> events;
    events.reserve(r.events.size());
    JsonObjectWriter event;
    for (const JournalEntry &e : r.events) {
        event.add("seq", e.seq)
            .add("event_id", e.eventId)
            .add("type", e.type)
            .add("created_at_ms", e.createdAtMs)
            .add("payload", QString::fromUtf8(e.payload))
            .add("prev_hash", QString::fromLatin1(e.prevHash.toHex()))
            .add("hash", QString::fromLatin1(e.hash.toHex()));
        events.append(event.finish());
    }
    JsonObjectWriter o;
    o.add("protocol", kProtocolVersion).add("terminal_id", r.terminalId).add("epoch", r.epoch);
    o.addRaw("events", jsonArray(events));
    if (r.headSeq > 0)
        o.add("head_seq", r.headSeq);
    return o.finish();
}

Result<PushRequest> decodePushRequest(const QByteArray &body)
{
    if (body.size() > kMaxRequestBytes)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the request is larger than 8 MiB"));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(QStringLiteral("the body is not a JSON object: %1").arg(pe.errorString()));
    const QJsonObject o = doc.object();
    qint64 protocol = 0;
    if (!asInt(o.value(u"protocol"), protocol) || protocol != kProtocolVersion)
        return malformed(QStringLiteral("\"protocol\" must be %1").arg(kProtocolVersion));
    PushRequest r;
    r.terminalId = o.value(u"terminal_id").toString();
    if (QUuid::fromString(r.terminalId).isNull())
        return malformed(QStringLiteral("\"terminal_id\" must be a UUID"));
    if (!asInt(o.value(u"epoch"), r.epoch) || r.epoch < 1)
        return malformed(QStringLiteral("\"epoch\" must be a positive integer"));
    const QJsonArray events = o.value(u"events").toArray();
    if (!o.value(u"events").isArray() || events.isEmpty() || events.size() > kMaxBatchEvents)
        return malformed(QStringLiteral("\"events\" must hold 1 to %1 events").arg(kMaxBatchEvents));
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject ev = events[i].toObject();
        const QString where = QStringLiteral("events[%1]").arg(i);
        JournalEntry e;
        e.epoch = r.epoch;
        e.eventId = ev.value(u"event_id").toString();
        e.type = ev.value(u"type").toString();
        if (!asInt(ev.value(u"seq"), e.seq) || e.seq < 1)
            return malformed(where + QStringLiteral(": \"seq\" must be a positive integer"));
        if (i > 0 && e.seq != r.events.last().seq + 1)
            return malformed(where + QStringLiteral(": seqs must be consecutive"));
        if (QUuid::fromString(e.eventId).isNull())
            return malformed(where + QStringLiteral(": \"event_id\" must be a UUID"));
        if (e.type.isEmpty() || e.type.size() > 64)
            return malformed(where + QStringLiteral(": \"type\" must be a short non-empty string"));
        if (!asInt(ev.value(u"created_at_ms"), e.createdAtMs))
            return malformed(where + QStringLiteral(": \"created_at_ms\" must be an integer"));
        if (!ev.value(u"payload").isString())
            return malformed(where + QStringLiteral(": \"payload\" must be a string"));
        e.payload = ev.value(u"payload").toString().toUtf8();
        if (!asHash(ev.value(u"prev_hash"), e.prevHash) || !asHash(ev.value(u"hash"), e.hash))
            return malformed(where + QStringLiteral(": hashes must be 64 lower-case hex digits"));
        r.events.append(e);
    }
    if (o.contains(u"head_seq") && (!asInt(o.value(u"head_seq"), r.headSeq) || r.headSeq < r.events.constLast().seq))
        return malformed(QStringLiteral("\"head_seq\" must be the terminal's last entry, at or after the last event"));
    return r;
}

QByteArray encodeAccepted(const PushAccepted &a)
{
    QJsonArray quarantined;
    for (const Quarantined &q : a.quarantined)
        quarantined.append(QJsonObject { { QStringLiteral("seq"), q.seq }, { QStringLiteral("code"), q.code },
            { QStringLiteral("reason"), q.reason } });
    return QJsonDocument(QJsonObject { { QStringLiteral("acked_through"), a.ackedThrough },
                             { QStringLiteral("last_hash"), QString::fromLatin1(a.lastHash.toHex()) },
                             { QStringLiteral("accepted"), a.accepted }, { QStringLiteral("duplicates"), a.duplicates },
                             { QStringLiteral("quarantined"), quarantined } })
        .toJson(QJsonDocument::Compact);
}

QByteArray encodeRejected(const PushRejected &r)
{
    QJsonObject o { { QStringLiteral("error"), r.code }, { QStringLiteral("message"), r.message } };
    if (r.firstBadSeq)
        o.insert(QStringLiteral("first_bad_seq"), r.firstBadSeq);
    if (r.code == QLatin1String("CHAIN_FORK") || r.code == QLatin1String("CHAIN_INVALID")
        || r.code == QLatin1String("HUB_BEHIND"))
        o.insert(QStringLiteral("acked_through"), r.ackedThrough);
    if (r.newEpoch)
        o.insert(QStringLiteral("new_epoch"), r.newEpoch);
    if (r.heldEpoch)
        o.insert(QStringLiteral("held_epoch"), r.heldEpoch);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<PushAccepted> decodeAccepted(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    PushAccepted a;
    if (!asInt(o.value(u"acked_through"), a.ackedThrough) || a.ackedThrough < 0)
        return malformed(QStringLiteral("the hub's answer has no valid \"acked_through\""));
    a.lastHash = QByteArray::fromHex(o.value(u"last_hash").toString().toLatin1());
    a.accepted = o.value(u"accepted").toInt();
    a.duplicates = o.value(u"duplicates").toInt();
    for (const QJsonValue &v : o.value(u"quarantined").toArray())
        a.quarantined.append(
            Quarantined { qint64(v[u"seq"].toDouble()), v[u"code"].toString(), v[u"reason"].toString() });
    return a;
}

Result<PushRejected> decodeRejected(const QByteArray &body, int httpStatus)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    PushRejected r;
    r.httpStatus = httpStatus;
    r.code = o.value(u"error").toString();
    r.message = o.value(u"message").toString();
    if (r.code.isEmpty())
        return malformed(QStringLiteral("the hub answered %1 without an error code").arg(httpStatus));
    asInt(o.value(u"first_bad_seq"), r.firstBadSeq);
    asInt(o.value(u"acked_through"), r.ackedThrough);
    asInt(o.value(u"new_epoch"), r.newEpoch);
    asInt(o.value(u"held_epoch"), r.heldEpoch);
    return r;
}

} // namespace omnitill::sync
