// SPDX-License-Identifier: GPL-3.0-or-later
// The e-receipt a customer opens from the QR code on the paper receipt: the hub serves the sale's receipt at
// /r/TOKEN, read here by headless Chromium as a phone would. The token is random, only its SHA-256 reaches the hub,
// the link lasts 30 days, and the store's texts are escaped.
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/chromium.h"
#include "support/httpclient.h"
#include "support/testhelper.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QImage>
#include <QProcess>
#include <QRegularExpression>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class EReceiptTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
        auto hub = HubStore::openSqlite(file(QStringLiteral("hub.db")), [this] { return m_now; });
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        m_hub = std::move(hub).value();
        m_id = *Journal::identity(db().connection());
        ASSERT_TRUE(m_hub->registerTerminal(m_id.terminalId, QStringLiteral("S001")).ok());
        // The store's header, with text a hostile back office might type.
        ASSERT_TRUE(m_hub
                        ->publish(QStringLiteral("config"), QStringLiteral("receipt.header"),
                            QByteArray(R"({"value": {"store_name": "Feinkost <script>alert(1)</script> & Co", )"
                                       R"("address": ["Königstraße 12", "70173 Stuttgart"], "footer": "Danke!"}})"))
                        .ok());
        m_server = std::make_unique<HubServer>(*m_hub);
        m_port = m_server->listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(m_port, 0);
    }
    SaleReceipt sellAndSync()
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (const char16_t *sku : { u"SKU0000001", u"SKU0000002" })
            EXPECT_TRUE(cart.add(*catalog.lookupSku(sku, eur(), kNow), kQuantityScale).ok());
        SaleStore store(db(), fixedClock());
        auto sale = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("A1B2C3") });
        EXPECT_TRUE(sale.ok());
        auto pending = Journal::pending(db().connection(), 100);
        EXPECT_TRUE(pending.ok());
        const auto outcome = m_hub->applyPush(PushRequest { m_id.terminalId, m_id.epoch, *pending, 1 });
        EXPECT_TRUE(std::holds_alternative<PushAccepted>(outcome));
        return *sale;
    }
    QString url(const QString &token) const
    {
        return QStringLiteral("http://127.0.0.1:%1/r/%2").arg(m_port).arg(token);
    }

    qint64 m_now = kNow;
    std::unique_ptr<HubStore> m_hub;
    std::unique_ptr<HubServer> m_server;
    quint16 m_port = 0;
    TerminalIdentity m_id;
};

TEST_F(EReceiptTest, APhoneOpensTheReceiptFromItsLink)
{
    const SaleReceipt sale = sellAndSync();
    ASSERT_EQ(sale.receiptToken.size(), 26);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{26}$")).match(sale.receiptToken).hasMatch());
    EXPECT_NE(SaleStore::newReceiptToken(), sale.receiptToken) << "random, one per sale";

    const QString dom = chromiumDom(url(sale.receiptToken));
    ASSERT_TRUE(dom.contains(QStringLiteral("id=\"receipt-no\">%1<").arg(sale.receiptNo)))
        << qPrintable(dom.left(2000));
    for (const CartLine &l : sale.lines)
        EXPECT_TRUE(dom.contains(l.item.name.toHtmlEscaped())) << qPrintable(l.item.name);
    EXPECT_TRUE(dom.contains(Money(sale.totals.totalMinor, eur()).toString()));
    EXPECT_TRUE(dom.contains(QStringLiteral("Approval A1B2C3")));
    EXPECT_TRUE(dom.contains(QStringLiteral("Königstraße 12")));
    EXPECT_TRUE(dom.contains(QStringLiteral("Feinkost &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")))
        << "the store's texts are shown as text";
    EXPECT_FALSE(dom.contains(QStringLiteral("<script>")));

    // As a phone shows it.
    const QString shot = file(QStringLiteral("ereceipt.png"));
    chromiumDom(url(sale.receiptToken), shot);
    const QImage image(shot);
    ASSERT_FALSE(image.isNull()) << "Chromium took no screenshot";
    EXPECT_EQ(image.width(), 390);
    if (const QByteArray keep = qgetenv("OMNITILL_SCREENSHOT_DIR"); !keep.isEmpty())
        image.save(QString::fromLocal8Bit(keep) + QStringLiteral("/ereceipt-390x844.png"));

    // The hub holds only the token's SHA-256.
    QSqlQuery q(m_hub->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT payload, receipt_token FROM event WHERE type = 'sale.completed'")));
    ASSERT_TRUE(q.next());
    EXPECT_FALSE(q.value(0).toByteArray().contains(sale.receiptToken.toLatin1()));
    EXPECT_EQ(q.value(1).toString(), SaleStore::receiptTokenHash(sale.receiptToken));
}

TEST_F(EReceiptTest, UnknownMalformedAndExpiredLinksSaySoPlainly)
{
    const SaleReceipt sale = sellAndSync();
    const auto get = [this](const QByteArray &path) {
        return httpExchange(m_port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
    };
    const HttpAnswer good = get("/r/" + sale.receiptToken.toLatin1());
    EXPECT_EQ(good.status, 200);
    EXPECT_TRUE(good.header("Content-Type").startsWith("text/html"));
    EXPECT_TRUE(good.header("Content-Security-Policy").contains("default-src 'none'"));
    EXPECT_EQ(good.header("Cache-Control"), "no-store");
    QString other = sale.receiptToken;
    other[0] = other[0] == u'0' ? u'1' : u'0';
    EXPECT_EQ(get("/r/" + other.toLatin1()).status, 404) << "a guessed token finds nothing";
    const QByteArray token = sale.receiptToken.toLatin1();
    const QList<QByteArray> malformed = { "/r/", "/r/short", "/r/" + token.toLower(), "/r/%3Cscript%3E",
        "/r/" + QByteArray(4000, 'A'), "/r/" + token + "/.." };
    for (const QByteArray &bad : malformed) {
        const HttpAnswer a = get(bad);
        EXPECT_EQ(a.status, 404) << bad.left(60).constData();
        EXPECT_TRUE(a.body.contains("not known")) << bad.left(60).constData();
    }
    EXPECT_EQ(httpExchange(m_port,
                  "POST /r/" + sale.receiptToken.toLatin1()
                      + " HTTP/1.1\r\nHost: hub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .status,
        405);
    m_now = kNow + 31LL * 24 * 3600 * 1000;
    const HttpAnswer expired = get("/r/" + sale.receiptToken.toLatin1());
    EXPECT_EQ(expired.status, 410);
    EXPECT_TRUE(expired.body.contains("expired"));
}
