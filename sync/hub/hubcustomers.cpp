// SPDX-License-Identifier: GPL-3.0-or-later
// Customers on the hub (docs/sync-protocol.md, "Customers"): the system of record when no commerce backend is
// connected. Fed by imports and by the tills' events; published to the tills on the customers stream; merged when two
// records turn out to be one person (the same email or phone, made offline at two stores).
#include "sync/common/streams.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/base/canonicaljson.h"
#include "core/base/money.h"
#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

namespace omnitill::sync {

namespace {
// Text for a NOT NULL column: a null QString would be bound as NULL.
QVariant text(const QString &t)
{
    return t.isNull() ? QVariant(QStringLiteral("")) : QVariant(t);
}

QVariant textOrNull(const QString &t)
{
    return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t);
}

QString consentJson(const Consent &email, const Consent &sms)
{
    JsonObjectWriter o;
    o.addRaw("email", email.toJson()).addRaw("sms", sms.toJson());
    return QString::fromUtf8(o.finish());
}

// The stored consent of a customer, read through the row parser (the same rules as the stream's).
void readConsent(const QString &json, Consent &email, Consent &sms)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    auto one = [](const QJsonObject &c) {
        Consent out;
        out.granted = c.value(u"granted").toBool();
        if (c.value(u"at_ms").isDouble())
            out.atMs = c.value(u"at_ms").toInteger();
        out.where = c.value(u"where").toString();
        return out;
    };
    email = one(o.value(u"email").toObject());
    sms = one(o.value(u"sms").toObject());
}

// The later of two consents to a channel (one never given is the earliest).
Consent later(const Consent &a, const Consent &b)
{
    return b.atMs.value_or(-1) > a.atMs.value_or(-1) ? b : a;
}

constexpr QStringView kRead = u"reading the customers";
constexpr QStringView kWrite = u"saving the customer";
} // namespace

Result<QString> HubStore::customerSurvivor(const QString &id)
{
    QString at = id;
    for (int hop = 0; hop < 16; ++hop) {
        auto q = query(QStringLiteral("SELECT merged_into FROM customer WHERE id = ?"), { at }, kRead);
        if (!q)
            return q.error();
        if (!q->next() || q->value(0).isNull())
            return at;
        at = q->value(0).toString();
    }
    return makeError(ErrorCode::Corrupt, QStringLiteral("customer %1 was merged in a loop").arg(id));
}

Status HubStore::publishCustomer(const QString &id)
{
    auto q = query(
        QStringLiteral("SELECT name, email, phone, tier, points, points_as_of_ms, consent, home_store, open_cart, "
                       "merged_into, version, points_seen FROM customer WHERE id = ?"),
        { id }, kRead);
    if (!q)
        return q.error();
    if (!q->next())
        return publish(kCustomersStream, id, std::nullopt);
    Customer c;
    c.id = id;
    c.version = q->value(10).toLongLong();
    if (!q->value(9).isNull()) {
        c.mergedInto = q->value(9).toString();
        return publish(kCustomersStream, id, c.toRow());
    }
    c.name = q->value(0).toString();
    c.email = q->value(1).toString();
    c.phone = q->value(2).toString();
    c.tier = q->value(3).toString();
    c.points = q->value(4).toLongLong();
    if (!q->value(5).isNull())
        c.pointsAsOfMs = q->value(5).toLongLong();
    readConsent(q->value(6).toString(), c.emailConsent, c.smsConsent);
    c.homeStore = q->value(7).toString();
    const QJsonObject seen = QJsonDocument::fromJson(q->value(11).toString().toUtf8()).object();
    for (auto it = seen.begin(); it != seen.end(); ++it)
        c.pointsSeen.insert(it.key(), it.value().toInteger());
    if (!q->value(8).isNull()) {
        const QJsonObject cart = QJsonDocument::fromJson(q->value(8).toString().toUtf8()).object();
        c.cart = OpenCart { cart.value(u"cart_id").toString(), cart.value(u"items").toInt(),
            cart.value(u"total_minor").toInteger(), cart.value(u"currency").toString(),
            cart.value(u"updated_at_ms").toInteger() };
    }
    auto cards
        = query(QStringLiteral("SELECT card FROM customer_card WHERE customer_id = ? ORDER BY card"), { id }, kRead);
    if (!cards)
        return cards.error();
    while (cards->next())
        c.cards << cards->value(0).toString();
    auto orders = query(
        QStringLiteral("SELECT order_no, channel, store, at_ms, total_minor, currency, items FROM customer_order "
                       "WHERE customer_id = ? ORDER BY at_ms DESC, order_no LIMIT %1")
            .arg(Customer::kRecentOrders),
        { id }, kRead);
    if (!orders)
        return orders.error();
    while (orders->next()) {
        c.recent << OrderHeader { orders->value(0).toString(), orders->value(1).toString(), orders->value(2).toString(),
            orders->value(3).toLongLong(), orders->value(4).toLongLong(), orders->value(5).toString(),
            orders->value(6).toInt() };
    }
    return publish(kCustomersStream, id, c.toRow());
}

Status HubStore::upsertCustomer(const Customer &c, const QString &createdBy, bool fromImport, const QString &openCart)
{
    auto erased = query(QStringLiteral("SELECT 1 FROM customer_erased WHERE id = ?"), { c.id }, kRead);
    if (!erased)
        return erased.error();
    if (erased->next()) {
        qCInfo(lcHub) << "customer" << c.id << "was erased; what" << createdBy << "sent about them is not kept";
        return Ok {};
    }
    auto current = query(QStringLiteral("SELECT consent FROM customer WHERE id = ?"), { c.id }, kRead);
    if (!current)
        return current.error();
    Consent email = c.emailConsent, sms = c.smsConsent;
    const bool exists = current->next();
    if (exists && !fromImport) {
        Consent storedEmail, storedSms;
        readConsent(current->value(0).toString(), storedEmail, storedSms);
        email = later(storedEmail, email);
        sms = later(storedSms, sms);
    }
    const qint64 now = m_clock();
    const QVariant noInt(QMetaType(QMetaType::LongLong));
    if (!exists) {
        auto insert = query(
            QStringLiteral("INSERT INTO customer (id, name, email, phone, tier, points, points_as_of_ms, consent, "
                           "home_store, open_cart, version, created_by, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"),
            { c.id, c.name, textOrNull(c.email), textOrNull(c.phone), text(c.tier), c.points,
                c.pointsAsOfMs ? QVariant(*c.pointsAsOfMs) : noInt, consentJson(email, sms), text(c.homeStore),
                textOrNull(openCart), createdBy, now, now },
            kWrite);
        if (!insert)
            return insert.error();
    } else if (fromImport) {
        auto update = query(
            QStringLiteral("UPDATE customer SET name = ?, email = ?, phone = ?, tier = ?, points = ?, "
                           "points_as_of_ms = ?, consent = ?, home_store = ?, open_cart = ?, version = version + 1, "
                           "updated_at_ms = ? WHERE id = ?"),
            { c.name, textOrNull(c.email), textOrNull(c.phone), text(c.tier), c.points,
                c.pointsAsOfMs ? QVariant(*c.pointsAsOfMs) : noInt, consentJson(email, sms), text(c.homeStore),
                textOrNull(openCart), now, c.id },
            kWrite);
        if (!update)
            return update.error();
    } else { // a till's change: what a cashier can change, never tier or points
        auto update = query(QStringLiteral("UPDATE customer SET name = ?, email = ?, phone = ?, consent = ?, "
                                           "version = version + 1, updated_at_ms = ? WHERE id = ?"),
            { c.name, textOrNull(c.email), textOrNull(c.phone), consentJson(email, sms), now, c.id }, kWrite);
        if (!update)
            return update.error();
    }
    if (auto del = query(QStringLiteral("DELETE FROM customer_card WHERE customer_id = ?"), { c.id }, kWrite); !del)
        return del.error();
    for (const QString &card : c.cards) {
        auto held = query(QStringLiteral("INSERT INTO customer_card (card, customer_id) VALUES (?, ?) "
                                         "ON CONFLICT (card) DO UPDATE SET customer_id = excluded.customer_id"),
            { card, c.id }, kWrite);
        if (!held)
            return held.error();
    }
    return mergeDuplicates(c.id);
}

Status HubStore::mergeDuplicates(const QString &id)
{
    auto self = query(
        QStringLiteral("SELECT email, phone FROM customer WHERE id = ? AND merged_into IS NULL"), { id }, kRead);
    if (!self)
        return self.error();
    if (!self->next())
        return publishCustomer(id);
    const QString email = self->value(0).toString();
    const QString phone = self->value(1).toString();
    // The same person: the same email, or the same phone. The one the hub knew first stays.
    auto same = query(
        QStringLiteral("SELECT id FROM customer WHERE merged_into IS NULL AND ((email IS NOT NULL AND email = ?) OR "
                       "(phone IS NOT NULL AND phone = ?)) ORDER BY created_at_ms, id"),
        { textOrNull(email), textOrNull(phone) }, kRead);
    if (!same)
        return same.error();
    QStringList ids;
    while (same->next())
        ids << same->value(0).toString();
    if (ids.size() < 2)
        return publishCustomer(id);
    const QString survivor = ids.takeFirst();
    for (const QString &from : std::as_const(ids)) {
        auto both
            = query(QStringLiteral("SELECT id, email, phone, consent, points, points_earned, points_seen FROM customer "
                                   "WHERE id IN (?, ?)"),
                { survivor, from }, kRead);
        if (!both)
            return both.error();
        QString keptEmail, keptPhone, fromEmail, fromPhone, keptConsent, fromConsent;
        qint64 fromPoints = 0, fromEarned = 0;
        QJsonObject seen; // the later of both per terminal: each till's points payments are counted in one of them
        while (both->next()) {
            if (both->value(0).toString() == survivor) {
                keptEmail = both->value(1).toString();
                keptPhone = both->value(2).toString();
                keptConsent = both->value(3).toString();
            } else {
                fromEmail = both->value(1).toString();
                fromPhone = both->value(2).toString();
                fromConsent = both->value(3).toString();
                fromPoints = both->value(4).toLongLong();
                fromEarned = both->value(5).toLongLong();
            }
            const QJsonObject counted = QJsonDocument::fromJson(both->value(6).toString().toUtf8()).object();
            for (auto it = counted.begin(); it != counted.end(); ++it)
                seen.insert(it.key(), std::max(seen.value(it.key()).toInteger(), it.value().toInteger()));
        }
        Consent ke, ks, fe, fs;
        readConsent(keptConsent, ke, ks);
        readConsent(fromConsent, fe, fs);
        const qint64 now = m_clock();
        const QList<std::pair<QString, QVariantList>> steps = {
            { QStringLiteral("UPDATE customer SET email = ?, phone = ?, consent = ?, points = points + ?, "
                             "points_earned = points_earned + ?, points_seen = ?, version = version + 1, "
                             "updated_at_ms = ? WHERE id = ?"),
                { textOrNull(keptEmail.isEmpty() ? fromEmail : keptEmail),
                    textOrNull(keptPhone.isEmpty() ? fromPhone : keptPhone), consentJson(later(ke, fe), later(ks, fs)),
                    fromPoints, fromEarned, QString::fromUtf8(QJsonDocument(seen).toJson(QJsonDocument::Compact)), now,
                    survivor } },
            { QStringLiteral("UPDATE customer SET merged_into = ?, email = NULL, phone = NULL, points = 0, "
                             "points_earned = 0, version = version + 1, updated_at_ms = ? WHERE id = ?"),
                { survivor, now, from } },
            { QStringLiteral("UPDATE loyalty_entry SET customer_id = ? WHERE customer_id = ?"), { survivor, from } },
            { QStringLiteral("UPDATE customer SET merged_into = ?, version = version + 1, updated_at_ms = ? "
                             "WHERE merged_into = ?"),
                { survivor, now, from } },
            { QStringLiteral("UPDATE customer_card SET customer_id = ? WHERE customer_id = ?"), { survivor, from } },
            { QStringLiteral("UPDATE customer_order SET customer_id = ? WHERE customer_id = ?"), { survivor, from } },
        };
        for (const auto &[sql, binds] : steps) {
            if (auto q = query(sql, binds, u"merging two customers"); !q)
                return q.error();
        }
        qCInfo(lcHub) << "customer" << from << "merged into" << survivor << "(the same email or phone)";
        auto aliases = query(QStringLiteral("SELECT id FROM customer WHERE merged_into = ?"), { survivor }, kRead);
        if (!aliases)
            return aliases.error();
        QStringList alias;
        while (aliases->next())
            alias << aliases->value(0).toString();
        for (const QString &a : std::as_const(alias)) {
            if (auto st = publishCustomer(a); !st)
                return st;
        }
    }
    return publishCustomer(survivor);
}

Status HubStore::applyCustomerEvent(const QString &terminalId, const QString &type, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QString eventId = o.value(u"id").toString();
    const QJsonObject fields = o.value(u"customer").toObject();
    auto c = Customer::fromRow(fields.value(u"id").toString(), QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!c)
        return c.error(); // validated before: not reached
    auto done = query(
        QStringLiteral("INSERT INTO customer_event (id, customer_id, at_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
        { eventId, c->id, o.value(u"created_at_ms").toInteger() }, kWrite);
    if (!done)
        return done.error();
    if (done->numRowsAffected() == 0)
        return Ok {}; // applied before (a rebased terminal sends its events again)
    auto survivor = customerSurvivor(c->id);
    if (!survivor)
        return survivor.error();
    Customer change = *c;
    if (*survivor != c->id) {
        // The till changed a customer the hub had merged into another: the change is the other's, and the cards it
        // knew of are added to theirs.
        auto cards
            = query(QStringLiteral("SELECT card FROM customer_card WHERE customer_id = ?"), { *survivor }, kRead);
        if (!cards)
            return cards.error();
        while (cards->next()) {
            if (!change.cards.contains(cards->value(0).toString()))
                change.cards << cards->value(0).toString();
        }
        change.id = *survivor;
    }
    qCInfo(lcHub) << type << change.id << "from terminal" << terminalId;
    return upsertCustomer(change, terminalId, false);
}

Status HubStore::recordCustomerSale(const QString &terminalId, const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QString id = o.value(u"customer")[u"id"].toString();
    if (id.isEmpty())
        return Ok {};
    auto survivor = customerSurvivor(id);
    if (!survivor)
        return survivor.error();
    auto erased = query(QStringLiteral("SELECT 1 FROM customer_erased WHERE id = ?"), { *survivor }, kRead);
    if (!erased)
        return erased.error();
    if (erased->next())
        return Ok {}; // the sale stays in the journal; the erased customer's history does not grow again
    auto codes = terminalCodes(terminalId);
    if (!codes)
        return codes.error();
    QJsonArray lines;
    qint64 items = 0;
    for (const QJsonValue &l : o.value(u"lines").toArray()) {
        const qint64 qty = l[u"qty_milli"].toInteger();
        items += l[u"unit"].toString() == u"piece" ? qty / 1000 : 1;
        lines.append(QJsonObject { { QStringLiteral("sku"), l[u"sku"] }, { QStringLiteral("name"), l[u"name"] },
            { QStringLiteral("qty_milli"), qty }, { QStringLiteral("total_minor"), l[u"total_minor"] } });
    }
    auto insert = query(
        QStringLiteral("INSERT INTO customer_order (channel, order_no, customer_id, store, at_ms, total_minor, "
                       "currency, items, lines) VALUES ('store', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        { o.value(u"receipt_no").toString(), *survivor, text(codes->storeCode), o.value(u"created_at_ms").toInteger(),
            o.value(u"total_minor").toInteger(), o.value(u"currency").toString(), items,
            QString::fromUtf8(QJsonDocument(lines).toJson(QJsonDocument::Compact)) },
        kWrite);
    if (!insert)
        return insert.error();
    return publishCustomer(*survivor);
}

Result<qint64> HubStore::importCustomers(QIODevice &lines)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    qint64 n = 0, lineNo = 0;
    while (!lines.atEnd()) {
        const QByteArray line = lines.readLine(1 << 20).trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        auto c = Customer::fromRow(o.value(u"id").toString(), line);
        if (!c)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("line %1: %2").arg(lineNo).arg(c.error().message));
        if (!c->mergedInto.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("line %1: an import cannot say \"merged_into\"; import the customer that stays")
                    .arg(lineNo));
        if (!c->pointsAsOfMs)
            c->pointsAsOfMs = m_clock();
        const QString cart = o.value(u"cart").isObject()
            ? QString::fromUtf8(QJsonDocument(o.value(u"cart").toObject()).toJson(QJsonDocument::Compact))
            : QString();
        if (auto st = upsertCustomer(*c, QStringLiteral("import"), true, cart); !st)
            return makeError(st.error().code, QStringLiteral("line %1: %2").arg(lineNo).arg(st.error().message));
        ++n;
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    return n;
}

Result<qint64> HubStore::importOrders(QIODevice &lines)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun().error();
    qint64 n = 0, lineNo = 0;
    QSet<QString> touched;
    while (!lines.atEnd()) {
        const QByteArray line = lines.readLine(1 << 20).trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        auto bad = [&](const QString &why) {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("line %1: %2").arg(lineNo).arg(why));
        };
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(line, &pe).object();
        if (pe.error != QJsonParseError::NoError)
            return bad(QStringLiteral("not a JSON object"));
        const QString order = o.value(u"order").toString();
        const QString channel = o.value(u"channel").toString();
        if (order.isEmpty() || order.size() > 64)
            return bad(QStringLiteral("\"order\" must be the channel's order number (1 to 64 characters)"));
        if (!isKnownChannel(channel))
            return bad(QStringLiteral("\"channel\" must be store, web, app, marketplace or social"));
        if (!Currency::fromCode(o.value(u"currency").toString()))
            return bad(QStringLiteral("\"currency\" must be an ISO 4217 code"));
        if (!o.value(u"at_ms").isDouble() || !o.value(u"total_minor").isDouble() || !o.value(u"lines").isArray())
            return bad(QStringLiteral("an order needs \"at_ms\", \"total_minor\" and \"lines\""));
        qint64 items = 0;
        QJsonArray stored;
        for (const QJsonValue &l : o.value(u"lines").toArray()) {
            const qint64 qty = l[u"qty_milli"].isDouble() ? l[u"qty_milli"].toInteger() : l[u"qty"].toInteger() * 1000;
            if (!l[u"name"].isString() || qty <= 0 || !l[u"total_minor"].isDouble())
                return bad(QStringLiteral("order lines are {\"sku\", \"name\", \"qty\", \"total_minor\"}"));
            items += std::max<qint64>(1, qty / 1000);
            stored.append(QJsonObject { { QStringLiteral("sku"), l[u"sku"].toString() },
                { QStringLiteral("name"), l[u"name"] }, { QStringLiteral("qty_milli"), qty },
                { QStringLiteral("total_minor"), l[u"total_minor"].toInteger() } });
        }
        auto survivor = customerSurvivor(o.value(u"customer").toString());
        if (!survivor)
            return survivor.error();
        auto known = query(QStringLiteral("SELECT 1 FROM customer WHERE id = ?"), { *survivor }, kRead);
        if (!known)
            return known.error();
        if (!known->next())
            return bad(QStringLiteral("customer \"%1\" is not known: import the customers first")
                           .arg(o.value(u"customer").toString().left(40)));
        auto upsert = query(
            QStringLiteral("INSERT INTO customer_order (channel, order_no, customer_id, store, at_ms, total_minor, "
                           "currency, items, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, "
                           "order_no) DO UPDATE SET customer_id = excluded.customer_id, store = excluded.store, "
                           "at_ms = excluded.at_ms, total_minor = excluded.total_minor, currency = excluded.currency, "
                           "items = excluded.items, lines = excluded.lines"),
            { channel, order, *survivor, text(o.value(u"store").toString().left(12)), o.value(u"at_ms").toInteger(),
                o.value(u"total_minor").toInteger(), o.value(u"currency").toString(), items,
                QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)) },
            kWrite);
        if (!upsert)
            return upsert.error();
        touched.insert(*survivor);
        ++n;
    }
    for (const QString &id : std::as_const(touched)) {
        if (auto st = publishCustomer(id); !st)
            return st.error();
    }
    if (auto st = tx->commit(); !st)
        return st.error();
    return n;
}

Status HubStore::eraseCustomer(const QString &id)
{
    auto tx = transaction();
    if (!tx->begun())
        return tx->begun();
    auto survivor = customerSurvivor(id);
    if (!survivor)
        return survivor.error();
    auto ids = query(
        QStringLiteral("SELECT id FROM customer WHERE id = ? OR merged_into = ?"), { *survivor, *survivor }, kRead);
    if (!ids)
        return ids.error();
    QStringList all;
    while (ids->next())
        all << ids->value(0).toString();
    if (all.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no customer %1").arg(id.left(40)));
    const qint64 now = m_clock();
    for (const QString &gone : std::as_const(all)) {
        for (const char *sql :
            { "DELETE FROM customer_card WHERE customer_id = ?", "DELETE FROM customer_order WHERE customer_id = ?",
                "DELETE FROM customer_event WHERE customer_id = ?", "DELETE FROM customer WHERE id = ?" }) {
            if (auto q = query(QString::fromLatin1(sql), { gone }, u"erasing the customer"); !q)
                return q.error();
        }
        if (auto q
            = query(QStringLiteral("INSERT INTO customer_erased (id, at_ms) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                { gone, now }, u"erasing the customer");
            !q)
            return q.error();
        if (auto st = publish(kCustomersStream, gone, std::nullopt); !st)
            return st;
    }
    qCInfo(lcHub) << "customer" << *survivor << "erased with" << all.size() - 1 << "aliases";
    return tx->commit();
}

Result<std::optional<QByteArray>> HubStore::customerProfile(const QString &id)
{
    auto survivor = customerSurvivor(id);
    if (!survivor)
        return survivor.error();
    auto row = query(
        QStringLiteral("SELECT body FROM stream_change WHERE stream = ? AND key = ? ORDER BY change_seq DESC LIMIT 1"),
        { kCustomersStream, *survivor }, kRead);
    if (!row)
        return row.error();
    if (!row->next() || row->value(0).isNull())
        return std::optional<QByteArray>();
    QJsonObject profile = QJsonDocument::fromJson(row->value(0).toByteArray()).object();
    if (profile.contains(u"merged_into") || profile.isEmpty())
        return std::optional<QByteArray>();
    auto orders
        = query(QStringLiteral("SELECT order_no, channel, store, at_ms, total_minor, currency, items, lines FROM "
                               "customer_order WHERE customer_id = ? ORDER BY at_ms DESC, order_no LIMIT 200"),
            { *survivor }, kRead);
    if (!orders)
        return orders.error();
    QJsonArray all;
    while (orders->next()) {
        all.append(QJsonObject { { QStringLiteral("order"), orders->value(0).toString() },
            { QStringLiteral("channel"), orders->value(1).toString() },
            { QStringLiteral("store"), orders->value(2).toString() },
            { QStringLiteral("at_ms"), orders->value(3).toLongLong() },
            { QStringLiteral("total_minor"), orders->value(4).toLongLong() },
            { QStringLiteral("currency"), orders->value(5).toString() },
            { QStringLiteral("items"), orders->value(6).toInt() },
            { QStringLiteral("lines"), QJsonDocument::fromJson(orders->value(7).toString().toUtf8()).array() } });
    }
    profile.insert(QStringLiteral("orders"), all);
    profile.insert(QStringLiteral("as_of_ms"), m_clock());
    if (*survivor != id)
        profile.insert(QStringLiteral("merged_from"), id);
    return std::optional<QByteArray>(QJsonDocument(profile).toJson(QJsonDocument::Compact));
}

Result<bool> HubStore::terminalHoldsCustomers(const QString &terminalId)
{
    auto row = query(QStringLiteral("SELECT body FROM stream_change WHERE stream = ? AND key = 'customers.stores' "
                                    "ORDER BY change_seq DESC LIMIT 1"),
        { kConfigStream }, kRead);
    if (!row)
        return row.error();
    if (!row->next() || row->value(0).isNull())
        return true;
    const QJsonValue stores = QJsonDocument::fromJson(row->value(0).toByteArray()).object().value(u"value");
    if (stores.toString() == u"*")
        return true;
    auto codes = terminalCodes(terminalId);
    if (!codes)
        return codes.error();
    return stores.toArray().contains(QJsonValue(codes->storeCode));
}

Result<QList<QByteArray>> HubStore::findCustomers(const QString &emailOrPhone)
{
    QString key = emailOrPhone.trimmed();
    if (auto e = CustomerInput::email(key))
        key = *e;
    else if (auto p = CustomerInput::phone(key, {}))
        key = *p;
    auto q = query(
        QStringLiteral("SELECT id FROM customer WHERE merged_into IS NULL AND (email = ? OR phone = ?) ORDER BY id"),
        { key, key }, kRead);
    if (!q)
        return q.error();
    QStringList ids;
    while (q->next())
        ids << q->value(0).toString();
    QList<QByteArray> out;
    for (const QString &id : std::as_const(ids)) {
        auto p = customerProfile(id);
        if (!p)
            return p.error();
        if (*p)
            out << **p;
    }
    return out;
}

} // namespace omnitill::sync
