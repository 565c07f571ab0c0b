// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/common/streams.h"

#include "core/base/result.h"

namespace omnitill {
class Database;
}

// The terminal side of pull streams. Each page is applied in one SQLite transaction together with the stream's new
// cursor, so the cursor can never be ahead of the data, whatever happens to the process.
namespace omnitill::sync::StreamApplier {

Result<qint64> cursor(Database &db, const QString &stream);
Status applyPage(Database &db, const PullPage &page);
// A row of a JSON-mirrored stream (stock, customers, carts, config), or nullopt.
Result<std::optional<QByteArray>> row(Database &db, const QString &stream, const QString &key);
// count + digest of what this terminal holds for the stream (compare with the hub's).
Result<StreamDigest> digest(Database &db, const QString &stream);

// A full refetch (after must_refetch or a checksum mismatch): restart from cursor 0 while remembering the keys the
// hub delivers; when the stream is up to date, finishRefetch() removes what the hub no longer has. Sales and the
// journal are never touched.
Status beginRefetch(Database &db, const QString &stream);
bool refetching(Database &db, const QString &stream);
Status finishRefetch(Database &db, const QString &stream);

} // namespace omnitill::sync::StreamApplier
