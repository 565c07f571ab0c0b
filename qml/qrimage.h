// SPDX-License-Identifier: GPL-3.0-or-later
// QR codes as QImage for the UI layer (core stays free of Qt GUI).
#pragma once

#include "core/qr/qrcode.h"

#include <QImage>

namespace omnitill::Qr {

inline QImage toImage(const Matrix &matrix, int moduleSize = 4, int quietZone = 4)
{
    int width = 0;
    const QByteArray grey = toLuminance(matrix, moduleSize, quietZone, width);
    QImage image(width, width, QImage::Format_Grayscale8);
    for (int y = 0; y < width; ++y)
        std::copy_n(grey.constData() + qsizetype(y) * width, width, reinterpret_cast<char *>(image.scanLine(y)));
    return image;
}

} // namespace omnitill::Qr
