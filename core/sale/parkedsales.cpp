// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/parkedsales.h"

#include "core/catalog/catalog.h"
#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace omnitill {

namespace {
QJsonObject discountJson(Discount d)
{
    const char16_t *kind = d.kind == Discount::Kind::Amount ? u"amount"
        : d.kind == Discount::Kind::Percent                 ? u"percent"
                                                            : u"none";
    return { { QStringLiteral("kind"), QString::fromUtf16(kind) }, { QStringLiteral("value"), d.value } };
}

std::optional<Discount> discountFrom(const QJsonValue &v)
{
    const QString kind = v[u"kind"].toString();
    const qint64 value = qint64(v[u"value"].toDouble());
    if (kind == u"none")
        return Discount::none();
    if (kind == u"amount")
        return Discount::amount(value);
    if (kind == u"percent")
        return Discount::percent(qint32(value));
    return std::nullopt;
}

Error damaged(const QString &why)
{
    return makeError(ErrorCode::Corrupt, QStringLiteral("a parked sale is damaged (%1)").arg(why));
}
} // namespace

ParkedSales::ParkedSales(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

QByteArray ParkedSales::encode(const Cart &cart)
{
    QJsonArray lines;
    for (const CartLine &l : cart.lines()) {
        const CatalogItem &i = l.item;
        QJsonObject line { { QStringLiteral("variant_id"), i.variantId }, { QStringLiteral("product_id"), i.productId },
            { QStringLiteral("sku"), i.sku }, { QStringLiteral("name"), i.name }, { QStringLiteral("brand"), i.brand },
            { QStringLiteral("category"), i.category }, { QStringLiteral("unit"), unitToString(i.unit) },
            { QStringLiteral("tax_class"), i.tax.code }, { QStringLiteral("tax_name"), i.tax.name },
            { QStringLiteral("tax_rate_milli_pct"), i.tax.rateMilliPct },
            { QStringLiteral("unit_price_minor"), i.price.minor() }, { QStringLiteral("scanned_code"), l.scannedCode },
            { QStringLiteral("qty_milli"), l.quantity }, { QStringLiteral("discount"), discountJson(l.discount) } };
        if (l.listPriceMinor)
            line.insert(QStringLiteral("list_price_minor"), *l.listPriceMinor);
        lines.append(line);
    }
    QJsonObject o { { QStringLiteral("currency"), cart.currency().code() },
        { QStringLiteral("pricing"), pricingModeToString(cart.mode()) },
        { QStringLiteral("cart_discount"), discountJson(cart.cartDiscount()) }, { QStringLiteral("lines"), lines } };
    if (cart.customer()) // the customer the sale is for comes back with it
        o.insert(QStringLiteral("customer"),
            QJsonObject {
                { QStringLiteral("id"), cart.customer()->id }, { QStringLiteral("name"), cart.customer()->name } });
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<Cart> ParkedSales::decode(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const auto currency = Currency::fromCode(o.value(u"currency").toString());
    const auto mode = pricingModeFromString(o.value(u"pricing").toString());
    if (!currency || !mode)
        return damaged(QStringLiteral("no currency or pricing"));
    Cart cart(*currency, *mode);
    for (const QJsonValue &v : o.value(u"lines").toArray()) {
        CatalogItem item;
        item.variantId = qint64(v[u"variant_id"].toDouble());
        item.productId = qint64(v[u"product_id"].toDouble());
        item.sku = v[u"sku"].toString();
        item.name = v[u"name"].toString();
        item.brand = v[u"brand"].toString();
        item.category = v[u"category"].toString();
        const auto unit = unitFromString(v[u"unit"].toString());
        const auto discount = discountFrom(v[u"discount"]);
        if (item.sku.isEmpty() || !unit || !discount)
            return damaged(QStringLiteral("a line without a SKU, unit or discount"));
        item.unit = *unit;
        item.tax = TaxClass { v[u"tax_class"].toString(), v[u"tax_name"].toString(),
            qint32(v[u"tax_rate_milli_pct"].toDouble()) };
        const Money price(qint64(v[u"unit_price_minor"].toDouble()), *currency);
        const bool overridden = v[u"list_price_minor"].isDouble();
        item.price = overridden ? Money(qint64(v[u"list_price_minor"].toDouble()), *currency) : price;
        auto line = cart.add(item, qint64(v[u"qty_milli"].toDouble()), v[u"scanned_code"].toString());
        if (!line)
            return damaged(line.error().message);
        if (overridden) {
            if (auto st = cart.setUnitPrice(*line, price); !st)
                return damaged(st.error().message);
        }
        if (!discount->isNone()) {
            if (auto st = cart.setLineDiscount(*line, *discount); !st)
                return damaged(st.error().message);
        }
    }
    if (cart.isEmpty())
        return damaged(QStringLiteral("no lines"));
    if (const QJsonValue c = o.value(u"customer"); c.isObject() && !c[u"id"].toString().isEmpty())
        cart.setCustomer(SaleCustomer { c[u"id"].toString(), c[u"name"].toString(), std::nullopt, std::nullopt });
    const auto cartDiscount = discountFrom(o.value(u"cart_discount"));
    if (!cartDiscount)
        return damaged(QStringLiteral("its discount"));
    if (!cartDiscount->isNone()) {
        if (auto st = cart.setCartDiscount(*cartDiscount); !st)
            return damaged(st.error().message);
    }
    return cart;
}

Result<ParkedSale> ParkedSales::park(
    const Cart &cart, const QString &staffId, const QString &staffName, const QString &note)
{
    if (cart.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("there is nothing to park"));
    if (note.size() > 200)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a note is at most 200 characters"));
    // A parked sale keeps its lines as catalog items: a card it sells would come back as a plain line that loads
    // nothing, and a new card's number lives only in this run of the till.
    if (std::any_of(cart.lines().cbegin(), cart.lines().cend(), [](const CartLine &l) { return l.storedValue; }))
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a sale that sells a gift card cannot be parked: remove the gift card line first"));
    ParkedSale p { 0, m_clock(), staffId, staffName, note.trimmed(), Money(cart.totals().totalMinor, cart.currency()),
        int(cart.lines().size()) };
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto q = m_db.statement("INSERT INTO parked_sale (parked_at_ms, staff_id, staff_name, note, total_minor, currency, "
                            "lines, cart) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!q)
        return q.error();
    q->bind(0, p.parkedAtMs).bind(2, p.staffName).bind(3, p.note).bind(4, p.total.minor());
    q->bind(5, cart.currency().code()).bind(6, p.lines).bind(7, QString::fromUtf8(encode(cart)));
    if (staffId.isEmpty())
        q->bindNull(1);
    else
        q->bind(1, staffId);
    if (auto st = q->run(u"parking the sale"); !st)
        return st.error();
    p.id = q->lastInsertRowId();
    if (auto st = tx.commit(); !st)
        return st.error();
    return p;
}

Result<QList<ParkedSale>> ParkedSales::list()
{
    auto q = m_db.statement("SELECT id, parked_at_ms, coalesce(staff_id, ''), staff_name, note, total_minor, currency, "
                            "lines FROM parked_sale ORDER BY parked_at_ms, id");
    if (!q)
        return q.error();
    QList<ParkedSale> out;
    for (;;) {
        auto row = q->next(u"reading the parked sales");
        if (!row)
            return row.error();
        if (!*row)
            break;
        const auto currency = Currency::fromCode(q->text(6));
        if (!currency)
            return damaged(QStringLiteral("its currency"));
        out.append(ParkedSale { q->int64(0), q->int64(1), q->text(2), q->text(3), q->text(4),
            Money(q->int64(5), *currency), int(q->int64(7)) });
    }
    return out;
}

Result<Cart> ParkedSales::resume(qint64 id, Catalog &catalog)
{
    QByteArray json;
    {
        auto q = m_db.statement("SELECT cart FROM parked_sale WHERE id = ?");
        if (!q)
            return q.error();
        q->bind(0, id);
        auto row = q->next(u"reading a parked sale");
        if (!row)
            return row.error();
        if (!*row)
            return makeError(ErrorCode::NotFound, QStringLiteral("there is no parked sale %1").arg(id));
        json = q->blob(0);
    }
    auto cart = decode(json);
    if (!cart)
        return cart.error();
    QStringList gone;
    for (const CartLine &l : cart->lines()) {
        auto current = catalog.lookupSku(l.item.sku, cart->currency(), m_clock());
        if (!current) {
            if (current.error().code != ErrorCode::NotFound)
                return current.error();
            gone << QStringLiteral("%1 (%2)").arg(l.item.name, l.item.sku);
        }
    }
    if (!gone.isEmpty())
        return makeError(ErrorCode::NotFound,
            QStringLiteral("the parked sale cannot be resumed: %1 %2 no longer sold here; it stays parked")
                .arg(gone.join(QStringLiteral(", ")), gone.size() == 1 ? QStringLiteral("is") : QStringLiteral("are")));
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto remove = m_db.statement("DELETE FROM parked_sale WHERE id = ?");
    if (!remove)
        return remove.error();
    remove->bind(0, id);
    if (auto st = remove->run(u"resuming a parked sale"); !st)
        return st.error();
    if (remove->changes() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("parked sale %1 was resumed meanwhile").arg(id));
    if (auto st = tx.commit(); !st)
        return st.error();
    return cart;
}

} // namespace omnitill
