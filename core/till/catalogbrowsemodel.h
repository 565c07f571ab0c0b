// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/catalog/catalog.h"

#include <QAbstractListModel>
#include <QLocale>

namespace omnitill {

// The Sell page's grids for finding items by touch: at the top, the store's favourites (items) followed by its
// categories; in a category, its items. The store sets both from the hub (core/settings/tillsettings.h:
// till.favourites, till.categories); without them the top shows the catalog's top-level categories.
class CatalogBrowseModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString category READ category NOTIFY categoryChanged)
    Q_PROPERTY(QString categoryName READ categoryName NOTIFY categoryChanged)
public:
    enum Role
    {
        KindRole = Qt::UserRole + 1, // "item" or "category"
        CodeRole, // the SKU of an item, the code of a category
        NameRole,
        PriceRole,
        StockRole
    };
    Q_ENUM(Role)

    CatalogBrowseModel(
        Catalog &catalog, Currency currency, Clock clock, QLocale locale = QLocale::c(), QObject *parent = nullptr);

    // What the store shows at the top: favourite SKUs and category codes (none: the top-level categories).
    void setGrid(const QStringList &favourites, const QStringList &categories);

    // The category shown, or empty at the top.
    QString category() const { return m_category; }
    QString categoryName() const { return m_categoryName; }
    Q_INVOKABLE void openCategory(const QString &code);
    Q_INVOKABLE void back();
    // Reads the grid again (prices, stock and the catalog may have changed since).
    Q_INVOKABLE void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void categoryChanged();
    void errorOccurred(const QString &message);

private:
    struct Tile
    {
        bool isCategory = false;
        QString code;
        QString name;
        QString price;
        QString stock;
    };
    Status load(QList<Tile> &tiles);
    void addItems(QList<Tile> &tiles, const QList<SearchHit> &hits);

    Catalog &m_catalog;
    Currency m_currency;
    Clock m_clock;
    QLocale m_locale;
    QStringList m_favourites;
    QStringList m_categories;
    QString m_category;
    QString m_categoryName;
    QList<Tile> m_tiles;
};

} // namespace omnitill
