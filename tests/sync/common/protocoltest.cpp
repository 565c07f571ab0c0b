// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/protocol.h"
#include "support/testhelper.h"

#include <QUuid>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::sync;

namespace {
JournalEntry entry(qint64 seq)
{
    JournalEntry e;
    e.seq = seq;
    e.epoch = 2;
    e.eventId = Journal::newEventId(test::kNow);
    e.type = QStringLiteral("sale.completed");
    e.createdAtMs = test::kNow;
    e.payload = R"({"receipt_no":"T01-000001","total_minor":1999,"name":"Crème \"fraîche\""})";
    e.prevHash = QByteArray(32, '\x01');
    e.hash = Journal::computeHash(e);
    return e;
}
} // namespace

TEST(Protocol, PushRequestRoundTripsByteForByte)
{
    PushRequest r { QUuid::createUuid().toString(QUuid::WithoutBraces), 2, { entry(7), entry(8) } };
    auto decoded = decodePushRequest(encodePushRequest(r));
    ASSERT_TRUE(decoded.ok()) << qPrintable(decoded.error().message);
    EXPECT_EQ(decoded->terminalId, r.terminalId);
    EXPECT_EQ(decoded->epoch, 2);
    ASSERT_EQ(decoded->events.size(), 2);
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(decoded->events[i].payload, r.events[i].payload); // exact bytes: the hash still verifies
        EXPECT_EQ(Journal::computeHash(decoded->events[i]), r.events[i].hash);
        EXPECT_EQ(decoded->events[i].eventId, r.events[i].eventId);
    }
}

// The push is written without QJsonObject; it must be the bytes QJsonDocument writes, for any payload text.
TEST(Protocol, PushRequestIsWhatQJsonDocumentWrites)
{
    PushRequest r { QUuid::createUuid().toString(QUuid::WithoutBraces), 3, { entry(1), entry(2), entry(3) }, 9 };
    r.events[1].payload = QByteArray("{\"note\":\"tab\there, nul \\u0000, \xF0\x9F\x98\x80, </script>\"}");
    r.events[2].payload = QByteArray("line\nbreak \"quoted\" back\\slash \x01\x1f \xC3\xA9");
    QJsonArray events;
    for (const JournalEntry &e : r.events)
        events.append(QJsonObject { { QStringLiteral("seq"), e.seq }, { QStringLiteral("event_id"), e.eventId },
            { QStringLiteral("type"), e.type }, { QStringLiteral("created_at_ms"), e.createdAtMs },
            { QStringLiteral("payload"), QString::fromUtf8(e.payload) },
            { QStringLiteral("prev_hash"), QString::fromLatin1(e.prevHash.toHex()) },
            { QStringLiteral("hash"), QString::fromLatin1(e.hash.toHex()) } });
    const QByteArray expected = QJsonDocument(
        QJsonObject { { QStringLiteral("protocol"), kProtocolVersion }, { QStringLiteral("terminal_id"), r.terminalId },
            { QStringLiteral("epoch"), r.epoch }, { QStringLiteral("events"), events },
            { QStringLiteral("head_seq"),
                r.headSeq } }).toJson(QJsonDocument::Compact);
    EXPECT_EQ(encodePushRequest(r), expected);
    auto decoded = decodePushRequest(encodePushRequest(r));
    ASSERT_TRUE(decoded.ok()) << qPrintable(decoded.error().message);
    EXPECT_EQ(decoded->events[2].payload, r.events[2].payload);
}

TEST(Protocol, RejectsMalformedRequests)
{
    const QString tid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject good = QJsonDocument::fromJson(encodePushRequest(PushRequest { tid, 1, { entry(1) } })).object();
    auto mutate = [&](auto change) {
        QJsonObject o = good;
        change(o);
        return QJsonDocument(o).toJson();
    };
    auto event = [&](auto change) {
        return mutate([&](QJsonObject &o) {
            QJsonArray events = o[u"events"].toArray();
            QJsonObject e = events[0].toObject();
            change(e);
            events[0] = e;
            o[u"events"] = events;
        });
    };
    const QList<std::pair<QByteArray, const char *>> cases = {
        { "not json", "not a JSON object" },
        { mutate([](QJsonObject &o) { o[u"protocol"] = 2; }), "\"protocol\" must be 1" },
        { mutate([](QJsonObject &o) { o[u"terminal_id"] = QStringLiteral("T01"); }), "must be a UUID" },
        { mutate([](QJsonObject &o) { o[u"epoch"] = 0; }), "\"epoch\"" },
        { mutate([](QJsonObject &o) { o[u"epoch"] = 1.5; }), "\"epoch\"" },
        { mutate([](QJsonObject &o) { o[u"events"] = QJsonArray(); }), "1 to 200 events" },
        { event([](QJsonObject &e) { e[u"seq"] = -1; }), "\"seq\"" },
        { event([](QJsonObject &e) { e[u"seq"] = 1e300; }), "\"seq\"" },
        { event([](QJsonObject &e) { e[u"hash"] = QStringLiteral("zz"); }), "hashes" },
        { event([](QJsonObject &e) { e[u"hash"] = QString(64, u'A'); }), "hashes" },
        { event([](QJsonObject &e) { e[u"payload"] = QJsonObject(); }), "\"payload\" must be a string" },
        { event([](QJsonObject &e) { e[u"event_id"] = QStringLiteral("x"); }), "\"event_id\"" },
        { event([](QJsonObject &e) { e[u"type"] = QString(); }), "\"type\"" },
    };
    for (const auto &[body, message] : cases) {
        auto r = decodePushRequest(body);
        ASSERT_FALSE(r.ok()) << body.constData();
        EXPECT_TRUE(r.error().message.contains(QLatin1String(message))) << qPrintable(r.error().message);
    }
    QJsonObject tooMany = good;
    QJsonArray many;
    for (int i = 0; i < kMaxBatchEvents + 1; ++i)
        many.append(good[u"events"].toArray()[0]);
    tooMany[u"events"] = many;
    EXPECT_FALSE(decodePushRequest(QJsonDocument(tooMany).toJson()).ok());
    QJsonObject gap = good;
    QJsonArray two = { good[u"events"].toArray()[0], good[u"events"].toArray()[0] };
    gap[u"events"] = two;
    EXPECT_TRUE(decodePushRequest(QJsonDocument(gap).toJson()).error().message.contains(QStringLiteral("consecutive")));
}

TEST(Protocol, AnswersRoundTrip)
{
    PushAccepted a { 41, QByteArray(32, '\x07'), 3, 2,
        { { 40, QStringLiteral("UNKNOWN_TYPE"), QStringLiteral("this hub does not know events of type \"x\"") } } };
    auto back = decodeAccepted(encodeAccepted(a));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->ackedThrough, 41);
    EXPECT_EQ(back->lastHash, a.lastHash);
    ASSERT_EQ(back->quarantined.size(), 1);
    EXPECT_EQ(back->quarantined[0].code, QStringLiteral("UNKNOWN_TYPE"));
    EXPECT_EQ(back->quarantined[0].reason, a.quarantined[0].reason);
    PushRejected r { 409, QStringLiteral("CHAIN_FORK"), QStringLiteral("diverges"), 12, 11, 3, 0 };
    auto rb = decodeRejected(encodeRejected(r), 409);
    ASSERT_TRUE(rb.ok());
    EXPECT_EQ(rb->firstBadSeq, 12);
    EXPECT_EQ(rb->ackedThrough, 11);
    EXPECT_EQ(rb->newEpoch, 3);
    PushRejected behind { 409, QStringLiteral("HUB_BEHIND"), QStringLiteral("restored"), 0, 7, 4, 2 };
    auto bb = decodeRejected(encodeRejected(behind), 409);
    ASSERT_TRUE(bb.ok());
    EXPECT_EQ(bb->ackedThrough, 7);
    EXPECT_EQ(bb->newEpoch, 4);
    EXPECT_EQ(bb->heldEpoch, 2);
    EXPECT_FALSE(decodeRejected("<html>502</html>", 502).ok());
    EXPECT_FALSE(decodeAccepted("{}").ok());
}
