// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-decoder: decodes camera frames for the till in a process of its own, so that an abort inside ZXing (Debian's
// 1.4 ships with assert() enabled) costs one frame and a restart, never the sale. Speaks decoderprotocol.h on
// stdin/stdout; started and restarted by DecoderClient.
#include "core/decoder/decoderworker.h"

#include <cstdio>

int main(int argc, char *argv[])
{
    (void)argv; // no QCoreApplication: a restart after a crash should cost as little as possible
    if (argc > 1) {
        std::fprintf(stderr, "usage: omnitill-decoder (started by the till; reads frames on standard input)\n");
        return 64;
    }
    return omnitill::runDecoderWorker(stdin, stdout);
}
