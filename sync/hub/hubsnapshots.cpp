// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/hubsnapshots.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace omnitill::sync {

namespace {
constexpr auto kCurrent = "current.json";
}

HubSnapshots::HubSnapshots(QString dir)
    : m_dir(std::move(dir))
{ }

QString HubSnapshots::fileFor(const QString &id) const
{
    return m_dir + QStringLiteral("/snapshot-") + id + QStringLiteral(".db");
}

Result<SnapshotManifest> HubSnapshots::build(HubStore &store, qint64 nowMs)
{
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the snapshot directory %1").arg(m_dir));
    auto chain = store.chainId();
    if (!chain)
        return chain.error();
    const QString building = m_dir + QStringLiteral("/building.db");
    auto m = buildSnapshot(
        building, *chain,
        [&store](const QString &stream, qint64 cursor) { return store.pull(stream, cursor, kMaxPullLimit); }, nowMs);
    if (!m)
        return m.error();
    const QString file = fileFor(m->id);
    QFile::remove(file);
    if (!QFile::rename(building, file))
        return makeError(ErrorCode::Io, QStringLiteral("cannot move the snapshot to %1").arg(file));
    QSaveFile manifest(m_dir + u'/' + QLatin1String(kCurrent));
    if (!manifest.open(QIODevice::WriteOnly) || manifest.write(encodeManifest(*m)) < 0 || !manifest.commit())
        return makeError(ErrorCode::Io,
            QStringLiteral("cannot write the snapshot manifest in %1: %2").arg(m_dir, manifest.errorString()));
    const QStringList old = QDir(m_dir).entryList({ QStringLiteral("snapshot-*.db") }, QDir::Files);
    for (const QString &name : old) {
        if (m_dir + u'/' + name != file)
            QFile::remove(m_dir + u'/' + name);
    }
    qCInfo(lcHub) << "catalog snapshot" << m->id.left(12) << "of" << m->skus << "SKUs," << m->size << "bytes";
    return m;
}

std::optional<SnapshotManifest> HubSnapshots::current() const
{
    QFile f(m_dir + u'/' + QLatin1String(kCurrent));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto m = decodeManifest(f.read(64 * 1024));
    if (!m || !QFile::exists(fileFor(m->id)))
        return std::nullopt;
    return *m;
}

Result<QByteArray> HubSnapshots::chunk(const QString &id, qint64 offset) const
{
    const auto m = current();
    if (!m || m->id != id)
        return makeError(ErrorCode::NotFound, QStringLiteral("snapshot %1 is not the one served").arg(id.left(64)));
    if (offset < 0 || offset >= m->size)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("offset %1 is outside the snapshot (%2 bytes)").arg(offset).arg(m->size));
    QFile f(fileFor(id));
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read the snapshot: %1").arg(f.errorString()));
    QByteArray data = f.read(std::min(kSnapshotChunkBytes, m->size - offset));
    if (data.isEmpty())
        return makeError(ErrorCode::Io, QStringLiteral("cannot read the snapshot: %1").arg(f.errorString()));
    return data;
}

} // namespace omnitill::sync
