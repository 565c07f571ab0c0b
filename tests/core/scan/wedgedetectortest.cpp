// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/wedgedetector.h"
#include "support/testhelper.h"

using namespace omnitill;

namespace {
// Types `text` with `gapMs` between keys from `start`; returns every outcome that is not Pending.
QList<WedgeDetector::Outcome> type(WedgeDetector &d, const QString &text, int gapMs, qint64 &clock)
{
    QList<WedgeDetector::Outcome> outcomes;
    for (QChar c : text) {
        clock += gapMs;
        auto o = d.feed(c, clock);
        if (o.kind != WedgeDetector::Outcome::Kind::Pending)
            outcomes.append(o);
    }
    return outcomes;
}
} // namespace

TEST(WedgeDetector, AFastBurstEndingInEnterIsAScan)
{
    WedgeDetector d({});
    qint64 clock = 1000;
    auto out = type(d, QStringLiteral("4006381333931\r"), 4, clock);
    ASSERT_EQ(out.size(), 1);
    EXPECT_EQ(out[0].kind, WedgeDetector::Outcome::Kind::Scan);
    EXPECT_EQ(out[0].text, QStringLiteral("4006381333931"));
    EXPECT_FALSE(d.pending());
}

TEST(WedgeDetector, SlowKeysAreTyping)
{
    WedgeDetector d({});
    qint64 clock = 1000;
    auto out = type(d, QStringLiteral("milk"), 150, clock);
    // Each key proves the one before it was typed by hand.
    QString typed;
    for (const auto &o : out) {
        EXPECT_EQ(o.kind, WedgeDetector::Outcome::Kind::Typing);
        typed += o.text;
    }
    typed += d.flush();
    EXPECT_EQ(typed, QStringLiteral("milk"));
}

TEST(WedgeDetector, ShortFastRunsAndLoneEntersAreTyping)
{
    WedgeDetector d({});
    qint64 clock = 1000;
    auto out = type(d, QStringLiteral("ok\r"), 5, clock);
    ASSERT_EQ(out.size(), 1);
    EXPECT_EQ(out[0].kind, WedgeDetector::Outcome::Kind::Typing);
    EXPECT_EQ(out[0].text, QStringLiteral("ok\r"));
}

TEST(WedgeDetector, TypingThenAScanAreSeparated)
{
    WedgeDetector d({});
    qint64 clock = 1000;
    auto typed = type(d, QStringLiteral("ab"), 200, clock);
    clock += 500;
    auto scan = type(d, QStringLiteral("SKU0000001\n"), 3, clock);
    QString typedText;
    for (const auto &o : typed + scan) {
        if (o.kind == WedgeDetector::Outcome::Kind::Typing)
            typedText += o.text;
    }
    EXPECT_EQ(typedText, QStringLiteral("ab"));
    ASSERT_EQ(scan.last().kind, WedgeDetector::Outcome::Kind::Scan);
    EXPECT_EQ(scan.last().text, QStringLiteral("SKU0000001"));
}

TEST(WedgeDetector, PrefixSuffixAndGroupSeparator)
{
    WedgeDetector d({ 40, 4, QStringLiteral("#"), QStringLiteral("$"), QStringLiteral("<GS>") });
    qint64 clock = 1000;
    auto out = type(d, QStringLiteral("#]C1010400638133393110LOT<GS>21SER$\t"), 2, clock);
    ASSERT_EQ(out.size(), 1);
    EXPECT_EQ(out[0].kind, WedgeDetector::Outcome::Kind::Scan);
    EXPECT_EQ(out[0].text, QStringLiteral("]C1010400638133393110LOT") + QChar(0x1D) + QStringLiteral("21SER"));
}

TEST(WedgeDetector, AGapInsideABurstBreaksIt)
{
    WedgeDetector d({});
    qint64 clock = 1000;
    auto first = type(d, QStringLiteral("40063"), 3, clock);
    clock += 100; // a pause no scanner makes
    auto rest = type(d, QStringLiteral("81333931\r"), 3, clock);
    ASSERT_FALSE(rest.isEmpty());
    EXPECT_EQ(rest.first().kind, WedgeDetector::Outcome::Kind::Typing);
    EXPECT_EQ(rest.first().text, QStringLiteral("40063"));
    EXPECT_EQ(rest.last().kind, WedgeDetector::Outcome::Kind::Scan);
    EXPECT_EQ(rest.last().text, QStringLiteral("81333931"));
}
