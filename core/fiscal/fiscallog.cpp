// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/fiscal/fiscallog.h"

#include "core/base/canonicaljson.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QVariant>

namespace omnitill {

FiscalLog::FiscalLog(Database &db, Clock clock, FiscalSigner &signer, QString cashRegisterId)
    : m_db(db)
    , m_clock(std::move(clock))
    , m_signer(signer)
    , m_cashRegisterId(std::move(cashRegisterId))
{ }

Result<FiscalState> FiscalLog::signSale(qint64 saleId, qint64 journalSeq)
{
    {
        auto q = prepare(m_db.connection(),
            QStringLiteral("INSERT INTO fiscal_signature (sale_id, receipt_no, chain_value) "
                           "SELECT s.id, s.receipt_no, j.hash FROM sale s, journal j WHERE s.id = ? AND j.seq = ? "
                           "ON CONFLICT (sale_id) DO NOTHING"));
        if (!q)
            return q.error();
        q->bindValue(0, saleId);
        q->bindValue(1, journalSeq);
        if (auto st = exec(*q, QStringLiteral("keeping the sale for its fiscal signature")); !st)
            return st.error();
    }
    if (auto signedNow = signPending(); !signedNow)
        return signedNow.error();
    auto st = stateWhere("SELECT state, qr, last_error FROM fiscal_signature WHERE sale_id = ?", saleId);
    if (!st)
        return st.error();
    if (!*st)
        return makeError(ErrorCode::NotFound, QStringLiteral("sale %1 is not recorded").arg(saleId));
    return **st;
}

Result<int> FiscalLog::signPending()
{
    int count = 0;
    for (;;) {
        QSqlQuery q(m_db.connection());
        if (!q.exec(QStringLiteral(
                "SELECT f.sale_id, f.receipt_no, f.chain_value, s.created_at_ms, s.currency, s.total_minor "
                "FROM fiscal_signature f JOIN sale s ON s.id = f.sale_id WHERE f.state = 'pending' "
                "ORDER BY f.sale_id LIMIT 1")))
            return sqlError(q.lastError(), u"reading the pending signatures");
        if (!q.next())
            return count;
        const qint64 saleId = q.value(0).toLongLong();
        const auto currency = Currency::fromCode(q.value(4).toString());
        if (!currency)
            return makeError(ErrorCode::Corrupt, QStringLiteral("sale %1 has no valid currency").arg(saleId));
        FiscalRecord r { m_cashRegisterId, q.value(1).toString(), q.value(3).toLongLong(), *currency, {},
            q.value(5).toLongLong(), 0, q.value(2).toByteArray(), {} };
        q.finish();
        if (!q.exec(QStringLiteral("SELECT value, turnover_minor FROM fiscal_signature WHERE state = 'signed' "
                                   "ORDER BY sale_id DESC LIMIT 1")))
            return sqlError(q.lastError(), u"reading the last signature");
        if (q.next()) {
            r.previousSignature = q.value(0).toString().toUtf8();
            r.turnoverMinor = q.value(1).toLongLong();
        }
        r.turnoverMinor += r.totalMinor;
        auto taxes = prepare(m_db.connection(),
            QStringLiteral("SELECT rate_milli_pct, sum(gross_minor) FROM sale_tax WHERE sale_id = ? "
                           "GROUP BY rate_milli_pct"));
        if (!taxes)
            return taxes.error();
        taxes->bindValue(0, saleId);
        if (auto st = exec(*taxes, u"reading the sale's taxes"); !st)
            return st.error();
        while (taxes->next())
            r.taxes.append(FiscalRecord::TaxGross { taxes->value(0).toInt(), taxes->value(1).toLongLong() });

        auto signature = m_signer.sign(r);
        if (!signature) {
            auto note = prepare(
                m_db.connection(), QStringLiteral("UPDATE fiscal_signature SET last_error = ? WHERE sale_id = ?"));
            if (!note)
                return note.error();
            note->bindValue(0, signature.error().message.left(300));
            note->bindValue(1, saleId);
            if (auto st = exec(*note, u"noting why the signature is pending"); !st)
                return st.error();
            return count; // the later sales wait behind this one
        }
        const qint64 now = m_clock();
        Transaction tx(m_db.connection());
        if (!tx.begun())
            return tx.begun().error();
        auto done = prepare(m_db.connection(),
            QStringLiteral("UPDATE fiscal_signature SET state = 'signed', signer = ?, value = ?, qr = ?, "
                           "turnover_minor = ?, last_error = '', signed_at_ms = ? WHERE sale_id = ?"));
        if (!done)
            return done.error();
        const QVariantList v
            = { signature->signer, signature->value, QString::fromUtf8(signature->qr), r.turnoverMinor, now, saleId };
        for (int i = 0; i < v.size(); ++i)
            done->bindValue(i, v[i]);
        if (auto st = exec(*done, u"keeping the signature"); !st)
            return st.error();
        JsonObjectWriter o;
        o.add("enc", 1).add("id", Journal::newEventId(now)).add("receipt_no", r.receiptNo);
        o.add("signer", signature->signer).add("value", signature->value);
        o.add("qr", QString::fromUtf8(signature->qr)).add("created_at_ms", now);
        if (auto entry = Journal::append(m_db, QStringLiteral("fiscal.signed"), o.finish(), now); !entry)
            return entry.error();
        if (auto st = tx.commit(); !st)
            return st.error();
        ++count;
    }
}

Result<std::optional<FiscalState>> FiscalLog::stateWhere(const char *sql, const QVariant &key)
{
    auto q = prepare(m_db.connection(), QString::fromLatin1(sql));
    if (!q)
        return q.error();
    q->bindValue(0, key);
    if (auto st = exec(*q, u"reading the fiscal signature"); !st)
        return st.error();
    if (!q->next())
        return std::optional<FiscalState>();
    const bool done = q->value(0).toString() == QLatin1String("signed");
    return std::optional<FiscalState>(FiscalState {
        done, done ? q->value(1).toString().toUtf8() : QByteArray(), done ? QString() : q->value(2).toString() });
}

Result<std::optional<FiscalState>> FiscalLog::state(const QString &receiptNo)
{
    return stateWhere("SELECT state, qr, last_error FROM fiscal_signature WHERE receipt_no = ?", receiptNo);
}

} // namespace omnitill
