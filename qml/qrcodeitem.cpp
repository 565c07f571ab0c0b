// SPDX-License-Identifier: GPL-3.0-or-later
#include "qml/qrcodeitem.h"

#include <QPainter>

namespace omnitill {

QrCodeItem::QrCodeItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(false);
}

void QrCodeItem::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_matrix = {};
    if (!text.isEmpty()) {
        if (auto matrix = Qr::encode(text.toUtf8(), Qr::Ecc::Medium))
            m_matrix = *matrix;
    }
    Q_EMIT textChanged();
    update();
}

void QrCodeItem::paint(QPainter *painter)
{
    const qreal side = std::min(width(), height());
    painter->fillRect(QRectF(0, 0, width(), height()), Qt::white);
    if (m_matrix.size == 0 || side <= 0)
        return;
    constexpr int kQuietZone = 4; // modules of white around, as readers need
    const int modules = m_matrix.size + 2 * kQuietZone;
    const int unit = std::max(1, int(side / modules)); // whole pixels per module: sharp edges
    const qreal origin = (side - unit * modules) / 2 + kQuietZone * unit;
    const qreal x0 = (width() - side) / 2 + origin, y0 = (height() - side) / 2 + origin;
    for (int y = 0; y < m_matrix.size; ++y) {
        for (int x = 0; x < m_matrix.size; ++x) {
            if (m_matrix.dark(x, y))
                painter->fillRect(QRectF(x0 + x * unit, y0 + y * unit, unit, unit), Qt::black);
        }
    }
}

} // namespace omnitill
