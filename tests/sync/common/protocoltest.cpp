// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/protocol.h"
#include "support/testhelper.h"
#include "sync/common/terminalstate.h"

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

// A terminal's state report round-trips; a hostile or broken one is refused with the field named, never half taken.
TEST(ProtocolTest, TerminalStateReportsRoundTripAndHostileOnesAreNamed)
{
    TerminalStateReport r;
    r.terminalId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.clockMs = 1'795'341'600'000;
    r.appVersion = QStringLiteral("0.1.0");
    r.schemaVersion = 21;
    r.epoch = 2;
    r.headSeq = 40;
    r.ackedThrough = 37;
    r.pending = 3;
    r.oldestPendingAtMs = 1'795'341'000'000;
    r.syncState = QStringLiteral("waiting to retry");
    r.lastError = QStringLiteral("the hub is unreachable: \"timeout\"");
    r.printWaiting = 1;
    r.printError = QStringLiteral("paper out");
    r.sinceSeq = 30;
    r.recorded = { { 1'795'340'700'000, 12, 10 }, { 1'795'341'600'000, 2, 1 } };
    r.pendingBuckets = { { 1'795'340'700'000, 2, 2 }, { 1'795'341'600'000, 1, 0 } };
    auto back = decodeTerminalState(encodeTerminalState(r));
    ASSERT_TRUE(back.ok()) << qPrintable(back.error().message);
    EXPECT_EQ(back->recorded, r.recorded);
    EXPECT_EQ(back->pendingBuckets, r.pendingBuckets);
    EXPECT_EQ(back->oldestPendingAtMs, r.oldestPendingAtMs);
    EXPECT_EQ(back->lastError, r.lastError);
    EXPECT_EQ(back->printError, r.printError);

    auto refused = [&](const std::function<void(QJsonObject &)> &change, const char *names) {
        QJsonObject o = QJsonDocument::fromJson(encodeTerminalState(r)).object();
        change(o);
        auto d = decodeTerminalState(QJsonDocument(o).toJson());
        ASSERT_FALSE(d.ok()) << names;
        EXPECT_TRUE(d.error().message.contains(QLatin1String(names))) << qPrintable(d.error().message);
    };
    refused([](QJsonObject &o) { o[u"terminal_id"] = QStringLiteral("'; DROP TABLE terminal; --"); }, "terminal_id");
    refused([](QJsonObject &o) { o[u"head_seq"] = -1; }, "head_seq");
    refused([](QJsonObject &o) { o[u"pending"] = 1e300; }, "pending");
    refused([](QJsonObject &o) { o[u"acked_through"] = 41; }, "acked_through");
    refused([](QJsonObject &o) { o[u"app_version"] = QString(501, u'x'); }, "app_version");
    refused(
        [](QJsonObject &o) {
            o[u"recorded"] = QJsonArray { QJsonArray { qint64(1'795'340'700'001), 1, 0 } };
        },
        "quarter hour");
    refused(
        [](QJsonObject &o) {
            o[u"recorded"] = QJsonArray { QJsonArray { qint64(1'795'340'700'000), 1, 2 } };
        },
        "more sales");
    refused(
        [](QJsonObject &o) {
            o[u"recorded"] = QJsonArray { QJsonArray { qint64(1'795'341'600'000), 1, 0 },
                QJsonArray { qint64(1'795'340'700'000), 1, 0 } };
        },
        "not after");
    refused(
        [](QJsonObject &o) {
            o[u"pending_buckets"] = QJsonArray { QJsonArray { qint64(1'795'340'700'000), 9, 0 } };
        },
        "add up");
    refused([](QJsonObject &o) { o.remove(u"print"); }, "print");
    EXPECT_FALSE(decodeTerminalState("[]").ok());
    EXPECT_FALSE(decodeTerminalState(QByteArray(100, '{')).ok());
    EXPECT_EQ(*decodeStateAnswer(encodeStateAnswer(40)), 40);
    EXPECT_FALSE(decodeStateAnswer(R"({"known_through": -3})").ok());
}
