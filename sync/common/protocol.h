// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/storage/journal.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Sync protocol v1 (docs/sync-protocol.md): JSON over HTTP. Hashes travel as lower-case hex; event payloads travel as
// strings holding the exact bytes that were hashed, so no re-encoding can change them.
namespace omnitill::sync {

inline constexpr int kProtocolVersion = 1;
inline constexpr int kMaxBatchEvents = 200;
inline constexpr qint64 kMaxRequestBytes = 8 * 1024 * 1024;

struct PushRequest
{
    QString terminalId;
    qint64 epoch = 0;
    QList<JournalEntry> events; // consecutive seqs of one epoch
    // The last entry of the terminal's journal: a copy that holds less than the hub does (a clone, a restored
    // backup) is told so even before it sells. 0: not sent.
    qint64 headSeq = 0;
};

struct Quarantined
{
    qint64 seq = 0;
    QString code; // UNKNOWN_TYPE, BAD_PAYLOAD
    QString reason; // what is wrong with it, for the back office
};

struct PushAccepted
{
    qint64 ackedThrough = 0; // the hub holds every event of this epoch up to here; resend from ackedThrough + 1
    QByteArray lastHash;
    int accepted = 0;
    int duplicates = 0;
    QList<Quarantined> quarantined;
};

// A refusal. Codes: MALFORMED (400), UNAUTHORIZED (401), TOO_LARGE (413), CHAIN_INVALID (409: an event's hash does
// not match its content, the terminal's journal is damaged), CHAIN_FORK (409: this history diverges from what the
// hub holds at firstBadSeq, e.g. a restored or cloned terminal; continue in newEpoch), HUB_BEHIND (409: the hub lost
// part of this terminal's history, it was restored from a backup; it holds entries up to ackedThrough of heldEpoch,
// and everything after continues in newEpoch).
struct PushRejected
{
    int httpStatus = 400;
    QString code;
    QString message;
    qint64 firstBadSeq = 0;
    qint64 ackedThrough = 0;
    qint64 newEpoch = 0;
    qint64 heldEpoch = 0;
};

QByteArray encodePushRequest(const PushRequest &request);
// Validates shape and limits; an error message says which field is wrong.
Result<PushRequest> decodePushRequest(const QByteArray &body);

QByteArray encodeAccepted(const PushAccepted &accepted);
QByteArray encodeRejected(const PushRejected &rejected);
Result<PushAccepted> decodeAccepted(const QByteArray &body);
Result<PushRejected> decodeRejected(const QByteArray &body, int httpStatus);

} // namespace omnitill::sync
