// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/codes/scanresult.h"
#include "core/scan/lumaframe.h"

#include <optional>

namespace omnitill {

// Decodes one symbol with ZXing's ReadBarcode() (never ReadBarcodes(): Debian's 1.4 aborts in it). In-process: an
// assert() in Debian's ZXing can abort the caller, so the till decodes camera frames through DecoderClient, in a
// separate process (omnitill-decoder, the only program that links ZXing); this is for that process, tests and
// benchmarks.
// `safe` leaves out what makes Debian's ZXing abort (GS1 DataBar), for DecoderClient's safe mode.
std::optional<ScanResult> decodeLuma(const LumaFrame &frame, ScanMode mode, qint64 atMs = 0, bool safe = false);

// A camera frame as the decoder process reads it: the aiming region `roi` first (DataMatrix is found only near the
// centre lines, and the region is quicker), then, when it holds nothing, the whole frame, halved when much wider than
// kWholeFramePassWidth so the pass stays within a frame's time: a phone's QR held close, larger than the region, or a
// code beside it.
inline constexpr int kWholeFramePassWidth = 1280;
std::optional<ScanResult> decodeCameraFrame(
    const LumaFrame &frame, QRect roi, ScanMode mode, qint64 atMs = 0, bool safe = false);
// 2×2 averages: a frame half as wide and high.
LumaFrame halved(const LumaFrame &frame);

// ZXing's own read of a whole 32-bit colour picture (B, G, R, X bytes, as QImage::Format_RGB32 holds them), with its
// own grey conversion and decodeLuma's hints: the reference the camera path is held to in tests.
std::optional<ScanResult> decodeBgrx(const uchar *pixels, int width, int height, int stride, ScanMode mode);

} // namespace omnitill
