// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/gtin.h"
#include "support/testhelper.h"

using namespace omnitill;

TEST(Gtin, AcceptsValidCodesOfEveryLength)
{
    for (const char16_t *ok : { u"4006381333931", u"96385074", u"036000291452", u"10012345678902", u"0000000000000" })
        EXPECT_TRUE(Gtin::validate(ok).ok()) << QString::fromUtf16(ok).toStdString();
}

TEST(Gtin, ComputesCheckDigits)
{
    EXPECT_EQ(Gtin::checkDigit(u"400638133393"), 1);
    EXPECT_EQ(Gtin::checkDigit(u"9638507"), 4);
    EXPECT_EQ(Gtin::checkDigit(u"03600029145"), 2);
    EXPECT_EQ(Gtin::checkDigit(u"1001234567890"), 2);
}

TEST(Gtin, ExplainsBadCodes)
{
    auto wrongCheck = Gtin::validate(u"4006381333932");
    ASSERT_FALSE(wrongCheck.ok());
    EXPECT_TRUE(wrongCheck.error().message.contains(QStringLiteral("check digit 2 but its digits give 1")));
    auto letters = Gtin::validate(u"40063813339X1");
    ASSERT_FALSE(letters.ok());
    EXPECT_TRUE(letters.error().message.contains(QStringLiteral("other than digits")));
    auto length = Gtin::validate(u"123456789");
    ASSERT_FALSE(length.ok());
    EXPECT_TRUE(length.error().message.contains(QStringLiteral("9 digits")));
    EXPECT_FALSE(Gtin::validate(u"").ok());
    EXPECT_FALSE(Gtin::validate(u"4006381\u00203339").ok());
    // A hostile, very long input is reported without echoing all of it.
    const QString huge(100000, u'7');
    auto h = Gtin::validate(huge);
    ASSERT_FALSE(h.ok());
    EXPECT_LT(h.error().message.size(), 200);
}

TEST(Gtin, NormalizesGtin14WithLeadingZero)
{
    EXPECT_EQ(*Gtin::normalize(u"04006381333931"), QStringLiteral("4006381333931"));
    EXPECT_EQ(*Gtin::normalize(u"10012345678902"), QStringLiteral("10012345678902"));
    EXPECT_EQ(*Gtin::normalize(u"96385074"), QStringLiteral("96385074"));
    EXPECT_FALSE(Gtin::normalize(u"04006381333932").ok());
}
