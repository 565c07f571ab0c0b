// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/receipts/escpos.h"

#include "core/qr/qrcode.h"

#include <QHash>

namespace omnitill::EscPos {

namespace {
// Code page 858, bytes 0x80 to 0xFF, as Unicode (code page 850 with the euro sign at 0xD5).
constexpr char16_t kCp858High[128] = {
    0x00C7,
    0x00FC,
    0x00E9,
    0x00E2,
    0x00E4,
    0x00E0,
    0x00E5,
    0x00E7,
    0x00EA,
    0x00EB,
    0x00E8,
    0x00EF,
    0x00EE,
    0x00EC,
    0x00C4,
    0x00C5,
    0x00C9,
    0x00E6,
    0x00C6,
    0x00F4,
    0x00F6,
    0x00F2,
    0x00FB,
    0x00F9,
    0x00FF,
    0x00D6,
    0x00DC,
    0x00F8,
    0x00A3,
    0x00D8,
    0x00D7,
    0x0192,
    0x00E1,
    0x00ED,
    0x00F3,
    0x00FA,
    0x00F1,
    0x00D1,
    0x00AA,
    0x00BA,
    0x00BF,
    0x00AE,
    0x00AC,
    0x00BD,
    0x00BC,
    0x00A1,
    0x00AB,
    0x00BB,
    0x2591,
    0x2592,
    0x2593,
    0x2502,
    0x2524,
    0x00C1,
    0x00C2,
    0x00C0,
    0x00A9,
    0x2563,
    0x2551,
    0x2557,
    0x255D,
    0x00A2,
    0x00A5,
    0x2510,
    0x2514,
    0x2534,
    0x252C,
    0x251C,
    0x2500,
    0x253C,
    0x00E3,
    0x00C3,
    0x255A,
    0x2554,
    0x2569,
    0x2566,
    0x2560,
    0x2550,
    0x256C,
    0x00A4,
    0x00F0,
    0x00D0,
    0x00CA,
    0x00CB,
    0x00C8,
    0x20AC,
    0x00CD,
    0x00CE,
    0x00CF,
    0x2518,
    0x250C,
    0x2588,
    0x2584,
    0x00A6,
    0x00CC,
    0x2580,
    0x00D3,
    0x00DF,
    0x00D4,
    0x00D2,
    0x00F5,
    0x00D5,
    0x00B5,
    0x00FE,
    0x00DE,
    0x00DA,
    0x00DB,
    0x00D9,
    0x00FD,
    0x00DD,
    0x00AF,
    0x00B4,
    0x00AD,
    0x00B1,
    0x2017,
    0x00BE,
    0x00B6,
    0x00A7,
    0x00F7,
    0x00B8,
    0x00B0,
    0x00A8,
    0x00B7,
    0x00B9,
    0x00B3,
    0x00B2,
    0x25A0,
    0x00A0,
};

const QHash<char16_t, char> &cp858Bytes()
{
    static const QHash<char16_t, char> bytes = [] {
        QHash<char16_t, char> b;
        for (int i = 0; i < 128; ++i)
            b.insert(kCp858High[i], char(0x80 + i));
        return b;
    }();
    return bytes;
}

const QByteArray kInit("\x1b\x40", 2); // ESC @
const QByteArray kCodePage858("\x1b\x74\x13", 3); // ESC t 19
const QByteArray kAlignLeft("\x1b\x61\x00", 3); // ESC a 0
const QByteArray kAlignCentre("\x1b\x61\x01", 3); // ESC a 1
const QByteArray kBoldOn("\x1b\x45\x01", 3); // ESC E 1
const QByteArray kBoldOff("\x1b\x45\x00", 3);
const QByteArray kLarge("\x1d\x21\x11", 3); // GS ! : double width and height
const QByteArray kNormal("\x1d\x21\x00", 3);
const QByteArray kDrawer("\x1b\x70\x00\x19\xfa", 5); // ESC p 0, 50 ms on, 500 ms off
const QByteArray kFeedAndCut("\x1d\x56\x42\x00", 4); // GS V 66 0: feed to the cutter, partial cut

// GS ( k: cn = 49 (QR), function fn with its parameters.
QByteArray qrFunction(char fn, const QByteArray &parameters)
{
    const int length = int(parameters.size()) + 2;
    QByteArray out("\x1d\x28\x6b", 3);
    out += char(length & 0xff);
    out += char((length >> 8) & 0xff);
    out += char(49);
    out += fn;
    out += parameters;
    return out;
}

// Dots across the printable width at 203 dpi.
int dotsAcross(Paper paper)
{
    return paper == Paper::Mm58 ? 384 : 576;
}
} // namespace

int columns(Paper paper)
{
    return paper == Paper::Mm58 ? 32 : 48;
}

QByteArray toCodePage858(const QString &text)
{
    QByteArray out;
    out.reserve(text.size());
    const auto &bytes = cp858Bytes();
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u >= 0x20 && u < 0x7f) {
            out += char(u);
            continue;
        }
        if (auto it = bytes.constFind(u); it != bytes.cend()) {
            out += *it;
            continue;
        }
        if (u == u'…') {
            out += "...";
            continue;
        }
        // The letter without its accent when the code page has that ("ł" has none: "?").
        const QString base = QString(ch).normalized(QString::NormalizationForm_KD);
        const char16_t first = base.isEmpty() ? 0 : base.at(0).unicode();
        out += (first >= 0x20 && first < 0x7f) ? char(first) : '?';
    }
    return out;
}

QByteArray renderText(const QStringList &lines, const Options &options)
{
    QByteArray out = kInit + kCodePage858 + kAlignLeft;
    for (const QString &line : lines)
        out += toCodePage858(line) + '\n';
    if (options.openDrawer)
        out += kDrawer;
    if (options.cut && !lines.isEmpty())
        out += QByteArray(3, '\n') + kFeedAndCut;
    return out;
}

Result<QByteArray> render(const Receipt &receipt, const Options &options)
{
    QByteArray out = kInit + kCodePage858;
    const MonoImage &logo = receipt.header.logo;
    if (!logo.isNull() && logo.width <= dotsAcross(options.paper)) {
        // GS v 0 m xL xH yL yH d1...dk (m = 0: normal density), centred like the header.
        const int bytesPerRow = (logo.width + 7) / 8;
        out += kAlignCentre + QByteArray("\x1d\x76\x30\x00", 4);
        out += char(bytesPerRow & 0xff);
        out += char((bytesPerRow >> 8) & 0xff);
        out += char(logo.height & 0xff);
        out += char((logo.height >> 8) & 0xff);
        out += logo.bits;
        out += '\n';
    }
    for (const ReceiptBlock &b : layoutReceipt(receipt, columns(options.paper))) {
        switch (b.kind) {
        case ReceiptBlock::Kind::Text:
            out += b.align == ReceiptBlock::Align::Centre ? kAlignCentre : kAlignLeft;
            if (b.bold)
                out += kBoldOn;
            if (b.large)
                out += kLarge;
            out += toCodePage858(b.text);
            out += '\n';
            if (b.large)
                out += kNormal;
            if (b.bold)
                out += kBoldOff;
            break;
        case ReceiptBlock::Kind::Rule:
            out += kAlignLeft + QByteArray(columns(options.paper), '-') + '\n';
            break;
        case ReceiptBlock::Kind::Feed:
            out += '\n';
            break;
        case ReceiptBlock::Kind::Qr: {
            out += kAlignCentre;
            if (options.qr == QrMode::Native) {
                if (b.qr.size() > 7089)
                    return makeError(ErrorCode::InvalidInput,
                        QStringLiteral("the receipt's QR code holds %1 bytes; a printer takes at most 7089")
                            .arg(b.qr.size()));
                out += qrFunction(65, QByteArray("\x32\x00", 2)); // fn 165: model 2
                out += qrFunction(67, QByteArray(1, char(6))); // fn 167: 6 dots a module
                out += qrFunction(69, QByteArray(1, char(49))); // fn 169: error correction M
                out += qrFunction(80, '0' + b.qr); // fn 180: store the data
                out += qrFunction(81, QByteArray("0", 1)); // fn 181: print it
            } else {
                auto matrix = Qr::encode(b.qr, Qr::Ecc::Medium);
                if (!matrix)
                    return matrix.error();
                // As large as fits the paper, with the 4-module quiet zone: at most 6 dots a module, and at least 3
                // (0.375 mm at 203 dpi), below which phones and scanners stop reading printed codes reliably.
                const int module = qMin(6, dotsAcross(options.paper) / (matrix->size + 8));
                if (module < 3)
                    return makeError(ErrorCode::InvalidInput,
                        QStringLiteral("the receipt's QR code is too large for %1 mm paper")
                            .arg(options.paper == Paper::Mm58 ? 58 : 80));
                out += Qr::toEscPosRaster(*matrix, module, 4);
            }
            out += '\n' + kAlignLeft;
            break;
        }
        }
    }
    if (options.openDrawer)
        out += kDrawer;
    if (options.cut)
        out += kFeedAndCut;
    return out;
}

} // namespace omnitill::EscPos
