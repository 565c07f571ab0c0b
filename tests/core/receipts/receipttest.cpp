// SPDX-License-Identifier: GPL-3.0-or-later
// One receipt model, laid out once: the till's preview and the printer's ESC/POS job carry the same lines, for 58 and
// 80 mm paper; the QR code comes out of the printer (native or as a raster image read back with ZXing); text goes
// out in code page 858.
#include "core/receipts/receipt.h"
#include "core/receipts/escpos.h"
#include "core/sale/salestore.h"
#include "support/escposprinter.h"
#include "support/testhelper.h"

#include <ZXing/ReadBarcode.h>

using namespace omnitill;
using namespace omnitill::test;

namespace {
const QByteArray kQr = "https://hub.example/r/7QK2-000042?t=Zx81_kA2";

QString readQr(const PrintedImage &image)
{
    QByteArray grey(qsizetype(image.width) * image.height, char(255));
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (image.black(x, y))
                grey[qsizetype(y) * image.width + x] = 0;
        }
    }
    const ZXing::ImageView view(
        reinterpret_cast<const uint8_t *>(grey.constData()), image.width, image.height, ZXing::ImageFormat::Lum);
    const auto result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    return result.isValid() ? QString::fromStdWString(result.text()) : QString();
}
} // namespace

class ReceiptTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(300);
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        // Pieces, two of one item, something weighed, a long name, a line discount and a cart discount.
        int weighed = 0;
        for (const char *sku : { "SKU0000001", "SKU0000002", "SKU0000002", "SKU0000003", "SKU0000007" }) {
            auto item = catalog.lookupSku(QString::fromLatin1(sku), eur(), kNow);
            ASSERT_TRUE(item.ok()) << sku;
            ASSERT_TRUE(cart.add(*item, item->unit == Unit::Each ? kQuantityScale : 1'250).ok());
        }
        for (int i = 8; i < 60 && !weighed; ++i) {
            auto item = catalog.lookupSku(QStringLiteral("SKU%1").arg(i, 7, 10, QLatin1Char('0')), eur(), kNow);
            if (item && item->unit == Unit::Kilogram) {
                ASSERT_TRUE(cart.add(*item, 1'250).ok());
                weighed = 1;
            }
        }
        ASSERT_EQ(weighed, 1) << "the demo catalog has weighed goods";
        ASSERT_TRUE(cart.setLineDiscount(0, Discount::percent(1000)).ok());
        ASSERT_TRUE(cart.setCartDiscount(Discount::amount(100)).ok());
        SaleStore store(db(), fixedClock());
        auto sale = store.record(cart, Payment { Payment::Method::Cash, 100'00, 1 });
        ASSERT_TRUE(sale.ok()) << qPrintable(sale.error().message);
        m_sale = *sale;
        m_receipt = Receipt::fromSale(m_sale,
            ReceiptHeader { QStringLiteral("Café Müller — Feinkost & Brot"),
                { QStringLiteral("Königstraße 12"), QStringLiteral("70173 Stuttgart") }, QStringLiteral("DE123456789"),
                { QStringLiteral("Umtausch innerhalb von 30 Tagen mit Bon") }, {} },
            QStringLiteral("Maria"), kQr);
    }
    SaleReceipt m_sale;
    Receipt m_receipt;
};

TEST_F(ReceiptTest, ThePreviewHasEverythingAndFitsThePaper)
{
    for (int columns : { 32, 48 }) {
        const QString text = previewText(m_receipt, columns);
        const QStringList lines = text.split(u'\n');
        for (const QString &line : lines) {
            if (!line.startsWith(QStringLiteral("[QR:"))) {
                EXPECT_LE(line.size(), columns) << qPrintable(line);
            }
        }
        EXPECT_TRUE(text.contains(m_sale.receiptNo)) << qPrintable(text);
        EXPECT_TRUE(text.contains(QStringLiteral("Maria")));
        EXPECT_TRUE(text.contains(QStringLiteral("DE123456789")));
        EXPECT_TRUE(text.contains(Money(m_sale.totals.totalMinor, eur()).toString()));
        EXPECT_TRUE(text.contains(QStringLiteral("1.250 kg x "))) << qPrintable(text);
        EXPECT_TRUE(text.contains(QStringLiteral("2 x "))) << "two of one item on one line";
        EXPECT_TRUE(text.contains(QStringLiteral("Change")));
        EXPECT_TRUE(text.contains(QStringLiteral("[QR: ") + QString::fromUtf8(kQr) + u']'));
        // The tax table adds up to the total.
        qint64 gross = 0;
        for (const Receipt::Tax &t : m_receipt.taxes) {
            gross += t.grossMinor;
            EXPECT_TRUE(text.contains(Money(t.taxMinor, eur()).toString()));
        }
        EXPECT_EQ(gross, m_sale.totals.totalMinor);
    }
    // Every line's mark names a rate of the tax table.
    for (const Receipt::Line &l : m_receipt.lines) {
        EXPECT_TRUE(std::any_of(m_receipt.taxes.cbegin(), m_receipt.taxes.cend(), [&](const Receipt::Tax &t) {
            return t.mark == l.taxMark;
        })) << qPrintable(l.name);
    }
    EXPECT_EQ(m_receipt.changeMinor, 100'00 - m_sale.settlement.dueMinor);
}

TEST_F(ReceiptTest, ThePrinterPrintsTheLinesThePreviewShows)
{
    for (EscPos::Paper paper : { EscPos::Paper::Mm58, EscPos::Paper::Mm80 }) {
        auto job = EscPos::render(m_receipt, EscPos::Options { paper, EscPos::QrMode::Native, true, true });
        ASSERT_TRUE(job.ok()) << qPrintable(job.error().message);
        const PrintedReceipt printed = printEscPos(*job);
        ASSERT_TRUE(printed.fault.isEmpty()) << qPrintable(printed.fault);
        EXPECT_EQ(printed.codePage, 19) << "code page 858";
        EXPECT_TRUE(printed.drawerOpened);
        EXPECT_TRUE(printed.cut);
        ASSERT_EQ(printed.qrCodes.size(), 1);
        EXPECT_EQ(printed.qrCodes.first(), kQr);

        // The preview's lines, centring aside, are the printed ones (the QR code is drawn, not a line).
        QList<QByteArray> expected;
        for (const QString &line : previewText(m_receipt, EscPos::columns(paper)).split(u'\n')) {
            if (line.startsWith(QStringLiteral("[QR:")))
                continue;
            expected.append(EscPos::toCodePage858(line.simplified()));
        }
        QList<QByteArray> got;
        for (const QByteArray &line : printed.lines)
            got.append(line.simplified()); // the total is laid out for double width on paper
        // Feeds are empty lines on both; the QR code's own line feed is one more on paper.
        got.removeAll(QByteArray());
        expected.removeAll(QByteArray());
        EXPECT_EQ(got, expected);
        for (const QByteArray &line : printed.lines)
            EXPECT_LE(line.size(), EscPos::columns(paper)) << line.constData();
    }
}

TEST_F(ReceiptTest, ARasterQrCodeIsReadBackFromThePaper)
{
    for (EscPos::Paper paper : { EscPos::Paper::Mm58, EscPos::Paper::Mm80 }) {
        auto job = EscPos::render(m_receipt, EscPos::Options { paper, EscPos::QrMode::Raster, false, true });
        ASSERT_TRUE(job.ok()) << qPrintable(job.error().message);
        const PrintedReceipt printed = printEscPos(*job);
        ASSERT_TRUE(printed.fault.isEmpty()) << qPrintable(printed.fault);
        EXPECT_FALSE(printed.drawerOpened) << "the drawer stays shut unless asked";
        ASSERT_EQ(printed.images.size(), 1);
        EXPECT_TRUE(printed.qrCodes.isEmpty());
        EXPECT_LE(printed.images.first().width, paper == EscPos::Paper::Mm58 ? 384 : 576) << "fits the paper";
        EXPECT_EQ(readQr(printed.images.first()), QString::fromUtf8(kQr));
    }
}

// A one-bit logo as a PBM: a frame around a 300 × 80 box with a diagonal, so its dots are recognisable on the paper.
namespace {
QByteArray logoPbm(int width, int height)
{
    const int bytesPerRow = (width + 7) / 8;
    QByteArray bits(bytesPerRow * height, '\0');
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || x == y * width / height)
                bits[y * bytesPerRow + x / 8] = char(uchar(bits[y * bytesPerRow + x / 8]) | (0x80 >> (x % 8)));
        }
    }
    return QStringLiteral("P4\n# the store's logo\n%1 %2\n").arg(width).arg(height).toLatin1() + bits;
}
} // namespace

TEST_F(ReceiptTest, TheLogoIsPrintedAsARasterImageAtTheTop)
{
    auto logo = MonoImage::fromPbm(logoPbm(300, 80));
    ASSERT_TRUE(logo.ok()) << qPrintable(logo.error().message);
    Receipt r = m_receipt;
    r.header.logo = *logo;
    for (EscPos::Paper paper : { EscPos::Paper::Mm58, EscPos::Paper::Mm80 }) {
        auto job = EscPos::render(r, EscPos::Options { paper, EscPos::QrMode::Raster, false, true });
        ASSERT_TRUE(job.ok());
        const PrintedReceipt printed = printEscPos(*job);
        ASSERT_TRUE(printed.fault.isEmpty()) << qPrintable(printed.fault);
        ASSERT_EQ(printed.images.size(), 2) << "the logo, then the QR code";
        const PrintedImage &first = printed.images.first();
        EXPECT_EQ(first.width, 304) << "whole bytes";
        EXPECT_EQ(first.height, 80);
        EXPECT_TRUE(first.black(0, 0) && first.black(299, 79) && first.black(150, 40));
        EXPECT_FALSE(first.black(10, 40));
        EXPECT_EQ(readQr(printed.images.last()), QString::fromUtf8(kQr)) << "the QR code still reads";
    }
    // Too wide for 58 mm paper: left out there, printed on 80 mm.
    r.header.logo = *MonoImage::fromPbm(logoPbm(500, 40));
    EXPECT_EQ(
        printEscPos(*EscPos::render(r, EscPos::Options { EscPos::Paper::Mm58, EscPos::QrMode::Native, false, true }))
            .images.size(),
        0);
    EXPECT_EQ(
        printEscPos(*EscPos::render(r, EscPos::Options { EscPos::Paper::Mm80, EscPos::QrMode::Native, false, true }))
            .images.size(),
        1);

    // The hub's config carries it in base64; a broken one is left out.
    const QJsonObject config { { QStringLiteral("store_name"), QStringLiteral("Feinkost") },
        { QStringLiteral("logo_pbm"), QString::fromLatin1(logoPbm(100, 20).toBase64()) } };
    EXPECT_EQ(ReceiptHeader::fromJson(config).logo.height, 20);
    for (const QByteArray &broken : { QByteArray("P1\n2 2\n0 1 1 0"), logoPbm(100, 20).left(40), logoPbm(600, 10),
             QByteArray("P4\n10"), QByteArray("P4 10 x\n"), QByteArray() }) {
        EXPECT_FALSE(MonoImage::fromPbm(broken).ok()) << broken.left(12).constData();
        QJsonObject c = config;
        c.insert(QStringLiteral("logo_pbm"), QString::fromLatin1(broken.toBase64()));
        EXPECT_TRUE(ReceiptHeader::fromJson(c).logo.isNull());
    }
}

TEST_F(ReceiptTest, TooMuchForAQrCodeIsAClearErrorAndPrintsNothing)
{
    // 2,000 bytes need a QR code of 157 modules: too many for 3 dots each on 58 mm paper, not on 80 mm.
    Receipt huge = m_receipt;
    huge.qrData = QByteArray(2000, 'x');
    auto raster = EscPos::render(huge, EscPos::Options { EscPos::Paper::Mm58, EscPos::QrMode::Raster, true, true });
    ASSERT_FALSE(raster.ok());
    EXPECT_EQ(raster.error().message, QStringLiteral("the receipt's QR code is too large for 58 mm paper"));
    EXPECT_TRUE(EscPos::render(huge, EscPos::Options { EscPos::Paper::Mm80, EscPos::QrMode::Raster, true, true }).ok());
    huge.qrData = QByteArray(3000, 'x');
    auto tooMuch = EscPos::render(huge, EscPos::Options { EscPos::Paper::Mm80, EscPos::QrMode::Raster, true, true });
    ASSERT_FALSE(tooMuch.ok());
    EXPECT_EQ(tooMuch.error().message,
        QStringLiteral("3000 bytes do not fit in a QR code at this error correction level (at most 2331)"));
    huge.qrData = QByteArray(8000, 'x');
    auto native = EscPos::render(huge, EscPos::Options {});
    ASSERT_FALSE(native.ok());
    EXPECT_EQ(
        native.error().message, QStringLiteral("the receipt's QR code holds 8000 bytes; a printer takes at most 7089"));
}

// A receipt printed again later comes from the sale's journal entry: the same receipt, line for line.
TEST_F(ReceiptTest, TheJournalsReceiptIsTheSalesReceipt)
{
    auto payload = SaleStore::journalPayload(db().connection(), m_sale.saleId);
    ASSERT_TRUE(payload.ok()) << qPrintable(payload.error().message);
    auto fromJournal = Receipt::fromSalePayload(*payload, m_receipt.header);
    ASSERT_TRUE(fromJournal.ok()) << qPrintable(fromJournal.error().message);
    const Receipt fromSale = Receipt::fromSale(m_sale, m_receipt.header, QString(), m_sale.receiptNo.toUtf8());
    for (int columns : { 32, 48 })
        EXPECT_EQ(previewText(*fromJournal, columns), previewText(fromSale, columns));
    auto broken = Receipt::fromSalePayload(R"({"currency": "EUR", "lines": []})", m_receipt.header);
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().message, QStringLiteral("the sale's journal entry is not one a receipt can be made from"));
    EXPECT_FALSE(Receipt::fromSalePayload("not json", m_receipt.header).ok());
}

TEST_F(ReceiptTest, AReceiptForACustomerShowsTheirPointsAndNoMoreOfThem)
{
    SaleReceipt sale = m_sale;
    sale.customer = SaleCustomer { QStringLiteral("0190d5a4-0000-7000-8000-00000000000a"),
        QStringLiteral("Anna Maria Schulz"), 35, 1269 };
    const Receipt r = Receipt::fromSale(sale, m_receipt.header, QStringLiteral("Maria"), kQr);
    for (int columns : { 32, 48 }) {
        const QString text = previewText(r, columns);
        EXPECT_TRUE(text.contains(QStringLiteral("Customer: Anna S."))) << qPrintable(text);
        EXPECT_FALSE(text.contains(QStringLiteral("Schulz"))) << "a first name and an initial";
        EXPECT_TRUE(text.contains(QStringLiteral("Points earned"))) << qPrintable(text);
        EXPECT_TRUE(text.contains(QStringLiteral("1269")));
        for (const QString &line : text.split(u'\n')) {
            if (!line.startsWith(QStringLiteral("[QR:"))) {
                EXPECT_LE(line.size(), columns) << qPrintable(line);
            }
        }
    }
    const QByteArray html = receiptHtml(r);
    EXPECT_TRUE(html.contains("Points balance"));
    EXPECT_FALSE(html.contains("Anna")) << "the e-receipt link can be shared: no name on it";
}

TEST(EscPosTest, TextGoesOutInCodePage858)
{
    EXPECT_EQ(EscPos::toCodePage858(QStringLiteral("Total EUR 9.39")), QByteArray("Total EUR 9.39"));
    EXPECT_EQ(EscPos::toCodePage858(QStringLiteral("€üß€ÄÖé")), QByteArray("\xd5\x81\xe1\xd5\x8e\x99\x82"));
    // Letters the code page lacks keep their base letter; what has none prints as "?"; an ellipsis as three dots.
    EXPECT_EQ(EscPos::toCodePage858(QStringLiteral("Łódź ő")),
        QByteArray("?\xa2"
                   "dz o"));
    EXPECT_EQ(EscPos::toCodePage858(QStringLiteral("日本…")), QByteArray("??..."));
    EXPECT_EQ(EscPos::toCodePage858(QStringLiteral("a\tb\x1b")), QByteArray("a?b?")) << "no control byte gets through";
}
