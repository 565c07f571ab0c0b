// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/guimain.h"

#include <QEvent>
#include <QStringList>

namespace omnitill {

bool asksForHelp(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : { "-h", "--help", "-?", "--help-all", "-v", "--version" })
            if (qstrcmp(argv[i], flag) == 0)
                return true;
    }
    return false;
}

QSize parseWindowSize(const QString &text, QSize minimum)
{
    const QStringList parts = text.split(u'x');
    bool okW = false;
    bool okH = false;
    QSize size;
    if (parts.size() == 2)
        size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    if (!okW || !okH || size.width() < minimum.width() || size.height() < minimum.height())
        return {};
    return size;
}

bool ActivityFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
        m_noted();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace omnitill
