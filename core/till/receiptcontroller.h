// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/fiscal/fiscallog.h"
#include "core/printing/printqueue.h"
#include "core/receipts/escpos.h"
#include "core/receipts/receipt.h"
#include "core/returns/returns.h"
#include "core/settings/printersettings.h"

#include <QObject>
#include <QVariantList>

#include <functional>
#include <optional>

namespace omnitill {

class Database;
class FiscalLog;
class StaffSession;

// Every completed sale's receipt: shown on the till (preview) and, when the terminal has a printer, queued for it
// (the drawer opens for cash). The store's header comes from the hub (config "receipt.header": store_name,
// address, tax_id, footer); the QR code holds the e-receipt's link on the hub (/r/TOKEN, docs/sync-protocol.md), or
// the receipt number while the till has no hub. A reprint is marked as a copy.
class ReceiptController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString preview READ preview NOTIFY changed)
    Q_PROPERTY(bool printerSet READ printerSet NOTIFY changed)
    Q_PROPERTY(bool printerReady READ printerReady NOTIFY changed)
    Q_PROPERTY(QString printerMessage READ printerMessage NOTIFY changed)
    Q_PROPERTY(int waiting READ waiting NOTIFY changed)
    Q_PROPERTY(int interrupted READ interrupted NOTIFY changed)
public:
    ReceiptController(Database &db, Printing::PrintQueue &queue, StaffSession &session, QObject *parent = nullptr);

    // Reads the terminal's printer and the store's header again (after Settings or a sync changed them).
    void reload();
    // The signer of each sale (core/fiscal); without, receipts carry no fiscal signature.
    void setFiscal(FiscalLog *fiscal) { m_fiscal = fiscal; }
    // The receipt of a sale just recorded (SaleController::saleRecorded).
    // The refund slip of a return (core/returns): shown, and printed with the drawer opened for cash.
    void printReturn(const ReturnRecord &record);
    void print(const SaleReceipt &sale);

    QString preview() const { return m_preview; }
    bool printerSet() const { return !m_printer.address.isEmpty(); }
    bool printerReady() const { return !printerSet() || m_queue.printerReady(); }
    QString printerMessage() const { return printerSet() ? m_queue.printerMessage() : QString(); }
    int waiting() const { return m_queue.waiting(); }
    int interrupted() const { return m_queue.interrupted(); }

    // The last receipt again, marked as a copy; no drawer.
    Q_INVOKABLE bool reprintLast();
    // A new gift card's slip: its number (the only place it is printed) and what it holds.
    bool printCard(const QString &number, const QString &value);
    // Any recorded sale's receipt again, by its number, from the journal; marked as a copy. To `printer` (an address
    // as in Settings) when given: another printer, when this till's is out of order; else to this till's.
    Q_INVOKABLE bool reprint(const QString &receiptNo, const QString &printer = {});
    // After a run that never ended: the last sale's receipt, when it never reached the print queue (the till
    // stopped between the sale's commit and queueing it). Not a copy, no drawer.
    void printMissed();
    // Receipts cut off when the till stopped: [{id, receiptNo}]; each reprinted or let be.
    Q_INVOKABLE QVariantList interruptedJobs();
    Q_INVOKABLE bool reprintJob(qint64 id);
    Q_INVOKABLE bool dismissJob(qint64 id);

    // A report (X or Z), laid out for the printer's paper by `lines(columns)`; named `title` in the queue.
    bool printText(const QString &title, const std::function<QStringList(int columns)> &lines);
    // The cash drawer on the printer's drawer port, with nothing printed (a no-sale, a cash move).
    bool openDrawer(const QString &why);
    int columns() const { return EscPos::columns(paper()); }

    const PrinterSettings &printer() const { return m_printer; }

Q_SIGNALS:
    void changed();
    void errorOccurred(const QString &message);

private:
    // The receipt the till shows now, and the one Print a copy prints.
    void show(const Receipt &receipt);
    bool queue(const Receipt &receipt, bool openDrawer, const QString &printer = {});
    // The receipt of the sale with `receiptNo` (the last sale when empty) from its journal entry.
    Result<Receipt> fromJournal(const QString &receiptNo);
    EscPos::Paper paper() const;
    // What the receipt's QR code holds: the e-receipt's link when the till knows where the hub serves it (its
    // token opens that one receipt), else the receipt number.
    QByteArray qrFor(const QString &receiptNo, const QString &token) const;
    // The fiscal signature's QR code, or that it is pending.
    void addFiscal(Receipt &receipt, const std::optional<FiscalState> &state) const;
    bool fail(const QString &message);

    Database &m_db;
    Printing::PrintQueue &m_queue;
    StaffSession &m_session;
    PrinterSettings m_printer;
    ReceiptHeader m_header;
    FiscalLog *m_fiscal = nullptr;
    QString m_eReceiptBase;
    std::optional<Receipt> m_last;
    QString m_preview;
};

} // namespace omnitill
