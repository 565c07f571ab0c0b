// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/camerakeeper.h"

#include "core/scan/logging.h"

namespace omnitill {

namespace {
QStringList videoInputIds()
{
    QStringList ids;
    for (const QCameraDevice &d : QMediaDevices::videoInputs())
        ids.append(QString::fromUtf8(d.id()));
    return ids;
}
} // namespace

CameraKeeper::CameraKeeper(QObject *parent)
    : QObject(parent)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_recovery.retryDue();
        readDevices();
        Q_EMIT changed();
        m_stall.start();
    });
    m_stall.setInterval(10'000);
    connect(&m_stall, &QTimer::timeout, this, [this] {
        if (running())
            reportError(QStringLiteral("no frame for %1 ms").arg(m_stall.interval()));
    });
    connect(&m_devices, &QMediaDevices::videoInputsChanged, this, [this] {
        if (m_recovery.devicesChanged(videoInputIds())) {
            qCInfo(lcScanner) << "the cameras changed; camera now" << m_recovery.device();
            readDevices();
            restart();
        }
    });
    m_recovery.devicesChanged(videoInputIds());
    readDevices();
    m_stall.start();
}

void CameraKeeper::readDevices()
{
    m_device = QCameraDevice();
    for (const QCameraDevice &d : QMediaDevices::videoInputs())
        if (QString::fromUtf8(d.id()) == m_recovery.device())
            m_device = d;
}

void CameraKeeper::restart()
{
    // Off, then on again once QML has seen it off: the Camera opens the device anew.
    m_restarting = true;
    Q_EMIT changed();
    QTimer::singleShot(0, this, [this] {
        m_restarting = false;
        Q_EMIT changed();
        m_stall.start();
    });
}

void CameraKeeper::setWanted(bool wanted)
{
    if (wanted == m_wanted)
        return;
    m_wanted = wanted;
    if (wanted)
        m_stall.start();
    Q_EMIT changed();
}

void CameraKeeper::setFrames(int frames)
{
    if (frames == m_frames)
        return;
    m_frames = frames;
    m_recovery.working();
    m_stall.start(); // a frame: the stall timer counts from here
    Q_EMIT framesChanged();
}

void CameraKeeper::setStallMs(int ms)
{
    if (ms == m_stall.interval() || ms < 1000)
        return;
    m_stall.setInterval(ms);
    Q_EMIT changed();
}

void CameraKeeper::reportError(const QString &message)
{
    if (!m_wanted || m_recovery.device().isEmpty())
        return;
    const int delay = m_recovery.failed();
    qCWarning(lcScanner) << "the camera failed:" << message << "- starting it again in" << delay << "ms";
    m_stall.stop();
    m_retry.start(delay);
    Q_EMIT changed();
}

} // namespace omnitill
