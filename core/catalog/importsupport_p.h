// SPDX-License-Identifier: GPL-3.0-or-later
// What the CSV and JSON importers share: problem collection, the sink session, and the fields both formats carry.
// Private to core/catalog.
#pragma once

#include "core/catalog/importer.h"

#include <QStringList>

namespace omnitill::ImportSupport {

// Collects per-record problems; storage failures are not collected but end the import at once.
class Problems
{
public:
    void add(const Error &e)
    {
        ++m_total;
        if (e.code == ErrorCode::Conflict)
            m_conflict = true;
        if (m_list.size() < CatalogImporter::kMaxReportedProblems)
            m_list << e.message;
    }
    bool any() const { return m_total > 0; }
    bool full() const { return m_total >= CatalogImporter::kMaxReportedProblems; }
    Error toError(const QString &name) const
    {
        QString msg = QStringLiteral("%1: nothing was imported; %2 problem(s) to fix:\n  %3")
                          .arg(name)
                          .arg(m_total)
                          .arg(m_list.join(QStringLiteral("\n  ")));
        if (full())
            msg += QStringLiteral("\n  (stopped after %1 problems)").arg(m_total);
        return makeError(m_conflict ? ErrorCode::Conflict : ErrorCode::InvalidInput, msg);
    }

private:
    QStringList m_list;
    qint64 m_total = 0;
    bool m_conflict = false;
};

inline bool isStorage(const Error &e)
{
    return e.code == ErrorCode::Storage || e.code == ErrorCode::StorageFull || e.code == ErrorCode::Corrupt;
}

// Rolls the sink back unless the import committed.
class SinkSession
{
public:
    explicit SinkSession(CatalogSink &sink)
        : m_sink(sink)
    { }
    ~SinkSession()
    {
        if (!m_committed)
            m_sink.rollback();
    }
    Status commit()
    {
        auto st = m_sink.commit();
        m_committed = st.ok();
        return st;
    }

private:
    CatalogSink &m_sink;
    bool m_committed = false;
};

// Unit, tax rate, price (in the given or default currency) and validity window of one record; errors name r.source.
Status parseCommon(CatalogRecord &r, QStringView currencyText, std::optional<Currency> defaultCurrency,
    QStringView priceText, QStringView unitText, QStringView taxRateText, QStringView validFrom, QStringView validTo);

} // namespace omnitill::ImportSupport
