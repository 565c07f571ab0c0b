// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/fiscal/fiscalsigner.h"

#include <optional>

namespace omnitill {

class Database;

// Where a sale's fiscal signature stands.
struct FiscalState
{
    bool signedOk = false; // false: signature pending
    QByteArray qr; // the fiscal QR code, once signed
    QString pendingReason; // why it is still pending (the signer's error)
};

// Each recorded sale's fiscal signature, in the order of the sales. A sale is signed right after it is recorded;
// while the signer is not available its signature is pending (the receipt says so) and later sales wait behind it,
// so the signatures chain in the sales' order. Every signature goes into the journal (fiscal.signed), in the same
// transaction as its row.
class FiscalLog
{
public:
    FiscalLog(Database &db, Clock clock, FiscalSigner &signer, QString cashRegisterId);

    // Signs the sale recorded as `saleId` (its journal entry `journalSeq`), after any still pending.
    Result<FiscalState> signSale(qint64 saleId, qint64 journalSeq);
    // Signs what is pending, oldest first, until the signer fails; returns how many were signed.
    Result<int> signPending();
    // Where the sale with `receiptNo` stands; nullopt for a sale never given to the log.
    Result<std::optional<FiscalState>> state(const QString &receiptNo);

private:
    Result<std::optional<FiscalState>> stateWhere(const char *sql, const QVariant &key);

    Database &m_db;
    Clock m_clock;
    FiscalSigner &m_signer;
    QString m_cashRegisterId;
};

} // namespace omnitill
