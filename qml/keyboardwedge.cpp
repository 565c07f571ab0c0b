// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/keyboardwedge.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QWindow>

namespace omnitill {

namespace {
// Shift, Ctrl, Alt and the like: a scanner presses Shift for every capital and Ctrl for GS (Ctrl+]) and LF (Ctrl+J),
// so inside a burst they belong to the burst.
bool isModifierKey(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
    case Qt::Key_CapsLock:
        return true;
    default:
        return false;
    }
}

// The character a key press contributes to a possible scan, or a null QChar for keys that are never part of one.
QChar scanCharacter(const QKeyEvent *e)
{
    const Qt::KeyboardModifiers mods = e->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)
        return mods ? QChar() : QChar(u'\r');
    if (e->key() == Qt::Key_Tab)
        return mods ? QChar() : QChar(u'\t');
    if (mods == Qt::ControlModifier) {
        // The control characters scanners type as Ctrl+letter: GS (FNC1) as Ctrl+], CR as Ctrl+M, LF as Ctrl+J.
        switch (e->key()) {
        case Qt::Key_BracketRight:
            return QChar(0x1D);
        case Qt::Key_M:
            return QChar(u'\r');
        case Qt::Key_J:
            return QChar(u'\n');
        default:
            return {};
        }
    }
    if (!mods && e->text() == QLatin1String("\n"))
        return QChar(u'\n'); // the Linefeed key
    if (mods || e->text().size() != 1 || !e->text().at(0).isPrint())
        return {};
    return e->text().at(0);
}
} // namespace

KeyboardWedge::KeyboardWedge(WedgeDetector::Config config, QObject *parent)
    : QObject(parent)
    , m_detector(std::move(config))
{
    m_clock.start();
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_detector.config().maxGapMs + 5);
    connect(&m_idle, &QTimer::timeout, this, [this] { replay(m_detector.flush()); });
}

bool KeyboardWedge::eventFilter(QObject *watched, QEvent *event)
{
    if (m_replaying || event->type() != QEvent::KeyPress)
        return false;
    auto *window = qobject_cast<QWindow *>(watched);
    if (!window) // the window forwards keys to its focus item: deciding once, at the window, is enough
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if (isModifierKey(key->key()))
        return m_detector.pending(); // inside a burst it is the scanner's; otherwise the application's
    const QChar c = scanCharacter(key);
    if (c.isNull()) {
        replay(m_detector.flush()); // keep order: anything held back goes first
        return false;
    }
    m_window = window;
    handle(m_detector.feed(c, m_clock.elapsed()));
    m_idle.start();
    return true;
}

void KeyboardWedge::handle(const WedgeDetector::Outcome &outcome)
{
    switch (outcome.kind) {
    case WedgeDetector::Outcome::Kind::Pending:
        return;
    case WedgeDetector::Outcome::Kind::Typing:
        replay(outcome.text);
        return;
    case WedgeDetector::Outcome::Kind::Scan:
        m_idle.stop();
        Q_EMIT scanned(outcome.text);
        return;
    }
}

void KeyboardWedge::replay(const QString &typed)
{
    if (typed.isEmpty() || !m_window)
        return;
    m_replaying = true;
    for (QChar c : typed) {
        // The key as it was pressed: letters upper case as Qt names keys, control characters as Ctrl+key.
        int key = c.toUpper().unicode();
        Qt::KeyboardModifiers modifiers = Qt::NoModifier;
        if (c == u'\r') {
            key = Qt::Key_Return;
        } else if (c == u'\t') {
            key = Qt::Key_Tab;
        } else if (c == u'\n') {
            key = Qt::Key_J;
            modifiers = Qt::ControlModifier;
        } else if (c == QChar(0x1D)) {
            key = Qt::Key_BracketRight;
            modifiers = Qt::ControlModifier;
        }
        const QString text(c);
        QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
        QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
        QCoreApplication::sendEvent(m_window, &press);
        QCoreApplication::sendEvent(m_window, &release);
    }
    m_replaying = false;
}

} // namespace omnitill
