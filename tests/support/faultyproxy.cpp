// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/faultyproxy.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>

namespace omnitill::test {

namespace {
constexpr int kIoTimeoutMs = 30'000;

// Reads one HTTP message (headers + Content-Length body). False on close, timeout or stop.
bool readMessage(QTcpSocket &s, QByteArray &buffer, QByteArray &message, const std::atomic<bool> &stop)
{
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
                if (line.trimmed().toLower().startsWith("content-length:"))
                    length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
            }
            const qsizetype total = headerEnd + 4 + length;
            if (buffer.size() >= total) {
                message = buffer.left(total);
                buffer.remove(0, total);
                return true;
            }
        }
        if (stop || s.state() != QAbstractSocket::ConnectedState)
            return false;
        if (!s.waitForReadyRead(100)) {
            if (s.state() != QAbstractSocket::ConnectedState)
                return false;
            continue;
        }
        buffer += s.readAll();
    }
}

bool forward(quint16 port, const QByteArray &request, QByteArray &response, const std::atomic<bool> &stop)
{
    QTcpSocket up;
    up.connectToHost(QHostAddress::LocalHost, port);
    if (!up.waitForConnected(kIoTimeoutMs))
        return false;
    up.write(request);
    if (!up.waitForBytesWritten(kIoTimeoutMs))
        return false;
    QByteArray buffer;
    return readMessage(up, buffer, response, stop);
}
} // namespace

FaultyProxy::FaultyProxy(quint16 upstreamPort, quint32 seed)
    : m_upstream(upstreamPort)
    , m_rng(seed)
{
    m_acceptor = std::thread([this] { acceptLoop(); });
    while (!m_ready)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FaultyProxy::~FaultyProxy()
{
    m_stop = true;
    m_acceptor.join();
    std::lock_guard lock(m_handlersMutex);
    for (std::thread &t : m_handlers)
        t.join();
}

void FaultyProxy::setFaults(const Faults &faults)
{
    std::lock_guard lock(m_mutex);
    m_faults = faults;
}

void FaultyProxy::acceptLoop()
{
    class Server : public QTcpServer
    {
    public:
        explicit Server(FaultyProxy *proxy)
            : m_proxy(proxy)
        { }

    protected:
        void incomingConnection(qintptr descriptor) override
        {
            std::lock_guard lock(m_proxy->m_handlersMutex);
            m_proxy->m_handlers.emplace_back([p = m_proxy, descriptor] { p->serve(descriptor); });
        }

    private:
        FaultyProxy *m_proxy;
    };
    Server server(this);
    server.listen(QHostAddress::LocalHost, 0);
    m_port = server.serverPort();
    m_ready = true;
    while (!m_stop)
        server.waitForNewConnection(50);
}

void FaultyProxy::serve(qintptr descriptor)
{
    QTcpSocket client;
    client.setSocketDescriptor(descriptor);
    QByteArray buffer;
    QByteArray request;
    while (!m_stop && readMessage(client, buffer, request, m_stop)) {
        ++requests;
        const int now = ++inFlight;
        for (int seen = maxInFlight; now > seen && !maxInFlight.compare_exchange_weak(seen, now);) { }
        Faults f;
        double r1 = 0, r2 = 0, r3 = 0;
        int delay = 0;
        {
            std::lock_guard lock(m_mutex);
            f = m_faults;
            std::uniform_real_distribution<double> u(0, 1);
            r1 = u(m_rng);
            r2 = u(m_rng);
            r3 = u(m_rng);
            delay = f.maxDelayMs ? int(m_rng() % quint32(f.maxDelayMs + 1)) : 0;
        }
        auto done = [&] { --inFlight; };
        if (f.blackHole) {
            while (!m_stop && client.state() == QAbstractSocket::ConnectedState) {
                {
                    std::lock_guard lock(m_mutex);
                    if (!m_faults.blackHole)
                        break;
                }
                client.waitForReadyRead(50);
            }
            done();
            client.abort();
            return;
        }
        if (r1 < f.dropRequest) {
            ++droppedRequests;
            done();
            client.abort();
            return;
        }
        QByteArray response;
        const bool ok = forward(m_upstream, request, response, m_stop);
        if (ok && r2 < f.duplicate) {
            QByteArray ignored;
            forward(m_upstream, request, ignored, m_stop);
            ++duplicated;
        }
        if (!ok || r3 < f.dropResponse) {
            if (ok)
                ++droppedResponses;
            done();
            client.abort();
            return;
        }
        if (delay)
            std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        client.write(response);
        client.waitForBytesWritten(kIoTimeoutMs);
        done();
    }
}

} // namespace omnitill::test
