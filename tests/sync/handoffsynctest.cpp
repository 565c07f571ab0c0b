// SPDX-License-Identifier: GPL-3.0-or-later
// Online carts and hand-off codes over real HTTP: a code is random, kept as its hash and good once; expired, used,
// forged, cut-short and other stores' codes each get their own answer; two tills cannot both take payment for a cart;
// a cart paid online while a till rings it up is refused there and flagged; a sale that rings up a cart converts it
// once at the hub, and one rung up twice offline, or changed online meanwhile, is flagged and never lost.
#include "support/httpclient.h"
#include "support/synchelper.h"
#include "sync/common/events.h"
#include "sync/terminal/handoffclient.h"

#include "core/handoff/handoff.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
const QString kCustomer = u"0190c0de-0000-7000-8000-000000000001"_s;

OnlineCart webCart(const QString &id, qint64 coffee = 1000)
{
    OnlineCart c;
    c.cartId = id;
    c.customerId = kCustomer;
    c.currency = u"EUR"_s;
    c.lines = { { u"SKU0000001"_s, u"Café crème 1 kg"_s, coffee, 1499 },
        { u"SKU0000020"_s, u"Organic oat drink 1 l"_s, 2000, 199 } };
    return c;
}
} // namespace

class HandoffSyncTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        m_a = makeTerminal(u"a"_s);
        m_b = makeTerminal(u"b"_s);
        m_other = makeTerminal(u"other"_s);
        ASSERT_TRUE(m_hub->registerTerminal(m_other.terminalId, u"S002"_s).ok());
        m_other.token = m_hub->registerTerminal(m_other.terminalId, u"S002"_s)->toLatin1();
        ASSERT_TRUE(m_hub->putCart(webCart(u"WEB-1"_s)).ok());
    }
    QString code(const QString &cart, HubStore::HandoffPurpose purpose = HubStore::HandoffPurpose::Handoff,
        const QString &store = {})
    {
        auto issued = m_hub->issueHandoff(cart, purpose, store);
        EXPECT_TRUE(issued.ok()) << qPrintable(issued.error().message);
        return issued ? issued->token : QString();
    }
    HandoffAnswer resolve(const Terminal &t, const QString &token)
    {
        return resolveHandoff(config(t, m_hubPort), t.terminalId, Handoff::tokenHash(token));
    }
    ClaimAnswer claim(const Terminal &t, const QString &cart, qint64 version)
    {
        return claimCart(config(t, m_hubPort), t.terminalId, cart, version);
    }
    QStringList flagCodes()
    {
        auto flags = m_hub->cartFlags();
        EXPECT_TRUE(flags.ok());
        QStringList codes;
        if (flags) {
            for (const auto &f : *flags)
                codes << f.code;
        }
        return codes;
    }
    // A sale at `t` of what the cart holds, naming it at `version`.
    SaleReceipt sellCart(const Terminal &t, const QString &cartId, qint64 version)
    {
        auto db = Database::open(t.path);
        EXPECT_TRUE(db.ok());
        Catalog catalog(**db);
        Cart cart(eur(), PricingMode::TaxInclusive);
        EXPECT_TRUE(cart.add(*catalog.lookupSku(u"SKU0000001", eur(), kNow), 1000).ok());
        cart.setOnlineCart(SaleOnlineCart { cartId, version });
        SaleStore store(**db, systemClock());
        auto sale = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1, u"A1"_s });
        EXPECT_TRUE(sale.ok()) << qPrintable(sale.error().message);
        return sale ? *sale : SaleReceipt {};
    }

    Terminal m_a, m_b, m_other;
};

TEST_F(HandoffSyncTest, ACodeIsRandomKeptAsItsHashAndGoodOnce)
{
    const QString token = code(u"WEB-1"_s);
    EXPECT_TRUE(Handoff::isToken(token));
    EXPECT_NE(code(u"WEB-1"_s), token) << "random, a new one each time";
    // Nothing on the hub holds the token itself, and the code names no cart.
    EXPECT_EQ(
        hubScalar(u"SELECT count(*) FROM handoff_token WHERE token_sha256 = '%1'"_s.arg(Handoff::tokenHash(token))), 1);
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM stream_change WHERE CAST(body AS TEXT) LIKE '%%1%'"_s.arg(token)), 0);
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM handoff_token WHERE token_sha256 LIKE '%%1%'"_s.arg(token)), 0);
    const QString qr = Handoff::code(u"https://shop.example"_s, token);
    EXPECT_FALSE(qr.contains(u"WEB-1"_s));

    const HandoffAnswer first = resolve(m_a, token);
    ASSERT_EQ(first.outcome, HandoffAnswer::Outcome::Found) << qPrintable(first.message);
    ASSERT_TRUE(first.cart);
    EXPECT_EQ(first.cart->cartId, u"WEB-1"_s);
    EXPECT_EQ(first.cart->lines.size(), 2);
    EXPECT_EQ(first.cart->lines[0].unitPriceMinor, 1499);
    EXPECT_EQ(first.cart->customerId, kCustomer);
    EXPECT_EQ(resolve(m_b, token).outcome, HandoffAnswer::Outcome::Used) << "good once";
    EXPECT_EQ(resolve(m_a, token).outcome, HandoffAnswer::Outcome::Found) << "the till that took it may ask again";

    // Forged: a token of the right form that was never issued.
    EXPECT_EQ(resolve(m_a, Handoff::newToken()).outcome, HandoffAnswer::Outcome::Unknown);
    // Expired: 15 minutes.
    const QString late = code(u"WEB-1"_s);
    m_hubClockOffsetMs = HubStore::kHandoffTtlMs + 1000;
    EXPECT_EQ(resolve(m_a, late).outcome, HandoffAnswer::Outcome::Expired);
    m_hubClockOffsetMs = 0;
    // A page link is the phone's, not a till's code.
    EXPECT_EQ(resolve(m_a, code(u"WEB-1"_s, HubStore::HandoffPurpose::Link)).outcome, HandoffAnswer::Outcome::Unknown);
}

TEST_F(HandoffSyncTest, MalformedUnauthenticatedAndHurriedAsksAreRefused)
{
    const QString token = code(u"WEB-1"_s);
    const QByteArray auth = "Authorization: Bearer " + m_a.token + "\r\nX-Terminal-Id: " + m_a.terminalId.toLatin1();
    auto post = [&](const QByteArray &body, const QByteArray &headers) {
        return httpExchange(m_hubPort,
            "POST /sync/v1/handoff HTTP/1.1\r\nHost: hub\r\n" + headers + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    };
    const QByteArray good = R"({"token_sha256":")" + Handoff::tokenHash(token).toLatin1() + "\"}";
    EXPECT_EQ(post(good, "X-Terminal-Id: nobody").status, 401);
    EXPECT_EQ(post(good, auth.left(auth.size() - 3)).status, 401) << "another terminal's id";
    // The token itself, a truncated hash, upper case, not JSON, a list: all malformed, none looked up.
    const QList<QByteArray> malformed = { R"({"token_sha256":")" + token.toLatin1() + "\"}",
        R"({"token_sha256":")" + Handoff::tokenHash(token).toLatin1().left(63) + "\"}",
        R"({"token_sha256":")" + Handoff::tokenHash(token).toUpper().toLatin1() + "\"}", QByteArray("{{{"),
        QByteArray("[1,2]") };
    for (const QByteArray &bad : malformed) {
        const HttpAnswer a = post(bad, auth);
        EXPECT_EQ(a.status, 400) << bad.constData();
        EXPECT_TRUE(a.body.contains("MALFORMED")) << bad.constData();
    }
    EXPECT_EQ(
        httpExchange(m_hubPort, "GET /sync/v1/handoff HTTP/1.1\r\nHost: hub\r\n" + auth + "\r\n\r\n").status, 405);
    // Trying codes by the thousand: slowed down after 60 in 10 seconds, with no hint of what exists.
    int limited = 0, unknown = 0;
    for (int i = 0; i < 70; ++i) {
        const HandoffAnswer a = resolve(m_b, Handoff::newToken());
        limited += a.outcome == HandoffAnswer::Outcome::Unavailable;
        unknown += a.outcome == HandoffAnswer::Outcome::Unknown;
    }
    EXPECT_GE(limited, 10);
    EXPECT_EQ(limited + unknown, 70);
}

TEST_F(HandoffSyncTest, AnOrderToCollectIsForItsStoreOnly)
{
    OnlineCart pickup = webCart(u"PICK-1"_s);
    pickup.kind = u"pickup"_s;
    pickup.store = u"S002"_s;
    pickup.paidMinor = 1000;
    ASSERT_TRUE(m_hub->putCart(pickup).ok());
    EXPECT_FALSE(m_hub->issueHandoff(u"PICK-1"_s, HubStore::HandoffPurpose::Handoff, {}).ok())
        << "an order to collect gets a pickup code";
    const QString token = code(u"PICK-1"_s, HubStore::HandoffPurpose::Pickup, u"S002"_s);
    const HandoffAnswer elsewhere = resolve(m_a, token);
    EXPECT_EQ(elsewhere.outcome, HandoffAnswer::Outcome::OtherStore);
    EXPECT_TRUE(elsewhere.message.contains(u"S002"_s));
    const HandoffAnswer here = resolve(m_other, token);
    ASSERT_EQ(here.outcome, HandoffAnswer::Outcome::Found);
    EXPECT_TRUE(here.cart->isPickup());
    EXPECT_EQ(here.cart->paidMinor, 1000);
    EXPECT_EQ(resolve(m_other, token).outcome, HandoffAnswer::Outcome::Found) << "scanned again until collected";
}

TEST_F(HandoffSyncTest, TwoTillsCannotBothTakePayment)
{
    ASSERT_EQ(resolve(m_a, code(u"WEB-1"_s)).outcome, HandoffAnswer::Outcome::Found);
    ASSERT_EQ(resolve(m_b, code(u"WEB-1"_s)).outcome, HandoffAnswer::Outcome::Found);
    EXPECT_EQ(claim(m_other, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Unknown)
        << "a till never shown the cart learns nothing";
    EXPECT_EQ(claim(m_a, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Held);
    EXPECT_EQ(claim(m_a, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Held) << "asking again holds on";
    EXPECT_EQ(claim(m_b, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::HeldElsewhere);
    EXPECT_FALSE(m_hub->checkoutOnline(u"WEB-1"_s).ok()) << "not paid online while a till takes payment";
    releaseCart(config(m_a, m_hubPort), m_a.terminalId, u"WEB-1"_s);
    EXPECT_EQ(claim(m_b, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Held);
    // A hold runs out: a till that went away does not keep the cart for ever.
    m_hubClockOffsetMs = HubStore::kHoldMs + 1000;
    EXPECT_EQ(claim(m_a, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Held);
}

TEST_F(HandoffSyncTest, ACartChangedOrPaidOnlineWhileOnATillIsNotPaidThere)
{
    ASSERT_EQ(resolve(m_a, code(u"WEB-1"_s)).outcome, HandoffAnswer::Outcome::Found);
    // The customer adds a coffee on the phone while the cashier rings up.
    ASSERT_TRUE(m_hub->putCart(webCart(u"WEB-1"_s, 2000)).ok());
    const ClaimAnswer changed = claim(m_a, u"WEB-1"_s, 1);
    ASSERT_EQ(changed.outcome, ClaimAnswer::Outcome::Changed);
    ASSERT_TRUE(changed.cart);
    EXPECT_EQ(changed.cart->version, 2);
    EXPECT_EQ(changed.cart->lines[0].quantity, 2000);
    // Then pays it online before the cashier takes payment.
    ASSERT_TRUE(m_hub->checkoutOnline(u"WEB-1"_s).ok());
    const ClaimAnswer paid = claim(m_a, u"WEB-1"_s, 2);
    EXPECT_EQ(paid.outcome, ClaimAnswer::Outcome::Converted);
    ASSERT_TRUE(paid.cart);
    EXPECT_EQ(paid.cart->convertedBy, u"online"_s);
    EXPECT_EQ(flagCodes(), QStringList { u"PAID_ELSEWHERE"_s });
    EXPECT_FALSE(m_hub->issueHandoff(u"WEB-1"_s, HubStore::HandoffPurpose::Handoff, {}).ok()) << "paid: no more codes";
}

TEST_F(HandoffSyncTest, ASaleConvertsItsCartOnceAndOfflineDoublesAreFlagged)
{
    ASSERT_EQ(resolve(m_a, code(u"WEB-1"_s)).outcome, HandoffAnswer::Outcome::Found);
    ASSERT_EQ(claim(m_a, u"WEB-1"_s, 1).outcome, ClaimAnswer::Outcome::Held);
    const SaleReceipt sale = sellCart(m_a, u"WEB-1"_s, 1);
    // The event names the cart, and the hub's validation takes it.
    {
        auto db = Database::open(m_a.path);
        auto pending = Journal::pending((*db)->connection(), 100);
        ASSERT_TRUE(pending.ok());
        const JournalEntry &e = pending->last();
        EXPECT_TRUE(e.payload.contains(R"("online_cart":{"id":"WEB-1","version":1})")) << e.payload.constData();
        EXPECT_TRUE(Events::validate(e.type, e.payload, e.createdAtMs).ok());
        EXPECT_FALSE(
            Events::validate(e.type, QByteArray(e.payload).replace(R"("version":1})", R"("version":0})"), e.createdAtMs)
                .ok());
    }
    ASSERT_TRUE(syncOnce(m_a));
    auto cart = m_hub->onlineCart(u"WEB-1"_s);
    ASSERT_TRUE(cart.ok() && *cart);
    EXPECT_EQ((*cart)->status, u"converted"_s);
    EXPECT_EQ((*cart)->convertedBy, sale.receiptNo);
    EXPECT_TRUE(flagCodes().isEmpty());
    ASSERT_TRUE(syncOnce(m_a)) << "pushing again changes nothing";
    EXPECT_TRUE(flagCodes().isEmpty());

    // Till B was offline with the cart from its cached copy and rang it up too: recorded, and flagged.
    sellCart(m_b, u"WEB-1"_s, 1);
    ASSERT_TRUE(syncOnce(m_b));
    EXPECT_EQ(flagCodes(), QStringList { u"PAID_TWICE"_s });
    expectConverged(m_b);

    // A cart changed online after an offline till rang it up: converted, and flagged for a look.
    ASSERT_TRUE(m_hub->putCart(webCart(u"WEB-2"_s)).ok());
    ASSERT_TRUE(m_hub->putCart(webCart(u"WEB-2"_s, 3000)).ok());
    sellCart(m_other, u"WEB-2"_s, 1);
    ASSERT_TRUE(syncOnce(m_other));
    EXPECT_EQ(flagCodes(), (QStringList { u"PAID_TWICE"_s, u"CHANGED_ONLINE"_s }));
    EXPECT_EQ((*m_hub->onlineCart(u"WEB-2"_s))->status, u"converted"_s);
    // And one the hub never knew.
    sellCart(m_other, u"WEB-404"_s, 1);
    ASSERT_TRUE(syncOnce(m_other));
    EXPECT_EQ(flagCodes().last(), u"UNKNOWN_CART"_s);
    auto flags = m_hub->cartFlags();
    ASSERT_TRUE(flags.ok() && !flags->isEmpty());
    EXPECT_TRUE(m_hub->resolveCartFlag(flags->first().id, u"Maria"_s, u"refunded the store sale"_s).ok());
    EXPECT_EQ(flagCodes().size(), flags->size() - 1);
}

TEST_F(HandoffSyncTest, TheTillsCacheTheCartsWithTheirLiveCodes)
{
    const QString token = code(u"WEB-1"_s);
    ASSERT_TRUE(syncOnce(m_a));
    auto db = Database::open(m_a.path);
    auto row = StreamApplier::row(**db, kCartsStream, u"WEB-1"_s);
    ASSERT_TRUE(row.ok() && *row);
    auto cached = OnlineCart::fromJson(**row);
    ASSERT_TRUE(cached.ok()) << qPrintable(cached.error().message);
    EXPECT_TRUE(cached->handoff(Handoff::tokenHash(token)).has_value());
    EXPECT_FALSE(row->value().contains(token.toLatin1()));
    // Once a till took the code, the others' copies lose it.
    ASSERT_EQ(resolve(m_b, token).outcome, HandoffAnswer::Outcome::Found);
    ASSERT_TRUE(syncOnce(m_a));
    cached = OnlineCart::fromJson(**StreamApplier::row(**db, kCartsStream, u"WEB-1"_s));
    EXPECT_FALSE(cached->handoff(Handoff::tokenHash(token)).has_value());
}
