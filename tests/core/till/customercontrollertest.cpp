// SPDX-License-Identifier: GPL-3.0-or-later
// Customers at the till: found by what the cashier types or by scanning their card mid-sale, attached to the sale
// (whose journal entry then names them), shown live from the hub or from what the till last knew with "as of", made
// and changed at the till with clear refusals; a parked sale keeps its customer.
#include "core/till/customercontroller.h"
#include "core/customers/democustomers.h"
#include "core/loyalty/loyalty.h"
#include "core/sale/adjustments.h"
#include "core/sale/parkedsales.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class CustomerControllerTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        m_demo = DemoCustomers::make(30, kNow);
        {
            Transaction tx(db().connection());
            for (const Customer &c : m_demo.customers)
                ASSERT_TRUE(CustomerStore::applyRow(db(), c.id, c.toRow()).ok());
            ASSERT_TRUE(tx.commit().ok());
        }
        m_catalog = std::make_unique<Catalog>(db());
        m_sales = std::make_unique<SaleStore>(db(), fixedClock());
        m_staff = std::make_unique<StaffStore>(db(), fixedClock());
        auto maria = m_staff->createFirstManager(u"Maria"_s, u"2468", std::nullopt);
        ASSERT_TRUE(maria.ok());
        m_session = std::make_unique<StaffSession>(*m_staff, fixedClock(), 3'600'000);
        m_voids = std::make_unique<Voids>(db(), fixedClock());
        m_adjustments = std::make_unique<Adjustments>(db(), fixedClock());
        m_parked = std::make_unique<ParkedSales>(db(), fixedClock());
        m_store = std::make_unique<CustomerStore>(db(), fixedClock());
        m_store->setDefaultCallingCode(u"49"_s);
        m_till = std::make_unique<SaleController>(*m_catalog, *m_sales, fixedClock(),
            SaleController::Config { eur(), PricingMode::TaxInclusive, 1, {}, QLocale::c(), { u"Other"_s } });
        m_till->setStaff({ *m_session, *m_staff, *m_voids, *m_adjustments });
        m_till->setParkedSales(*m_parked);
        m_till->setCustomers(*m_store);
        m_customers = std::make_unique<CustomerController>(*m_store, *m_session, fixedClock(), QLocale::c());
        ASSERT_TRUE(m_session->signIn(maria->id, u"2468"_s));
    }

    DemoCustomers m_demo;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_sales;
    std::unique_ptr<StaffStore> m_staff;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
    std::unique_ptr<ParkedSales> m_parked;
    std::unique_ptr<CustomerStore> m_store;
    std::unique_ptr<SaleController> m_till;
    std::unique_ptr<CustomerController> m_customers;
};

TEST_F(CustomerControllerTest, ACardScannedMidSaleAttachesTheCustomerAndTheSaleNamesThem)
{
    const Customer &anna = m_demo.customers[0];
    QSignalSpy changed(m_till.get(), &SaleController::customerChanged);
    ASSERT_TRUE(m_till->scan(u"SKU0000001"_s));
    ASSERT_TRUE(m_till->scan(anna.cards.first())) << "a loyalty card is no item, but it is scanned like one";
    EXPECT_EQ(m_till->customerId(), anna.id);
    EXPECT_EQ(m_till->customerName(), anna.name);
    EXPECT_TRUE(m_till->customerDetail().contains(u"points"_s));
    EXPECT_EQ(m_till->lineCount(), 1) << "no line for the card";
    EXPECT_EQ(changed.count(), 1);

    // A QR from the app says so; an unknown card says so clearly, and the sale goes on without a customer change.
    ASSERT_TRUE(m_till->scan(u"LOYALTY:"_s + m_demo.customers[1].cards.first()));
    EXPECT_EQ(m_till->customerId(), m_demo.customers[1].id);
    QSignalSpy errors(m_till.get(), &SaleController::errorOccurred);
    EXPECT_FALSE(m_till->scan(u"LOYALTY:LC9999999999"_s));
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.first().first().toString().contains(u"•••• 9999"_s));
    EXPECT_FALSE(m_till->scan(u"LOYALTY:<script>"_s));
    EXPECT_EQ(m_till->customerId(), m_demo.customers[1].id);
    EXPECT_FALSE(m_till->scan(u"NOTHING-LIKE-IT-42"_s)) << "neither an item nor a card: the item's message";

    // Parked and taken up again: the customer comes back with the sale.
    ASSERT_TRUE(m_till->park(u"back soon"_s));
    EXPECT_TRUE(m_till->customerId().isEmpty());
    const QVariantList parked = m_till->parkedSales();
    ASSERT_EQ(parked.size(), 1);
    ASSERT_TRUE(m_till->resumeParked(parked.first().toMap().value(u"id"_s).toLongLong()));
    EXPECT_EQ(m_till->customerId(), m_demo.customers[1].id);

    ASSERT_TRUE(m_till->payCash(u"100"_s)) << qPrintable(m_till->notice());
    EXPECT_TRUE(m_till->customerId().isEmpty()) << "the next sale starts without a customer";
    const QJsonObject sale = lastPayload(u"sale.completed"_s);
    EXPECT_EQ(sale[u"customer"][u"id"].toString(), m_demo.customers[1].id);
    EXPECT_FALSE(QJsonDocument(sale).toJson().contains(m_demo.customers[1].name.toUtf8()))
        << "the journal names the customer by id only";

    // Taken off again before paying: the sale is no one's.
    ASSERT_TRUE(m_till->scan(u"SKU0000001"_s));
    ASSERT_TRUE(m_till->attachCustomer(anna.id));
    m_till->detachCustomer();
    ASSERT_TRUE(m_till->payCash(u"100"_s));
    EXPECT_FALSE(lastPayload(u"sale.completed"_s).contains(u"customer"_s));
}

TEST_F(CustomerControllerTest, TheProfileIsLiveWhenTheHubAnswersAndAsOfWhenNot)
{
    const Customer &anna = m_demo.customers[0];
    m_customers->search(u"anna mü"_s);
    ASSERT_FALSE(m_customers->matches().isEmpty());
    EXPECT_EQ(m_customers->matches().first().toMap().value(u"name"_s).toString(), anna.name);

    // Offline: what the till last knew, and since when.
    m_customers->setFetch([](const QString &) { return std::optional<QByteArray>(); });
    ASSERT_TRUE(m_customers->open(anna.id));
    QVariantMap p = m_customers->profile();
    EXPECT_FALSE(p.value(u"live"_s).toBool());
    EXPECT_TRUE(p.value(u"asOf"_s).toString().startsWith(u"As of "_s)) << qPrintable(p.value(u"asOf"_s).toString());
    EXPECT_EQ(p.value(u"orders"_s).toList().size(), anna.recent.size());
    EXPECT_EQ(p.value(u"cards"_s).toString(), CustomerInput::maskedCard(anna.cards.first()));

    // Online: the hub's whole history and its points.
    QJsonObject live = QJsonDocument::fromJson(anna.toRow()).object();
    live[u"points"_s] = 4321;
    QJsonArray orders;
    for (int i = 0; i < 12; ++i)
        orders.append(
            QJsonObject { { u"order"_s, u"WEB-%1"_s.arg(i) }, { u"channel"_s, u"web"_s }, { u"store"_s, u""_s },
                { u"at_ms"_s, kNow - i }, { u"total_minor"_s, 1999 }, { u"currency"_s, u"EUR"_s }, { u"items"_s, 1 } });
    live[u"orders"_s] = orders;
    m_customers->setFetch(
        [&](const QString &) { return std::optional<QByteArray>(QJsonDocument(live).toJson(QJsonDocument::Compact)); });
    ASSERT_TRUE(m_customers->open(anna.id));
    p = m_customers->profile();
    EXPECT_TRUE(p.value(u"live"_s).toBool());
    EXPECT_EQ(p.value(u"points"_s).toString(), u"4321"_s) << "as the locale writes numbers (C: no grouping)";
    EXPECT_EQ(p.value(u"orders"_s).toList().size(), 12);
    EXPECT_EQ(p.value(u"orders"_s).toList().first().toMap().value(u"channelName"_s).toString(), u"Web shop"_s);
    EXPECT_EQ(p.value(u"orders"_s).toList().first().toMap().value(u"total"_s).toString(), u"EUR 19.99"_s);

    // A broken answer is treated as no answer.
    m_customers->setFetch([](const QString &) { return std::optional<QByteArray>("<html>proxy error</html>"); });
    ASSERT_TRUE(m_customers->open(anna.id));
    EXPECT_FALSE(m_customers->profile().value(u"live"_s).toBool());
    EXPECT_FALSE(m_customers->open(u"3f1d3c3e-7d4c-4c63-9c1a-0d1f6f1d2a99"_s));
    EXPECT_FALSE(m_customers->error().isEmpty());
}

TEST_F(CustomerControllerTest, MadeAndChangedAtTheTill)
{
    EXPECT_TRUE(m_customers->save(
        {}, u"Kai Lehmann"_s, u"kai@example.org"_s, u"0151 99887766"_s, u"LC 7777 0001, LC77770002"_s, true, false))
        << qPrintable(m_customers->error());
    const QVariantMap p = m_customers->profile();
    EXPECT_EQ(p.value(u"phone"_s).toString(), u"+4915199887766"_s);
    EXPECT_EQ(p.value(u"cardNumbers"_s).toString(), u"LC77770001, LC77770002"_s);
    EXPECT_TRUE(p.value(u"local"_s).toBool());
    EXPECT_TRUE(p.value(u"consentText"_s).toString().contains(u"Email: yes"_s));

    EXPECT_FALSE(m_customers->save({}, u"Kai L"_s, u"KAI@example.org"_s, {}, {}, false, false));
    EXPECT_TRUE(m_customers->error().contains(u"Kai Lehmann"_s)) << "the address is the existing customer's";
    EXPECT_FALSE(m_customers->save({}, u"X"_s, u"x@"_s, {}, {}, false, false));
    EXPECT_FALSE(m_customers->save({}, u"X"_s, {}, u"12"_s, {}, false, false));
    EXPECT_FALSE(m_customers->save({}, u"X"_s, {}, {}, {}, true, false)) << "email consent needs an address";

    ASSERT_TRUE(
        m_customers->save(p.value(u"id"_s).toString(), u"Kai Schröder"_s, u"kai@example.org"_s, {}, {}, false, false));
    EXPECT_EQ(m_customers->profile().value(u"name"_s).toString(), u"Kai Schröder"_s);
    m_session->lock();
    EXPECT_FALSE(m_customers->save({}, u"Nobody"_s, {}, {}, {}, false, false)) << "only someone signed in";
}

TEST_F(CustomerControllerTest, PointsPayAndTheSaleEarnsOnTheRest)
{
    {
        QSqlQuery q(db().connection());
        q.prepare(u"INSERT INTO stream_row (stream, key, body) VALUES ('config', ?, ?)"_s);
        q.addBindValue(LoyaltyRules::kConfigKey);
        q.addBindValue(
            QJsonDocument(QJsonObject { { u"value"_s, LoyaltyRules::demo() } }).toJson(QJsonDocument::Compact));
        ASSERT_TRUE(q.exec());
    }
    Loyalty loyalty(db(), fixedClock());
    m_till->setLoyalty(loyalty, [](const QString &) { return std::optional<QByteArray>(); }); // the hub is down
    const Customer &anna = m_demo.customers[20];
    ASSERT_EQ(anna.points, 780);
    ASSERT_TRUE(m_till->scan(u"SKU0000001"_s));
    ASSERT_TRUE(m_till->scan(u"SKU0000002"_s));
    EXPECT_FALSE(m_till->loyaltyActive()) << "no customer yet";
    EXPECT_FALSE(m_till->payPoints({}));
    ASSERT_TRUE(m_till->attachCustomer(anna.id));
    EXPECT_TRUE(m_till->loyaltyActive());
    EXPECT_FALSE(m_till->pointsToEarn().isEmpty());
    EXPECT_EQ(m_till->rewards().size(), 2);
    EXPECT_FALSE(m_till->payPoints(u"lots"_s));

    ASSERT_TRUE(m_till->payPoints({})) << "as many as she may redeem";
    const QJsonObject taken = lastPayload(u"payment.taken"_s);
    EXPECT_EQ(taken[u"kind"_s].toString(), u"points"_s);
    EXPECT_EQ(taken[u"points"_s].toInteger(), 780);
    EXPECT_TRUE(taken[u"offline"_s].toBool());
    EXPECT_EQ(taken[u"amount_minor"_s].toInteger(), 780);
    EXPECT_FALSE(m_till->redeemReward(u"coffee"_s)) << "no points left for a reward";
    ASSERT_TRUE(m_till->payCash(u"100"_s)) << qPrintable(m_till->notice());
    const QJsonObject sale = lastPayload(u"sale.completed"_s);
    EXPECT_EQ(sale[u"customer"_s][u"id"_s].toString(), anna.id);
    const qint64 earned = sale[u"customer"_s][u"points_earned"_s].toInteger(-1);
    EXPECT_GE(earned, 0);
    // Earned on what cash paid: the total less the 7.80 points paid, one point a euro, down.
    EXPECT_EQ(earned, (sale[u"total_minor"_s].toInteger() - 780) / 100);
    EXPECT_EQ(sale[u"payments"_s].toArray().first()[u"kind"_s].toString(), u"points"_s);
}
