// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/qr/qrcode.h"

#include <QQuickPaintedItem>

namespace omnitill {

// A QR code of `text` (libqrencode through core/qr), drawn square and crisp at any size with its quiet zone: the
// link a customer's phone opens.
class QrCodeItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_NAMED_ELEMENT(QrCode)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    // Whether `text` fits a QR code (false for nothing, or too much).
    Q_PROPERTY(bool valid READ valid NOTIFY textChanged)

public:
    explicit QrCodeItem(QQuickItem *parent = nullptr);
    QString text() const { return m_text; }
    void setText(const QString &text);
    bool valid() const { return m_matrix.size > 0; }
    void paint(QPainter *painter) override;

Q_SIGNALS:
    void textChanged();

private:
    QString m_text;
    Qr::Matrix m_matrix;
};

} // namespace omnitill
