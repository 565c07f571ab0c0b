// SPDX-License-Identifier: GPL-3.0-or-later
// Raw HTTP/1.1 on a TCP socket, for tests that talk to the hub the way any client (or attacker) can: exact bytes out,
// the status, headers and body back. The event loop keeps running while it waits, so a server in the same thread
// answers.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

namespace omnitill::test {

struct HttpAnswer
{
    int status = 0; // 0: no answer (refused, closed or timed out)
    QByteArray head; // status line and headers
    QByteArray body;
    bool closed = false; // the server closed the connection after answering
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Reads one answer from `socket`: headers, then Content-Length bytes of body, and no byte more (a pipelined answer
// that follows stays in the socket for the next call).
inline HttpAnswer readAnswer(QTcpSocket &socket, int timeoutMs = 10'000)
{
    HttpAnswer a;
    QElapsedTimer timer;
    timer.start();
    qsizetype headEnd = -1;
    qint64 length = 0;
    while (timer.elapsed() < timeoutMs) {
        const QByteArray seen = socket.peek(socket.bytesAvailable());
        if (headEnd < 0 && (headEnd = seen.indexOf("\r\n\r\n")) >= 0) {
            a.head = seen.left(headEnd);
            const QList<QByteArray> status = a.head.left(a.head.indexOf('\r')).split(' ');
            a.status = status.size() > 1 ? status.at(1).toInt() : -1;
            bool ok = false;
            length = a.header("Content-Length").toLongLong(&ok);
            if (!ok)
                length = 0;
        }
        if (headEnd >= 0 && seen.size() - headEnd - 4 >= length) {
            socket.read(headEnd + 4);
            a.body = socket.read(length);
            a.closed = socket.state() != QAbstractSocket::ConnectedState;
            if (!a.closed && a.header("Connection").compare("close", Qt::CaseInsensitive) == 0)
                a.closed = QTest::qWaitFor(
                    [&] {
                        socket.readAll();
                        return socket.state() != QAbstractSocket::ConnectedState;
                    },
                    3000);
            return a;
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == seen.size()) {
            a.closed = true;
            return a;
        }
        QTest::qWait(2);
    }
    return a;
}

// Sends `request` as it is and reads the answer, on a connection of its own.
inline HttpAnswer httpExchange(quint16 port, const QByteArray &request, int timeoutMs = 10'000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return {};
    socket.write(request);
    return readAnswer(socket, timeoutMs);
}

// A GET with a terminal's credentials, as the sync worker sends it.
inline HttpAnswer terminalGet(
    quint16 port, const QByteArray &target, const QByteArray &token, const QString &terminalId, int timeoutMs = 10'000)
{
    return httpExchange(port,
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
            + "\r\nX-Terminal-Id: " + terminalId.toLatin1() + "\r\n\r\n",
        timeoutMs);
}

} // namespace omnitill::test
