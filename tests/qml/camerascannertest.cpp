// SPDX-License-Identifier: GPL-3.0-or-later
// The camera path end to end without a camera: QVideoFrames in the pixel formats cameras deliver (NV12, YUYV,
// BGRX) are pushed into a QVideoSink, as QtMultimedia's capture session does, and must come out of the ScanService
// as scans, decoded by the real omnitill-decoder process.
#include "qml/camerascanner.h"
#include "core/decoder/barcodedecoder.h"
#include "core/scan/decoderclient.h"
#include "core/scan/scanservice.h"
#include "support/scansupport.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>
#include <QVideoSink>

#include <ZXing/ImageView.h>

#include <array>
#include <random>

using namespace omnitill;
using namespace omnitill::test;

namespace {
QVideoFrame nv12Frame(const QImage &grey)
{
    QVideoFrame frame(QVideoFrameFormat(grey.size(), QVideoFrameFormat::Format_NV12));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    for (int y = 0; y < grey.height(); ++y)
        std::copy_n(grey.constScanLine(y), grey.width(), frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0));
    std::fill_n(frame.bits(1), qsizetype(frame.bytesPerLine(1)) * grey.height() / 2, uchar(128));
    frame.unmap();
    return frame;
}

QVideoFrame yuyvFrame(const QImage &grey)
{
    QVideoFrame frame(QVideoFrameFormat(grey.size(), QVideoFrameFormat::Format_YUYV));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    for (int y = 0; y < grey.height(); ++y) {
        uchar *row = frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0);
        for (int x = 0; x < grey.width(); ++x) {
            row[2 * x] = grey.constScanLine(y)[x];
            row[2 * x + 1] = 128;
        }
    }
    frame.unmap();
    return frame;
}

QVideoFrame bgrxFrame(const QImage &grey)
{
    const QImage rgb = grey.convertToFormat(QImage::Format_RGB32);
    QVideoFrame frame(QVideoFrameFormat(grey.size(), QVideoFrameFormat::Format_BGRX8888));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    for (int y = 0; y < rgb.height(); ++y)
        std::copy_n(rgb.constScanLine(y), rgb.width() * 4, frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0));
    frame.unmap();
    return frame;
}

class CameraScannerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_service.setDecoder(&m_decoder);
        EXPECT_FALSE(m_decoder.isRunning()) << "nothing runs until a camera view needs it";
        m_camera.setVideoSink(&m_sink);
        m_camera.setScanner(&m_service); // active by default: starts the decoder
        ASSERT_TRUE(m_decoder.isRunning());
    }
    // Pushes `frame` until the decoder takes one (it may still be starting), then waits for its answer.
    void show(const QVideoFrame &frame)
    {
        QSignalSpy done(&m_decoder, &DecoderClient::frameDone);
        ASSERT_TRUE(pumpUntil([&] {
            m_sink.setVideoFrame(frame);
            return m_decoder.isBusy() || done.count() > 0;
        }));
        ASSERT_TRUE(pumpUntil([&] { return done.count() > 0; }, 10000));
    }

    DecoderClient m_decoder { DecoderClient::Config { QStringLiteral(OMNITILL_DECODER_BIN) }, systemClock() };
    ScanService m_service { systemClock(), ScanService::Config {} };
    QVideoSink m_sink;
    CameraScanner m_camera;
    QSignalSpy m_scans { &m_service, &ScanService::scanned };
};
} // namespace

TEST_F(CameraScannerTest, TakesTheLumaOfTheFrameExactly)
{
    const QImage grey = cameraImage(
        loadSymbol(QStringLiteral("gs1-datamatrix.png")), Shot { QStringLiteral("n"), 1.0, 0, 0, { 640, 360 }, 0, 10 });
    const LumaFrame expected = toLuma(grey);
    EXPECT_EQ(CameraScanner::lumaOf(nv12Frame(grey)).pixels, expected.pixels);
    EXPECT_EQ(CameraScanner::lumaOf(yuyvFrame(grey)).pixels, expected.pixels);
    const LumaFrame fromRgb = CameraScanner::lumaOf(bgrxFrame(grey));
    EXPECT_EQ(fromRgb.width, 1280);
    EXPECT_EQ(fromRgb.height, 720);
    EXPECT_EQ(fromRgb.pixels, expected.pixels) << "grey through RGB and back is exact";
    // Colour: exactly ZXing's own grey (BT.601 in 1/1024, rounded), in the byte order of each 32-bit format. Every
    // pixel is another colour, so a conversion that truncates shows.
    QImage colour(256, 64, QImage::Format_RGB32);
    std::mt19937 rng(3);
    for (int y = 0; y < colour.height(); ++y)
        for (int x = 0; x < colour.width(); ++x)
            colour.setPixel(x, y, qRgb(int(rng() % 256), int(rng() % 256), int(rng() % 256)));
    QByteArray zxing(qsizetype(colour.width()) * colour.height(), Qt::Uninitialized);
    for (int y = 0; y < colour.height(); ++y)
        for (int x = 0; x < colour.width(); ++x) {
            const QRgb p = colour.pixel(x, y);
            zxing[qsizetype(y) * colour.width() + x] = char(ZXing::RGBToLum(qRed(p), qGreen(p), qBlue(p)));
        }
    const QList<std::pair<QVideoFrameFormat::PixelFormat, std::array<int, 3>>> formats = {
        { QVideoFrameFormat::Format_BGRX8888, { 2, 1, 0 } },
        { QVideoFrameFormat::Format_RGBX8888, { 0, 1, 2 } },
        { QVideoFrameFormat::Format_XRGB8888, { 1, 2, 3 } },
        { QVideoFrameFormat::Format_XBGR8888, { 3, 2, 1 } },
    };
    for (const auto &[format, at] : formats) {
        QVideoFrame frame(QVideoFrameFormat(colour.size(), format));
        ASSERT_TRUE(frame.map(QVideoFrame::WriteOnly));
        for (int y = 0; y < colour.height(); ++y)
            for (int x = 0; x < colour.width(); ++x) {
                const QRgb p = colour.pixel(x, y);
                uchar *px = frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0) + 4 * x;
                px[at[0]] = uchar(qRed(p));
                px[at[1]] = uchar(qGreen(p));
                px[at[2]] = uchar(qBlue(p));
            }
        frame.unmap();
        EXPECT_EQ(CameraScanner::lumaOf(frame).pixels, zxing) << "pixel format " << int(format);
    }
    // A format without a direct path goes through Qt's conversion.
    QVideoFrame p016(QVideoFrameFormat(QSize(64, 32), QVideoFrameFormat::Format_P016));
    ASSERT_TRUE(p016.map(QVideoFrame::WriteOnly));
    std::fill_n(p016.bits(0), qsizetype(p016.bytesPerLine(0)) * 32, uchar(0x80));
    std::fill_n(p016.bits(1), qsizetype(p016.bytesPerLine(1)) * 16, uchar(0x80));
    p016.unmap();
    const LumaFrame fallback = CameraScanner::lumaOf(p016);
    EXPECT_EQ(fallback.width, 64);
    EXPECT_EQ(fallback.height, 32);
    EXPECT_FALSE(CameraScanner::lumaOf(QVideoFrame()).isValid());
}

TEST_F(CameraScannerTest, FramesInEveryCameraFormatBecomeScans)
{
    const QImage ean = cameraImage(loadSymbol(QStringLiteral("ean13.png")), Shot {});
    const QImage dm = cameraImage(loadSymbol(QStringLiteral("gs1-datamatrix.png")), Shot {});
    const QImage loyalty = cameraImage(loadSymbol(QStringLiteral("datamatrix.png")), Shot {});
    show(nv12Frame(ean));
    show(nv12Frame(ean)); // a linear code counts at its second agreeing read
    show(yuyvFrame(dm));
    show(bgrxFrame(loyalty));
    ASSERT_EQ(m_scans.count(), 2) << "the GS1 DataMatrix right after the EAN of the same pack is that pack again";
    EXPECT_EQ(m_scans.at(0).at(0).value<ScanResult>().text(), QStringLiteral("4006381333931"));
    EXPECT_EQ(m_scans.at(1).at(0).value<ScanResult>().text(), QStringLiteral("LOYALTY-7731-0042"));
    EXPECT_EQ(m_scans.at(1).at(0).value<ScanResult>().symbologyId(), QStringLiteral("]d1"));
    EXPECT_EQ(m_service.lastScan().source(), ScanResult::Source::Camera);
    EXPECT_EQ(m_service.stats().sameItemSuppressed, 1);
}

TEST_F(CameraScannerTest, FramesArriveFasterThanTheyDecode)
{
    const QImage picture = cameraImage(loadSymbol(QStringLiteral("ean8.png")), Shot {});
    show(nv12Frame(picture));
    // A burst of frames with no time to decode: one is taken, the rest are dropped without being copied. (Each is a
    // new QVideoFrame, as from a camera: the sink ignores the same frame set twice.)
    for (int i = 0; i < 30; ++i)
        m_sink.setVideoFrame(nv12Frame(picture));
    EXPECT_EQ(m_camera.framesSeen(), 31);
    EXPECT_GE(m_camera.framesDropped(), 29);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !m_decoder.isBusy(); }, 10000));
    EXPECT_EQ(m_scans.count(), 1) << "the code stayed in view: one scan";
    EXPECT_EQ(m_camera.mode(), QStringLiteral("retail"));
    m_camera.setMode(QStringLiteral("nonsense"));
    EXPECT_EQ(m_camera.mode(), QStringLiteral("retail")) << "an unknown mode is refused";
    m_camera.setActive(false);
    m_sink.setVideoFrame(nv12Frame(picture));
    EXPECT_EQ(m_camera.framesSeen(), 31) << "an inactive scanner ignores frames";
}

// The camera path must read everything ZXing reads on the same picture: colour frames through CameraScanner's grey
// conversion and the decoder process, against ZXing's own read of the whole colour image. Retail and QR symbols only:
// the DataBar pictures can abort ZXing, which in this process would end the test.
TEST_F(CameraScannerTest, TheCameraPathReadsWhatZxingReads)
{
    QList<std::pair<QString, QImage>> pictures;
    for (const SymbolCase &c : symbolCases()) {
        if (c.mode == ScanMode::Fresh)
            continue;
        const QImage symbol = loadSymbol(c.file);
        for (const Shot &shot : { standardShots().at(0), standardShots().at(11) }) {
            const QImage grey = cameraImage(symbol, shot);
            for (const Palette &palette : palettes())
                pictures.append(
                    { c.file + u'/' + shot.name + u'/' + palette.name, colourImage(grey, palette, shot.seed) });
        }
        for (const Shot &shot : framingShots())
            pictures.append({ c.file + u'/' + shot.name, colourImage(cameraImage(symbol, shot), palettes().at(2)) });
    }
    const auto modeOf = [](const QString &name) {
        return name.startsWith(QStringLiteral("qr-digital-link")) ? ScanMode::QrOnly : ScanMode::Retail;
    };
    int zxingReads = 0, cameraReads = 0, missed = 0, differ = 0;
    for (const auto &[name, picture] : pictures) {
        const ScanMode mode = modeOf(name);
        const auto reference
            = decodeBgrx(picture.constBits(), picture.width(), picture.height(), int(picture.bytesPerLine()), mode);
        m_camera.setMode(scanModeName(mode));
        QSignalSpy decoded(&m_decoder, &DecoderClient::decoded);
        show(bgrxFrame(picture));
        const std::optional<ScanResult> camera
            = decoded.isEmpty() ? std::nullopt : std::optional(decoded.constLast().at(0).value<ScanResult>());
        zxingReads += reference ? 1 : 0;
        cameraReads += camera ? 1 : 0;
        if (reference && !camera) {
            ++missed;
            std::printf("camera path missed %s (ZXing reads %s)\n", qPrintable(name), qPrintable(reference->text()));
        } else if (reference && camera && camera->text() != reference->text()) {
            ++differ;
            std::printf("camera path read %s as %s, ZXing as %s\n", qPrintable(name), qPrintable(camera->text()),
                qPrintable(reference->text()));
        }
    }
    std::printf("camera-path corpus: %lld colour and framing pictures; ZXing reads %d, the camera path %d, misses %d, "
                "reads differently %d\n",
        qlonglong(pictures.size()), zxingReads, cameraReads, missed, differ);
    EXPECT_EQ(missed, 0);
    EXPECT_EQ(differ, 0);
}

// Opening the camera view without a usable decoder tells the cashier, through the ScanService, and nothing else breaks.
TEST(CameraScanner, OpeningTheCameraWithoutItsDecoderIsReported)
{
    DecoderClient decoder(DecoderClient::Config { QStringLiteral("/nonexistent/omnitill-decoder") }, systemClock());
    ScanService service(systemClock(), ScanService::Config {});
    service.setDecoder(&decoder);
    QSignalSpy errors(&service, &ScanService::errorOccurred);
    QVideoSink sink;
    CameraScanner camera;
    camera.setVideoSink(&sink);
    camera.setScanner(&service);
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.at(0).at(0).toString().contains(QStringLiteral("Hand-held scanners still work")));
    EXPECT_FALSE(service.cameraAvailable());
    sink.setVideoFrame(nv12Frame(cameraImage(loadSymbol(QStringLiteral("ean13.png")), Shot {})));
    EXPECT_EQ(camera.framesDropped(), 1);
    service.submitKeyboard(QStringLiteral("4006381333931"));
    EXPECT_EQ(service.lastScan().text(), QStringLiteral("4006381333931")) << "the hand scanner still works";
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // CTest's test discovery runs us without the test environment
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
