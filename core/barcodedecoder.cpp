// SPDX-License-Identifier: GPL-3.0-or-later
#include "barcodedecoder.h"

#define ZX_USE_UTF8 1 // ZXing 1.4: Result::text() as UTF-8 std::string
#include <ZXing/ReadBarcode.h>

namespace omnitill {

namespace {
ZXing::BarcodeFormats formatsFor(ScanMode mode)
{
    using F = ZXing::BarcodeFormat;
    const ZXing::BarcodeFormats retail
        = F::EAN13 | F::EAN8 | F::UPCA | F::UPCE | F::Code128 | F::DataMatrix | F::QRCode;
    switch (mode) {
    case ScanMode::Retail:
        return retail;
    case ScanMode::QrOnly:
        return F::QRCode;
    case ScanMode::Fresh:
        return retail | F::DataBar | F::DataBarExpanded;
    }
    return retail;
}
} // namespace

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

std::optional<ScanResult> decodeLuma(const LumaFrame &frame, ScanMode mode, qint64 atMs)
{
    if (!frame.isDecodable())
        return std::nullopt;
    const ZXing::ImageView view(reinterpret_cast<const uint8_t *>(frame.pixels.constData()), frame.width, frame.height,
        ZXing::ImageFormat::Lum);
    const auto hints = ZXing::DecodeHints().setFormats(formatsFor(mode)).setTryHarder(true).setTryRotate(true);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return std::nullopt;
    const auto &bytes = result.bytes();
    return ScanResult(QString::fromStdString(result.text()),
        QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())),
        QString::fromStdString(result.symbologyIdentifier()), ScanResult::Source::Camera, atMs);
}

} // namespace omnitill
