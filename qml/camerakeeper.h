// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scan/camerarecovery.h"

#include <QCameraDevice>
#include <QMediaDevices>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>

namespace omnitill {

// Keeps a Camera scanning with nobody to restart it (the kiosk; the till's camera view too): bind the Camera's
// cameraDevice and active to this, and report its errors and the frames the CameraScanner sees. A camera unplugged
// and plugged back in, taken by the system, or silent for `stallMs` while it should run, is started again on its own
// (CameraRecovery says when).
class CameraKeeper : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Whether the view wants the camera at all (a page shown, a kiosk awake).
    Q_PROPERTY(bool wanted READ wanted WRITE setWanted NOTIFY changed)
    Q_PROPERTY(QCameraDevice cameraDevice READ cameraDevice NOTIFY changed)
    // Bind Camera.active to this.
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(bool hasCamera READ hasCamera NOTIFY changed)
    // Frames seen so far (CameraScanner.framesSeen): when it stops growing, the camera has stalled.
    Q_PROPERTY(int frames READ frames WRITE setFrames NOTIFY framesChanged)
    Q_PROPERTY(int restarts READ restarts NOTIFY changed)
    Q_PROPERTY(int stallMs READ stallMs WRITE setStallMs NOTIFY changed)

public:
    explicit CameraKeeper(QObject *parent = nullptr);

    bool wanted() const { return m_wanted; }
    void setWanted(bool wanted);
    QCameraDevice cameraDevice() const { return m_device; }
    bool running() const { return m_wanted && m_recovery.shouldRun() && !m_restarting; }
    bool hasCamera() const { return !m_device.isNull(); }
    int frames() const { return m_frames; }
    void setFrames(int frames);
    int restarts() const { return m_recovery.restarts(); }
    int stallMs() const { return m_stall.interval(); }
    void setStallMs(int ms);

    // The Camera's errorOccurred: stopped now, started again after the back-off.
    Q_INVOKABLE void reportError(const QString &message);

Q_SIGNALS:
    void changed();
    void framesChanged();

private:
    void readDevices();
    void restart();

    QMediaDevices m_devices;
    CameraRecovery m_recovery;
    QCameraDevice m_device;
    QTimer m_retry;
    QTimer m_stall;
    bool m_wanted = true;
    bool m_restarting = false;
    int m_frames = 0;
};

} // namespace omnitill
