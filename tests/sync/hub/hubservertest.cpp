// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's HTTP front under hostile load, as a process and in-process: strangers' bodies are never read, a flood of
// idle sockets does not lock terminals out, and a token only works for its own terminal.
#include "support/httpclient.h"
#include "support/hubprocess.h"
#include "support/synchelper.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <memory>
#include <vector>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

namespace {
// A process's peak resident memory (VmHWM) in KiB, or -1.
qint64 peakRssKib(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression hwm(QStringLiteral("^VmHWM:\\s+(\\d+) kB"), QRegularExpression::MultilineOption);
    const auto match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}
} // namespace

using HubServerTest = SyncFixture;

// Four strangers announce 300 MB pushes and send as fast as loopback allows: the hub answers 401 from the headers,
// reads none of it into memory, and its peak memory stays where it was.
TEST_F(HubServerTest, AStrangersBodiesAreNeverRead)
{
    QProcess hub;
    hub.setProcessChannelMode(QProcess::SeparateChannels);
    const quint16 port
        = serveHub(hub, QStringLiteral(OMNITILL_HUB_BIN), m_dir.filePath(QStringLiteral("process-hub.db")));
    ASSERT_NE(port, 0) << hub.readAllStandardError().constData();
    QTest::qWait(200);
    const qint64 before = peakRssKib(hub.processId());
    ASSERT_GT(before, 0);

    constexpr qint64 kBody = 300'000'000;
    const QByteArray chunk(1024 * 1024, 'x');
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<qint64> sent(4, 0);
    std::vector<QByteArray> answers(4);
    for (int i = 0; i < 4; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, port);
        ASSERT_TRUE(s->waitForConnected(5000));
        s->write("POST /sync/v1/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(kBody) + "\r\nX-Terminal-Id: " + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
            + "\r\nAuthorization: Bearer not-a-token-of-this-hub\r\n\r\n");
        sockets.push_back(std::move(s));
    }
    QElapsedTimer timer;
    timer.start();
    bool sending = true;
    while (sending && timer.elapsed() < 60'000) {
        sending = false;
        for (int i = 0; i < 4; ++i) {
            QTcpSocket &s = *sockets[size_t(i)];
            answers[size_t(i)] += s.readAll();
            if (s.state() != QAbstractSocket::ConnectedState || sent[size_t(i)] >= kBody)
                continue;
            sending = true;
            if (s.bytesToWrite() < 4 * chunk.size()) {
                s.write(chunk);
                sent[size_t(i)] += chunk.size();
            }
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QTest::qWait(100);
    const qint64 peak = peakRssKib(hub.processId());
    qint64 total = 0;
    for (int i = 0; i < 4; ++i) {
        total += sent[size_t(i)];
        EXPECT_TRUE(answers[size_t(i)].startsWith("HTTP/1.1 401 "))
            << i << ": " << answers[size_t(i)].left(60).constData();
    }
    std::fprintf(stderr,
        "hub peak RSS %lld KiB before, %lld KiB after 4 x 300 MB unauthenticated bodies (%lld MB sent)\n",
        qlonglong(before), qlonglong(peak), qlonglong(total / 1'000'000));
    EXPECT_LT(peak - before, 32 * 1024) << "a stranger's body is never held in memory";
    // The hub is still there for its terminals.
    EXPECT_EQ(httpExchange(port, "GET /sync/v1/health HTTP/1.1\r\n\r\n").status, 200);
    hub.terminate();
    ASSERT_TRUE(hub.waitForFinished(10'000));
}

// 1,100 idle sockets (no token needed to open one) used to take every descriptor: terminals still sync, and the hub
// keeps one peer to its share.
TEST_F(HubServerTest, TerminalsSyncWhileAThousandIdleSocketsAreOpen)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 50, 3);
    // Opened in batches, each taken by the hub before the next (the kernel would otherwise hold most of them in
    // its accept queue, where they cost the hub nothing).
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 1100; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, m_hubPort);
        if (i % 50 == 49) {
            ASSERT_TRUE(QTest::qWaitFor([&] { return m_server->http().stats().accepted >= i + 1; }, 10'000)) << i;
        }
    }
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(syncOnce(t));
    std::fprintf(stderr, "a terminal synced 50 sales in %lld ms with 1,100 idle sockets opened to the hub\n",
        qlonglong(timer.elapsed()));
    expectConverged(t);
    EXPECT_LE(m_server->http().connectionCount(), HttpServer::Limits {}.maxConnectionsPerPeer);
    EXPECT_GT(m_server->http().stats().evicted, 0);
}

TEST_F(HubServerTest, ATokenOnlyWorksForItsOwnTerminal)
{
    const Terminal a = makeTerminal(QStringLiteral("a"));
    const Terminal b = makeTerminal(QStringLiteral("b"));
    sell(b.path, 1, 5);
    auto db = Database::open(b.path);
    const QByteArray body
        = encodePushRequest(PushRequest { b.terminalId, 1, *Journal::pending((*db)->connection(), 10), 1 });
    auto push = [&](const QByteArray &terminalHeader, const QByteArray &token) {
        return httpExchange(m_hubPort,
            "POST /sync/v1/push HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + terminalHeader
                + "\r\nAuthorization: Bearer " + token + "\r\n\r\n" + body);
    };
    EXPECT_EQ(push("\r\nX-Terminal-Id: " + a.terminalId.toLatin1(), a.token).status, 401)
        << "a's token cannot push b's sales";
    EXPECT_EQ(push({}, b.token).status, 401) << "a push says whose it is before its body";
    EXPECT_EQ(*m_hub->eventCount(), 0);
    EXPECT_EQ(push("\r\nX-Terminal-Id: " + b.terminalId.toLatin1(), b.token).status, 200);
    EXPECT_EQ(*m_hub->eventCount(), 1);
    const HttpAnswer large = httpExchange(m_hubPort,
        "POST /sync/v1/push HTTP/1.1\r\nContent-Length: 9000000\r\nX-Terminal-Id: " + b.terminalId.toLatin1()
            + "\r\nAuthorization: Bearer " + b.token + "\r\n\r\n");
    EXPECT_EQ(large.status, 413) << "a terminal's push, too: the declared length is checked before the body";
    EXPECT_TRUE(large.body.contains("TOO_LARGE"));
    EXPECT_EQ(httpExchange(m_hubPort, "GET /sync/v1/push HTTP/1.1\r\n\r\n").status, 405);
    EXPECT_EQ(httpExchange(m_hubPort, "GET /admin HTTP/1.1\r\n\r\n").status, 404);
    EXPECT_EQ(httpExchange(m_hubPort, "GET /sync/v1/health HTTP/1.1\r\n\r\n").status, 200);
}

// A push waiting for the database (another connection holds SQLite's write lock) does not hold up pulls: they are
// answered by the hub's reader threads meanwhile, and the push goes through once the lock is released. With
// --readers 0 the pull would be answered only after the push.
TEST_F(HubServerTest, PullsAreAnsweredWhileAPushWaitsForTheDatabase)
{
    const Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 3, 5);
    publishDemo(50);
    QByteArray push;
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        const TerminalIdentity id = *Journal::identity((*db)->connection());
        auto events = Journal::pending((*db)->connection(), 10);
        ASSERT_TRUE(events.ok());
        const QByteArray body = encodePushRequest(PushRequest { id.terminalId, id.epoch, *events, 3 });
        push = "POST /sync/v1/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nAuthorization: Bearer "
            + t.token + "\r\nX-Terminal-Id: " + t.terminalId.toLatin1()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    QProcess hub;
    const quint16 port = serveHub(hub, QStringLiteral(OMNITILL_HUB_BIN), m_dir.filePath(QStringLiteral("hub.db")));
    ASSERT_NE(port, 0) << hub.readAllStandardError().constData();

    auto lock = m_hub->transaction(); // BEGIN IMMEDIATE on the hub's database: the write lock, held
    ASSERT_TRUE(lock->begun().ok());
    QTcpSocket pusher;
    pusher.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(QTest::qWaitFor([&] { return pusher.state() == QAbstractSocket::ConnectedState; }, 5000));
    pusher.write(push);
    QTest::qWait(300); // the push reaches the hub's thread and waits for the lock there

    const HttpAnswer pulled
        = terminalGet(port, "/sync/v1/pull?stream=catalog&cursor=0&limit=20", t.token, t.terminalId, 8000);
    EXPECT_EQ(pulled.status, 200) << pulled.body.constData();
    EXPECT_TRUE(pulled.body.contains("SKU0000001")) << pulled.body.left(200).constData();
    EXPECT_EQ(pusher.bytesAvailable(), 0) << "the push was answered while the write lock was held";

    ASSERT_TRUE(lock->commit().ok());
    const HttpAnswer pushed = readAnswer(pusher, 15'000);
    EXPECT_EQ(pushed.status, 200) << pushed.body.constData();
    EXPECT_EQ(*m_hub->eventCount(), 3);
    hub.terminate();
    hub.waitForFinished();
}
