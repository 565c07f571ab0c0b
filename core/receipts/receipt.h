// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include "core/base/money.h"
#include "core/sale/salestore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace omnitill {

// What the store prints at the top and bottom of every receipt.
// A one-bit image for the printer: the store's logo. Rows of (width + 7) / 8 bytes, the leftmost dot in the most
// significant bit, 1 prints black, as ESC/POS GS v 0 takes it.
struct MonoImage
{
    int width = 0;
    int height = 0;
    QByteArray bits;
    bool isNull() const { return width == 0; }
    // A binary PBM (P4): the format every image tool writes for one-bit pictures, read here without an image
    // library. At most 576 dots wide (80 mm paper) and 400 high; anything else, a damaged or short file, is an error.
    static Result<MonoImage> fromPbm(const QByteArray &pbm);
};

struct ReceiptHeader
{
    QString storeName;
    QStringList address; // one line each
    QString taxId; // VAT or tax number, printed as given
    QStringList footer; // returns policy, opening hours, …
    MonoImage logo; // printed at the top, centred; on 58 mm paper only when it fits (384 dots)

    // As the hub's config setting "receipt.header" holds it: {store_name, address, tax_id, footer, logo_pbm}; address
    // and footer are a text or a list of lines, logo_pbm a binary PBM in base64. Anything else is left empty (a logo
    // that is not a PBM that fits is left out, with a warning); texts are cut to a sane length.
    static ReceiptHeader fromJson(const QJsonObject &o);
};

// One receipt, from the data of a recorded sale: the one model that the printer, the till's screen and the
// e-receipt page all render, so they can never disagree. Amounts are minor units of `currency`.
struct Receipt
{
    struct Line
    {
        QString name;
        QString sku;
        qint64 quantity = 0; // thousandths of `unit`
        Unit unit = Unit::Each;
        qint64 unitPriceMinor = 0;
        qint64 amountMinor = 0; // unit price × quantity
        qint64 discountMinor = 0; // line and cart discount on this line
        qint64 totalMinor = 0;
        QString taxMark; // "A", "B", …: which tax rate applies, as in the tax table
    };
    struct Tax
    {
        QString mark;
        qint32 rateMilliPct = 0;
        qint64 netMinor = 0;
        qint64 taxMinor = 0;
        qint64 grossMinor = 0;
    };
    struct Payment
    {
        QString method; // "cash", "card", …
        qint64 amountMinor = 0; // what this tender paid of the sale
        qint64 tenderedMinor = 0; // what was handed over (cash), else the amount
        QString reference; // a card terminal's approval code, a gift card's number, …
    };

    ReceiptHeader header;
    QString receiptNo;
    qint64 createdAtMs = 0;
    QString cashier;
    Currency currency;
    PricingMode mode = PricingMode::TaxInclusive;
    QList<Line> lines;
    qint64 subtotalMinor = 0;
    qint64 discountMinor = 0;
    qint64 totalMinor = 0;
    qint64 roundingMinor = 0;
    qint64 dueMinor = 0;
    qint64 changeMinor = 0;
    QList<Tax> taxes;
    QList<Payment> payments;
    // The customer the sale was for (a first name and an initial: a receipt is read by others), the loyalty points
    // the sale earned and the balance with them as the till knew it; a reprint from the journal has the points only.
    QString customer;
    std::optional<qint64> pointsEarned;
    std::optional<qint64> pointsBalance;
    // What the receipt's QR code holds (the e-receipt and returns link); nothing prints no QR code.
    QByteArray qrData;
    // The fiscal signature's QR code (core/fiscal), printed below the e-receipt's; or, while the signer has not
    // signed the sale yet, a line saying the signature is pending.
    QByteArray fiscalQr;
    bool fiscalPending = false;
    // A reprint: marked as a copy at the top, so it cannot pass for a second sale.
    bool copy = false;
    // A refund slip (core/returns): marked as one, naming the receipt or order the goods came back from (empty:
    // without a receipt); its lines, totals and payments are what went back, negative.
    bool refund = false;
    QString refundOf;

    static Receipt fromSale(
        const SaleReceipt &sale, const ReceiptHeader &header, const QString &cashier, const QByteArray &qrData = {});
    // The same from a sale's journal entry (sale.completed, docs/sync-protocol.md), for a receipt printed again
    // later; the QR code holds the receipt number. A payload without the fields a receipt needs is a clear error.
    static Result<Receipt> fromSalePayload(const QByteArray &payload, const ReceiptHeader &header);
};

// The receipt as a web page for a phone (the e-receipt the hub serves): one self-contained HTML document, every
// text escaped, no scripts and nothing loaded from elsewhere. `lang` is the page's language code.
QByteArray receiptHtml(const Receipt &receipt, const QString &lang = QStringLiteral("en"));

// A receipt laid out for a paper or screen `columns` characters wide (58 mm printers: 32, 80 mm: 48): the lines the
// till shows as a preview are the lines the printer prints.
struct ReceiptBlock
{
    enum class Kind
    {
        Text, // one line, at most `columns` characters
        Rule, // a line of dashes across
        Qr, // the QR code of `qr`
        Feed // an empty line
    };
    enum class Align
    {
        Left,
        Centre
    };
    Kind kind = Kind::Text;
    QString text;
    Align align = Align::Left;
    bool bold = false;
    bool large = false; // double width and height: the total
    QByteArray qr;
};

QList<ReceiptBlock> layoutReceipt(const Receipt &receipt, int columns);
// The layout as plain text (a QR code shows as "[QR: …]"), for the till's preview and for logs.
QString previewText(const Receipt &receipt, int columns);
// Words wrapped to `columns`; a word longer than a line is cut into pieces.
QStringList wrapped(const QString &text, int columns);

} // namespace omnitill
