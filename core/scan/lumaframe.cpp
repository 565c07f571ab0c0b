// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/lumaframe.h"

#include <algorithm>

namespace omnitill {

QString scanModeName(ScanMode mode)
{
    switch (mode) {
    case ScanMode::Retail:
        return QStringLiteral("retail");
    case ScanMode::QrOnly:
        return QStringLiteral("qr");
    case ScanMode::Fresh:
        return QStringLiteral("fresh");
    }
    return {};
}

std::optional<ScanMode> scanModeFromName(QStringView name)
{
    for (ScanMode m : { ScanMode::Retail, ScanMode::QrOnly, ScanMode::Fresh })
        if (name == scanModeName(m))
            return m;
    return std::nullopt;
}

QRect centreRoi(int width, int height, double fraction)
{
    const double f = std::clamp(fraction, 0.1, 1.0);
    const int w = std::max(1, int(width * f));
    const int h = std::max(1, int(height * f));
    return QRect((width - w) / 2, (height - h) / 2, w, h);
}

LumaFrame crop(const LumaFrame &frame, QRect roi)
{
    const QRect r = roi.intersected(QRect(0, 0, frame.width, frame.height));
    if (!frame.isValid() || r.isEmpty())
        return {};
    if (r == QRect(0, 0, frame.width, frame.height))
        return frame;
    LumaFrame out { QByteArray(qsizetype(r.width()) * r.height(), Qt::Uninitialized), r.width(), r.height() };
    for (int y = 0; y < r.height(); ++y)
        std::copy_n(frame.pixels.constData() + qsizetype(r.y() + y) * frame.width + r.x(), r.width(),
            out.pixels.data() + qsizetype(y) * r.width());
    return out;
}

} // namespace omnitill
