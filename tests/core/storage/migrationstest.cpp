// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations: every older schema upgrades keeping its data, a step that would lose sales is rolled back, and
// what a migration writes is frozen: the journal entries schema 3 backfills do not change when the live sale encoder
// does.
#include "core/storage/migrations.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"

#include <QSqlQuery>
#include <QVariant>

#include <functional>

using namespace omnitill;
using namespace omnitill::test;

class MigrationsTest : public DbFixture
{
protected:
    // A store file at schema `version`, as an older OmniTill left it, with whatever `fill` writes into it.
    QString oldStore(int version, const std::function<void(QSqlDatabase &)> &fill)
    {
        const QString path = file(QStringLiteral("v%1.db").arg(version));
        const QString name = QStringLiteral("old-v%1").arg(version);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            raw.setDatabaseName(path);
            EXPECT_TRUE(raw.open());
            auto reached = Migrations::run(raw, 0, version);
            EXPECT_TRUE(reached.ok()) << qPrintable(reached.error().message);
            EXPECT_EQ(reached.ok() ? *reached : -1, version);
            fill(raw);
            raw.close();
        }
        QSqlDatabase::removeDatabase(name);
        return path;
    }

    // One sale with one line and its tax row, the way schema 2 stored sales.
    static void insertSale(QSqlDatabase &db, int id)
    {
        const QStringList statements = {
            QStringLiteral("INSERT INTO sale (id, receipt_no, created_at_ms, currency, pricing, subtotal_minor, "
                           "discount_minor, net_minor, tax_minor, total_minor, rounding_minor, due_minor, "
                           "payment_method, tendered_minor, change_minor) VALUES (%1, 'T01-%1', %2, 'EUR', "
                           "'inclusive', 238, 0, 200, 38, 238, 0, 238, 'cash', 500, 262)")
                .arg(id)
                .arg(kNow + id),
            QStringLiteral("INSERT INTO sale_line VALUES (%1, 1, 7, 'SKU0000007', 'Vollmilch 1 l', '4006381333931', "
                           "'each', 2000, 119, 238, 0, 0, 238, 'STD', 19000)")
                .arg(id),
            QStringLiteral("INSERT INTO sale_tax VALUES (%1, 'STD', 19000, 200, 38, 238)").arg(id),
        };
        for (const QString &sql : statements)
            ASSERT_TRUE(execDirect(db, sql).ok()) << qPrintable(sql);
    }
};

TEST_F(MigrationsTest, UpgradesFromVersionOneKeepingTheCatalog)
{
    const QString old = oldStore(1, [](QSqlDatabase &raw) {
        QSqlQuery q(raw);
        ASSERT_TRUE(
            q.exec(QStringLiteral("INSERT INTO tax_class (code, name, rate_milli_pct) VALUES ('STD','S',19000)")));
    });
    auto opened = Database::open(old);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    EXPECT_EQ((*opened)->schemaVersion(), Database::kSchemaVersion);
    QSqlQuery q((*opened)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM tax_class")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
}

TEST_F(MigrationsTest, UpgradeBackfillsJournalEntriesForEarlierSales)
{
    const QString old = oldStore(2, [](QSqlDatabase &raw) {
        for (int id = 1; id <= 3; ++id)
            insertSale(raw, id);
    });
    auto opened = Database::open(old);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    auto v = Journal::verify((*opened)->connection());
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok()) << qPrintable(v->problem);
    EXPECT_EQ(v->entries, 3);
    auto outbox = Journal::outboxStatus((*opened)->connection());
    ASSERT_TRUE(outbox.ok());
    EXPECT_EQ(outbox->pending, 3) << "sales recorded before the journal still reach the hub";
}

// The bytes schema 3 writes for an earlier sale are part of that sale's hash chain: they are pinned here, so a
// change to the live encoder (SaleStore::journalPayload) cannot change what an old migration writes.
TEST_F(MigrationsTest, BackfilledPayloadsAreFrozen)
{
    const QString old = oldStore(2, [](QSqlDatabase &raw) { insertSale(raw, 1); });
    auto opened = Database::open(old);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    QSqlQuery q((*opened)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT type, created_at_ms, payload FROM journal WHERE seq = 1")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("sale.completed"));
    EXPECT_EQ(q.value(1).toLongLong(), kNow + 1);
    EXPECT_TRUE(matchesGolden(
        QString::fromUtf8(q.value(2).toByteArray()) + u'\n', QStringLiteral("migrations/v3-backfilled-sale.json")));
}

namespace {
Status dropSales(QSqlDatabase &db)
{
    // A careless rebuild of the sales table, the kind of step the guard exists for. Triggers must go first.
    for (const char *sql : { "DROP TRIGGER sale_line_no_delete", "DELETE FROM sale_line" }) {
        if (auto st = execDirect(db, QString::fromLatin1(sql)); !st)
            return st;
    }
    return Ok {};
}
} // namespace

TEST_F(MigrationsTest, AStepThatLosesSalesIsRolledBack)
{
    insertSale(db().connection(), 1);
    auto st = Migrations::applyStep(db().connection(), Database::kSchemaVersion + 1, dropSales);
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(st.error().message.contains(QStringLiteral("rolled back")));
    EXPECT_EQ(count(QStringLiteral("sale_line")), 1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), Database::kSchemaVersion);
    ASSERT_TRUE(
        q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'sale_line_no_delete'")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
}

TEST_F(MigrationsTest, RunStopsAtTheVersionAskedFor)
{
    QSqlDatabase &raw = db().connection();
    auto reached = Migrations::run(raw, Database::kSchemaVersion, Database::kSchemaVersion);
    ASSERT_TRUE(reached.ok());
    EXPECT_EQ(*reached, Database::kSchemaVersion) << "an up-to-date store is left as it is";
    const QString partial = oldStore(3, [](QSqlDatabase &old) {
        QSqlQuery q(old);
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'pulled_row'")) && q.next());
        EXPECT_EQ(q.value(0).toInt(), 0) << "schema 4 was not applied";
    });
    EXPECT_FALSE(partial.isEmpty());
}

// Schema 6 records where each epoch forked; for forks from before, it finds them in the journal: the entries at an
// epoch's end that the next epoch opens with again.
TEST_F(MigrationsTest, ForksRecordedBeforeSchema6AreFoundInTheJournal)
{
    const QString old = oldStore(5, [](QSqlDatabase &raw) {
        // Epoch 1: sales 1-5; the hub forked at 4, so epoch 2 opens with 4 and 5 again, then sells 6. Epoch 3 was
        // a fork after the last entry of epoch 2 (nothing to send again).
        const QList<std::tuple<int, int, QByteArray>> rows = { { 1, 1, "p1" }, { 2, 1, "p2" }, { 3, 1, "p3" },
            { 4, 1, "p4" }, { 5, 1, "p5" }, { 6, 2, "p4" }, { 7, 2, "p5" }, { 8, 2, "p6" }, { 9, 3, "p7" } };
        QSqlQuery q(raw);
        ASSERT_TRUE(
            q.prepare(QStringLiteral("INSERT INTO journal (seq, epoch, event_id, type, created_at_ms, payload, "
                                     "prev_hash, hash) VALUES (?, ?, ?, 'sale.completed', ?, ?, x'00', x'00')")));
        for (const auto &[seq, epoch, payload] : rows) {
            q.addBindValue(seq);
            q.addBindValue(epoch);
            q.addBindValue(QStringLiteral("e%1").arg(seq));
            q.addBindValue(kNow + payload.at(1)); // a replay keeps its entry's time
            q.addBindValue(payload);
            ASSERT_TRUE(q.exec()) << qPrintable(q.lastError().text());
        }
    });
    auto opened = Database::open(old);
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    QSqlQuery q((*opened)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT epoch, forked_at FROM journal_epoch ORDER BY epoch")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
    EXPECT_EQ(q.value(1).toInt(), 4) << "entries 4 and 5 of epoch 1 live on as 6 and 7 of epoch 2";
    EXPECT_FALSE(q.next()) << "epoch 2 was not replayed: every entry of it is live";
}
