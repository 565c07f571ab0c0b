// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

namespace omnitill::bench {

// One GET on a kept-alive loopback connection; returns the HTTP status (0: no answer in `timeoutMs`), the answer in
// `answer` when given. The hub's server runs on this thread's event loop, which turns while the answer is awaited.
inline int loopbackGet(QTcpSocket &socket, const QByteArray &request, int timeoutMs = 5000, QByteArray *got = nullptr)
{
    socket.write(request);
    QByteArray answer;
    qsizetype headEnd = -1;
    qint64 length = -1;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        answer += socket.readAll();
        if (headEnd < 0 && (headEnd = answer.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : answer.left(headEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headEnd >= 0 && answer.size() >= headEnd + 4 + length) {
            if (got)
                *got = answer;
            return answer.mid(9, 3).toInt();
        }
    }
    return 0;
}

// A connection to the hub listening on `port` of this host, made while this thread's event loop turns; false when
// it is not up within 5 s.
inline bool connectLoopback(QTcpSocket &socket, quint16 port)
{
    if (port == 0)
        return false;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QElapsedTimer connecting;
    connecting.start();
    while (socket.state() != QAbstractSocket::ConnectedState && connecting.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    return socket.state() == QAbstractSocket::ConnectedState;
}

} // namespace omnitill::bench
