// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/common/protocol.h"
#include "sync/common/streams.h"
#include "sync/common/terminalstate.h"

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/catalog/importer.h"
#include "core/customers/customer.h"
#include "core/handoff/handoff.h"
#include "core/storedvalue/storedvalue.h"

#include <QIODevice>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QUrl>

#include <memory>
#include <unordered_map>
#include <variant>

namespace omnitill::sync {

class ReceivedTally;

// The hub's durable state: registered terminals, their epochs with high-water marks, every event ever accepted
// (the permanent dedupe table) and incidents (forks, damaged chains) for managers. SQLite (WAL, synchronous=FULL)
// by default.
class HubStore
{
public:
    static constexpr int kSchemaVersion = 13;

    enum class Dialect
    {
        Sqlite,
        Postgres
    };
    static Result<std::unique_ptr<HubStore>> openSqlite(const QString &path, Clock clock = systemClock());
    // postgresql://user:password@host:port/database. Several hubs may share one database (stateless replicas): every
    // push locks its terminal's row, so pushes of one terminal are applied one after another.
    static Result<std::unique_ptr<HubStore>> openPostgres(const QUrl &url, Clock clock = systemClock());
    // A postgresql:// URL, or else a SQLite file path.
    static Result<std::unique_ptr<HubStore>> open(const QString &spec, Clock clock = systemClock());
    Dialect dialect() const { return m_dialect; }
    // Starts a write transaction the way this engine needs it.
    std::unique_ptr<Transaction> transaction();
    ~HubStore();
    HubStore(const HubStore &) = delete;
    HubStore &operator=(const HubStore &) = delete;

    // Registers (or re-keys) a terminal of a store and returns its new device token; only the token's SHA-256 is
    // stored. A new terminal gets the next free code in its store (T01, T02, ...); a re-keyed one keeps its code
    // unless it moved to another store. Store codes are 1 to 12 letters and digits.
    Result<QString> registerTerminal(const QString &terminalId, const QString &storeCode);
    bool authenticate(const QString &terminalId, const QByteArray &token);
    struct TerminalCodes
    {
        QString storeCode;
        QString terminalCode;
    };
    // The codes a terminal's receipt numbers carry.
    Result<TerminalCodes> terminalCodes(const QString &terminalId);

    // Applies a push in one transaction, as docs/sync-protocol.md describes: duplicates are skipped after their hash
    // is compared, the batch stops at a gap, a diverging history moves the terminal to a new epoch.
    std::variant<PushAccepted, PushRejected> applyPush(const PushRequest &request);

    // The chain's identity (a random id made with the hub database): catalog snapshots carry it.
    Result<QString> chainId();

    // --- Pull streams ---
    // A CatalogSink that records an import as changes of the tax and catalog streams, in one transaction.
    std::unique_ptr<CatalogSink> catalogPublisher();
    // Records one change (in the caller's transaction if one is open, else in its own).
    Status publish(const QString &stream, const QString &key, const std::optional<QByteArray> &row);
    // Changes after `cursor`, oldest first. Conflict (must refetch) when the cursor predates pruned tombstones.
    Result<PullPage> pull(const QString &stream, qint64 cursor, int limit);
    // Publishes JSON Lines, one change per line: {"key": "...", "row": {...}} or {"key": "...", "delete": true}.
    // Every row is validated for its stream; one bad line publishes nothing and is reported with its line number.
    Result<qint64> publishLines(const QString &stream, QIODevice &lines);
    Result<StreamDigest> digest(const QString &stream);
    // Drops changes superseded by a later change of the same key, and tombstones at or below `tombstoneHorizon`
    // (which raises the stream's min_cursor). Returns the number of changes removed.
    Result<qint64> compact(const QString &stream, qint64 tombstoneHorizon);
    // compact() for every stream, forgetting deletions recorded before `beforeMs`.
    Result<qint64> compactBefore(qint64 beforeMs);

    struct TerminalState
    {
        qint64 epoch = 0;
        qint64 hwm = 0;
        qint64 events = 0; // all epochs
    };
    Result<TerminalState> terminalState(const QString &terminalId);
    // The sale whose e-receipt token has this SHA-256 (hex), with the store's receipt header from the config stream.
    struct EReceipt
    {
        QByteArray payload; // the sale.completed payload
        qint64 createdAtMs = 0;
        std::optional<QJsonObject> header;
    };
    Result<std::optional<EReceipt>> eReceipt(const QString &tokenSha256);

    // --- Stored value: the ledger of gift cards and store credit (sync/hub/hubledger.cpp) ---
    // Applies an accepted event that moves stored value (sv.issued, sv.topped_up, a payment.taken or payment.reversed
    // naming a card) in the push's transaction, and publishes the card's new row on the stored_value stream. A
    // redemption the card does not cover takes what is there and flags the rest for a manager; a balance never goes
    // below zero. An event applied before (replayed by a rebased terminal) changes nothing.
    Status applyStoredValue(const QString &terminalId, qint64 seq, const QString &type, const QByteArray &payload);
    // The card's row (core/storedvalue StoredValueCard), or nullopt.
    Result<std::optional<QByteArray>> storedValueRow(const QString &card);
    struct StoredValueFlag
    {
        qint64 id = 0;
        QString card, last4, eventId, terminalId;
        qint64 seq = 0;
        QString code; // OVERDRAFT, UNKNOWN_CARD, DUPLICATE_ISSUE, CURRENCY, BLOCKED_USED, EXPIRED_USED,
                      // UNKNOWN_REDEMPTION
        qint64 shortfallMinor = 0;
        QString currency, detail;
        qint64 atMs = 0;
        std::optional<qint64> resolvedAtMs;
        QString resolvedBy, resolution;
    };
    // What a manager must look at, oldest first; resolved ones too when asked.
    Result<QList<StoredValueFlag>> storedValueFlags(bool withResolved = false);
    Status resolveStoredValueFlag(qint64 id, const QString &by, const QString &resolution);

    // --- Customers: the hub's records when no commerce backend is connected (sync/hub/hubcustomers.cpp) ---
    // Applies customer.created or customer.updated from a till in the push's transaction, once per event id: a
    // customer with the email or phone of another becomes an alias of the one the hub knew first (cards, orders and
    // missing details move to it; the later consent wins). Both rows go out on the customers stream.
    Status applyCustomerEvent(const QString &terminalId, const QString &type, const QByteArray &payload);
    // A till's sale for a customer: an order of channel "store" in their history.
    Status recordCustomerSale(const QString &terminalId, const QByteArray &payload);
    // JSON Lines of customers ({"id","name","email","phone","cards","tier","points","consent","home_store","cart"})
    // or of orders ({"order","customer","channel","store","at_ms","total_minor","currency","lines"}), each in one
    // transaction: one bad line imports nothing and is named with its line number. Returns the lines imported.
    Result<qint64> importCustomers(QIODevice &lines);
    Result<qint64> importOrders(QIODevice &lines);
    // Erases a customer (and the aliases merged into them): their rows, cards and orders go, terminals get
    // tombstones, and only the id and the time stay, so nothing a till sends later brings them back.
    Status eraseCustomer(const QString &id);
    // The customer's whole profile with every order and its lines (JSON), following merges; nullopt when unknown or
    // erased.
    Result<std::optional<QByteArray>> customerProfile(const QString &id);
    // Whether a terminal's store may hold customers offline: config "customers.stores" is a list of store codes, or
    // "*" (the default when there is none) for every store.
    Result<bool> terminalHoldsCustomers(const QString &terminalId);
    // The live customers whose email or phone is this (for `customers find`), as stream rows.
    Result<QList<QByteArray>> findCustomers(const QString &emailOrPhone);

    // --- Loyalty: the points ledger (sync/hub/hubloyalty.cpp) ---
    // Applies what an accepted event does to a customer's points, in the push's transaction, once per event id: a
    // sale's points_earned (earn, and the tier the points earned reach under the chain's rules), a payment.taken of
    // points (redeem: what the balance covers; the rest flagged OVER_REDEEMED, never negative), a payment.reversed of
    // points (what its payment took goes back). The customer's row goes out with the new balance and points_seen.
    Status applyLoyalty(
        const QString &terminalId, qint64 seq, const QString &eventId, const QString &type, const QByteArray &payload);
    struct LoyaltyFlag
    {
        qint64 id = 0;
        QString customerId, eventId, terminalId;
        qint64 seq = 0;
        QString code; // OVER_REDEEMED, UNKNOWN_CUSTOMER, UNKNOWN_REDEMPTION
        qint64 shortfallPoints = 0;
        QString detail;
        qint64 atMs = 0;
        std::optional<qint64> resolvedAtMs;
        QString resolvedBy, resolution;
    };
    Result<QList<LoyaltyFlag>> loyaltyFlags(bool withResolved = false);
    Status resolveLoyaltyFlag(qint64 id, const QString &by, const QString &resolution);

    // What a manager must look at (a return past what was bought, a cart paid twice): what it is about (`subject`),
    // the event and terminal that raised it, and, once resolved, who resolved it and how.
    struct ManagerFlag
    {
        qint64 id = 0;
        QString subject, eventId, terminalId;
        QString code;
        QString detail;
        qint64 atMs = 0;
        std::optional<qint64> resolvedAtMs;
        QString resolvedBy, resolution;
    };

    // --- Returns (sync/hub/hubreturns.cpp) ---
    // What a till asks before a return: the store sale with this receipt number or e-receipt token (its SHA-256), or
    // the online order with this number, with what every return counted so far took back of each line and refunded
    // to each tender (JSON, core/returns OriginalSale); nullopt when the hub knows no such sale or order.
    Result<std::optional<QByteArray>> original(const QString &receiptNo, const QString &tokenSha256);
    // Applies an accepted return.completed in the push's transaction, once per event id; a line returned beyond what
    // was bought (two tills, offline) or refunds beyond the original's total are flagged, never refused.
    Status applyReturn(const QString &terminalId, const QByteArray &payload);
    using ReturnFlag = ManagerFlag; // subject: the original's receipt or order number; OVER_RETURN, OVER_REFUND
    Result<QList<ManagerFlag>> returnFlags(bool withResolved = false);
    Status resolveReturnFlag(qint64 id, const QString &by, const QString &resolution);

    // --- Online carts and hand-off codes (sync/hub/hubcarts.cpp) ---
    static constexpr qint64 kHandoffTtlMs = 15 * 60 * 1000; // a cart's code on the phone: 15 minutes, once
    static constexpr qint64 kPickupTtlMs = 14LL * 24 * 3600 * 1000; // an order's pickup code: until collected
    static constexpr qint64 kLinkTtlMs = 30LL * 24 * 3600 * 1000; // the page of a basket continued on a phone
    static constexpr qint64 kHoldMs = 30 * 60 * 1000; // how long a till may take to be paid for a cart it holds
    // The cart (its status, version and who converted it as the hub has them now), or nullopt.
    Result<std::optional<OnlineCart>> onlineCart(const QString &cartId);
    // Creates a cart, or changes one that is not converted (a change of anything is a new version); published on the
    // carts stream. In the caller's transaction if one is open.
    Status putCart(OnlineCart cart);
    // JSON Lines of carts (core/handoff OnlineCart), in one transaction; a bad line imports nothing and is named.
    Result<qint64> importCarts(QIODevice &lines);
    enum class HandoffPurpose
    {
        Handoff, // a cart's code for a till (15 minutes, once)
        Pickup, // an order's code for the store that hands it over
        Link, // the page of a cart on the customer's phone (/m/TOKEN)
    };
    struct IssuedCode
    {
        QString token; // shown once; the hub keeps its SHA-256
        qint64 expiresAtMs = 0;
    };
    // A new code for the cart; `store` binds it to one store's tills (empty: any store).
    Result<IssuedCode> issueHandoff(const QString &cartId, HandoffPurpose purpose, const QString &store);
    struct ResolvedHandoff
    {
        HandoffAnswer::Outcome outcome = HandoffAnswer::Outcome::Unknown;
        std::optional<OnlineCart> cart;
        QString boundTo; // the store, for OtherStore
    };
    // A till's scan of a code (its SHA-256): a cart's code is taken by the first till to ask; the till may then hold
    // the cart (claimCart).
    Result<ResolvedHandoff> resolveHandoff(const QString &terminalId, const QString &tokenSha256);
    struct LinkedCart
    {
        std::optional<OnlineCart> cart; // nullopt: no such link
        bool expired = false;
    };
    Result<LinkedCart> linkedCart(const QString &tokenSha256);
    // Compare-and-set: the till may take payment for the cart as it rang it up (`version`) when it is still open at
    // that version (or held by this till). A cart paid elsewhere meanwhile is flagged PAID_ELSEWHERE.
    Result<ClaimAnswer> claimCart(const QString &terminalId, const QString &cartId, qint64 version);
    Status releaseCart(const QString &terminalId, const QString &cartId);
    // The online shop's checkout of the cart as it is now, when no backend is connected: refused while a till holds
    // it, or when it was converted already.
    Status checkoutOnline(const QString &cartId);
    // Applies an accepted sale.completed that names an online cart, in the push's transaction: the cart is converted
    // (a pickup collected) by that sale; a cart converted already (PAID_TWICE), changed since the version the sale rang
    // up (CHANGED_ONLINE) or unknown (UNKNOWN_CART) is flagged, never refused.
    Status applyCartSale(const QString &terminalId, const QString &eventId, const QByteArray &payload);
    struct IssuedBasket
    {
        OnlineCart cart;
        IssuedCode link;
    };
    // A till's basket continued on the customer's phone: a new cart of channel "store" for the terminal's store, and
    // the link to its page.
    Result<IssuedBasket> createBasket(const QString &terminalId, OnlineCart basket);
    using CartFlag = ManagerFlag; // subject: the cart; PAID_ELSEWHERE, PAID_TWICE, CHANGED_ONLINE, UNKNOWN_CART
    Result<QList<ManagerFlag>> cartFlags(bool withResolved = false);
    Status resolveCartFlag(qint64 id, const QString &by, const QString &resolution);
    // The latest value of a setting of the config stream ({"value": ...}), or nullopt.
    Result<std::optional<QJsonValue>> configValue(const QString &key);
    // What the stock stream says a store has of a SKU (thousandths), or nullopt when it says nothing.
    Result<std::optional<qint64>> stockHere(const QString &sku, const QString &store);

    // --- The managers' report: what terminals say of themselves (sync/hub/hubstate.cpp) ---
    // A terminal not heard from for longer than this was offline (its state reports come at least every minute).
    static constexpr qint64 kSilentMs = 5 * 60 * 1000;
    // Keeps a terminal's state report in one transaction: its journal's counts by quarter hour (absolute, so a repeat
    // changes nothing), what it has pending, and the time since it was last heard from when that was longer than
    // kSilentMs. Returns the seq up to which the hub's counts of its journal are complete.
    Result<qint64> applyTerminalState(const TerminalStateReport &report);

    // --- Forwarding to a commerce backend (sync/hub/hubforward.cpp, docs/CONNECTORS.md) ---
    // The connector's settings, as `omnitill-hub connector set` keeps them: backend, url, api_key, channel,
    // location.STORE (the backend's stock location of each store) and the backend's own. The API key is a secret:
    // nothing prints or logs it.
    Result<QHash<QString, QString>> connectorSettings();
    // Replaces the settings in one transaction. The first time a backend is set, the store sales and returns already
    // received since `forwardSinceMs` are queued (nullopt: none of them, only what comes from now on).
    Status setConnectorSettings(const QHash<QString, QString> &settings, std::optional<qint64> forwardSinceMs);
    // What the connector keeps for itself (a cursor such as catalog_since), apart from its settings:
    // connectorSettings() leaves it out, and setConnectorSettings() starts it afresh. Each write in its own
    // transaction.
    Result<std::optional<QString>> connectorValue(const QString &key);
    Status setConnectorValue(const QString &key, const QString &value);
    // The keys a stream holds now (their latest change is not a deletion).
    Result<QStringList> liveKeys(const QString &stream);
    // Whether pushes queue their sales and returns for a backend (one is set).
    Result<bool> forwarding();
    struct ForwardItem
    {
        qint64 id = 0;
        QString eventId, terminalId, storeCode, type;
        qint64 createdAtMs = 0;
        QByteArray payload;
        int attempts = 0;
        QString backendRef; // what the backend calls it, or a half-made order's id, from an earlier attempt
    };
    // Up to `limit` pending items due now, oldest first.
    Result<QList<ForwardItem>> dueForwards(int limit);
    // The item is in the backend (`ref`: its order there).
    Status forwardDone(qint64 id, const QString &ref);
    // The attempt failed: tried again at `nextAtMs` (a backend down or slow), or given up (`failed`: the backend
    // refuses the item as it is; a manager must look, then `retryFailedForwards`). `ref` keeps what was made so far.
    Status forwardFailed(qint64 id, const QString &error, const QString &ref, bool failed, qint64 nextAtMs);
    // Keeps what an attempt made so far (a draft order's id) before the next step, so a crash cannot lose it.
    Status noteForwardRef(qint64 id, const QString &ref);
    // Takes or renews the forwarding lease for `holder` until `untilMs`; false when another holder has it.
    Result<bool> takeForwardLease(const QString &holder, qint64 untilMs);
    Status dropForwardLease(const QString &holder);
    struct ForwardCounts
    {
        qint64 pending = 0, retrying = 0, forwarded = 0, failed = 0;
        std::optional<qint64> oldestPendingMs; // when the oldest pending item was queued
        QString lastError;
    };
    Result<ForwardCounts> forwardCounts();
    // What was given up, oldest first (id, event, error), for `omnitill-hub forwarding`.
    Result<QList<ForwardItem>> failedForwards(QList<QString> *errors, int limit);
    // Puts what was given up back in the queue; returns how many.
    Result<qint64> retryFailedForwards();
    // Which backend customer a hub customer is (connector_customer), both ways.
    Result<std::optional<QString>> backendCustomer(const QString &hubId);
    Status mapCustomer(const QString &hubId, const QString &backendId);

    qint64 now() const { return m_clock(); }
    Result<qint64> eventCount();
    // --- Managers on the report pages (sync/hub/hubmanagers.cpp, docs/REPORTS.md) ---
    struct ManagerSession
    {
        QString staffId, name;
        qint64 expiresAtMs = 0;
    };
    static constexpr qint64 kManagerSessionMs = 8 * 3600'000; // a shift; then sign in again
    static constexpr int kManagerMaxFailures = 5; // wrong PINs for one name before it is locked
    static constexpr qint64 kManagerLockMs = 15 * 60'000;
    // Signs in the active person called `name` (any case) whose role may see reports (the staff and roles streams;
    // without a published role, "manager" may), when `pin` is theirs. Returns the session's token (random, 32 bytes,
    // base64url); the hub keeps only its SHA-256. A wrong name, a wrong PIN and a role without reports get the same
    // Refused, and count against the name: after kManagerMaxFailures it is locked for kManagerLockMs.
    Result<QString> signInManager(const QString &name, QStringView pin);
    // The session of `token` while it lasts and its person is still active with the reports permission.
    Result<std::optional<ManagerSession>> managerSession(QByteArrayView token);
    Status signOutManager(QByteArrayView token);

    Result<qint64> distinctEventIds();
    Result<qint64> incidentCount(const QString &code = {});
    QSqlDatabase &connection() { return m_db; }
    // Prepares `sql`, binds `binds` in order and runs it (forward only); `context` says what for, in the error. For
    // the store's own parts and the report made from it (sync/hub/dailyreport.cpp).
    Result<QSqlQuery> query(const QString &sql, const QVariantList &binds, QStringView context);

private:
    HubStore(QSqlDatabase db, Dialect dialect, Clock clock);
    // What a push received, by quarter hour, added to the report's tallies in the push's transaction.
    Status saveTally(const ReceivedTally &tally);
    // Queues accepted store sales and returns for the backend, in the push's transaction, when one is set.
    Status queueForwards(const QString &terminalId, const QList<const JournalEntry *> &events);
    // Schema 11: the tallies of the events received before it.
    Status countReceivedEvents();
    Result<int> schemaVersion();
    Status migrate();
    // A statement prepared once on this connection and kept (on PostgreSQL a prepare is a round trip to the server).
    // The caller binds, runs and finish()es it; it must not be used by two callers at once.
    Result<QSqlQuery *> kept(const QString &sql);
    // The card's row; `forUpdate` locks it for the caller's transaction on PostgreSQL.
    Result<std::optional<StoredValueCard>> readStoredValueCard(const QString &card, bool forUpdate);
    Status flagStoredValue(const QString &card, const QString &last4, const QString &eventId, const QString &terminalId,
        qint64 seq, const QString &code, qint64 shortfallMinor, const QString &currency, const QString &detail);

    // Marks a manager's flag resolved (`table`: sv_flag, loyalty_flag, return_flag; a name from this code, never
    // input), saying who and how.
    Status resolveFlag(QLatin1StringView table, qint64 id, const QString &by, const QString &resolution);
    // The flags of `table` (return_flag, cart_flag), oldest first, `subjectColumn` naming what each is about.
    Result<QList<ManagerFlag>> managerFlags(
        QLatin1StringView table, QLatin1StringView subjectColumn, bool withResolved, QStringView context);
    Status publishCustomer(const QString &id);
    Status publishCart(const QString &cartId);
    Status flagCart(const QString &cartId, const QString &eventId, const QString &terminalId, const QString &code,
        const QString &detail);
    Result<QString> customerSurvivor(const QString &id);
    Status mergeDuplicates(const QString &id);
    Status upsertCustomer(const Customer &c, const QString &createdBy, bool fromImport, const QString &openCart = {});

    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_kept;
    Dialect m_dialect;
    QString m_connectionName;
    Clock m_clock;
};

} // namespace omnitill::sync
