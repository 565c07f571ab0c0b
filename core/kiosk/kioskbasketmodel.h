// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"

#include <QAbstractListModel>
#include <QLocale>

namespace omnitill {

// The kiosk's basket as a list model: lines come and go one at a time, so the screen's delegates are made once per
// line and not again at every scan (a kiosk runs for weeks; delegates made anew at each change cost memory that
// Qt Quick 6.4 does not all give back: the soak in tests/bench/bench_kiosk_soak.cpp measures it).
class KioskBasketModel : public QAbstractListModel
{
    Q_OBJECT
public:
    struct Line
    {
        QString sku;
        QString name;
        qint64 quantity = 1000; // thousandths of the item's unit
        Money unitPrice;
    };
    enum Role
    {
        SkuRole = Qt::UserRole + 1,
        NameRole,
        QuantityRole, // as shown
        PriceRole,
        TotalRole,
    };

    KioskBasketModel(Currency currency, QLocale locale, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Line> &lines() const { return m_lines; }
    // One more of `line`: added to a line of the same item at the same price when both are whole pieces.
    void add(const Line &line);
    void remove(int row);
    void clear();
    Money total() const;
    QString quantityText(qint64 milli) const;
    static qint64 lineTotalMinor(const Line &line);

private:
    Currency m_currency;
    QLocale m_locale;
    QList<Line> m_lines;
};

} // namespace omnitill
