// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A receipt printer in the tests: it reads an ESC/POS job the way an Epson TM printer does (the commands OmniTill
// sends, and nothing else: an unknown command is a fault), and keeps what would come out: the lines of text (bytes
// as sent, code page 858), the QR codes the printer would draw itself, the raster images, whether the drawer opened
// and the paper was cut.
#include <QByteArray>
#include <QList>
#include <QString>

namespace omnitill::test {

struct PrintedImage
{
    int width = 0; // dots
    int height = 0;
    QByteArray bits; // 1 bit per dot, rows padded to bytes, MSB leftmost, 1 = black
    bool black(int x, int y) const { return (uchar(bits.at(y * ((width + 7) / 8) + x / 8)) & (0x80 >> (x % 8))) != 0; }
};

struct PrintedReceipt
{
    QList<QByteArray> lines; // each line as sent, without the line feed
    QList<bool> centred; // per line
    QList<QByteArray> qrCodes; // data of each QR code printed natively (GS ( k)
    QList<PrintedImage> images; // raster images (GS v 0)
    int codePage = -1;
    bool drawerOpened = false;
    bool cut = false;
    QString fault; // empty: the job was understood to the end
};

inline PrintedReceipt printEscPos(const QByteArray &job)
{
    PrintedReceipt out;
    QByteArray line;
    bool centre = false;
    QByteArray storedQr;
    int qrModel = 0;
    auto u8 = [&](qsizetype i) { return i < job.size() ? int(uchar(job.at(i))) : -1; };
    qsizetype i = 0;
    auto fail = [&](const QString &why) {
        out.fault = QStringLiteral("at byte %1: %2").arg(i).arg(why);
        return out;
    };
    while (i < job.size()) {
        const int b = u8(i);
        if (b == 0x0a) {
            out.lines.append(line);
            out.centred.append(centre);
            line.clear();
            ++i;
        } else if (b == 0x1b) {
            const int c = u8(i + 1);
            if (c == '@') {
                i += 2;
            } else if (c == 't') {
                out.codePage = u8(i + 2);
                i += 3;
            } else if (c == 'a') {
                centre = u8(i + 2) == 1;
                i += 3;
            } else if (c == 'E') {
                i += 3;
            } else if (c == 'p') {
                out.drawerOpened = true;
                i += 5;
            } else {
                return fail(QStringLiteral("unknown ESC %1").arg(c));
            }
        } else if (b == 0x1d) {
            const int c = u8(i + 1);
            if (c == '!') {
                i += 3;
            } else if (c == 'V') {
                if (u8(i + 2) != 66)
                    return fail(QStringLiteral("cut mode %1").arg(u8(i + 2)));
                out.cut = true;
                i += 4;
            } else if (c == '(' && u8(i + 2) == 'k') {
                const int length = u8(i + 3) + 256 * u8(i + 4);
                if (length < 2 || i + 5 + length > job.size() || u8(i + 5) != 49)
                    return fail(QStringLiteral("a broken GS ( k"));
                const int fn = u8(i + 6);
                const QByteArray parameters = job.mid(i + 7, length - 2);
                if (fn == 65)
                    qrModel = parameters.at(0);
                else if (fn == 80)
                    storedQr = parameters.mid(1);
                else if (fn == 81) {
                    if (qrModel != 50)
                        return fail(QStringLiteral("QR printed before its model was set"));
                    out.qrCodes.append(storedQr);
                } else if (fn != 67 && fn != 69)
                    return fail(QStringLiteral("QR function %1").arg(fn));
                i += 5 + length;
            } else if (c == 'v' && u8(i + 2) == '0') {
                const int bytesPerRow = u8(i + 4) + 256 * u8(i + 5);
                const int rows = u8(i + 6) + 256 * u8(i + 7);
                const qsizetype size = qsizetype(bytesPerRow) * rows;
                if (i + 8 + size > job.size())
                    return fail(QStringLiteral("a raster image cut short"));
                out.images.append(PrintedImage { bytesPerRow * 8, rows, job.mid(i + 8, size) });
                i += 8 + size;
            } else {
                return fail(QStringLiteral("unknown GS %1").arg(c));
            }
        } else if (b < 0x20) {
            return fail(QStringLiteral("control byte %1").arg(b));
        } else {
            line += char(b);
            ++i;
        }
    }
    if (!line.isEmpty())
        return fail(QStringLiteral("text after the last line feed"));
    return out;
}

} // namespace omnitill::test
