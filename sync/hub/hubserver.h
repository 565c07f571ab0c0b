// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QHttpServer>

#include <memory>

namespace omnitill::sync {

class HubStore;

// The hub's HTTP front: POST /sync/v1/push (device-token authenticated) and GET /sync/v1/health. Requests are handled
// on the thread that owns the server, one at a time, each in its own store transaction.
class HubServer
{
public:
    explicit HubServer(HubStore &store);
    ~HubServer();
    // Returns the port listened on (an ephemeral one for port 0), or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    QHttpServerResponse push(const QHttpServerRequest &request);
    QHttpServerResponse pull(const QHttpServerRequest &request);
    QHttpServerResponse checksum(const QHttpServerRequest &request);
    QHttpServerResponse terminal(const QHttpServerRequest &request);
    bool authorized(const QHttpServerRequest &request, const QString &terminalId);

    HubStore &m_store;
    QHttpServer m_server;
};

} // namespace omnitill::sync
