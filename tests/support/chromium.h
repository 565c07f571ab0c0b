// SPDX-License-Identifier: GPL-3.0-or-later
// Pages the hub serves, loaded by headless Chromium as a phone would (390x844): what Chromium made of the page (the
// DOM after parsing), or a screenshot. The hub answers on the test's thread, so the event loop keeps turning while
// Chromium loads.
#pragma once

#include <QDir>
#include <QProcess>
#include <QTest>

namespace omnitill::test {

// The DOM (or, with `screenshot`, a PNG written there), or why Chromium could not load the page.
inline QString chromiumDom(const QString &url, const QString &screenshot = {})
{
    QProcess chromium;
    QStringList args { QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"),
        QStringLiteral("--disable-gpu"), QStringLiteral("--window-size=390,844"),
        QStringLiteral("--user-data-dir=") + QDir::tempPath() + QStringLiteral("/omnitill-chromium") };
    args << (screenshot.isEmpty() ? QStringLiteral("--dump-dom") : QStringLiteral("--screenshot=") + screenshot) << url;
    chromium.start(QStringLiteral("chromium"), args);
    if (!chromium.waitForStarted(10'000))
        return QStringLiteral("chromium did not start (packaging/install-deps.sh installs it)");
    if (!QTest::qWaitFor([&] { return chromium.state() == QProcess::NotRunning; }, 60'000))
        return QStringLiteral("chromium did not finish");
    return QString::fromUtf8(chromium.readAllStandardOutput());
}

} // namespace omnitill::test
