// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/customers/customerstore.h"
#include "core/customers/logging.h"

#include "core/base/canonicaljson.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storage/statement.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <limits>

namespace omnitill {

namespace {
constexpr QStringView kRead = u"reading the customers";
constexpr QStringView kWrite = u"saving the customer";

// The end of a prefix range: every text that starts with `prefix` sorts below it (SQLite compares UTF-8 bytes).
QString rangeEnd(const QString &prefix)
{
    return prefix + QString::fromUcs4(U"\U0010FFFF", 1);
}

struct Stored
{
    Customer customer;
    std::optional<qint64> localSeq;
};

Result<std::optional<Stored>> readStored(Database &db, const QString &id)
{
    auto q = db.statement("SELECT b.body, c.local_seq FROM customer c JOIN customer_body b ON b.id = c.id "
                          "WHERE c.id = ?");
    if (!q)
        return q.error();
    q->bind(0, id);
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    if (!*any)
        return std::optional<Stored>();
    auto c = Customer::fromRow(id, q->blob(0), Customer::Trust::Stored);
    if (!c)
        return makeError(
            ErrorCode::Corrupt, QStringLiteral("the stored customer %1 cannot be read: %2").arg(id, c.error().message));
    Stored s { *c, q->isNull(1) ? std::nullopt : std::optional<qint64>(q->int64(1)) };
    return std::optional<Stored>(s);
}

Result<qint64> ackedThrough(Database &db)
{
    auto q = db.statement("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'acked_through'");
    if (!q)
        return q.error();
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    return *any ? q->int64(0) : 0;
}

// Runs `sql` once for each key with (key, id[, extra]) bound.
Status forEachKey(
    Database &db, std::string_view sql, const QStringList &keys, const QString &id, const QString &extra = {})
{
    auto q = db.statement(sql);
    if (!q)
        return q.error();
    for (const QString &key : keys) {
        q->bind(0, key).bind(1, id);
        if (!extra.isNull())
            q->bind(2, extra);
        if (auto st = q->run(kWrite); !st)
            return st;
    }
    return Ok {};
}

// Takes a customer out of the search indexes.
Status unindex(Database &db, const Customer &c)
{
    if (auto st = forEachKey(
            db, "DELETE FROM customer_word WHERE word = ? AND customer_id = ?", CustomerInput::words(c.name), c.id);
        !st)
        return st;
    return forEachKey(db, "DELETE FROM customer_card WHERE card = ? AND customer_id = ?", c.cards, c.id);
}

// Stores a customer's row and puts them in the search indexes (a card moves to them from whoever held it before: the
// hub's row is the truth).
Status store(Database &db, const Customer &c, std::optional<qint64> localSeq)
{
    auto row = db.statement("INSERT INTO customer (id, name, email, phone, tier, points, first_card, local_seq, "
                            "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                            "SET name = excluded.name, email = excluded.email, phone = excluded.phone, "
                            "tier = excluded.tier, points = excluded.points, first_card = excluded.first_card, "
                            "local_seq = excluded.local_seq, version = excluded.version");
    auto body = db.statement("INSERT INTO customer_body (id, body) VALUES (?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET body = excluded.body");
    if (!row)
        return row.error();
    row->bind(0, c.id).bind(1, c.name);
    if (c.email.isEmpty())
        row->bindNull(2);
    else
        row->bind(2, c.email);
    if (c.phone.isEmpty())
        row->bindNull(3);
    else
        row->bind(3, c.phone);
    row->bind(4, c.tier).bind(5, c.points);
    if (c.cards.isEmpty())
        row->bindNull(6);
    else
        row->bind(6, c.cards.first());
    row->bind(7, localSeq).bind(8, c.version);
    if (auto st = row->run(kWrite); !st)
        return st;
    if (!body)
        return body.error();
    body->bind(0, c.id).bindBlob(1, c.toRow());
    if (auto st = body->run(kWrite); !st)
        return st;
    const QStringList words = CustomerInput::words(c.name);
    if (auto st = forEachKey(db, "INSERT OR IGNORE INTO customer_word (word, customer_id, name_key) VALUES (?, ?, ?)",
            words, c.id, words.join(u' '));
        !st)
        return st;
    return forEachKey(db, "INSERT OR REPLACE INTO customer_card (card, customer_id) VALUES (?, ?)", c.cards, c.id);
}

Status run(Database &db, std::string_view sql, const QString &a, const QString &b = {})
{
    auto q = db.statement(sql);
    if (!q)
        return q.error();
    q->bind(0, a);
    if (!b.isNull())
        q->bind(1, b);
    return q->run(kWrite);
}

// Of an id, the customer it ends at after following merges (itself when it was not merged).
Result<QString> survivorOf(Database &db, const QString &id)
{
    QString at = id;
    auto q = db.statement("SELECT survivor FROM customer_alias WHERE id = ?");
    if (!q)
        return q.error();
    for (int hop = 0; hop < 8; ++hop) {
        q->bind(0, at);
        auto any = q->next(kRead);
        if (!any)
            return any.error();
        if (!*any)
            return at;
        at = q->text(0);
        q->reset();
    }
    return makeError(ErrorCode::Corrupt, QStringLiteral("customer %1 was merged in a loop").arg(id));
}

} // namespace

std::optional<QJsonObject> liveProfile(const FetchCustomerProfile &fetch, const QString &id)
{
    if (!fetch)
        return std::nullopt;
    const auto answer = fetch(id);
    if (!answer)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*answer);
    return doc.isObject() ? std::optional<QJsonObject>(doc.object()) : std::nullopt;
}

CustomerStore::CustomerStore(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

Status CustomerStore::applyRow(Database &db, const QString &key, const QByteArray &row)
{
    auto parsed = Customer::fromRow(key, row);
    if (!parsed)
        return parsed.error();
    Customer c = *parsed;
    auto old = readStored(db, key);
    if (!old)
        return old.error();
    if (*old) {
        if (auto st = unindex(db, (*old)->customer); !st)
            return st;
    }
    if (!c.mergedInto.isEmpty()) {
        if (auto st = run(db, "DELETE FROM customer WHERE id = ?", key); !st)
            return st;
        if (auto st = run(db, "DELETE FROM customer_body WHERE id = ?", key); !st)
            return st;
        if (auto st = run(db, "INSERT OR REPLACE INTO customer_alias (id, survivor) VALUES (?, ?)", key, c.mergedInto);
            !st)
            return st;
        if (auto st = run(db, "UPDATE customer_alias SET survivor = ? WHERE survivor = ?", c.mergedInto, key); !st)
            return st;
        qCInfo(lcCustomers) << "customer" << key << "was merged into" << c.mergedInto;
        return Ok {};
    }
    if (auto st = run(db, "DELETE FROM customer_alias WHERE id = ?", key); !st)
        return st;
    std::optional<qint64> localSeq;
    if (*old && (*old)->localSeq) {
        auto acked = ackedThrough(db);
        if (!acked)
            return acked.error();
        if (*(*old)->localSeq > *acked) {
            // This till changed the customer and the hub has not counted the change yet: the row predates it.
            const Customer &mine = (*old)->customer;
            c.name = mine.name;
            c.email = mine.email;
            c.phone = mine.phone;
            c.emailConsent = mine.emailConsent;
            c.smsConsent = mine.smsConsent;
            for (const QString &card : mine.cards) {
                if (!c.cards.contains(card))
                    c.cards << card;
            }
            localSeq = (*old)->localSeq;
        }
    }
    return store(db, c, localSeq);
}

Status CustomerStore::erase(Database &db, const QString &key)
{
    auto old = readStored(db, key);
    if (!old)
        return old.error();
    if (*old) {
        if (auto st = unindex(db, (*old)->customer); !st)
            return st;
    }
    if (auto st = run(db, "DELETE FROM customer WHERE id = ?", key); !st)
        return st;
    if (auto st = run(db, "DELETE FROM customer_body WHERE id = ?", key); !st)
        return st;
    if (auto st = run(db, "DELETE FROM customer_alias WHERE id = ? OR survivor = ?", key, key); !st)
        return st;
    qCInfo(lcCustomers) << "customer" << key << "erased";
    return Ok {};
}

Result<std::optional<CustomerProfile>> CustomerStore::profile(const QString &id)
{
    auto survivor = survivorOf(m_db, id);
    if (!survivor)
        return survivor.error();
    auto s = readStored(m_db, *survivor);
    if (!s)
        return s.error();
    if (!*s)
        return std::optional<CustomerProfile>();
    CustomerProfile p { (*s)->customer, (*s)->localSeq.has_value(), *survivor != id ? id : QString() };
    return std::optional<CustomerProfile>(p);
}

Result<CustomerProfile> CustomerStore::byCard(const QString &scanned)
{
    auto card = CustomerInput::cardNumber(scanned);
    if (!card)
        return card.error();
    auto q = m_db.statement("SELECT customer_id FROM customer_card WHERE card = ?");
    if (!q)
        return q.error();
    q->bind(0, *card);
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    if (!*any)
        return makeError(ErrorCode::NotFound,
            QStringLiteral("loyalty card %1 belongs to no customer this till knows")
                .arg(CustomerInput::maskedCard(*card)));
    const QString id = q->text(0);
    q->reset();
    auto p = profile(id);
    if (!p)
        return p.error();
    if (!*p)
        return makeError(ErrorCode::NotFound,
            QStringLiteral("loyalty card %1 belongs to no customer this till knows")
                .arg(CustomerInput::maskedCard(*card)));
    return **p;
}

Result<KioskCustomer> CustomerStore::kioskView(const QString &scanned)
{
    auto p = byCard(scanned);
    if (!p)
        return p.error();
    const auto card = CustomerInput::cardNumber(scanned);
    return KioskCustomer { p->customer.firstName(), CustomerInput::maskedCard(card.value_or(QString())),
        p->customer.tier, p->customer.points };
}

Result<QList<CustomerMatch>> CustomerStore::search(const QString &text, int limit)
{
    QList<CustomerMatch> out;
    const QString t = text.trimmed();
    if (t.isEmpty() || limit <= 0)
        return out;
    QStringList ids;
    auto collect = [&](std::string_view sql, const QString &a, const QString &b = {}) -> Status {
        auto q = m_db.statement(sql);
        if (!q)
            return q.error();
        q->bind(0, a);
        if (!b.isNull())
            q->bind(1, b);
        q->bind(b.isNull() ? 1 : 2, qint64(limit));
        for (;;) {
            auto any = q->next(kRead);
            if (!any)
                return any.error();
            if (!*any)
                return Ok {};
            if (!ids.contains(q->text(0)))
                ids << q->text(0);
        }
    };

    bool digitsOnly = true;
    int digits = 0;
    for (QChar c : t) {
        if (c.isDigit())
            ++digits;
        else if (!QStringView(u"+ -./()").contains(c))
            digitsOnly = false;
    }
    if (t.contains(u'@')) {
        if (auto e = CustomerInput::email(t)) {
            if (auto st = collect("SELECT id FROM customer WHERE email = ? LIMIT ?", *e); !st)
                return st.error();
        } else {
            const QString prefix = t.toLower();
            if (auto st = collect("SELECT id FROM customer WHERE email >= ? AND email < ? ORDER BY email LIMIT ?",
                    prefix, rangeEnd(prefix));
                !st)
                return st.error();
        }
    } else {
        if (digitsOnly && digits >= 6) {
            if (auto p = CustomerInput::phone(t, callingCode())) {
                if (auto st = collect("SELECT id FROM customer WHERE phone = ? LIMIT ?", *p); !st)
                    return st.error();
            }
        }
        if (auto card = CustomerInput::cardNumber(t); card && digits > 0) {
            if (auto st = collect("SELECT customer_id FROM customer_card WHERE card = ? LIMIT ?", *card); !st)
                return st.error();
        }
        if (ids.isEmpty()) {
            // The beginnings of a name's words: the word that matches fewest names leads (counted up to a cap, over
            // the index); the others must start words of each name it finds.
            QStringList tokens = CustomerInput::words(t);
            if (tokens.isEmpty())
                return out;
            tokens.removeDuplicates();
            qsizetype leadAt = 0;
            if (tokens.size() > 1) {
                auto counted = m_db.statement("SELECT count(*) FROM (SELECT 1 FROM customer_word WHERE word >= ? "
                                              "AND word < ? LIMIT 5000)");
                if (!counted)
                    return counted.error();
                qint64 fewest = std::numeric_limits<qint64>::max();
                for (qsizetype i = 0; i < tokens.size(); ++i) {
                    counted->bind(0, tokens[i]).bind(1, rangeEnd(tokens[i]));
                    auto any = counted->next(kRead);
                    if (!any)
                        return any.error();
                    const qint64 n = counted->int64(0);
                    counted->reset();
                    if (n < fewest) {
                        fewest = n;
                        leadAt = i;
                    }
                }
            }
            const QString lead = tokens.takeAt(leadAt);
            auto q = m_db.statement("SELECT customer_id, name_key FROM customer_word WHERE word >= ? AND word < ? "
                                    "ORDER BY word, customer_id LIMIT 20000");
            if (!q)
                return q.error();
            q->bind(0, lead).bind(1, rangeEnd(lead));
            while (ids.size() < limit) {
                auto any = q->next(kRead);
                if (!any)
                    return any.error();
                if (!*any)
                    break;
                const QString id = q->text(0);
                if (ids.contains(id))
                    continue;
                if (!tokens.isEmpty()) {
                    const QStringList nameWords = q->text(1).split(u' ');
                    const bool all = std::all_of(tokens.cbegin(), tokens.cend(), [&](const QString &token) {
                        return std::any_of(nameWords.cbegin(), nameWords.cend(),
                            [&](const QString &w) { return w.startsWith(token); });
                    });
                    if (!all)
                        continue;
                }
                ids << id;
            }
        }
    }

    auto row = m_db.statement("SELECT name, tier, points, email, phone, first_card, local_seq IS NOT NULL "
                              "FROM customer WHERE id = ?");
    if (!row)
        return row.error();
    for (const QString &id : std::as_const(ids)) {
        if (out.size() >= limit)
            break;
        row->bind(0, id);
        auto any = row->next(kRead);
        if (!any)
            return any.error();
        if (*any) {
            CustomerMatch m { id, row->text(0), row->text(1), row->int64(2), row->text(3), row->text(4),
                row->isNull(5) ? QString() : CustomerInput::maskedCard(row->text(5)), row->int64(6) != 0 };
            out << m;
        }
        row->reset();
    }
    return out;
}

Result<CustomerStore::Checked> CustomerStore::check(const CustomerDraft &draft, const QString &self)
{
    Checked c;
    auto name = CustomerInput::name(draft.name);
    if (!name)
        return name.error();
    c.name = *name;
    if (!draft.email.trimmed().isEmpty()) {
        auto e = CustomerInput::email(draft.email);
        if (!e)
            return e.error();
        c.email = *e;
    }
    if (!draft.phone.trimmed().isEmpty()) {
        auto p = CustomerInput::phone(draft.phone, callingCode());
        if (!p)
            return p.error();
        c.phone = *p;
    }
    if (draft.emailConsent && c.email.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("consent to email needs an email address"));
    if (draft.smsConsent && c.phone.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("consent to text messages needs a phone number"));
    for (const QString &k : draft.cards) {
        auto card = CustomerInput::cardNumber(k);
        if (!card)
            return card.error();
        if (!c.cards.contains(*card))
            c.cards << *card;
    }
    // One person, one customer: an address, number or card another customer holds is theirs.
    auto held = [&](std::string_view sql, const QString &value, const QString &what) -> Status {
        if (value.isEmpty())
            return Ok {};
        auto q = m_db.statement(sql);
        if (!q)
            return q.error();
        q->bind(0, value);
        auto any = q->next(kRead);
        if (!any)
            return any.error();
        if (*any && q->text(0) != self) {
            const QString other = q->text(1);
            return makeError(ErrorCode::Conflict,
                QStringLiteral("%1 already belongs to %2: find that customer instead").arg(what, other));
        }
        return Ok {};
    };
    if (auto st = held("SELECT id, name FROM customer WHERE email = ?", c.email, QStringLiteral("this email address"));
        !st)
        return st.error();
    if (auto st = held("SELECT id, name FROM customer WHERE phone = ?", c.phone, QStringLiteral("this phone number"));
        !st)
        return st.error();
    for (const QString &k : std::as_const(c.cards)) {
        if (auto st = held("SELECT c.id, c.name FROM customer_card k JOIN customer c ON c.id = k.customer_id "
                           "WHERE k.card = ?",
                k, QStringLiteral("loyalty card %1").arg(CustomerInput::maskedCard(k)));
            !st)
            return st.error();
    }
    return c;
}

QString CustomerStore::callingCode()
{
    if (!m_callingCode.isNull())
        return m_callingCode;
    auto q = m_db.statement("SELECT body FROM stream_row WHERE stream = 'config' AND key = 'customers.calling_code'");
    if (!q)
        return {};
    auto any = q->next(kRead);
    if (!any || !*any)
        return {};
    const QString code = QJsonDocument::fromJson(q->blob(0)).object().value(u"value").toString();
    // Only digits: it becomes part of every number typed.
    return std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }) ? code.left(3)
                                                                                                   : QString();
}

Result<QString> CustomerStore::where()
{
    auto q = m_db.statement("SELECT (SELECT value FROM meta WHERE key = 'store_code'), "
                            "(SELECT value FROM meta WHERE key = 'terminal_code')");
    if (!q)
        return q.error();
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    const QString store = q->isNull(0) ? QString() : q->text(0);
    const QString terminal = q->isNull(1) ? QStringLiteral("T01") : q->text(1);
    return store.isEmpty() ? terminal : store + u'/' + terminal;
}

Result<CustomerProfile> CustomerStore::create(const CustomerDraft &draft, const QString &staffId)
{
    auto c = check(draft, {});
    if (!c)
        return c.error();
    auto place = where();
    if (!place)
        return place.error();
    const qint64 now = m_clock();
    Customer customer;
    customer.id = Journal::newEventId(now);
    customer.name = c->name;
    customer.email = c->email;
    customer.phone = c->phone;
    customer.cards = c->cards;
    customer.homeStore = place->section(u'/', 0, 0);
    customer.emailConsent = { draft.emailConsent, now, *place };
    customer.smsConsent = { draft.smsConsent, now, *place };
    return write(customer, QStringLiteral("customer.created"), staffId);
}

Result<CustomerProfile> CustomerStore::update(const QString &id, const CustomerDraft &draft, const QString &staffId)
{
    auto current = profile(id);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, QStringLiteral("this customer is no longer on this till"));
    Customer customer = (*current)->customer;
    auto c = check(draft, customer.id);
    if (!c)
        return c.error();
    auto place = where();
    if (!place)
        return place.error();
    const qint64 now = m_clock();
    customer.name = c->name;
    customer.email = c->email;
    customer.phone = c->phone;
    customer.cards = c->cards;
    if (customer.emailConsent.granted != draft.emailConsent || !customer.emailConsent.atMs)
        customer.emailConsent = { draft.emailConsent, now, *place };
    if (customer.smsConsent.granted != draft.smsConsent || !customer.smsConsent.atMs)
        customer.smsConsent = { draft.smsConsent, now, *place };
    return write(customer, QStringLiteral("customer.updated"), staffId);
}

Result<CustomerProfile> CustomerStore::write(Customer customer, const QString &eventType, const QString &staffId)
{
    const qint64 now = m_clock();
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto old = readStored(m_db, customer.id);
    if (!old)
        return old.error();
    if (*old) {
        if (auto st = unindex(m_db, (*old)->customer); !st)
            return st.error();
    }
    JsonObjectWriter fields;
    {
        QList<QByteArray> cards;
        for (const QString &k : std::as_const(customer.cards)) {
            QByteArray s;
            appendJsonString(s, k);
            cards << s;
        }
        JsonObjectWriter consent;
        consent.addRaw("email", customer.emailConsent.toJson()).addRaw("sms", customer.smsConsent.toJson());
        fields.add("id", customer.id).add("name", customer.name).add("email", customer.email);
        fields.add("phone", customer.phone).addRaw("cards", jsonArray(cards)).addRaw("consent", consent.finish());
        fields.add("home_store", customer.homeStore);
    }
    JsonObjectWriter payload;
    payload.add("enc", 1).add("id", Journal::newEventId(now)).addRaw("customer", fields.finish());
    payload.add("staff_id", staffId).add("created_at_ms", now);
    auto entry = Journal::append(m_db, eventType, payload.finish(), now);
    if (!entry)
        return entry.error();
    if (auto st = store(m_db, customer, entry->seq); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcCustomers) << eventType << customer.id;
    return CustomerProfile { customer, true, {} };
}

Result<qint64> CustomerStore::count()
{
    auto q = m_db.statement("SELECT count(*) FROM customer");
    if (!q)
        return q.error();
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    return q->int64(0);
}

} // namespace omnitill
