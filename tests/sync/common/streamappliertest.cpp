// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal side of pull streams, page by page without a hub: each page commits with its cursor, a bad row
// refuses the whole page, tombstones remove, and a refetch removes what the hub no longer has. The whole path
// through a hub is tests/sync/pulltest.cpp.
#include "sync/common/streamapplier.h"

#include "core/catalog/catalog.h"
#include "core/customers/customerstore.h"
#include "core/storage/database.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class StreamApplierTest : public DbFixture
{
protected:
    static StreamChange upsert(qint64 seq, const QString &key, const QByteArray &row)
    {
        return StreamChange { seq, false, key, row, rowHash(row) };
    }
    static StreamChange remove(qint64 seq, const QString &key) { return StreamChange { seq, true, key, {}, {} }; }
    static CatalogRecord item(const QString &sku, qint64 priceMinor)
    {
        CatalogRecord r;
        r.source = r.sku = sku;
        r.productCode = sku;
        r.productName = QStringLiteral("Item ") + sku;
        r.taxClassCode = QStringLiteral("STD");
        r.price = Money(priceMinor, eur());
        return r;
    }
    static StreamChange itemChange(qint64 seq, const QString &sku, qint64 priceMinor)
    {
        const CatalogRecord r = item(sku, priceMinor);
        return upsert(seq, catalogKey(r), catalogRow(r));
    }
    Status apply(const QString &stream, QList<StreamChange> changes, qint64 nextCursor)
    {
        return StreamApplier::applyPage(db(), PullPage { stream, std::move(changes), nextCursor, true });
    }
    qint64 cursor(const QString &stream) { return StreamApplier::cursor(db(), stream).value(); }
    void applyTax()
    {
        const QByteArray tax = taxRow(TaxClass { QStringLiteral("STD"), QStringLiteral("Standard"), 19000 });
        ASSERT_TRUE(apply(kTaxStream, { upsert(1, QStringLiteral("STD"), tax) }, 1).ok());
    }
};

TEST_F(StreamApplierTest, EachPageCommitsWithItsCursor)
{
    applyTax();
    EXPECT_EQ(cursor(kTaxStream), 1);
    auto st = apply(
        kCatalogStream, { itemChange(2, QStringLiteral("A"), 100), itemChange(3, QStringLiteral("B"), 250) }, 3);
    ASSERT_TRUE(st.ok()) << qPrintable(st.error().message);
    EXPECT_EQ(cursor(kCatalogStream), 3);
    Catalog catalog(db());
    EXPECT_EQ(catalog.lookupSku(u"B", eur(), kNow)->price, Money(250, eur()));
    EXPECT_EQ(catalog.search(u"item")->size(), 2) << "pulled items are searchable";

    // A page that overlaps what is applied (an answer lost and asked for again) changes nothing twice.
    ASSERT_TRUE(
        apply(kCatalogStream, { itemChange(3, QStringLiteral("B"), 999), itemChange(4, QStringLiteral("C"), 5) }, 4)
            .ok());
    EXPECT_EQ(catalog.lookupSku(u"B", eur(), kNow)->price, Money(250, eur())) << "seq 3 was already applied";
    EXPECT_TRUE(catalog.lookupSku(u"C", eur(), kNow).ok());
    EXPECT_EQ(cursor(kCatalogStream), 4);
    EXPECT_EQ(StreamApplier::digest(db(), kCatalogStream)->count, 3);
}

TEST_F(StreamApplierTest, ABadRowRefusesTheWholePage)
{
    applyTax();
    const QByteArray notStock = R"({"sku":"A","store":"S001","on_hand_milli":"lots"})";
    auto st = apply(kStockStream,
        { upsert(2, QStringLiteral("A|S001"), R"({"sku":"A","store":"S001","on_hand_milli":5000})"),
            upsert(3, QStringLiteral("B|S001"), notStock) },
        3);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(st.error().message.contains(QStringLiteral("on_hand_milli"))) << qPrintable(st.error().message);
    EXPECT_EQ(cursor(kStockStream), 0) << "the cursor never runs ahead of the data";
    EXPECT_FALSE(StreamApplier::row(db(), kStockStream, QStringLiteral("A|S001"))->has_value())
        << "the good row of the refused page was not kept either";
    auto unknown = apply(QStringLiteral("gossip"), {}, 1);
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("does not apply stream \"gossip\"")));
}

TEST_F(StreamApplierTest, TombstonesRemoveRowsAndPrices)
{
    applyTax();
    ASSERT_TRUE(apply(kCatalogStream, { itemChange(2, QStringLiteral("A"), 100) }, 2).ok());
    const QString ada = QStringLiteral("0190d5a4-0000-7000-8000-00000000000a");
    const QString grace = QStringLiteral("0190d5a4-0000-7000-8000-00000000000b");
    ASSERT_TRUE(apply(kCustomersStream,
        { upsert(3, ada, QStringLiteral(R"({"id":"%1","name":"Ada"})").arg(ada).toUtf8()),
            upsert(4, grace, QStringLiteral(R"({"id":"%1","name":"Grace"})").arg(grace).toUtf8()) },
        4)
                    .ok());
    ASSERT_TRUE(apply(kCatalogStream, { remove(5, catalogKey(item(QStringLiteral("A"), 100))) }, 5).ok());
    ASSERT_TRUE(apply(kCustomersStream, { remove(6, ada) }, 6).ok());
    Catalog catalog(db());
    EXPECT_FALSE(catalog.lookupSku(u"A", eur(), kNow).ok()) << "no price any more: not sellable";
    CustomerStore customers(db(), fixedClock());
    EXPECT_FALSE(customers.profile(ada)->has_value()) << "erased";
    EXPECT_TRUE(customers.profile(grace)->has_value());
    EXPECT_EQ(StreamApplier::digest(db(), kCustomersStream)->count, 1);
    EXPECT_EQ(StreamApplier::digest(db(), kCatalogStream)->count, 0);
}

TEST_F(StreamApplierTest, ARefetchRemovesWhatTheHubNoLongerHas)
{
    ASSERT_TRUE(apply(kConfigStream,
        { upsert(1, QStringLiteral("a"), R"({"value":1})"), upsert(2, QStringLiteral("b"), R"({"value":2})") }, 2)
                    .ok());
    ASSERT_TRUE(StreamApplier::beginRefetch(db(), kConfigStream).ok());
    EXPECT_TRUE(StreamApplier::refetching(db(), kConfigStream));
    EXPECT_EQ(cursor(kConfigStream), 0) << "a refetch starts from the beginning";
    // The hub now holds only "b" (compacted: its change number moved on).
    ASSERT_TRUE(apply(kConfigStream, { upsert(7, QStringLiteral("b"), R"({"value":3})") }, 7).ok());
    EXPECT_TRUE(StreamApplier::row(db(), kConfigStream, QStringLiteral("a"))->has_value()) << "until the refetch ends";
    ASSERT_TRUE(StreamApplier::finishRefetch(db(), kConfigStream).ok());
    EXPECT_FALSE(StreamApplier::refetching(db(), kConfigStream));
    EXPECT_FALSE(StreamApplier::row(db(), kConfigStream, QStringLiteral("a"))->has_value());
    EXPECT_EQ(**StreamApplier::row(db(), kConfigStream, QStringLiteral("b")), QByteArray(R"({"value":3})"));
    StreamDigest expected;
    expected.add(QStringLiteral("b"), rowHash(R"({"value":3})"));
    EXPECT_TRUE(*StreamApplier::digest(db(), kConfigStream) == expected);
}
