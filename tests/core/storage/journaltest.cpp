// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/journal.h"
#include "core/sale/salestore.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <random>

using namespace omnitill;
using namespace omnitill::test;

class JournalTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(100);
    }
    // Sells `sales` times one item; their journal entries start at `firstSeq`.
    void sell(int sales, qint64 firstSeq = 1)
    {
        Catalog catalog(db());
        SaleStore store(db(), fixedClock());
        for (int i = 0; i < sales; ++i) {
            Cart cart(eur(), PricingMode::TaxInclusive);
            auto item
                = catalog.lookupSku(QStringLiteral("SKU%1").arg(1 + i % 100, 7, 10, QLatin1Char('0')), eur(), kNow);
            ASSERT_TRUE(item.ok());
            ASSERT_TRUE(cart.add(*item, 1000).ok());
            auto r = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
            ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
            ASSERT_EQ(r->journalSeq, firstSeq + i);
        }
    }
    JournalVerification verify()
    {
        auto v = Journal::verify(db().connection());
        EXPECT_TRUE(v.ok());
        return v ? *v : JournalVerification {};
    }
};

TEST_F(JournalTest, EverySaleIsAChainedEntry)
{
    sell(25);
    const JournalVerification v = verify();
    EXPECT_TRUE(v.ok()) << qPrintable(v.problem);
    EXPECT_EQ(v.entries, 25);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT seq, event_id, type, payload FROM journal ORDER BY seq")));
    QSet<QString> ids;
    QString previous;
    while (q.next()) {
        const QString id = q.value(1).toString();
        // Qt 6.4's QUuid does not know version 7 yet: check the version and variant nibbles directly.
        ASSERT_EQ(id.size(), 36);
        EXPECT_FALSE(QUuid::fromString(id).isNull());
        EXPECT_EQ(id[14], u'7') << qPrintable(id);
        EXPECT_TRUE(QStringLiteral("89ab").contains(id[19])) << qPrintable(id);
        EXPECT_FALSE(ids.contains(id));
        ids.insert(id);
        EXPECT_GE(id.left(13), previous.left(13)) << "UUIDv7 are time-ordered";
        previous = id;
        EXPECT_EQ(q.value(2).toString(), QStringLiteral("sale.completed"));
        const QJsonObject payload = QJsonDocument::fromJson(q.value(3).toByteArray()).object();
        EXPECT_EQ(payload.value(u"receipt_no").toString(),
            QStringLiteral("T01-5F90-%1").arg(q.value(0).toLongLong(), 6, 10, QLatin1Char('0')));
        EXPECT_EQ(payload.value(u"lines").toArray().size(), 1);
        EXPECT_EQ(payload.value(u"enc").toInt(), 2);
        EXPECT_EQ(payload.value(u"payments").toArray().size(), 1);
    }
}

TEST_F(JournalTest, JournalIsAppendOnly)
{
    sell(2);
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("DELETE FROM journal")).ok());
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("UPDATE journal SET payload = x'00'")).ok());
    EXPECT_EQ(count(QStringLiteral("journal")), 2);
}

TEST_F(JournalTest, PayloadIsReproducibleFromTheSaleRows)
{
    sell(3);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT payload FROM journal WHERE seq = 2")) && q.next());
    auto again = SaleStore::journalPayload(db().connection(), 2);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, q.value(0).toByteArray());
}

// T13: mutate, delete, insert or reorder journal rows behind the triggers' back; the verifier names the exact entry.
TEST_F(JournalTest, TamperingIsDetectedAtTheExactEntry)
{
    constexpr int kEntries = 40;
    sell(kEntries);
    std::mt19937 rng(13);
    QSqlDatabase &c = db().connection();
    for (int round = 0; round < 1000; ++round) {
        Transaction tx(c); // rolled back at the end of the round: every round starts from the intact journal
        ASSERT_TRUE(tx.begun().ok());
        ASSERT_TRUE(execDirect(c, QStringLiteral("DROP TRIGGER journal_no_update")).ok());
        ASSERT_TRUE(execDirect(c, QStringLiteral("DROP TRIGGER journal_no_delete")).ok());
        const int kind = int(rng() % 6);
        const qint64 k = 1 + qint64(rng() % (kEntries - 1)); // 1..39, so k + 1 exists
        qint64 expected = k;
        QString sql;
        switch (kind) {
        case 0: { // flip one bit of one payload byte
            QSqlQuery read(c);
            ASSERT_TRUE(read.exec(QStringLiteral("SELECT payload FROM journal WHERE seq = %1").arg(k)) && read.next());
            QByteArray payload = read.value(0).toByteArray();
            read.finish();
            const qsizetype at = qsizetype(rng() % quint32(payload.size()));
            payload[at] = char(payload[at] ^ 0x01);
            QSqlQuery write(c);
            ASSERT_TRUE(write.prepare(QStringLiteral("UPDATE journal SET payload = ? WHERE seq = ?")));
            write.addBindValue(payload);
            write.addBindValue(k);
            ASSERT_TRUE(write.exec());
            sql = QStringLiteral("SELECT 1");
            break;
        }
        case 1:
            sql = QStringLiteral("UPDATE journal SET created_at_ms = created_at_ms + 1 WHERE seq = %1").arg(k);
            break;
        case 2:
            sql = QStringLiteral("DELETE FROM journal WHERE seq = %1").arg(k);
            break;
        case 3: // a forged entry at the end with a self-consistent hash but the wrong predecessor
            sql = QStringLiteral(
                "INSERT INTO journal SELECT seq + 1, epoch, event_id || 'x', type, created_at_ms, payload, "
                "prev_hash, hash FROM journal WHERE seq = %1")
                      .arg(kEntries);
            expected = kEntries + 1;
            break;
        case 4: // swap two neighbours
            sql = QStringLiteral(
                "UPDATE journal SET seq = CASE seq WHEN %1 THEN -1 ELSE seq END WHERE seq = %1; "
                "UPDATE journal SET seq = %1 WHERE seq = %2; UPDATE journal SET seq = %2 WHERE seq = -1")
                      .arg(k)
                      .arg(k + 1);
            break;
        case 5:
            sql = QStringLiteral("UPDATE journal SET epoch = 2 WHERE seq = %1").arg(k);
            break;
        }
        for (const QString &statement : sql.split(QStringLiteral("; ")))
            ASSERT_TRUE(execDirect(c, statement).ok()) << qPrintable(statement);
        auto v = Journal::verify(c);
        ASSERT_TRUE(v.ok());
        ASSERT_FALSE(v->ok()) << "round " << round << " kind " << kind;
        ASSERT_EQ(*v->firstBadSeq, expected) << "round " << round << " kind " << kind << ": " << qPrintable(v->problem);
    }
    EXPECT_TRUE(verify().ok());
}

// The backend holds the history up to a point and the rest continues in a new epoch: after a fork (held in the
// current epoch) and after the backend lost part of it (held in an older epoch). Every live entry the backend lacks
// is sent once, never an entry an earlier fork already sent again.
TEST_F(JournalTest, RebaseSendsEveryLiveEntryTheBackendLacksOnce)
{
    sell(5);
    QSqlDatabase &c = db().connection();
    auto payloads = [&](const QString &where) {
        QList<QByteArray> out;
        QSqlQuery q(c);
        EXPECT_TRUE(
            q.exec(QStringLiteral("SELECT payload FROM journal WHERE ") + where + QStringLiteral(" ORDER BY seq")));
        while (q.next())
            out << q.value(0).toByteArray();
        return out;
    };
    const QList<QByteArray> epoch1 = payloads(QStringLiteral("epoch = 1"));
    // A fork at 4: the backend holds 1-3; 4 and 5 go again in epoch 2, as 6 and 7.
    auto forked = Journal::rebase(c, 1, 3, 2);
    ASSERT_TRUE(forked.ok()) << qPrintable(forked.error().message);
    EXPECT_EQ(*forked, 2);
    EXPECT_EQ(payloads(QStringLiteral("epoch = 2")), epoch1.mid(3));
    sell(1, 8); // in epoch 2
    EXPECT_EQ(Journal::outboxStatus(c)->pending, 3);
    // The backend is restored and holds only 1-2 of epoch 1: 3 (still live in epoch 1), then all of epoch 2.
    auto behind = Journal::rebase(c, 1, 2, 5);
    ASSERT_TRUE(behind.ok()) << qPrintable(behind.error().message);
    EXPECT_EQ(*behind, 4);
    const QList<QByteArray> epoch2 = payloads(QStringLiteral("epoch = 2"));
    EXPECT_EQ(payloads(QStringLiteral("epoch = 5")), QList<QByteArray> { epoch1.at(2) } + epoch2)
        << "entry 3, then 4, 5 (as epoch 2 holds them) and 6, each once";
    const auto outbox = Journal::outboxStatus(c);
    EXPECT_EQ(outbox->pending, 4);
    EXPECT_EQ(outbox->ackedThrough, 8);
    EXPECT_EQ(Journal::identity(c)->epoch, 5);
    auto v = Journal::verify(c);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok()) << qPrintable(v->problem);
    EXPECT_FALSE(Journal::rebase(c, 1, 2, 5).ok()) << "an epoch the terminal is already in";
    EXPECT_FALSE(Journal::rebase(c, 9, 2, 6).ok()) << "a held epoch after the current one";
}
