// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/connector/forwarder.h"
#include "sync/connector/logging.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QUuid>

namespace omnitill::sync {

Forwarder::Forwarder(HubStore &store, CommerceConnector &connector, QString holder)
    : m_store(store)
    , m_connector(connector)
    , m_holder(std::move(holder))
{ }

Forwarder::~Forwarder()
{
    release();
}

void Forwarder::configure(const QHash<QString, QString> &settings)
{
    bool ok = false;
    if (const qint64 cap = settings.value(QStringLiteral("retry_max_s")).toLongLong(&ok); ok)
        setMaxBackoffMs(cap * 1000);
}

void Forwarder::release()
{
    if (!m_holding)
        return;
    m_holding = false;
    if (auto st = m_store.dropForwardLease(m_holder); !st)
        qCWarning(lcConnector) << "could not give up the forwarding lease:" << st.error().message;
}

Result<Forwarder::Round> Forwarder::runOnce(int limit)
{
    Round round;
    auto due = m_store.dueForwards(limit);
    if (!due)
        return due.error();
    for (const HubStore::ForwardItem &item : std::as_const(*due)) {
        auto lease = m_store.takeForwardLease(m_holder, m_store.now() + kLeaseMs);
        if (!lease)
            return lease.error();
        if (!*lease) {
            round.leaseHeld = false;
            return round;
        }
        m_holding = true;
        QString ref = item.backendRef;
        auto booked = m_connector.forward(item, [&](const QString &made) -> Status {
            if (made == ref)
                return Ok {};
            ref = made;
            return m_store.noteForwardRef(item.id, made);
        });
        if (booked) {
            if (auto st = m_store.forwardDone(item.id, booked->ref); !st)
                return st.error();
            ++round.forwarded;
            continue;
        }
        const bool giveUp = booked.error().code != ErrorCode::Unavailable;
        // 1 s, 2 s, 4 s … up to the cap, each a fifth either way so that items do not come due in step.
        const qint64 base = std::min<qint64>(m_maxBackoffMs, 1000LL << std::min(item.attempts, 20));
        const qint64 delay = base * (80 + QRandomGenerator::global()->bounded(41)) / 100;
        if (auto st = m_store.forwardFailed(item.id, booked.error().message, ref, giveUp, m_store.now() + delay); !st)
            return st.error();
        if (giveUp) {
            ++round.failed;
            qCWarning(lcConnector).noquote()
                << "gave up forwarding" << item.type << item.eventId << ":" << booked.error().message;
        } else {
            ++round.retrying;
            qCInfo(lcConnector).noquote()
                << "will forward" << item.eventId << "again in" << delay / 1000 << "s:" << booked.error().message;
            break; // the backend does not answer: the rest waits for the next round
        }
    }
    return round;
}

ForwardingService::ForwardingService(std::function<Result<std::unique_ptr<HubStore>>()> open)
    : m_open(std::move(open))
{ }

ForwardingService::~ForwardingService()
{
    stop();
    wait();
}

void ForwardingService::stop()
{
    m_stop = true;
    m_wake.release();
}

void ForwardingService::run()
{
    auto store = m_open();
    if (!store) {
        qCCritical(lcConnector).noquote() << "the forwarder cannot open the hub's store:" << store.error().message;
        return;
    }
    std::unique_ptr<CommerceConnector> connector;
    QHash<QString, QString> settings;
    std::unique_ptr<Forwarder> forwarder;
    QElapsedTimer sinceImport, sinceSweep; // invalid until the first import
    const QString holder = QStringLiteral("forwarder-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    while (!m_stop) {
        // The settings are read again while idle, so `connector set` takes effect without a restart.
        auto now = (*store)->connectorSettings();
        if (now && *now != settings) {
            forwarder.reset();
            connector.reset();
            settings = *now;
            if (settings.contains(QStringLiteral("backend"))) {
                auto made = makeConnector(settings, **store);
                if (made) {
                    connector = std::move(made).value();
                    sinceImport.invalidate();
                    sinceSweep.invalidate();
                    forwarder = std::make_unique<Forwarder>(**store, *connector, holder);
                    forwarder->configure(settings);
                    qCInfo(lcConnector).noquote()
                        << "forwarding to" << connector->backend() << "at" << settings.value(QStringLiteral("url"));
                } else {
                    qCWarning(lcConnector).noquote() << "not forwarding:" << made.error().message;
                }
            }
        }
        // The backend's catalog into the streams: what changed every minute, everything every hour (and first).
        if (connector) {
            const qint64 every
                = settings.value(QStringLiteral("catalog_interval_s"), QStringLiteral("60")).toLongLong() * 1000;
            const qint64 sweepEvery
                = settings.value(QStringLiteral("sweep_interval_s"), QStringLiteral("3600")).toLongLong() * 1000;
            if (every > 0 && (!sinceImport.isValid() || sinceImport.elapsed() >= every)) {
                const bool sweep = !sinceSweep.isValid() || sinceSweep.elapsed() >= sweepEvery;
                auto imported = connector->importCatalog(sweep);
                sinceImport.start();
                if (!imported) {
                    qCWarning(lcConnector).noquote() << "reading the catalog:" << imported.error().message;
                } else {
                    if (sweep)
                        sinceSweep.start();
                    if (imported->changed > 0 || imported->removed > 0)
                        qCInfo(lcConnector).noquote() << "catalog from" << connector->backend() << ":"
                                                      << imported->changed << "read," << imported->removed << "removed";
                }
            }
        }
        int handled = 0;
        if (forwarder) {
            auto round = forwarder->runOnce();
            if (!round)
                qCWarning(lcConnector).noquote() << "forwarding:" << round.error().message;
            else
                handled = round->forwarded; // retries wait for their time
        }
        if (handled == 0)
            m_wake.tryAcquire(1, 500);
    }
}

} // namespace omnitill::sync
