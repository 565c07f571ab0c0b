// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/httpserver.h"
#include "sync/hub/logging.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>

namespace omnitill::sync {

namespace {
constexpr qint64 kReadBufferBytes = 64 * 1024; // what a socket holds before TCP holds the peer back

// Acknowledges what was read at once instead of after Linux's delayed-ACK timer. A client sending a body larger than
// a segment (a push of 200 events is 360 KB) holds its last, short segment back until the others are acknowledged
// (Nagle's algorithm); with the ACK delayed, every such request waited 40 ms (docs/PERFORMANCE.md). The option
// lasts until the kernel's next decision, so it is set again after every read.
void acknowledgeAtOnce(QTcpSocket *socket)
{
#ifdef TCP_QUICKACK
    const int one = 1;
    setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    Q_UNUSED(socket);
#endif
}

constexpr int kDescriptorReserve = 128; // for the database, logs and the listening socket
constexpr int kLingerMs = 2000; // after refusing a body, how long its bytes are read and dropped before closing

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// Raises the soft descriptor limit to the hard one and returns the soft limit in force.
rlim_t raiseDescriptorLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
        else
            qCWarning(lcHub) << "cannot raise the descriptor limit from" << limit.rlim_cur;
    }
    return limit.rlim_cur;
}
} // namespace

struct HttpServer::Connection
{
    enum class State
    {
        Idle, // between requests
        Head, // the request's headers are arriving
        Body, // its body is arriving
        Dispatched, // being answered elsewhere: nothing more is read until it is
        Closing, // answered and closing: what still arrives is dropped
    };
    quint64 id = 0; // for answers that come back from elsewhere
    QTcpSocket *socket = nullptr;
    QString peer;
    State state = State::Idle;
    QByteArray in;
    HttpRequest request;
    qint64 bodyLength = 0;
    qint64 reserved = 0; // of the servers's body budget
    bool keepAlive = true;
    qint64 lastActivityMs = 0;
    qint64 stateSinceMs = 0;
    qint64 deadlineMs = 0; // Body: when it must be complete; Closing: when the socket is cut
    bool writeShutDown = false;
};

HttpServer::HttpServer(Limits limits, Admit admit, Handle handle, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_admit(std::move(admit))
    , m_handle(std::move(handle))
    , m_server(new QTcpServer(this))
{
    m_clock.start();
    m_server->setMaxPendingConnections(1000);
    m_server->setListenBacklogSize(1024); // a burst of terminals (or of anything) waits in the kernel, not refused
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::accept);
    m_sweep.setInterval(m_limits.sweepIntervalMs);
    connect(&m_sweep, &QTimer::timeout, this, &HttpServer::sweep);
}

HttpServer::~HttpServer()
{
    const QList<Connection *> all = m_connections;
    for (Connection *c : all)
        drop(c);
}

quint16 HttpServer::listen(const QHostAddress &address, quint16 port)
{
    const rlim_t descriptors = raiseDescriptorLimit();
    m_connectionLimit = int(std::min<rlim_t>(rlim_t(m_limits.maxConnections),
        descriptors > rlim_t(kDescriptorReserve) * 2 ? descriptors - kDescriptorReserve : descriptors / 2));
    if (!m_server->listen(address, port))
        return 0;
    m_sweep.start();
    qCInfo(lcHub) << "listening on" << address.toString() << m_server->serverPort() << "for at most"
                  << m_connectionLimit << "connections";
    return m_server->serverPort();
}

QByteArray HttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 400 ? "OK" : status < 500 ? "Bad Request" : "Server Error";
    }
}

void HttpServer::accept()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        const QString peer = socket->peerAddress().toString();
        if (!makeRoomFor(socket->peerAddress())) {
            socket->abort(); // every connection is busy with a request: nothing idle to give way
            socket->deleteLater();
            continue;
        }
        auto *c = new Connection;
        c->id = m_nextConnectionId++;
        c->socket = socket;
        c->peer = peer;
        c->lastActivityMs = c->stateSinceMs = m_clock.elapsed();
        socket->setReadBufferSize(kReadBufferBytes);
        m_connections.append(c);
        ++m_perPeer[peer];
        ++m_stats.accepted;
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { drop(c); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, c] {
            if (c->state == Connection::State::Closing && !c->writeShutDown && c->socket->bytesToWrite() == 0) {
                // The answer is out: stop sending, and drop what the peer still sends for a while, so it reads the
                // answer instead of a reset.
                ::shutdown(int(c->socket->socketDescriptor()), SHUT_WR);
                c->writeShutDown = true;
                c->deadlineMs = m_clock.elapsed() + kLingerMs;
            }
        });
    }
}

bool HttpServer::makeRoomFor(const QHostAddress &peerAddress)
{
    const QString peer = peerAddress.toString();
    const bool peerFull = m_perPeer.value(peer) >= m_limits.maxConnectionsPerPeer;
    const bool allFull = m_connections.size() >= m_connectionLimit;
    if (!peerFull && !allFull)
        return true;
    // The connection idle the longest gives way: of this peer when the peer is at its cap, of anyone otherwise.
    Connection *oldest = nullptr;
    for (Connection *c : std::as_const(m_connections)) {
        if (peerFull && c->peer != peer)
            continue;
        const bool waiting = c->state == Connection::State::Idle || c->state == Connection::State::Closing
            || (c->state == Connection::State::Head && c->in.size() < m_limits.maxHeaderBytes);
        if (waiting && (!oldest || c->lastActivityMs < oldest->lastActivityMs))
            oldest = c;
    }
    if (!oldest)
        return false;
    ++m_stats.evicted;
    drop(oldest);
    return true;
}

void HttpServer::onReadyRead(Connection *c)
{
    if (c->state == Connection::State::Closing) {
        c->socket->skip(c->socket->bytesAvailable()); // a refused body: read and dropped
        return;
    }
    if (c->state == Connection::State::Dispatched)
        return; // left in the socket's bounded buffer: TCP holds the peer back until the answer is sent
    const QByteArray data = c->socket->readAll();
    if (data.isEmpty())
        return;
    acknowledgeAtOnce(c->socket);
    c->lastActivityMs = m_clock.elapsed();
    if (c->state == Connection::State::Idle) {
        c->state = Connection::State::Head;
        c->stateSinceMs = c->lastActivityMs;
    }
    c->in += data;
    process(c);
}

void HttpServer::process(Connection *c)
{
    while (true) {
        switch (c->state) {
        case Connection::State::Closing:
        case Connection::State::Dispatched:
            return;
        case Connection::State::Idle:
            if (c->in.isEmpty())
                return;
            c->state = Connection::State::Head;
            c->stateSinceMs = m_clock.elapsed();
            break;
        case Connection::State::Head: {
            while (c->in.startsWith("\r\n")) // empty lines before a request are allowed
                c->in.remove(0, 2);
            const qsizetype headEnd = c->in.indexOf("\r\n\r\n");
            if (headEnd < 0 && c->in.size() <= m_limits.maxHeaderBytes)
                return; // more to come
            if (headEnd < 0 || headEnd > m_limits.maxHeaderBytes) {
                refuse(c, 431, "the request's headers are larger than the hub takes");
                return;
            }
            if (!parseHead(c, headEnd))
                return;
            c->in.remove(0, headEnd + 4);
            if (auto answer = m_admit(c->request)) {
                ++m_stats.refusedEarly;
                // A body that follows is not read: the connection closes after the answer.
                respond(c, *answer, c->bodyLength > 0 || !c->keepAlive);
                break;
            }
            if (c->bodyLength > m_limits.maxBodyBytes) {
                refuse(c, 413, "the request is larger than the hub takes");
                return;
            }
            if (m_bodiesInMemory + c->bodyLength > m_limits.maxBodiesInMemory) {
                ++m_stats.bodiesOverBudget;
                ++m_stats.refusedEarly;
                respond(c,
                    HttpResponse(
                        503, R"({"error":"UNAVAILABLE","message":"the hub is receiving as much as it takes; retry"})")
                        .withHeader("Retry-After", "1"),
                    true);
                return;
            }
            c->reserved = c->bodyLength;
            m_bodiesInMemory += c->reserved;
            c->request.body.reserve(c->bodyLength);
            c->state = Connection::State::Body;
            c->stateSinceMs = m_clock.elapsed();
            c->deadlineMs = c->stateSinceMs + m_limits.headerTimeoutMs
                + c->bodyLength * 1000 / std::max<qint64>(1, m_limits.bodyBytesPerSecond);
            if (c->bodyLength > 0 && c->request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
                c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            break;
        }
        case Connection::State::Body: {
            const qint64 missing = c->bodyLength - c->request.body.size();
            const qint64 take = std::min<qint64>(missing, c->in.size());
            c->request.body.append(c->in.constData(), take);
            c->in.remove(0, take);
            if (c->request.body.size() < c->bodyLength)
                return;
            finishRequest(c);
            break;
        }
        }
    }
}

bool HttpServer::parseHead(Connection *c, qsizetype headEnd)
{
    // Every line of the head ends in CRLF; the split leaves an empty piece after the last one.
    QList<QByteArray> lines = c->in.left(headEnd + 2).split('\n');
    lines.removeLast();
    const QList<QByteArray> start = lines.constFirst().trimmed().split(' ');
    HttpRequest &r = c->request;
    r = HttpRequest {};
    r.peer = c->socket->peerAddress();
    if (start.size() != 3 || start[0].isEmpty() || !std::all_of(start[0].cbegin(), start[0].cend(), isTokenChar)
        || !start[1].startsWith('/')) {
        refuse(c, 400, "the request line is not METHOD /path HTTP/1.1");
        return false;
    }
    if (start[2] != "HTTP/1.1" && start[2] != "HTTP/1.0") {
        refuse(c, 505, "the hub speaks HTTP/1.1");
        return false;
    }
    r.method = start[0];
    const qsizetype question = start[1].indexOf('?');
    r.path = start[1].left(question < 0 ? start[1].size() : question);
    if (question >= 0)
        r.query = QUrlQuery(QString::fromLatin1(start[1].mid(question + 1)));
    if (lines.size() - 1 > m_limits.maxHeaders) {
        refuse(c, 431, "the request has more headers than the hub takes");
        return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (!line.endsWith('\r') || line.startsWith(' ') || line.startsWith('\t')) {
            refuse(c, 400, "a header line is malformed (line folding or a bare LF)");
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).toLower();
        if (colon <= 0 || !std::all_of(name.cbegin(), name.cend(), isTokenChar)) {
            refuse(c, 400, "a header line is not Name: value");
            return false;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length" && r.headers.contains(name) && r.headers.value(name) != value) {
            refuse(c, 400, "two different Content-Length headers");
            return false;
        }
        const auto existing = r.headers.constFind(name);
        r.headers.insert(
            name, existing == r.headers.cend() || name == "content-length" ? value : *existing + ", " + value);
    }
    if (r.headers.contains("transfer-encoding")) {
        refuse(c, 501, "chunked bodies are not accepted; send Content-Length");
        return false;
    }
    c->bodyLength = 0;
    if (r.headers.contains("content-length")) {
        const QByteArray length = r.header("content-length");
        bool ok = !length.isEmpty() && length.size() <= 15
            && std::all_of(length.cbegin(), length.cend(), [](char ch) { return ch >= '0' && ch <= '9'; });
        c->bodyLength = ok ? length.toLongLong(&ok) : 0;
        if (!ok) {
            refuse(c, 400, "Content-Length is not a number of bytes");
            return false;
        }
    }
    const QByteArray connection = r.header("connection").toLower();
    c->keepAlive = start[2] == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
    return true;
}

void HttpServer::finishRequest(Connection *c)
{
    ++m_stats.requests;
    if (m_dispatch) {
        const quint64 id = c->id;
        const Reply reply = [this, id](HttpResponse response) {
            // Queued to this server's thread; dropped by Qt if the server is gone by then.
            QMetaObject::invokeMethod(
                this, [this, id, response = std::move(response)] { answerDispatched(id, response); },
                Qt::QueuedConnection);
        };
        if (m_dispatch(c->request, reply)) {
            releaseBody(c);
            c->request = HttpRequest {};
            c->state = Connection::State::Dispatched;
            c->stateSinceMs = m_clock.elapsed();
            return;
        }
    }
    const HttpResponse response = m_handle(c->request);
    releaseBody(c);
    c->request = HttpRequest {};
    respond(c, response, !c->keepAlive);
}

void HttpServer::answerDispatched(quint64 connectionId, const HttpResponse &response)
{
    const auto it = std::find_if(m_connections.cbegin(), m_connections.cend(),
        [connectionId](const Connection *c) { return c->id == connectionId; });
    if (it == m_connections.cend() || (*it)->state != Connection::State::Dispatched)
        return; // the peer left meanwhile
    Connection *c = *it;
    ++m_stats.dispatched;
    respond(c, response, !c->keepAlive);
    if (c->state == Connection::State::Idle && c->socket->bytesAvailable() > 0)
        onReadyRead(c); // what the peer sent meanwhile (a pipelined request)
    else if (c->state == Connection::State::Idle && !c->in.isEmpty())
        process(c);
}

void HttpServer::respond(Connection *c, const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: " + response.contentType + "\r\nContent-Length: "
        + QByteArray::number(response.body.size()) + (close ? "\r\nConnection: close" : "\r\nConnection: keep-alive");
    for (const auto &[name, value] : response.headers)
        out += "\r\n" + name + ": " + value;
    out += "\r\n\r\n" + response.body;
    c->socket->write(out);
    c->lastActivityMs = m_clock.elapsed();
    releaseBody(c);
    if (close) {
        c->state = Connection::State::Closing;
        c->in.clear();
        c->deadlineMs = c->lastActivityMs + m_limits.headerTimeoutMs + kLingerMs; // if the answer is never read
    } else {
        c->state = Connection::State::Idle;
        c->stateSinceMs = c->lastActivityMs;
    }
}

void HttpServer::refuse(Connection *c, int status, const QByteArray &message, bool countAsEarly)
{
    if (countAsEarly)
        ++m_stats.refusedEarly;
    qCDebug(lcHub) << "refused a request from" << c->peer << ':' << status << message;
    static const QHash<int, QByteArray> codes = { { 400, "MALFORMED" }, { 408, "TIMEOUT" }, { 413, "TOO_LARGE" },
        { 431, "TOO_LARGE" }, { 501, "NOT_IMPLEMENTED" }, { 505, "MALFORMED" } };
    respond(c,
        HttpResponse {
            status, R"({"error":")" + codes.value(status, "REFUSED") + R"(","message":")" + message + R"("})" },
        true);
}

void HttpServer::releaseBody(Connection *c)
{
    m_bodiesInMemory -= c->reserved;
    c->reserved = 0;
}

void HttpServer::drop(Connection *c)
{
    if (!m_connections.removeOne(c))
        return;
    if (--m_perPeer[c->peer] <= 0)
        m_perPeer.remove(c->peer);
    releaseBody(c);
    c->socket->disconnect(this);
    c->socket->abort();
    c->socket->deleteLater();
    delete c;
}

void HttpServer::sweep()
{
    const qint64 now = m_clock.elapsed();
    const QList<Connection *> all = m_connections;
    for (Connection *c : all) {
        switch (c->state) {
        case Connection::State::Idle:
            if (now - c->lastActivityMs > m_limits.idleTimeoutMs) {
                ++m_stats.timedOut;
                drop(c);
            }
            break;
        case Connection::State::Head:
            if (now - c->stateSinceMs > m_limits.headerTimeoutMs) {
                ++m_stats.timedOut;
                refuse(c, 408, "the request's headers took too long", false);
            }
            break;
        case Connection::State::Body:
            if (now > c->deadlineMs) {
                ++m_stats.timedOut;
                refuse(c, 408, "the request's body came too slowly", false);
            }
            break;
        case Connection::State::Closing:
            if (now > c->deadlineMs)
                drop(c);
            break;
        case Connection::State::Dispatched:
            break; // answered when its worker is done
        }
    }
}

} // namespace omnitill::sync
