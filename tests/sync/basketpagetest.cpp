// SPDX-License-Identifier: GPL-3.0-or-later
// The store's basket onto the customer's phone: the till hands its lines to the hub, which makes them a cart and
// serves its page at the link in the till's QR code. Headless Chromium opens it at phone size: the lines with prices
// and stock, the total, and a code that brings the basket back to any till (a new one with every visit). The page
// says when the basket is paid; unknown links say so plainly; nothing the store typed runs as script.
#include "support/chromium.h"
#include "support/httpclient.h"
#include "support/synchelper.h"
#include "sync/terminal/handoffclient.h"

#include "core/handoff/handoff.h"

#include <QBuffer>
#include <QImage>
#include <QRegularExpression>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;
using namespace Qt::StringLiterals;

class BasketPageTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        m_till = makeTerminal(u"till"_s);
        m_other = makeTerminal(u"other"_s);
        QByteArray rows
            = R"({"key": "SKU0000001|S001", "row": {"sku": "SKU0000001", "store": "S001", "on_hand_milli": 12000}}
{"key": "SKU0000020|S001", "row": {"sku": "SKU0000020", "store": "S001", "on_hand_milli": 2000}}
)";
        QBuffer b(&rows);
        b.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->publishLines(kStockStream, b).ok());
        QByteArray header
            = R"({"key": "receipt.header", "row": {"value": {"store_name": "Feinkost <b>Müller</b> & Co"}}})"
              "\n";
        QBuffer h(&header);
        h.open(QIODevice::ReadOnly);
        ASSERT_TRUE(m_hub->publishLines(kConfigStream, h).ok());
    }
    BasketLink handOver()
    {
        OnlineCart basket;
        basket.cartId = u"B-new"_s;
        basket.currency = u"EUR"_s;
        basket.lines = { { u"SKU0000001"_s, u"Café crème 1 kg"_s, 2000, 1499 },
            { u"SKU0000020"_s, u"Oat drink <script>alert(1)</script>"_s, 1000, 199 },
            { u"SKU0000033"_s, u"Cotton shirt M"_s, 1000, 1999 } };
        return handBasket(config(m_till, m_hubPort), m_till.terminalId, basket);
    }
    // The code the page shows, as the cashier would type it.
    static QString codeOn(const QString &dom)
    {
        const auto m = QRegularExpression(u"id=\"code\">([0-9A-Z ]+)<"_s).match(dom);
        return m.hasMatch() ? m.captured(1).remove(u' ') : QString();
    }

    Terminal m_till, m_other;
};

TEST_F(BasketPageTest, ThePhoneShowsTheBasketWithStockAndACodeForAnyTill)
{
    const BasketLink link = handOver();
    ASSERT_FALSE(link.url.isEmpty()) << qPrintable(link.error);
    EXPECT_TRUE(link.url.startsWith(u"http://127.0.0.1:%1/m/"_s.arg(m_hubPort))) << qPrintable(link.url);
    EXPECT_FALSE(link.url.contains(link.cartId)) << "the link names no cart";
    auto cart = m_hub->onlineCart(link.cartId);
    ASSERT_TRUE(cart.ok() && *cart);
    EXPECT_EQ((*cart)->channel, u"store"_s);
    EXPECT_EQ((*cart)->store, u"S001"_s);
    EXPECT_EQ((*cart)->totalMinor, 2 * 1499 + 199 + 1999);

    const QString dom = chromiumDom(link.url);
    ASSERT_TRUE(dom.contains(u"Your basket"_s)) << qPrintable(dom.left(2000));
    EXPECT_TRUE(dom.contains(u"Café crème 1 kg"_s));
    EXPECT_TRUE(dom.contains(u"2 × EUR 14.99"_s));
    EXPECT_TRUE(dom.contains(u"id=\"total\">EUR 51.96<"_s));
    EXPECT_TRUE(dom.contains(u"In stock in the store"_s));
    EXPECT_TRUE(dom.contains(u"Only 2 left in the store"_s));
    EXPECT_TRUE(dom.contains(u"Oat drink &lt;script&gt;"_s)) << "text, never script";
    EXPECT_TRUE(dom.contains(u"Feinkost &lt;b&gt;Müller&lt;/b&gt; &amp; Co"_s));
    EXPECT_FALSE(dom.contains(u"<script>"_s));
    EXPECT_TRUE(dom.contains(u"<svg"_s)) << "the QR code, drawn by the hub";

    // The code on the page brings the basket to another till, once.
    const QString code = codeOn(dom);
    ASSERT_TRUE(Handoff::isToken(code)) << qPrintable(code);
    const HandoffAnswer at = resolveHandoff(config(m_other, m_hubPort), m_other.terminalId, Handoff::tokenHash(code));
    ASSERT_EQ(at.outcome, HandoffAnswer::Outcome::Found);
    EXPECT_EQ(at.cart->cartId, link.cartId);
    EXPECT_EQ(at.cart->lines.size(), 3);
    EXPECT_NE(codeOn(chromiumDom(link.url)), code) << "a new code with every visit";

    // As a phone shows it.
    const QString shot = m_dir.filePath(u"basket.png"_s);
    chromiumDom(link.url, shot);
    const QImage image(shot);
    ASSERT_FALSE(image.isNull()) << "Chromium took no screenshot";
    EXPECT_EQ(image.width(), 390);
    if (const QByteArray keep = qgetenv("OMNITILL_SCREENSHOT_DIR"); !keep.isEmpty())
        image.save(QString::fromLocal8Bit(keep) + u"/phone-basket-390x844.png"_s);

    // Paid online: the page says so and shows no code.
    ASSERT_TRUE(m_hub->checkoutOnline(link.cartId).ok());
    const QString paid = chromiumDom(link.url);
    EXPECT_TRUE(paid.contains(u"Paid, thank you (online)"_s)) << qPrintable(paid.left(2000));
    EXPECT_TRUE(codeOn(paid).isEmpty());
}

TEST_F(BasketPageTest, UnknownLinksAndHurriedVisitorsGetPlainAnswers)
{
    const BasketLink link = handOver();
    ASSERT_FALSE(link.url.isEmpty());
    const QByteArray path = QUrl(link.url).path().toLatin1();
    auto get = [this](const QByteArray &p) {
        return httpExchange(m_hubPort, "GET " + p + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
    };
    const HttpAnswer good = get(path);
    EXPECT_EQ(good.status, 200);
    EXPECT_TRUE(good.header("Content-Security-Policy").contains("default-src 'none'"));
    EXPECT_EQ(good.header("Cache-Control"), "no-store");
    const QList<QByteArray> unknown = { QByteArray("/m/"), QByteArray("/m/" + Handoff::newToken().toLatin1()),
        path.toLower(), QByteArray(path + "/.."), QByteArray("/m/%3Cscript%3E") };
    for (const QByteArray &bad : unknown) {
        const HttpAnswer a = get(bad);
        EXPECT_EQ(a.status, 404) << bad.constData();
        EXPECT_TRUE(a.body.contains("not known")) << bad.constData();
    }
    // A till's code opened on a phone tells nothing about the cart.
    const HttpAnswer code = get("/h/" + Handoff::newToken().toLatin1());
    EXPECT_EQ(code.status, 200);
    EXPECT_TRUE(code.body.contains("Show this code at the till"));
    EXPECT_EQ(httpExchange(m_hubPort,
                  "POST " + path + " HTTP/1.1\r\nHost: hub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .status,
        405);
    // Links tried by the thousand from one address: slowed down after 60 in 10 seconds.
    int limited = 0;
    for (int i = 0; i < 70; ++i)
        limited += get("/m/" + Handoff::newToken().toLatin1()).status == 429;
    EXPECT_GE(limited, 10);
    // A basket with nothing in it, or in a made-up form, is refused at the till's request.
    OnlineCart empty;
    empty.cartId = u"B-new"_s;
    empty.currency = u"EUR"_s;
    const BasketLink none = handBasket(config(m_till, m_hubPort), m_till.terminalId, empty);
    EXPECT_TRUE(none.url.isEmpty());
    EXPECT_TRUE(none.error.contains(u"needs lines"_s)) << qPrintable(none.error);
}
