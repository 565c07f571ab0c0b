// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/selftest.h"

#include <QCoreApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

namespace omnitill {

namespace {
int s_warnings = 0;
QtMessageHandler s_previous = nullptr;

void countWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool noSoundServer = message == QLatin1String("PulseAudioService: pa_context_connect() failed")
        || message == QLatin1String("No audio device detected");
    if ((type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) && !noSoundServer)
        ++s_warnings;
    s_previous(type, context, message);
}
} // namespace

WarningCounter::WarningCounter()
{
    Q_ASSERT(!s_previous);
    s_warnings = 0;
    s_previous = qInstallMessageHandler(countWarnings);
}

WarningCounter::~WarningCounter()
{
    qInstallMessageHandler(s_previous);
    s_previous = nullptr;
}

int WarningCounter::count() const
{
    return s_warnings;
}

void scheduleSelfTest(
    QQmlApplicationEngine &engine, const WarningCounter &warnings, const QString &screenshot, int settleMs)
{
    QTimer::singleShot(settleMs, &engine, [&engine, &warnings, screenshot] {
        bool ok = true;
        if (!screenshot.isEmpty()) {
            auto *window = engine.rootObjects().isEmpty()
                ? nullptr
                : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
            if (!window || !window->grabWindow().save(screenshot)) {
                std::fprintf(stderr, "omnitill: could not save %s\n", qPrintable(screenshot));
                ok = false;
            }
        }
        if (warnings.count() > 0) {
            std::fprintf(stderr, "omnitill: self-test saw %d warning(s)\n", warnings.count());
            ok = false;
        } else if (ok) {
            std::fprintf(stdout, "omnitill: self-test passed\n");
        }
        QCoreApplication::exit(ok ? 0 : 1);
    });
}

} // namespace omnitill
