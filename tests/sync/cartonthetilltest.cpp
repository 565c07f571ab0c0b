// SPDX-License-Identifier: GPL-3.0-or-later
// The online cart on the till, as a cashier sees it, against a real hub on loopback: one scan of the phone's code
// puts the cart on the sale at this store's prices with the online price and the stock here beside each line and
// the customer attached; the hub holds the cart before payment and converts it when the sale arrives. A cart paid
// online while it is rung up ends with one payment and a flag; a cart changed online is reloaded before payment; a
// till offline rings up its cached copy and the hub settles it at sync, flagging a double; bad codes get clear
// messages and leave the sale as it was.
#include "support/synchelper.h"
#include "sync/terminal/handoffclient.h"

#include "core/customers/customerstore.h"
#include "core/handoff/cartcache.h"
#include "core/kiosk/kiosksession.h"
#include "core/sale/adjustments.h"
#include "core/sale/voids.h"
#include "core/till/handoffcontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"

#include <QBuffer>
#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

namespace {
const QString kCustomer = u"0190d5a4-0000-7000-8000-000000001001"_s;
} // namespace

class CartOnTheTillTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        QByteArray customer = R"({"id": ")" + kCustomer.toLatin1() + R"(", "name": "Ana Müller", "points": 420})";
        QBuffer c(&customer);
        c.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->importCustomers(c).ok());
        QByteArray stock
            = R"({"key": "SKU0000001|S001", "row": {"sku": "SKU0000001", "store": "S001", "on_hand_milli": 3000}}
{"key": "SKU0000020|S001", "row": {"sku": "SKU0000020", "store": "S001", "on_hand_milli": 0}}
)";
        QBuffer s(&stock);
        s.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->publishLines(kStockStream, s).ok());
        ASSERT_TRUE(m_hub->putCart(cart(1000)).ok());

        m_t = makeTerminal(u"till"_s);
        ASSERT_TRUE(syncOnce(m_t)); // the customer, the stock and the cart's cached copy
        auto db = Database::open(m_t.path);
        ASSERT_TRUE(db.ok());
        m_db = std::move(db).value();
        m_catalog = std::make_unique<Catalog>(*m_db);
        m_sales = std::make_unique<SaleStore>(*m_db, systemClock());
        m_customers = std::make_unique<CustomerStore>(*m_db, systemClock());
        m_till = std::make_unique<SaleController>(*m_catalog, *m_sales, systemClock(),
            SaleController::Config { eur(), PricingMode::TaxInclusive, 1, {}, QLocale::c(), { u"Other"_s } });
        m_till->setCustomers(*m_customers);
        m_staff = std::make_unique<StaffStore>(*m_db, systemClock());
        const StaffMember maria = *m_staff->createFirstManager(u"Maria"_s, u"2468", std::nullopt);
        m_session = std::make_unique<StaffSession>(*m_staff, systemClock(), 3'600'000);
        ASSERT_TRUE(m_session->signIn(maria.id, u"2468"_s));
        m_voids = std::make_unique<Voids>(*m_db, systemClock());
        m_adjustments = std::make_unique<Adjustments>(*m_db, systemClock());
        m_till->setStaff({ *m_session, *m_staff, *m_voids, *m_adjustments });
        m_cache = std::make_unique<CartCache>(*m_db);
        m_handoff
            = std::make_unique<HandoffController>(*m_till, *m_catalog, *m_cache, eur(), systemClock(), QLocale::c());
        m_handoff->setCustomers(m_customers.get());
        // The hub as the till's composition asks it, at whatever port it listens on now.
        m_handoff->setHub(HandoffController::Hub {
            [this](const QString &sha) { return resolveHandoff(config(m_t, m_hubPort), m_t.terminalId, sha, 2000); },
            [this](const QString &id, qint64 version) {
                return claimCart(config(m_t, m_hubPort), m_t.terminalId, id, version, 2000);
            },
            [this](const QString &id) { releaseCart(config(m_t, m_hubPort), m_t.terminalId, id); },
            [this](const OnlineCart &basket) { return handBasket(config(m_t, m_hubPort), m_t.terminalId, basket); } });
        QObject::connect(
            m_handoff.get(), &HandoffController::errorOccurred, m_till.get(), &SaleController::errorOccurred);
        m_errors = std::make_unique<QSignalSpy>(m_till.get(), &SaleController::errorOccurred);
    }
    static OnlineCart cart(qint64 coffee, const QString &id = u"WEB-1"_s)
    {
        OnlineCart c;
        c.cartId = id;
        c.customerId = kCustomer;
        c.currency = u"EUR"_s;
        c.lines = { { u"SKU0000001"_s, u"Café crème 1 kg"_s, coffee, 1499 },
            { u"SKU0000020"_s, u"Organic oat drink 1 l"_s, 2000, 199 },
            { u"T-77"_s, u"Gift wrap (online only)"_s, 1000, 250 } };
        return c;
    }
    // What the phone shows: the hub's code behind its address.
    QString phoneCode(const QString &id = u"WEB-1"_s)
    {
        auto issued = m_hub->issueHandoff(id, HubStore::HandoffPurpose::Handoff, {});
        EXPECT_TRUE(issued.ok());
        return Handoff::code(u"http://127.0.0.1:%1"_s.arg(m_hubPort), issued ? issued->token : QString());
    }
    QString lastError() const { return m_errors->isEmpty() ? QString() : m_errors->last().first().toString(); }
    qint64 sales() const { return scalar(m_t.path, u"SELECT count(*) FROM sale"_s); }
    QStringList hubFlags()
    {
        QStringList codes;
        if (auto flags = m_hub->cartFlags(); flags) {
            for (const auto &f : *flags)
                codes << f.code;
        }
        return codes;
    }

    Terminal m_t;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_sales;
    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<StaffStore> m_staff;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
    std::unique_ptr<SaleController> m_till;
    std::unique_ptr<CartCache> m_cache;
    std::unique_ptr<HandoffController> m_handoff;
    std::unique_ptr<QSignalSpy> m_errors;
};

TEST_F(CartOnTheTillTest, OneScanPutsTheCartOnTheSaleAndThePaymentConvertsIt)
{
    ASSERT_TRUE(m_handoff->scan(phoneCode()));
    ASSERT_TRUE(m_handoff->active()) << qPrintable(lastError());
    ASSERT_EQ(m_till->lineCount(), 2) << "what this store sells";
    const CatalogItem coffee = *m_catalog->lookupSku(u"SKU0000001", eur(), kNow);
    EXPECT_EQ(m_till->cart().lines()[0].item.price, coffee.price) << "at this store's price";
    EXPECT_EQ(m_till->customerName(), u"Ana Müller"_s);
    EXPECT_EQ(m_handoff->title(), u"Online cart from the web"_s);
    EXPECT_TRUE(m_handoff->detail().contains(u"Ana Müller · 4 item"_s)) << qPrintable(m_handoff->detail());
    const QStringList notices = m_handoff->notices();
    ASSERT_FALSE(notices.isEmpty());
    EXPECT_TRUE(notices.first().contains(u"Gift wrap (online only)"_s)) << qPrintable(notices.join(u'|'));
    EXPECT_TRUE(notices.join(u'|').contains(u"none in stock here"_s));
    CartModel *lines = m_till->lines();
    const QString note = lines->data(lines->index(0), CartModel::NoteRole).toString();
    EXPECT_TRUE(note.contains(u"3 in stock here"_s)) << qPrintable(note);
    ASSERT_NE(coffee.price.minor(), 1499) << "the demo store's price differs from the online one";
    EXPECT_TRUE(note.contains(u"online EUR 14.99"_s)) << qPrintable(note);

    // The cashier may change the lines before payment.
    ASSERT_TRUE(m_till->scan(u"SKU0000002"_s));
    ASSERT_TRUE(m_till->payCash({})) << qPrintable(lastError());
    EXPECT_EQ(sales(), 1);
    EXPECT_FALSE(m_handoff->active());
    EXPECT_EQ(
        scalar(m_t.path, u"SELECT count(*) FROM sale WHERE online_cart_id = 'WEB-1' AND online_cart_version = 1"_s), 1);
    auto held = m_hub->onlineCart(u"WEB-1"_s);
    EXPECT_EQ((*held)->status, u"held"_s) << "held for this till until its sale arrives";
    ASSERT_TRUE(syncOnce(m_t));
    auto converted = m_hub->onlineCart(u"WEB-1"_s);
    EXPECT_EQ((*converted)->status, u"converted"_s);
    EXPECT_EQ((*converted)->convertedBy, m_till->lastReceipt());
    EXPECT_TRUE(hubFlags().isEmpty());
    EXPECT_FALSE(m_hub->issueHandoff(u"WEB-1"_s, HubStore::HandoffPurpose::Handoff, {}).ok())
        << "a paid cart gets no more codes";
}

TEST_F(CartOnTheTillTest, ACartPaidOnlineWhileItIsRungUpEndsWithOnePaymentAndAFlag)
{
    ASSERT_TRUE(m_handoff->scan(phoneCode()));
    ASSERT_TRUE(m_handoff->active());
    // Meanwhile, on the phone, the customer's partner pays the cart online.
    ASSERT_TRUE(m_hub->checkoutOnline(u"WEB-1"_s).ok());
    EXPECT_FALSE(m_till->payCash({}));
    EXPECT_TRUE(lastError().contains(u"paid online"_s)) << qPrintable(lastError());
    EXPECT_FALSE(m_till->startCard({})) << "no other tender either";
    EXPECT_EQ(sales(), 0) << "one payment: the online one";
    EXPECT_EQ(hubFlags(), QStringList { u"PAID_ELSEWHERE"_s }) << "the manager sees it";
    ASSERT_TRUE(m_till->voidSale(u"Paid online"_s));
    EXPECT_FALSE(m_handoff->active());
    EXPECT_EQ((*m_hub->onlineCart(u"WEB-1"_s))->convertedBy, u"online"_s);
}

TEST_F(CartOnTheTillTest, ACartChangedOnlineIsReloadedBeforePayment)
{
    ASSERT_TRUE(m_handoff->scan(phoneCode()));
    ASSERT_TRUE(m_till->scan(u"SKU0000002"_s)) << "an item the customer picked up in the store";
    ASSERT_TRUE(m_hub->putCart(cart(2000)).ok()) << "a second coffee added on the phone";
    EXPECT_FALSE(m_till->payCash({}));
    EXPECT_TRUE(m_handoff->changeWaiting());
    EXPECT_TRUE(lastError().contains(u"changed the cart online"_s)) << qPrintable(lastError());
    EXPECT_EQ(sales(), 0);
    ASSERT_TRUE(m_handoff->loadChanges()) << qPrintable(lastError());
    EXPECT_FALSE(m_handoff->changeWaiting());
    ASSERT_EQ(m_till->lineCount(), 3) << "the store's item stays";
    qint64 coffee = 0;
    for (const CartLine &l : m_till->cart().lines())
        coffee += l.item.sku == u"SKU0000001" ? l.quantity : 0;
    EXPECT_EQ(coffee, 2000);
    ASSERT_TRUE(m_till->payCash({})) << qPrintable(lastError());
    ASSERT_TRUE(syncOnce(m_t));
    EXPECT_EQ((*m_hub->onlineCart(u"WEB-1"_s))->status, u"converted"_s);
    EXPECT_TRUE(hubFlags().isEmpty());
}

TEST_F(CartOnTheTillTest, OfflineTheCachedCartIsRungUpAndTheHubSettlesItAtSync)
{
    const QString code = phoneCode();
    ASSERT_TRUE(syncOnce(m_t)) << "the till's copy learns the new code";
    const QString uncached = phoneCode(); // issued after the till last synced
    m_server.reset(); // the hub goes away
    ASSERT_TRUE(m_handoff->scan(uncached));
    EXPECT_FALSE(m_handoff->active());
    EXPECT_TRUE(lastError().contains(u"not on this till"_s)) << qPrintable(lastError());
    ASSERT_TRUE(m_handoff->scan(code));
    ASSERT_TRUE(m_handoff->active()) << qPrintable(lastError());
    EXPECT_TRUE(m_handoff->notices().join(u'|').contains(u"settles the cart"_s));
    ASSERT_TRUE(m_till->payCash({})) << "never a lost sale";
    EXPECT_EQ(sales(), 1);
    // Scanned again offline at this till: it rang it up already.
    ASSERT_TRUE(m_handoff->scan(code));
    EXPECT_FALSE(m_handoff->active());
    EXPECT_TRUE(lastError().contains(u"rang up this cart already"_s)) << qPrintable(lastError());

    // While the till was offline the cart was also paid online: both recorded, flagged for the manager.
    ASSERT_TRUE(m_hub->checkoutOnline(u"WEB-1"_s).ok());
    m_server = std::make_unique<HubServer>(*m_hub);
    m_hubPort = m_server->listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(syncOnce(m_t));
    EXPECT_EQ(hubFlags(), QStringList { u"PAID_TWICE"_s });
    expectConverged(m_t);
}

TEST_F(CartOnTheTillTest, BadCodesGetClearMessagesAndLeaveTheSaleAlone)
{
    // The chain's hub address, as the config stream brings it: another address's code is another shop's.
    {
        QSqlQuery q(m_db->connection());
        ASSERT_TRUE(q.exec(u"INSERT INTO stream_row (stream, key, body) VALUES ('config', 'hub.public_url', "
                           "'{\"value\": \"http://127.0.0.1:%1/\"}')"_s.arg(m_hubPort)));
    }
    ASSERT_TRUE(m_till->scan(u"SKU0000002"_s));
    const QString good = phoneCode();
    const QString token = good.mid(good.lastIndexOf(u'/') + 1);
    struct Case
    {
        QString scanned, says;
    };
    const QList<Case> cases = {
        { u"https://other-shop.example/h/"_s + token, u"another shop"_s },
        { good.left(good.size() - 3), u"damaged or cut short"_s },
        { good.left(good.size() - 1) + u"U"_s, u"damaged or cut short"_s }, // U is not in the alphabet
        { u"http://127.0.0.1:%1/h/"_s.arg(m_hubPort) + Handoff::newToken(), u"not known"_s },
        { u"http://127.0.0.1:%1/r/"_s.arg(m_hubPort) + Handoff::newToken(), u"open Returns"_s },
    };
    for (const Case &c : cases) {
        ASSERT_TRUE(m_handoff->scan(c.scanned)) << qPrintable(c.scanned) << ": taken as a code, not an item";
        EXPECT_TRUE(lastError().contains(c.says)) << qPrintable(c.scanned) << " → " << qPrintable(lastError());
        EXPECT_FALSE(m_handoff->active());
        EXPECT_EQ(m_till->lineCount(), 1);
    }
    EXPECT_FALSE(m_handoff->scan(u"SKU0000003"_s)) << "an item's code is the sale's";
    EXPECT_FALSE(m_handoff->scan(u"https://id.gs1.org/01/04006381333931"_s)) << "a Digital Link is an item's";
    EXPECT_FALSE(m_handoff->scan(u"https://www.example.com/product/123"_s)) << "the sale says what a web link is";
    EXPECT_FALSE(m_till->scan(u"https://www.example.com/product/123"_s));
    EXPECT_FALSE(m_handoff->scan(u"4006381333931"_s));
    // Used at another till, then expired.
    ASSERT_EQ(resolveHandoff(config(m_t, m_hubPort), u"another"_s, Handoff::tokenHash(token)).outcome,
        HandoffAnswer::Outcome::Unavailable)
        << "an unknown terminal is refused";
    Terminal other = makeTerminal(u"other"_s);
    ASSERT_EQ(resolveHandoff(config(other, m_hubPort), other.terminalId, Handoff::tokenHash(token)).outcome,
        HandoffAnswer::Outcome::Found);
    ASSERT_TRUE(m_handoff->scan(good));
    EXPECT_TRUE(lastError().contains(u"used at another till"_s)) << qPrintable(lastError());
    const QString late = phoneCode();
    m_hubClockOffsetMs = HubStore::kHandoffTtlMs + 1;
    ASSERT_TRUE(m_handoff->scan(late));
    EXPECT_TRUE(lastError().contains(u"expired"_s)) << qPrintable(lastError());
    EXPECT_EQ(m_till->lineCount(), 1);
}

TEST_F(CartOnTheTillTest, AnOrderToCollectIsHandedOverOnceEvenWhenTwoTillsScanIt)
{
    OnlineCart order;
    order.cartId = u"PICK-1"_s;
    order.kind = u"pickup"_s;
    order.store = u"S001"_s;
    order.customerId = kCustomer;
    order.currency = u"EUR"_s;
    order.lines
        = { { u"SKU0000033"_s, u"Cotton shirt M"_s, 2000, 1999 }, { u"SKU0000047"_s, u"Rain jacket L"_s, 1000, 4999 } };
    order.paidMinor = 2 * 1999 + 4999;
    ASSERT_TRUE(m_hub->putCart(order).ok());
    auto issued = m_hub->issueHandoff(u"PICK-1"_s, HubStore::HandoffPurpose::Pickup, u"S001"_s);
    ASSERT_TRUE(issued.ok());
    const QString code = Handoff::code(u"http://127.0.0.1:%1"_s.arg(m_hubPort), issued->token);

    // The customer shows the pickup code at two tills at once.
    Terminal other = makeTerminal(u"other"_s);
    ASSERT_EQ(resolveHandoff(config(other, m_hubPort), other.terminalId, Handoff::tokenHash(issued->token)).outcome,
        HandoffAnswer::Outcome::Found);
    ASSERT_TRUE(m_handoff->scan(code));
    ASSERT_TRUE(m_handoff->pickup()) << qPrintable(lastError());
    EXPECT_EQ(m_handoff->title(), u"Order PICK-1 to collect"_s);
    EXPECT_EQ(m_till->lineCount(), 2);
    EXPECT_EQ(m_till->cart().lines()[0].item.price.minor(), 1999) << "at the price paid online";
    EXPECT_EQ(m_till->remaining(), u"0.00"_s);
    ASSERT_EQ(m_till->tenders().size(), 1);
    EXPECT_EQ(m_till->tenders()[0].toMap().value(u"kind"_s).toString(), u"online"_s);
    EXPECT_FALSE(m_till->removeTender(-2)) << "the online payment stays with the order";
    EXPECT_TRUE(m_handoff->notices().join(u'|').contains(u"Paid in full online"_s));

    ASSERT_TRUE(m_handoff->handOver()) << qPrintable(lastError());
    EXPECT_EQ(sales(), 1);
    EXPECT_EQ(
        scalar(m_t.path, u"SELECT count(*) FROM sale_payment WHERE kind = 'online' AND reference = 'PICK-1'"_s), 1);
    // The other till holds nothing: this one has it until its sale arrives, then it is collected.
    EXPECT_EQ(claimCart(config(other, m_hubPort), other.terminalId, u"PICK-1"_s, 1).outcome,
        ClaimAnswer::Outcome::HeldElsewhere);
    ASSERT_TRUE(syncOnce(m_t));
    auto collected = m_hub->onlineCart(u"PICK-1"_s);
    EXPECT_EQ((*collected)->status, u"collected"_s);
    EXPECT_EQ(
        claimCart(config(other, m_hubPort), other.terminalId, u"PICK-1"_s, 1).outcome, ClaimAnswer::Outcome::Converted);
    ASSERT_TRUE(m_handoff->scan(code));
    EXPECT_TRUE(lastError().contains(u"collected already"_s)) << qPrintable(lastError());
    EXPECT_EQ(m_till->lineCount(), 0);
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM event WHERE quarantine IS NOT NULL"_s), 0) << "the hub takes the sale";
    expectConverged(m_t);
}

TEST_F(CartOnTheTillTest, WhatAnOrderStillOwesIsTakenBeforeItIsHandedOver)
{
    OnlineCart order;
    order.cartId = u"PICK-2"_s;
    order.kind = u"pickup"_s;
    order.store = u"S001"_s;
    order.currency = u"EUR"_s;
    order.lines = { { u"SKU0000047"_s, u"Rain jacket L"_s, 1000, 4999 }, { u"SKU0000033"_s, {}, 1000, 1999 } };
    order.paidMinor = 1000; // a deposit
    ASSERT_TRUE(m_hub->putCart(order).ok());
    auto issued = m_hub->issueHandoff(u"PICK-2"_s, HubStore::HandoffPurpose::Pickup, u"S001"_s);
    ASSERT_TRUE(m_handoff->scan(Handoff::code(u"http://127.0.0.1:%1"_s.arg(m_hubPort), issued->token)));
    ASSERT_TRUE(m_handoff->pickup());
    EXPECT_EQ(m_till->remaining(), u"59.98"_s);
    EXPECT_FALSE(m_handoff->handOver());
    EXPECT_TRUE(lastError().contains(u"EUR 59.98 is still to pay"_s)) << qPrintable(lastError());
    ASSERT_TRUE(m_till->payCash(u"60"_s)) << qPrintable(lastError());
    EXPECT_EQ(sales(), 1);
    EXPECT_EQ(scalar(m_t.path, u"SELECT sum(amount_minor) FROM sale_payment"_s), 6998);
    ASSERT_TRUE(syncOnce(m_t));
    EXPECT_EQ((*m_hub->onlineCart(u"PICK-2"_s))->status, u"collected"_s);
    EXPECT_EQ(hubScalar(u"SELECT count(*) FROM event WHERE quarantine IS NOT NULL"_s), 0);
    expectConverged(m_t);
}

TEST_F(CartOnTheTillTest, AKiosksBasketIsTakenOverByATillAndPaidThere)
{
    // The store's kiosk: a terminal of the store like the till.
    Terminal kiosk = makeTerminal(u"kiosk"_s);
    auto db = Database::open(kiosk.path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(writeMeta((*db)->connection(), u"store_code"_s, u"S001"_s).ok());
    Catalog catalog(**db);
    CustomerStore customers(**db, systemClock());
    CartCache cache(**db);
    KioskSession session(catalog, customers, nullptr, cache, systemClock(),
        KioskSession::Config { eur(), 60'000, {}, {}, {}, {} }, QLocale::c());
    EXPECT_FALSE(session.handOn()) << "nothing in the basket";
    ASSERT_TRUE(session.scan(u"SKU0000001"_s));
    ASSERT_TRUE(session.addToBasket());
    ASSERT_TRUE(session.addToBasket());
    ASSERT_TRUE(session.scan(u"SKU0000002"_s));
    ASSERT_TRUE(session.addToBasket());
    EXPECT_FALSE(session.handOn()) << "offline: it says so";
    EXPECT_TRUE(session.message().contains(u"online"_s)) << qPrintable(session.message());
    session.setHandBasket(
        [&](const OnlineCart &basket) { return handBasket(config(kiosk, m_hubPort), kiosk.terminalId, basket, true); });
    ASSERT_TRUE(session.handOn()) << qPrintable(session.message());
    EXPECT_EQ(session.screen(), u"handoff"_s);
    EXPECT_TRUE(session.phoneUrl().contains(u"/m/"_s));
    ASSERT_TRUE(session.tillCode().contains(u"/h/"_s));

    // At the till: one scan of the kiosk's code, and the customer pays there.
    ASSERT_TRUE(m_handoff->scan(session.tillCode()));
    ASSERT_TRUE(m_handoff->active()) << qPrintable(lastError());
    EXPECT_EQ(m_handoff->title(), u"Basket from the kiosk"_s);
    ASSERT_EQ(m_till->lineCount(), 2);
    EXPECT_EQ(m_till->cart().lines()[0].quantity, 2000);
    ASSERT_TRUE(m_till->payCash({})) << qPrintable(lastError());
    ASSERT_TRUE(syncOnce(m_t));
    EXPECT_EQ(
        hubScalar(
            u"SELECT count(*) FROM online_cart WHERE status = 'converted' AND body LIKE '%\"channel\":\"kiosk\"%'"_s),
        1);
    session.reset();
    EXPECT_TRUE(session.tillCode().isEmpty()) << "forgotten with the rest";
}
