// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/kiosk/kioskbasketmodel.h"

#include "core/sale/cart.h"

namespace omnitill {

KioskBasketModel::KioskBasketModel(Currency currency, QLocale locale, QObject *parent)
    : QAbstractListModel(parent)
    , m_currency(currency)
    , m_locale(std::move(locale))
{ }

int KioskBasketModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

qint64 KioskBasketModel::lineTotalMinor(const Line &line)
{
    return (line.unitPrice.minor() * line.quantity + kQuantityScale / 2) / kQuantityScale;
}

QString KioskBasketModel::quantityText(qint64 milli) const
{
    return milli % kQuantityScale ? m_locale.toString(double(milli) / kQuantityScale, 'f', 3)
                                  : m_locale.toString(milli / kQuantityScale);
}

QVariant KioskBasketModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &l = m_lines.at(index.row());
    switch (role) {
    case SkuRole:
        return l.sku;
    case Qt::DisplayRole:
    case NameRole:
        return l.name;
    case QuantityRole:
        return quantityText(l.quantity);
    case PriceRole:
        return l.unitPrice.toDisplayString();
    case TotalRole:
        return Money(lineTotalMinor(l), m_currency).toDisplayString();
    default:
        return {};
    }
}

QHash<int, QByteArray> KioskBasketModel::roleNames() const
{
    return { { SkuRole, "sku" }, { NameRole, "name" }, { QuantityRole, "quantity" }, { PriceRole, "price" },
        { TotalRole, "total" } };
}

void KioskBasketModel::add(const Line &line)
{
    for (qsizetype row = 0; row < m_lines.size(); ++row) {
        Line &l = m_lines[row];
        if (l.sku == line.sku && l.unitPrice == line.unitPrice && l.quantity % kQuantityScale == 0
            && line.quantity % kQuantityScale == 0) {
            l.quantity += line.quantity;
            Q_EMIT dataChanged(index(int(row)), index(int(row)), { QuantityRole, TotalRole });
            return;
        }
    }
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size()));
    m_lines.append(line);
    endInsertRows();
}

void KioskBasketModel::remove(int row)
{
    if (row < 0 || row >= m_lines.size())
        return;
    beginRemoveRows({}, row, row);
    m_lines.removeAt(row);
    endRemoveRows();
}

void KioskBasketModel::clear()
{
    if (m_lines.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_lines.size()) - 1);
    m_lines.clear();
    endRemoveRows();
}

Money KioskBasketModel::total() const
{
    qint64 total = 0;
    for (const Line &l : m_lines)
        total += lineTotalMinor(l);
    return Money(total, m_currency);
}

} // namespace omnitill
