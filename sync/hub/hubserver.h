// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/hub/httpserver.h"

#include "core/base/result.h"

#include <QHash>
#include <QHostAddress>

#include <functional>
#include <memory>
#include <vector>

namespace omnitill::sync {

class HubStore;
class HubSnapshots;
struct HubReader;
struct DailyReport;

// The hub's HTTP front (docs/sync-protocol.md): POST /sync/v1/push, GET /sync/v1/pull, /sync/v1/checksum and
// /sync/v1/terminal, /sync/v1/snapshot and /sync/v1/snapshot/data with a terminal's device token (Authorization:
// Bearer, X-Terminal-Id), and GET /sync/v1/health. A request's route, token and size are checked from its headers,
// before its body is read (HttpServer); requests are handled one at a time on the thread that owns the server, each in
// its own store transaction. GET /r/TOKEN, open to anyone with the link, is a sale's e-receipt page; GET /m/TOKEN a
// basket's page on the customer's phone. The hand-off routes (POST /sync/v1/handoff, /cart/claim, /cart/release,
// /basket) bring online carts to the tills and baskets to phones. /reports is the managers' daily report.
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
    // Takes the database work off the thread that does the network: pushes go to one writer thread (one at a time,
    // as before), reads (pull, checksum, the snapshot) to `readers` threads, each with a store of its own made there
    // by `open`. A push waiting for the database then holds up neither reads nor other connections (SQLite in WAL
    // mode and PostgreSQL both let readers read while one writer writes). Without, everything runs on the server's
    // thread.
    Status startWorkers(int readers, const std::function<Result<std::unique_ptr<HubStore>>()> &open);
    // How many look-ups by what a customer shows (a card, a receipt, a customer id) one terminal may make in ten
    // seconds (default 60): more is answered 429 with Retry-After.
    void setLookupLimit(int perWindow) { m_lookupLimit = std::max(1, perWindow); }
    // What makes the report pages' PDF export (app/hub draws it with Qt GUI, which sync/ may not use); called on a
    // reader thread. Without, the PDF link answers that this hub makes none.
    void setPdfMaker(std::function<QByteArray(const DailyReport &)> maker) { m_pdfMaker = std::move(maker); }

private:
    std::optional<HttpResponse> admit(const HttpRequest &head);
    std::optional<HttpResponse> admitReports(const HttpRequest &head);
    HttpResponse handle(const HttpRequest &request);
    HttpResponse push(HubStore &store, const HttpRequest &request) const;
    // POST /sync/v1/state: what the terminal says of itself, for the managers' report.
    HttpResponse state(HubStore &store, const HttpRequest &request) const;
    HttpResponse pull(HubStore &store, const HttpRequest &request) const;
    HttpResponse checksum(HubStore &store, const HttpRequest &request) const;
    HttpResponse terminal(const HttpRequest &request);
    HttpResponse snapshot(const HttpRequest &request) const;
    HttpResponse snapshotData(const HttpRequest &request) const;
    HttpResponse customer(HubStore &store, const HttpRequest &request) const;
    HttpResponse storedValue(HubStore &store, const HttpRequest &request) const;
    // GET /sync/v1/original?receipt=NO | token=SHA256: what a return is against (sync/hub/hubreturns.cpp).
    HttpResponse original(HubStore &store, const HttpRequest &request) const;
    // GET /sync/v1/report?date=D: the managers' report of the asking terminal's store (JSON), for the till's Reports
    // page.
    HttpResponse storeReport(HubStore &store, const HttpRequest &request) const;
    // Look-ups by what a customer shows (a card, a receipt, a customer id) are limited per terminal, so that a
    // terminal's token cannot be used to try codes by the thousand.
    static constexpr int kLookupsPerWindow = 60; // the default
    static constexpr qint64 kLookupWindowMs = 10'000;
    bool allowLookup(const QString &terminalId);
    // Hand-off (sync/hub/hubhandoff.cpp): POST /sync/v1/handoff, /cart/claim, /cart/release, /basket; GET /m/TOKEN
    // (a basket's page on a phone) and /h/TOKEN (a till's code opened on a phone).
    HttpResponse handoff(HubStore &store, const HttpRequest &request) const;
    HttpResponse claim(HubStore &store, const HttpRequest &request) const;
    HttpResponse release(HubStore &store, const HttpRequest &request) const;
    HttpResponse basket(HubStore &store, const HttpRequest &request) const;
    HttpResponse basketPage(HubStore &store, const HttpRequest &request) const;
    HttpResponse codePage(const HttpRequest &request) const;
    // The address phones reach the hub by: config hub.public_url, else the Host the request came to.
    QString publicUrl(HubStore &store, const HttpRequest &request) const;
    // The answer to a request that writes (a push, a hand-off), on whichever thread holds `store`; nullopt when the
    // request does not write.
    std::optional<HttpResponse> write(HubStore &store, const HttpRequest &request) const;
    // GET /r/TOKEN: the e-receipt page (sync/hub/hubereceipts.cpp).
    HttpResponse eReceipt(HubStore &store, const HttpRequest &request, qint64 nowMs) const;
    // The managers' report pages (sync/hub/reportpages.cpp, docs/REPORTS.md): GET /reports, /reports/store/CODE,
    // /reports/terminal/ID, /reports/export.csv and .pdf for a signed-in manager (else the sign-in page); POST
    // /reports/sign-in (a form: name, PIN) and /reports/sign-out.
    HttpResponse reports(HubStore &store, const HttpRequest &request) const;
    HttpResponse reportsSignIn(HubStore &store, const HttpRequest &request) const;
    HttpResponse signInPage(int status, const QString &error) const;
    // The answer to a read, on whichever thread holds `store`; nullopt when the request is not a read.
    std::optional<HttpResponse> read(HubStore &store, const HttpRequest &request) const;

    HubStore &m_store;
    const HubSnapshots *m_snapshots = nullptr;
    std::function<QByteArray(const DailyReport &)> m_pdfMaker;
    std::unique_ptr<HttpServer> m_http;
    std::vector<std::unique_ptr<HubReader>> m_readers; // [0] the writer; stopped in ~HubServer, before m_http goes
    size_t m_nextReader = 0;
    int m_lookupLimit = kLookupsPerWindow;
    QHash<QString, std::pair<qint64, int>> m_lookups; // terminal → (window start, look-ups in it)
};

} // namespace omnitill::sync
