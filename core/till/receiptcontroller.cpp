// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/receiptcontroller.h"
#include "core/receipts/escpos.h"
#include "core/settings/tillsettings.h"
#include "core/storage/database.h"
#include "core/storedvalue/cardnumber.h"
#include "core/till/logging.h"
#include "core/till/staffsession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace omnitill {

ReceiptController::ReceiptController(Database &db, Printing::PrintQueue &queue, StaffSession &session, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_queue(queue)
    , m_session(session)
{
    connect(&m_queue, &Printing::PrintQueue::changed, this, &ReceiptController::changed);
    reload();
}

void ReceiptController::reload()
{
    auto printer = loadPrinterSettings(m_db);
    if (printer)
        m_printer = *printer;
    else
        qCWarning(lcTill) << printer.error().message;
    auto header = hubSetting(m_db, QStringLiteral("receipt.header"));
    if (header && header->has_value())
        m_header = ReceiptHeader::fromJson((*header)->toObject());
    // Where customers open their e-receipt: the hub's public address for it (config "receipt.url"), else the hub.
    auto url = hubSetting(m_db, QStringLiteral("receipt.url"));
    auto hub = readMeta(m_db.connection(), QStringLiteral("hub_url"));
    m_eReceiptBase = url && url->has_value() && (*url)->isString() ? (*url)->toString()
        : hub && hub->has_value()                                  ? **hub
                                                                   : QString();
    while (m_eReceiptBase.endsWith(u'/'))
        m_eReceiptBase.chop(1);
    Q_EMIT changed();
}

EscPos::Paper ReceiptController::paper() const
{
    return m_printer.paperMm == 58 ? EscPos::Paper::Mm58 : EscPos::Paper::Mm80;
}

bool ReceiptController::fail(const QString &message)
{
    qCInfo(lcTill) << "receipt:" << message;
    Q_EMIT errorOccurred(message);
    return false;
}

void ReceiptController::print(const SaleReceipt &sale)
{
    const QString cashier = m_session.current() ? m_session.current()->name : QString();
    Receipt receipt = Receipt::fromSale(sale, m_header, cashier, qrFor(sale.receiptNo, sale.receiptToken));
    if (m_fiscal) {
        auto state = m_fiscal->signSale(sale.saleId, sale.journalSeq);
        if (!state)
            qCWarning(lcTill) << "the sale's fiscal signature:" << state.error().message;
        addFiscal(receipt, state ? std::optional<FiscalState>(*state) : FiscalState {});
    }
    show(receipt);
    if (printerSet())
        queue(*m_last, sale.settlement.paidInCash());
}

void ReceiptController::printReturn(const ReturnRecord &record)
{
    Receipt receipt;
    receipt.header = m_header;
    receipt.receiptNo = record.returnNo;
    receipt.createdAtMs = record.createdAtMs;
    receipt.cashier = m_session.current() ? m_session.current()->name : QString();
    receipt.currency = record.currency;
    receipt.refund = true;
    receipt.refundOf = record.originalReceiptNo;
    QMap<qint32, Receipt::Tax> taxes;
    for (const ReturnLine &l : record.lines) {
        const Unit unit = unitFromString(l.unit).value_or(Unit::Each);
        const qint64 unitPrice = l.qtyMilli > 0 ? l.amountMinor * 1000 / l.qtyMilli : 0;
        receipt.lines.append(
            Receipt::Line { l.name, l.sku, l.qtyMilli, unit, -unitPrice, -l.amountMinor, 0, -l.amountMinor, {} });
        Receipt::Tax &t = taxes[l.rateMilliPct];
        t.rateMilliPct = l.rateMilliPct;
        t.grossMinor -= l.amountMinor;
    }
    char16_t next = u'A';
    for (auto it = taxes.begin(); it != taxes.end(); ++it) {
        Receipt::Tax t = it.value();
        t.mark = QString(QChar(next));
        next = char16_t(next + 1);
        t.taxMinor = -((-t.grossMinor) * t.rateMilliPct + (100'000 + t.rateMilliPct) / 2) / (100'000 + t.rateMilliPct);
        t.netMinor = t.grossMinor - t.taxMinor;
        receipt.taxes.append(t);
        for (int i = 0; i < record.lines.size(); ++i)
            if (record.lines[i].rateMilliPct == it.key())
                receipt.lines[i].taxMark = t.mark;
    }
    receipt.subtotalMinor = receipt.totalMinor = receipt.dueMinor = -record.totalMinor;
    bool cash = false;
    for (const Refund &r : record.refunds) {
        receipt.payments.append(Receipt::Payment { r.kind, -r.amountMinor, -r.amountMinor,
            r.newNumber.isEmpty() ? r.reference : CardNumber::grouped(r.newNumber) });
        cash = cash || r.kind == u"cash";
    }
    show(receipt);
    if (printerSet())
        queue(*m_last, cash);
}

void ReceiptController::show(const Receipt &receipt)
{
    m_last = receipt;
    m_preview = previewText(receipt, EscPos::columns(paper()));
    Q_EMIT changed();
}

bool ReceiptController::queue(const Receipt &receipt, bool openDrawer, const QString &printer)
{
    const EscPos::Options options { paper(), m_printer.rasterQr ? EscPos::QrMode::Raster : EscPos::QrMode::Native,
        openDrawer, true };
    auto job = EscPos::render(receipt, options);
    if (!job)
        return fail(tr("The receipt %1 cannot be printed: %2").arg(receipt.receiptNo, job.error().message));
    auto id = m_queue.enqueue(m_db, printer.isEmpty() ? m_printer.address : printer, receipt.receiptNo, *job);
    if (!id)
        return fail(tr("The receipt %1 cannot be printed: %2").arg(receipt.receiptNo, id.error().message));
    return true;
}

bool ReceiptController::printText(const QString &title, const std::function<QStringList(int)> &lines)
{
    if (!printerSet())
        return fail(tr("This till has no printer: a manager sets one up in Settings."));
    const QByteArray job = EscPos::renderText(lines(columns()), EscPos::Options { paper(), {}, false, true });
    if (auto id = m_queue.enqueue(m_db, m_printer.address, title, job); !id)
        return fail(tr("%1 cannot be printed: %2").arg(title, id.error().message));
    return true;
}

bool ReceiptController::printCard(const QString &number, const QString &value)
{
    const QString title = tr("Gift card");
    return printText(title, [=](int columns) {
        const auto centred = [columns](const QString &text) {
            QString padded(std::max<qsizetype>(0, columns - text.size()) / 2, u' ');
            padded.append(text);
            return padded;
        };
        QStringList lines { centred(title.toUpper()), QString(), centred(number), QString(),
            centred(tr("Value: %1").arg(value)), QString() };
        lines += wrapped(
            tr("Keep this number safe: whoever has it can spend the card. Valid for three years from today."), columns);
        return lines;
    });
}

bool ReceiptController::openDrawer(const QString &why)
{
    if (!printerSet())
        return fail(tr("This till has no printer, so no drawer to open: a manager sets one up in Settings."));
    const QByteArray job = EscPos::renderText({}, EscPos::Options { paper(), {}, true, false });
    if (auto id = m_queue.enqueue(m_db, m_printer.address, why, job); !id)
        return fail(tr("The drawer cannot be opened: %1").arg(id.error().message));
    return true;
}

bool ReceiptController::reprintLast()
{
    if (!m_last)
        return fail(tr("There is no receipt to print again yet."));
    if (!printerSet())
        return fail(tr("This till has no printer: a manager sets one up in Settings."));
    Receipt copy = *m_last;
    copy.copy = true;
    return queue(copy, false);
}

Result<Receipt> ReceiptController::fromJournal(const QString &receiptNo)
{
    QSqlQuery q(m_db.connection());
    q.prepare(receiptNo.isEmpty()
            ? QStringLiteral("SELECT payload FROM journal WHERE type = 'sale.completed' ORDER BY seq DESC LIMIT 1")
            : QStringLiteral("SELECT payload FROM journal WHERE type = 'sale.completed' "
                             "AND json_extract(CAST(payload AS TEXT), '$.receipt_no') = ? ORDER BY seq DESC LIMIT 1"));
    if (!receiptNo.isEmpty())
        q.addBindValue(receiptNo);
    if (!q.exec())
        return sqlError(q.lastError(), QStringLiteral("reading a sale for its receipt"));
    if (!q.next())
        return makeError(ErrorCode::NotFound,
            receiptNo.isEmpty()
                ? tr("No sale has been recorded on this till yet.")
                : tr("There is no sale with the receipt number %1 on this till.").arg(receiptNo.left(64)));
    auto receipt = Receipt::fromSalePayload(q.value(0).toByteArray(), m_header);
    if (!receipt)
        return receipt;
    QSqlQuery token(m_db.connection());
    token.prepare(QStringLiteral("SELECT receipt_token FROM sale WHERE receipt_no = ?"));
    token.addBindValue(receipt->receiptNo);
    if (token.exec() && token.next())
        receipt->qrData = qrFor(receipt->receiptNo, token.value(0).toString());
    if (m_fiscal) {
        auto state = m_fiscal->state(receipt->receiptNo);
        addFiscal(*receipt, state ? *state : std::nullopt);
    }
    return receipt;
}

void ReceiptController::addFiscal(Receipt &receipt, const std::optional<FiscalState> &state) const
{
    if (!state)
        return;
    receipt.fiscalQr = state->signedOk ? state->qr : QByteArray();
    receipt.fiscalPending = !state->signedOk;
}

QByteArray ReceiptController::qrFor(const QString &receiptNo, const QString &token) const
{
    if (m_eReceiptBase.isEmpty() || token.isEmpty())
        return receiptNo.toUtf8(); // no hub: the receipt number, for Returns to scan
    return (m_eReceiptBase + QStringLiteral("/r/") + token).toUtf8();
}

bool ReceiptController::reprint(const QString &receiptNo, const QString &printer)
{
    QString address = m_printer.address;
    if (!printer.trimmed().isEmpty()) {
        auto other = Printing::PrinterAddress::parse(printer.trimmed());
        if (!other)
            return fail(other.error().message);
        address = printer.trimmed();
    }
    if (address.isEmpty())
        return fail(tr("This till has no printer: a manager sets one up in Settings."));
    auto receipt = fromJournal(receiptNo.trimmed());
    if (!receipt)
        return fail(receipt.error().message);
    receipt->copy = true;
    return queue(*receipt, false, address);
}

void ReceiptController::printMissed()
{
    if (!printerSet())
        return;
    auto receipt = fromJournal(QString());
    if (!receipt)
        return;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM print_job WHERE receipt_no = ? LIMIT 1"));
    q.addBindValue(receipt->receiptNo);
    if (!q.exec() || q.next())
        return;
    q.finish();
    qCWarning(lcTill) << "the receipt of" << receipt->receiptNo << "never reached the printer: printing it now";
    show(*receipt);
    queue(*receipt, false);
}

QVariantList ReceiptController::interruptedJobs()
{
    QVariantList out;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, receipt_no FROM print_job WHERE state = 'interrupted' ORDER BY id")))
        return out;
    while (q.next())
        out.append(QVariantMap { { QStringLiteral("id"), q.value(0).toLongLong() },
            { QStringLiteral("receiptNo"), q.value(1).toString() } });
    return out;
}

bool ReceiptController::reprintJob(qint64 id)
{
    auto again = m_queue.reprint(m_db, id, m_printer.address);
    return again ? true : fail(again.error().message);
}

bool ReceiptController::dismissJob(qint64 id)
{
    auto st = m_queue.dismiss(m_db, id);
    return st ? true : fail(st.error().message);
}

} // namespace omnitill
