// SPDX-License-Identifier: GPL-3.0-or-later
// Provisioning a new terminal from the hub's catalog snapshot: the same data a pull would give, the refusals, and a
// provisioning killed at any moment.
#include "sync/common/snapshot.h"
#include "core/catalog/catalog.h"
#include "core/staff/pinhash.h"
#include "core/staff/staffstore.h"
#include "core/storage/searchindex.h"
#include "support/synchelper.h"
#include "sync/common/streamapplier.h"
#include "sync/hub/hubsnapshots.h"

#include <QProcess>

#include <random>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

namespace {
// The sync log lines of the current test, to see which way a terminal was provisioned.
QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category).startsWith("pos.sync"))
        g_log << message;
}
} // namespace

class SnapshotTest : public SyncFixture
{
protected:
    void SetUp() override
    {
        SyncFixture::SetUp();
        m_snapshots = std::make_unique<HubSnapshots>(m_dir.filePath(QStringLiteral("snapshots")));
        m_server->setSnapshots(m_snapshots.get());
        g_log.clear();
        m_previousHandler = qInstallMessageHandler(captureLog);
    }
    void TearDown() override { qInstallMessageHandler(m_previousHandler); }

    void publishStock(const QString &sku, qint64 onHandMilli)
    {
        ASSERT_TRUE(m_hub
                        ->publish(QStringLiteral("stock"), sku + QStringLiteral("|S001"),
                            QStringLiteral(R"({"on_hand_milli":%1,"sku":"%2","store":"S001"})")
                                .arg(onHandMilli)
                                .arg(sku)
                                .toUtf8())
                        .ok());
    }
    SnapshotManifest build()
    {
        auto m = m_snapshots->build(*m_hub, kNow);
        EXPECT_TRUE(m.ok()) << qPrintable(m.error().message);
        return m ? *m : SnapshotManifest {};
    }
    bool sync(const Terminal &t, bool snapshot = true)
    {
        SyncConfig c = config(t, m_hubPort);
        c.pullLimit = 500;
        c.minPullGapMs = 0;
        c.provisionFromSnapshot = snapshot;
        SyncWorker w(t.path, c);
        w.start();
        return drain(w) && w.status().state == SyncStatus::State::Idle;
    }
    bool logged(const QString &part) const
    {
        return std::any_of(g_log.cbegin(), g_log.cend(), [&](const QString &line) { return line.contains(part); });
    }
    // What a till sees: SKU count, a barcode lookup's price, the first hits of a search.
    static QStringList tillView(const QString &path)
    {
        auto db = Database::open(path);
        EXPECT_TRUE(db.ok());
        Catalog catalog(**db);
        QStringList view { QString::number(*catalog.variantCount()) };
        for (const QString &q : { QStringLiteral("b"), QStringLiteral("shirt m"), QStringLiteral("bio") }) {
            auto hits = catalog.search(q, 20);
            EXPECT_TRUE(hits.ok());
            for (const SearchHit &h : *hits)
                view << h.sku;
        }
        auto item = catalog.lookupSku(u"SKU0000007", eur(), kNow);
        view << (item ? QString::number(item->price.minor()) : item.error().message);
        return view;
    }

    std::unique_ptr<HubSnapshots> m_snapshots;
    QtMessageHandler m_previousHandler = nullptr;
};

TEST_F(SnapshotTest, ANewTerminalStartsFromTheSnapshotAndHoldsWhatAPullWould)
{
    publishDemo(3000);
    publishStock(QStringLiteral("SKU0000001"), 12000);
    // A person the hub added: provisioned with the snapshot, signs in offline.
    const PinHash::Hashed pin = PinHash::make(u"4321");
    const StaffRow sam { QStringLiteral("0192f5a0-0000-7000-8000-00000000aaaa"), QStringLiteral("Sam"),
        QStringLiteral("manager"), true, pin.salt, pin.hash, pin.iterations, {} };
    ASSERT_TRUE(m_hub->publish(kStaffStream, sam.id, staffRow(sam)).ok());
    const SnapshotManifest m = build();
    EXPECT_EQ(m.skus, 3000);

    EXPECT_EQ(m.chain, *m_hub->chainId());
    // Changes after the snapshot: the terminal pulls them as deltas.
    publishDemo(3100, 7);
    publishStock(QStringLiteral("SKU0000002"), 5000);

    const Terminal provisioned = makeEmptyTerminal(QStringLiteral("new"));
    ASSERT_TRUE(sync(provisioned));
    EXPECT_TRUE(logged(QStringLiteral("provisioned 3000 SKUs from the catalog snapshot")))
        << qPrintable(g_log.join(u'\n'));
    EXPECT_FALSE(QFile::exists(provisioned.path + QStringLiteral(".snapshot")));
    expectSameAsHub(provisioned, true);
    {
        auto db = Database::open(provisioned.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, [] { return kNow; });
        auto signedIn = staff.signIn(sam.id, u"4321");
        ASSERT_TRUE(signedIn.ok()) << qPrintable(signedIn.error().message);
        EXPECT_EQ(signedIn->name, QStringLiteral("Sam"));
    }

    g_log.clear();
    const Terminal pulled = makeEmptyTerminal(QStringLiteral("pulled"));
    ASSERT_TRUE(sync(pulled, false));
    EXPECT_FALSE(logged(QStringLiteral("snapshot")));
    expectSameAsHub(pulled, true);
    EXPECT_EQ(tillView(provisioned.path), tillView(pulled.path));
    EXPECT_EQ(tillView(provisioned.path).constFirst(), QStringLiteral("3100"));
}

TEST_F(SnapshotTest, ADamagedSnapshotIsRefusedAndTheTerminalPullsInstead)
{
    publishDemo(500);
    const SnapshotManifest m = build();
    {
        QFile f(m_snapshots->dir() + QStringLiteral("/snapshot-") + m.id + QStringLiteral(".db"));
        ASSERT_TRUE(f.open(QIODevice::ReadWrite));
        ASSERT_TRUE(f.seek(m.size / 2));
        char c = 0;
        ASSERT_TRUE(f.getChar(&c));
        ASSERT_TRUE(f.seek(m.size / 2));
        ASSERT_TRUE(f.putChar(char(c ^ 0x20)));
    }
    const Terminal t = makeEmptyTerminal(QStringLiteral("t"));
    ASSERT_TRUE(sync(t));
    EXPECT_TRUE(logged(QStringLiteral("the file is damaged"))) << qPrintable(g_log.join(u'\n'));
    EXPECT_TRUE(logged(QStringLiteral("pulling every row instead")));
    expectSameAsHub(t, true);
}

TEST_F(SnapshotTest, RefusesAnotherChainOlderDataAnExistingCatalogAndAShortFile)
{
    publishDemo(400);
    const SnapshotManifest m = build();
    const QString file = m_snapshots->dir() + QStringLiteral("/snapshot-") + m.id + QStringLiteral(".db");
    const QString chain = *m_hub->chainId();
    const auto refusal = [&](const QString &terminal, const QString &snapshotFile, const QString &asChain) {
        auto st = installSnapshot(terminal, snapshotFile, m, asChain);
        if (st)
            return QString();
        EXPECT_EQ(scalar(terminal, QStringLiteral("SELECT count(*) FROM variant")),
            terminal.endsWith(QStringLiteral("full.db")) ? 60 : 0)
            << "a refused snapshot writes nothing";
        return st.error().message;
    };

    const Terminal empty = makeEmptyTerminal(QStringLiteral("empty"));
    EXPECT_TRUE(refusal(empty.path, file, QStringLiteral("0b7e6a52-3a1d-4a5e-9a47-1f3c2b7d9e10"))
                    .contains(QStringLiteral("belongs to chain")));

    {
        auto db = Database::open(empty.path);
        ASSERT_TRUE(writeMeta((*db)->connection(), QStringLiteral("cursor.catalog"),
            QString::number(m.cursors.value(QStringLiteral("catalog")) + 5))
                        .ok());
    }
    EXPECT_TRUE(refusal(empty.path, file, chain).contains(QStringLiteral("older than this terminal's data")));

    const Terminal full = makeTerminal(QStringLiteral("full")); // a catalog of its own
    EXPECT_TRUE(refusal(full.path, file, chain).contains(QStringLiteral("already has a catalog")));

    const QString shortFile = m_dir.filePath(QStringLiteral("short.db"));
    ASSERT_TRUE(QFile::copy(file, shortFile));
    ASSERT_TRUE(QFile::resize(shortFile, m.size - 4096));
    const Terminal other = makeEmptyTerminal(QStringLiteral("other"));
    EXPECT_TRUE(refusal(other.path, shortFile, chain).contains(QStringLiteral("its manifest says")));

    // The same file, accepted where it fits.
    EXPECT_EQ(refusal(other.path, file, chain), QString());
    EXPECT_EQ(scalar(other.path, QStringLiteral("SELECT count(*) FROM variant")), 400);
}

// omnitill-cli sync killed with SIGKILL at random moments of a provisioning: the terminal has either nothing or all
// of the snapshot, never a part, and the next sync finishes the job.
TEST_F(SnapshotTest, AKilledProvisioningLeavesTheTerminalAsItWas)
{
    publishDemo(20000);
    const SnapshotManifest m = build();
    ASSERT_GT(m.size, kSnapshotChunkBytes) << "the download takes more than one piece";
    const Terminal t = makeEmptyTerminal(QStringLiteral("t"));
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(saveSyncConfig(**db, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hubPort)), t.token).ok());
    }
    std::mt19937 rng(3);
    int untouched = 0; // rounds killed after the download had begun, leaving nothing
    for (int round = 0; round < 8; ++round) {
        QProcess cli;
        QByteArray log;
        QObject::connect(&cli, &QProcess::readyReadStandardError, [&] { log += cli.readAllStandardError(); });
        cli.start(QStringLiteral(OMNITILL_CLI_BIN), { QStringLiteral("--db"), t.path, QStringLiteral("sync") });
        ASSERT_TRUE(cli.waitForStarted());
        // Killed a random moment after the download starts: during it, or during the install.
        const bool began = QTest::qWaitFor(
            [&] {
                return log.contains("provisioning from the hub's catalog snapshot")
                    || cli.state() == QProcess::NotRunning;
            },
            30'000);
        ASSERT_TRUE(began) << qPrintable(QString::fromUtf8(log));
        QTest::qWait(int(rng() % 120));
        const bool killed = cli.state() != QProcess::NotRunning;
        cli.kill();
        ASSERT_TRUE(cli.waitForFinished());
        const qint64 skus = scalar(t.path, QStringLiteral("SELECT count(*) FROM variant"));
        const qint64 cursor
            = scalar(t.path, QStringLiteral("SELECT coalesce(max(value), 0) FROM meta WHERE key = 'cursor.catalog'"));
        ASSERT_TRUE(skus == 0 || skus == 20000) << "round " << round << ": " << skus << " SKUs";
        ASSERT_EQ(skus == 0, cursor == 0) << "round " << round << ": the cursor goes with the data";
        if (skus != 0)
            break;
        if (killed)
            ++untouched;
    }
    EXPECT_GT(untouched, 0) << "no kill fell inside the provisioning";
    ASSERT_TRUE(sync(t));
    expectSameAsHub(t, true);
}
