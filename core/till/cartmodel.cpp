// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/cartmodel.h"
#include "core/sale/cart.h"
#include "core/till/itemtext.h"

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
        return shownNumber(formatQuantity(l.quantity, l.item.unit), m_locale);
    case UnitRole:
        return ItemText::unitLabel(l.item.unit);
    case UnitPriceRole:
        return shownNumber(l.item.price.toString(), m_locale);
    case AmountRole:
        return shownNumber(Money(l.amountMinor, c).toString(), m_locale);
    case DiscountRole: {
        const qint64 d = l.lineDiscountMinor + l.cartDiscountMinor;
        return d ? shownNumber(Money(-d, c).toString(), m_locale) : QString();
    }
    case TotalRole:
        return shownNumber(Money(l.totalMinor, c).toString(), m_locale);
    case TaxClassRole:
        return l.item.tax.code;
    case NoteRole:
        return m_notes.value(l.item.sku);
    default:
        return {};
    }
}

QHash<int, QByteArray> CartModel::roleNames() const
{
    return { { NameRole, "name" }, { SkuRole, "sku" }, { QuantityRole, "quantity" }, { UnitRole, "unit" },
        { UnitPriceRole, "unitPrice" }, { AmountRole, "amount" }, { DiscountRole, "discount" }, { TotalRole, "total" },
        { TaxClassRole, "taxClass" }, { NoteRole, "note" } };
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

void CartModel::setNotes(QHash<QString, QString> notes)
{
    m_notes = std::move(notes);
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0), index(m_rows - 1), { NoteRole });
}

} // namespace omnitill
