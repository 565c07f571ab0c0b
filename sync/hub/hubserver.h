// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/hub/httpserver.h"

#include <QHostAddress>

#include <memory>

namespace omnitill::sync {

class HubStore;
class HubSnapshots;

// The hub's HTTP front (docs/sync-protocol.md): POST /sync/v1/push, GET /sync/v1/pull, /sync/v1/checksum and
// /sync/v1/terminal, /sync/v1/snapshot and /sync/v1/snapshot/data with a terminal's device token (Authorization:
// Bearer, X-Terminal-Id), and GET /sync/v1/health. A request's route, token and size are checked from its headers,
// before its body is read (HttpServer); requests are handled one at a time on the thread that owns the server, each in
// its own store transaction.
class HubServer
{
public:
    explicit HubServer(HubStore &store, HttpServer::Limits limits = {});
    ~HubServer();
    // Returns the port listened on (an ephemeral one for port 0), or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    const HttpServer &http() const { return *m_http; }
    // Serves GET /sync/v1/snapshot (the manifest) and /sync/v1/snapshot/data (the file in pieces) from `snapshots`,
    // which must outlive the server; without, those answer 404 NO_SNAPSHOT.
    void setSnapshots(const HubSnapshots *snapshots) { m_snapshots = snapshots; }

private:
    std::optional<HttpResponse> admit(const HttpRequest &head);
    HttpResponse handle(const HttpRequest &request);
    HttpResponse push(const HttpRequest &request);
    HttpResponse pull(const HttpRequest &request);
    HttpResponse checksum(const HttpRequest &request);
    HttpResponse terminal(const HttpRequest &request);
    HttpResponse snapshot(const HttpRequest &request);
    HttpResponse snapshotData(const HttpRequest &request);

    HubStore &m_store;
    const HubSnapshots *m_snapshots = nullptr;
    std::unique_ptr<HttpServer> m_http;
};

} // namespace omnitill::sync
