// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/catalog/catalog.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// Pull streams (docs/sync-protocol.md): backend-owned data flowing to terminals as ordered changes with a cursor.
namespace omnitill::sync {

inline const QString kTaxStream = QStringLiteral("tax");
inline const QString kCatalogStream = QStringLiteral("catalog");
// The store's roles and staff, applied to the terminal's staff tables (core/staff) so people sign in offline:
inline const QString kRolesStream
    = QStringLiteral("roles"); // key code: {"code","name","permissions":["void_sale",...] or ["*"]}
inline const QString kStaffStream = QStringLiteral("staff"); // key id: {"id","name","role","active","pin_salt",
                                                             // "pin_hash","pin_iterations","badge_hash"} (hex)
// The customers of the stores a terminal is configured for, applied to its customer tables (core/customers Customer;
// a row may say the customer was merged into another; a tombstone is an erasure).
inline const QString kCustomersStream = QStringLiteral("customers"); // key id: {"id","name",...}
// Mirrored as validated JSON rows (stream_row) until their features consume them:
inline const QString kStockStream = QStringLiteral("stock"); // key "sku|store": {"sku","store","on_hand_milli"}
inline const QString kCartsStream = QStringLiteral("carts"); // key cart id: core/handoff OnlineCart
inline const QString kConfigStream = QStringLiteral("config"); // key setting name: {"value": ...}
// The hub's stored-value ledger, a row per gift card and store credit (core/storedvalue StoredValueCard), published
// by the hub as it applies the terminals' events; never imported.
inline const QString kStoredValueStream = QStringLiteral("stored_value"); // key: SHA-256 of the card's number
// The streams a terminal applies, in dependency order (catalog rows name tax classes, staff rows roles).
inline const QStringList kTerminalStreams = { kTaxStream, kCatalogStream, kRolesStream, kStaffStream, kStockStream,
    kCustomersStream, kCartsStream, kConfigStream, kStoredValueStream };

// A staff row as the hub publishes it: the PIN only as its salted hash (core/staff/pinhash.h).
struct StaffRow
{
    QString id, name, role;
    bool active = true;
    QByteArray pinSalt, pinHash; // raw bytes
    int pinIterations = 0;
    QByteArray badgeHash; // raw, or empty
};
QByteArray staffRow(const StaffRow &row);
Result<StaffRow> staffFromRow(const QByteArray &row);
QByteArray roleRow(const QString &code, const QString &name, const QStringList &permissions);

// Checks that a row fits its stream before the hub publishes it and before a terminal stores it.
Status validateRow(const QString &stream, const QString &key, const QByteArray &row);
// A catalog row read and checked against its key in one parse (what validateRow checks for the catalog stream).
Result<CatalogRecord> validCatalogRow(const QString &key, const QByteArray &row);
inline constexpr int kMaxPullLimit = 2000;

struct StreamChange
{
    qint64 seq = 0; // the hub's commit-ordered change number: the cursor
    bool remove = false; // a tombstone
    QString key;
    QByteArray row; // canonical JSON; empty for tombstones
    QByteArray rowHash; // SHA-256 of row
};

struct PullPage
{
    QString stream;
    QList<StreamChange> changes;
    qint64 nextCursor = 0;
    bool upToDate = false;
};

// count + XOR of SHA-256(key ‖ 0 ‖ row_hash) over the live rows of a stream: order-independent, so the hub and a
// terminal can compare without listing rows.
struct StreamDigest
{
    qint64 count = 0;
    QByteArray xorDigest = QByteArray(32, '\0');
    void add(const QString &key, const QByteArray &rowHash);
    friend bool operator==(const StreamDigest &, const StreamDigest &) = default;
};

QByteArray rowHash(const QByteArray &row);
// Folds the rows of a query selecting (key, row_hash) into a digest; the hub and the terminal both use it.
Result<StreamDigest> digestOf(QSqlDatabase &db, const QString &sql, const QString &stream);

// Row encodings. A catalog row is one price window of one SKU with everything needed to create the SKU.
QString catalogKey(const CatalogRecord &record);
QByteArray catalogRow(const CatalogRecord &record);
Result<CatalogRecord> catalogRecordFromRow(const QByteArray &row);
QByteArray taxRow(const TaxClass &tax);
Result<TaxClass> taxClassFromRow(const QByteArray &row);

QByteArray encodePullPage(const PullPage &page);
Result<PullPage> decodePullPage(const QByteArray &body);
QByteArray encodeDigest(const QString &stream, const StreamDigest &digest);
Result<StreamDigest> decodeDigest(const QByteArray &body);

} // namespace omnitill::sync
