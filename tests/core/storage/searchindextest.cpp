// SPDX-License-Identifier: GPL-3.0-or-later
// The search counts (search_prefix) and omnitill_rank: the same results in the same order as FTS5's bm25(), counts
// that stay exact through every kind of catalog change, and a schema step that counts an existing catalog.
#include "core/storage/searchindex.h"
#include "core/storage/migrations.h"
#include "support/testhelper.h"

#include <QSqlQuery>
#include <QVariant>

#include <random>

using namespace omnitill;
using namespace omnitill::test;

class SearchIndexTest : public DbFixture
{
protected:
    // The search as it ranked before search_prefix existed: FTS5's own bm25(), counting every word's rows.
    QList<qint64> searchWithBm25(QStringView text, int limit = 20)
    {
        QList<qint64> ids;
        const QString match = Catalog::ftsQuery(text);
        if (match.isEmpty())
            return ids;
        QSqlQuery q(db().connection());
        EXPECT_TRUE(q.prepare(QStringLiteral(
            "SELECT v.id FROM (SELECT rowid, rank FROM (SELECT rowid, rank FROM variant_fts "
            "WHERE variant_fts MATCH ? LIMIT ?) ORDER BY rank LIMIT ?) f JOIN variant v ON v.id = f.rowid "
            "WHERE v.active = 1 ORDER BY f.rank")));
        q.addBindValue(match);
        q.addBindValue(Catalog::kSearchCandidates);
        q.addBindValue(limit);
        EXPECT_TRUE(q.exec()) << qPrintable(q.lastError().text());
        while (q.next())
            ids << q.value(0).toLongLong();
        return ids;
    }
    QList<qint64> search(Catalog &catalog, QStringView text, int limit = 20)
    {
        auto hits = catalog.search(text, limit);
        EXPECT_TRUE(hits.ok()) << qPrintable(hits.error().message);
        QList<qint64> ids;
        for (const SearchHit &h : hits.value_or({}))
            ids << h.variantId;
        return ids;
    }
    // Every word of every product name, and the brands.
    QStringList vocabulary()
    {
        QStringList words;
        QSqlQuery q(db().connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT DISTINCT name FROM product UNION SELECT DISTINCT brand FROM "
                                          "product")));
        while (q.next())
            words << q.value(0).toString().split(u' ', Qt::SkipEmptyParts);
        words.removeDuplicates();
        words.sort();
        return words;
    }
    void expectCountsExact()
    {
        auto wrong = SearchIndex::verify(db().connection());
        ASSERT_TRUE(wrong.ok()) << qPrintable(wrong.error().message);
        EXPECT_TRUE(wrong->isEmpty()) << wrong->size() << " prefixes counted wrong, e.g. "
                                      << (wrong->isEmpty() ? std::string() : wrong->first().toStdString());
    }
    Status write(const QList<CatalogRecord> &records)
    {
        Transaction tx(db().connection());
        CatalogWriter w(db());
        if (auto st = w.prepare(); !st)
            return st;
        for (const CatalogRecord &r : records) {
            if (auto st = w.write(r); !st)
                return st;
        }
        if (auto st = w.finish(); !st)
            return st;
        return tx.commit();
    }
    static CatalogRecord record(const QString &sku, const QString &name, const QString &brand = {})
    {
        CatalogRecord r;
        r.source = sku;
        r.sku = sku;
        r.productCode = sku;
        r.productName = name;
        r.brand = brand;
        r.taxClassCode = QStringLiteral("STD");
        r.taxRateMilliPct = 19000;
        r.price = Money(100, eur());
        return r;
    }
};

// Prefixes of one to six letters of every word in the catalog, alone and in pairs: the same variants in the same
// order as bm25() ranks them.
TEST_F(SearchIndexTest, RanksExactlyAsBm25)
{
    seedDemo(3000);
    ASSERT_TRUE(write({ record(QStringLiteral("U-1"), QStringLiteral("Crème brûlée Ærø Straße"), QStringLiteral("Çà")),
                          record(QStringLiteral("U-2"), QStringLiteral("Smørrebrød 日本茶 ΑΒΓ"), QStringLiteral("Øl")),
                          record(QStringLiteral("U-3"), QStringLiteral("creme CREME Creme b b b")) })
                    .ok());
    Catalog catalog(db());
    QStringList queries = { QStringLiteral("b"), QStringLiteral("shirt m"), QStringLiteral("koch bio"),
        QStringLiteral("crème"), QStringLiteral("CREME"), QStringLiteral("straße"), QStringLiteral("日本"),
        QStringLiteral("αβ"), QStringLiteral("smør"), QStringLiteral("sku000"), QStringLiteral("a b c d e f g h i") };
    const QStringList words = vocabulary();
    ASSERT_GT(words.size(), 20);
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
        const QString &w = words[qsizetype(rng() % quint32(words.size()))];
        QString q = w.left(1 + int(rng() % 6));
        if (i % 3 == 0)
            q += u' ' + words[qsizetype(rng() % quint32(words.size()))].left(1 + int(rng() % 4));
        queries << q;
    }
    int compared = 0;
    for (const QString &q : queries) {
        const QList<qint64> expected = searchWithBm25(q);
        ASSERT_EQ(search(catalog, q), expected) << qPrintable(q);
        compared += expected.isEmpty() ? 0 : 1;
        ASSERT_EQ(search(catalog, q, 200), searchWithBm25(q, 200)) << qPrintable(q);
    }
    EXPECT_GT(compared, 250) << "most queries found something to rank";
}

// New rows, renamed products, unchanged rows written again, deactivated and moved variants: the counts are those of
// a full recount after each change, and the ranking still bm25()'s.
TEST_F(SearchIndexTest, CountsStayExactThroughChanges)
{
    seedDemo(500);
    expectCountsExact();
    ASSERT_TRUE(
        write({ record(QStringLiteral("N-1"), QStringLiteral("Bergkäse mild"), QStringLiteral("Alpenhof")),
                  record(QStringLiteral("N-2"), QStringLiteral("Bergkäse würzig"), QStringLiteral("Alpenhof")) })
            .ok());
    expectCountsExact();
    // Renamed, and the same text written again.
    ASSERT_TRUE(
        write({ record(QStringLiteral("N-1"), QStringLiteral("Bergkäse extra mild"), QStringLiteral("Alpenhof")),
                  record(QStringLiteral("N-2"), QStringLiteral("Bergkäse würzig"), QStringLiteral("Alpenhof")) })
            .ok());
    expectCountsExact();
    // A variant moved to another product, with a label.
    CatalogRecord moved = record(QStringLiteral("N-2"), QStringLiteral("Hartkäse"), QStringLiteral("Käserei"));
    moved.productCode = QStringLiteral("HK");
    moved.variantLabel = QStringLiteral("250 g");
    ASSERT_TRUE(write({ moved }).ok());
    expectCountsExact();
    // The same record many times in one transaction.
    QList<CatalogRecord> again;
    for (int i = 0; i < 5; ++i)
        again << record(QStringLiteral("N-1"), QStringLiteral("Bergkäse %1").arg(i), QStringLiteral("Alpenhof"));
    ASSERT_TRUE(write(again).ok());
    expectCountsExact();
    Catalog catalog(db());
    for (const char16_t *q : { u"berg", u"b", u"käse", u"hart 250", u"alpen" })
        EXPECT_EQ(search(catalog, q), searchWithBm25(q)) << QString::fromUtf16(q).toStdString();
    ASSERT_FALSE(search(catalog, u"hart 250").isEmpty());
}

// A failed import rolls the counts back with the index.
TEST_F(SearchIndexTest, ARolledBackWriteLeavesTheCountsAlone)
{
    seedDemo(200);
    {
        Transaction tx(db().connection());
        CatalogWriter w(db());
        ASSERT_TRUE(w.prepare().ok());
        ASSERT_TRUE(w.write(record(QStringLiteral("X-1"), QStringLiteral("Zwetschgenmus"))).ok());
        ASSERT_TRUE(w.finish().ok());
    } // no commit
    expectCountsExact();
    QSqlQuery q(db().connection());
    ASSERT_TRUE(
        q.exec(QStringLiteral("SELECT count(*) FROM search_prefix WHERE prefix = CAST('zwe' AS BLOB)")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 0);
}

// A store from before search_prefix: the schema step counts its catalog, and search ranks as before.
TEST_F(SearchIndexTest, TheSchemaStepCountsAnExistingCatalog)
{
    const QString path = file(QStringLiteral("v6.db"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v6"));
        raw.setDatabaseName(path);
        ASSERT_TRUE(raw.open());
        ASSERT_EQ(Migrations::run(raw, 0, 6).value_or(-1), 6);
        for (const char *sql : {
                 "INSERT INTO tax_class (id, code, name, rate_milli_pct) VALUES (1, 'STD', 'S', 19000)",
                 "INSERT INTO product (id, code, name, brand, tax_class_id, unit) VALUES (1, 'P1', 'Vollmilch', "
                 "'Alpenhof', 1, 'each'), (2, 'P2', 'Vollkornbrot', 'Bäckerei', 1, 'each')",
                 "INSERT INTO variant (id, product_id, sku, label) VALUES (1, 1, 'MILK', ''), (2, 2, 'BROT', '')",
                 "INSERT INTO variant_fts (rowid, text) VALUES (1, 'Vollmilch Alpenhof  MILK'), "
                 "(2, 'Vollkornbrot Bäckerei  BROT')",
             }) {
            ASSERT_TRUE(execDirect(raw, QString::fromUtf8(sql)).ok()) << sql;
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v6"));
    m_db.reset();
    auto opened = Database::open(path);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    m_db = std::move(opened).value();
    expectCountsExact();
    QSqlQuery q(db().connection());
    ASSERT_TRUE(
        q.exec(QStringLiteral("SELECT rows FROM search_prefix WHERE prefix = CAST('voll' AS BLOB)")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 2);
    Catalog catalog(db());
    EXPECT_EQ(search(catalog, u"voll").size(), 2);
    EXPECT_EQ(search(catalog, u"voll"), searchWithBm25(u"voll"));
    EXPECT_EQ(search(catalog, u"bäcker").size(), 1) << "accents are folded as the index folds them";
    EXPECT_EQ(search(catalog, u"backer").size(), 1) << "accents are folded as the index folds them";
}

// FTS5's own tokenizer: folded, without diacritics, split where FTS5 splits.
TEST_F(SearchIndexTest, TokensAreWhatFts5Indexes)
{
    auto tokenizer = SearchIndex::Tokenizer::open(db().connection());
    ASSERT_TRUE(tokenizer.ok()) << qPrintable(tokenizer.error().message);
    auto tokens
        = (*tokenizer)
              ->tokens(QStringLiteral("Crème-Brûlée 2×Øl, ΑΒΓ").toUtf8(), SearchIndex::Tokenizer::Purpose::Document);
    ASSERT_TRUE(tokens.ok());
    QStringList text;
    for (const QByteArray &t : *tokens)
        text << QString::fromUtf8(t);
    EXPECT_EQ(text,
        (QStringList { QStringLiteral("creme"), QStringLiteral("brulee"), QStringLiteral("2"), QStringLiteral("øl"),
            QStringLiteral("αβγ") }));
}
