// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/tillsession.h"
#include "core/storage/database.h"

namespace omnitill::TillSession {

namespace {
const QString kOpenRun = QStringLiteral("till_run_open_since_ms");
}

Result<std::optional<qint64>> begin(Database &db, qint64 nowMs)
{
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto previous = readMeta(db.connection(), kOpenRun);
    if (!previous)
        return previous.error();
    if (auto st = writeMeta(db.connection(), kOpenRun, QString::number(nowMs)); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    if (!previous->has_value())
        return std::optional<qint64>();
    return std::optional<qint64>(previous->value().toLongLong());
}

Status end(Database &db)
{
    return writeMeta(db.connection(), kOpenRun, std::nullopt);
}

} // namespace omnitill::TillSession
