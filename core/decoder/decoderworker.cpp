// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/decoder/decoderworker.h"
#include "core/decoder/barcodedecoder.h"
#include "core/scan/decoderprotocol.h"

#include <QElapsedTimer>
#include <QtEndian>

namespace omnitill {

namespace {
bool readExactly(std::FILE *in, char *data, size_t size)
{
    return std::fread(data, 1, size, in) == size;
}
} // namespace

int runDecoderWorker(std::FILE *in, std::FILE *out)
{
    using namespace DecoderProtocol;
    for (;;) {
        char lengthWord[4];
        if (!readExactly(in, lengthWord, sizeof lengthWord))
            return 0; // the till closed the pipe
        const quint32 length = qFromBigEndian<quint32>(lengthWord);
        if (length > kMaxMessage) {
            std::fprintf(stderr, "omnitill-decoder: a request of %u bytes is larger than any frame\n", length);
            return 65;
        }
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        if (!readExactly(in, payload.data(), length)) {
            std::fprintf(stderr, "omnitill-decoder: the request ended early\n");
            return 65;
        }
        QString error;
        Answer answer;
        if (auto request = decodeRequest(payload, error)) {
            answer.seq = request->seq;
            QElapsedTimer timer;
            timer.start();
            const auto found
                = decodeCameraFrame(request->frame, request->roi, request->mode, request->atMs, request->safe);
            answer.decodeMicros = quint32(timer.nsecsElapsed() / 1000);
            if (found) {
                answer.status = Answer::Status::Found;
                answer.result = *found;
            }
        } else {
            answer.status = Answer::Status::BadRequest;
            answer.error = error;
        }
        const QByteArray reply = encode(answer);
        if (std::fwrite(reply.constData(), 1, size_t(reply.size()), out) != size_t(reply.size()) || std::fflush(out))
            return 74; // the till went away
    }
}

} // namespace omnitill
