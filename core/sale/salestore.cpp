// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/salestore.h"
#include "core/base/canonicaljson.h"
#include "core/sale/logging.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlRecord>

#include <QVariant>

#include <algorithm>

namespace omnitill {

QString paymentMethodToString(Payment::Method method)
{
    return tenderKindToString(method);
}

bool Settlement::paidInCash() const
{
    return std::any_of(tenders.cbegin(), tenders.cend(), [](const Tender &t) { return t.kind == Tender::Kind::Cash; });
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
    const auto money = [&](qint64 minor) { return Money(minor, currency).toDisplayString(); };
    Settlement s;
    qint64 rest = totals.totalMinor; // what is left to pay before the last tender
    for (const Tender &part : payment.earlier) {
        if (part.amountMinor <= 0)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a part payment must be more than nothing"));
        if (part.amountMinor > rest)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the payments taken come to more than the %1 due: take one back")
                    .arg(money(totals.totalMinor)));
        rest -= part.amountMinor;
        s.tenders.append(part);
        s.tenders.last().tenderedMinor = part.amountMinor;
        s.tenderedMinor += part.amountMinor;
    }
    if (isStoredValue(payment.method) && rest > 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a %1 is taken as a part payment, once its balance is checked")
                .arg(tenderKindName(payment.method).toLower()));
    Tender last { payment.method, rest, rest, payment.reference, 0 };
    if (payment.method == Payment::Method::Cash) {
        if (payment.cashIncrementMinor < 1)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("the cash rounding step must be positive"));
        last.amountMinor = roundToIncrement(Money(rest, currency), payment.cashIncrementMinor).minor();
        s.roundingMinor = last.amountMinor - rest;
        last.tenderedMinor = payment.tenderedMinor.value_or(last.amountMinor);
        if (last.tenderedMinor < last.amountMinor)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("%1 tendered is less than the %2 due")
                    .arg(money(last.tenderedMinor), money(last.amountMinor)));
        s.changeMinor = last.tenderedMinor - last.amountMinor;
    } else {
        last.tenderedMinor = payment.tenderedMinor.value_or(rest);
        if (last.tenderedMinor != rest)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("a %1 payment must be for exactly %2, not %3")
                    .arg(tenderKindName(payment.method).toLower(), money(rest), money(last.tenderedMinor)));
    }
    s.dueMinor = totals.totalMinor + s.roundingMinor;
    s.tenderedMinor += last.tenderedMinor;
    // A sale paid in full by part payments has no last tender: nothing was left for it to pay.
    if (last.tenderedMinor > 0 || s.tenders.isEmpty())
        s.tenders.append(last);
    return s;
}

namespace {
// Text as the store keeps it: broken UTF-16 (a lone surrogate, which a JSON import's "\ud800" can produce) is stored
// as QString::toUtf8() writes it, so the receipt, the rows and the journal payload all hold the same text.
QString asStored(const QString &text)
{
    return QStringView(text).isValidUtf16() ? text : QString::fromUtf8(text.toUtf8());
}
} // namespace

Result<QString> SaleStore::nextReceiptNo()
{
    auto counter = m_db.statement("INSERT INTO meta (key, value) VALUES ('receipt_counter', '1') "
                                  "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
                                  "RETURNING value, (SELECT value FROM meta WHERE key = 'terminal_code'), "
                                  "(SELECT value FROM meta WHERE key = 'store_code')");
    if (!counter)
        return counter.error();
    auto numbered = counter->next(u"numbering the receipt");
    if (!numbered)
        return numbered.error();
    if (!*numbered)
        return makeError(ErrorCode::Storage, QStringLiteral("no receipt number was assigned"));
    const qint64 number = counter->int64(0);
    const QString terminal = counter->isNull(1) ? QStringLiteral("T01") : counter->text(1);
    const QString store = counter->isNull(2) ? QString() : counter->text(2) + u'-';
    return QStringLiteral("%1%2-%3-%4").arg(store, terminal, m_series).arg(number, 6, 10, QLatin1Char('0'));
}

Result<SaleReceipt> SaleStore::record(
    const Cart &cart, const Payment &payment, const AlsoInTransaction &alsoInTransaction)
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
    for (CartLine &l : receipt.lines) {
        l.item.sku = asStored(l.item.sku);
        l.item.name = asStored(l.item.name);
        l.item.tax.code = asStored(l.item.tax.code);
        l.scannedCode = asStored(l.scannedCode);
    }
    receipt.totals = cart.totals();
    for (TaxLine &x : receipt.totals.taxes)
        x.taxClass = asStored(x.taxClass);
    receipt.method = settlement->tenders.last().kind;
    receipt.receiptToken = newReceiptToken();
    receipt.settlement = *settlement;
    receipt.customer = cart.customer();
    receipt.onlineCart = cart.onlineCart();

    QSqlDatabase &db = m_db.connection();
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();

    {
        auto number = nextReceiptNo();
        if (!number)
            return number.error();
        receipt.receiptNo = *number;
    }

    const CartTotals &t = receipt.totals;
    const QString currency = receipt.currency.code();
    const QString pricing = pricingModeToString(receipt.mode);
    const QString method = settlement->tenders.size() == 1 ? tenderKindToString(settlement->tenders.first().kind)
                                                           : QStringLiteral("split");
    {
        auto sale = m_db.statement(
            "INSERT INTO sale (receipt_no, created_at_ms, currency, pricing, "
            "subtotal_minor, discount_minor, net_minor, tax_minor, total_minor, "
            "rounding_minor, due_minor, payment_method, tendered_minor, change_minor, "
            "receipt_token, customer_id, points_earned, online_cart_id, online_cart_version, shift_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "(SELECT id FROM shift WHERE closed_at_ms IS NULL))");
        if (!sale)
            return sale.error();
        sale->bind(0, receipt.receiptNo).bind(1, receipt.createdAtMs).bind(2, currency).bind(3, pricing);
        sale->bind(4, t.subtotalMinor).bind(5, t.discountMinor).bind(6, t.netMinor).bind(7, t.taxMinor);
        sale->bind(8, t.totalMinor).bind(9, settlement->roundingMinor).bind(10, settlement->dueMinor);
        sale->bind(11, method).bind(12, settlement->tenderedMinor).bind(13, settlement->changeMinor);
        sale->bind(14, receipt.receiptToken);
        if (receipt.customer)
            sale->bind(15, receipt.customer->id).bind(16, receipt.customer->pointsEarned);
        else
            sale->bindNull(15).bindNull(16);
        if (receipt.onlineCart)
            sale->bind(17, receipt.onlineCart->id).bind(18, receipt.onlineCart->version);
        else
            sale->bindNull(17).bindNull(18);
        if (auto st = sale->run(u"saving the sale"); !st)
            return st.error();
        receipt.saleId = sale->lastInsertRowId();
    }

    // The journal payload is written from the values bound, not read back: the rows and the payload are the same
    // values, and SaleStore::journalPayload (the reading back) is held to give the same bytes (JournalTest).
    QList<QByteArray> lineJson;
    lineJson.reserve(receipt.lines.size());
    {
        auto line = m_db.statement("INSERT INTO sale_line (sale_id, line_no, variant_id, sku, name, "
                                   "scanned_code, unit, qty_milli, unit_price_minor, amount_minor, "
                                   "line_discount_minor, cart_discount_minor, total_minor, tax_class, "
                                   "tax_rate_milli_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!line)
            return line.error();
        JsonObjectWriter json;
        for (int i = 0; i < receipt.lines.size(); ++i) {
            const CartLine &l = receipt.lines[i];
            const QString unit = unitToString(l.item.unit);
            const QStringView scanned = l.scannedCode.isNull() ? QStringView(u"") : QStringView(l.scannedCode);
            // A line that sells a card is no catalog variant: its variant is null.
            const bool catalogItem = l.item.variantId > 0;
            const std::optional<qint64> variant = catalogItem ? std::optional<qint64>(l.item.variantId) : std::nullopt;
            line->bind(0, receipt.saleId).bind(1, i + 1).bind(2, variant).bind(3, l.item.sku);
            line->bind(4, l.item.name).bind(5, scanned).bind(6, unit).bind(7, l.quantity);
            line->bind(8, l.item.price.minor()).bind(9, l.amountMinor).bind(10, l.lineDiscountMinor);
            line->bind(11, l.cartDiscountMinor).bind(12, l.totalMinor).bind(13, l.item.tax.code);
            line->bind(14, l.item.tax.rateMilliPct);
            if (auto st = line->run(u"saving the sale lines"); !st)
                return st.error();
            json.add("line_no", i + 1).add("sku", l.item.sku);
            if (catalogItem)
                json.add("variant_id", l.item.variantId);
            else
                json.add("variant_id", nullptr);
            json.add("name", l.item.name).add("scanned_code", scanned).add("unit", unit).add("qty_milli", l.quantity);
            json.add("unit_price_minor", l.item.price.minor()).add("amount_minor", l.amountMinor);
            json.add("line_discount_minor", l.lineDiscountMinor).add("cart_discount_minor", l.cartDiscountMinor);
            json.add("total_minor", l.totalMinor).add("tax_class", l.item.tax.code);
            json.add("tax_rate_milli_pct", l.item.tax.rateMilliPct);
            lineJson.append(json.finish());
        }
    }

    QList<QByteArray> taxJson;
    {
        auto tax = m_db.statement("INSERT INTO sale_tax (sale_id, tax_class, rate_milli_pct, net_minor, "
                                  "tax_minor, gross_minor) VALUES (?, ?, ?, ?, ?, ?)");
        if (!tax)
            return tax.error();
        // The payload lists them as the reading back does: ORDER BY tax_class.
        QList<TaxLine> taxes = t.taxes;
        std::stable_sort(taxes.begin(), taxes.end(), [](const TaxLine &a, const TaxLine &b) {
            return a.taxClass.toUtf8() < b.taxClass.toUtf8(); // SQLite's BINARY collation
        });
        JsonObjectWriter json;
        for (const TaxLine &x : taxes) {
            tax->bind(0, receipt.saleId).bind(1, x.taxClass).bind(2, x.rateMilliPct).bind(3, x.netMinor);
            tax->bind(4, x.taxMinor).bind(5, x.grossMinor);
            if (auto st = tax->run(u"saving tax totals"); !st)
                return st.error();
            json.add("tax_class", x.taxClass).add("rate_milli_pct", x.rateMilliPct).add("net_minor", x.netMinor);
            json.add("tax_minor", x.taxMinor).add("gross_minor", x.grossMinor);
            taxJson.append(json.finish());
        }
    }

    QList<QByteArray> paymentJson;
    {
        auto pay = m_db.statement("INSERT INTO sale_payment (sale_id, seq, kind, amount_minor, tendered_minor, "
                                  "reference) VALUES (?, ?, ?, ?, ?, ?)");
        auto consume = m_db.statement("DELETE FROM open_tender WHERE id = ?");
        if (!pay)
            return pay.error();
        if (!consume)
            return consume.error();
        JsonObjectWriter json;
        for (int i = 0; i < settlement->tenders.size(); ++i) {
            const Tender &p = settlement->tenders[i];
            const QString kind = tenderKindToString(p.kind);
            const QString reference = asStored(p.reference);
            pay->bind(0, receipt.saleId).bind(1, i + 1).bind(2, kind).bind(3, p.amountMinor);
            pay->bind(4, p.tenderedMinor).bind(5, reference);
            if (auto st = pay->run(u"saving the payments"); !st)
                return st.error();
            if (p.id != 0) {
                consume->bind(0, p.id);
                if (auto st = consume->run(u"settling a part payment"); !st)
                    return st.error();
                if (consume->changes() != 1)
                    return makeError(ErrorCode::Conflict,
                        QStringLiteral("a part payment of this sale was taken back meanwhile: take the payment again"));
            }
            json.add("seq", i + 1).add("kind", kind).add("amount_minor", p.amountMinor);
            json.add("tendered_minor", p.tenderedMinor).add("reference", reference);
            paymentJson.append(json.finish());
        }
    }

    JsonObjectWriter payload;
    payload.add("id", receipt.saleId).add("receipt_no", receipt.receiptNo).add("created_at_ms", receipt.createdAtMs);
    payload.add("currency", currency).add("pricing", pricing).add("subtotal_minor", t.subtotalMinor);
    payload.add("discount_minor", t.discountMinor).add("net_minor", t.netMinor).add("tax_minor", t.taxMinor);
    payload.add("total_minor", t.totalMinor).add("rounding_minor", settlement->roundingMinor);
    payload.add("due_minor", settlement->dueMinor).add("payment_method", method);
    payload.add("tendered_minor", settlement->tenderedMinor).add("change_minor", settlement->changeMinor);
    payload.add("enc", 2).addRaw("lines", jsonArray(lineJson)).addRaw("taxes", jsonArray(taxJson));
    payload.addRaw("payments", jsonArray(paymentJson));
    payload.add("receipt_token_sha256", receiptTokenHash(receipt.receiptToken));
    if (receipt.customer) {
        JsonObjectWriter customer;
        customer.add("id", receipt.customer->id);
        if (receipt.customer->pointsEarned)
            customer.add("points_earned", *receipt.customer->pointsEarned);
        payload.addRaw("customer", customer.finish());
    }
    if (receipt.onlineCart) {
        JsonObjectWriter online;
        online.add("id", receipt.onlineCart->id).add("version", receipt.onlineCart->version);
        payload.addRaw("online_cart", online.finish());
    }
    auto entry = Journal::append(m_db, QStringLiteral("sale.completed"), payload.finish(), receipt.createdAtMs);
    if (!entry)
        return entry.error();
    receipt.journalSeq = entry->seq;

    // A gift card or store credit sold or topped up by a line: its ledger's credit, in the sale's transaction.
    for (const CartLine &l : receipt.lines) {
        if (!l.storedValue)
            continue;
        const StoredValueLoad &load = *l.storedValue;
        JsonObjectWriter o;
        o.add("enc", 1).add("id", Journal::newEventId(receipt.createdAtMs)).add("card", load.card);
        o.add("last4", load.last4).add("kind", tenderKindToString(load.kind)).add("currency", currency);
        o.add("amount_minor", l.totalMinor).add("receipt_no", receipt.receiptNo);
        o.add("created_at_ms", receipt.createdAtMs);
        if (load.issue) {
            if (load.expiresAtMs)
                o.add("expires_at_ms", *load.expiresAtMs);
            else
                o.add("expires_at_ms", nullptr);
        }
        if (auto e = Journal::append(m_db, load.issue ? QStringLiteral("sv.issued") : QStringLiteral("sv.topped_up"),
                o.finish(), receipt.createdAtMs);
            !e)
            return e.error();
    }

    if (alsoInTransaction) {
        if (auto st = alsoInTransaction(receipt); !st)
            return st.error();
    }
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
    auto payments = rowsAsJson(db,
        QStringLiteral("SELECT seq, kind, amount_minor, tendered_minor, reference FROM sale_payment "
                       "WHERE sale_id = ? ORDER BY seq"),
        saleId);
    if (!payments)
        return payments.error();
    QJsonObject payload = sale->first().toObject();
    payload.insert(QStringLiteral("enc"), payments->isEmpty() ? 1 : 2); // a sale from before split tender: 1
    {
        auto token = prepare(db,
            QStringLiteral("SELECT receipt_token, customer_id, points_earned, online_cart_id, "
                           "online_cart_version FROM sale WHERE id = ?"));
        if (!token)
            return token.error();
        token->bindValue(0, saleId);
        if (auto st = exec(*token, QStringLiteral("reading the sale's receipt token")); !st)
            return st.error();
        if (token->next() && !token->value(0).isNull())
            payload.insert(QStringLiteral("receipt_token_sha256"), receiptTokenHash(token->value(0).toString()));
        if (token->isValid() && !token->value(1).isNull()) {
            QJsonObject customer { { QStringLiteral("id"), token->value(1).toString() } };
            if (!token->value(2).isNull())
                customer.insert(QStringLiteral("points_earned"), token->value(2).toLongLong());
            payload.insert(QStringLiteral("customer"), customer);
        }
        if (token->isValid() && !token->value(3).isNull())
            payload.insert(QStringLiteral("online_cart"),
                QJsonObject { { QStringLiteral("id"), token->value(3).toString() },
                    { QStringLiteral("version"), token->value(4).toLongLong() } });
    }
    payload.insert(QStringLiteral("lines"), *lines);
    payload.insert(QStringLiteral("taxes"), *taxes);
    if (!payments->isEmpty())
        payload.insert(QStringLiteral("payments"), *payments);
    // QJsonObject keeps keys sorted and Compact adds no whitespace: the encoding is canonical for these values.
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

QString SaleStore::newReceiptToken()
{
    static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    quint32 words[5];
    QRandomGenerator::system()->fillRange(words);
    QString token;
    token.reserve(26);
    for (int i = 0; i < 26; ++i) { // 5 bits a character, taken across the 160 random bits
        const int bit = i * 5;
        const quint64 pair = (quint64(words[bit / 32]) << 32) | (bit / 32 + 1 < 5 ? words[bit / 32 + 1] : 0);
        token += QLatin1Char(kAlphabet[(pair >> (59 - bit % 32)) & 31]);
    }
    return token;
}

QString SaleStore::receiptTokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
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
