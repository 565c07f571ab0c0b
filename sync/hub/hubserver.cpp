// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/hubserver.h"
#include "sync/hub/dailyreport.h"
#include "sync/hub/hubsnapshots.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>
#include <QUuid>

namespace omnitill::sync {

namespace {
HttpResponse rejected(const PushRejected &r)
{
    return HttpResponse { r.httpStatus, encodeRejected(r) };
}

HttpResponse unauthorized()
{
    return rejected(
        PushRejected { 401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("unknown terminal or wrong device token") });
}

// A pull or checksum the store refused: an unknown stream (404), a pruned cursor (409), or the store itself.
HttpResponse streamFailure(const Error &e)
{
    switch (e.code) {
    case ErrorCode::NotFound:
        return rejected(PushRejected { 404, QStringLiteral("UNKNOWN_STREAM"), e.message });
    case ErrorCode::Conflict:
        return rejected(PushRejected { 409, QStringLiteral("MUST_REFETCH"), e.message });
    case ErrorCode::InvalidInput:
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), e.message });
    default:
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the stream; retry") });
    }
}

struct Route
{
    const char *path;
    const char *method;
    bool authenticated; // needs a terminal's device token
    bool lookup = false; // a look-up by something a customer shows (a card, a receipt): rate-limited per terminal
};
} // namespace

HubServer::HubServer(HubStore &store, HttpServer::Limits limits)
    : m_store(store)
{
    limits.maxBodyBytes = kMaxRequestBytes;
    m_http = std::make_unique<HttpServer>(
        limits, [this](const HttpRequest &head) { return admit(head); },
        [this](const HttpRequest &request) { return handle(request); });
}

// A thread with a store of its own, for reads.
struct HubReader
{
    QThread thread;
    QObject *context = nullptr; // lives in `thread`
    std::unique_ptr<HubStore> store; // made, used and destroyed in `thread`
};

HubServer::~HubServer()
{
    for (auto &r : m_readers) {
        QMetaObject::invokeMethod(
            r->context, [&r] { r->store.reset(); }, Qt::BlockingQueuedConnection);
        r->thread.quit();
        r->thread.wait();
        delete r->context;
    }
}

Status HubServer::startWorkers(int readers, const std::function<Result<std::unique_ptr<HubStore>>()> &open)
{
    for (int i = 0; i <= readers; ++i) {
        auto r = std::make_unique<HubReader>();
        r->thread.setObjectName(i == 0 ? QStringLiteral("hub-writer") : QStringLiteral("hub-reader-%1").arg(i));
        r->thread.start();
        r->context = new QObject;
        r->context->moveToThread(&r->thread);
        Status opened = Ok {};
        QMetaObject::invokeMethod(
            r->context,
            [&] {
                auto store = open();
                if (store)
                    r->store = std::move(store).value();
                else
                    opened = store.error();
            },
            Qt::BlockingQueuedConnection);
        m_readers.push_back(std::move(r)); // stopped by ~HubServer even when its store did not open
        if (!opened)
            return opened;
    }
    m_http->setDispatch([this](const HttpRequest &request, const HttpServer::Reply &reply) {
        // Writes one at a time, on the writer; a manager's sign-in (its PIN check takes 0.1 s) on a reader, so that
        // sign-ins never hold up pushes.
        if ((request.method == "POST" && request.path != "/reports/sign-in") || request.path.startsWith("/m/")) {
            HubReader &writer = *m_readers.front();
            QMetaObject::invokeMethod(writer.context, [this, &writer, request, reply] {
                auto answer = write(*writer.store, request);
                reply(answer ? *answer : HttpResponse(404, QByteArrayLiteral(R"({"error":"NOT_FOUND"})")));
            });
            return true;
        }
        if (m_readers.size() < 2 || request.path == "/sync/v1/terminal" || request.path == "/sync/v1/health")
            return false;
        HubReader &r = *m_readers[1 + m_nextReader++ % (m_readers.size() - 1)];
        QMetaObject::invokeMethod(r.context, [this, &r, request, reply] {
            auto answer = read(*r.store, request);
            reply(answer ? *answer : HttpResponse(404, QByteArrayLiteral(R"({"error":"NOT_FOUND"})")));
        });
        return true;
    });
    qCInfo(lcHub) << "pushes on their own thread, reads on" << readers;
    return Ok {};
}

quint16 HubServer::listen(const QHostAddress &address, quint16 port)
{
    return m_http->listen(address, port);
}

namespace {
const Route *routeFor(const QByteArray &path)
{
    static const Route routes[] = {
        { "/sync/v1/push", "POST", true },
        { "/sync/v1/state", "POST", true },
        { "/sync/v1/pull", "GET", true },
        { "/sync/v1/checksum", "GET", true },
        { "/sync/v1/terminal", "GET", true },
        { "/sync/v1/snapshot", "GET", true },
        { "/sync/v1/snapshot/data", "GET", true },
        { "/sync/v1/health", "GET", false },
        { "/sync/v1/stored-value", "GET", true, true },
        { "/sync/v1/customer", "GET", true, true },
        { "/sync/v1/original", "GET", true, true },
        { "/sync/v1/handoff", "POST", true, true },
        { "/sync/v1/cart/claim", "POST", true },
        { "/sync/v1/cart/release", "POST", true },
        { "/sync/v1/basket", "POST", true },
        { "/sync/v1/report", "GET", true },
    };
    for (const Route &r : routes) {
        if (path == r.path)
            return &r;
    }
    return nullptr;
}
} // namespace

std::optional<HttpResponse> HubServer::admit(const HttpRequest &head)
{
    // A page for people (an e-receipt, a basket on a phone, a till's code): the token in the link is the key. Codes
    // cannot be tried by the thousand from one address.
    if (head.path.startsWith("/r/") || head.path.startsWith("/m/") || head.path.startsWith("/h/")) {
        if (head.method != "GET")
            return rejected(PushRejected { 405, QStringLiteral("METHOD_NOT_ALLOWED"), QStringLiteral("GET only") })
                .withHeader("Allow", "GET");
        if (!allowLookup(QStringLiteral("address ") + head.peer.toString())) {
            qCWarning(lcHub) << "refused a page from" << head.peer.toString() << ": more than" << m_lookupLimit << "in"
                             << kLookupWindowMs / 1000 << "s";
            return rejected(PushRejected { 429, QStringLiteral("RATE_LIMITED"),
                                QStringLiteral("too many pages from this address; wait a few seconds") })
                .withHeader("Retry-After", QByteArray::number(kLookupWindowMs / 1000));
        }
        return std::nullopt;
    }
    if (head.path == "/reports" || head.path.startsWith("/reports/"))
        return admitReports(head);
    const Route *route = routeFor(head.path);
    if (!route)
        return rejected(PushRejected { 404, QStringLiteral("NOT_FOUND"), QStringLiteral("no such resource") });
    if (head.method != route->method) {
        HttpResponse wrong = rejected(PushRejected { 405, QStringLiteral("METHOD_NOT_ALLOWED"),
            QStringLiteral("%1 takes %2").arg(QLatin1String(route->path), QLatin1String(route->method)) });
        return wrong.withHeader("Allow", route->method);
    }
    if (!route->authenticated)
        return std::nullopt;
    // The token is checked from the headers, so a stranger's body is never read.
    const QString terminalId = QString::fromLatin1(head.header("x-terminal-id"));
    const QByteArray auth = head.header("authorization");
    if (terminalId.isEmpty() || !auth.startsWith("Bearer ")
        || !m_store.authenticate(terminalId, auth.mid(7).trimmed())) {
        qCWarning(lcHub) << "refused" << head.method << head.path << "from" << head.peer.toString()
                         << ": unknown terminal or wrong device token";
        return unauthorized();
    }
    if (route->lookup && !allowLookup(terminalId)) {
        qCWarning(lcHub) << "refused a look-up from" << terminalId << ": more than" << m_lookupLimit << "in"
                         << kLookupWindowMs / 1000 << "s";
        return rejected(PushRejected { 429, QStringLiteral("RATE_LIMITED"),
                            QStringLiteral("too many look-ups from this terminal; wait a few seconds") })
            .withHeader("Retry-After", QByteArray::number(kLookupWindowMs / 1000));
    }
    return std::nullopt; // the size limit (8 MiB) is the HttpServer's maxBodyBytes
}

HttpResponse HubServer::handle(const HttpRequest &request)
{
    if (auto answer = write(m_store, request))
        return *answer;
    if (auto answer = read(m_store, request))
        return *answer;
    if (request.path == "/sync/v1/terminal")
        return terminal(request);
    return HttpResponse { 200,
        QJsonDocument(QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("protocol"), kProtocolVersion } })
            .toJson(QJsonDocument::Compact) };
}

HttpResponse HubServer::push(HubStore &store, const HttpRequest &request) const
{
    auto decoded = decodePushRequest(request.body);
    if (!decoded)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), decoded.error().message });
    if (decoded->terminalId != QString::fromLatin1(request.header("x-terminal-id"))) {
        qCWarning(lcHub) << "refused a push for" << decoded->terminalId << "from" << request.peer.toString()
                         << "with the token of another terminal";
        return unauthorized();
    }
    const auto outcome = store.applyPush(*decoded);
    if (const auto *r = std::get_if<PushRejected>(&outcome))
        return rejected(*r);
    const PushAccepted &a = std::get<PushAccepted>(outcome);
    qCDebug(lcHub) << "push from" << decoded->terminalId << "accepted" << a.accepted << "duplicates" << a.duplicates
                   << "acked through" << a.ackedThrough;
    return HttpResponse { 200, encodeAccepted(a) };
}

HttpResponse HubServer::state(HubStore &store, const HttpRequest &request) const
{
    auto decoded = decodeTerminalState(request.body);
    if (!decoded)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), decoded.error().message });
    if (decoded->terminalId != QString::fromLatin1(request.header("x-terminal-id"))) {
        qCWarning(lcHub) << "refused a state report for" << decoded->terminalId << "from" << request.peer.toString()
                         << "with the token of another terminal";
        return unauthorized();
    }
    auto known = store.applyTerminalState(*decoded);
    if (!known) {
        qCWarning(lcHub) << "cannot keep the state of" << decoded->terminalId << ":" << known.error().message;
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not keep the state report; retry") });
    }
    return HttpResponse { 200, encodeStateAnswer(*known) };
}

std::optional<HttpResponse> HubServer::write(HubStore &store, const HttpRequest &request) const
{
    if (request.path == "/sync/v1/push")
        return push(store, request);
    if (request.path == "/sync/v1/state")
        return state(store, request);
    if (request.path == "/sync/v1/handoff")
        return handoff(store, request);
    if (request.path == "/sync/v1/cart/claim")
        return claim(store, request);
    if (request.path == "/sync/v1/cart/release")
        return release(store, request);
    if (request.path == "/sync/v1/basket")
        return basket(store, request);
    if (request.path.startsWith("/m/")) // a fresh hand-off code with every visit
        return basketPage(store, request);
    if (request.method == "POST" && request.path == "/reports/sign-out")
        return reportsSignIn(store, request);
    return std::nullopt;
}

std::optional<HttpResponse> HubServer::read(HubStore &store, const HttpRequest &request) const
{
    if (request.path.startsWith("/h/"))
        return codePage(request);
    if (request.path.startsWith("/r/"))
        return eReceipt(store, request, store.now());
    if (request.method == "POST" && request.path == "/reports/sign-in")
        return reportsSignIn(store, request);
    if (request.path == "/reports" || request.path.startsWith("/reports/"))
        return reports(store, request);
    if (request.path == "/sync/v1/pull")
        return pull(store, request);
    if (request.path == "/sync/v1/checksum")
        return checksum(store, request);
    if (request.path == "/sync/v1/snapshot")
        return snapshot(request);
    if (request.path == "/sync/v1/snapshot/data")
        return snapshotData(request);
    if (request.path == "/sync/v1/stored-value")
        return storedValue(store, request);
    if (request.path == "/sync/v1/customer")
        return customer(store, request);
    if (request.path == "/sync/v1/original")
        return original(store, request);
    if (request.path == "/sync/v1/report")
        return storeReport(store, request);
    return std::nullopt;
}

std::optional<HttpResponse> HubServer::admitReports(const HttpRequest &head)
{
    const bool post = head.path == "/reports/sign-in" || head.path == "/reports/sign-out";
    if (head.method != (post ? "POST" : "GET"))
        return rejected(PushRejected { 405, QStringLiteral("METHOD_NOT_ALLOWED"),
                            post ? QStringLiteral("POST only") : QStringLiteral("GET only") })
            .withHeader("Allow", post ? "POST" : "GET");
    if (!post)
        return std::nullopt; // the handler checks the manager's session
    if (head.header("content-length").toLongLong() > 4096)
        return rejected(PushRejected { 413, QStringLiteral("TOO_LARGE"), QStringLiteral("a sign-in form is small") });
    // A form posted from another site's page is refused (the session cookie is SameSite=Strict as well).
    const QByteArray origin = head.header("origin");
    if (!origin.isEmpty() && origin != "null"
        && QUrl(QString::fromLatin1(origin)).authority() != QString::fromLatin1(head.header("host")))
        return rejected(
            PushRejected { 403, QStringLiteral("FORBIDDEN"), QStringLiteral("sign in from the hub's own page") });
    if (head.path == "/reports/sign-in" && !allowLookup(QStringLiteral("sign-in ") + head.peer.toString())) {
        qCWarning(lcHub) << "refused a manager's sign-in from" << head.peer.toString() << ": more than" << m_lookupLimit
                         << "in" << kLookupWindowMs / 1000 << "s";
        return rejected(PushRejected { 429, QStringLiteral("RATE_LIMITED"),
                            QStringLiteral("too many sign-ins from this address; wait a few seconds") })
            .withHeader("Retry-After", QByteArray::number(kLookupWindowMs / 1000));
    }
    return std::nullopt;
}

bool HubServer::allowLookup(const QString &terminalId)
{
    const qint64 now = m_store.now();
    auto &[windowStart, count] = m_lookups[terminalId];
    if (now - windowStart >= kLookupWindowMs || now < windowStart) {
        windowStart = now;
        count = 0;
    }
    return ++count <= m_lookupLimit;
}

HttpResponse HubServer::original(HubStore &store, const HttpRequest &request) const
{
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression kNumber(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9#._/-]{0,63}$"));
    const QString receipt = request.query.queryItemValue(QStringLiteral("receipt"));
    const QString token = request.query.queryItemValue(QStringLiteral("token"));
    if (receipt.isEmpty() == token.isEmpty() || (!token.isEmpty() && !kHash.match(token).hasMatch())
        || (!receipt.isEmpty() && !kNumber.match(receipt).hasMatch()))
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"),
            QStringLiteral("original needs receipt (a receipt or online order number) or token (the SHA-256 of a "
                           "receipt's e-receipt token, lower-case hex)") });
    auto answer = store.original(receipt, token);
    if (answer && !*answer && receipt != receipt.toUpper()) // receipt numbers are upper case
        answer = store.original(receipt.toUpper(), {});
    if (!answer)
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the original; retry") });
    if (!*answer)
        return rejected(PushRejected { 404, QStringLiteral("UNKNOWN_ORIGINAL"),
            QStringLiteral("no sale or online order of this chain has this number or code") });
    return HttpResponse { 200, **answer };
}

HttpResponse HubServer::customer(HubStore &store, const HttpRequest &request) const
{
    const QString id = request.query.queryItemValue(QStringLiteral("id"));
    if (QUuid::fromString(id).isNull() || id.size() != 36)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"), QStringLiteral("customer needs id: a UUID") });
    auto profile = store.customerProfile(id);
    if (!profile)
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the customer; retry") });
    if (!*profile)
        return rejected(PushRejected { 404, QStringLiteral("UNKNOWN_CUSTOMER"),
            QStringLiteral("the hub has no such customer (never known, or erased)") });
    return HttpResponse { 200, **profile };
}

HttpResponse HubServer::storedValue(HubStore &store, const HttpRequest &request) const
{
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    const QString card = request.query.queryItemValue(QStringLiteral("card"));
    if (!kHash.match(card).hasMatch())
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"),
            QStringLiteral("stored-value needs card: the SHA-256 of the card's number, lower-case hex") });
    auto row = store.storedValueRow(card);
    if (!row)
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the card; retry") });
    if (!*row)
        return rejected(
            PushRejected { 404, QStringLiteral("UNKNOWN_CARD"), QStringLiteral("the hub does not know this card") });
    return HttpResponse { 200, **row };
}

HttpResponse HubServer::pull(HubStore &store, const HttpRequest &request) const
{
    const QString stream = request.query.queryItemValue(QStringLiteral("stream"));
    bool cursorOk = false, limitOk = false;
    const qint64 cursor = request.query.queryItemValue(QStringLiteral("cursor")).toLongLong(&cursorOk);
    const int limit = request.query.queryItemValue(QStringLiteral("limit")).toInt(&limitOk);
    if (stream.isEmpty() || !cursorOk || cursor < 0 || !limitOk || limit < 1 || limit > kMaxPullLimit)
        return rejected(PushRejected { 400, QStringLiteral("MALFORMED"),
            QStringLiteral("pull needs stream, cursor >= 0 and limit 1 to %1").arg(kMaxPullLimit) });
    if (stream == kCustomersStream || stream == kCartsStream) {
        // Customers (and their carts) go only to the tills of the stores the chain lets hold them: others get none, and
        // a till of a store taken off the list finds its copy is not the hub's at its next checksum and drops it.
        auto holds = store.terminalHoldsCustomers(QString::fromLatin1(request.header("x-terminal-id")));
        if (!holds)
            return streamFailure(holds.error());
        if (!*holds)
            return HttpResponse { 200, encodePullPage(PullPage { stream, {}, cursor, true }) };
    }
    auto page = store.pull(stream, cursor, limit);
    if (!page)
        return streamFailure(page.error());
    return HttpResponse { 200, encodePullPage(*page) };
}

HttpResponse HubServer::checksum(HubStore &store, const HttpRequest &request) const
{
    const QString stream = request.query.queryItemValue(QStringLiteral("stream"));
    if (stream == kCustomersStream || stream == kCartsStream) {
        auto holds = store.terminalHoldsCustomers(QString::fromLatin1(request.header("x-terminal-id")));
        if (!holds)
            return streamFailure(holds.error());
        if (!*holds)
            return HttpResponse { 200, encodeDigest(stream, StreamDigest {}) };
    }
    auto d = store.digest(stream);
    if (!d)
        return streamFailure(d.error());
    return HttpResponse { 200, encodeDigest(stream, *d) };
}

HttpResponse HubServer::terminal(const HttpRequest &request)
{
    const QString terminalId = QString::fromLatin1(request.header("x-terminal-id"));
    auto codes = m_store.terminalCodes(terminalId);
    auto chain = m_store.chainId();
    if (!codes || !chain)
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the terminal; retry") });
    return HttpResponse { 200,
        QJsonDocument(
            QJsonObject { { QStringLiteral("terminal_id"), terminalId },
                { QStringLiteral("store_code"), codes->storeCode },
                { QStringLiteral("terminal_code"), codes->terminalCode }, { QStringLiteral("chain_id"), *chain } })
            .toJson(QJsonDocument::Compact) };
}

HttpResponse HubServer::snapshot(const HttpRequest &) const
{
    const auto m = m_snapshots ? m_snapshots->current() : std::nullopt;
    if (!m)
        return rejected(PushRejected {
            404, QStringLiteral("NO_SNAPSHOT"), QStringLiteral("this hub has no catalog snapshot; pull the streams") });
    return HttpResponse { 200, encodeManifest(*m) };
}

HttpResponse HubServer::snapshotData(const HttpRequest &request) const
{
    const QString id = request.query.queryItemValue(QStringLiteral("id"));
    bool offsetOk = false;
    const qint64 offset = request.query.queryItemValue(QStringLiteral("offset")).toLongLong(&offsetOk);
    if (id.isEmpty() || !offsetOk)
        return rejected(
            PushRejected { 400, QStringLiteral("MALFORMED"), QStringLiteral("snapshot data needs id and offset") });
    if (!m_snapshots)
        return rejected(PushRejected {
            404, QStringLiteral("NO_SNAPSHOT"), QStringLiteral("this hub has no catalog snapshot; pull the streams") });
    auto data = m_snapshots->chunk(id, offset);
    if (!data) {
        switch (data.error().code) {
        case ErrorCode::NotFound:
            return rejected(PushRejected { 409, QStringLiteral("SNAPSHOT_CHANGED"), data.error().message });
        case ErrorCode::InvalidInput:
            return rejected(PushRejected { 416, QStringLiteral("OUT_OF_RANGE"), data.error().message });
        default:
            return rejected(PushRejected {
                503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the snapshot; retry") });
        }
    }
    return HttpResponse { 200, std::move(data).value(), QByteArrayLiteral("application/octet-stream") };
}

} // namespace omnitill::sync

namespace omnitill::sync {

HttpResponse HubServer::storeReport(HubStore &store, const HttpRequest &request) const
{
    const QString terminalId = QString::fromLatin1(request.header("x-terminal-id"));
    const QString dateText = request.query.queryItemValue(QStringLiteral("date"));
    const QDate date = QDate::fromString(dateText, Qt::ISODate);
    if (!date.isValid() || date.year() < 2000 || date.year() > 2999)
        return rejected(PushRejected {
            400, QStringLiteral("MALFORMED"), QStringLiteral("report needs date, a day such as 2026-12-05") });
    auto codes = store.terminalCodes(terminalId);
    if (!codes || codes->storeCode.isEmpty())
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not read the terminal's store; retry") });
    auto report = dailyReport(store, date, codes->storeCode);
    if (!report) {
        qCWarning(lcHub) << "cannot make the report of store" << codes->storeCode << ":" << report.error().message;
        return rejected(PushRejected {
            503, QStringLiteral("UNAVAILABLE"), QStringLiteral("the hub could not make the report; retry") });
    }
    return HttpResponse { 200, reportJson(*report) };
}

} // namespace omnitill::sync
