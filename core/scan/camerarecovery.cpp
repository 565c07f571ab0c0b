// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/camerarecovery.h"

#include <algorithm>

namespace omnitill {

bool CameraRecovery::devicesChanged(const QStringList &ids)
{
    m_devices = ids;
    if (!m_device.isEmpty() && ids.contains(m_device))
        return false;
    const QString next = ids.value(0);
    if (next == m_device)
        return false;
    m_device = next;
    m_waiting = false;
    m_failures = 0;
    if (!next.isEmpty())
        ++m_restarts;
    return true;
}

int CameraRecovery::failed()
{
    const int delay = std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_failures, 5));
    ++m_failures;
    ++m_restarts;
    m_waiting = true;
    return delay;
}

void CameraRecovery::working()
{
    m_failures = 0;
}

} // namespace omnitill
