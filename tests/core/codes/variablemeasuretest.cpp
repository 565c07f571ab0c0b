// SPDX-License-Identifier: GPL-3.0-or-later
// In-store price and weight labels (EAN-13 prefixes 02 and 20-29): rules and profiles, and reading labels with their
// check digits. Ringing them up is in tests/core/sale/scanresolvertest.cpp, the store setting in
// tests/core/settings/labelsettingstest.cpp.
#include "core/codes/variablemeasure.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
QString refusal(const char *spec)
{
    auto r = VariableMeasure::parse(QString::fromLatin1(spec));
    return r ? QStringLiteral("<accepted>") : r.error().message;
}
} // namespace

TEST(VariableMeasure, PriceCheckDigitFollowsGs1)
{
    // GS1 General Specifications' worked example: price 2875 has price check digit 9.
    EXPECT_EQ(VariableMeasure::priceCheckDigit(u"2875"), 9);
    EXPECT_EQ(VariableMeasure::priceCheckDigit(u"0000"), 0);
    EXPECT_EQ(VariableMeasure::priceCheckDigit(u"0001"), 5); // 5- of 1 = 5; 5 × 3 = 15
    EXPECT_EQ(VariableMeasure::priceCheckDigit(u"1000"), 6); // 2- of 1 = 2; 2 × 3 = 6
}

TEST(VariableMeasure, ProfilesAndRulesParse)
{
    EXPECT_TRUE(labelRules("none").isEmpty());
    EXPECT_TRUE(labelRules("").isEmpty());
    const auto us = labelRules("us");
    ASSERT_EQ(us.rules.size(), 1);
    EXPECT_EQ(us.rules[0].firstPrefix, 2);
    EXPECT_EQ(us.rules[0].layout, QStringLiteral("IIIIIVPPPP"));
    EXPECT_EQ(us.spec, QStringLiteral("us"));
    const auto mixed = labelRules("20-24:IIIIIPPPPP; 25-29:IIIIIWWWWW");
    ASSERT_EQ(mixed.rules.size(), 2);
    EXPECT_EQ(mixed.rules[1].firstPrefix, 25);
    EXPECT_EQ(mixed.rules[1].lastPrefix, 29);
    EXPECT_TRUE(refusal("20-29").contains(QStringLiteral("PREFIX:LAYOUT")));
    EXPECT_TRUE(refusal("20-29").contains(QStringLiteral("price5-weight5"))) << "lists the profiles";
    EXPECT_TRUE(refusal("40:IIIIIPPPPP").contains(QStringLiteral("only prefixes 02 and 20-29")));
    EXPECT_TRUE(refusal("02-20:IIIIIPPPPP").contains(QStringLiteral("only prefixes 02 and 20-29")))
        << "03-19 are real products' GTINs";
    EXPECT_TRUE(refusal("19-21:IIIIIPPPPP").contains(QStringLiteral("only prefixes 02 and 20-29")));
    EXPECT_TRUE(refusal("29-20:IIIIIPPPPP").contains(QStringLiteral("two digits or a range")));
    EXPECT_TRUE(refusal("20:IIIIPPPPP").contains(QStringLiteral("10 of I")));
    EXPECT_TRUE(refusal("20:IIIIIXPPPP").contains(QStringLiteral("10 of I")));
    EXPECT_TRUE(refusal("20:IIIIIPPWWW").contains(QStringLiteral("either price or weight")));
    EXPECT_TRUE(refusal("20:0000000PPP").contains(QStringLiteral("item digits")));
    EXPECT_TRUE(refusal("20:IIIIIVPPPPP").contains(QStringLiteral("10 of I")));
    EXPECT_TRUE(refusal("20:IIIIVPPPPP").contains(QStringLiteral("exactly four price digits")));
    EXPECT_TRUE(refusal("20-25:IIIIIPPPPP;25:IIIIIWWWWW").contains(QStringLiteral("overlaps")));
}

TEST(VariableMeasure, ReadsLabelsAndChecksThem)
{
    const auto price5 = labelRules("price5");
    auto label = VariableMeasure::read(price5, u"2012345019959");
    ASSERT_TRUE(label && label->ok());
    EXPECT_EQ((*label)->lookupKey, QStringLiteral("2012345000001"));
    EXPECT_EQ((*label)->priceMinor, 1995);
    EXPECT_FALSE((*label)->grams);

    EXPECT_FALSE(VariableMeasure::read(price5, u"4006381333931")) << "an ordinary EAN-13";
    EXPECT_FALSE(VariableMeasure::read(price5, u"96385074")) << "EAN-8";
    EXPECT_FALSE(VariableMeasure::read(labelRules("none"), u"2012345019959")) << "no rules: an ordinary barcode";
    auto misread = VariableMeasure::read(price5, u"2012345019958");
    ASSERT_TRUE(misread);
    EXPECT_FALSE(misread->ok());
    EXPECT_TRUE(misread->error().message.contains(QStringLiteral("check digit")));

    const auto us = labelRules("us");
    auto upc = VariableMeasure::read(us, u"0212345928752");
    ASSERT_TRUE(upc && upc->ok()) << qPrintable(upc && !upc->ok() ? upc->error().message : QString());
    EXPECT_EQ((*upc)->priceMinor, 2875);
    EXPECT_EQ((*upc)->lookupKey, QStringLiteral("0212345000007"));
    // Same code with a wrong price check digit (8) and a recomputed EAN check digit: printed wrong, refused.
    auto badPrice = VariableMeasure::read(us, u"0212345828755");
    ASSERT_TRUE(badPrice);
    ASSERT_FALSE(badPrice->ok());
    EXPECT_TRUE(badPrice->error().message.contains(QStringLiteral("price check digit is 8 but the price 2875 gives 9")))
        << qPrintable(badPrice->error().message);

    auto weight = VariableMeasure::read(labelRules("price5-weight5"), u"2500042007350");
    ASSERT_TRUE(weight && weight->ok());
    EXPECT_EQ((*weight)->grams, 735);
    EXPECT_EQ((*weight)->lookupKey, QStringLiteral("2500042000009"));
}
