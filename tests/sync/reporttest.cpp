// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' daily report from end to end: terminals sell through a network that loses requests and answers and
// repeats them, some of them offline part of the day, and for every terminal at every point the hub's report adds up:
// recorded = received + quarantined + pending.
#include "core/staff/staffstore.h"
#include "support/faultyproxy.h"
#include "support/pghelper.h"
#include "support/synchelper.h"
#include "sync/hub/dailyreport.h"
#include "sync/terminal/statecollector.h"

#include <QBuffer>
#include <QTimeZone>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

namespace {
class ReportTest : public SyncFixture
{
protected:
    // What the terminal itself holds of `date` in the store's zone: live journal entries and sales.
    static std::pair<qint64, qint64> heldOn(const Terminal &t, QDate date, const char *zone)
    {
        const qint64 from = QDateTime(date, QTime(0, 0), QTimeZone(zone)).toMSecsSinceEpoch();
        const qint64 to = QDateTime(date.addDays(1), QTime(0, 0), QTimeZone(zone)).toMSecsSinceEpoch();
        const QString where
            = QStringLiteral(" FROM journal WHERE created_at_ms >= %1 AND created_at_ms < %2").arg(from).arg(to);
        return { scalar(t.path, u"SELECT count(*)" + where),
            scalar(t.path, u"SELECT count(*)" + where + u" AND type = 'sale.completed'") };
    }

    const TerminalReport *find(const DailyReport &r, const QString &terminalId)
    {
        for (const StoreReport &s : r.stores)
            for (const TerminalReport &t : s.terminals)
                if (t.terminalId == terminalId)
                    return &t;
        return nullptr;
    }

    // The report of today and of the days either side: every terminal that has reported adds up.
    void expectReconciled(const QList<Terminal> &terminals, const QString &when)
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        for (const QDate &date : { today.addDays(-1), today, today.addDays(1) }) {
            auto report = dailyReport(*m_hub, date);
            ASSERT_TRUE(report.ok()) << qPrintable(report.error().message);
            for (const Terminal &t : terminals) {
                const TerminalReport *r = find(*report, t.terminalId);
                ASSERT_NE(r, nullptr);
                if (!r->reported)
                    continue;
                EXPECT_TRUE(r->reconciles())
                    << qPrintable(when) << ", " << qPrintable(date.toString(Qt::ISODate)) << ", "
                    << qPrintable(r->terminalCode) << " of " << qPrintable(r->storeCode) << ": recorded "
                    << r->recordedEvents << " = received " << r->receivedEvents << " + quarantined "
                    << r->quarantinedEvents << " + pending " << r->pendingEvents << "; sales " << r->recordedSales
                    << " = " << r->receivedSales << " + " << r->quarantinedSales << " + " << r->pendingSales;
            }
        }
    }

    void configureZones()
    {
        QByteArray line
            = R"({"key": "stores.time_zones", "row": {"value": {"S001": "Europe/Berlin", "S002": "America/New_York"}}})";
        QBuffer buffer(&line);
        ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
        ASSERT_TRUE(m_hub->publishLines(QStringLiteral("config"), buffer).ok());
    }
};
} // namespace

TEST_F(ReportTest, EveryTerminalAddsUpThroughAFaultyNetworkAndOfflineHours)
{
    configureZones();
    QList<Terminal> terminals = { makeTerminal(QStringLiteral("t1"), QStringLiteral("S001")),
        makeTerminal(QStringLiteral("t2"), QStringLiteral("S001")),
        makeTerminal(QStringLiteral("t3"), QStringLiteral("S002")),
        makeTerminal(QStringLiteral("t4"), QStringLiteral("S002")) };
    for (const Terminal &t : terminals)
        ASSERT_TRUE(syncOnce(t)); // each learns its store's and its own code, which its receipt numbers carry
    FaultyProxy proxy(m_hubPort, 16);
    proxy.setFaults({ 0.2, 0.25, 0.1, 10, false });

    // Six rounds of the day. t3 is offline in rounds 1 to 3; t4 from round 3 on.
    for (int round = 0; round < 6; ++round) {
        for (int i = 0; i < terminals.size(); ++i) {
            sell(terminals[i].path, 3 + i, quint32(100 * round + i));
            const bool offline = (i == 2 && round >= 1 && round <= 3) || (i == 3 && round >= 3);
            if (offline)
                continue;
            SyncConfig c = config(terminals[i], proxy.port());
            c.pull = false;
            c.stateIntervalMs = 0; // a report every round
            SyncWorker w(terminals[i].path, c);
            w.start();
            drain(w, 4'000); // a faulty network may not finish: what got through must still add up
            w.stop();
        }
        expectReconciled(terminals, QStringLiteral("round %1").arg(round));
    }
    EXPECT_GT(proxy.droppedResponses, 0) << "the test must really lose answers after the hub committed";
    EXPECT_GT(proxy.duplicated, 0);

    // t4 is still offline: its last report says what it held then, and the hub shows it pending or received.
    // Everyone else syncs cleanly and the report equals what each terminal holds.
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(syncOnce(terminals[i]));
    expectReconciled(terminals, QStringLiteral("after a clean sync"));
    // Each store's today (near midnight UTC, Berlin and New York are on different days).
    const auto todayIn
        = [](const char *zone) { return QDateTime::currentDateTime().toTimeZone(QTimeZone(zone)).date(); };
    for (int i = 0; i < 3; ++i) {
        const char *zone = i < 2 ? "Europe/Berlin" : "America/New_York";
        auto report = dailyReport(*m_hub, todayIn(zone));
        ASSERT_TRUE(report.ok());
        const TerminalReport *r = find(*report, terminals[i].terminalId);
        ASSERT_NE(r, nullptr);
        const auto [entries, sales] = heldOn(terminals[i], todayIn(zone), zone);
        EXPECT_EQ(r->recordedEvents, entries) << qPrintable(r->terminalCode);
        EXPECT_EQ(r->recordedSales, sales);
        EXPECT_EQ(r->receivedSales, sales);
        EXPECT_EQ(r->pendingEvents, 0);
        EXPECT_EQ(r->health, Health::Green) << qPrintable(r->reasons.join(u"; "));
    }
    auto report = dailyReport(*m_hub, todayIn("America/New_York"));
    ASSERT_TRUE(report.ok());
    const TerminalReport *t4 = find(*report, terminals[3].terminalId);
    ASSERT_NE(t4, nullptr);
    EXPECT_TRUE(t4->reported);
    EXPECT_LT(t4->recordedSales, heldOn(terminals[3], todayIn("America/New_York"), "America/New_York").second)
        << "the hub cannot know what t4 sold since it went offline";
}

// A terminal whose report gets through while its sales do not: the hub shows them pending, and the manager sees how
// old they are; a quarantined entry is red.
TEST_F(ReportTest, PendingSalesTheHubHasNotGotAreShownAndAgeToAmberAndRed)
{
    Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 5, 1);
    ASSERT_TRUE(syncOnce(t));
    sell(t.path, 4, 2);
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        auto state = collectTerminalState((*db)->connection(), 0, QDateTime::currentMSecsSinceEpoch());
        ASSERT_TRUE(state.ok()) << qPrintable(state.error().message);
        EXPECT_EQ(state->pending, 4);
        auto known = m_hub->applyTerminalState(*state);
        ASSERT_TRUE(known.ok()) << qPrintable(known.error().message);
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    auto report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    const TerminalReport &r = report->stores.constFirst().terminals.constFirst();
    EXPECT_EQ(r.pendingSales, 4);
    EXPECT_EQ(r.receivedSales, 5);
    EXPECT_EQ(r.recordedSales, 9);
    EXPECT_TRUE(r.reconciles());
    EXPECT_EQ(r.health, Health::Green) << qPrintable(r.reasons.join(u"; "));

    m_hubClockOffsetMs = 2 * 3600'000; // two hours later, nothing more heard
    report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->stores.constFirst().terminals.constFirst().health, Health::Amber);
    EXPECT_TRUE(report->stores.constFirst().terminals.constFirst().reasons.join(u" ").contains(u"4 entries pending"))
        << qPrintable(report->stores.constFirst().terminals.constFirst().reasons.join(u"; "));
    m_hubClockOffsetMs = 25 * 3600'000;
    report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->health, Health::Red);

    // The sales get through; one entry the hub does not know is quarantined: red, and still adding up.
    m_hubClockOffsetMs = 0;
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(Journal::appendAlone(
            **db, QStringLiteral("gift.wrapped"), R"({"enc":1})", QDateTime::currentMSecsSinceEpoch())
                        .ok());
    }
    ASSERT_TRUE(syncOnce(t));
    report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    const TerminalReport &after = report->stores.constFirst().terminals.constFirst();
    EXPECT_EQ(after.quarantinedEvents, 1);
    EXPECT_EQ(after.pendingEvents, 0);
    EXPECT_EQ(after.receivedSales, 9);
    EXPECT_TRUE(after.reconciles());
    EXPECT_EQ(after.health, Health::Red);
    EXPECT_TRUE(reportText(*report).contains(u"UNKNOWN_TYPE") || reportText(*report).contains(u"gift.wrapped"))
        << qPrintable(reportText(*report));
}

// With a commerce backend set, the report says what of each till's day is in it, waiting, or given up: given up is
// red, waiting ages to amber and red; text, CSV and JSON carry the figures; without a backend there are none.
TEST_F(ReportTest, SalesOnTheirWayToTheCommerceBackendAreCountedAndAgeToAmberAndRed)
{
    Terminal t = makeTerminal(QStringLiteral("t1"));
    sell(t.path, 2, 3);
    ASSERT_TRUE(syncOnce(t));
    const QDate today = QDateTime::currentDateTimeUtc().date();
    auto report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->backend.isEmpty());
    EXPECT_FALSE(report->stores.constFirst().terminals.constFirst().forwarding.has_value());
    EXPECT_FALSE(reportCsv(*report).contains("backend_forwarded,") && reportCsv(*report).contains(",0,0,0\r\n"));

    // Set with --forward-since all: the two sales already received are queued; three more come after.
    const QHash<QString, QString> settings { { QStringLiteral("backend"), QStringLiteral("vendure") },
        { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/admin-api") },
        { QStringLiteral("api_key"), QStringLiteral("secret-key") } };
    ASSERT_TRUE(m_hub->setConnectorSettings(settings, 0).ok());
    sell(t.path, 3, 4);
    ASSERT_TRUE(syncOnce(t));
    auto due = m_hub->dueForwards(100);
    ASSERT_TRUE(due.ok());
    ASSERT_EQ(due->size(), 5);
    ASSERT_TRUE(m_hub->forwardDone(due->at(0).id, QStringLiteral("ORDER1")).ok());
    ASSERT_TRUE(m_hub->forwardDone(due->at(1).id, QStringLiteral("ORDER2")).ok());
    ASSERT_TRUE(m_hub->forwardFailed(due->at(2).id, QStringLiteral("no such SKU"), {}, true, m_hub->now()).ok());
    report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->backend, QStringLiteral("vendure"));
    const TerminalReport &r = report->stores.constFirst().terminals.constFirst();
    ASSERT_TRUE(r.forwarding.has_value());
    EXPECT_EQ(r.forwarding->forwarded, 2);
    EXPECT_EQ(r.forwarding->failed, 1);
    EXPECT_EQ(r.forwarding->pending, 2);
    EXPECT_EQ(r.health, Health::Red) << "a sale given up by the backend";
    EXPECT_TRUE(r.reasons.join(u" ").contains(u"given up by vendure")) << qPrintable(r.reasons.join(u"; "));
    EXPECT_TRUE(reportText(*report).contains(u"vendure: forwarded 2, pending 2, failed 1"))
        << qPrintable(reportText(*report));
    EXPECT_TRUE(reportCsv(*report).contains(",2,2,1,")) << reportCsv(*report).constData();
    EXPECT_TRUE(reportJson(*report).contains("\"forwarded\": 2")) << reportJson(*report).constData();
    EXPECT_FALSE(reportJson(*report).contains("secret-key"));

    // Retried and booked: only the two waiting remain; two hours later they are amber.
    ASSERT_EQ(*m_hub->retryFailedForwards(), 1);
    ASSERT_TRUE(m_hub->forwardDone(due->at(2).id, QStringLiteral("ORDER3")).ok());
    m_hubClockOffsetMs = 2 * 3600'000;
    ASSERT_TRUE(syncOnce(t)); // heard from, so only the waiting sales make it amber
    report = dailyReport(*m_hub, today);
    ASSERT_TRUE(report.ok());
    const TerminalReport &later = report->stores.constFirst().terminals.constFirst();
    EXPECT_EQ(later.forwarding->forwarded, 3);
    EXPECT_EQ(later.forwarding->pending, 2);
    EXPECT_EQ(later.forwarding->failed, 0);
    EXPECT_EQ(later.health, Health::Amber) << qPrintable(later.reasons.join(u"; "));
    EXPECT_TRUE(later.reasons.join(u" ").contains(u"2 sales or returns not yet in vendure"))
        << qPrintable(later.reasons.join(u"; "));
}

// The day's business: an override and who approved it, listed with names; the CSV has a row per terminal and never
// lets a spreadsheet run a formula.
TEST_F(ReportTest, TheDaysOverridesNameWhoApprovedThem)
{
    Terminal t = makeTerminal(QStringLiteral("t1"));
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, [] { return QDateTime::currentMSecsSinceEpoch(); });
        auto boss = staff.createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(boss.ok());
        auto carl = staff.add(*boss, QStringLiteral("=Carl"), QStringLiteral("cashier"), u"1111");
        ASSERT_TRUE(carl.ok());
        ASSERT_TRUE(
            staff.approve(*carl, boss->id, u"2468", Permission::VoidSale, QStringLiteral("customer left")).ok());
    }
    sell(t.path, 3, 7);
    ASSERT_TRUE(syncOnce(t));
    auto report = dailyReport(*m_hub, QDateTime::currentDateTimeUtc().date(), QStringLiteral("S001"));
    ASSERT_TRUE(report.ok()) << qPrintable(report.error().message);
    const StoreReport &store = report->stores.constFirst();
    ASSERT_EQ(store.listed.size(), 1);
    EXPECT_EQ(store.listed[0].approvedBy, QStringLiteral("Maria"));
    EXPECT_EQ(store.listed[0].by, QStringLiteral("=Carl"));
    EXPECT_EQ(store.listed[0].reason, QStringLiteral("customer left"));
    qint64 sales = 0;
    for (const MoneyLine &m : store.money)
        if (m.kind == QLatin1String("sales"))
            sales = m.count;
    EXPECT_EQ(sales, 3);
    const QByteArray csv = reportCsv(*report);
    EXPECT_EQ(csv.count("\r\n"), 2) << csv.constData();
    EXPECT_TRUE(csv.contains("tender.card EUR amount")) << csv.constData();
    EXPECT_FALSE(dailyReport(*m_hub, QDateTime::currentDateTimeUtc().date(), QStringLiteral("S999")).ok());
}

// The same report on PostgreSQL (OMNITILL_TEST_PG): a terminal's day pushed, more sold and only reported, an override
// with its approver; the figures add up and name the same people as on SQLite.
TEST_F(ReportTest, OnPostgresTheReportAddsUpAsOnSqlite)
{
    const auto server = TempPgDatabase::server();
    if (!server)
        GTEST_SKIP() << "set OMNITILL_TEST_PG to run against PostgreSQL";
    TempPgDatabase pg(*server);
    ASSERT_TRUE(pg.ok()) << qPrintable(pg.error());
    auto opened = HubStore::openPostgres(pg.url());
    ASSERT_TRUE(opened.ok()) << qPrintable(opened.error().message);
    HubStore &hub = **opened;

    Terminal t = makeTerminal(QStringLiteral("t1"));
    ASSERT_TRUE(hub.registerTerminal(t.terminalId, QStringLiteral("S001")).ok());
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        StaffStore staff(**db, [] { return QDateTime::currentMSecsSinceEpoch(); });
        auto boss = staff.createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(boss.ok());
        auto carl = staff.add(*boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
        ASSERT_TRUE(carl.ok());
        ASSERT_TRUE(
            staff.approve(*carl, boss->id, u"2468", Permission::VoidSale, QStringLiteral("customer left")).ok());
    }
    sell(t.path, 6, 11);
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        auto entries = Journal::pending((*db)->connection(), 1000);
        ASSERT_TRUE(entries.ok());
        const auto outcome = hub.applyPush(PushRequest { t.terminalId, 1, *entries, entries->constLast().seq });
        ASSERT_TRUE(std::holds_alternative<PushAccepted>(outcome));
        ASSERT_TRUE(Journal::acknowledge((*db)->connection(), 1, std::get<PushAccepted>(outcome).ackedThrough).ok());
    }
    sell(t.path, 3, 12); // recorded, reported, not pushed
    {
        auto db = Database::open(t.path);
        ASSERT_TRUE(db.ok());
        auto state = collectTerminalState((*db)->connection(), 0, QDateTime::currentMSecsSinceEpoch());
        ASSERT_TRUE(state.ok());
        ASSERT_TRUE(hub.applyTerminalState(*state).ok());
    }
    const QDate today = QDateTime::currentDateTime().date();
    auto report = dailyReport(hub, today, QStringLiteral("S001"));
    ASSERT_TRUE(report.ok()) << qPrintable(report.error().message);
    const TerminalReport &r = report->stores.constFirst().terminals.constFirst();
    EXPECT_TRUE(r.reconciles()) << r.recordedEvents << " = " << r.receivedEvents << " + " << r.pendingEvents;
    EXPECT_EQ(r.receivedSales, 6);
    EXPECT_EQ(r.pendingSales, 3);
    EXPECT_EQ(r.recordedSales, 9);
    ASSERT_EQ(report->stores.constFirst().listed.size(), 1);
    EXPECT_EQ(report->stores.constFirst().listed.constFirst().approvedBy, QStringLiteral("Maria"));
    EXPECT_TRUE(reportCsv(*report).contains("S001"));
    auto chain = dailyReport(hub, today);
    ASSERT_TRUE(chain.ok());
    EXPECT_EQ(chain->stores.size(), 1);
}
