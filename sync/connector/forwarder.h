// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/connector/connector.h"

#include <QSemaphore>
#include <QThread>

#include <atomic>

namespace omnitill::sync {

// Works the hub's forwarding queue with a connector: due items one at a time, oldest first, each booked or tried
// again later with a back-off (1 s, doubling, up to `maxBackoffMs`: a backend down for hours costs a request every few
// minutes per item and loses nothing) or, when the backend refuses an item as it is, given up for a manager
// (`omnitill-hub forwarding`). One forwarder at a time holds the hub's forwarding lease, so hubs sharing a database
// never work the same item at once.
class Forwarder
{
public:
    Forwarder(HubStore &store, CommerceConnector &connector, QString holder);
    ~Forwarder();
    Forwarder(const Forwarder &) = delete;
    Forwarder &operator=(const Forwarder &) = delete;

    static constexpr qint64 kLeaseMs = 10 * 60'000; // renewed before every item
    static constexpr qint64 kDefaultMaxBackoffMs = 15 * 60'000;
    void setMaxBackoffMs(qint64 ms) { m_maxBackoffMs = std::max<qint64>(1000, ms); }
    // The connector's settings that concern the forwarder: retry_max_s (the back-off's cap).
    void configure(const QHash<QString, QString> &settings);

    struct Round
    {
        int forwarded = 0;
        int retrying = 0; // the backend did not answer: tried again later
        int failed = 0; // given up: a manager must look
        bool leaseHeld = true; // false: another forwarder works the queue
        int handled() const { return forwarded + retrying + failed; }
    };
    // Works up to `limit` due items.
    Result<Round> runOnce(int limit = 100);
    // Gives up the lease (also done by the destructor).
    void release();

private:
    HubStore &m_store;
    CommerceConnector &m_connector;
    QString m_holder;
    qint64 m_maxBackoffMs = kDefaultMaxBackoffMs;
    bool m_holding = false;
};

// The forwarder on a thread of its own for `omnitill-hub serve`: its own store connection and connector, made there,
// working the queue until stopped, looking for new items every half second when it has nothing to do.
class ForwardingService : public QThread
{
public:
    // `open` opens the hub's store on the service's thread.
    explicit ForwardingService(std::function<Result<std::unique_ptr<HubStore>>()> open);
    ~ForwardingService() override;
    void stop();

protected:
    void run() override;

private:
    std::function<Result<std::unique_ptr<HubStore>>()> m_open;
    std::atomic<bool> m_stop { false };
    QSemaphore m_wake;
};

} // namespace omnitill::sync
