// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

// Receipt printers as the till reaches them: on the network (raw TCP, port 9100 unless said), through a device file
// (/dev/usb/lp0) or into a plain file (for tests, and for stores that print from another program). The calls block
// and are made from the print queue's own thread, never the till's.
namespace omnitill::Printing {

struct PrinterAddress
{
    enum class Kind
    {
        Tcp,
        Device,
        File
    };
    Kind kind = Kind::File;
    QString host;
    quint16 port = 9100;
    QString path;

    // "tcp://10.0.0.5:9100" or "tcp://printer.local" (port 9100), "/dev/usb/lp0" (a device: any path under /dev),
    // "file:/var/lib/omnitill/receipts.bin" (appended to). Anything else is a clear error.
    static Result<PrinterAddress> parse(const QString &text);
    QString toString() const;
};

enum class PrinterState
{
    Ready,
    PaperOut,
    CoverOpen,
    Offline, // not reachable, or not answering
    Error // the printer reports an error (cutter jammed, overheated)
};

struct PrinterStatus
{
    PrinterState state = PrinterState::Offline;
    QString message; // for the cashier: what is wrong and what to do
    bool ready() const { return state == PrinterState::Ready; }
};

// One connection to a printer: asks its state (ESC/POS real-time status, DLE EOT 1, 2 and 4) and sends jobs. A file
// has no state and is always ready; a device that does not answer the status request is taken as ready.
class PrinterLink
{
public:
    explicit PrinterLink(PrinterAddress address, int timeoutMs = 3000);
    ~PrinterLink();
    PrinterLink(const PrinterLink &) = delete;
    PrinterLink &operator=(const PrinterLink &) = delete;

    PrinterStatus status();
    // Every byte written and flushed to the printer, or an error saying what failed.
    Status send(const QByteArray &data);
    void close();

private:
    struct Private;
    Private *d;
};

} // namespace omnitill::Printing
