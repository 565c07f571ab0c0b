// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/scan/wedgedetector.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QKeyEvent;
class QWindow;

namespace omnitill {

// Application-wide keyboard-wedge scanner input. Installed on the application, it holds back key presses at the
// window level until it knows whether they are a scanner burst: bursts become scanned() and never reach a text field,
// whatever has focus; typing is replayed to the window unchanged, at most maxGapMs later.
class KeyboardWedge : public QObject
{
    Q_OBJECT
public:
    explicit KeyboardWedge(WedgeDetector::Config config, QObject *parent = nullptr);
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void scanned(const QString &code);

private:
    void replay(const QString &typed);
    void handle(const WedgeDetector::Outcome &outcome);

    WedgeDetector m_detector;
    QElapsedTimer m_clock;
    QTimer m_idle;
    QPointer<QWindow> m_window;
    bool m_replaying = false;
};

} // namespace omnitill
