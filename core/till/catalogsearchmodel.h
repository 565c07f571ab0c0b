// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/catalog/catalog.h"

#include <QAbstractListModel>
#include <QLocale>

namespace omnitill {

// Type-ahead catalog search for the till: set `query`, read the hits, each with its SKU, its price now (in
// `currency`) and the stock here, so two items of the same name can be told apart.
class CatalogSearchModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
public:
    enum Role
    {
        SkuRole = Qt::UserRole + 1,
        NameRole,
        BrandRole,
        PriceRole,
        StockRole
    };
    Q_ENUM(Role)

    CatalogSearchModel(
        Catalog &catalog, Currency currency, Clock clock, QLocale locale = QLocale::c(), QObject *parent = nullptr);

    QString query() const { return m_query; }
    void setQuery(const QString &query);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void queryChanged();
    void errorOccurred(const QString &message);

private:
    struct Hit
    {
        SearchHit hit;
        QString price; // empty when the item has no price now
        QString stock; // empty when the stock here is not known
    };

    Catalog &m_catalog;
    Currency m_currency;
    Clock m_clock;
    QLocale m_locale;
    QString m_query;
    QList<Hit> m_hits;
};

} // namespace omnitill
