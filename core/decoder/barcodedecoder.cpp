// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/decoder/barcodedecoder.h"

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
