// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/scanresult.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
const QString GS = QString(QChar(0x1D));

ScanResult camera(const QString &text, const QString &id)
{
    return ScanResult(text, text.toUtf8(), id, ScanResult::Source::Camera, kNow);
}
} // namespace

TEST(ScanResult, EmptyHasNoContent)
{
    EXPECT_FALSE(ScanResult().hasContent());
    EXPECT_TRUE(camera(QStringLiteral("4006381333931"), QStringLiteral("]E0")).hasContent());
    const ScanResult bytesOnly(
        QString(), QByteArray("\x00\x01", 2), QStringLiteral("]Q1"), ScanResult::Source::Camera, 0);
    EXPECT_TRUE(bytesOnly.hasContent()) << "binary QR content without text is still content";
}

TEST(ScanResult, KeyboardSplitsALeadingAimIdentifier)
{
    const auto plain = ScanResult::fromKeyboard(QStringLiteral("4006381333931"), kNow);
    EXPECT_EQ(plain.text(), QStringLiteral("4006381333931"));
    EXPECT_EQ(plain.symbologyId(), QString());
    EXPECT_EQ(plain.source(), ScanResult::Source::Keyboard);
    EXPECT_EQ(plain.bytes(), QByteArray("4006381333931"));

    const auto gs1
        = ScanResult::fromKeyboard(QStringLiteral("]C1010400638133393110LOT") + GS + QStringLiteral("21X"), kNow);
    EXPECT_EQ(gs1.symbologyId(), QStringLiteral("]C1"));
    EXPECT_EQ(gs1.text(), QStringLiteral("010400638133393110LOT") + GS + QStringLiteral("21X"));
    EXPECT_EQ(gs1.symbology(), QStringLiteral("GS1-128"));

    // Not identifiers: too short, or a bracket that is data.
    EXPECT_EQ(ScanResult::fromKeyboard(QStringLiteral("]E"), kNow).text(), QStringLiteral("]E"));
    EXPECT_EQ(ScanResult::fromKeyboard(QStringLiteral("]#1ABC"), kNow).symbologyId(), QString());
}

TEST(ScanResult, NamesTheSymbology)
{
    EXPECT_EQ(camera({}, QStringLiteral("]E0")).symbology(), QStringLiteral("EAN/UPC"));
    EXPECT_EQ(camera({}, QStringLiteral("]E4")).symbology(), QStringLiteral("EAN-8"));
    EXPECT_EQ(camera({}, QStringLiteral("]Q1")).symbology(), QStringLiteral("QR Code"));
    EXPECT_EQ(camera({}, QStringLiteral("]Q3")).symbology(), QStringLiteral("GS1 QR Code"));
    EXPECT_EQ(camera({}, QStringLiteral("]d2")).symbology(), QStringLiteral("GS1 DataMatrix"));
    EXPECT_EQ(camera({}, QStringLiteral("]e0")).symbology(), QStringLiteral("GS1 DataBar"));
    EXPECT_EQ(camera({}, QStringLiteral("]C0")).symbology(), QStringLiteral("Code 128"));
    EXPECT_EQ(camera({}, QString()).symbology(), QString());
    EXPECT_EQ(camera({}, QStringLiteral("]X9")).symbology(), QString());
}

TEST(ScanResult, TillCodeKeepsTheGs1MarkerSoGtinOnlySymbolsStayGs1)
{
    // A GS1 DataMatrix that carries only (01): without ]d2 it would look like a 16-digit number.
    EXPECT_EQ(camera(QStringLiteral("0104006381333931"), QStringLiteral("]d2")).tillCode(),
        QStringLiteral("]d20104006381333931"));
    EXPECT_EQ(camera(QStringLiteral("(01)04006381333931(3103)001250"), QStringLiteral("]e0")).tillCode(),
        QStringLiteral("]e0(01)04006381333931(3103)001250"));
    // DataBar Omnidirectional: ZXing gives the bare GTIN-14.
    EXPECT_EQ(camera(QStringLiteral("04006381333931"), QStringLiteral("]e0")).tillCode(),
        QStringLiteral("]e00104006381333931"));
    EXPECT_EQ(
        camera(QStringLiteral("4006381333931"), QStringLiteral("]E0")).tillCode(), QStringLiteral("4006381333931"));
    EXPECT_EQ(camera(QStringLiteral("https://id.gs1.org/01/04006381333931"), QStringLiteral("]Q1")).tillCode(),
        QStringLiteral("https://id.gs1.org/01/04006381333931"));
    EXPECT_EQ(ScanResult::fromKeyboard(QStringLiteral("]C10104006381333931"), kNow).tillCode(),
        QStringLiteral("]C10104006381333931"));
}

TEST(ScanResult, OnePackHasOneItemKeyWhateverTheSymbol)
{
    const QString key = QStringLiteral("04006381333931");
    EXPECT_EQ(camera(QStringLiteral("4006381333931"), QStringLiteral("]E0")).itemKey(), key);
    EXPECT_EQ(camera(QStringLiteral("01040063813339311727123110ABC123"), QStringLiteral("]d2")).itemKey(), key);
    EXPECT_EQ(camera(QStringLiteral("010400638133393117271231"), QStringLiteral("]Q3")).itemKey(), key);
    EXPECT_EQ(camera(QStringLiteral("04006381333931"), QStringLiteral("]e0")).itemKey(), key);
    EXPECT_EQ(
        camera(QStringLiteral("https://id.gs1.org/01/04006381333931/10/ABC"), QStringLiteral("]Q1")).itemKey(), key);
    EXPECT_EQ(
        camera(QStringLiteral("036000291452"), QStringLiteral("]E0")).itemKey(), QStringLiteral("00036000291452"));
    EXPECT_EQ(camera(QStringLiteral("SKU0000042"), QStringLiteral("]C0")).itemKey(), QString());
    EXPECT_EQ(camera(QStringLiteral("4006381333932"), QStringLiteral("]E0")).itemKey(), QString()) << "bad check digit";
    EXPECT_EQ(camera(QStringLiteral("(01)0400638133393"), QStringLiteral("]e0")).itemKey(), QString()) << "malformed";
}
