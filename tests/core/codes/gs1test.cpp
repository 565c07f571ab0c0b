// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/gs1.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
const QDate kToday(2026, 11, 22);
const QString GS = QString(QChar(0x1D));
} // namespace

TEST(Gs1, ParsesElementStringsWithAndWithoutSymbologyIdentifiers)
{
    for (const QString &text : QStringList {
             QStringLiteral("]d2010400638133393117261231") + QStringLiteral("10ABC-12") + GS + QStringLiteral("21XYZ"),
             QStringLiteral("0104006381333931172612311") + QStringLiteral("0ABC-12") + GS + QStringLiteral("21XYZ"),
             QStringLiteral("(01)04006381333931(17)261231(10)ABC-12(21)XYZ"),
             QStringLiteral("]C1") + GS + QStringLiteral("0104006381333931172612311") + QStringLiteral("0ABC-12") + GS
                 + QStringLiteral("21XYZ") }) {
        auto m = Gs1::parse(text, kToday);
        ASSERT_TRUE(m.ok()) << qPrintable(text) << ": " << qPrintable(m.error().message);
        EXPECT_EQ(m->gtin(), QStringLiteral("4006381333931"));
        EXPECT_EQ(m->value(u"10"), QStringLiteral("ABC-12"));
        EXPECT_EQ(m->value(u"21"), QStringLiteral("XYZ"));
        EXPECT_EQ(m->expiry(), QDate(2026, 12, 31));
    }
}

TEST(Gs1, DecimalAndFixedLengthAis)
{
    auto m = Gs1::parse(u"(01)04006381333931(3103)001250(3922)1999", kToday);
    ASSERT_TRUE(m.ok()) << qPrintable(m.error().message);
    EXPECT_EQ(m->netWeightGrams(), 1250); // 1.250 kg
    EXPECT_EQ(m->value(u"3922"), QStringLiteral("1999")); // 19.99 in two decimals
    EXPECT_EQ(Gs1::parse(u"(01)04006381333931(3102)000125", kToday)->netWeightGrams(), 1250);
    EXPECT_EQ(Gs1::parse(u"(01)04006381333931(3105)001250", kToday)->netWeightGrams(), 12);
    // A fixed-length AI needs no separator after it; a variable one ends at GS or at the end.
    auto raw = Gs1::parse(QString(QStringLiteral("01040063813339313103001250") + QStringLiteral("10LOT7")), kToday);
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(raw->value(u"10"), QStringLiteral("LOT7"));
}

TEST(Gs1, DatesFollowTheCenturyRule)
{
    EXPECT_EQ(Gs1::parseDate(u"261231", kToday), QDate(2026, 12, 31));
    EXPECT_EQ(Gs1::parseDate(u"760101", kToday), QDate(2076, 1, 1)); // up to 50 years ahead
    EXPECT_EQ(Gs1::parseDate(u"770101", kToday), QDate(1977, 1, 1)); // 51 or more: the previous century
    EXPECT_EQ(Gs1::parseDate(u"260200", kToday), QDate(2026, 2, 28)); // DD 00: last day of the month
    EXPECT_EQ(Gs1::parseDate(u"280200", kToday), QDate(2028, 2, 29));
    EXPECT_FALSE(Gs1::parseDate(u"261301", kToday));
    EXPECT_FALSE(Gs1::parseDate(u"260231", kToday));
    EXPECT_FALSE(Gs1::parseDate(u"26123", kToday));
}

TEST(Gs1, ParsesDigitalLinks)
{
    auto m = Gs1::parse(u"https://id.gs1.org/01/04006381333931/10/ABC%2F1?17=261231&linkType=gs1:pip", kToday);
    ASSERT_TRUE(m.ok()) << qPrintable(m.error().message);
    EXPECT_EQ(m->gtin(), QStringLiteral("4006381333931"));
    EXPECT_EQ(m->value(u"10"), QStringLiteral("ABC/1"));
    EXPECT_EQ(m->expiry(), QDate(2026, 12, 31));
    EXPECT_TRUE(Gs1::parse(u"https://shop.example.com/p/01/04006381333931", kToday).ok()) << "a path prefix is allowed";
    EXPECT_FALSE(Gs1::parse(u"https://example.com/products/42", kToday).ok());
    EXPECT_FALSE(Gs1::parse(u"https://id.gs1.org/01/04006381333932", kToday).ok());
}

TEST(Gs1, ExplainsBadData)
{
    struct Case
    {
        QString text;
        const char *message;
    };
    const QList<Case> cases = {
        { QStringLiteral("(01)04006381333932"), "wrong check digit" },
        { QStringLiteral("(01)0400638133393"), "must have 14 characters" },
        { QStringLiteral("(17)261301"), "not a valid YYMMDD date" },
        { QStringLiteral("(10)") + QString(21, u'A'), "1 to 20 characters" },
        { QStringLiteral("(01)0400638133393X"), "digits only" },
        { QStringLiteral("(7777)1"), "unknown" },
        { QStringLiteral("(01)04006381333931(01)04000000000006"), "appears twice" },
        { QStringLiteral("010400638133"), "cut short" },
        { QStringLiteral("(01"), "not closed" },
        { QStringLiteral("]d2"), "empty" },
        { QStringLiteral("(10)A\u00e9B"), "does not allow" },
        { QString(5000, u'1'), "longer than any GS1 symbol" },
    };
    for (const Case &c : cases) {
        auto m = Gs1::parse(c.text, kToday);
        ASSERT_FALSE(m.ok()) << qPrintable(c.text.left(60));
        EXPECT_TRUE(m.error().message.contains(QLatin1String(c.message))) << qPrintable(m.error().message);
    }
}

TEST(Gs1, KnowsWhatLooksLikeGs1)
{
    EXPECT_TRUE(Gs1::looksLikeGs1(u"]d2010400638133393117261231"));
    EXPECT_TRUE(Gs1::looksLikeGs1(u"(01)04006381333931"));
    EXPECT_TRUE(Gs1::looksLikeGs1(u"https://id.gs1.org/01/04006381333931"));
    EXPECT_FALSE(Gs1::looksLikeGs1(u"4006381333931"));
    EXPECT_FALSE(Gs1::looksLikeGs1(u"SKU0000001"));
}
