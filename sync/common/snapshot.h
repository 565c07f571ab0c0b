// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/common/streams.h"

#include "core/base/result.h"

#include <QMap>
#include <QString>

#include <functional>

// A catalog snapshot: the terminal-schema SQLite file a new terminal starts from instead of pulling every row of
// its streams one page at a time (docs/sync-protocol.md, "Provisioning"). The hub builds it with the same
// StreamApplier a terminal pulls with, so a terminal provisioned from a snapshot holds exactly what one that pulled
// would, with the streams' cursors; from there it continues with deltas. The manifest travels beside the file and
// names it by its SHA-256.
namespace omnitill::sync {

struct SnapshotManifest
{
    QString id; // SHA-256 of the file, lower-case hex
    qint64 size = 0; // bytes
    QString chain; // the hub's chain id
    int schemaVersion = 0; // the terminal schema it was written with
    qint64 createdAtMs = 0;
    qint64 skus = 0;
    QMap<QString, qint64> cursors; // the stream cursors the snapshot holds everything up to
};
QByteArray encodeManifest(const SnapshotManifest &manifest);
Result<SnapshotManifest> decodeManifest(const QByteArray &json);

// Served in pieces of this size (GET /sync/v1/snapshot/data), so neither side holds the file in memory.
inline constexpr qint64 kSnapshotChunkBytes = 8 * 1024 * 1024;

// The changes of `stream` after `cursor`, oldest first: an empty page when the stream is up to date.
using PageSource = std::function<Result<PullPage>(const QString &stream, qint64 cursor)>;

// Builds a snapshot of every terminal stream at `path` (replacing it only once the new one is complete). The file is
// a terminal store in rollback-journal mode (one file, no WAL beside it) whose meta table carries the chain and the
// time, and whose cursors are where `pages` ran out.
Result<SnapshotManifest> buildSnapshot(
    const QString &path, const QString &chain, const PageSource &pages, qint64 nowMs);

// The lower-case hex SHA-256 of a file, read in 1 MiB blocks.
Result<QString> fileSha256(const QString &path);

// Installs the snapshot at `snapshotPath` into the store at `databasePath`, in one transaction on a connection of its
// own, after checking that the file is the one `manifest` names (size and SHA-256), is a snapshot of `chain` written
// with this schema, and is not behind the store's own cursors; the store must have no catalog yet (a terminal with
// one continues with pulls). Each refusal is an error that says which check failed; nothing is written then.
Status installSnapshot(
    const QString &databasePath, const QString &snapshotPath, const SnapshotManifest &manifest, const QString &chain);

} // namespace omnitill::sync
