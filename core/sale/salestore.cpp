// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/salestore.h"
#include "core/sale/logging.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

#include <QVariant>

namespace omnitill {

QString paymentMethodToString(Payment::Method method)
{
    return method == Payment::Method::Cash ? QStringLiteral("cash") : QStringLiteral("card");
}

namespace {
// Four characters of Crockford's base32 (no I, L, O, U) from the second the series starts: it repeats only every
// 32^4 s (12 days), and two starts in one second are two starts of one store, not of a store and its copy.
QString seriesAt(qint64 ms)
{
    static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    qint64 seconds = ms / 1000;
    QString series(4, u'0');
    for (int i = 3; i >= 0; --i) {
        series[i] = QLatin1Char(kAlphabet[seconds & 31]);
        seconds >>= 5;
    }
    return series;
}
} // namespace

SaleStore::SaleStore(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
    , m_series(seriesAt(m_clock()))
{ }

Result<Settlement> SaleStore::settle(const CartTotals &totals, Currency currency, const Payment &payment)
{
    Settlement s;
    if (payment.method == Payment::Method::Cash) {
        if (payment.cashIncrementMinor < 1)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("the cash rounding step must be positive"));
        s.dueMinor = roundToIncrement(Money(totals.totalMinor, currency), payment.cashIncrementMinor).minor();
        s.roundingMinor = s.dueMinor - totals.totalMinor;
        s.tenderedMinor = payment.tenderedMinor.value_or(s.dueMinor);
        if (s.tenderedMinor < s.dueMinor)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1 tendered is less than the %2 due")
                    .arg(Money(s.tenderedMinor, currency).toDisplayString(),
                        Money(s.dueMinor, currency).toDisplayString()));
        s.changeMinor = s.tenderedMinor - s.dueMinor;
    } else {
        s.dueMinor = totals.totalMinor;
        s.tenderedMinor = payment.tenderedMinor.value_or(s.dueMinor);
        if (s.tenderedMinor != s.dueMinor)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("a card payment must be for exactly %1, not %2")
                    .arg(Money(s.dueMinor, currency).toDisplayString(),
                        Money(s.tenderedMinor, currency).toDisplayString()));
    }
    return s;
}

Result<SaleReceipt> SaleStore::record(const Cart &cart, const Payment &payment)
{
    if (cart.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the cart is empty; scan an item first"));
    auto settlement = settle(cart.totals(), cart.currency(), payment);
    if (!settlement)
        return settlement.error();

    SaleReceipt receipt;
    receipt.createdAtMs = m_clock();
    receipt.currency = cart.currency();
    receipt.mode = cart.mode();
    receipt.lines = cart.lines();
    receipt.totals = cart.totals();
    receipt.method = payment.method;
    receipt.settlement = *settlement;

    QSqlDatabase &db = m_db.connection();
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();

    auto counter = prepare(db,
        QStringLiteral("INSERT INTO meta (key, value) VALUES ('receipt_counter', '1') "
                       "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
                       "RETURNING value, (SELECT value FROM meta WHERE key = 'terminal_code'), "
                       "(SELECT value FROM meta WHERE key = 'store_code')"));
    if (!counter)
        return counter.error();
    if (auto st = exec(*counter, QStringLiteral("numbering the receipt")); !st)
        return st.error();
    if (!counter->next())
        return makeError(ErrorCode::Storage, QStringLiteral("no receipt number was assigned"));
    const qint64 number = counter->value(0).toLongLong();
    const QString terminal = counter->value(1).isNull() ? QStringLiteral("T01") : counter->value(1).toString();
    const QString store = counter->value(2).isNull() ? QString() : counter->value(2).toString() + u'-';
    counter->finish();
    receipt.receiptNo
        = QStringLiteral("%1%2-%3-%4").arg(store, terminal, m_series).arg(number, 6, 10, QLatin1Char('0'));

    auto sale = prepare(db,
        QStringLiteral("INSERT INTO sale (receipt_no, created_at_ms, currency, pricing, "
                       "subtotal_minor, discount_minor, net_minor, tax_minor, total_minor, "
                       "rounding_minor, due_minor, payment_method, tendered_minor, change_minor) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!sale)
        return sale.error();
    const CartTotals &t = receipt.totals;
    const QVariantList values = { receipt.receiptNo, receipt.createdAtMs, receipt.currency.code(),
        pricingModeToString(receipt.mode), t.subtotalMinor, t.discountMinor, t.netMinor, t.taxMinor, t.totalMinor,
        settlement->roundingMinor, settlement->dueMinor, paymentMethodToString(payment.method),
        settlement->tenderedMinor, settlement->changeMinor };
    for (int i = 0; i < values.size(); ++i)
        sale->bindValue(i, values[i]);
    if (auto st = exec(*sale, QStringLiteral("saving the sale")); !st)
        return st.error();
    receipt.saleId = sale->lastInsertId().toLongLong();

    auto line = prepare(db,
        QStringLiteral("INSERT INTO sale_line (sale_id, line_no, variant_id, sku, name, "
                       "scanned_code, unit, qty_milli, unit_price_minor, amount_minor, "
                       "line_discount_minor, cart_discount_minor, total_minor, tax_class, "
                       "tax_rate_milli_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!line)
        return line.error();
    for (int i = 0; i < receipt.lines.size(); ++i) {
        const CartLine &l = receipt.lines[i];
        const QVariantList lv = { receipt.saleId, i + 1, l.item.variantId, l.item.sku, l.item.name,
            l.scannedCode.isNull() ? QStringLiteral("") : l.scannedCode, unitToString(l.item.unit), l.quantity,
            l.item.price.minor(), l.amountMinor, l.lineDiscountMinor, l.cartDiscountMinor, l.totalMinor,
            l.item.tax.code, l.item.tax.rateMilliPct };
        for (int k = 0; k < lv.size(); ++k)
            line->bindValue(k, lv[k]);
        if (auto st = exec(*line, QStringLiteral("saving sale line %1").arg(i + 1)); !st)
            return st.error();
    }

    auto tax = prepare(db,
        QStringLiteral("INSERT INTO sale_tax (sale_id, tax_class, rate_milli_pct, net_minor, "
                       "tax_minor, gross_minor) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!tax)
        return tax.error();
    for (const TaxLine &x : t.taxes) {
        const QVariantList tv = { receipt.saleId, x.taxClass, x.rateMilliPct, x.netMinor, x.taxMinor, x.grossMinor };
        for (int k = 0; k < tv.size(); ++k)
            tax->bindValue(k, tv[k]);
        if (auto st = exec(*tax, QStringLiteral("saving tax totals")); !st)
            return st.error();
    }

    auto payload = journalPayload(db, receipt.saleId);
    if (!payload)
        return payload.error();
    auto entry = Journal::append(db, QStringLiteral("sale.completed"), *payload, receipt.createdAtMs);
    if (!entry)
        return entry.error();
    receipt.journalSeq = entry->seq;

    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcSale) << "sale" << receipt.receiptNo << "recorded:" << receipt.lines.size() << "lines,"
                   << Money(t.totalMinor, receipt.currency).toDisplayString();
    return receipt;
}

namespace {
// Every column of every row as a JSON object: integers stay integers (money is minor units), text stays text.
Result<QJsonArray> rowsAsJson(QSqlDatabase &db, const QString &sql, qint64 saleId)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    q->bindValue(0, saleId);
    if (auto st = exec(*q, QStringLiteral("reading the sale for the journal")); !st)
        return st.error();
    QJsonArray rows;
    while (q->next()) {
        const QSqlRecord rec = q->record();
        QJsonObject o;
        for (int i = 0; i < rec.count(); ++i) {
            const QVariant v = q->value(i);
            if (v.isNull())
                o.insert(rec.fieldName(i), QJsonValue::Null);
            else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
                o.insert(rec.fieldName(i), v.toLongLong());
            else
                o.insert(rec.fieldName(i), v.toString());
        }
        rows.append(o);
    }
    return rows;
}
} // namespace

Result<QByteArray> SaleStore::journalPayload(QSqlDatabase &db, qint64 saleId)
{
    // Encoding 1: explicit columns, so the payload does not change when later schema versions add columns.
    auto sale = rowsAsJson(db,
        QStringLiteral("SELECT id, receipt_no, created_at_ms, currency, pricing, subtotal_minor, "
                       "discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
                       "payment_method, tendered_minor, change_minor FROM sale WHERE id = ?"),
        saleId);
    if (!sale)
        return sale.error();
    if (sale->size() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("sale %1 does not exist").arg(saleId));
    auto lines = rowsAsJson(db,
        QStringLiteral("SELECT line_no, variant_id, sku, name, scanned_code, unit, qty_milli, "
                       "unit_price_minor, amount_minor, line_discount_minor, cart_discount_minor, "
                       "total_minor, tax_class, tax_rate_milli_pct FROM sale_line WHERE sale_id = ? "
                       "ORDER BY line_no"),
        saleId);
    if (!lines)
        return lines.error();
    auto taxes = rowsAsJson(db,
        QStringLiteral("SELECT tax_class, rate_milli_pct, net_minor, tax_minor, gross_minor "
                       "FROM sale_tax WHERE sale_id = ? ORDER BY tax_class"),
        saleId);
    if (!taxes)
        return taxes.error();
    QJsonObject payload = sale->first().toObject();
    payload.insert(QStringLiteral("enc"), 1);
    payload.insert(QStringLiteral("lines"), *lines);
    payload.insert(QStringLiteral("taxes"), *taxes);
    // QJsonObject keeps keys sorted and Compact adds no whitespace: the encoding is canonical for these values.
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

Result<std::optional<SaleStore::Summary>> SaleStore::lastSale()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT receipt_no, created_at_ms, total_minor, currency FROM sale "
                               "ORDER BY id DESC LIMIT 1")))
        return sqlError(q.lastError(), QStringLiteral("reading the last sale"));
    if (!q.next())
        return std::optional<Summary>();
    const auto currency = Currency::fromCode(q.value(3).toString());
    if (!currency)
        return makeError(
            ErrorCode::Corrupt, QStringLiteral("sale %1 has no valid currency").arg(q.value(0).toString()));
    return std::optional<Summary>(
        Summary { q.value(0).toString(), q.value(1).toLongLong(), Money(q.value(2).toLongLong(), *currency) });
}

Result<qint64> SaleStore::unsyncedCount()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")) || !q.next())
        return sqlError(q.lastError(), QStringLiteral("counting unsynced sales"));
    return q.value(0).toLongLong();
}

} // namespace omnitill
