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
std::optional<ScanResult> decodeLuma(const LumaFrame &frame, ScanMode mode, qint64 atMs = 0);

} // namespace omnitill
