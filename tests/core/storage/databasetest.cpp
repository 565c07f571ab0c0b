// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/database.h"
#include "support/testhelper.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QVariant>

using namespace omnitill;
using namespace omnitill::test;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QVariant pragma(Database &db, const char *name)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("PRAGMA ") + QLatin1String(name)) || !q.next())
        return {};
    return q.value(0);
}
} // namespace

class DatabaseTest : public DbFixture
{
};

TEST_F(DatabaseTest, OpensInWalWithFullSync)
{
    EXPECT_EQ(pragma(db(), "journal_mode").toString(), QStringLiteral("wal"));
    EXPECT_EQ(pragma(db(), "synchronous").toInt(), 2); // FULL
    EXPECT_EQ(pragma(db(), "foreign_keys").toInt(), 1);
    EXPECT_EQ(pragma(db(), "user_version").toInt(), Database::kSchemaVersion);
    EXPECT_EQ(pragma(db(), "application_id").toInt(), Database::kApplicationId);
    EXPECT_EQ(db().schemaVersion(), Database::kSchemaVersion);
    EXPECT_TRUE(db().integrityCheck().ok());
}

TEST_F(DatabaseTest, ReopeningKeepsData)
{
    seedDemo(50);
    const qint64 before = count(QStringLiteral("variant"));
    ASSERT_EQ(before, 50);
    reopen();
    EXPECT_EQ(count(QStringLiteral("variant")), before);
}

TEST_F(DatabaseTest, RefusesNewerSchemaAndLeavesFileUntouched)
{
    ASSERT_TRUE(execDirect(db().connection(), QStringLiteral("PRAGMA user_version = 99")).ok());
    m_db.reset();
    const QByteArray hash = fileHash(path());
    auto again = Database::open(path());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::SchemaTooNew);
    EXPECT_TRUE(again.error().message.contains(QStringLiteral("schema version 99")));
    EXPECT_EQ(fileHash(path()), hash);
}

TEST_F(DatabaseTest, RefusesGarbageFile)
{
    const QString garbage = file(QStringLiteral("garbage.db"));
    QFile f(garbage);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    QByteArray bytes(8192, '\0');
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 131 + 7) & 0xff);
    f.write(bytes);
    f.close();
    const QByteArray hash = fileHash(garbage);
    auto opened = Database::open(garbage);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::Corrupt);
    EXPECT_EQ(fileHash(garbage), hash);
}

TEST_F(DatabaseTest, RefusesAnotherApplicationsDatabase)
{
    const QString other = file(QStringLiteral("other.db"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        raw.setDatabaseName(other);
        ASSERT_TRUE(raw.open());
        QSqlQuery q(raw);
        ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    const QByteArray hash = fileHash(other);
    auto opened = Database::open(other);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::Corrupt);
    EXPECT_TRUE(opened.error().message.contains(QStringLiteral("another application")));
    EXPECT_EQ(fileHash(other), hash);
}

TEST_F(DatabaseTest, MissingFolderIsAClearError)
{
    auto opened = Database::open(file(QStringLiteral("no/such/folder/x.db")));
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::Io);
    EXPECT_TRUE(opened.error().message.contains(QStringLiteral("does not exist")));
}

TEST_F(DatabaseTest, TransactionRollsBackUnlessCommitted)
{
    const qint64 before = count(QStringLiteral("meta"));
    {
        Transaction tx(db().connection());
        ASSERT_TRUE(tx.begun().ok());
        ASSERT_TRUE(execDirect(db().connection(), QStringLiteral("INSERT INTO meta VALUES ('a', 'b')")).ok());
    }
    EXPECT_EQ(count(QStringLiteral("meta")), before);
    {
        Transaction tx(db().connection());
        ASSERT_TRUE(execDirect(db().connection(), QStringLiteral("INSERT INTO meta VALUES ('a', 'b')")).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_EQ(count(QStringLiteral("meta")), before + 1);
}

TEST_F(DatabaseTest, FullDiskIsReportedAsSuch)
{
    fillDisk();
    Transaction tx(db().connection());
    Status st = Ok {};
    for (int i = 0; i < 2000 && st.ok(); ++i)
        st = execDirect(
            db().connection(), QStringLiteral("INSERT INTO meta VALUES ('k%1', '%2')").arg(i).arg(QString(200, u'x')));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::StorageFull);
    EXPECT_TRUE(st.error().message.contains(QStringLiteral("disk is full")));
}
