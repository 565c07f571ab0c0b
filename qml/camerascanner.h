// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scan/lumaframe.h"
#include "core/scan/scanservice.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVideoFrame>
#include <QVideoSink>

namespace omnitill {

// Feeds camera frames from a QVideoSink (a VideoOutput's, or any other) to the ScanService. Each frame is taken as
// 8-bit luma (the Y plane for YUV formats, ZXing's own grey conversion otherwise) and offered to the decoder process
// with its aiming region, which the decoder reads first and the whole frame when the region holds nothing (a phone's
// QR held close); while the decoder is busy, frames are dropped before any conversion. Prison's VideoScanner is the
// model, with the decoding moved out of process.
class CameraScanner : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(omnitill::ScanService *scanner READ scanner WRITE setScanner NOTIFY scannerChanged)
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY modeChanged) // "retail", "qr" or "fresh"
    // The centred aiming region as a fraction of each side; the reticle in the UI shows the same.
    Q_PROPERTY(double roiFraction READ roiFraction WRITE setRoiFraction NOTIFY roiFractionChanged)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(int framesSeen READ framesSeen NOTIFY statsChanged)
    Q_PROPERTY(int framesDropped READ framesDropped NOTIFY statsChanged)

public:
    explicit CameraScanner(QObject *parent = nullptr);

    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);
    ScanService *scanner() const { return m_scanner; }
    void setScanner(ScanService *scanner);
    QString mode() const { return scanModeName(m_mode); }
    void setMode(const QString &mode);
    double roiFraction() const { return m_roiFraction; }
    void setRoiFraction(double fraction);
    bool isActive() const { return m_active; }
    void setActive(bool active);
    int framesSeen() const { return m_framesSeen; }
    int framesDropped() const { return m_framesDropped; }

    // `frame` as luma; invalid for a frame that cannot be mapped.
    static LumaFrame lumaOf(const QVideoFrame &frame);

Q_SIGNALS:
    void videoSinkChanged();
    void scannerChanged();
    void modeChanged();
    void roiFractionChanged();
    void activeChanged();
    void statsChanged();

private:
    void onFrame(const QVideoFrame &frame);
    void prepare();

    QPointer<QVideoSink> m_sink;
    QPointer<ScanService> m_scanner;
    ScanMode m_mode = ScanMode::Retail;
    double m_roiFraction = 0.6;
    bool m_active = true;
    int m_framesSeen = 0;
    int m_framesDropped = 0;
};

} // namespace omnitill
