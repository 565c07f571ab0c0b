// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace omnitill {

// Keeps an unattended camera scanning without staff. It follows the cameras attached (a USB camera unplugged and
// plugged in again, a tablet camera the system took away) and the camera's own reports:
//  - the camera in use disappears: the default of those left is used, or none until one comes;
//  - a camera comes while none is in use: it is started;
//  - the camera fails (an error, or no frame for a while when it should be running): it is stopped and started again
//    after a back-off of 1, 2, 4, … up to 30 s; frames arriving again reset the back-off.
// Only the decisions live here; qml/camerakeeper.h applies them to a Qt Multimedia camera.
class CameraRecovery
{
public:
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 30'000;

    // The cameras attached now, by id, the system's default first. True when the camera to run changed.
    bool devicesChanged(const QStringList &ids);
    // The camera failed: how long to wait before starting it again.
    int failed();
    // Frames arrive: the camera works.
    void working();

    // The camera to run ("" for none) and whether it should be running now (not waiting for a retry).
    QString device() const { return m_device; }
    bool shouldRun() const { return !m_device.isEmpty() && !m_waiting; }
    // The retry's wait is over.
    void retryDue() { m_waiting = false; }
    int failures() const { return m_failures; }
    int restarts() const { return m_restarts; }

private:
    QStringList m_devices;
    QString m_device;
    bool m_waiting = false;
    int m_failures = 0; // since the last frame
    int m_restarts = 0; // in all
};

} // namespace omnitill
