// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/catalog/catalog.h"

#include <QAbstractListModel>

namespace omnitill {

// Type-ahead catalog search for the till: set `query`, read the hits.
class CatalogSearchModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
public:
    enum Role
    {
        SkuRole = Qt::UserRole + 1,
        NameRole,
        BrandRole
    };
    Q_ENUM(Role)

    explicit CatalogSearchModel(Catalog &catalog, QObject *parent = nullptr);

    QString query() const { return m_query; }
    void setQuery(const QString &query);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void queryChanged();
    void errorOccurred(const QString &message);

private:
    Catalog &m_catalog;
    QString m_query;
    QList<SearchHit> m_hits;
};

} // namespace omnitill
