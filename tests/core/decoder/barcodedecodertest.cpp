// SPDX-License-Identifier: GPL-3.0-or-later
// In-process decoding of the zint symbols (tests/data/scan), the camera modes, the aiming region, and every symbol
// ringing up its item through the till's scan path. Camera-like frames and the crash-prone ones go through the
// decoder process in decoderclienttest.cpp.
#include "core/decoder/barcodedecoder.h"
#include "core/sale/cart.h"
#include "core/sale/scanresolver.h"
#include "support/scansupport.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
LumaFrame frameOf(const QString &file, Shot shot = {})
{
    return toLuma(cameraImage(loadSymbol(file), shot));
}
} // namespace

TEST(BarcodeDecoder, ReadsEveryZintSymbolWithItsIdentifierAndText)
{
    const auto cases = symbolCases();
    ASSERT_EQ(cases.size(), 15);
    for (const SymbolCase &c : cases) {
        const auto found = decodeLuma(frameOf(c.file), c.mode, kNow);
        ASSERT_TRUE(found.has_value()) << qPrintable(c.file);
        EXPECT_EQ(found->text(), c.text) << qPrintable(c.file);
        EXPECT_EQ(found->symbologyId(), c.symbologyId) << qPrintable(c.file);
        EXPECT_EQ(found->bytes(), c.text.toUtf8()) << qPrintable(c.file);
        EXPECT_EQ(found->source(), ScanResult::Source::Camera);
        EXPECT_EQ(found->atMs(), kNow);
    }
}

TEST(BarcodeDecoder, ModesLookOnlyForTheirSymbologies)
{
    const LumaFrame ean = frameOf(QStringLiteral("ean13.png"));
    const LumaFrame qr = frameOf(QStringLiteral("qr-digital-link.png"));
    const LumaFrame dataBar = frameOf(QStringLiteral("databar-expanded.png"));
    EXPECT_TRUE(decodeLuma(ean, ScanMode::Retail));
    EXPECT_FALSE(decodeLuma(ean, ScanMode::QrOnly)) << "the kiosk's QR mode ignores product barcodes";
    EXPECT_TRUE(decodeLuma(qr, ScanMode::QrOnly));
    EXPECT_TRUE(decodeLuma(qr, ScanMode::Retail));
    EXPECT_FALSE(decodeLuma(dataBar, ScanMode::Retail)) << "DataBar (crash-prone in ZXing 1.4) only in fresh mode";
    EXPECT_TRUE(decodeLuma(dataBar, ScanMode::Fresh));
    EXPECT_EQ(scanModeFromName(u"fresh"), ScanMode::Fresh);
    EXPECT_EQ(scanModeFromName(u"Retail"), std::nullopt);
}

TEST(BarcodeDecoder, BlankAndInvalidFramesReadNothing)
{
    EXPECT_FALSE(decodeLuma(LumaFrame { QByteArray(1280 * 720, char(235)), 1280, 720 }, ScanMode::Retail));
    EXPECT_FALSE(decodeLuma(LumaFrame { QByteArray(10, 0), 4, 4 }, ScanMode::Retail)) << "size mismatch";
    EXPECT_FALSE(decodeLuma(LumaFrame {}, ScanMode::Retail));
    EXPECT_FALSE(decodeLuma(LumaFrame { QByteArray(9000, 0), 9000, 1 }, ScanMode::Retail)) << "wider than any camera";
}

TEST(BarcodeDecoder, TheAimingRegionIsTheCentreOfTheFrame)
{
    EXPECT_EQ(centreRoi(1280, 720, 0.6), QRect(256, 144, 768, 432));
    EXPECT_EQ(centreRoi(1280, 720, 5.0), QRect(0, 0, 1280, 720)) << "clamped to the frame";
    EXPECT_EQ(centreRoi(100, 100, 0.0), QRect(45, 45, 10, 10)) << "at least a tenth";
    const LumaFrame frame = frameOf(QStringLiteral("gs1-datamatrix.png"));
    const LumaFrame roi = crop(frame, centreRoi(frame.width, frame.height, 0.6));
    EXPECT_EQ(roi.width, 768);
    EXPECT_EQ(roi.height, 432);
    EXPECT_EQ(roi.pixels.at(0), frame.pixels.at(144 * 1280 + 256));
    const auto found = decodeLuma(roi, ScanMode::Retail);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->symbologyId(), QStringLiteral("]d2"));
    EXPECT_FALSE(crop(frame, QRect(2000, 0, 10, 10)).isValid()) << "outside the frame";
}

// Why camera frames are decoded in another process: with Debian's ZXing 1.4 (assert() compiled in) this DataBar
// picture aborts whoever calls ReadBarcode() on it.
TEST(BarcodeDecoderDeathTest, DebiansZxingAbortsTheCallerOnSomeDataBarPictures)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const LumaFrame full = toLuma(cameraImage(loadSymbol(QStringLiteral("databar-omni.png")), standardShots().at(11)));
    const LumaFrame roi = crop(full, centreRoi(full.width, full.height, 0.6));
    EXPECT_DEATH(decodeLuma(roi, ScanMode::Fresh), "lineCount");
}

class ZintSymbolsRingUp : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(writeItems(db(),
            { { QStringLiteral("CHEESE"), QStringLiteral("4006381333931"), Unit::Kilogram, 1890 },
                { QStringLiteral("GUM"), QStringLiteral("96385074"), Unit::Each, 99 },
                { QStringLiteral("COLA"), QStringLiteral("036000291452"), Unit::Each, 149 },
                { QStringLiteral("SKU0000042"), QString(), Unit::Each, 500 },
                { QStringLiteral("DELI"), QStringLiteral("2012345000001"), Unit::Kilogram, 1290 } }));
    }
};

// What the camera reads reaches the right item with the right quantity through ScanResult::tillCode().
TEST_F(ZintSymbolsRingUp, EveryProductSymbolResolvesToItsItem)
{
    Catalog catalog(db());
    struct Expect
    {
        const char *file;
        const char *sku;
        qint64 quantity;
    };
    const Expect expected[] = {
        { "ean13.png", "CHEESE", 1000 }, // weighed goods scanned by their plain EAN: 1 kg unless weighed
        { "ean8.png", "GUM", 1000 },
        { "upca.png", "COLA", 1000 },
        { "code128.png", "SKU0000042", 1000 },
        { "gs1-128-weight.png", "CHEESE", 1250 },
        { "gs1-128-lot.png", "CHEESE", 1000 },
        { "gs1-datamatrix.png", "CHEESE", 1000 },
        { "gs1-datamatrix-gtin.png", "CHEESE", 1000 },
        { "gs1-qr.png", "CHEESE", 1000 },
        { "qr-digital-link.png", "CHEESE", 1000 },
        { "databar-omni.png", "CHEESE", 1000 },
        { "databar-expanded.png", "CHEESE", 1250 },
        { "databar-expanded-stacked.png", "CHEESE", 1250 },
    };
    for (const SymbolCase &c : symbolCases()) {
        const auto it = std::find_if(
            std::begin(expected), std::end(expected), [&](const Expect &e) { return c.file == QLatin1String(e.file); });
        if (it == std::end(expected))
            continue;
        const auto found = decodeLuma(frameOf(c.file), c.mode, kNow);
        ASSERT_TRUE(found) << qPrintable(c.file);
        auto resolved = resolveScan(catalog, found->tillCode(), eur(), kNow);
        ASSERT_TRUE(resolved.ok()) << qPrintable(c.file) << ": " << qPrintable(resolved.error().message);
        EXPECT_EQ(resolved->item.sku, QLatin1String(it->sku)) << qPrintable(c.file);
        EXPECT_EQ(resolved->quantity, it->quantity) << qPrintable(c.file);
    }
}

// A deli label read by the camera rings up its printed price under the store's label rules.
TEST_F(ZintSymbolsRingUp, APriceLabelFromTheCameraSellsAtItsPrice)
{
    Catalog catalog(db());
    const auto found = decodeLuma(frameOf(QStringLiteral("price-ean13.png")), ScanMode::Retail, kNow);
    ASSERT_TRUE(found);
    auto labels = VariableMeasure::parse(u"price5");
    ASSERT_TRUE(labels.ok());
    auto resolved = resolveScan(catalog, found->tillCode(), eur(), kNow, *labels);
    ASSERT_TRUE(resolved.ok()) << qPrintable(resolved.error().message);
    EXPECT_EQ(resolved->item.sku, QStringLiteral("DELI"));
    EXPECT_EQ(resolved->item.price, Money(1995, eur()));
}

// The same symbols a year later: the GS1 ones dated 2027-12-31 are refused as expired, the undated still sell.
TEST_F(ZintSymbolsRingUp, ExpiredGoodsFromTheCameraAreRefused)
{
    Catalog catalog(db());
    const qint64 in2028 = QDateTime(QDate(2028, 1, 2), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    const auto dated = decodeLuma(frameOf(QStringLiteral("gs1-datamatrix.png")), ScanMode::Retail, in2028);
    ASSERT_TRUE(dated);
    auto refused = resolveScan(catalog, dated->tillCode(), eur(), in2028);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("expired on 2027-12-31")))
        << qPrintable(refused.error().message);
    const auto undated = decodeLuma(frameOf(QStringLiteral("gs1-datamatrix-gtin.png")), ScanMode::Retail, in2028);
    ASSERT_TRUE(undated);
    EXPECT_TRUE(resolveScan(catalog, undated->tillCode(), eur(), in2028).ok());
}
