// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSize>
#include <QString>

#include <functional>

namespace omnitill {

// What the GUI programs (the till, the kiosk) share before and around their window.

// --help or --version among the arguments: answered without a display, so no QGuiApplication is made.
bool asksForHelp(int argc, char *argv[]);
// "WxH" as a window size of at least `minimum`; an invalid size when the text is not one.
QSize parseWindowSize(const QString &text, QSize minimum);

// Every key press, click and touch anywhere in the application calls `noted` (a cashier or a customer is still
// there). Install it on the application.
class ActivityFilter : public QObject
{
public:
    explicit ActivityFilter(std::function<void()> noted)
        : m_noted(std::move(noted))
    { }
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::function<void()> m_noted;
};

} // namespace omnitill
