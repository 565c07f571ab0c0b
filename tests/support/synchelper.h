// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "core/storage/searchindex.h"
#include "support/testhelper.h"
#include "sync/common/streamapplier.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/syncworker.h"

#include <QFile>
#include <QTest>

#include <random>

namespace omnitill::test {

// A hub (store + HTTP front on an ephemeral loopback port, served by the test's event loop) and helpers to make
// terminals, sell on them and compare what each side holds.
class SyncFixture : public ::testing::Test
{
protected:
    struct Terminal
    {
        QString path;
        QByteArray token;
        QString terminalId;
    };

    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        startHub();
    }

    // The hub on hub.db, listening on an ephemeral loopback port.
    void startHub()
    {
        auto hub = sync::HubStore::openSqlite(m_dir.filePath(QStringLiteral("hub.db")),
            [this] { return QDateTime::currentMSecsSinceEpoch() + m_hubClockOffsetMs; });
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        m_hub = std::move(hub).value();
        m_server = std::make_unique<sync::HubServer>(*m_hub);
        m_hubPort = m_server->listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(m_hubPort, 0);
    }

    // A terminal of `store` with the demo catalog of 60 SKUs.
    Terminal makeTerminal(const QString &name, const QString &store = QStringLiteral("S001"))
    {
        Terminal t;
        t.path = m_dir.filePath(name + QStringLiteral(".db"));
        auto db = Database::open(t.path);
        EXPECT_TRUE(db.ok());
        EXPECT_TRUE(DemoCatalog::seed(**db, DemoOptions { 60, 42, kNow }).ok());
        t.terminalId = Journal::identity((*db)->connection())->terminalId;
        t.token = m_hub->registerTerminal(t.terminalId, store)->toLatin1();
        return t;
    }

    // A terminal with no catalog of its own: everything it sells comes from the hub.
    Terminal makeEmptyTerminal(const QString &name)
    {
        Terminal t;
        t.path = m_dir.filePath(name + QStringLiteral(".db"));
        auto db = Database::open(t.path);
        EXPECT_TRUE(db.ok());
        t.terminalId = Journal::identity((*db)->connection())->terminalId;
        t.token = m_hub->registerTerminal(t.terminalId, QStringLiteral("S001"))->toLatin1();
        return t;
    }
    // The demo catalog of `skus` SKUs published on the hub, as `omnitill-hub publish` would.
    void publishDemo(qint64 skus, quint64 seed = 42)
    {
        auto sink = m_hub->catalogPublisher();
        ASSERT_TRUE(sink->begin().ok());
        for (const TaxClass &t : DemoCatalog::taxClasses())
            ASSERT_TRUE(sink->defineTaxClass(t).ok());
        Status st = Ok {};
        DemoCatalog::generate(DemoOptions { skus, seed, kNow }, [&](const CatalogRecord &r) {
            st = sink->write(r);
            return st.ok();
        });
        ASSERT_TRUE(st.ok()) << qPrintable(st.error().message);
        ASSERT_TRUE(sink->commit().ok());
    }
    // Records `n` sales of 1-3 lines each. `clockOffsetMs` moves the till's clock: a copy of a store started later.
    static void sell(const QString &path, int n, quint32 seed, qint64 clockOffsetMs = 0)
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
        Catalog catalog(**db);
        SaleStore store(**db, [clockOffsetMs] { return QDateTime::currentMSecsSinceEpoch() + clockOffsetMs; });
        std::mt19937 rng(seed);
        for (int i = 0; i < n; ++i) {
            Cart cart(eur(), PricingMode::TaxInclusive);
            const int lines = 1 + int(rng() % 3);
            for (int l = 0; l < lines; ++l) {
                auto item = catalog.lookupSku(
                    QStringLiteral("SKU%1").arg(1 + rng() % 60, 7, 10, QLatin1Char('0')), eur(), kNow);
                ASSERT_TRUE(item.ok());
                ASSERT_TRUE(cart.add(*item, unitAllowsFraction(item->unit) ? 750 : 1000).ok());
            }
            ASSERT_TRUE(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
        }
    }

    sync::SyncConfig config(const Terminal &t, quint16 port) const
    {
        sync::SyncConfig c;
        c.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        c.token = t.token;
        c.batchSize = 50;
        c.backoffMinMs = 5;
        c.backoffMaxMs = 100;
        c.transferTimeoutMs = 5000;
        c.pollIntervalMs = 60'000;
        return c;
    }

    // Runs the event loop until the worker reports nothing pending, or `timeoutMs` passes.
    static bool drain(sync::SyncWorker &worker, int timeoutMs = 60'000)
    {
        bool done = false;
        QMetaObject::Connection c = QObject::connect(&worker, &sync::SyncWorker::drained, [&] { done = true; });
        QMetaObject::invokeMethod(&worker, &sync::SyncWorker::syncNow, Qt::QueuedConnection);
        const bool ok = QTest::qWaitFor([&] { return done; }, timeoutMs);
        QObject::disconnect(c);
        return ok;
    }

    // One clean sync session (push, then pull); true when it ended idle with nothing pending.
    bool syncOnce(const Terminal &t, int pullLimit = 100, int checksumIntervalMs = 600'000)
    {
        sync::SyncConfig c = config(t, m_hubPort);
        c.pullLimit = pullLimit;
        c.checksumIntervalMs = checksumIntervalMs;
        c.minPullGapMs = 0;
        sync::SyncWorker w(t.path, c);
        w.start();
        return drain(w) && w.status().state == sync::SyncStatus::State::Idle && w.status().pending == 0;
    }

    static qint64 scalar(const QString &path, const QString &sql)
    {
        auto db = Database::open(path);
        if (!db)
            return -1;
        QSqlQuery q((*db)->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    qint64 hubScalar(const QString &sql, const QString &terminalId = {})
    {
        QSqlQuery q(m_hub->connection());
        q.prepare(sql);
        if (!terminalId.isEmpty())
            q.addBindValue(terminalId);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    // The terminal holds every stream as the hub has it, its database intact and its search counts exact; with
    // `upToDate`, nothing is left after its cursors either (after a compaction a cursor may lie below the hub's
    // min_cursor, where a pull answers MUST_REFETCH).
    void expectSameAsHub(const Terminal &t, bool upToDate = false)
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        for (const QString &stream : sync::kTerminalStreams) {
            auto local = sync::StreamApplier::digest(**db, stream);
            auto remote = m_hub->digest(stream);
            ASSERT_TRUE(local.ok() && remote.ok());
            EXPECT_EQ(local->count, remote->count) << qPrintable(stream);
            EXPECT_EQ(local->xorDigest, remote->xorDigest) << qPrintable(stream);
            if (upToDate) {
                auto after = m_hub->pull(stream, *sync::StreamApplier::cursor(**db, stream), 1);
                ASSERT_TRUE(after.ok()) << qPrintable(after.error().message);
                EXPECT_TRUE(after->changes.isEmpty()) << qPrintable(stream) << ": nothing after the terminal's cursor";
            }
        }
        EXPECT_TRUE((*db)->integrityCheck().ok());
        auto wrong = SearchIndex::verify((*db)->connection());
        ASSERT_TRUE(wrong.ok());
        EXPECT_TRUE(wrong->isEmpty()) << "search counts wrong for " << wrong->size() << " prefixes";
    }

    // I1/I2: every local sale reached the hub exactly once, with the same money.
    void expectConverged(const Terminal &t)
    {
        const qint64 sales = scalar(t.path, QStringLiteral("SELECT count(*) FROM sale"));
        const qint64 total = scalar(t.path, QStringLiteral("SELECT coalesce(sum(total_minor), 0) FROM sale"));
        EXPECT_EQ(scalar(t.path, QStringLiteral("SELECT count(*) FROM sale WHERE synced = 0")), 0);
        EXPECT_EQ(hubScalar(QStringLiteral("SELECT count(DISTINCT json_extract(payload, '$.id') || '/' || "
                                           "json_extract(payload, '$.created_at_ms')) FROM event WHERE terminal_id = ? "
                                           "AND type = 'sale.completed'"),
                      t.terminalId),
            sales);
        EXPECT_EQ(hubScalar(QStringLiteral("SELECT coalesce(sum(json_extract(payload, '$.total_minor')), 0) FROM event "
                                           "WHERE terminal_id = ? AND type = 'sale.completed'"),
                      t.terminalId),
            total);
        EXPECT_EQ(*m_hub->eventCount(), *m_hub->distinctEventIds());
    }

    // A consistent copy of a store or of the hub's database, the way an admin takes a backup.
    static void backup(QSqlDatabase &db, const QString &to)
    {
        QFile::remove(to);
        ASSERT_TRUE(execDirect(db, QStringLiteral("VACUUM INTO '%1'").arg(to)).ok());
    }
    static void backup(const QString &from, const QString &to)
    {
        auto db = Database::open(from);
        ASSERT_TRUE(db.ok());
        backup((*db)->connection(), to);
    }
    // Puts a backup in place of the file at `path` (its WAL and shared memory go too).
    static void restore(const QString &backupPath, const QString &path)
    {
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(path + QLatin1String(suffix));
        ASSERT_TRUE(QFile::copy(backupPath, path));
    }
    // The hub restored from a backup of its database: stopped, the file replaced, started again (on a new port).
    void restoreHub(const QString &backupPath)
    {
        m_server.reset();
        m_hub.reset();
        restore(backupPath, m_dir.filePath(QStringLiteral("hub.db")));
        startHub();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<sync::HubStore> m_hub;
    std::unique_ptr<sync::HubServer> m_server;
    quint16 m_hubPort = 0;
    qint64 m_hubClockOffsetMs = 0; // moves the hub's clock (codes that expire, holds that run out)
};

} // namespace omnitill::test
