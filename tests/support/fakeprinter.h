// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A receipt printer on loopback for the tests: it takes raw TCP connections as a network printer does on port 9100,
// answers the real-time status request (DLE EOT 1, 2, 4) with its paper and cover state, and keeps every other byte;
// receipts() reads them as the printer would (support/escposprinter.h). It can run out of paper, have its cover
// open, or stop reading (a printer whose buffer is full).
#include "support/escposprinter.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace omnitill::test {

class FakePrinter : public QObject
{
public:
    explicit FakePrinter(quint16 port = 0)
    {
        m_server.listen(QHostAddress::LocalHost, port);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                m_sockets.append(s);
                if (!m_reading)
                    s->setReadBufferSize(9);
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { take(s); });
            }
        });
    }
    bool listening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QString address() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(port()); }

    bool paperOut = false;
    bool coverOpen = false;
    // While set, nothing is read: the sender's writes stall once the socket buffers are full.
    void setReading(bool reading)
    {
        m_reading = reading;
        for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
            if (s)
                s->setReadBufferSize(reading ? 0 : 9);
            if (s && reading)
                take(s);
        }
    }

    QByteArray received() const { return m_data; }
    int statusRequests() const { return m_statusRequests; }
    PrintedReceipt receipts() const { return printEscPos(m_data); }

private:
    void take(QTcpSocket *s)
    {
        static const QByteArray request("\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9);
        if (!m_reading) {
            // A printer whose buffer is full still answers a status request that comes next.
            if (s->bytesAvailable() >= request.size() && s->peek(request.size()) == request) {
                s->read(request.size());
                answerStatus(s);
            }
            return;
        }
        QByteArray in = s->readAll();
        for (qsizetype at; (at = in.indexOf(request)) >= 0;) {
            m_data += in.left(at);
            in.remove(0, at + request.size());
            answerStatus(s);
        }
        m_data += in;
    }
    void answerStatus(QTcpSocket *s)
    {
        ++m_statusRequests;
        // DLE EOT 1: online; 2: cover (bit 2), stopped for paper (bit 5); 4: paper end (bits 5, 6).
        const char answer[3] = { char(0x12), char(0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0)),
            char(0x12 | (paperOut ? 0x60 : 0)) };
        s->write(answer, 3);
    }

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    QByteArray m_data;
    int m_statusRequests = 0;
    bool m_reading = true;
};

} // namespace omnitill::test
