// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/money.h"
#include "support/testhelper.h"

using namespace omnitill;
using omnitill::test::eur;

TEST(Currency, KnowsExponents)
{
    EXPECT_EQ(Currency::fromCode(u"EUR")->exponent(), 2);
    EXPECT_EQ(Currency::fromCode(u"JPY")->exponent(), 0);
    EXPECT_EQ(Currency::fromCode(u"KWD")->exponent(), 3);
    EXPECT_EQ(Currency::fromCode(u"CHF")->minorPerMajor(), 100);
    EXPECT_FALSE(Currency::fromCode(u"eur"));
    EXPECT_FALSE(Currency::fromCode(u"XXX"));
    EXPECT_FALSE(Currency::fromCode(u"EURO"));
    EXPECT_FALSE(Currency::fromCode(u""));
}

TEST(Money, ParsesExactly)
{
    EXPECT_EQ(Money::parse(u"12.34", eur())->minor(), 1234);
    EXPECT_EQ(Money::parse(u"12.3", eur())->minor(), 1230);
    EXPECT_EQ(Money::parse(u"12", eur())->minor(), 1200);
    EXPECT_EQ(Money::parse(u" 0.05 ", eur())->minor(), 5);
    EXPECT_EQ(Money::parse(u".5", eur())->minor(), 50);
    EXPECT_EQ(Money::parse(u"-3.10", eur())->minor(), -310);
    EXPECT_EQ(Money::parse(u"1500", *Currency::fromCode(u"JPY"))->minor(), 1500);
    EXPECT_EQ(Money::parse(u"1.234", *Currency::fromCode(u"KWD"))->minor(), 1234);
    // 0.1 + 0.2 is exactly 0.3 in minor units.
    EXPECT_EQ((*Money::parse(u"0.10", eur()) + *Money::parse(u"0.20", eur())).minor(), 30);
}

TEST(Money, RejectsWhatItCannotRepresent)
{
    for (const char16_t *bad :
        { u"12.345", u"1,50", u"1e3", u"abc", u"", u"-", u".", u"1.2.3", u"NaN", u"１２", u"99999999999999999" }) {
        auto m = Money::parse(bad, eur());
        ASSERT_FALSE(m.ok()) << QString::fromUtf16(bad).toStdString();
        EXPECT_EQ(m.error().code, ErrorCode::InvalidInput);
        EXPECT_FALSE(m.error().message.isEmpty());
    }
    EXPECT_TRUE(Money::parse(u"12.345", eur()).error().message.contains(QStringLiteral("at most 2 decimal places")));
    EXPECT_FALSE(Money::parse(u"1.5", *Currency::fromCode(u"JPY")).ok());
}

TEST(Money, Formats)
{
    EXPECT_EQ(Money(1234, eur()).toString(), QStringLiteral("12.34"));
    EXPECT_EQ(Money(-5, eur()).toString(), QStringLiteral("-0.05"));
    EXPECT_EQ(Money(7, eur()).toDisplayString(), QStringLiteral("EUR 0.07"));
    EXPECT_EQ(Money(1500, *Currency::fromCode(u"JPY")).toString(), QStringLiteral("1500"));
    EXPECT_EQ(Money(1, *Currency::fromCode(u"BHD")).toString(), QStringLiteral("0.001"));
}

TEST(Rounding, AllModesOnHalvesAndNonHalves)
{
    struct Case
    {
        qint64 num, den;
        Rounding mode;
        qint64 expected;
    };
    const Case cases[] = {
        { 5, 2, Rounding::HalfUp, 3 },
        { -5, 2, Rounding::HalfUp, -3 },
        { 5, 2, Rounding::HalfEven, 2 },
        { 7, 2, Rounding::HalfEven, 4 },
        { -5, 2, Rounding::HalfEven, -2 },
        { 5, 2, Rounding::HalfDown, 2 },
        { -5, 2, Rounding::HalfDown, -2 },
        { 7, 3, Rounding::Down, 2 },
        { -7, 3, Rounding::Down, -2 },
        { 7, 3, Rounding::Up, 3 },
        { -7, 3, Rounding::Up, -3 },
        { -7, 3, Rounding::Floor, -3 },
        { 7, 3, Rounding::Floor, 2 },
        { 7, 3, Rounding::Ceiling, 3 },
        { -7, 3, Rounding::Ceiling, -2 },
        { 8, 3, Rounding::HalfUp, 3 },
        { 7, 3, Rounding::HalfUp, 2 },
        { 6, 3, Rounding::HalfEven, 2 },
        { 5, -2, Rounding::HalfUp, -3 },
    };
    for (const Case &c : cases)
        EXPECT_EQ(divRound(c.num, c.den, c.mode), c.expected) << c.num << "/" << c.den << " mode " << int(c.mode);
}

TEST(Rounding, CashRoundingToFiveRappen)
{
    const Currency chf = *Currency::fromCode(u"CHF");
    EXPECT_EQ(roundToIncrement(Money(1002, chf), 5).minor(), 1000);
    EXPECT_EQ(roundToIncrement(Money(1003, chf), 5).minor(), 1005);
    EXPECT_EQ(roundToIncrement(Money(1025, chf), 10).minor(), 1030);
    EXPECT_EQ(roundToIncrement(Money(1025, chf), 10, Rounding::HalfEven).minor(), 1020);
    EXPECT_EQ(roundToIncrement(Money(1007, chf), 5, Rounding::Down).minor(), 1005);
    EXPECT_EQ(roundToIncrement(Money(1007, chf), 1).minor(), 1007);
    EXPECT_EQ(roundToIncrement(Money(-1003, chf), 5).minor(), -1005);
}

TEST(Rounding, NoOverflowAtExtremes)
{
    // price 9,999,999,999.99 × 9,999.999 units: the intermediate needs more than 64 bits.
    EXPECT_EQ(divRound(Int128(999'999'999'999) * 9'999'999, 1000, Rounding::HalfUp), 9'999'998'999'990'000);
}

TEST(Percent, ParsesBasisPointsAndTaxRates)
{
    EXPECT_EQ(*parsePercentBp(u"12.5", u"discount"), 1250);
    EXPECT_EQ(*parsePercentBp(u"100", u"discount"), 10000);
    EXPECT_FALSE(parsePercentBp(u"100.01", u"discount").ok());
    EXPECT_FALSE(parsePercentBp(u"-1", u"discount").ok());
    EXPECT_FALSE(parsePercentBp(u"1.234", u"discount").ok());
    EXPECT_EQ(*parseTaxRate(u"8.875", u"tax"), 8875);
    EXPECT_EQ(*parseTaxRate(u"19", u"tax"), 19000);
    EXPECT_FALSE(parseTaxRate(u"101", u"tax").ok());
}

TEST(TypedNumber, ReadsWhatCashiersTypeInTheirLocale)
{
    const QLocale de(QLocale::German, QLocale::Germany);
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    struct Case
    {
        const char16_t *typed;
        const QLocale &locale;
        const char16_t *read;
    };
    const Case cases[] = {
        { u"50,00", de, u"50.00" }, { u"1.234,50", de, u"1234.50" },
        { u" 50.00 ", de, u"50.00" }, // the other mark, not a group of three: a decimal point
        { u"1.234", de, u"1234" }, // a group of three: thousands
        { u"1,5", de, u"1.5" }, { u"1,234.50", en, u"1234.50" }, { u"50.00", en, u"50.00" }, { u"50,5", en, u"50.5" },
        { u"1 234,50", de, u"1234.50" }, { u"1,2,3", de, u"1,2,3" }, // not a number: left for the parser's message
    };
    for (const Case &c : cases)
        EXPECT_EQ(typedNumber(QStringView(c.typed), c.locale), QString::fromUtf16(c.read))
            << QString::fromUtf16(c.typed).toStdString();
    EXPECT_EQ(Money::parse(typedNumber(u"50,00", de), *Currency::fromCode(u"EUR"))->minor(), 5000);
    EXPECT_FALSE(Money::parse(typedNumber(u"1,2,3", de), *Currency::fromCode(u"EUR")).ok());
}
