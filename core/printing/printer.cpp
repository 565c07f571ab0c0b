// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/printing/printer.h"

#include <QCoreApplication>
#include <QFile>
#include <QTcpSocket>
#include <QUrl>

#include <memory>

namespace omnitill::Printing {

Result<PrinterAddress> PrinterAddress::parse(const QString &text)
{
    const QString t = text.trimmed();
    PrinterAddress a;
    if (t.startsWith(QLatin1String("tcp://"))) {
        const QUrl url(t);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || url.port() == 0)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("\"%1\" is not a printer address: use tcp://HOST[:PORT], e.g. tcp://10.0.0.5:9100")
                    .arg(t.left(100)));
        a.kind = Kind::Tcp;
        a.host = url.host();
        a.port = quint16(url.port(9100));
        return a;
    }
    if (t.startsWith(QLatin1String("/dev/")) && !t.contains(QLatin1String(".."))) {
        a.kind = Kind::Device;
        a.path = t;
        return a;
    }
    if (t.startsWith(QLatin1String("file:/"))) {
        a.kind = Kind::File;
        a.path = QUrl(t).toLocalFile();
        if (!a.path.isEmpty())
            return a;
    }
    return makeError(ErrorCode::InvalidInput,
        QStringLiteral("\"%1\" is not a printer address: use tcp://HOST[:PORT], a device such as /dev/usb/lp0, or "
                       "file:/PATH")
            .arg(t.left(100)));
}

QString PrinterAddress::toString() const
{
    switch (kind) {
    case Kind::Tcp:
        return QStringLiteral("tcp://%1:%2").arg(host).arg(port);
    case Kind::Device:
        return path;
    case Kind::File:
        return QUrl::fromLocalFile(path).toString();
    }
    return {};
}

namespace {
// DLE EOT n: n = 1 printer, 2 offline cause, 4 paper sensor; each answered with one byte.
const QByteArray kStatusRequest("\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9);

PrinterStatus fromStatusBytes(uchar printer, uchar offline, uchar paper)
{
    // Every answer has bit 4 set and bits 0, 1 and 7 clear; anything else is not an ESC/POS printer answering.
    for (uchar b : { printer, offline, paper }) {
        if ((b & 0x93) != 0x12)
            return { PrinterState::Offline,
                QCoreApplication::translate(
                    "Printer", "The printer answers, but not as a receipt printer: check its address") };
    }
    if (offline & 0x04)
        return { PrinterState::CoverOpen,
            QCoreApplication::translate("Printer", "The printer's cover is open: close it") };
    if ((paper & 0x60) || (offline & 0x20))
        return { PrinterState::PaperOut,
            QCoreApplication::translate("Printer", "The printer is out of paper: put in a new roll") };
    if (offline & 0x40)
        return { PrinterState::Error,
            QCoreApplication::translate("Printer", "The printer reports an error: switch it off and on again") };
    if (printer & 0x08)
        return { PrinterState::Offline,
            QCoreApplication::translate("Printer", "The printer is offline: check that it is switched on") };
    return { PrinterState::Ready, QString() };
}
} // namespace

struct PrinterLink::Private
{
    PrinterAddress address;
    int timeoutMs;
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<QFile> file;

    Status open()
    {
        if (address.kind == PrinterAddress::Kind::Tcp) {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                return Ok {};
            socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(address.host, address.port);
            if (!socket->waitForConnected(timeoutMs)) {
                const QString why = socket->errorString();
                socket.reset();
                return makeError(ErrorCode::Io,
                    QCoreApplication::translate(
                        "Printer", "The printer at %1 cannot be reached (%2): check that it is on and connected")
                        .arg(address.toString(), why));
            }
            return Ok {};
        }
        if (file && file->isOpen())
            return Ok {};
        file = std::make_unique<QFile>(address.path);
        const auto mode = address.kind == PrinterAddress::Kind::Device ? QIODevice::ReadWrite | QIODevice::Unbuffered
                                                                       : QIODevice::Append | QIODevice::Unbuffered;
        if (!file->open(mode)) {
            const QString why = file->errorString();
            file.reset();
            return makeError(ErrorCode::Io,
                QCoreApplication::translate("Printer", "The printer %1 cannot be opened (%2)")
                    .arg(address.toString(), why));
        }
        return Ok {};
    }
};

PrinterLink::PrinterLink(PrinterAddress address, int timeoutMs)
    : d(new Private { std::move(address), timeoutMs, {}, {} })
{ }

PrinterLink::~PrinterLink()
{
    close();
    delete d;
}

void PrinterLink::close()
{
    if (d->socket) {
        d->socket->disconnectFromHost();
        if (d->socket->state() != QAbstractSocket::UnconnectedState)
            d->socket->waitForDisconnected(200);
        d->socket.reset();
    }
    d->file.reset();
}

PrinterStatus PrinterLink::status()
{
    if (d->address.kind == PrinterAddress::Kind::File)
        return { PrinterState::Ready, QString() };
    if (auto st = d->open(); !st)
        return { PrinterState::Offline, st.error().message };
    if (d->address.kind == PrinterAddress::Kind::Device)
        return { PrinterState::Ready, QString() }; // a USB printer class device answers no status through lp
    QTcpSocket &s = *d->socket;
    s.readAll(); // nothing stale
    if (s.write(kStatusRequest) != kStatusRequest.size() || !s.waitForBytesWritten(d->timeoutMs)) {
        close();
        return { PrinterState::Offline,
            QCoreApplication::translate(
                "Printer", "The printer stopped answering: check that it is on and connected") };
    }
    QByteArray answer;
    while (answer.size() < 3) {
        if (!s.waitForReadyRead(d->timeoutMs)) {
            close();
            return { PrinterState::Offline,
                QCoreApplication::translate(
                    "Printer", "The printer stopped answering: check that it is on and connected") };
        }
        answer += s.readAll();
    }
    return fromStatusBytes(uchar(answer.at(0)), uchar(answer.at(1)), uchar(answer.at(2)));
}

Status PrinterLink::send(const QByteArray &data)
{
    if (auto st = d->open(); !st)
        return st;
    if (d->socket) {
        QTcpSocket &s = *d->socket;
        if (s.write(data) != data.size())
            return makeError(ErrorCode::Io,
                QCoreApplication::translate("Printer", "The printer stopped taking the receipt (%1)")
                    .arg(s.errorString()));
        while (s.bytesToWrite() > 0) {
            if (!s.waitForBytesWritten(d->timeoutMs)) {
                const QString why = s.errorString();
                close();
                return makeError(ErrorCode::Io,
                    QCoreApplication::translate("Printer", "The printer stopped taking the receipt (%1)").arg(why));
            }
        }
        return Ok {};
    }
    if (d->file->write(data) != data.size() || !d->file->flush()) {
        const QString why = d->file->errorString();
        close();
        return makeError(ErrorCode::Io,
            QCoreApplication::translate("Printer", "The printer stopped taking the receipt (%1)").arg(why));
    }
    return Ok {};
}

} // namespace omnitill::Printing
