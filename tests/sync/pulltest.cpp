// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/importer.h"
#include "core/customers/customerstore.h"
#include "support/httpclient.h"
#include "support/synchelper.h"
#include "sync/common/streamapplier.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QProcess>
#include <QSqlRecord>

#include <random>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

class PullTest : public SyncFixture
{
protected:
    qint64 streamChanges(const QString &stream)
    {
        QSqlQuery q(m_hub->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM stream_change WHERE stream = ?"));
        q.addBindValue(stream);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
    // Every catalog fact a till uses, in a stable order: two stores with the same dump sell identically.
    static QByteArray catalogDump(const QString &path)
    {
        auto db = Database::open(path);
        QSqlQuery q((*db)->connection());
        QByteArray dump;
        for (const char *sql : { "SELECT code, name, rate_milli_pct FROM tax_class ORDER BY code",
                 "SELECT v.sku, v.label, v.active, p.code, p.name, p.brand, p.unit, t.code, coalesce(c.code, '') FROM "
                 "variant v "
                 "JOIN product p ON p.id = v.product_id JOIN tax_class t ON t.id = p.tax_class_id "
                 "LEFT JOIN category c ON c.id = p.category_id ORDER BY v.sku",
                 "SELECT b.code, v.sku FROM barcode b JOIN variant v ON v.id = b.variant_id ORDER BY b.code",
                 "SELECT v.sku, pr.currency, pr.amount_minor, pr.valid_from_ms, coalesce(pr.valid_to_ms, -1) FROM "
                 "price pr "
                 "JOIN variant v ON v.id = pr.variant_id ORDER BY v.sku, pr.currency, pr.valid_from_ms",
                 "SELECT rowid, text FROM variant_fts ORDER BY rowid" }) {
            if (!q.exec(QString::fromLatin1(sql)))
                return "query failed";
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    dump += q.value(i).toString().toUtf8() + '\t';
                dump += '\n';
            }
        }
        return dump;
    }
};

TEST_F(PullTest, HubPublishesOnlyWhatChanged)
{
    auto sink = m_hub->catalogPublisher();
    CatalogImporter importer(*sink);
    ASSERT_TRUE(importer.importFile(dataPath(QStringLiteral("import/catalog.csv"))).ok());
    EXPECT_EQ(streamChanges(kCatalogStream), 5);
    EXPECT_EQ(streamChanges(kTaxStream), 2);
    ASSERT_TRUE(importer.importFile(dataPath(QStringLiteral("import/catalog.csv"))).ok());
    EXPECT_EQ(streamChanges(kCatalogStream), 5) << "an unchanged import publishes nothing";
    QBuffer changed;
    changed.setData("sku,name,price,currency,tax_class\nTEE-S,Crew T-Shirt,17.50,EUR,STD\n");
    changed.open(QIODevice::ReadOnly);
    ASSERT_TRUE(importer.importCsv(changed, QStringLiteral("change.csv")).ok());
    EXPECT_EQ(streamChanges(kCatalogStream), 6);
    // A bad file publishes nothing at all.
    QBuffer bad;
    bad.setData("sku,name,price,currency,tax_class,barcode\nX,Y,1.00,EUR,STD,4006381333932\n");
    bad.open(QIODevice::ReadOnly);
    EXPECT_FALSE(importer.importCsv(bad, QStringLiteral("bad.csv")).ok());
    EXPECT_EQ(streamChanges(kCatalogStream), 6);
}

TEST_F(PullTest, ATerminalPullsTheWholeCatalogPageByPage)
{
    publishDemo(500);
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t, 37));
    expectSameAsHub(t);
    auto db = Database::open(t.path);
    Catalog catalog(**db);
    EXPECT_EQ(*catalog.variantCount(), 500);
    auto item = catalog.lookupSku(u"SKU0000020", eur(), kNow);
    ASSERT_TRUE(item.ok()) << qPrintable(item.error().message);
    EXPECT_EQ(item->tax.rateMilliPct == 19000 || item->tax.rateMilliPct == 7000, true);
    EXPECT_FALSE(catalog.search(u"shirt")->isEmpty());
    // The same catalog imported locally gives the same store, fact for fact.
    const QString local = m_dir.filePath(QStringLiteral("local.db"));
    {
        auto ldb = Database::open(local);
        ASSERT_TRUE(DemoCatalog::seed(**ldb, DemoOptions { 500, 42, kNow }).ok());
    }
    EXPECT_EQ(catalogDump(t.path), catalogDump(local));
}

TEST_F(PullTest, ChangesAndDeletionsReachTheTerminal)
{
    publishDemo(100);
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t));
    auto rows = m_hub->pull(kCatalogStream, 0, 2000);
    ASSERT_TRUE(rows.ok());
    auto first = catalogRecordFromRow(rows->changes.first().row);
    ASSERT_TRUE(first.ok());
    CatalogRecord changed = *first;
    changed.price = Money(first->price->minor() + 100, eur());
    ASSERT_TRUE(m_hub->publish(kCatalogStream, catalogKey(changed), catalogRow(changed)).ok());
    // A new promotion window, then its removal.
    CatalogRecord promo = *first;
    promo.validFromMs = kNow - 1000;
    promo.validToMs = kNow + 86400'000;
    promo.price = Money(1, eur());
    ASSERT_TRUE(m_hub->publish(kCatalogStream, catalogKey(promo), catalogRow(promo)).ok());
    ASSERT_TRUE(syncOnce(t));
    {
        auto db = Database::open(t.path);
        EXPECT_EQ(Catalog(**db).lookupSku(first->sku, eur(), kNow)->price.minor(), 1);
    }
    ASSERT_TRUE(m_hub->publish(kCatalogStream, catalogKey(promo), std::nullopt).ok());
    ASSERT_TRUE(syncOnce(t));
    auto db = Database::open(t.path);
    EXPECT_EQ(Catalog(**db).lookupSku(first->sku, eur(), kNow)->price.minor(), first->price->minor() + 100);
    expectSameAsHub(t);
}

TEST_F(PullTest, MustRefetchAfterCompactionKeepsPendingSales)
{
    publishDemo(80);
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t));
    sell(t.path, 5, 1); // sales waiting to sync while the catalog is reset
    auto rows = m_hub->pull(kCatalogStream, 0, 2000);
    const auto gone = *catalogRecordFromRow(rows->changes[3].row);
    ASSERT_TRUE(m_hub->publish(kCatalogStream, catalogKey(gone), std::nullopt).ok());
    ASSERT_TRUE(m_hub
                    ->publish(kCatalogStream, QStringLiteral("SKU-NEW|EUR|0"),
                        catalogRow(CatalogRecord { QString(), QStringLiteral("NEW"), QStringLiteral("New thing"), {},
                            {}, {}, QStringLiteral("STD"), std::nullopt, Unit::Each, QStringLiteral("SKU-NEW"), {}, {},
                            Money(250, eur()), 0, std::nullopt }))
                    .ok());
    auto removed = m_hub->compact(kCatalogStream, rows->nextCursor + 10);
    ASSERT_TRUE(removed.ok());
    ASSERT_GT(*removed, 0);
    ASSERT_FALSE(m_hub->pull(kCatalogStream, rows->nextCursor, 10).ok()) << "the old cursor must now be refused";
    ASSERT_TRUE(syncOnce(t));
    expectSameAsHub(t);
    auto db = Database::open(t.path);
    Catalog catalog(**db);
    EXPECT_FALSE(catalog.lookupSku(gone.sku, eur(), kNow).ok()) << "the deleted price window is gone";
    EXPECT_EQ(catalog.lookupSku(u"SKU-NEW", eur(), kNow)->price.minor(), 250);
    EXPECT_EQ(scalar(t.path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")), 0);
    EXPECT_EQ(*m_hub->eventCount(), 5);
}

TEST_F(PullTest, ChecksumMismatchTriggersARefetch)
{
    publishDemo(60);
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t));
    { // lose one applied change, as a bug or a bad restore might
        auto db = Database::open(t.path);
        ASSERT_TRUE(execDirect((*db)->connection(),
            QStringLiteral("DELETE FROM price WHERE variant_id = (SELECT id FROM variant WHERE sku = 'SKU0000007')"))
                        .ok());
        ASSERT_TRUE(
            execDirect((*db)->connection(), QStringLiteral("DELETE FROM pulled_row WHERE key LIKE 'SKU0000007|%'"))
                .ok());
    }
    ASSERT_TRUE(syncOnce(t, 100, 0));
    expectSameAsHub(t);
    auto db = Database::open(t.path);
    EXPECT_TRUE(Catalog(**db).lookupSku(u"SKU0000007", eur(), kNow).ok());
}

TEST_F(PullTest, StockCustomersCartsAndConfigReachTheTerminal)
{
    QBuffer lines;
    auto publish = [&](const QString &stream, const QByteArray &jsonl) {
        lines.close();
        lines.setData(jsonl);
        lines.open(QIODevice::ReadOnly);
        return m_hub->publishLines(stream, lines);
    };
    ASSERT_EQ(*publish(kStockStream,
                  R"({"key": "SKU0000001|S001", "row": {"sku": "SKU0000001", "store": "S001", "on_hand_milli": 12000}}
{"key": "SKU0000002|S001", "row": {"sku": "SKU0000002", "store": "S001", "on_hand_milli": 0}}
)"),
        2);
    {
        // Customers come from the hub's records, imported (publish-stream refuses them).
        QByteArray line = R"({"id": "0190d5a4-0000-7000-8000-000000001001", "name": "Ana Müller", "points": 420})";
        QBuffer b(&line);
        b.open(QIODevice::ReadOnly);
        ASSERT_EQ(*m_hub->importCustomers(b), 1);
        EXPECT_FALSE(publish(kCustomersStream, R"({"key": "C-1", "row": {"id": "C-1", "name": "X"}})").ok());
    }
    ASSERT_EQ(
        *publish(kCartsStream,
            R"({"key": "WEB-77", "row": {"cart_id": "WEB-77", "version": 3, "currency": "EUR", "lines": [{"sku": "SKU0000001", "qty": "2"}]}})"),
        1);
    ASSERT_EQ(*publish(kConfigStream, R"({"key": "cash_rounding", "row": {"value": "0.05"}})"), 1);
    // Bad rows are refused with their line, and nothing of the file is published.
    auto bad = publish(
        kStockStream, R"({"key": "SKU0000003|S001", "row": {"sku": "SKU0000003", "store": "S001", "on_hand_milli": 5}}
{"key": "SKU0000004|S001", "row": {"sku": "SKU0000004", "store": "S001", "on_hand_milli": 1.5}}
)");
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.startsWith(QStringLiteral("line 2:"))) << qPrintable(bad.error().message);
    EXPECT_FALSE(
        publish(kCartsStream, R"({"key": "WEB-1", "row": {"cart_id": "WEB-2", "version": 1, "lines": []}})").ok());
    EXPECT_FALSE(publish(QStringLiteral("weather"), R"({"key": "x", "row": {}})").ok());
    EXPECT_EQ(streamChanges(kStockStream), 2);

    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(syncOnce(t));
    expectSameAsHub(t);
    {
        auto db = Database::open(t.path);
        CustomerStore customers(**db, [] { return kNow; });
        auto customer = customers.profile(QStringLiteral("0190d5a4-0000-7000-8000-000000001001"));
        ASSERT_TRUE(customer.ok() && customer->has_value());
        EXPECT_EQ((*customer)->customer.name, QStringLiteral("Ana Müller"));
        EXPECT_EQ((*customer)->customer.points, 420);
        EXPECT_TRUE(StreamApplier::row(**db, kCartsStream, QStringLiteral("WEB-77"))->has_value());
        EXPECT_TRUE(StreamApplier::row(**db, kConfigStream, QStringLiteral("cash_rounding"))->has_value());
    }
    ASSERT_EQ(*publish(kStockStream, R"({"key": "SKU0000002|S001", "delete": true})"), 1);
    ASSERT_EQ(
        *publish(kCartsStream, R"({"key": "WEB-77", "row": {"cart_id": "WEB-77", "version": 4, "lines": []}})"), 1);
    ASSERT_TRUE(syncOnce(t));
    expectSameAsHub(t);
    auto db = Database::open(t.path);
    EXPECT_FALSE(StreamApplier::row(**db, kStockStream, QStringLiteral("SKU0000002|S001"))->has_value());
    EXPECT_TRUE((*StreamApplier::row(**db, kCartsStream, QStringLiteral("WEB-77")))->contains("\"version\":4"));
}

TEST_F(PullTest, DamagedPageIsRefusedWhole)
{
    PullPage page { kCatalogStream,
        { StreamChange { 1, false, QStringLiteral("A|EUR|0"), "{\"sku\":\"A\"}", QByteArray(32, 'x') } }, 1, true };
    auto decoded = decodePullPage(encodePullPage(page));
    ASSERT_FALSE(decoded.ok());
    EXPECT_TRUE(decoded.error().message.contains(QStringLiteral("damaged")));
}

// T7: killed at random points while applying pages, the terminal ends with exactly the catalog a clean full pull
// gives: the cursor is never ahead of the data it stands for.
TEST_F(PullTest, KilledWhilePullingConvergesToTheSameCatalog)
{
    publishDemo(3000);
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        QProcess gen;
        gen.start(QStringLiteral(OMNITILL_SALEGEN_BIN),
            { t.path, QStringLiteral("--no-sales"), QStringLiteral("--pull-limit"), QStringLiteral("40"),
                QStringLiteral("--hub"), QStringLiteral("http://127.0.0.1:%1").arg(m_hubPort),
                QStringLiteral("--token"), QString::fromLatin1(t.token) });
        ASSERT_TRUE(gen.waitForStarted());
        QTest::qWait(int(30 + rng() % 150));
        gen.kill();
        ASSERT_TRUE(gen.waitForFinished());
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok() && (*db)->integrityCheck().ok()) << "round " << round;
        // The mirror never claims rows the cursor has not reached, nor misses rows below it.
        auto cursor = StreamApplier::cursor(**db, kCatalogStream);
        auto below = m_hub->pull(kCatalogStream, 0, kMaxPullLimit);
        qint64 expected = 0;
        for (const StreamChange &c : below->changes)
            expected += c.seq <= *cursor ? 1 : 0;
        if (*cursor <= below->nextCursor) {
            EXPECT_EQ(StreamApplier::digest(**db, kCatalogStream)->count, expected) << "round " << round;
        }
    }
    ASSERT_TRUE(syncOnce(t, 500));
    expectSameAsHub(t);
    const Terminal fresh = makeEmptyTerminal(QStringLiteral("fresh"));
    ASSERT_TRUE(syncOnce(fresh, 2000));
    EXPECT_EQ(catalogDump(t.path), catalogDump(fresh.path));
}

TEST_F(PullTest, UnknownStreamsAndOversizedPagesAreRefused)
{
    const Terminal t = makeEmptyTerminal(QStringLiteral("t1"));
    auto pull = terminalGet(m_hubPort, "/sync/v1/pull?stream=gossip&cursor=0&limit=10", t.token, t.terminalId);
    EXPECT_EQ(pull.status, 404);
    EXPECT_TRUE(pull.body.contains("UNKNOWN_STREAM")) << pull.body.constData();
    EXPECT_TRUE(pull.body.contains("there is no stream \\\"gossip\\\"")) << pull.body.constData();
    auto checksum = terminalGet(m_hubPort, "/sync/v1/checksum?stream=gossip", t.token, t.terminalId);
    EXPECT_EQ(checksum.status, 404);
    auto huge = terminalGet(m_hubPort, "/sync/v1/pull?stream=catalog&cursor=0&limit=100000", t.token, t.terminalId);
    EXPECT_EQ(huge.status, 400);
    EXPECT_TRUE(huge.body.contains("limit 1 to 2000")) << huge.body.constData();
    EXPECT_EQ(
        terminalGet(m_hubPort, "/sync/v1/pull?stream=catalog&cursor=0&limit=2000", t.token, t.terminalId).status, 200);
    EXPECT_FALSE(m_hub->pull(QStringLiteral("gossip"), 0, 10).ok());
    EXPECT_FALSE(m_hub->pull(kCatalogStream, 0, kMaxPullLimit + 1).ok());
}
