// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>

namespace omnitill {

// The body of omnitill-decoder: reads decoder requests (decoderprotocol.h) from `in` and answers each on `out`, until
// `in` ends (exit status 0). A request it cannot parse is answered with BadRequest; a length word it cannot trust
// ends the process with status 65, since the stream can no longer be followed. ZXing may abort the process on some
// images (Debian's 1.4 has assert() compiled in): DecoderClient restarts it.
int runDecoderWorker(std::FILE *in, std::FILE *out);

} // namespace omnitill
