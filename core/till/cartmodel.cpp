// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/cartmodel.h"
#include "core/sale/cart.h"

namespace omnitill {

CartModel::CartModel(const Cart &cart, QObject *parent)
    : QAbstractListModel(parent)
    , m_cart(cart)
    , m_rows(int(cart.lines().size()))
{ }

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.row() >= m_cart.lines().size())
        return {};
    const CartLine &l = m_cart.lines().at(index.row());
    const Currency c = m_cart.currency();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return l.item.name;
    case SkuRole:
        return l.item.sku;
    case QuantityRole:
        return formatQuantity(l.quantity, l.item.unit);
    case UnitRole:
        return unitToString(l.item.unit);
    case UnitPriceRole:
        return l.item.price.toString();
    case AmountRole:
        return Money(l.amountMinor, c).toString();
    case DiscountRole: {
        const qint64 d = l.lineDiscountMinor + l.cartDiscountMinor;
        return d ? Money(-d, c).toString() : QString();
    }
    case TotalRole:
        return Money(l.totalMinor, c).toString();
    case TaxClassRole:
        return l.item.tax.code;
    default:
        return {};
    }
}

QHash<int, QByteArray> CartModel::roleNames() const
{
    return { { NameRole, "name" }, { SkuRole, "sku" }, { QuantityRole, "quantity" }, { UnitRole, "unit" },
        { UnitPriceRole, "unitPrice" }, { AmountRole, "amount" }, { DiscountRole, "discount" }, { TotalRole, "total" },
        { TaxClassRole, "taxClass" } };
}

void CartModel::lineInserted(int row)
{
    beginInsertRows({}, row, row);
    m_rows = int(m_cart.lines().size());
    endInsertRows();
}

void CartModel::beginLineRemoval(int row)
{
    beginRemoveRows({}, row, row);
}

void CartModel::endLineRemoval()
{
    m_rows = int(m_cart.lines().size());
    endRemoveRows();
}

void CartModel::reset()
{
    beginResetModel();
    m_rows = int(m_cart.lines().size());
    endResetModel();
}

void CartModel::repriced()
{
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0), index(m_rows - 1));
}

} // namespace omnitill
