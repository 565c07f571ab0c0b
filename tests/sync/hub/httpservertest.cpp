// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's HTTP server under what any client, or attacker, can send: exact bytes on raw sockets.
#include "sync/hub/httpserver.h"
#include "support/httpclient.h"

#include <QTcpSocket>

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

#include <sys/resource.h>

inline void PrintTo(const QByteArray &bytes, std::ostream *os)
{
    *os << '"' << bytes.toStdString() << '"';
}

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class HttpServerTest : public ::testing::Test
{
protected:
    void start(HttpServer::Limits limits = {})
    {
        m_server = std::make_unique<HttpServer>(
            limits,
            [this](const HttpRequest &head) -> std::optional<HttpResponse> {
                ++m_admitted;
                if (head.path == "/secret")
                    return HttpResponse(401, R"({"error":"UNAUTHORIZED"})");
                return std::nullopt;
            },
            [this](const HttpRequest &request) {
                m_handled.append(request);
                return HttpResponse(200,
                    request.method + ' ' + request.path + ' ' + QByteArray::number(request.body.size()), "text/plain");
            });
        m_port = m_server->listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(m_port, 0);
    }
    // A connected socket that has sent nothing.
    std::unique_ptr<QTcpSocket> connectIdle()
    {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, m_port);
        EXPECT_TRUE(QTest::qWaitFor([&] { return s->state() == QAbstractSocket::ConnectedState; }, 5000));
        return s;
    }
    static bool closedByPeer(QTcpSocket &s, int timeoutMs)
    {
        return QTest::qWaitFor(
            [&] {
                s.readAll();
                return s.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    int m_admitted = 0;
    QList<HttpRequest> m_handled;
};

TEST_F(HttpServerTest, AnswersAndKeepsTheConnectionForTheNextRequest)
{
    start();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_port);
    ASSERT_TRUE(s.waitForConnected(5000));
    s.write("GET /a?x=1 HTTP/1.1\r\nHost: hub\r\n\r\n");
    const HttpAnswer first = readAnswer(s);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "GET /a 0");
    EXPECT_EQ(first.header("Connection"), "keep-alive");
    EXPECT_EQ(m_handled.constLast().query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    // Two requests in one write (pipelining): both answered, in order.
    s.write("POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /c HTTP/1.1\r\n\r\n");
    EXPECT_EQ(readAnswer(s).body, "POST /b 5");
    EXPECT_EQ(readAnswer(s).body, "GET /c 0");
    EXPECT_EQ(m_handled.at(1).body, "hello");
    s.write("GET /d HTTP/1.1\r\nConnection: close\r\n\r\n");
    const HttpAnswer last = readAnswer(s);
    EXPECT_EQ(last.body, "GET /d 0");
    EXPECT_TRUE(last.closed);
}

TEST_F(HttpServerTest, ARefusedBodyIsNeverRead)
{
    start();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_port);
    ASSERT_TRUE(s.waitForConnected(5000));
    // 300 MB announced; only the headers and 64 KiB of it are sent before the answer is read.
    s.write("POST /secret HTTP/1.1\r\nContent-Length: 300000000\r\n\r\n" + QByteArray(64 * 1024, 'x'));
    const HttpAnswer a = readAnswer(s);
    EXPECT_EQ(a.status, 401);
    EXPECT_TRUE(a.closed) << "a connection whose body was refused is closed after the answer";
    EXPECT_TRUE(m_handled.isEmpty());
    // Declared larger than the server takes at all: refused from the headers too.
    EXPECT_EQ(httpExchange(m_port, "POST /big HTTP/1.1\r\nContent-Length: 9000000\r\n\r\n").status, 413);
    EXPECT_TRUE(m_handled.isEmpty());
}

TEST_F(HttpServerTest, MalformedRequestsAreRefusedWithTheReason)
{
    start();
    const QList<std::pair<QByteArray, int>> cases = {
        { "GET\r\n\r\n", 400 },
        { "GET relative HTTP/1.1\r\n\r\n", 400 },
        { "GET / HTTP/2.0\r\n\r\n", 505 },
        { "GET / HTTP/1.1\r\nHost: a\r\n folded: value\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nHost: a\nX: bare LF\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 501 },
        { "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400 },
        { "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n", 431 },
        { "GET / HTTP/1.1\r\n" + QByteArray("X: y\r\n").repeated(100) + "\r\n", 431 },
    };
    for (const auto &[request, status] : cases) {
        const HttpAnswer a = httpExchange(m_port, request);
        EXPECT_EQ(a.status, status) << request.left(80).constData();
        EXPECT_TRUE(a.closed) << request.left(80).constData();
        EXPECT_TRUE(a.body.contains("\"message\"")) << a.body.constData();
    }
    EXPECT_TRUE(m_handled.isEmpty());
    EXPECT_EQ(httpExchange(m_port, "\r\nGET /ok HTTP/1.1\r\n\r\n").status, 200) << "a stray empty line is allowed";
}

TEST_F(HttpServerTest, ExpectContinueGetsTheGoAheadOnlyWhenTheBodyIsWanted)
{
    start();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_port);
    ASSERT_TRUE(s.waitForConnected(5000));
    s.write("POST /upload HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    ASSERT_TRUE(QTest::qWaitFor([&] { return s.bytesAvailable() > 0; }, 5000));
    EXPECT_EQ(s.readAll(), "HTTP/1.1 100 Continue\r\n\r\n");
    s.write("data");
    EXPECT_EQ(readAnswer(s).body, "POST /upload 4");
    const HttpAnswer refused
        = httpExchange(m_port, "POST /secret HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    EXPECT_EQ(refused.status, 401) << "no 100 Continue for a request that is refused";
}

TEST_F(HttpServerTest, IdleAndSlowConnectionsAreClosed)
{
    HttpServer::Limits limits;
    limits.idleTimeoutMs = 300;
    limits.headerTimeoutMs = 300;
    limits.bodyBytesPerSecond = 1000;
    limits.sweepIntervalMs = 50;
    start(limits);
    auto idle = connectIdle();
    EXPECT_TRUE(closedByPeer(*idle, 3000)) << "idle";
    // Headers a byte at a time (slowloris): the whole head is due within the header timeout.
    auto slow = connectIdle();
    for (char c : QByteArray("GET / HTTP/1.1\r\nX-Slow: ")) {
        slow->write(&c, 1);
        QTest::qWait(5);
    }
    QElapsedTimer timer;
    timer.start();
    bool closed = false;
    QByteArray seen;
    while (!closed && timer.elapsed() < 3000) {
        slow->write("a");
        QTest::qWait(40);
        seen += slow->readAll();
        closed = slow->state() != QAbstractSocket::ConnectedState;
    }
    EXPECT_TRUE(closed) << "slow headers";
    EXPECT_TRUE(seen.startsWith("HTTP/1.1 408 ")) << seen.constData();
    // A body that stalls: due at its declared length's rate after the grace.
    auto stalled = connectIdle();
    stalled->write("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n0123456789");
    const HttpAnswer a = readAnswer(*stalled, 3000);
    EXPECT_EQ(a.status, 408);
    EXPECT_TRUE(m_handled.isEmpty());
    EXPECT_GE(m_server->stats().timedOut, 3);
}

TEST_F(HttpServerTest, AFloodOfIdleConnectionsMakesRoomForRealRequests)
{
    HttpServer::Limits limits;
    limits.maxConnections = 40;
    limits.maxConnectionsPerPeer = 20;
    start(limits);
    std::vector<std::unique_ptr<QTcpSocket>> flood;
    for (int i = 0; i < 60; ++i)
        flood.push_back(connectIdle());
    QTest::qWait(100);
    EXPECT_LE(m_server->connectionCount(), 20) << "one peer holds at most its share";
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(httpExchange(m_port, "GET /ok HTTP/1.1\r\n\r\n").status, 200) << "request " << i;
    EXPECT_GE(m_server->stats().evicted, 40);
    EXPECT_EQ(m_handled.size(), 5);
}

TEST_F(HttpServerTest, BodiesInMemoryStayWithinTheBudget)
{
    HttpServer::Limits limits;
    limits.maxBodyBytes = 800;
    limits.maxBodiesInMemory = 1000;
    start(limits);
    auto first = connectIdle();
    first->write("POST /a HTTP/1.1\r\nContent-Length: 600\r\n\r\n" + QByteArray(300, 'a'));
    QTest::qWait(100);
    const HttpAnswer second = httpExchange(m_port, "POST /b HTTP/1.1\r\nContent-Length: 600\r\n\r\n");
    EXPECT_EQ(second.status, 503);
    EXPECT_EQ(second.header("Retry-After"), "1");
    first->write(QByteArray(300, 'a'));
    EXPECT_EQ(readAnswer(*first).body, "POST /a 600");
    EXPECT_EQ(
        httpExchange(m_port, "POST /c HTTP/1.1\r\nContent-Length: 600\r\n\r\n" + QByteArray(600, 'c')).status, 200)
        << "the budget is free again";
    EXPECT_EQ(m_server->stats().bodiesOverBudget, 1);
}

TEST_F(HttpServerTest, TheDescriptorLimitIsRaisedAndTheCapStaysBelowIt)
{
    start();
    rlimit limit {};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
    EXPECT_EQ(limit.rlim_cur, limit.rlim_max) << "raised to the hard limit at listen()";
    EXPECT_LT(rlim_t(m_server->connectionLimit()), limit.rlim_cur);
}
