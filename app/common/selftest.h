// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QQmlApplicationEngine;

namespace omnitill {

// Counts Qt warnings while it lives: the till's --self-test and the Qt Quick tests fail on any. One at a time.
// QtMultimedia 6.4 asks PulseAudio for audio devices whenever a Camera or a SoundEffect is made, and each scan sound
// says when there is no audio device; CI machines (and many tills) have neither a sound server nor a speaker, which
// the Settings page tells the store, so those two messages are not counted.
class WarningCounter
{
public:
    WarningCounter();
    ~WarningCounter();
    WarningCounter(const WarningCounter &) = delete;
    WarningCounter &operator=(const WarningCounter &) = delete;
    int count() const;
};

// The till's --self-test: once the window has had `settleMs` to lay out and render, saves it as a PNG when
// `screenshot` is set, then ends the event loop with 0, or 1 if `warnings` saw any warning or the screenshot failed.
void scheduleSelfTest(
    QQmlApplicationEngine &engine, const WarningCounter &warnings, const QString &screenshot, int settleMs = 500);

} // namespace omnitill
