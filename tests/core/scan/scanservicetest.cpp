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

    qint64 m_now = kNow;
    ScanService m_service { [this] { return m_now; }, ScanService::Config { 1500, 2000 } };
    QSignalSpy m_spy { &m_service, &ScanService::scanned };
};
} // namespace

TEST_F(ScanServiceTest, TheCameraReportsACodeOnceWhileItStaysInView)
{
    const QString ean = QStringLiteral("4006381333931");
    for (int frame = 0; frame < 60; ++frame, m_now += 33) // two seconds of frames at 30 fps
        m_service.submit(camera(ean, QStringLiteral("]E0")));
    EXPECT_EQ(m_spy.count(), 1);
    EXPECT_EQ(m_service.stats().repeatsSuppressed, 59);
    m_now += 1600; // out of view for longer than cameraRepeatMs: shown again, it is a new item
    m_service.submit(camera(ean, QStringLiteral("]E0")));
    EXPECT_EQ(m_spy.count(), 2);
    EXPECT_EQ(m_service.lastScan().text(), ean);
    EXPECT_EQ(m_service.lastScan().source(), ScanResult::Source::Camera);
}

TEST_F(ScanServiceTest, TheSamePackAsEanAndDataMatrixIsOneItem)
{
    m_service.submit(camera(QStringLiteral("4006381333931"), QStringLiteral("]E0")));
    m_now += 400;
    m_service.submit(camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2")));
    EXPECT_EQ(m_spy.count(), 1) << "the 2D symbol on the same pack is not a second item";
    EXPECT_EQ(m_service.stats().sameItemSuppressed, 1);
    // With another item in between (and the pack out of view long enough to count as shown again), it counts.
    m_now += 1600;
    m_service.submit(camera(QStringLiteral("96385074"), QStringLiteral("]E4")));
    m_now += 100;
    m_service.submit(camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2")));
    EXPECT_EQ(texts(),
        QStringList({ QStringLiteral("4006381333931"), QStringLiteral("96385074"),
            QStringLiteral("01040063813339311727123110ABC123") }));
    m_now += 2100;
    m_service.submit(camera(QStringLiteral("4006381333931"), QStringLiteral("]E0")));
    EXPECT_EQ(m_spy.count(), 4);
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
