// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/camerascanner.h"
#include "core/scan/decoderclient.h"
#include "core/scan/logging.h"
#include "core/scan/scanservice.h"

#include <QImage>
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
// Copies the Y samples of `roi` from plane 0: `step` bytes between samples, the first at `offset` (packed 4:2:2).
LumaFrame copyLuma(const QVideoFrame &f, QRect roi, int step, int offset)
{
    LumaFrame out { QByteArray(qsizetype(roi.width()) * roi.height(), Qt::Uninitialized), roi.width(), roi.height() };
    const uchar *plane = f.bits(0);
    const int stride = f.bytesPerLine(0);
    for (int y = 0; y < roi.height(); ++y) {
        const uchar *row = plane + qsizetype(roi.y() + y) * stride + qsizetype(roi.x()) * step + offset;
        char *dst = out.pixels.data() + qsizetype(y) * roi.width();
        if (step == 1) {
            std::copy_n(row, roi.width(), dst);
        } else {
            for (int x = 0; x < roi.width(); ++x)
                dst[x] = char(row[qsizetype(x) * step]);
        }
    }
    return out;
}

// Luma (BT.601, integer weights summing to 256) of `roi` from a 32-bit RGB plane with the given byte offsets.
LumaFrame copyRgbLuma(const QVideoFrame &f, QRect roi, int r, int g, int b)
{
    LumaFrame out { QByteArray(qsizetype(roi.width()) * roi.height(), Qt::Uninitialized), roi.width(), roi.height() };
    const uchar *plane = f.bits(0);
    const int stride = f.bytesPerLine(0);
    for (int y = 0; y < roi.height(); ++y) {
        const uchar *px = plane + qsizetype(roi.y() + y) * stride + qsizetype(roi.x()) * 4;
        char *dst = out.pixels.data() + qsizetype(y) * roi.width();
        for (int x = 0; x < roi.width(); ++x, px += 4)
            dst[x] = char((77 * px[r] + 150 * px[g] + 29 * px[b]) >> 8);
    }
    return out;
}
} // namespace

LumaFrame CameraScanner::lumaOf(const QVideoFrame &frame, double roiFraction)
{
    QVideoFrame f(frame);
    if (!f.isValid() || !f.map(QVideoFrame::ReadOnly))
        return {};
    const QRect roi = centreRoi(f.width(), f.height(), roiFraction);
    LumaFrame out;
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
        out = copyLuma(f, roi, 1, 0);
        break;
    case QVideoFrameFormat::Format_YUYV:
        out = copyLuma(f, roi, 2, 0);
        break;
    case QVideoFrameFormat::Format_UYVY:
        out = copyLuma(f, roi, 2, 1);
        break;
    case QVideoFrameFormat::Format_BGRA8888:
    case QVideoFrameFormat::Format_BGRX8888:
        out = copyRgbLuma(f, roi, 2, 1, 0);
        break;
    case QVideoFrameFormat::Format_RGBA8888:
    case QVideoFrameFormat::Format_RGBX8888:
        out = copyRgbLuma(f, roi, 0, 1, 2);
        break;
    case QVideoFrameFormat::Format_ARGB8888:
    case QVideoFrameFormat::Format_XRGB8888:
        out = copyRgbLuma(f, roi, 1, 2, 3);
        break;
    case QVideoFrameFormat::Format_ABGR8888:
    case QVideoFrameFormat::Format_XBGR8888:
        out = copyRgbLuma(f, roi, 3, 2, 1);
        break;
    default: {
        // The rarer formats (P010, 16-bit, JPEG from some webcams, textures): let Qt convert, then take grey.
        f.unmap();
        const QImage grey = frame.toImage().convertToFormat(QImage::Format_Grayscale8).copy(roi);
        out = LumaFrame { QByteArray(qsizetype(grey.width()) * grey.height(), Qt::Uninitialized), grey.width(),
            grey.height() };
        for (int y = 0; y < grey.height(); ++y)
            std::copy_n(grey.constScanLine(y), grey.width(), out.pixels.data() + qsizetype(y) * grey.width());
        return out;
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
    } else if (!m_scanner->offerFrame(lumaOf(frame, m_roiFraction), m_mode)) {
        ++m_framesDropped;
    }
    Q_EMIT statsChanged();
}

} // namespace omnitill
