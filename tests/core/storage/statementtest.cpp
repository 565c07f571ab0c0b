// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/statement.h"
#include "core/storage/database.h"
#include "support/testhelper.h"

#include <QSqlQuery>
#include <QVariant>

using namespace omnitill;
using namespace omnitill::test;

class StatementTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(execDirect(db().connection(),
            QStringLiteral("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT, "
                           "b BLOB, n INTEGER)"))
                        .ok());
    }
    Status insert(qint64 k, QStringView v)
    {
        auto st = db().statement("INSERT INTO t (k, v) VALUES (?, ?)");
        if (!st)
            return st.error();
        st->bind(0, k).bind(1, v);
        return st->run(u"inserting");
    }
};

TEST_F(StatementTest, KeptStatementsRunAgainWithNewValues)
{
    for (qint64 k = 1; k <= 100; ++k)
        ASSERT_TRUE(insert(k, QStringLiteral("value %1").arg(k)).ok());
    auto q = db().statement("SELECT v, b, n FROM t WHERE k = ?");
    ASSERT_TRUE(q.ok());
    q->bind(0, qint64(42));
    ASSERT_TRUE(*q->next(u"reading"));
    EXPECT_EQ(q->text(0), QStringLiteral("value 42"));
    EXPECT_TRUE(q->isNull(1));
    EXPECT_TRUE(q->blob(1).isNull());
    EXPECT_TRUE(q->isNull(2));
    EXPECT_FALSE(*q->next(u"reading"));
    EXPECT_EQ(count(QStringLiteral("t")), 100);
}

// Text goes in and out unchanged, whatever it is; broken UTF-16 is stored as Qt's UTF-8 writes it ('?'), not merged
// with the next character as SQLite's own UTF-16 conversion would.
TEST_F(StatementTest, TextBlobsAndIntegersRoundTrip)
{
    const QString texts[] = { QStringLiteral("Müsli \"Bio\""), QString::fromUtf16(u"\U0001F600 ☕ Ω"),
        QString::fromUtf16(u"nul\0inside", 10), QString(), QStringLiteral("") };
    for (qint64 k = 0; k < qint64(std::size(texts)); ++k)
        ASSERT_TRUE(insert(k, texts[k]).ok());
    ASSERT_TRUE(insert(99, QString(QString(QChar(0xD800)) + QStringLiteral("lone"))).ok());
    auto q = db().statement("SELECT v, typeof(v) FROM t WHERE k = ?");
    ASSERT_TRUE(q.ok());
    for (qint64 k = 0; k < qint64(std::size(texts)); ++k) {
        q->bind(0, k);
        ASSERT_TRUE(*q->next(u"reading"));
        EXPECT_EQ(q->text(0), texts[k].isNull() ? QStringLiteral("") : texts[k]) << k;
        EXPECT_EQ(q->text(1), QStringLiteral("text")) << "a null QString is empty text, not NULL";
        q->reset();
    }
    q->bind(0, qint64(99));
    ASSERT_TRUE(*q->next(u"reading"));
    EXPECT_EQ(q->text(0), QStringLiteral("?lone"));

    auto w = db().statement("UPDATE t SET b = ?, n = ? WHERE k = 0");
    ASSERT_TRUE(w.ok());
    const QByteArray bytes("\x00\x01\xff\x5a", 4);
    w->bindBlob(0, bytes).bind(1, std::numeric_limits<qint64>::min());
    ASSERT_TRUE(w->run(u"updating").ok());
    auto r = db().statement("SELECT b, n FROM t WHERE k = 0");
    ASSERT_TRUE(r.ok() && *r->next(u"reading"));
    EXPECT_EQ(r->blob(0), bytes);
    EXPECT_EQ(r->int64(1), std::numeric_limits<qint64>::min());
}

// A second user of the same SQL while the first still steps through its rows gets its own statement.
TEST_F(StatementTest, NestedUseOfTheSameSqlIsSafe)
{
    for (qint64 k = 1; k <= 5; ++k)
        ASSERT_TRUE(insert(k, QString::number(k)).ok());
    const std::string_view sql = "SELECT k FROM t WHERE k >= ? ORDER BY k";
    auto outer = db().statement(sql);
    ASSERT_TRUE(outer.ok());
    outer->bind(0, qint64(1));
    qint64 pairs = 0;
    while (*outer->next(u"outer")) {
        auto inner = db().statement(sql);
        ASSERT_TRUE(inner.ok());
        inner->bind(0, outer->int64(0));
        while (*inner->next(u"inner"))
            ++pairs;
    }
    EXPECT_EQ(pairs, 5 + 4 + 3 + 2 + 1);
}

// A statement given back mid-way through its rows is reset: it holds no read transaction, so the WAL can be
// checkpointed in full from another connection and a writer there is not blocked.
TEST_F(StatementTest, GivingBackEndsTheRead)
{
    for (qint64 k = 1; k <= 50; ++k)
        ASSERT_TRUE(insert(k, QString::number(k)).ok());
    {
        auto q = db().statement("SELECT k FROM t ORDER BY k");
        ASSERT_TRUE(q.ok());
        ASSERT_TRUE(*q->next(u"reading"));
    }
    auto other = Database::open(path());
    ASSERT_TRUE(other.ok());
    QSqlQuery checkpoint((*other)->connection());
    ASSERT_TRUE(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && checkpoint.next());
    EXPECT_EQ(checkpoint.value(0).toInt(), 0) << "the checkpoint was blocked by a reader";
}

TEST_F(StatementTest, ErrorsSayWhatWasBeingDone)
{
    auto bad = db().statement("SELECT * FROM no_such_table");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::Storage);
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("no such table"))) << qPrintable(bad.error().message);

    ASSERT_TRUE(insert(1, u"one").ok());
    auto dup = insert(1, u"again");
    ASSERT_FALSE(dup.ok());
    EXPECT_TRUE(dup.error().message.contains(QStringLiteral("while inserting"))) << qPrintable(dup.error().message);
    EXPECT_TRUE(insert(2, u"two").ok()) << "a failed statement can be run again";

    fillDisk();
    Status full = Ok {};
    for (qint64 k = 100; k < 5000 && full.ok(); ++k)
        full = insert(k, QString(500, u'x'));
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, ErrorCode::StorageFull) << qPrintable(full.error().message);
}

TEST_F(StatementTest, OneOffStatementsNeedAnOpenSqliteConnection)
{
    auto q = Statement::prepare(db().connection(), "SELECT 7");
    ASSERT_TRUE(q.ok());
    ASSERT_TRUE(*q->next(u"reading"));
    EXPECT_EQ(q->int64(0), 7);
    QSqlDatabase closed;
    auto none = Statement::prepare(closed, "SELECT 1");
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("not open")));
}
