// SPDX-License-Identifier: GPL-3.0-or-later
// QR codes made with libqrencode are read back with ZXing (Debian's 1.4, ReadBarcode() only: see
// shared/notes/scanning-and-qt-on-debian.md) from the luminance and from the ESC/POS raster.
#include "core/qr/qrcode.h"
#include "qml/qrimage.h"
#include "support/testhelper.h"

#include <ZXing/ReadBarcode.h>

#include <random>

using namespace omnitill;

namespace {
QByteArray decode(const QByteArray &luminance, int width)
{
    const ZXing::ImageView view(
        reinterpret_cast<const uint8_t *>(luminance.constData()), width, width, ZXing::ImageFormat::Lum);
    const auto result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    if (!result.isValid())
        return "<nothing decoded>";
    const auto &bytes = result.bytes();
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

QByteArray roundTrip(const QByteArray &data, Qr::Ecc ecc = Qr::Ecc::Medium, int moduleSize = 3)
{
    auto m = Qr::encode(data, ecc);
    if (!m)
        return "<not encoded>";
    int width = 0;
    const QByteArray lum = Qr::toLuminance(*m, moduleSize, 4, width);
    return decode(lum, width);
}
} // namespace

TEST(QrCode, RoundTripsTextUrlsAndBinary)
{
    EXPECT_EQ(roundTrip("https://shop.example.com/cart/WEB-77?v=3"), "https://shop.example.com/cart/WEB-77?v=3");
    EXPECT_EQ(roundTrip(QStringLiteral("Kundenkarte Müller – 4200 Punkte").toUtf8()),
        QStringLiteral("Kundenkarte Müller – 4200 Punkte").toUtf8());
    QByteArray binary(200, '\0');
    std::mt19937 rng(1);
    for (char &c : binary)
        c = char(rng() & 0xff);
    EXPECT_EQ(roundTrip(binary, Qr::Ecc::Low, 2), binary) << "NUL and high bytes survive in byte mode";
    for (Qr::Ecc ecc : { Qr::Ecc::Low, Qr::Ecc::Medium, Qr::Ecc::Quartile, Qr::Ecc::High })
        EXPECT_EQ(roundTrip("T01-000042", ecc), "T01-000042");
}

TEST(QrCode, QImageForTheUi)
{
    auto m = Qr::encode("WEB-77");
    ASSERT_TRUE(m.ok());
    const QImage image = Qr::toImage(*m, 5, 4);
    ASSERT_EQ(image.width(), (m->size + 8) * 5);
    QByteArray lum;
    for (int y = 0; y < image.height(); ++y)
        lum.append(reinterpret_cast<const char *>(image.constScanLine(y)), image.width());
    EXPECT_EQ(decode(lum, image.width()), "WEB-77");
}

TEST(QrCode, LargestPayloadsAndLimits)
{
    const QByteArray max(2331, 'x');
    // Version 40 (177 modules): ZXing 1.4 reads it at 4 px per module but not at 2 px; show or print such codes large.
    EXPECT_EQ(roundTrip(max, Qr::Ecc::Medium, 4), max);
    auto tooBig = Qr::encode(QByteArray(2332, 'x'), Qr::Ecc::Medium);
    ASSERT_FALSE(tooBig.ok());
    EXPECT_TRUE(tooBig.error().message.contains(QStringLiteral("at most 2331")));
    EXPECT_FALSE(Qr::encode(QByteArray(1274, 'x'), Qr::Ecc::High).ok());
    EXPECT_FALSE(Qr::encode({}).ok());
}

TEST(QrCode, EscPosRasterPrintsTheSameSymbol)
{
    auto m = Qr::encode("https://id.gs1.org/01/04006381333931");
    ASSERT_TRUE(m.ok());
    const QByteArray raster = Qr::toEscPosRaster(*m, 3, 4);
    ASSERT_EQ(raster.left(4), QByteArray("\x1d\x76\x30\x00", 4));
    const int bytesPerRow = quint8(raster[4]) | (quint8(raster[5]) << 8);
    const int height = quint8(raster[6]) | (quint8(raster[7]) << 8);
    const int width = (m->size + 8) * 3;
    EXPECT_EQ(height, width);
    EXPECT_EQ(bytesPerRow, (width + 7) / 8);
    ASSERT_EQ(raster.size(), 8 + bytesPerRow * height);
    // Back from printer dots to pixels: the printed symbol decodes.
    QByteArray lum(qsizetype(width) * width, char(255));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (quint8(raster[8 + y * bytesPerRow + x / 8]) & (0x80 >> (x % 8)))
                lum[qsizetype(y) * width + x] = 0;
    EXPECT_EQ(decode(lum, width), "https://id.gs1.org/01/04006381333931");
}

TEST(QrCode, SvgDrawsEveryDarkModule)
{
    auto m = Qr::encode("T01-000042");
    ASSERT_TRUE(m.ok());
    const QByteArray svg = Qr::toSvg(*m);
    EXPECT_TRUE(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(svg.contains(QByteArray(QByteArray("viewBox=\"0 0 ") + QByteArray::number(m->size + 8))));
    // Sum the run lengths in the path: they cover exactly the dark modules.
    qint64 covered = 0;
    for (qsizetype at = svg.indexOf('h'); at >= 0; at = svg.indexOf('h', at + 1)) {
        if (svg[at + 1] == '-')
            continue;
        covered += svg.mid(at + 1, svg.indexOf('v', at) - at - 1).toLongLong();
    }
    EXPECT_EQ(covered, m->modules.count('\x01'));
}
