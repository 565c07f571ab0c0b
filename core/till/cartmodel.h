// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QLocale>

namespace omnitill {

class Cart;

// The lines of a cart for list views. Read-only: changes go through SaleController, which tells the model what
// happened so views animate inserts and removals instead of resetting.
class CartModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        SkuRole,
        QuantityRole, // "2" or "1.235"
        UnitRole, // "each", "kg", ...
        UnitPriceRole,
        AmountRole, // before discounts
        DiscountRole, // line + share of the cart discount, "" when none
        TotalRole,
        TaxClassRole,
        NoteRole, // what the cashier should know about the line: its online price and the stock here, or ""
    };
    Q_ENUM(Role)

    explicit CartModel(const Cart &cart, QObject *parent = nullptr);
    // How amounts and quantities are shown: "9,39" in a German store.
    void setLocale(const QLocale &locale) { m_locale = locale; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Called by the owner around its changes to the cart: inserts are announced after the fact (the row count is
    // cached), removals before and after, because the rows behind the removed one shift.
    void lineInserted(int row);
    void beginLineRemoval(int row);
    void endLineRemoval();
    void reset();
    void repriced(); // every line may have new amounts (a cart discount is shared over all lines)
    // Notes by SKU (HandoffController: an online cart's prices and the stock here); empty clears them.
    void setNotes(QHash<QString, QString> notes);

private:
    const Cart &m_cart;
    QLocale m_locale = QLocale::c();
    int m_rows = 0;
    QHash<QString, QString> m_notes;
};

} // namespace omnitill
