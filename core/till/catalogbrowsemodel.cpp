// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/catalogbrowsemodel.h"
#include "core/till/itemtext.h"

namespace omnitill {

CatalogBrowseModel::CatalogBrowseModel(
    Catalog &catalog, Currency currency, Clock clock, QLocale locale, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
    , m_currency(currency)
    , m_clock(std::move(clock))
    , m_locale(std::move(locale))
{ }

void CatalogBrowseModel::setGrid(const QStringList &favourites, const QStringList &categories)
{
    m_favourites = favourites;
    m_categories = categories;
    refresh();
}

void CatalogBrowseModel::openCategory(const QString &code)
{
    auto found = m_catalog.categories({ code }, 1);
    if (!found || found->isEmpty()) {
        Q_EMIT errorOccurred(
            found ? tr("The category %1 is no longer in the catalog").arg(code.left(64)) : found.error().message);
        refresh();
        return;
    }
    m_category = code;
    m_categoryName = found->first().name;
    refresh();
    Q_EMIT categoryChanged();
}

void CatalogBrowseModel::back()
{
    if (m_category.isEmpty())
        return;
    m_category.clear();
    m_categoryName.clear();
    refresh();
    Q_EMIT categoryChanged();
}

void CatalogBrowseModel::refresh()
{
    QList<Tile> tiles;
    const Status st = load(tiles);
    beginResetModel();
    m_tiles = std::move(tiles);
    endResetModel();
    if (!st)
        Q_EMIT errorOccurred(st.error().message);
}

Status CatalogBrowseModel::load(QList<Tile> &tiles)
{
    if (!m_category.isEmpty()) {
        auto hits = m_catalog.itemsInCategory(m_category);
        if (!hits)
            return hits.error();
        addItems(tiles, *hits);
        return Ok {};
    }
    auto favourites = m_catalog.items(m_favourites);
    if (!favourites)
        return favourites.error();
    addItems(tiles, *favourites);
    auto categories = m_catalog.categories(m_categories);
    if (!categories)
        return categories.error();
    for (const CategoryEntry &c : std::as_const(*categories))
        tiles.append(Tile { true, c.code, c.name, {}, {} });
    return Ok {};
}

void CatalogBrowseModel::addItems(QList<Tile> &tiles, const QList<SearchHit> &hits)
{
    const qint64 now = m_clock();
    for (const SearchHit &h : hits) {
        auto shown = ItemText::shown(m_catalog, h.sku, m_currency, now, m_locale);
        tiles.append(Tile { false, h.sku, h.name, shown.price, shown.stock });
    }
}

int CatalogBrowseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant CatalogBrowseModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Tile &t = m_tiles.at(index.row());
    switch (role) {
    case KindRole:
        return t.isCategory ? QStringLiteral("category") : QStringLiteral("item");
    case CodeRole:
        return t.code;
    case Qt::DisplayRole:
    case NameRole:
        return t.name;
    case PriceRole:
        return t.price;
    case StockRole:
        return t.stock;
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogBrowseModel::roleNames() const
{
    return { { KindRole, "kind" }, { CodeRole, "code" }, { NameRole, "name" }, { PriceRole, "price" },
        { StockRole, "stock" } };
}

} // namespace omnitill
