// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/lumaframe.h"

#include <gtest/gtest.h>

using namespace omnitill;

namespace {
// A w×h frame whose pixel (x, y) holds (x + 10 y) mod 256, so a crop shows where it came from.
LumaFrame ramp(int w, int h)
{
    LumaFrame f { QByteArray(qsizetype(w) * h, Qt::Uninitialized), w, h };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            f.pixels[qsizetype(y) * w + x] = char((x + 10 * y) % 256);
    return f;
}
} // namespace

TEST(LumaFrame, ValidAndDecodableFrames)
{
    EXPECT_FALSE(LumaFrame {}.isValid());
    EXPECT_TRUE(ramp(4, 3).isValid());
    EXPECT_FALSE((LumaFrame { QByteArray(11, 0), 4, 3 }.isValid())) << "one byte short";
    EXPECT_TRUE((LumaFrame { QByteArray(kMaxFrameSide, 0), kMaxFrameSide, 1 }.isDecodable()));
    EXPECT_FALSE((LumaFrame { QByteArray(kMaxFrameSide + 1, 0), kMaxFrameSide + 1, 1 }.isDecodable()));
}

TEST(LumaFrame, TheAimingRegionIsCentredAndCropped)
{
    EXPECT_EQ(centreRoi(1280, 720, 0.6), QRect(256, 144, 768, 432));
    EXPECT_EQ(centreRoi(100, 100, 5.0), QRect(0, 0, 100, 100)) << "at most the whole frame";
    EXPECT_EQ(centreRoi(100, 100, 0.0), QRect(45, 45, 10, 10)) << "at least a tenth";
    const LumaFrame full = ramp(8, 6);
    const LumaFrame part = crop(full, QRect(2, 1, 3, 2));
    ASSERT_TRUE(part.isValid());
    EXPECT_EQ(part.width, 3);
    EXPECT_EQ(part.height, 2);
    EXPECT_EQ(part.pixels, QByteArray("\x0c\x0d\x0e\x16\x17\x18", 6));
    EXPECT_EQ(crop(full, QRect(6, 4, 10, 10)).width, 2) << "clipped to the frame";
    EXPECT_FALSE(crop(full, QRect(20, 20, 2, 2)).isValid()) << "outside the frame: nothing";
    EXPECT_EQ(crop(full, QRect(0, 0, 8, 6)).pixels, full.pixels);
}

TEST(LumaFrame, ScanModesHaveStableNames)
{
    for (ScanMode mode : { ScanMode::Retail, ScanMode::QrOnly, ScanMode::Fresh })
        EXPECT_EQ(scanModeFromName(scanModeName(mode)), mode);
    EXPECT_EQ(scanModeName(ScanMode::QrOnly), QStringLiteral("qr"));
    EXPECT_EQ(scanModeFromName(u"everything"), std::nullopt);
}
