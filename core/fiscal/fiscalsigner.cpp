// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/fiscal/fiscalsigner.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>

namespace omnitill {

FiscalSigner::~FiscalSigner() = default;

namespace {
// RKSV writes amounts with a decimal comma: "12,34".
QString amount(qint64 minor, const Currency &currency)
{
    return Money(minor, currency).toString().replace(u'.', u',');
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}
} // namespace

Result<FiscalSignature> ChainSigner::sign(const FiscalRecord &r)
{
    if (r.chainValue.size() != 32)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the sale has no chained value to sign with"));
    // RKSV's five amounts: normal, reduced 1, reduced 2, zero, special. Here: the rates used, highest first, in the
    // first three places, 0 % in the fourth, any further rates together in the fifth.
    QList<FiscalRecord::TaxGross> rates = r.taxes;
    std::sort(rates.begin(), rates.end(), [](const auto &a, const auto &b) { return a.rateMilliPct > b.rateMilliPct; });
    qint64 slots[5] = { 0, 0, 0, 0, 0 };
    int next = 0;
    for (const auto &t : rates) {
        if (t.rateMilliPct == 0)
            slots[3] += t.grossMinor;
        else if (next < 3)
            slots[next++] += t.grossMinor;
        else
            slots[4] += t.grossMinor;
    }
    const QString value = base64(r.chainValue); // standard base64, as RKSV: no "_", which separates the fields
    // RKSV chains with the first 8 bytes of the SHA-256 of the previous signature (of the register id for the first).
    const QByteArray previous = QCryptographicHash::hash(
        r.previousSignature.isEmpty() ? r.cashRegisterId.toUtf8() : r.previousSignature, QCryptographicHash::Sha256)
                                    .left(8);
    const QString when = QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    const QString qr
        = QStringLiteral("_R1-AT0_%1_%2_%3_%4_%5_%6_%7_%8_%9_%10_%11_%12")
              .arg(r.cashRegisterId, r.receiptNo, when, amount(slots[0], r.currency), amount(slots[1], r.currency),
                  amount(slots[2], r.currency), amount(slots[3], r.currency), amount(slots[4], r.currency))
              .arg(base64(QByteArray::number(r.turnoverMinor)), name(), base64(previous), value);
    return FiscalSignature { name(), value, qr.toUtf8() };
}

} // namespace omnitill
