// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace omnitill::sync {

struct HttpRequest
{
    QByteArray method; // GET, POST, ...
    QByteArray path; // without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress peer;
    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

struct HttpResponse
{
    HttpResponse() = default;
    HttpResponse(int httpStatus, QByteArray content, QByteArray type = QByteArrayLiteral("application/json"))
        : status(httpStatus)
        , body(std::move(content))
        , contentType(std::move(type))
    { }
    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(std::pair { name, value });
        return *this;
    }

    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<std::pair<QByteArray, QByteArray>> headers; // more headers, e.g. Retry-After
};

// The hub's HTTP/1.1 server, made for networks where anyone can connect (Qt HttpServer 6.4 reads a whole body
// before any handler can refuse it, and has no timeouts and no connection limits):
//  - the headers are read and judged first: admit() refuses a request (bad token, unknown path, too large) before a
//    byte of its body is read; a refused body is never read, its connection is closed after the answer;
//  - a body is read only up to its declared Content-Length, never above maxBodyBytes, and the bodies being received
//    on all connections together stay under maxBodiesInMemory (503 with Retry-After beyond);
//  - every socket reads into a bounded buffer, so a peer that sends faster than the hub reads is held back by TCP;
//  - a connection must send its headers within headerTimeoutMs, its body at bodyBytesPerSecond (after a grace of
//    headerTimeoutMs), and may sit idle between requests for idleTimeoutMs;
//  - connections are capped per peer and in all, below the process's descriptor limit (raised to its hard limit at
//    listen()); at a cap, the connection idle the longest is closed to make room, so a flood of idle sockets cannot
//    lock terminals out;
//  - chunked bodies and obsolete line folding are refused (no request smuggling); keep-alive and pipelining work.
// admit() and handle() run on the thread that owns the server, one request at a time; a request the dispatch hook
// takes is answered later, from any thread, while the server goes on with other connections.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxConnections = 4000; // in all; at most the descriptor limit less a reserve
        int maxConnectionsPerPeer = 512;
        int headerTimeoutMs = 10'000;
        int idleTimeoutMs = 30'000;
        qint64 bodyBytesPerSecond = 32 * 1024;
        qint64 maxBodyBytes = 8 * 1024 * 1024;
        qint64 maxBodiesInMemory = 64 * 1024 * 1024;
        int maxHeaderBytes = 16 * 1024;
        int maxHeaders = 64;
        int sweepIntervalMs = 250; // how often deadlines are checked
    };
    struct Stats
    {
        qint64 accepted = 0;
        qint64 requests = 0;
        qint64 refusedEarly = 0; // answered from the headers alone (admit() or limits)
        qint64 evicted = 0; // idle connections closed to make room
        qint64 timedOut = 0;
        qint64 bodiesOverBudget = 0;
        qint64 dispatched = 0; // answered by the dispatch hook's workers
    };
    // Judges a request from its headers (body still unread): nullopt to read the body and handle it, or the answer.
    using Admit = std::function<std::optional<HttpResponse>(const HttpRequest &head)>;
    using Handle = std::function<HttpResponse(const HttpRequest &request)>;

    // Answers a dispatched request; call it once, from any thread, while the server exists.
    using Reply = std::function<void(HttpResponse response)>;
    // Takes a request to be answered elsewhere (true) or leaves it to handle() (false). The connection reads nothing
    // more until the answer is sent.
    using Dispatch = std::function<bool(const HttpRequest &request, const Reply &reply)>;

    HttpServer(Limits limits, Admit admit, Handle handle, QObject *parent = nullptr);
    void setDispatch(Dispatch dispatch) { m_dispatch = std::move(dispatch); }
    ~HttpServer() override;

    // Returns the port listened on (an ephemeral one for port 0), or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    const Stats &stats() const { return m_stats; }
    int connectionCount() const { return int(m_connections.size()); }
    // The connection cap in force: Limits::maxConnections, or less when the descriptor limit is lower.
    int connectionLimit() const { return m_connectionLimit; }

    static QByteArray reasonPhrase(int status);

private:
    struct Connection;
    void accept();
    void onReadyRead(Connection *c);
    void process(Connection *c);
    bool parseHead(Connection *c, qsizetype headEnd);
    void finishRequest(Connection *c);
    void answerDispatched(quint64 connectionId, const HttpResponse &response);
    void respond(Connection *c, const HttpResponse &response, bool close);
    void refuse(Connection *c, int status, const QByteArray &message, bool countAsEarly = true);
    void drop(Connection *c);
    bool makeRoomFor(const QHostAddress &peer);
    void sweep();
    void releaseBody(Connection *c);

    Limits m_limits;
    Admit m_admit;
    Handle m_handle;
    Dispatch m_dispatch;
    quint64 m_nextConnectionId = 1;
    QTcpServer *m_server = nullptr;
    QTimer m_sweep;
    QElapsedTimer m_clock;
    QList<Connection *> m_connections;
    QHash<QString, int> m_perPeer;
    qint64 m_bodiesInMemory = 0;
    int m_connectionLimit = 0;
    Stats m_stats;
};

} // namespace omnitill::sync
