// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/decoder/barcodedecoder.h"

#define ZX_USE_UTF8 1 // ZXing 1.4: Result::text() as UTF-8 std::string
#include <ZXing/ReadBarcode.h>

namespace omnitill {

namespace {
ZXing::BarcodeFormats formatsFor(ScanMode mode, bool safe)
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
        // DataBar is what makes Debian's ZXing 1.4 abort: safe mode reads everything else.
        return safe ? retail : retail | F::DataBar | F::DataBarExpanded;
    }
    return retail;
}

std::optional<ScanResult> read(const ZXing::ImageView &view, ScanMode mode, qint64 atMs, bool safe = false)
{
    const auto hints = ZXing::DecodeHints().setFormats(formatsFor(mode, safe)).setTryHarder(true).setTryRotate(true);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return std::nullopt;
    const auto &bytes = result.bytes();
    return ScanResult(QString::fromStdString(result.text()),
        QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())),
        QString::fromStdString(result.symbologyIdentifier()), ScanResult::Source::Camera, atMs);
}
} // namespace

std::optional<ScanResult> decodeLuma(const LumaFrame &frame, ScanMode mode, qint64 atMs, bool safe)
{
    if (!frame.isDecodable())
        return std::nullopt;
    return read(ZXing::ImageView(reinterpret_cast<const uint8_t *>(frame.pixels.constData()), frame.width, frame.height,
                    ZXing::ImageFormat::Lum),
        mode, atMs, safe);
}

LumaFrame halved(const LumaFrame &frame)
{
    const int w = frame.width / 2;
    const int h = frame.height / 2;
    LumaFrame out { QByteArray(qsizetype(w) * h, Qt::Uninitialized), w, h };
    const auto *src = reinterpret_cast<const uchar *>(frame.pixels.constData());
    for (int y = 0; y < h; ++y) {
        const uchar *a = src + qsizetype(2 * y) * frame.width;
        const uchar *b = a + frame.width;
        char *dst = out.pixels.data() + qsizetype(y) * w;
        for (int x = 0; x < w; ++x)
            dst[x] = char((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) / 4);
    }
    return out;
}

std::optional<ScanResult> decodeCameraFrame(const LumaFrame &frame, QRect roi, ScanMode mode, qint64 atMs, bool safe)
{
    if (!frame.isDecodable())
        return std::nullopt;
    if (!roi.isEmpty() && roi != QRect(0, 0, frame.width, frame.height)) {
        if (auto found = decodeLuma(crop(frame, roi), mode, atMs, safe))
            return found;
    }
    // Nothing in the aiming region: the whole picture, halved when much wider than kWholeFramePassWidth.
    return decodeLuma(frame.width > kWholeFramePassWidth * 5 / 4 ? halved(frame) : frame, mode, atMs, safe);
}

std::optional<ScanResult> decodeBgrx(const uchar *pixels, int width, int height, int stride, ScanMode mode)
{
    if (!pixels || width <= 0 || height <= 0 || width > kMaxFrameSide || height > kMaxFrameSide)
        return std::nullopt;
    return read(ZXing::ImageView(pixels, width, height, ZXing::ImageFormat::BGRX, stride), mode, 0);
}

} // namespace omnitill
