// SPDX-License-Identifier: GPL-3.0-or-later
// In-store price and weight labels (EAN-13 prefixes 02 and 20-29): rules and profiles, reading labels with their
// check digits, ringing them up, and the store setting through the CLI.
#include "core/variablemeasure.h"
#include "core/cart.h"
#include "core/scanresolver.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

namespace {
VariableMeasure::Rules rules(const char *spec)
{
    auto r = VariableMeasure::parse(QString::fromLatin1(spec));
    EXPECT_TRUE(r.ok()) << spec << ": " << (r ? "" : qPrintable(r.error().message));
    return r ? *r : VariableMeasure::Rules {};
}

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
    EXPECT_TRUE(rules("none").isEmpty());
    EXPECT_TRUE(rules("").isEmpty());
    const auto us = rules("us");
    ASSERT_EQ(us.rules.size(), 1);
    EXPECT_EQ(us.rules[0].firstPrefix, 2);
    EXPECT_EQ(us.rules[0].layout, QStringLiteral("IIIIIVPPPP"));
    EXPECT_EQ(us.spec, QStringLiteral("us"));
    const auto mixed = rules("20-24:IIIIIPPPPP; 25-29:IIIIIWWWWW");
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
    const auto price5 = rules("price5");
    auto label = VariableMeasure::read(price5, u"2012345019959");
    ASSERT_TRUE(label && label->ok());
    EXPECT_EQ((*label)->lookupKey, QStringLiteral("2012345000001"));
    EXPECT_EQ((*label)->priceMinor, 1995);
    EXPECT_FALSE((*label)->grams);

    EXPECT_FALSE(VariableMeasure::read(price5, u"4006381333931")) << "an ordinary EAN-13";
    EXPECT_FALSE(VariableMeasure::read(price5, u"96385074")) << "EAN-8";
    EXPECT_FALSE(VariableMeasure::read(rules("none"), u"2012345019959")) << "no rules: an ordinary barcode";
    auto misread = VariableMeasure::read(price5, u"2012345019958");
    ASSERT_TRUE(misread);
    EXPECT_FALSE(misread->ok());
    EXPECT_TRUE(misread->error().message.contains(QStringLiteral("check digit")));

    const auto us = rules("us");
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

    auto weight = VariableMeasure::read(rules("price5-weight5"), u"2500042007350");
    ASSERT_TRUE(weight && weight->ok());
    EXPECT_EQ((*weight)->grams, 735);
    EXPECT_EQ((*weight)->lookupKey, QStringLiteral("2500042000009"));
}

class LabelScanTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(writeItems(db(),
            { { QStringLiteral("DELI-SALAD"), QStringLiteral("2012345000001"), Unit::Kilogram, 1290 }, // label price
                { QStringLiteral("CHEESE"), QStringLiteral("2500042000009"), Unit::Kilogram, 1890 }, // label weight
                { QStringLiteral("BREAD"), QStringLiteral("2500043000008"), Unit::Each,
                    250 } })); // a weight label is wrong here
    }
};

TEST_F(LabelScanTest, PriceAndWeightLabelsRingUpWhatTheyCarry)
{
    Catalog catalog(db());
    const auto labels = rules("price5-weight5");
    auto salad = resolveScan(catalog, u"2012345019959", eur(), kNow, labels);
    ASSERT_TRUE(salad.ok()) << qPrintable(salad.error().message);
    EXPECT_EQ(salad->item.sku, QStringLiteral("DELI-SALAD"));
    EXPECT_EQ(salad->item.price, Money(1995, eur())) << "the label's price, not the catalog's per-kg price";
    EXPECT_EQ(salad->item.unit, Unit::Each);
    EXPECT_EQ(salad->quantity, 1000);
    EXPECT_EQ(salad->scannedCode, QStringLiteral("2012345019959"));
    auto cheese = resolveScan(catalog, u"2500042007350", eur(), kNow, labels);
    ASSERT_TRUE(cheese.ok()) << qPrintable(cheese.error().message);
    EXPECT_EQ(cheese->item.sku, QStringLiteral("CHEESE"));
    EXPECT_EQ(cheese->quantity, 735) << "0.735 kg at the catalog's price per kg";

    // Two salads at different prices are two lines; the same price twice is one line of two.
    Cart cart(eur(), PricingMode::TaxInclusive);
    ASSERT_TRUE(cart.add(salad->item, salad->quantity, salad->scannedCode).ok());
    ASSERT_TRUE(cart.add(salad->item, salad->quantity, salad->scannedCode).ok());
    auto cheaper = resolveScan(catalog, u"2012345012998", eur(), kNow, labels);
    ASSERT_TRUE(cheaper.ok()) << qPrintable(cheaper.error().message);
    ASSERT_TRUE(cart.add(cheaper->item, cheaper->quantity, cheaper->scannedCode).ok());
    ASSERT_TRUE(cart.add(cheese->item, cheese->quantity, cheese->scannedCode).ok());
    ASSERT_EQ(cart.lines().size(), 3);
    EXPECT_EQ(cart.lines()[0].quantity, 2000);
    EXPECT_EQ(cart.lines()[1].amountMinor, 1299);
    EXPECT_EQ(cart.lines()[2].amountMinor, 1389) << "0.735 × 18.90 = 13.8915, half-up";
    EXPECT_EQ(cart.totals().totalMinor, 1995 * 2 + 1299 + 1389);
}

TEST_F(LabelScanTest, BadLabelsAreRefusedWithAReason)
{
    Catalog catalog(db());
    const auto labels = rules("price5-weight5");
    auto unknown = resolveScan(catalog, u"2199999019952", eur(), kNow, labels);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("no item is registered as 2199999000004")))
        << qPrintable(unknown.error().message);
    auto pieces = resolveScan(catalog, u"2500043005003", eur(), kNow, labels);
    ASSERT_FALSE(pieces.ok());
    EXPECT_TRUE(pieces.error().message.contains(QStringLiteral("sold by the piece")));
    auto free = resolveScan(catalog, u"2012345000001", eur(), kNow, labels);
    ASSERT_FALSE(free.ok()) << "the registration code itself carries price zero";
    EXPECT_TRUE(free.error().message.contains(QStringLiteral("price of zero")));
    auto misread = resolveScan(catalog, u"2012345019958", eur(), kNow, labels);
    ASSERT_FALSE(misread.ok());
    EXPECT_TRUE(misread.error().message.contains(QStringLiteral("check digit")));
    // Without label rules the same code is only an unknown barcode.
    auto plain = resolveScan(catalog, u"2012345019959", eur(), kNow);
    ASSERT_FALSE(plain.ok());
    EXPECT_EQ(plain.error().code, ErrorCode::NotFound);
}

TEST_F(LabelScanTest, TheStoreSettingIsSetAndUsedByTheCli)
{
    m_db.reset();
    QString out;
    QString err;
    auto run = [&](const QStringList &args) {
        const CliRun r = runCli(path(), args);
        out = r.out;
        err = r.err;
        return r.exitCode;
    };
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::NotFound);
    ASSERT_EQ(run({ QStringLiteral("labels") }), ExitCode::Ok);
    EXPECT_TRUE(out.startsWith(QStringLiteral("label rules: none\n")));
    EXPECT_EQ(run({ QStringLiteral("labels"), QStringLiteral("40:IIIIIPPPPP") }), ExitCode::DataError);
    EXPECT_TRUE(err.contains(QStringLiteral("only prefixes 02 and 20-29")));
    ASSERT_EQ(run({ QStringLiteral("labels"), QStringLiteral("price5-weight5") }), ExitCode::Ok) << qPrintable(err);
    EXPECT_TRUE(out.startsWith(QStringLiteral("label rules: price5-weight5\n")));
    ASSERT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::Ok) << qPrintable(err);
    EXPECT_TRUE(out.contains(QStringLiteral("sku: CHEESE\n")));
    EXPECT_TRUE(out.contains(QStringLiteral("quantity: 0.735\n"))) << qPrintable(out);
    ASSERT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2012345019959") }), ExitCode::Ok) << qPrintable(err);
    EXPECT_TRUE(out.contains(QStringLiteral("price: EUR 19.95"))) << qPrintable(out);
    ASSERT_EQ(run({ QStringLiteral("labels"), QStringLiteral("none") }), ExitCode::Ok);
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("2500042007350") }), ExitCode::NotFound);

    // A setting broken outside the CLI is reported, not ignored.
    reopen();
    ASSERT_TRUE(writeMeta(db().connection(), QStringLiteral("label_rules"), QStringLiteral("20:BROKEN")).ok());
    EXPECT_FALSE(VariableMeasure::loadStoreRules(db()).ok());
    m_db.reset();
    EXPECT_EQ(run({ QStringLiteral("lookup"), QStringLiteral("4006381333931") }), ExitCode::DataError);
    EXPECT_TRUE(err.contains(QStringLiteral("label rules are broken"))) << qPrintable(err);
}
