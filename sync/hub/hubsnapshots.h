// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/common/snapshot.h"

#include <optional>

namespace omnitill::sync {

class HubStore;

// The hub's catalog snapshots, kept in one directory: snapshot-<id>.db files and current.json, the manifest of the
// one served. A new snapshot is complete and hashed before current.json names it (written atomically), and the older
// files go only then, so a terminal downloading the previous one gets a clear "changed" and starts over.
class HubSnapshots
{
public:
    explicit HubSnapshots(QString dir);
    const QString &dir() const { return m_dir; }

    // Builds a snapshot of the store's terminal streams as they are now and makes it the one served.
    Result<SnapshotManifest> build(HubStore &store, qint64 nowMs);
    // The manifest of the snapshot served, if there is one.
    std::optional<SnapshotManifest> current() const;
    // Up to kSnapshotChunkBytes of snapshot `id` from `offset`. NotFound when `id` is not the one served (it was
    // replaced), InvalidInput for an offset outside the file.
    Result<QByteArray> chunk(const QString &id, qint64 offset) const;

private:
    QString fileFor(const QString &id) const;
    QString m_dir;
};

} // namespace omnitill::sync
