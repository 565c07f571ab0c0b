// SPDX-License-Identifier: GPL-3.0-or-later
// Customer lookup on the till at OMNITILL_BENCH_CUSTOMERS customers (default 1,000,000): by loyalty card and by what a
// cashier types (name prefixes, an email, a phone number), each beside its floor (the same index lookups prepared once
// with SQLite's C API); and the hub's live profile fetched over loopback HTTP, beside the same GET of /sync/v1/health.
#include "bench/benchhttp.h"
#include "bench/benchsupport.h"

#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/storage/journal.h"
#include "core/storage/statement.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <random>

#include <sqlite3.h>

using namespace omnitill;
using namespace omnitill::bench;

namespace {

int benchCustomers()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("OMNITILL_BENCH_CUSTOMERS", &ok);
    return ok && n > 0 ? n : 1'000'000;
}

// A terminal database holding benchCustomers() demo customers, built once (delete the file to rebuild).
Database &customerDb()
{
    static std::unique_ptr<Database> db = [] {
        const QString path = benchDir() + QStringLiteral("/customers-%1.db").arg(benchCustomers());
        const bool exists = QFile::exists(path);
        auto opened = Database::open(path);
        if (!opened)
            std::abort();
        if (!exists) {
            std::fprintf(stderr, "building %d demo customers in %s ...\n", benchCustomers(), qPrintable(path));
            QElapsedTimer t;
            t.start();
            for (int from = 0; from < benchCustomers(); from += 10000) {
                const DemoCustomers slice
                    = DemoCustomers::make(std::min(10000, benchCustomers() - from), kBenchNow, from);
                Transaction tx((*opened)->connection());
                for (const Customer &c : slice.customers) {
                    if (auto st = CustomerStore::applyRow(**opened, c.id, c.toRow()); !st) {
                        std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
                        std::abort();
                    }
                }
                if (!tx.commit().ok())
                    std::abort();
            }
            std::fprintf(stderr, "built in %.1f s\n", double(t.elapsed()) / 1000);
        }
        return std::move(opened).value();
    }();
    return *db;
}

// Cards sampled from the whole table, cold and warm pages alike.
QStringList sample(const char *sql)
{
    QStringList out;
    QSqlQuery q(customerDb().connection());
    if (!q.exec(QString::fromLatin1(sql)))
        std::abort();
    while (q.next())
        out << q.value(0).toString();
    return out;
}

class Floor
{
public:
    Floor(const char *sql)
        : m_db(sqliteHandle(customerDb().connection()))
    {
        sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    }
    ~Floor() { sqlite3_finalize(m_stmt); }
    bool ok() const { return m_stmt; }
    // Binds the texts, steps every row and reads every column; returns the rows.
    int run(const QList<QByteArray> &texts)
    {
        for (int i = 0; i < texts.size(); ++i)
            sqlite3_bind_text(m_stmt, i + 1, texts[i].constData(), int(texts[i].size()), SQLITE_STATIC);
        int rows = 0;
        while (sqlite3_step(m_stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(m_stmt); ++c)
                benchmark::DoNotOptimize(sqlite3_column_blob(m_stmt, c));
            ++rows;
        }
        sqlite3_reset(m_stmt);
        return rows;
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// A card scanned at the till: the customer's whole row, read and checked (what the till shows), beside the same
// index lookup and row read in plain SQLite.
void BM_CustomerByCard(benchmark::State &state)
{
    CustomerStore store(customerDb(), [] { return kBenchNow; });
    Floor floor("SELECT b.body FROM customer_card k JOIN customer_body b ON b.id = k.customer_id WHERE k.card = ?");
    const QStringList cards = sample("SELECT card FROM customer_card ORDER BY random() LIMIT 5000");
    PairedLatency latency;
    std::mt19937 rng(7);
    bool floorFirst = false;
    for (auto _ : state) {
        const QString &card = cards[qsizetype(rng() % quint32(cards.size()))];
        const QByteArray utf8 = card.toUtf8();
        auto ours = [&] {
            latency.ours.start();
            auto p = store.byCard(card);
            latency.ours.stop();
            return p.ok();
        };
        auto plain = [&] {
            latency.floor.start();
            const int rows = floor.run({ utf8 });
            latency.floor.stop();
            return rows == 1;
        };
        if (!(floorFirst ? plain() && ours() : ours() && plain())) {
            state.SkipWithError("a card was not found");
            break;
        }
        floorFirst = !floorFirst;
    }
    latency.report(state);
}
BENCHMARK(BM_CustomerByCard)->Iterations(20000)->Unit(benchmark::kMicrosecond);

// What cashiers type into the customer search: one letter, short and long prefixes, two words in either order,
// accents or not, an email, a phone number. The floor is the first word's prefix range over the same index with the
// first 50 rows joined to their customers, in plain SQLite.
void BM_CustomerSearch(benchmark::State &state)
{
    CustomerStore store(customerDb(), [] { return kBenchNow; });
    store.setDefaultCallingCode(QStringLiteral("49"));
    Floor floor("SELECT c.name, c.tier, c.points, c.email, c.phone, c.first_card FROM (SELECT customer_id FROM "
                "customer_word WHERE word >= ?1 AND word < ?2 ORDER BY word, customer_id LIMIT 50) w "
                "JOIN customer c ON c.id = w.customer_id");
    const QStringList queries = { QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("anna mü"),
        QStringLiteral("muller anna"), QStringLiteral("zoe"), QStringLiteral("kowal"), QStringLiteral("lea dub"),
        QStringLiteral("b"), QStringLiteral("schäfer-koch"), QStringLiteral("mehmet öz"),
        QStringLiteral("anna.muller@example.com"), QStringLiteral("0171 0000000") };
    QList<QByteArray> first, end;
    for (const QString &q : queries) {
        const QStringList w = CustomerInput::words(q);
        first << w.value(0).toUtf8();
        end << (w.value(0) + QString::fromUcs4(U"\U0010FFFF", 1)).toUtf8();
    }
    PairedLatency latency;
    qsizetype at = 0;
    bool floorFirst = false;
    for (auto _ : state) {
        const qsizetype i = at++ % queries.size();
        auto ours = [&] {
            latency.ours.start();
            auto r = store.search(queries[i], 50);
            latency.ours.stop();
            return r.ok();
        };
        auto plain = [&] {
            latency.floor.start();
            floor.run({ first[i], end[i] });
            latency.floor.stop();
            return true;
        };
        if (!(floorFirst ? plain() && ours() : ours() && plain())) {
            state.SkipWithError("a search failed");
            break;
        }
        floorFirst = !floorFirst;
    }
    latency.report(state);
}
BENCHMARK(BM_CustomerSearch)->Iterations(6000)->Unit(benchmark::kMicrosecond);

// The hub's live profile of a customer (every order with its lines) over loopback HTTP, beside the hub's health
// check on the same connection (the HTTP round trip with no database work).
void BM_HubCustomerProfile(benchmark::State &state)
{
    QTemporaryDir dir;
    auto hub = sync::HubStore::openSqlite(dir.filePath(QStringLiteral("hub.db")));
    if (!hub) {
        state.SkipWithError("no hub");
        return;
    }
    const DemoCustomers demo = DemoCustomers::make(2000, kBenchNow);
    QByteArray customers, orders;
    for (Customer c : demo.customers) {
        c.recent.clear();
        customers += c.toRow() + '\n';
    }
    for (const DemoOrder &o : demo.orders)
        orders += o.toJsonLine() + '\n';
    QBuffer cb(&customers), ob(&orders);
    cb.open(QIODevice::ReadOnly);
    ob.open(QIODevice::ReadOnly);
    if (!(*hub)->importCustomers(cb) || !(*hub)->importOrders(ob)) {
        state.SkipWithError("import failed");
        return;
    }
    const QString terminal = Journal::newEventId(kBenchNow);
    auto token = (*hub)->registerTerminal(terminal, QStringLiteral("S001"));
    sync::HubServer server(**hub);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    QTcpSocket socket;
    if (!token || !connectLoopback(socket, port)) {
        state.SkipWithError("no server");
        return;
    }
    const QByteArray auth = "Authorization: Bearer " + token->toLatin1() + "\r\nX-Terminal-Id: " + terminal.toLatin1();
    PairedLatency latency;
    std::mt19937 rng(3);
    for (auto _ : state) {
        const QString &id = demo.customers[qsizetype(rng() % 2000)].id;
        latency.ours.start();
        const int status = loopbackGet(
            socket, "GET /sync/v1/customer?id=" + id.toLatin1() + " HTTP/1.1\r\nHost: b\r\n" + auth + "\r\n\r\n");
        latency.ours.stop();
        latency.floor.start();
        const int health = loopbackGet(socket, "GET /sync/v1/health HTTP/1.1\r\nHost: b\r\n\r\n");
        latency.floor.stop();
        if (status != 200 || health != 200) {
            std::fprintf(stderr, "profile: HTTP %d, health: HTTP %d\n", status, health);
            state.SkipWithError("a request failed");
            break;
        }
    }
    latency.report(state);
}
BENCHMARK(BM_HubCustomerProfile)->Iterations(3000)->Unit(benchmark::kMicrosecond);

} // namespace

OMNITILL_BENCHMARK_MAIN()
