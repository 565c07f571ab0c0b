// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/qr/qrcode.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace omnitill::Qr {

namespace {
QRecLevel level(Ecc ecc)
{
    switch (ecc) {
    case Ecc::Low:
        return QR_ECLEVEL_L;
    case Ecc::Medium:
        return QR_ECLEVEL_M;
    case Ecc::Quartile:
        return QR_ECLEVEL_Q;
    case Ecc::High:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

// Byte-mode capacity of version 40 per level (ISO/IEC 18004 table 7).
int capacity(Ecc ecc)
{
    switch (ecc) {
    case Ecc::Low:
        return 2953;
    case Ecc::Medium:
        return 2331;
    case Ecc::Quartile:
        return 1663;
    case Ecc::High:
        return 1273;
    }
    return 2331;
}
} // namespace

Result<Matrix> encode(const QByteArray &data, Ecc ecc)
{
    if (data.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a QR code needs some data"));
    if (data.size() > capacity(ecc))
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 bytes do not fit in a QR code at this error "
                           "correction level (at most %2)")
                .arg(data.size())
                .arg(capacity(ecc)));
    errno = 0;
    std::unique_ptr<QRcode, void (*)(QRcode *)> code(
        QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()), 0, level(ecc)),
        QRcode_free);
    if (!code)
        return makeError(errno == ERANGE ? ErrorCode::InvalidInput : ErrorCode::Io,
            QStringLiteral("libqrencode could not encode the data (errno %1)").arg(errno));
    Matrix m;
    m.size = code->width;
    m.modules.resize(qsizetype(m.size) * m.size);
    for (qsizetype i = 0; i < m.modules.size(); ++i)
        m.modules[i] = char(code->data[i] & 1); // bit 0 is the module colour
    return m;
}

QByteArray toSvg(const Matrix &m, int moduleSize, int quietZone)
{
    const int side = (m.size + 2 * quietZone) * moduleSize;
    QByteArray svg = QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        + QByteArray::number(side) + "\" height=\"" + QByteArray::number(side) + "\" viewBox=\"0 0 "
        + QByteArray::number(m.size + 2 * quietZone) + ' ' + QByteArray::number(m.size + 2 * quietZone)
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" "
          "d=\"";
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x) {
            if (!m.dark(x, y))
                continue;
            int run = 1; // one path segment per horizontal run of dark modules
            while (x + run < m.size && m.dark(x + run, y))
                ++run;
            svg += 'M' + QByteArray::number(x + quietZone) + ',' + QByteArray::number(y + quietZone) + 'h'
                + QByteArray::number(run) + "v1h-" + QByteArray::number(run) + 'z';
            x += run - 1;
        }
    }
    svg += "\"/></svg>\n";
    return svg;
}

QByteArray toLuminance(const Matrix &m, int moduleSize, int quietZone, int &width)
{
    width = (m.size + 2 * quietZone) * moduleSize;
    QByteArray pixels(qsizetype(width) * width, char(255));
    for (int y = 0; y < m.size; ++y) {
        for (int x = 0; x < m.size; ++x) {
            if (!m.dark(x, y))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy) {
                char *row = pixels.data() + qsizetype((y + quietZone) * moduleSize + dy) * width;
                std::fill_n(row + (x + quietZone) * moduleSize, moduleSize, char(0));
            }
        }
    }
    return pixels;
}

QByteArray toEscPosRaster(const Matrix &m, int moduleSize, int quietZone)
{
    int width = 0;
    const QByteArray grey = toLuminance(m, moduleSize, quietZone, width);
    const int bytesPerRow = (width + 7) / 8;
    QByteArray out;
    out.reserve(8 + bytesPerRow * width);
    // GS v 0 m xL xH yL yH d1...dk (m = 0: normal density)
    out += QByteArray("\x1d\x76\x30\x00", 4);
    out += char(bytesPerRow & 0xff);
    out += char((bytesPerRow >> 8) & 0xff);
    out += char(width & 0xff);
    out += char((width >> 8) & 0xff);
    for (int y = 0; y < width; ++y) {
        for (int b = 0; b < bytesPerRow; ++b) {
            unsigned char byte = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const int x = b * 8 + bit;
                if (x < width && grey.at(qsizetype(y) * width + x) == 0)
                    byte |= 0x80 >> bit; // most significant bit is the leftmost dot; 1 prints
            }
            out += char(byte);
        }
    }
    return out;
}

} // namespace omnitill::Qr
