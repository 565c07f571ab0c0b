// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/camerascanner.h"
#include "core/scan/decoderclient.h"
#include "core/scan/logging.h"
#include "core/scan/scanservice.h"

#include <QImage>
#include <QSysInfo>
#include <QVideoSink>

namespace omnitill {

CameraScanner::CameraScanner(QObject *parent)
    : QObject(parent)
{ }

void CameraScanner::setVideoSink(QVideoSink *sink)
{
    if (m_sink == sink)
        return;
    if (m_sink)
        disconnect(m_sink, nullptr, this, nullptr);
    m_sink = sink;
    if (m_sink)
        connect(m_sink, &QVideoSink::videoFrameChanged, this, &CameraScanner::onFrame);
    Q_EMIT videoSinkChanged();
}

void CameraScanner::setScanner(ScanService *scanner)
{
    if (m_scanner == scanner)
        return;
    m_scanner = scanner;
    prepare();
    Q_EMIT scannerChanged();
}

void CameraScanner::prepare()
{
    if (m_active && m_scanner)
        m_scanner->prepareCamera(); // the decoder process runs only once a camera view is open
}

void CameraScanner::setMode(const QString &mode)
{
    const auto m = scanModeFromName(mode);
    if (!m) {
        qCWarning(lcScanner) << "unknown camera scan mode" << mode << "- use retail, qr or fresh";
        return;
    }
    if (*m == m_mode)
        return;
    m_mode = *m;
    Q_EMIT modeChanged();
}

void CameraScanner::setRoiFraction(double fraction)
{
    fraction = std::clamp(fraction, 0.1, 1.0);
    if (qFuzzyCompare(fraction, m_roiFraction))
        return;
    m_roiFraction = fraction;
    Q_EMIT roiFractionChanged();
}

void CameraScanner::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    prepare();
    Q_EMIT activeChanged();
}

namespace {
// Copies the Y samples of plane 0: `step` bytes between samples, the first at `offset` (packed 4:2:2).
LumaFrame copyLuma(const QVideoFrame &f, int step, int offset)
{
    const int w = f.width();
    const int h = f.height();
    LumaFrame out { QByteArray(qsizetype(w) * h, Qt::Uninitialized), w, h };
    const uchar *plane = f.bits(0);
    const int stride = f.bytesPerLine(0);
    for (int y = 0; y < h; ++y) {
        const uchar *row = plane + qsizetype(y) * stride + offset;
        char *dst = out.pixels.data() + qsizetype(y) * w;
        if (step == 1) {
            std::copy_n(row, w, dst);
        } else {
            for (int x = 0; x < w; ++x)
                dst[x] = char(row[qsizetype(x) * step]);
        }
    }
    return out;
}

// The luma of 32-bit RGB rows with the given byte offsets of R, G and B, as ZXing converts them.
LumaFrame copyRgbLuma(const uchar *plane, int stride, int w, int h, int r, int g, int b)
{
    LumaFrame out { QByteArray(qsizetype(w) * h, Qt::Uninitialized), w, h };
    for (int y = 0; y < h; ++y) {
        const uchar *px = plane + qsizetype(y) * stride;
        char *dst = out.pixels.data() + qsizetype(y) * w;
        for (int x = 0; x < w; ++x, px += 4)
            dst[x] = char(lumaFromRgb(px[r], px[g], px[b]));
    }
    return out;
}
} // namespace

LumaFrame CameraScanner::lumaOf(const QVideoFrame &frame)
{
    QVideoFrame f(frame);
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly))
        return {};
    LumaFrame out;
    const auto rgb = [&](int r, int g, int b) {
        return copyRgbLuma(f.bits(0), f.bytesPerLine(0), f.width(), f.height(), r, g, b);
    };
    switch (f.pixelFormat()) {
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_IMC1:
    case QVideoFrameFormat::Format_IMC2:
    case QVideoFrameFormat::Format_IMC3:
    case QVideoFrameFormat::Format_IMC4:
    case QVideoFrameFormat::Format_Y8:
        out = copyLuma(f, 1, 0);
        break;
    case QVideoFrameFormat::Format_YUYV:
        out = copyLuma(f, 2, 0);
        break;
    case QVideoFrameFormat::Format_UYVY:
        out = copyLuma(f, 2, 1);
        break;
    case QVideoFrameFormat::Format_BGRA8888:
    case QVideoFrameFormat::Format_BGRX8888:
        out = rgb(2, 1, 0);
        break;
    case QVideoFrameFormat::Format_RGBA8888:
    case QVideoFrameFormat::Format_RGBX8888:
        out = rgb(0, 1, 2);
        break;
    case QVideoFrameFormat::Format_ARGB8888:
    case QVideoFrameFormat::Format_XRGB8888:
        out = rgb(1, 2, 3);
        break;
    case QVideoFrameFormat::Format_ABGR8888:
    case QVideoFrameFormat::Format_XBGR8888:
        out = rgb(3, 2, 1);
        break;
    default: {
        // The rarer formats (P010, 16-bit, JPEG from some webcams, textures): let Qt convert to RGB, then take grey
        // as ZXing would.
        f.unmap();
        const QImage image = frame.toImage().convertToFormat(QImage::Format_RGB32);
        // Format_RGB32 is 0xffRRGGBB per 32-bit pixel: B, G, R, X in memory on little-endian machines.
        constexpr bool little = QSysInfo::ByteOrder == QSysInfo::LittleEndian;
        return copyRgbLuma(image.constBits(), int(image.bytesPerLine()), image.width(), image.height(), little ? 2 : 1,
            little ? 1 : 2, little ? 0 : 3);
    }
    }
    f.unmap();
    return out;
}

void CameraScanner::onFrame(const QVideoFrame &frame)
{
    if (!m_active || !m_scanner || !frame.isValid())
        return;
    ++m_framesSeen;
    const DecoderClient *decoder = m_scanner->decoder();
    if (!decoder || decoder->isBusy() || !decoder->isRunning()) {
        ++m_framesDropped; // dropped before any copy: the decoder still works on an older frame
    } else if (!m_scanner->offerFrame(lumaOf(frame), m_mode, centreRoi(frame.width(), frame.height(), m_roiFraction))) {
        ++m_framesDropped;
    }
    Q_EMIT statsChanged();
}

} // namespace omnitill
