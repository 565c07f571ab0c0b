// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QRect>
#include <QString>

#include <optional>

namespace omnitill {

// The largest frame the decoder takes; a camera frame is far smaller.
inline constexpr int kMaxFrameSide = 8192;

// An 8-bit grey image, rows packed (stride = width): what the camera's Y plane or a grey image gives.
struct LumaFrame
{
    QByteArray pixels;
    int width = 0;
    int height = 0;
    bool isValid() const { return width > 0 && height > 0 && pixels.size() == qsizetype(width) * height; }
    // Valid and no larger than the decoder takes.
    bool isDecodable() const { return isValid() && width <= kMaxFrameSide && height <= kMaxFrameSide; }
};

// The grey level of a colour pixel exactly as ZXing computes it for its RGB image formats (BT.601 weights in 1/1024,
// rounded): the camera path converts colour frames this way, so it decodes what ZXing would decode from the picture.
constexpr uchar lumaFromRgb(unsigned r, unsigned g, unsigned b)
{
    return uchar((306 * r + 601 * g + 117 * b + 0x200) >> 10);
}

// Which symbologies a camera looks for: fewer formats decode faster and misread less.
enum class ScanMode
{
    Retail, // EAN/UPC, Code 128 / GS1-128, DataMatrix / GS1 DataMatrix, QR / GS1 QR
    QrOnly, // customer QR codes: carts, loyalty cards, Digital Links (kiosk, cart hand-off)
    Fresh, // Retail plus GS1 DataBar (Expanded): weighed and dated fresh goods
};
QString scanModeName(ScanMode mode);
std::optional<ScanMode> scanModeFromName(QStringView name);

// The aiming region: a centred rectangle `fraction` of each side (Debian's ZXing 1.4 finds DataMatrix only near the
// image's centre lines, so the UI shows a reticle and only this part is decoded).
QRect centreRoi(int width, int height, double fraction);
// The pixels of `roi` (clipped to the frame) as a frame of their own.
LumaFrame crop(const LumaFrame &frame, QRect roi);

} // namespace omnitill
