// SPDX-License-Identifier: GPL-3.0-or-later
// The layout walk the screen tests share (the till's tests/app/till/layouttest.cpp, the kiosk's
// tests/app/kiosk/kiosktest.cpp): every visible item of a screen, failing on
//  - an item cut off by the window (or by the popup it is in),
//  - text that does not fit its item and is not elided,
//  - a touch target (button, line, text field) smaller than 48 px,
//  - two touch targets that overlap.
#pragma once

#include <QList>
#include <QQuickItem>
#include <QRectF>
#include <QStringList>

namespace layoutwalk {

constexpr qreal kMinTouch = 48;
constexpr qreal kSlack = 0.5;

inline bool isTouchTarget(const QQuickItem *item)
{
    return item->inherits("QQuickAbstractButton") || item->inherits("QQuickTextInput");
}

inline QString describe(const QQuickItem *item)
{
    QString name = item->objectName();
    if (name.isEmpty()) {
        const QVariant text = item->property("text");
        name = text.isValid() ? QStringLiteral("\"%1\"").arg(text.toString().left(40)) : QString();
    }
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(item->metaObject()->className()), name);
}

inline bool isAncestor(const QQuickItem *ancestor, const QQuickItem *item)
{
    for (const QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (p == ancestor)
            return true;
    }
    return false;
}

// What one screen shows, walked item by item.
class Walk
{
public:
    explicit Walk(QQuickItem *root)
    {
        visit(root, root->mapRectToScene(QRectF(0, 0, root->width(), root->height())), false, false);
        for (qsizetype i = 0; i < m_targets.size(); ++i) {
            for (qsizetype j = i + 1; j < m_targets.size(); ++j) {
                const Target &a = m_targets[i];
                const Target &b = m_targets[j];
                if (isAncestor(a.item, b.item) || isAncestor(b.item, a.item))
                    continue;
                const QRectF both = a.visible.intersected(b.visible);
                if (both.width() > 1 && both.height() > 1)
                    m_problems << QStringLiteral("%1 overlaps %2").arg(describe(a.item), describe(b.item));
            }
        }
    }
    const QStringList &problems() const { return m_problems; }

private:
    struct Target
    {
        QQuickItem *item;
        QRectF visible;
    };

    // `clip`: what of the scene this item may show (the window or the popup, cut by clipping ancestors);
    // `scrolled`: inside a clipping view, where being cut off is scrolling, not a fault; `cut`: an ancestor was
    // reported cut off already (once per item that is).
    void visit(QQuickItem *item, QRectF clip, bool scrolled, bool cut)
    {
        if (!item->isVisible() || item->opacity() <= 0.01 || item->inherits("QQuickOverlay"))
            return;
        const QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        const bool sized = item->width() > 0 && item->height() > 0;
        const QRectF shown = rect.intersected(clip);
        if (sized && !scrolled && !cut && !rect.isEmpty()
            && !clip.adjusted(-kSlack, -kSlack, kSlack, kSlack).contains(rect)) {
            cut = true;
            m_problems << QStringLiteral("%1 is cut off: %2,%3 %4x%5 outside %6,%7 %8x%9")
                              .arg(describe(item))
                              .arg(rect.x())
                              .arg(rect.y())
                              .arg(rect.width())
                              .arg(rect.height())
                              .arg(clip.x())
                              .arg(clip.y())
                              .arg(clip.width())
                              .arg(clip.height());
        }
        if (sized && shown.width() > 1 && shown.height() > 1) {
            if (item->inherits("QQuickText") && !item->property("text").toString().isEmpty()) {
                const qreal w = item->property("contentWidth").toReal();
                const qreal h = item->property("contentHeight").toReal();
                if (w > item->width() + 1 || h > item->height() + 1)
                    m_problems << QStringLiteral("%1 does not fit: text %2x%3 in %4x%5")
                                      .arg(describe(item))
                                      .arg(w)
                                      .arg(h)
                                      .arg(item->width())
                                      .arg(item->height());
            }
            if (isTouchTarget(item) && item->isEnabled()) {
                if (item->height() < kMinTouch - kSlack
                    || (item->inherits("QQuickAbstractButton") && item->width() < kMinTouch - kSlack))
                    m_problems << QStringLiteral("%1 is a touch target of %2x%3, under 48 px")
                                      .arg(describe(item))
                                      .arg(item->width())
                                      .arg(item->height());
                m_targets.append(Target { item, shown });
            }
        }
        if (item->clip()) {
            clip = shown;
            scrolled = scrolled || item->inherits("QQuickFlickable");
        }
        if (item->inherits("QQuickFlickable"))
            scrolled = true;
        for (QQuickItem *child : item->childItems())
            visit(child, clip, scrolled, cut);
    }

    QStringList m_problems;
    QList<Target> m_targets;
};

// The visible item called `name` below `in`, searched front to back (popups are children of the overlay, on top).
inline QQuickItem *findVisible(QQuickItem *in, const QString &name)
{
    const auto children = in->childItems();
    for (auto it = children.crbegin(); it != children.crend(); ++it) {
        if (!(*it)->isVisible())
            continue;
        if ((*it)->objectName() == name)
            return *it;
        if (QQuickItem *found = findVisible(*it, name))
            return found;
    }
    return nullptr;
}

} // namespace layoutwalk
