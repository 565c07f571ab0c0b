// SPDX-License-Identifier: GPL-3.0-or-later
// The real `omnitill-hub serve` in its own process, for tests that treat the hub as a person or a terminal would.
#pragma once

#include <QProcess>
#include <QTest>

namespace omnitill::test {

// Starts `hubBinary serve` on `dbFile` and an ephemeral port; the port it printed, or 0.
inline quint16 serveHub(QProcess &hub, const QString &hubBinary, const QString &dbFile)
{
    hub.start(hubBinary,
        { QStringLiteral("--db"), dbFile, QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0") });
    if (!hub.waitForStarted(10'000))
        return 0;
    QByteArray banner;
    if (!QTest::qWaitFor(
            [&] {
                banner += hub.readAllStandardOutput();
                return banner.contains('\n');
            },
            10'000))
        return 0;
    return quint16(banner.mid(banner.lastIndexOf(':') + 1).trimmed().toUInt());
}

} // namespace omnitill::test
