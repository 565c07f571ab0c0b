// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's session without staff: a product scanned shows its price, a running promotion, the stock here and in
// the nearby stores with when it was counted, and a link for the phone; a loyalty card shows the first name, tier,
// points and reachable rewards and nothing else; products go into a basket; anything else gets a friendly message;
// a minute without a touch forgets everything.
#include "core/kiosk/kiosksession.h"
#include "core/kiosk/kiosksettings.h"

#include "core/catalog/catalog.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/handoff/cartcache.h"
#include "core/handoff/handoff.h"
#include "core/loyalty/loyalty.h"
#include "support/testhelper.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace omnitill;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class KioskSessionTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(200);
        m_demo = DemoCustomers::make(30, kNow);
        for (const Customer &c : m_demo.customers)
            ASSERT_TRUE(CustomerStore::applyRow(db(), c.id, c.toRow()).ok());
        ASSERT_TRUE(writeMeta(db().connection(), u"store_code"_s, u"S001"_s).ok());
        row(u"config"_s, LoyaltyRules::kConfigKey,
            QJsonDocument(QJsonObject { { u"value"_s, LoyaltyRules::demo() } }).toJson(QJsonDocument::Compact));
        row(u"stock"_s, u"SKU0000001|S001"_s,
            R"({"sku": "SKU0000001", "store": "S001", "on_hand_milli": 7000, "as_of_ms": )"
                + QByteArray::number(kNow - 3'600'000) + "}");
        row(u"stock"_s, u"SKU0000001|S002"_s, R"({"sku": "SKU0000001", "store": "S002", "on_hand_milli": 0})");
        row(u"stock"_s, u"SKU0000001|S003"_s, R"({"sku": "SKU0000001", "store": "S003", "on_hand_milli": 2000})");
        m_catalog = std::make_unique<Catalog>(db());
        m_customers = std::make_unique<CustomerStore>(db(), [this] { return m_now; });
        m_loyalty = std::make_unique<Loyalty>(db(), [this] { return m_now; });
        m_cache = std::make_unique<CartCache>(db());
        m_kiosk = std::make_unique<KioskSession>(
            *m_catalog, *m_customers, m_loyalty.get(), *m_cache, [this] { return m_now; },
            KioskSession::Config { eur(), 60'000, { u"S002"_s, u"S003"_s, u"S009"_s }, {}, {}, {} }, QLocale::c());
    }
    void row(const QString &stream, const QString &key, const QByteArray &body)
    {
        QSqlQuery q(db().connection());
        q.prepare(u"INSERT INTO stream_row (stream, key, body) VALUES (?, ?, ?)"_s);
        q.addBindValue(stream);
        q.addBindValue(key);
        q.addBindValue(body);
        ASSERT_TRUE(q.exec());
    }
    QString barcodeOf(const QString &sku)
    {
        QSqlQuery q(db().connection());
        q.prepare(u"SELECT b.code FROM barcode b JOIN variant v ON v.id = b.variant_id WHERE v.sku = ? "
                  "AND length(b.code) = 13 LIMIT 1"_s);
        q.addBindValue(sku);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    qint64 m_now = kNow;
    DemoCustomers m_demo;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<Loyalty> m_loyalty;
    std::unique_ptr<CartCache> m_cache;
    std::unique_ptr<KioskSession> m_kiosk;
};

TEST_F(KioskSessionTest, AProductShowsItsPriceStockAndALinkForThePhone)
{
    EXPECT_EQ(m_kiosk->screen(), u"attract"_s);
    const QString barcode = barcodeOf(u"SKU0000001"_s);
    ASSERT_FALSE(barcode.isEmpty());
    ASSERT_TRUE(m_kiosk->scan(barcode)) << qPrintable(m_kiosk->message());
    EXPECT_EQ(m_kiosk->screen(), u"product"_s);
    const QVariantMap p = m_kiosk->product();
    const CatalogItem item = *m_catalog->lookupSku(u"SKU0000001", eur(), kNow);
    EXPECT_EQ(p.value(u"name"_s).toString(), item.name);
    EXPECT_EQ(p.value(u"price"_s).toString(), Money(item.price.minor(), eur()).toDisplayString());
    EXPECT_EQ(p.value(u"stockHere"_s).toString(), u"7 in stock"_s);
    const QVariantList nearby = p.value(u"stockNearby"_s).toList();
    ASSERT_EQ(nearby.size(), 2) << "S009 has said nothing";
    EXPECT_EQ(nearby[0].toMap().value(u"stock"_s).toString(), u"Out of stock"_s);
    EXPECT_EQ(nearby[1].toMap().value(u"store"_s).toString(), u"S003"_s);
    EXPECT_TRUE(p.value(u"asOf"_s).toString().startsWith(u"as of "_s));
    EXPECT_EQ(p.value(u"phoneUrl"_s).toString(), u"https://id.gs1.org/01/0"_s + barcode);
}

TEST_F(KioskSessionTest, APromotionShowsTheRegularPriceAndItsEnd)
{
    QSqlQuery q(db().connection());
    ASSERT_TRUE(
        q.exec(u"SELECT v.sku FROM price p JOIN variant v ON v.id = p.variant_id WHERE p.currency = 'EUR' "
               "AND p.valid_to_ms IS NOT NULL AND p.valid_from_ms <= %1 AND p.valid_to_ms > %1 LIMIT 1"_s.arg(kNow)));
    if (!q.next())
        GTEST_SKIP() << "the demo catalog has no promotion running now";
    const QString sku = q.value(0).toString();
    ASSERT_TRUE(m_kiosk->scan(sku)) << qPrintable(m_kiosk->message());
    const QVariantMap p = m_kiosk->product();
    EXPECT_FALSE(p.value(u"regularPrice"_s).toString().isEmpty()) << qPrintable(sku);
    EXPECT_NE(p.value(u"regularPrice"_s), p.value(u"price"_s));
    EXPECT_FALSE(p.value(u"promotionUntil"_s).toString().isEmpty());
    EXPECT_TRUE(m_kiosk->scan(u"SKU0000002"_s));
    EXPECT_FALSE(m_kiosk->product().contains(u"regularPrice"_s));
}

TEST_F(KioskSessionTest, ALoyaltyCardShowsTheFirstNameAndPointsOnly)
{
    const Customer &anna = m_demo.customers[20];
    ASSERT_FALSE(anna.cards.isEmpty());
    ASSERT_TRUE(m_kiosk->scan(u"LOYALTY:"_s + anna.cards.first())) << qPrintable(m_kiosk->message());
    EXPECT_EQ(m_kiosk->screen(), u"member"_s);
    const QVariantMap m = m_kiosk->member();
    EXPECT_EQ(m.value(u"firstName"_s).toString(), anna.name.section(u' ', 0, 0));
    EXPECT_EQ(m.value(u"points"_s).toString(), QLocale::c().toString(anna.points));
    const QVariantList offers = m.value(u"offers"_s).toList();
    for (const QVariant &o : offers)
        EXPECT_LE(QLocale::c().toLongLong(o.toMap().value(u"points"_s).toString()), anna.points);
    EXPECT_FALSE(offers.isEmpty()) << "a coffee for 300 points is within reach";
    // Nothing else of the customer is on the screen.
    const QString shown = QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(m)).toJson());
    EXPECT_FALSE(shown.contains(anna.name)) << "never the full name";
    EXPECT_FALSE(!anna.email.isEmpty() && shown.contains(anna.email));
    EXPECT_FALSE(!anna.phone.isEmpty() && shown.contains(anna.phone));
    m_now += 61'000;
    m_kiosk->checkIdle();
    EXPECT_EQ(m_kiosk->screen(), u"attract"_s);
    EXPECT_TRUE(m_kiosk->member().isEmpty()) << "forgotten when the customer walks away";
}

TEST_F(KioskSessionTest, ABasketIsKeptWhileTheCustomerIsThereAndForgottenAfter)
{
    ASSERT_TRUE(m_kiosk->scan(u"SKU0000001"_s));
    ASSERT_TRUE(m_kiosk->addToBasket());
    ASSERT_TRUE(m_kiosk->scan(u"SKU0000002"_s));
    ASSERT_TRUE(m_kiosk->addToBasket());
    ASSERT_TRUE(m_kiosk->scan(u"SKU0000001"_s));
    ASSERT_TRUE(m_kiosk->addToBasket());
    EXPECT_EQ(m_kiosk->screen(), u"basket"_s);
    ASSERT_EQ(m_kiosk->basket().size(), 2);
    EXPECT_EQ(m_kiosk->basket()[0].toMap().value(u"quantity"_s).toString(), u"2"_s);
    const qint64 a = m_catalog->lookupSku(u"SKU0000001", eur(), kNow)->price.minor();
    const qint64 b = m_catalog->lookupSku(u"SKU0000002", eur(), kNow)->price.minor();
    EXPECT_EQ(m_kiosk->basketTotal(), Money(2 * a + b, eur()).toDisplayString());
    m_kiosk->removeFromBasket(1);
    m_kiosk->removeFromBasket(7); // nothing there: nothing happens
    EXPECT_EQ(m_kiosk->lines().size(), 1);
    m_now += 59'000;
    m_kiosk->checkIdle();
    EXPECT_EQ(m_kiosk->lines().size(), 1) << "still there";
    m_kiosk->noteActivity(); // a touch
    m_now += 59'000;
    m_kiosk->checkIdle();
    EXPECT_EQ(m_kiosk->lines().size(), 1);
    m_now += 2'000;
    m_kiosk->checkIdle();
    EXPECT_TRUE(m_kiosk->lines().isEmpty());
    EXPECT_EQ(m_kiosk->screen(), u"attract"_s);
}

TEST_F(KioskSessionTest, AnythingElseGetsAFriendlyMessageAndTheKioskGoesOn)
{
    ASSERT_TRUE(m_kiosk->scan(u"SKU0000001"_s));
    struct Case
    {
        QString code, says;
    };
    const QList<Case> cases = {
        { u"4006381333932"_s, u"not a product of this store"_s }, // a check digit wrong
        { u"9999999999994"_s, u"not a product of this store"_s },
        { u"https://other-shop.example/p/123"_s, u"not a product of this store"_s },
        { u"https://hub.example/h/"_s + Handoff::newToken(), u"show it to the cashier"_s },
        { u"https://hub.example/r/"_s + Handoff::newToken(), u"receipt"_s },
        { QString(5000, u'A'), u"too long"_s },
        { u"\x01\x02binary\x7f"_s, u"cannot be read"_s },
        { QString(), u"cannot be read"_s },
        { u"LOYALTY:9999999999999"_s, u"card is not known"_s },
    };
    for (const Case &c : cases) {
        EXPECT_FALSE(m_kiosk->scan(c.code)) << qPrintable(c.code.left(60));
        EXPECT_TRUE(m_kiosk->message().contains(c.says))
            << qPrintable(c.code.left(60)) << " → " << qPrintable(m_kiosk->message());
        EXPECT_FALSE(m_kiosk->message().contains(u"SQL"_s));
    }
    // The card of an erased customer is no card any more.
    const Customer &gone = m_demo.customers[5];
    ASSERT_TRUE(CustomerStore::erase(db(), gone.id).ok());
    EXPECT_FALSE(m_kiosk->scan(u"LOYALTY:"_s + gone.cards.first()));
    EXPECT_TRUE(m_kiosk->message().contains(u"card is not known"_s)) << qPrintable(m_kiosk->message());
    // And the next good scan clears the message.
    ASSERT_TRUE(m_kiosk->scan(u"SKU0000002"_s));
    EXPECT_TRUE(m_kiosk->message().isEmpty());
}

TEST_F(KioskSessionTest, TheAttractScreenShowsTheRunningPromotionsOrTheStoresChoice)
{
    m_kiosk->refreshPromotions();
    const QVariantList running = m_kiosk->promotions();
    ASSERT_FALSE(running.isEmpty()) << "the demo catalog has promotions running now";
    for (const QVariant &v : running) {
        const QVariantMap p = v.toMap();
        EXPECT_FALSE(p.value(u"regularPrice"_s).toString().isEmpty()) << qPrintable(p.value(u"sku"_s).toString());
        EXPECT_FALSE(p.value(u"until"_s).toString().isEmpty());
    }
    // Once they end, they are gone from the screen.
    auto ended = m_catalog->promotions(eur(), kNow + 400LL * 24 * 3'600'000, 8);
    ASSERT_TRUE(ended.ok());
    EXPECT_TRUE(ended->isEmpty());

    // The store's own choice (kiosk.promotions) wins, in its order; SKUs no longer sold are left out.
    row(u"config"_s, u"kiosk.promotions"_s, R"({"value": ["SKU0000003", "NO-SUCH", "SKU0000001"]})");
    auto settings = loadKioskSettings(db());
    ASSERT_TRUE(settings.ok()) << qPrintable(settings.error().message);
    KioskSession chosen(
        *m_catalog, *m_customers, m_loyalty.get(), *m_cache, [this] { return m_now; },
        KioskSession::Config { eur(), 60'000, {}, {}, {}, settings->promotions }, QLocale::c());
    chosen.refreshPromotions();
    ASSERT_EQ(chosen.promotions().size(), 2);
    EXPECT_EQ(chosen.promotions()[0].toMap().value(u"sku"_s), u"SKU0000003"_s);
    EXPECT_EQ(chosen.promotions()[1].toMap().value(u"sku"_s), u"SKU0000001"_s);
}

TEST_F(KioskSessionTest, TheChainsKioskSettingsAreCheckedBeforeTheKioskStarts)
{
    auto none = loadKioskSettings(db());
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->idleSeconds, 60);
    EXPECT_TRUE(none->productUrl.isEmpty());

    row(u"config"_s, u"kiosk.nearby_stores"_s, R"({"value": ["S002", "S003", "S002"]})");
    row(u"config"_s, u"kiosk.product_url"_s, R"({"value": "https://shop.example/p/{sku}"})");
    row(u"config"_s, u"kiosk.idle_seconds"_s, R"({"value": 90})");
    auto set = loadKioskSettings(db());
    ASSERT_TRUE(set.ok()) << qPrintable(set.error().message);
    EXPECT_EQ(set->nearbyStores, (QStringList { u"S002"_s, u"S003"_s }));
    EXPECT_EQ(set->productUrl, u"https://shop.example/p/{sku}"_s);
    EXPECT_EQ(set->idleSeconds, 90);

    struct Bad
    {
        QString key;
        QByteArray body;
        QString names;
    };
    const QList<Bad> bad {
        { u"kiosk.product_url"_s, R"({"value": "javascript:alert(1)//{sku}"})", u"kiosk.product_url"_s },
        { u"kiosk.product_url"_s, R"({"value": "https://shop.example/p/"})", u"{sku}"_s },
        { u"kiosk.idle_seconds"_s, R"({"value": 5})", u"kiosk.idle_seconds"_s },
        { u"kiosk.nearby_stores"_s, R"({"value": "S002"})", u"kiosk.nearby_stores"_s },
        { u"kiosk.promotions"_s, R"({"value": [42]})", u"kiosk.promotions"_s },
    };
    for (const Bad &b : bad) {
        QSqlQuery q(db().connection());
        ASSERT_TRUE(q.exec(u"DELETE FROM stream_row WHERE stream = 'config' AND key LIKE 'kiosk.%'"_s));
        row(u"config"_s, b.key, b.body);
        auto refused = loadKioskSettings(db());
        ASSERT_FALSE(refused.ok()) << b.body.constData();
        EXPECT_TRUE(refused.error().message.contains(b.names)) << qPrintable(refused.error().message);
    }
}
