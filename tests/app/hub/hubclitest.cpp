// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-hub's commands in-process (serve runs in tests/sync/crashtest.cpp as a real process).
#include "support/clihelper.h"
#include "sync/common/streams.h"
#include "sync/hub/hubstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace omnitill;
using namespace omnitill::test;

class HubCliTest : public ProgramFixture
{
protected:
    HubCliTest()
        : ProgramFixture(cli::runHub, QStringLiteral("hub.db"))
    { }
    QString write(const QString &name, const QByteArray &content) const
    {
        QFile f(file(name));
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
        return f.fileName();
    }
};

TEST_F(HubCliTest, TheDatabaseIsRequiredAndCommandsAreChecked)
{
    QString out, err;
    QTextStream o(&out), e(&err);
    EXPECT_EQ(cli::runHub({ QStringLiteral("status") }, o, e), ExitCode::Usage);
    EXPECT_TRUE(err.contains(QStringLiteral("--db FILE|postgresql://user:password@host:port/database is required")))
        << qPrintable(err);
    EXPECT_EQ(run({ QStringLiteral("--help") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(QStringLiteral("publish-stream STREAM FILE")));
    EXPECT_EQ(run({ QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("70000") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("nowhere") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("register") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("register"), QStringLiteral("not-a-uuid"), QStringLiteral("--store"),
                  QStringLiteral("S001") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("is not a terminal id"))) << qPrintable(m_err);
}

TEST_F(HubCliTest, RegisterPublishStatusAndCompact)
{
    ASSERT_EQ(run({ QStringLiteral("register"), QStringLiteral("0b7e6a52-3a1d-4a5e-9a47-1f3c2b7d9e10"),
                  QStringLiteral("--store"), QStringLiteral("S001") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_GE(m_out.trimmed().size(), 43) << "a 256-bit token, base64url";
    const QString csv = write(QStringLiteral("catalog.csv"),
        "sku,name,price,currency,tax_class,tax_rate\nA,Apple,0.50,EUR,RED,7\nB,Bread,2.10,EUR,RED,7\n");
    ASSERT_EQ(run({ QStringLiteral("publish"), csv }), ExitCode::Ok) << qPrintable(m_err);
    EXPECT_TRUE(m_out.startsWith(QStringLiteral("read 2 records")));
    EXPECT_EQ(run({ QStringLiteral("publish"), file(QStringLiteral("none.csv")) }), ExitCode::NoInput);
    const QString stock = write(QStringLiteral("stock.jsonl"),
        R"({"key": "A|S001", "row": {"sku": "A", "store": "S001", "on_hand_milli": 12000}})"
        "\n"
        R"({"key": "B|S001", "delete": true})"
        "\n");
    ASSERT_EQ(run({ QStringLiteral("publish-stream"), QStringLiteral("stock"), stock }), ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_EQ(m_out, QStringLiteral("read 2 changes for stock\n"));
    const QString bad = write(QStringLiteral("bad.jsonl"), "{\"key\": \"A|S001\", \"row\": {\"sku\": 1}}\n");
    EXPECT_EQ(run({ QStringLiteral("publish-stream"), QStringLiteral("stock"), bad }), ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("line 1"))) << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("status") }), ExitCode::Ok);
    EXPECT_EQ(m_out, QStringLiteral("events: 0\ndistinct event ids: 0\nincidents: 0\n"));

    // A second publish of the changed catalog supersedes one row; compaction drops the superseded change.
    const QString changed = write(QStringLiteral("catalog2.csv"),
        "sku,name,price,currency,tax_class,tax_rate\nA,Apple,0.55,EUR,RED,7\nB,Bread,2.10,EUR,RED,7\n");
    ASSERT_EQ(run({ QStringLiteral("publish"), changed }), ExitCode::Ok) << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("compact"), QStringLiteral("--days"), QStringLiteral("30") }), ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_EQ(m_out, QStringLiteral("removed 1 stream changes\n"));
    EXPECT_EQ(run({ QStringLiteral("compact"), QStringLiteral("--days"), QStringLiteral("0") }), ExitCode::Usage);
}

TEST_F(HubCliTest, RolesAndStaffArePublishedWithThePinOnlyHashed)
{
    ASSERT_EQ(
        run({ QStringLiteral("role-set"), QStringLiteral("supervisor"), QStringLiteral("--name"),
            QStringLiteral("Supervisor"), QStringLiteral("--permissions"), QStringLiteral("void_sale,void_line") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("role-set"), QStringLiteral("boss"), QStringLiteral("--permissions"),
                  QStringLiteral("free_lunch") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("\"free_lunch\" is not a permission"))) << qPrintable(m_err);

    const QString pin = write(QStringLiteral("pin.txt"), "4321\n");
    ASSERT_EQ(run({ QStringLiteral("staff-add"), QStringLiteral("Sam"), QStringLiteral("--role"),
                  QStringLiteral("supervisor"), QStringLiteral("--pin-file"), pin, QStringLiteral("--badge"),
                  QStringLiteral("BADGE-SAM") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    const QString id = m_out.trimmed();
    EXPECT_FALSE(QUuid::fromString(id).isNull()) << qPrintable(m_out);
    EXPECT_EQ(
        run({ QStringLiteral("staff-add"), QStringLiteral("Tim"), QStringLiteral("--role"), QStringLiteral("cashier"),
            QStringLiteral("--pin-file"), write(QStringLiteral("short.txt"), "12\n") }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(QStringLiteral("4 to 8 digits")));

    auto hub = sync::HubStore::openSqlite(db());
    ASSERT_TRUE(hub.ok());
    auto page = (*hub)->pull(sync::kStaffStream, 0, 10);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->changes.size(), 1) << "the refused person was not published";
    EXPECT_EQ(page->changes.constFirst().key, id);
    EXPECT_FALSE(page->changes.constFirst().row.contains("4321")) << "the PIN travels only as its salted hash";
    EXPECT_FALSE(page->changes.constFirst().row.contains("BADGE-SAM"));
}

// The daily report from the command line: text, JSON and CSV to a file; a terminal that never reported is amber, not
// red (exit 0); wrong dates and formats are usage errors.
TEST_F(HubCliTest, TheDailyReportIsWrittenAsTextJsonAndCsv)
{
    ASSERT_EQ(run({ QStringLiteral("register"), QStringLiteral("0b7e6a52-3a1d-4a5e-9a47-1f3c2b7d9e10"),
                  QStringLiteral("--store"), QStringLiteral("S001") }),
        ExitCode::Ok);
    ASSERT_EQ(run({ QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-12-05") }), ExitCode::Ok)
        << qPrintable(m_err);
    EXPECT_TRUE(m_out.contains(QStringLiteral("Daily report 2026-12-05: chain AMBER"))) << qPrintable(m_out);
    EXPECT_TRUE(m_out.contains(QStringLiteral("has not reported its state"))) << qPrintable(m_out);
    ASSERT_EQ(run({ QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-12-05"),
                  QStringLiteral("--format"), QStringLiteral("json") }),
        ExitCode::Ok);
    const QJsonObject json = QJsonDocument::fromJson(m_out.toUtf8()).object();
    EXPECT_EQ(json.value(u"date").toString(), QStringLiteral("2026-12-05"));
    EXPECT_EQ(json.value(u"stores").toArray().at(0).toObject().value(u"terminals").toArray().size(), 1);
    const QString csv = file(QStringLiteral("report.csv"));
    ASSERT_EQ(run({ QStringLiteral("report"), QStringLiteral("--store"), QStringLiteral("S001"),
                  QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), csv }),
        ExitCode::Ok)
        << qPrintable(m_err);
    QFile f(csv);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_TRUE(f.readAll().startsWith("date,store,terminal,health,sales_recorded"));
    EXPECT_EQ(
        run({ QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("5.12.2026") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("xls") }), ExitCode::Usage);
    EXPECT_EQ(run({ QStringLiteral("report"), QStringLiteral("--store"), QStringLiteral("S999") }), ExitCode::NotFound);
}

// The commerce backend's settings: checked when set, the key read from a file and never shown; forwarding with no
// backend answering says to try again later (exit 75), and what was given up is listed (exit 2).
TEST_F(HubCliTest, TheConnectorIsSetWithoutShowingItsKeyAndForwardingSaysWhatWaits)
{
    EXPECT_EQ(run({ QStringLiteral("connector-show") }), ExitCode::NotFound);
    EXPECT_TRUE(m_out.contains(u"no commerce backend is set"));
    const QString key = write(QStringLiteral("key.txt"), "abc123:topsecretvalue\n");
    EXPECT_EQ(run({ QStringLiteral("connector-set"), QStringLiteral("--backend"), QStringLiteral("medusa"),
                  QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9/admin-api"),
                  QStringLiteral("--api-key-file"), key }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(u"no connector for \"medusa\"")) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("connector-set"), QStringLiteral("--backend"), QStringLiteral("vendure"),
                  QStringLiteral("--url"), QStringLiteral("ftp://nowhere"), QStringLiteral("--api-key-file"), key }),
        ExitCode::DataError);
    EXPECT_TRUE(m_err.contains(u"Admin API")) << qPrintable(m_err);
    EXPECT_EQ(run({ QStringLiteral("connector-set"), QStringLiteral("--backend"), QStringLiteral("vendure"),
                  QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9/admin-api"),
                  QStringLiteral("--api-key-file"), key, QStringLiteral("--locations"), QStringLiteral("S001") }),
        ExitCode::Usage);
    ASSERT_EQ(run({ QStringLiteral("connector-set"), QStringLiteral("--backend"), QStringLiteral("vendure"),
                  QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9/admin-api"),
                  QStringLiteral("--api-key-file"), key, QStringLiteral("--locations"), QStringLiteral("S001=2,*=1"),
                  QStringLiteral("--retry-max"), QStringLiteral("5") }),
        ExitCode::Ok)
        << qPrintable(m_err);
    ASSERT_EQ(run({ QStringLiteral("connector-show") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(u"location.S001: 2")) << qPrintable(m_out);
    EXPECT_TRUE(m_out.contains(u"api_key: (set, 21 characters)")) << qPrintable(m_out);
    EXPECT_FALSE(m_out.contains(u"topsecret"));
    EXPECT_EQ(run({ QStringLiteral("connector-check") }), ExitCode::TempFail);
    EXPECT_TRUE(m_err.contains(u"Connection refused")) << qPrintable(m_err);
    EXPECT_FALSE(m_err.contains(u"topsecret"));

    // A sale queued, nothing answering: it waits.
    auto hub = sync::HubStore::openSqlite(file(QStringLiteral("hub.db")));
    ASSERT_TRUE(hub.ok());
    ASSERT_TRUE((*hub)
                    ->query(QStringLiteral("INSERT INTO terminal (terminal_id, store_code, token_hash, epoch, "
                                           "registered_at_ms, terminal_code) VALUES ('t', 'S001', x'00', 1, 0, 'T01')"),
                        {}, u"test")
                    .ok());
    ASSERT_TRUE((*hub)
                    ->query(QStringLiteral("INSERT INTO event (terminal_id, epoch, seq, event_id, type, created_at_ms, "
                                           "received_at_ms, payload, hash) VALUES ('t', 1, 1, 'e1', 'sale.completed', "
                                           "0, 0, x'7b7d', x'00')"),
                        {}, u"test")
                    .ok());
    ASSERT_TRUE((*hub)
                    ->query(QStringLiteral("INSERT INTO forward_queue (event_id, terminal_id, type, created_at_ms, "
                                           "queued_at_ms, state, attempts, next_at_ms) VALUES ('e1', 't', "
                                           "'sale.completed', 0, 0, 'pending', 0, 0)"),
                        {}, u"test")
                    .ok());
    hub->reset();
    EXPECT_EQ(run({ QStringLiteral("forward") }), ExitCode::TempFail);
    EXPECT_TRUE(m_out.contains(u"forwarded 0, to try again 1, given up 0")) << qPrintable(m_out);
    EXPECT_EQ(run({ QStringLiteral("forwarding") }), ExitCode::Ok);
    EXPECT_TRUE(m_out.contains(u"pending: 1 (1 tried before)")) << qPrintable(m_out);
    EXPECT_TRUE(m_out.contains(u"Connection refused")) << qPrintable(m_out);
}
