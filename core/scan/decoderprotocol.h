// SPDX-License-Identifier: GPL-3.0-or-later
// The pipe protocol between the till (DecoderClient) and omnitill-decoder. Each message is a 32-bit big-endian
// length and a QDataStream payload. Requests carry one grey frame; answers carry at most one symbol.
#pragma once

#include "core/codes/scanresult.h"
#include "core/scan/lumaframe.h"

#include <QDataStream>

#include <optional>

namespace omnitill::DecoderProtocol {

inline constexpr quint32 kRequestMagic = 0x4f544452; // "OTDR"
inline constexpr quint32 kAnswerMagic = 0x4f544441; // "OTDA"
inline constexpr quint32 kMaxMessage = 80u * 1024 * 1024; // a full 8192² frame and its header fit

struct Request
{
    quint32 seq = 0;
    ScanMode mode = ScanMode::Retail;
    qint64 atMs = 0;
    QRect roi; // the aiming region, read first; empty: the whole frame only
    bool safe = false; // leave out what has made the decoder abort (DecoderClient's safe mode)
    LumaFrame frame;
};

struct Answer
{
    enum class Status : quint8
    {
        NoCode = 0,
        Found = 1,
        BadRequest = 2,
    };
    quint32 seq = 0;
    Status status = Status::NoCode;
    quint32 decodeMicros = 0;
    ScanResult result;
    QString error;
};

QByteArray encode(const Request &request);
// encode() without the pixels: a sender writes this, then frame.pixels, and saves copying a whole frame.
QByteArray encodeHead(const Request &request);
QByteArray encode(const Answer &answer);
// Each takes the payload after the length word; nullopt (with `error` set) for anything malformed.
std::optional<Request> decodeRequest(const QByteArray &payload, QString &error);
std::optional<Answer> decodeAnswer(const QByteArray &payload, QString &error);
// Takes one complete message off the front of `buffer`, if it holds one. A length over kMaxMessage is an error.
std::optional<QByteArray> takeMessage(QByteArray &buffer, QString &error);

} // namespace omnitill::DecoderProtocol
