// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/scanservice.h"
#include "core/scan/lumaframe.h"
#include "support/testhelper.h"

#include <QSignalSpy>

using namespace omnitill;
using namespace omnitill::test;

namespace {
class ScanServiceTest : public ::testing::Test
{
protected:
    ScanResult camera(const QString &text, const QString &id) const
    {
        return ScanResult(text, text.toUtf8(), id, ScanResult::Source::Camera, m_now);
    }
    QStringList texts() const
    {
        QStringList out;
        for (const auto &args : m_spy)
            out << args.at(0).value<ScanResult>().text();
        return out;
    }

    // A linear code from the camera, as a camera delivers it: in two frames in a row (it counts at the second).
    void cameraLinear(const QString &text, const QString &id)
    {
        m_service.submit(camera(text, id));
        m_now += 33;
        m_service.submit(camera(text, id));
    }

    qint64 m_now = kNow;
    ScanService m_service { [this] { return m_now; }, ScanService::Config { 1500, 2000, 2, 1000 } };
    QSignalSpy m_spy { &m_service, &ScanService::scanned };
};
} // namespace

TEST_F(ScanServiceTest, TheCameraReportsACodeOnceWhileItStaysInView)
{
    const QString ean = QStringLiteral("4006381333931");
    for (int frame = 0; frame < 60; ++frame, m_now += 33) // two seconds of frames at 30 fps
        m_service.submit(camera(ean, QStringLiteral("]E0")));
    EXPECT_EQ(m_spy.count(), 1);
    EXPECT_EQ(m_service.stats().unconfirmed, 1) << "a linear code counts at its second agreeing read";
    EXPECT_EQ(m_service.stats().repeatsSuppressed, 58);
    m_now += 1600; // out of view for longer than cameraRepeatMs: shown again, it is a new item
    cameraLinear(ean, QStringLiteral("]E0"));
    EXPECT_EQ(m_spy.count(), 2);
    EXPECT_EQ(m_service.lastScan().text(), ean);
    EXPECT_EQ(m_service.lastScan().source(), ScanResult::Source::Camera);
}

TEST_F(ScanServiceTest, TheSamePackAsEanAndDataMatrixIsOneItem)
{
    cameraLinear(QStringLiteral("4006381333931"), QStringLiteral("]E0"));
    m_now += 400;
    m_service.submit(camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2")));
    EXPECT_EQ(m_spy.count(), 1) << "the 2D symbol on the same pack is not a second item";
    EXPECT_EQ(m_service.stats().sameItemSuppressed, 1);
    // With another item in between (and the pack out of view long enough to count as shown again), it counts.
    m_now += 1600;
    cameraLinear(QStringLiteral("96385074"), QStringLiteral("]E4"));
    m_now += 100;
    m_service.submit(camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2")));
    EXPECT_EQ(texts(),
        QStringList({ QStringLiteral("4006381333931"), QStringLiteral("96385074"),
            QStringLiteral("01040063813339311727123110ABC123") }));
    m_now += 2100;
    cameraLinear(QStringLiteral("4006381333931"), QStringLiteral("]E0"));
    EXPECT_EQ(m_spy.count(), 4);
}

// Issue 9, item 3: a blurred frame can misread an EAN as another valid number; a linear code from the camera counts
// only when a second read agrees. 2D symbols, with error correction, count at once; hand scanners are not affected.
TEST_F(ScanServiceTest, ALinearCameraReadCountsOnlyWhenASecondReadAgrees)
{
    const QString real = QStringLiteral("036000291452");
    const QString misread = QStringLiteral("036000291469"); // a valid UPC-A too
    m_service.submit(camera(misread, QStringLiteral("]E0")));
    for (int frame = 0; frame < 5; ++frame, m_now += 33)
        m_service.submit(camera(real, QStringLiteral("]E0")));
    EXPECT_EQ(texts(), QStringList({ real })) << "the single misread never rings up";
    m_now += 2000;
    m_service.submit(camera(misread, QStringLiteral("]E0")));
    m_now += 1100; // an agreeing read after the window is a first read again
    m_service.submit(camera(misread, QStringLiteral("]E0")));
    EXPECT_EQ(m_spy.count(), 1);
    m_service.submit(camera(QStringLiteral("LOYALTY-7731-0042"), QStringLiteral("]d1")));
    EXPECT_EQ(m_spy.count(), 2) << "a DataMatrix counts at its first read";
    m_service.submit(camera(QStringLiteral("SKU0000042"), QString()));
    EXPECT_EQ(m_spy.count(), 2) << "a camera read without an identifier is treated as linear";
    m_service.submitKeyboard(misread);
    EXPECT_EQ(m_spy.count(), 3) << "a hand scanner's read is one read";
    EXPECT_TRUE(ScanService::isLinear(camera(real, QStringLiteral("]C1"))));
    EXPECT_TRUE(ScanService::isLinear(camera(real, QStringLiteral("]e0"))));
    EXPECT_FALSE(ScanService::isLinear(camera(real, QStringLiteral("]Q1"))));
    EXPECT_FALSE(ScanService::isLinear(camera(real, QStringLiteral("]d2"))));
}

// Both symbols of one pack in the picture: ZXing returns one per frame, sometimes this one, sometimes that one.
TEST_F(ScanServiceTest, APackWithTwoSymbolsInViewIsOneItemHoweverTheFramesAlternate)
{
    const ScanResult ean = camera(QStringLiteral("4006381333931"), QStringLiteral("]E0"));
    const ScanResult dm = camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2"));
    for (int frame = 0; frame < 150; ++frame, m_now += 33) // five seconds, past both windows
        m_service.submit(frame % 3 == 0 ? dm : ean);
    EXPECT_EQ(m_spy.count(), 1);
    EXPECT_EQ(m_service.lastScan().symbologyId(), QStringLiteral("]d2"));
}

TEST_F(ScanServiceTest, AHandScannerTriggeredTwiceIsTwoItems)
{
    m_service.submitKeyboard(QStringLiteral("4006381333931"));
    m_now += 200;
    m_service.submitKeyboard(QStringLiteral("4006381333931"));
    EXPECT_EQ(m_spy.count(), 2);
    const auto last = m_service.lastScan();
    EXPECT_EQ(last.source(), ScanResult::Source::Keyboard);
    EXPECT_EQ(last.atMs(), m_now);
    // ...but the same pack's GS1 DataMatrix right after its EAN is the same pack, whichever scanner read it.
    m_now += 200;
    m_service.submitKeyboard(QStringLiteral("]d20104006381333931"));
    EXPECT_EQ(m_spy.count(), 2);
}

TEST_F(ScanServiceTest, NothingScannedIsIgnoredAndNoDecoderMeansNoCamera)
{
    m_service.submit(ScanResult());
    m_service.submitKeyboard(QString());
    EXPECT_EQ(m_spy.count(), 0);
    EXPECT_FALSE(m_service.cameraAvailable());
    EXPECT_EQ(m_service.decoderRestarts(), 0);
    EXPECT_FALSE(m_service.offerFrame(LumaFrame { QByteArray(16, '\xff'), 4, 4 }, ScanMode::Retail));
}
