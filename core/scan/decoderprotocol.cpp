// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/decoderprotocol.h"

#include <QIODevice>
#include <QtEndian>

namespace omnitill::DecoderProtocol {

namespace {
QByteArray framed(const QByteArray &payload)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(quint32(payload.size()), out.data());
    return out + payload;
}
} // namespace

QByteArray encodeHead(const Request &r)
{
    // The same bytes QDataStream writes for the whole request, up to and including the pixels' length word.
    QByteArray head;
    QDataStream out(&head, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kRequestMagic << r.seq << quint8(r.mode) << r.atMs << qint32(r.roi.x()) << qint32(r.roi.y())
        << qint32(r.roi.width()) << qint32(r.roi.height()) << quint8(r.safe ? 1 : 0) << qint32(r.frame.width)
        << qint32(r.frame.height) << quint32(r.frame.pixels.size());
    QByteArray length(4, Qt::Uninitialized);
    qToBigEndian(quint32(head.size() + r.frame.pixels.size()), length.data());
    return length + head;
}

QByteArray encode(const Request &r)
{
    return encodeHead(r) + r.frame.pixels;
}

QByteArray encode(const Answer &a)
{
    QByteArray payload;
    QDataStream out(&payload, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kAnswerMagic << a.seq << quint8(a.status) << a.decodeMicros << a.result.text() << a.result.bytes()
        << a.result.symbologyId() << a.result.atMs() << a.error;
    return framed(payload);
}

std::optional<Request> decodeRequest(const QByteArray &payload, QString &error)
{
    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint8 mode = 0;
    qint32 roi[4] = {};
    quint8 safe = 0;
    qint32 width = 0;
    qint32 height = 0;
    Request r;
    in >> magic >> r.seq >> mode >> r.atMs >> roi[0] >> roi[1] >> roi[2] >> roi[3] >> safe >> width >> height;
    if (in.status() != QDataStream::Ok || magic != kRequestMagic) {
        error = QStringLiteral("not a decoder request");
        return std::nullopt;
    }
    if (mode > quint8(ScanMode::Fresh)) {
        error = QStringLiteral("unknown scan mode %1").arg(mode);
        return std::nullopt;
    }
    if (width <= 0 || height <= 0 || width > kMaxFrameSide || height > kMaxFrameSide) {
        error = QStringLiteral("frame size %1×%2 is out of range").arg(width).arg(height);
        return std::nullopt;
    }
    in >> r.frame.pixels;
    if (in.status() != QDataStream::Ok || r.frame.pixels.size() != qsizetype(width) * height || !in.atEnd()) {
        error = QStringLiteral("frame data does not match %1×%2").arg(width).arg(height);
        return std::nullopt;
    }
    r.roi = QRect(roi[0], roi[1], roi[2], roi[3]);
    if (!r.roi.isEmpty() && !QRect(0, 0, width, height).contains(r.roi)) {
        error = QStringLiteral("the aiming region is not inside the %1×%2 frame").arg(width).arg(height);
        return std::nullopt;
    }
    if (safe > 1) {
        error = QStringLiteral("unknown decoder flags %1").arg(safe);
        return std::nullopt;
    }
    r.safe = safe == 1;
    r.mode = ScanMode(mode);
    r.frame.width = width;
    r.frame.height = height;
    return r;
}

std::optional<Answer> decodeAnswer(const QByteArray &payload, QString &error)
{
    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint8 status = 0;
    QString text;
    QByteArray bytes;
    QString symbologyId;
    qint64 atMs = 0;
    Answer a;
    in >> magic >> a.seq >> status >> a.decodeMicros >> text >> bytes >> symbologyId >> atMs >> a.error;
    if (in.status() != QDataStream::Ok || magic != kAnswerMagic || status > quint8(Answer::Status::BadRequest)
        || !in.atEnd()) {
        error = QStringLiteral("the decoder sent a malformed answer");
        return std::nullopt;
    }
    a.status = Answer::Status(status);
    a.result = ScanResult(std::move(text), std::move(bytes), std::move(symbologyId), ScanResult::Source::Camera, atMs);
    return a;
}

std::optional<QByteArray> takeMessage(QByteArray &buffer, QString &error)
{
    if (buffer.size() < 4)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(buffer.constData());
    if (length > kMaxMessage) {
        error = QStringLiteral("message of %1 bytes is larger than any frame").arg(length);
        return std::nullopt;
    }
    if (buffer.size() < 4 + qsizetype(length))
        return std::nullopt;
    QByteArray payload = buffer.mid(4, length);
    buffer.remove(0, 4 + qsizetype(length));
    return payload;
}

} // namespace omnitill::DecoderProtocol
