// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>

// QR codes for receipts, kiosk hand-off and loyalty cards, made with libqrencode. Output formats need no Qt GUI:
// SVG for screens and documents, ESC/POS raster for receipt printers, and 8-bit luminance for anything else.
namespace omnitill::Qr {

enum class Ecc
{
    Low,
    Medium,
    Quartile,
    High
};

struct Matrix
{
    int size = 0; // modules per side, without the quiet zone
    QByteArray modules; // size × size, row by row: 1 = dark
    bool dark(int x, int y) const { return modules.at(y * size + x) != 0; }
};

// Byte mode, so any bytes (UTF-8 text, binary, NUL) survive. Too much data for a QR code is a clear error.
Result<Matrix> encode(const QByteArray &data, Ecc ecc = Ecc::Medium);

QByteArray toSvg(const Matrix &matrix, int moduleSize = 4, int quietZone = 4);
// ESC/POS "GS v 0" raster bit image, 1 bit per dot, rows padded to whole bytes.
QByteArray toEscPosRaster(const Matrix &matrix, int moduleSize = 4, int quietZone = 4);
// 8-bit grey, 0 for dark and 255 for light; `width` receives the side length in pixels.
QByteArray toLuminance(const Matrix &matrix, int moduleSize, int quietZone, int &width);

} // namespace omnitill::Qr
