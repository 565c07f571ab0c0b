// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/catalog/catalog.h"
#include "core/catalog/demodata.h"
#include "core/codes/variablemeasure.h"
#include "core/storage/database.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

// GoogleTest prints a QString that differs as its text, not as its bytes.
inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}

namespace omnitill::test {

// 2026-11-22T10:00:00Z: every test that needs "now" uses this instant.
inline constexpr qint64 kNow = 1795341600000;

inline Clock fixedClock(qint64 at = kNow)
{
    return [at] { return at; };
}

inline Currency eur()
{
    return *Currency::fromCode(u"EUR");
}

inline Currency usd()
{
    return *Currency::fromCode(u"USD");
}

// Price/weight label rules (a profile name or a rule string) that the test expects to parse.
inline VariableMeasure::Rules labelRules(const char *spec)
{
    auto r = VariableMeasure::parse(QString::fromLatin1(spec));
    EXPECT_TRUE(r.ok()) << spec << ": " << (r ? "" : qPrintable(r.error().message));
    return r ? *r : VariableMeasure::Rules {};
}

// A private directory with a fresh database for each test.
class DbFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(path());
        ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
        m_db = std::move(db).value();
    }
    QString path() const { return m_dir.filePath(QStringLiteral("store.db")); }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    Database &db() { return *m_db; }
    void reopen()
    {
        m_db.reset();
        auto db = Database::open(path());
        ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
        m_db = std::move(db).value();
    }
    // The payload of the journal's last entry of `type`, as JSON, or an empty object.
    QJsonObject lastPayload(const QString &type)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT payload FROM journal WHERE type = ? ORDER BY seq DESC LIMIT 1"));
        q.addBindValue(type);
        return q.exec() && q.next() ? QJsonDocument::fromJson(q.value(0).toByteArray()).object() : QJsonObject();
    }
    qint64 count(const QString &table)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    void seedDemo(qint64 skus = 500)
    {
        auto st = DemoCatalog::seed(*m_db, DemoOptions { skus, 42, kNow });
        ASSERT_TRUE(st.ok()) << qPrintable(st.error().message);
    }
    // Makes the database unable to grow: the next write that needs a new page fails with SQLITE_FULL, exactly as on
    // a full disk.
    void fillDisk()
    {
        QSqlQuery q(m_db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const qint64 pages = q.value(0).toLongLong();
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

// A small hand-made catalog: one reduced tax class (RED, 7 %) and these items, priced in EUR, in one transaction.
struct TestItem
{
    QString sku;
    QString barcode; // empty: none
    Unit unit = Unit::Each;
    qint64 priceMinor = 0;
    QString name = {}; // the SKU when empty
};

inline ::testing::AssertionResult writeItems(Database &db, const QList<TestItem> &items)
{
    Transaction tx(db.connection());
    CatalogWriter w(db);
    if (!w.prepare().ok() || !w.defineTaxClass({ QStringLiteral("RED"), QStringLiteral("Reduced"), 7000 }).ok())
        return ::testing::AssertionFailure() << "cannot start the catalog";
    for (const TestItem &item : items) {
        CatalogRecord r;
        r.source = r.sku = item.sku;
        r.productName = item.name.isEmpty() ? item.sku : item.name;
        r.taxClassCode = QStringLiteral("RED");
        r.unit = item.unit;
        if (!item.barcode.isEmpty())
            r.barcodes = { item.barcode };
        r.price = Money(item.priceMinor, eur());
        if (auto st = w.write(r); !st)
            return ::testing::AssertionFailure() << qPrintable(item.sku) << ": " << qPrintable(st.error().message);
    }
    if (!w.finish().ok() || !tx.commit().ok())
        return ::testing::AssertionFailure() << "cannot commit the catalog";
    return ::testing::AssertionSuccess();
}

inline QString dataPath(const QString &relative)
{
    return QStringLiteral(OMNITILL_TEST_DATA) + u'/' + relative;
}

inline QByteArray readData(const QString &relative)
{
    QFile f(dataPath(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Compares `actual` with the golden file; on mismatch writes <golden>.fail next to it for diffing.
inline ::testing::AssertionResult matchesGolden(const QString &actual, const QString &goldenRelative)
{
    const QString golden = dataPath(goldenRelative);
    QFile f(golden);
    QString expected;
    if (f.open(QIODevice::ReadOnly))
        expected = QString::fromUtf8(f.readAll());
    if (expected == actual) {
        QFile::remove(golden + QStringLiteral(".fail"));
        return ::testing::AssertionSuccess();
    }
    QFile fail(golden + QStringLiteral(".fail"));
    if (fail.open(QIODevice::WriteOnly))
        fail.write(actual.toUtf8());
    return ::testing::AssertionFailure() << "output differs from " << qPrintable(golden) << "; see "
                                         << qPrintable(fail.fileName()) << "\n--- actual ---\n"
                                         << qPrintable(actual);
}

} // namespace omnitill::test
