// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"
#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace omnitill {

// What a fiscal signer signs for one sale.
struct FiscalRecord
{
    QString cashRegisterId; // the terminal, as the tax office knows it
    QString receiptNo;
    qint64 createdAtMs = 0;
    Currency currency;
    struct TaxGross
    {
        qint32 rateMilliPct = 0;
        qint64 grossMinor = 0;
    };
    QList<TaxGross> taxes;
    qint64 totalMinor = 0;
    qint64 turnoverMinor = 0; // every signed sale's total so far, this one included
    QByteArray chainValue; // the sale's journal entry hash (32 bytes)
    QByteArray previousSignature; // the previous signed sale's signature value, empty for the first
};

struct FiscalSignature
{
    QString signer; // which signer (its serial or name)
    QString value; // the signature, as the signer writes it (base64)
    QByteArray qr; // what the receipt's fiscal QR code holds
};

// A signing device or service. sign() either signs now or fails with why (the device is unplugged, the service
// unreachable): the sale is complete regardless, and its signature stays pending until a later sign() succeeds.
class FiscalSigner
{
public:
    virtual ~FiscalSigner();
    virtual QString name() const = 0;
    virtual Result<FiscalSignature> sign(const FiscalRecord &record) = 0;
};

// A signer made from the journal's hash chain, for stores with no signing device: the signature is the sale's
// chained hash (SHA-256 over the previous entry's hash and this entry), so no receipt can be changed, left out or
// put in later without breaking every one after it. The QR code follows the RKSV layout
// (_R1-AT0_register_receipt_date_amounts by rate_turnover_signer_previous_value): the chained value where RKSV
// has the signature unit's. It is not a certified device: where the law asks for one, plug that in instead.
class ChainSigner : public FiscalSigner
{
public:
    QString name() const override { return QStringLiteral("omnitill-chain"); }
    Result<FiscalSignature> sign(const FiscalRecord &record) override;
};

} // namespace omnitill
