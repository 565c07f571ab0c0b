// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/catalogsearchmodel.h"
#include "core/till/itemtext.h"

namespace omnitill {

CatalogSearchModel::CatalogSearchModel(
    Catalog &catalog, Currency currency, Clock clock, QLocale locale, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
    , m_currency(currency)
    , m_clock(std::move(clock))
    , m_locale(std::move(locale))
{ }

void CatalogSearchModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    auto hits = m_catalog.search(query, 30);
    const qint64 now = m_clock();
    beginResetModel();
    m_hits.clear();
    if (hits) {
        for (const SearchHit &h : *hits) {
            auto shown = ItemText::shown(m_catalog, h.sku, m_currency, now, m_locale);
            m_hits.append(Hit { h, shown.price, shown.stock });
        }
    }
    endResetModel();
    Q_EMIT queryChanged();
    if (!hits)
        Q_EMIT errorOccurred(hits.error().message);
}

int CatalogSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant CatalogSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &h = m_hits.at(index.row()).hit;
    switch (role) {
    case SkuRole:
        return h.sku;
    case Qt::DisplayRole:
    case NameRole:
        return h.name;
    case BrandRole:
        return h.brand;
    case PriceRole:
        return m_hits.at(index.row()).price;
    case StockRole:
        return m_hits.at(index.row()).stock;
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogSearchModel::roleNames() const
{
    return { { SkuRole, "sku" }, { NameRole, "name" }, { BrandRole, "brand" }, { PriceRole, "price" },
        { StockRole, "stock" } };
}

} // namespace omnitill
