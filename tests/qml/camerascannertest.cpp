// SPDX-License-Identifier: GPL-3.0-or-later
// The camera path end to end without a camera: QVideoFrames in the pixel formats cameras deliver (NV12, YUYV,
// BGRX) are pushed into a QVideoSink, as QtMultimedia's capture session does, and must come out of the ScanService
// as scans, decoded by the real omnitill-decoder process.
#include "qml/camerascanner.h"
#include "core/scan/decoderclient.h"
#include "core/scan/scanservice.h"
#include "support/scansupport.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>
#include <QVideoSink>

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
        ASSERT_TRUE(QTest::qWaitFor([&] {
            m_sink.setVideoFrame(frame);
            return m_decoder.isBusy() || done.count() > 0;
        }));
        ASSERT_TRUE(QTest::qWaitFor([&] { return done.count() > 0; }, 10000));
    }

    DecoderClient m_decoder { DecoderClient::Config { QStringLiteral(OMNITILL_DECODER_BIN) }, systemClock() };
    ScanService m_service { systemClock(), ScanService::Config {} };
    QVideoSink m_sink;
    CameraScanner m_camera;
    QSignalSpy m_scans { &m_service, &ScanService::scanned };
};
} // namespace

TEST_F(CameraScannerTest, TakesTheLumaOfTheAimingRegionExactly)
{
    const QImage grey = cameraImage(
        loadSymbol(QStringLiteral("gs1-datamatrix.png")), Shot { QStringLiteral("n"), 1.0, 0, 0, { 640, 360 }, 0, 10 });
    const LumaFrame expected = crop(toLuma(grey), centreRoi(1280, 720, 0.6));
    EXPECT_EQ(CameraScanner::lumaOf(nv12Frame(grey), 0.6).pixels, expected.pixels);
    EXPECT_EQ(CameraScanner::lumaOf(yuyvFrame(grey), 0.6).pixels, expected.pixels);
    const LumaFrame fromRgb = CameraScanner::lumaOf(bgrxFrame(grey), 0.6);
    EXPECT_EQ(fromRgb.width, 768);
    EXPECT_EQ(fromRgb.height, 432);
    EXPECT_EQ(fromRgb.pixels, expected.pixels) << "grey through RGB and back is exact";
    // A colour pixel: BT.601 weights, and the byte order of each 32-bit format.
    QImage colour(1280, 720, QImage::Format_RGB32);
    colour.fill(QColor(200, 100, 50));
    QVideoFrame bgrx(QVideoFrameFormat(colour.size(), QVideoFrameFormat::Format_BGRX8888));
    ASSERT_TRUE(bgrx.map(QVideoFrame::WriteOnly));
    for (int y = 0; y < colour.height(); ++y)
        std::copy_n(colour.constScanLine(y), colour.width() * 4, bgrx.bits(0) + qsizetype(y) * bgrx.bytesPerLine(0));
    bgrx.unmap();
    EXPECT_EQ(uchar(CameraScanner::lumaOf(bgrx, 0.6).pixels.at(0)), (77 * 200 + 150 * 100 + 29 * 50) >> 8);
    // A format without a direct path goes through Qt's conversion.
    QVideoFrame p016(QVideoFrameFormat(QSize(64, 32), QVideoFrameFormat::Format_P016));
    ASSERT_TRUE(p016.map(QVideoFrame::WriteOnly));
    std::fill_n(p016.bits(0), qsizetype(p016.bytesPerLine(0)) * 32, uchar(0x80));
    std::fill_n(p016.bits(1), qsizetype(p016.bytesPerLine(1)) * 16, uchar(0x80));
    p016.unmap();
    const LumaFrame fallback = CameraScanner::lumaOf(p016, 1.0);
    EXPECT_EQ(fallback.width, 64);
    EXPECT_EQ(fallback.height, 32);
    EXPECT_FALSE(CameraScanner::lumaOf(QVideoFrame(), 0.6).isValid());
}

TEST_F(CameraScannerTest, FramesInEveryCameraFormatBecomeScans)
{
    const QImage ean = cameraImage(loadSymbol(QStringLiteral("ean13.png")), Shot {});
    const QImage dm = cameraImage(loadSymbol(QStringLiteral("gs1-datamatrix.png")), Shot {});
    const QImage loyalty = cameraImage(loadSymbol(QStringLiteral("datamatrix.png")), Shot {});
    show(nv12Frame(ean));
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
