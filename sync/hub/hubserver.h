// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/hub/httpserver.h"

#include <QHostAddress>

#include <memory>

namespace omnitill::sync {

class HubStore;

// The hub's HTTP front (docs/sync-protocol.md): POST /sync/v1/push, GET /sync/v1/pull, /sync/v1/checksum and
// /sync/v1/terminal with a terminal's device token (Authorization: Bearer, X-Terminal-Id), and GET /sync/v1/health.
// A request's route, token and size are checked from its headers, before its body is read (HttpServer); requests
// are handled one at a time on the thread that owns the server, each in its own store transaction.
class HubServer
{
public:
    explicit HubServer(HubStore &store, HttpServer::Limits limits = {});
    ~HubServer();
    // Returns the port listened on (an ephemeral one for port 0), or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    const HttpServer &http() const { return *m_http; }

private:
    std::optional<HttpResponse> admit(const HttpRequest &head);
    HttpResponse handle(const HttpRequest &request);
    HttpResponse push(const HttpRequest &request);
    HttpResponse pull(const HttpRequest &request);
    HttpResponse checksum(const HttpRequest &request);
    HttpResponse terminal(const HttpRequest &request);

    HubStore &m_store;
    std::unique_ptr<HttpServer> m_http;
};

} // namespace omnitill::sync
