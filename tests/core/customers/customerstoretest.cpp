// SPDX-License-Identifier: GPL-3.0-or-later
// Customers on the till: what a cashier types is checked and made canonical; the hub's rows are stored and found by
// card, phone, email and the beginnings of a name without accents; customers made and changed here are journaled;
// merges and erasures from the hub are followed.
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

TEST(CustomerInputTest, EmailsAreCheckedAndLowerCased)
{
    EXPECT_EQ(CustomerInput::email(u" Anna.Mueller@Example.COM "_s).value(), u"anna.mueller@example.com"_s);
    EXPECT_EQ(CustomerInput::email(u"léa@bücher.de"_s).ok(), false) << "the local part is ASCII";
    EXPECT_EQ(CustomerInput::email(u"lea@bücher.de"_s).value(), u"lea@xn--bcher-kva.de"_s);
    for (const char *bad : { "anna", "anna@", "@example.com", "anna@example", "an..na@example.com", ".anna@example.com",
             "anna@exa_mple.com", "anna@example.c", "anna@-example.com", "anna@example.123", "an na@example.com" }) {
        auto r = CustomerInput::email(QString::fromLatin1(bad));
        EXPECT_FALSE(r.ok()) << bad;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        }
    }
    EXPECT_FALSE(CustomerInput::email(QString(65, u'a') + u"@example.com"_s).ok());
}

TEST(CustomerInputTest, PhonesBecomeE164)
{
    EXPECT_EQ(CustomerInput::phone(u"+49 171 234-5678"_s, {}).value(), u"+491712345678"_s);
    EXPECT_EQ(CustomerInput::phone(u"0049 (171) 2345678"_s, {}).value(), u"+491712345678"_s);
    EXPECT_EQ(CustomerInput::phone(u"0171 2345678"_s, u"49"_s).value(), u"+491712345678"_s);
    auto national = CustomerInput::phone(u"0171 2345678"_s, {});
    ASSERT_FALSE(national.ok());
    EXPECT_TRUE(national.error().message.contains(u"country code"_s)) << qPrintable(national.error().message);
    EXPECT_FALSE(CustomerInput::phone(u"+49 171 abc"_s, {}).ok());
    EXPECT_FALSE(CustomerInput::phone(u"+1234"_s, {}).ok()) << "too short";
    EXPECT_FALSE(CustomerInput::phone(u"+1234567890123456"_s, {}).ok()) << "16 digits is more than E.164 allows";
    EXPECT_FALSE(CustomerInput::phone(u"+0171234567"_s, {}).ok());
    EXPECT_FALSE(CustomerInput::phone(u"1712345678"_s, {}).ok()) << "no country code and no leading 0";
}

TEST(CustomerInputTest, CardsAndFolding)
{
    EXPECT_EQ(CustomerInput::cardNumber(u"lc-0000 100007"_s).value(), u"LC0000100007"_s);
    EXPECT_EQ(CustomerInput::cardNumber(u"LOYALTY:LC0000100007"_s).value(), u"LC0000100007"_s);
    EXPECT_FALSE(CustomerInput::cardNumber(u"12345"_s).ok());
    EXPECT_FALSE(CustomerInput::cardNumber(u"https://evil.example/x"_s).ok());
    EXPECT_FALSE(CustomerInput::cardNumber(QString(5000, u'7')).ok());
    EXPECT_FALSE(CustomerInput::cardNumber(QString::fromUtf8("LC00\x00\x01", 6)).ok());
    EXPECT_EQ(CustomerInput::maskedCard(u"LC0000100007"_s), u"•••• 0007"_s);
    EXPECT_EQ(CustomerInput::words(u"Zoë Weiß-Łukasiewicz, JOSÉ"_s),
        QStringList({ u"zoe"_s, u"weiss"_s, u"lukasiewicz"_s, u"jose"_s }));
}

class CustomerStoreTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        m_store = std::make_unique<CustomerStore>(db(), fixedClock());
        m_store->setDefaultCallingCode(u"49"_s);
        const DemoCustomers demo = DemoCustomers::make(60, kNow);
        Transaction tx(db().connection());
        for (const Customer &c : demo.customers)
            ASSERT_TRUE(CustomerStore::applyRow(db(), c.id, c.toRow()).ok());
        ASSERT_TRUE(tx.commit().ok());
        m_demo = demo.customers;
    }
    Status apply(const Customer &c)
    {
        Transaction tx(db().connection());
        if (auto st = CustomerStore::applyRow(db(), c.id, c.toRow()); !st)
            return st;
        return tx.commit();
    }
    QStringList names(const QString &query)
    {
        auto r = m_store->search(query);
        EXPECT_TRUE(r.ok()) << qPrintable(r.ok() ? QString() : r.error().message);
        QStringList out;
        for (const CustomerMatch &m : r.value_or(QList<CustomerMatch>()))
            out << m.name;
        return out;
    }
    std::unique_ptr<CustomerStore> m_store;
    QList<Customer> m_demo;
};

TEST_F(CustomerStoreTest, RowsRoundTrip)
{
    for (const Customer &c : m_demo) {
        auto back = Customer::fromRow(c.id, c.toRow());
        ASSERT_TRUE(back.ok()) << qPrintable(back.error().message);
        EXPECT_EQ(back->toRow(), c.toRow());
    }
    auto wrongKey = Customer::fromRow(u"0190d5a4-0000-7000-8000-000000000000"_s, m_demo[0].toRow());
    EXPECT_FALSE(wrongKey.ok());
    Customer broken = m_demo[0];
    broken.email = u"not-an-address"_s;
    auto badEmail = Customer::fromRow(broken.id, broken.toRow());
    ASSERT_FALSE(badEmail.ok());
    EXPECT_TRUE(badEmail.error().message.startsWith(u"email: "_s)) << qPrintable(badEmail.error().message);
    EXPECT_FALSE(Customer::fromRow(u"x"_s, "{\"id\":\"x\",\"name\":\"A\"}").ok()) << "an id is a UUID";
    EXPECT_FALSE(Customer::fromRow(m_demo[0].id, "[1,2]").ok());
}

TEST_F(CustomerStoreTest, FindsByCardPhoneEmailAndName)
{
    const Customer &anna = m_demo[0]; // Anna Müller
    ASSERT_EQ(anna.name, u"Anna Müller"_s);
    auto byCard = m_store->byCard(u"loyalty:" + anna.cards.first().toLower());
    ASSERT_TRUE(byCard.ok()) << qPrintable(byCard.error().message);
    EXPECT_EQ(byCard->customer.id, anna.id);
    EXPECT_EQ(byCard->customer.recent.size(), anna.recent.size());

    auto unknown = m_store->byCard(u"LC9999999999"_s);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(unknown.error().message.contains(u"•••• 9999"_s)) << "the number is masked in the message";
    auto malformed = m_store->byCard(u"LC-1"_s);
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, ErrorCode::InvalidInput);

    // A kiosk learns a first name, a masked card, tier and points: nothing else.
    auto kiosk = m_store->kioskView(anna.cards.first());
    ASSERT_TRUE(kiosk.ok());
    EXPECT_EQ(kiosk->firstName, u"Anna"_s);
    EXPECT_EQ(kiosk->maskedCard, CustomerInput::maskedCard(anna.cards.first()));
    EXPECT_EQ(kiosk->points, anna.points);
    EXPECT_FALSE(m_store->kioskView(u"LC9999999999"_s).ok());

    // The phone as a person says it, nationally.
    const QString national = u"0" + anna.phone.mid(3);
    EXPECT_EQ(names(national), QStringList { anna.name });
    EXPECT_EQ(names(anna.email.toUpper()), QStringList { anna.name });
    EXPECT_TRUE(names(u"anna.m"_s).contains(anna.name)) << "the beginning of an email address";

    // Names: prefixes of words in any order, accents and case ignored.
    EXPECT_TRUE(names(u"muller anna"_s).contains(anna.name));
    EXPECT_TRUE(names(u"MÜL an"_s).contains(anna.name));
    const QStringList zoe = names(u"zoe"_s);
    ASSERT_FALSE(zoe.isEmpty());
    for (const QString &n : zoe)
        EXPECT_TRUE(n.startsWith(u"Zoë"_s)) << qPrintable(n);
    EXPECT_TRUE(names(u"xyzzy"_s).isEmpty());
    EXPECT_TRUE(names(u"  "_s).isEmpty());
    EXPECT_TRUE(names(u"'; DROP TABLE customer; --"_s).isEmpty());
    EXPECT_EQ(m_store->count().value(), 60);
    EXPECT_LE(names(u"a"_s).size(), 50);
}

TEST_F(CustomerStoreTest, CreatedHereIsJournaledAndFound)
{
    CustomerDraft d;
    d.name = u"  Kai   Lehmann "_s;
    d.email = u"Kai.Lehmann@Example.org"_s;
    d.phone = u"0151 99887766"_s;
    d.cards = { u"LC 7777 0001"_s };
    d.emailConsent = true;
    auto made = m_store->create(d, u"staff-1"_s);
    ASSERT_TRUE(made.ok()) << qPrintable(made.error().message);
    EXPECT_TRUE(made->local);
    EXPECT_EQ(made->customer.name, u"Kai Lehmann"_s);
    EXPECT_EQ(made->customer.phone, u"+4915199887766"_s);
    EXPECT_EQ(made->customer.id.at(14), u'7') << "a UUIDv7";
    EXPECT_TRUE(made->customer.emailConsent.granted);
    EXPECT_EQ(made->customer.emailConsent.atMs, kNow);
    EXPECT_EQ(made->customer.emailConsent.where, u"T01"_s);
    EXPECT_FALSE(made->customer.smsConsent.granted);

    const QJsonObject e = lastPayload(u"customer.created"_s);
    EXPECT_EQ(e[u"customer"][u"id"].toString(), made->customer.id);
    EXPECT_EQ(e[u"customer"][u"email"].toString(), u"kai.lehmann@example.org"_s);
    EXPECT_EQ(e[u"customer"][u"cards"].toArray().first().toString(), u"LC77770001"_s);
    EXPECT_EQ(e[u"staff_id"].toString(), u"staff-1"_s);
    EXPECT_EQ(names(u"lehm"_s), QStringList { u"Kai Lehmann"_s });
    EXPECT_EQ(m_store->byCard(u"LC77770001"_s)->customer.id, made->customer.id);

    // The same person again: the cashier is sent to the customer that exists.
    CustomerDraft again = d;
    again.name = u"K. Lehmann"_s;
    again.cards.clear();
    auto twice = m_store->create(again, u"staff-1"_s);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(twice.error().message.contains(u"Kai Lehmann"_s)) << qPrintable(twice.error().message);

    // Bad input changes nothing.
    for (auto change : { +[](CustomerDraft &x) { x.email = u"kai@"_s; }, +[](CustomerDraft &x) { x.phone = u"12"_s; },
             +[](CustomerDraft &x) { x.name = u"   "_s; }, +[](CustomerDraft &x) { x.cards = { u"X"_s }; },
             +[](CustomerDraft &x) {
                 x.email.clear();
                 x.emailConsent = true;
             } }) {
        CustomerDraft broken = d;
        broken.email = u"other@example.org"_s;
        broken.phone.clear();
        broken.cards.clear();
        change(broken);
        auto r = m_store->create(broken, u"staff-1"_s);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << qPrintable(r.error().message);
    }
    EXPECT_EQ(m_store->count().value(), 61);

    // An edit: the name is searchable by its new words only; consent withdrawn is stamped anew.
    CustomerDraft edit = d;
    edit.name = u"Kai Schröder"_s;
    edit.emailConsent = false;
    auto changed = m_store->update(made->customer.id, edit, u"staff-2"_s);
    ASSERT_TRUE(changed.ok()) << qPrintable(changed.error().message);
    EXPECT_TRUE(names(u"lehm"_s).isEmpty());
    EXPECT_EQ(names(u"schro kai"_s), QStringList { u"Kai Schröder"_s });
    EXPECT_FALSE(changed->customer.emailConsent.granted);
    EXPECT_EQ(lastPayload(u"customer.updated"_s)[u"customer"][u"name"].toString(), u"Kai Schröder"_s);
}

TEST_F(CustomerStoreTest, HubRowsDoNotUndoAnUnsentChange)
{
    Customer anna = m_demo[0];
    CustomerDraft d { u"Anna Müller-Lang"_s, anna.email, anna.phone, anna.cards, true, false };
    ASSERT_TRUE(m_store->update(anna.id, d, u"staff-1"_s).ok());
    // The hub's row, written before it had this till's change: points are the hub's, the name stays the till's.
    anna.points = 999;
    anna.version = 2;
    ASSERT_TRUE(apply(anna).ok());
    auto p = m_store->profile(anna.id);
    ASSERT_TRUE(p.ok() && p->has_value());
    EXPECT_EQ((*p)->customer.name, u"Anna Müller-Lang"_s);
    EXPECT_EQ((*p)->customer.points, 999);
    EXPECT_TRUE((*p)->local);

    // Once the hub acknowledged the change, its row is the truth.
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('acked_through', '1000')"_s));
    anna.name = u"Anna Lang"_s;
    ASSERT_TRUE(apply(anna).ok());
    p = m_store->profile(anna.id);
    EXPECT_EQ((*p)->customer.name, u"Anna Lang"_s);
    EXPECT_FALSE((*p)->local);
}

TEST_F(CustomerStoreTest, MergesAndErasuresAreFollowed)
{
    const Customer kept = m_demo[1];
    const Customer gone = m_demo[2];
    Customer alias;
    alias.id = gone.id;
    alias.mergedInto = kept.id;
    alias.version = 5;
    ASSERT_TRUE(apply(alias).ok());
    auto p = m_store->profile(gone.id);
    ASSERT_TRUE(p.ok() && p->has_value());
    EXPECT_EQ((*p)->customer.id, kept.id);
    EXPECT_EQ((*p)->mergedFrom, gone.id);
    EXPECT_FALSE(m_store->byCard(gone.cards.first()).ok()) << "the merged customer's card went with them";
    EXPECT_TRUE(names(gone.email).isEmpty()) << "nor is the merged customer found by their own address";

    // Erasure: the customer, the alias to them and their card are gone.
    {
        Transaction tx(db().connection());
        ASSERT_TRUE(CustomerStore::erase(db(), kept.id).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_FALSE(m_store->profile(kept.id)->has_value());
    EXPECT_FALSE(m_store->profile(gone.id)->has_value());
    auto card = m_store->byCard(kept.cards.first());
    ASSERT_FALSE(card.ok());
    EXPECT_EQ(card.error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_store->count().value(), 58);
}
