// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/keyboardwedge.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QWindow>

namespace omnitill {

namespace {
// The character a key press contributes to a possible scan, or a null QChar for keys that are never part of one.
QChar scanCharacter(const QKeyEvent *e)
{
    const Qt::KeyboardModifiers mods = e->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)
        return mods ? QChar() : QChar(u'\r');
    if (e->key() == Qt::Key_Tab)
        return mods ? QChar() : QChar(u'\t');
    if (mods == Qt::ControlModifier && e->key() == Qt::Key_BracketRight)
        return QChar(0x1D); // Ctrl+] is how wedge scanners type GS (FNC1)
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
        int key = c.toUpper().unicode();
        QString text(c);
        if (c == u'\r')
            key = Qt::Key_Return;
        else if (c == u'\t')
            key = Qt::Key_Tab;
        else if (c == QChar(0x1D))
            key = Qt::Key_BracketRight;
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
        QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
        QCoreApplication::sendEvent(m_window, &press);
        QCoreApplication::sendEvent(m_window, &release);
    }
    m_replaying = false;
}

} // namespace omnitill
