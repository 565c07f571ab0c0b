// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/importer.h"
#include "support/testhelper.h"

#include <QBuffer>

using namespace omnitill;
using namespace omnitill::test;

class ImporterTest : public DbFixture
{
protected:
    Result<ImportReport> importCsvText(const QByteArray &csv)
    {
        QBuffer buffer;
        buffer.setData(csv);
        buffer.open(QIODevice::ReadOnly);
        CatalogImporter importer(db());
        importer.setDefaultCurrency(eur());
        return importer.importCsv(buffer, QStringLiteral("test.csv"));
    }
    void expectRejected(const QByteArray &csv, const QString &messagePart, ErrorCode code = ErrorCode::InvalidInput)
    {
        const qint64 before = count(QStringLiteral("variant"));
        auto r = importCsvText(csv);
        ASSERT_FALSE(r.ok()) << csv.constData();
        EXPECT_EQ(r.error().code, code) << qPrintable(r.error().message);
        EXPECT_TRUE(r.error().message.contains(messagePart))
            << "expected \"" << qPrintable(messagePart) << "\" in: " << qPrintable(r.error().message);
        EXPECT_EQ(count(QStringLiteral("variant")), before) << "a rejected import must write nothing";
        EXPECT_EQ(count(QStringLiteral("variant_fts")), before);
    }
    static QByteArray header() { return "sku,name,price,tax_class,tax_rate,barcode,unit\n"; }
};

TEST_F(ImporterTest, ImportsCsvWithQuotingBomAndVariants)
{
    CatalogImporter importer(db());
    auto r = importer.importFile(dataPath(QStringLiteral("import/catalog.csv")));
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->records, 5);
    EXPECT_EQ(count(QStringLiteral("variant")), 4);
    EXPECT_EQ(count(QStringLiteral("product")), 3);
    EXPECT_EQ(count(QStringLiteral("barcode")), 5);
    EXPECT_EQ(count(QStringLiteral("price")), 5);
    Catalog c(db());
    auto apples = c.lookupBarcode(u"96385074", eur(), kNow);
    ASSERT_TRUE(apples.ok());
    EXPECT_EQ(apples->name, QStringLiteral("Äpfel \"Gala\", lose"));
    EXPECT_EQ(apples->unit, Unit::Kilogram);
    EXPECT_EQ(apples->category, QStringLiteral("Fruit, Vegetables"));
    // valid_from 2026-11-20 .. 2026-11-27 (UTC in tests) covers kNow.
    EXPECT_EQ(c.lookupSku(u"MILK-1", eur(), kNow)->price.minor(), 99);
    EXPECT_EQ(c.lookupBarcode(u"4000000000006", eur(), kNow)->sku, QStringLiteral("TEE-S"));
}

TEST_F(ImporterTest, ReimportIsIdempotentAndUpdatesPrices)
{
    CatalogImporter importer(db());
    ASSERT_TRUE(importer.importFile(dataPath(QStringLiteral("import/catalog.csv"))).ok());
    ASSERT_TRUE(importer.importFile(dataPath(QStringLiteral("import/catalog.csv"))).ok());
    EXPECT_EQ(count(QStringLiteral("variant")), 4);
    EXPECT_EQ(count(QStringLiteral("price")), 5);
    EXPECT_EQ(count(QStringLiteral("variant_fts")), 4);
    ASSERT_TRUE(importCsvText("sku,name,price,tax_class\nTEE-S,Crew T-Shirt,17.50,STD\n").ok());
    EXPECT_EQ(Catalog(db()).lookupSku(u"TEE-S", eur(), kNow)->price.minor(), 1750);
}

TEST_F(ImporterTest, SemicolonSeparatedFiles)
{
    CatalogImporter importer(db());
    importer.setDefaultCurrency(eur());
    auto r = importer.importFile(dataPath(QStringLiteral("import/semicolon.csv")));
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(Catalog(db()).lookupSku(u"B-2", eur(), kNow)->name, QStringLiteral("Laugen; Brezel"));
    auto bad = importer.importFile(dataPath(QStringLiteral("import/semicolon-bad.csv")));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("line 2"))) << qPrintable(bad.error().message);
}

TEST_F(ImporterTest, RejectsMalformedCsvAndWritesNothing)
{
    expectRejected("", QStringLiteral("empty"));
    expectRejected(header(), QStringLiteral("no records"));
    expectRejected("sku,name,prcie,tax_class\n", QStringLiteral("unknown column \"prcie\""));
    expectRejected("sku,name,tax_class\n", QStringLiteral("no \"price\" column"));
    expectRejected("sku,sku,name,price,tax_class\n", QStringLiteral("appears twice"));
    expectRejected(header() + "A,Apple,1.00,RED,7\n", QStringLiteral("line 2: 5 fields, but the header has 7"));
    expectRejected(header() + "A,Apple,1.00,RED,7,4006381333932,each\n", QStringLiteral("check digit"));
    expectRejected(header() + "A,Apple,1.00,RED,7,12345,each\n", QStringLiteral("5 digits"));
    expectRejected(header() + "A,Apple,\"1,00\",RED,7,,each\n", QStringLiteral("EUR amount \"1,00\""));
    expectRejected(header() + "A,Apple,-1.00,RED,7,,each\n", QStringLiteral("negative"));
    expectRejected(header() + "A,Apple,1.001,RED,7,,each\n", QStringLiteral("at most 2 decimal places"));
    expectRejected(header() + "A,Apple,1.00,RED,7,,dozen\n", QStringLiteral("unit \"dozen\""));
    expectRejected(header() + "A,Apple,1.00,NEW,,,each\n", QStringLiteral("tax class \"NEW\" is unknown"),
        ErrorCode::InvalidInput);
    expectRejected(header() + "A,Apple,1.00,RED,250,,each\n", QStringLiteral("between 0 and 100"));
    expectRejected(header() + "A,\"Apple,1.00,RED,7,,each\n", QStringLiteral("quoted field is never closed"));
    expectRejected(header() + "A,App\"\"le,1.00,RED,7,,each\n", QStringLiteral("inside an unquoted field"));
    expectRejected(header() + "A,Apple,1.00,RED,7,,each\n" + QByteArray("B,\xff\xfe,1.00,RED,7,,each\n"),
        QStringLiteral("line 3: the text is not valid UTF-8"));
    expectRejected(header() + ",Apple,1.00,RED,7,,each\n", QStringLiteral("the SKU is empty"));
    expectRejected(header() + "A,,1.00,RED,7,,each\n", QStringLiteral("has no name"));
    expectRejected(header() + "A,Apple,,RED,7,,each\n", QStringLiteral("has no price"));
    expectRejected("sku,name,price,tax_class,currency\nA,Apple,1.00,RED,EURO\n", QStringLiteral("\"EURO\""));
    expectRejected("sku,name,price,tax_class,tax_rate,valid_from\nA,Apple,1.00,RED,7,tomorrow\n",
        QStringLiteral("valid_from \"tomorrow\""));
    expectRejected("sku,name,price,tax_class,tax_rate,valid_from,valid_to\nA,Apple,1.00,RED,7,2026-12-01,2026-11-01\n",
        QStringLiteral("ends before it starts"));
}

TEST_F(ImporterTest, OneBadRowAmongThousandsWritesNothingAndNamesTheLine)
{
    QByteArray csv = header();
    for (int i = 0; i < 3000; ++i)
        csv += "S" + QByteArray::number(i) + ",Item " + QByteArray::number(i) + ",1.00,RED,7,,each\n";
    csv += "BAD,Broken,1.00,RED,7,4006381333932,each\n";
    csv += "S-LAST,Item,x,RED,7,,each\n";
    expectRejected(csv, QStringLiteral("line 3002: SKU BAD"));
    auto r = importCsvText(csv);
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("2 problem(s)")));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("line 3003")));
    EXPECT_EQ(count(QStringLiteral("variant")), 0);
    EXPECT_EQ(count(QStringLiteral("tax_class")), 0);
}

// The reader takes the file in chunks: records straddle them, quoted fields hold line breaks, commas and doubled
// quotes, lines end in CRLF, the last has no line end; the line numbers in messages still count physical lines.
TEST_F(ImporterTest, ReadsRecordsAcrossReadChunksAndCountsLinesInsideQuotes)
{
    QByteArray csv = header();
    constexpr int kRecords = 20000; // about 1.2 MB, several read chunks
    for (int i = 0; i < kRecords; ++i)
        csv += "S" + QByteArray::number(i) + ",\"Item \"\"" + QByteArray::number(i)
            + "\"\",\r\nsecond line\",1.00,RED,7,,each" + (i + 1 < kRecords ? "\r\n" : "");
    auto r = importCsvText(csv);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->records, kRecords);
    Catalog catalog(db());
    auto item = catalog.lookupSku(u"S12345", eur(), kNow);
    ASSERT_TRUE(item.ok());
    EXPECT_EQ(item->name, QStringLiteral("Item \"12345\",\r\nsecond line"));

    // Each record above is two lines: the one after the last starts on line 2 + 2 * kRecords.
    expectRejected(
        csv + "\r\nBAD,Broken,x,RED,7,,each\r\n", QStringLiteral("line %1: EUR amount \"x\"").arg(2 + 2 * kRecords));
}

TEST_F(ImporterTest, ARecordLongerThanOneMebibyteIsNamedAndSkipped)
{
    const QByteArray longName(1536 * 1024, 'x');
    auto r = importCsvText(
        header() + "A,Apple,1.00,RED,7,,each\nB," + longName + ",1.00,RED,7,,each\nC,Pear,y,RED,7,,each\n");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("line 3: the record is longer than 1 MiB")))
        << qPrintable(r.error().message.left(300));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("line 4: EUR amount \"y\"")))
        << qPrintable(r.error().message.left(300));
    EXPECT_EQ(count(QStringLiteral("variant")), 0);
}

TEST_F(ImporterTest, StopsCollectingAfterTwentyProblems)
{
    QByteArray csv = header();
    for (int i = 0; i < 100; ++i)
        csv += "S" + QByteArray::number(i) + ",Item,1.00,RED,7,1,each\n";
    auto r = importCsvText(csv);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("stopped after 20 problems")));
}

TEST_F(ImporterTest, BarcodeConflictIsAConflict)
{
    expectRejected(header() + "A,Apple,1.00,RED,7,4006381333931,each\nB,Pear,1.00,RED,7,4006381333931,each\n",
        QStringLiteral("already belongs to SKU A"), ErrorCode::Conflict);
}

TEST_F(ImporterTest, FullDiskLeavesTheCatalogAsItWas)
{
    ASSERT_TRUE(importCsvText(header() + "A,Apple,1.00,RED,7,,each\n").ok());
    fillDisk();
    QByteArray csv = header();
    for (int i = 0; i < 5000; ++i)
        csv += "S" + QByteArray::number(i) + ",A rather long product name to fill pages " + QByteArray::number(i)
            + ",1.00,RED,7,,each\n";
    auto r = importCsvText(csv);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::StorageFull);
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("disk is full")));
    EXPECT_EQ(count(QStringLiteral("variant")), 1);
    EXPECT_TRUE(db().integrityCheck().ok());
}

TEST_F(ImporterTest, ImportsJson)
{
    CatalogImporter importer(db());
    auto r = importer.importFile(dataPath(QStringLiteral("import/catalog.json")));
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->records, 3);
    EXPECT_EQ(r->taxClasses, 2);
    Catalog c(db());
    EXPECT_EQ(c.lookupBarcode(u"4000000000006", eur(), kNow)->price.minor(), 1499);
    EXPECT_EQ(c.lookupBarcode(u"4000000000006", usd(), kNow)->price.minor(), 2100);
    EXPECT_EQ(c.lookupSku(u"EMM-KG", eur(), kNow)->unit, Unit::Kilogram);
}

TEST_F(ImporterTest, RejectsMalformedJson)
{
    CatalogImporter importer(db());
    struct Case
    {
        QByteArray json;
        QString message;
    };
    const QList<Case> cases = {
        { "{\n  \"products\": [\n    {\"code\": \"A\",,}\n  ]\n}", QStringLiteral("invalid JSON at line 3, column") },
        { "[]", QStringLiteral("\"products\" array") },
        { "{\"products\": [42]}", QStringLiteral("products[0]") },
        { R"({"taxClasses":[{"code":"S","rate":19}],"products":[]})", QStringLiteral("\"rate\" must be a string") },
        { R"({"products":[{"code":"A","name":"A","taxClass":"S","variants":[{"sku":"A","prices":[{"currency":"EUR","amount":1.99}]}]}]})",
            QStringLiteral("\"amount\" must be a string") },
        { R"({"taxClasses":[{"code":"S","rate":"19"}],"products":[{"code":"A","name":"A","taxClass":"S","variants":[{"sku":"A","barcodes":[4006381333931],"prices":[{"currency":"EUR","amount":"1.99"}]}]}]})",
            QStringLiteral("barcodes must be strings") },
        { R"({"taxClasses":[{"code":"S","rate":"19"}],"products":[{"code":"A","name":"A","taxClass":"S","variants":[{"sku":"A","prices":[]}]}]})",
            QStringLiteral("has no prices") },
        { R"({"taxClasses":[{"code":"S","rate":"19"}],"products":[{"code":"A","name":"A","taxClass":"S","unit":"box","variants":[{"sku":"A","prices":[{"currency":"EUR","amount":"1"}]}]}]})",
            QStringLiteral("unit \"box\"") },
    };
    for (const Case &c : cases) {
        auto r = importer.importJson(c.json, QStringLiteral("t.json"));
        ASSERT_FALSE(r.ok()) << c.json.constData();
        EXPECT_TRUE(r.error().message.contains(c.message)) << qPrintable(r.error().message);
    }
    EXPECT_EQ(count(QStringLiteral("variant")), 0);
    EXPECT_EQ(count(QStringLiteral("tax_class")), 0);
}

TEST_F(ImporterTest, UnknownFileTypeAndMissingFile)
{
    CatalogImporter importer(db());
    auto missing = importer.importFile(file(QStringLiteral("nope.csv")));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::Io);
    QFile xml(file(QStringLiteral("c.xml")));
    ASSERT_TRUE(xml.open(QIODevice::WriteOnly));
    xml.close();
    auto wrongType = importer.importFile(xml.fileName());
    ASSERT_FALSE(wrongType.ok());
    EXPECT_TRUE(wrongType.error().message.contains(QStringLiteral("unknown file type")));
}

TEST(ImporterTimestamps, ParsesDatesAndDateTimes)
{
    EXPECT_EQ(*CatalogImporter::parseTimestamp(u"2026-11-22T10:00:00Z", u"t"), kNow);
    EXPECT_EQ(*CatalogImporter::parseTimestamp(u"2026-11-22T11:00:00+01:00", u"t"), kNow);
    EXPECT_EQ(*CatalogImporter::parseTimestamp(u"2026-11-22", u"t"), kNow - 10 * 3600'000); // local midnight (TZ=UTC)
    EXPECT_FALSE(CatalogImporter::parseTimestamp(u"22.11.2026", u"t").ok());
    EXPECT_FALSE(CatalogImporter::parseTimestamp(u"2026-13-01", u"t").ok());
}
