// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog: import, demo, demo-csv, search.
#include "app/cli/commands.h"

#include "core/catalog/catalog.h"
#include "core/catalog/demodata.h"
#include "core/catalog/importer.h"
#include "core/customers/democustomers.h"
#include "core/loyalty/loyalty.h"
#include "core/storage/database.h"

#include <QElapsedTimer>
#include <QSaveFile>

namespace omnitill::cli {

namespace {
const QCommandLineOption kCurrency(QStringLiteral("currency"), QStringLiteral("ISO 4217 code"), QStringLiteral("CODE"));
const QCommandLineOption kSkus(QStringLiteral("skus"), QStringLiteral("sellable variants"), QStringLiteral("N"));
const QCommandLineOption kSeed(QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("S"));
const QCommandLineOption kCustomers(
    QStringLiteral("customers"), QStringLiteral("demo customers (default 200; 0: none)"), QStringLiteral("N"));
const QCommandLineOption kLimit(QStringLiteral("limit"), QStringLiteral("most results"), QStringLiteral("N"));

int import(Invocation &inv, Database &db)
{
    CatalogImporter importer(db);
    if (const auto code = inv.value(kCurrency.names().constFirst())) {
        const auto currency = Currency::fromCode(*code);
        if (!currency)
            return inv.usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
        importer.setDefaultCurrency(*currency);
    }
    QElapsedTimer timer;
    timer.start();
    auto report = importer.importFile(inv.arguments().constFirst());
    if (!report)
        return inv.fail(report.error());
    inv.out << "imported " << report->records << " records";
    if (report->taxClasses)
        inv.out << " and " << report->taxClasses << " tax classes";
    inv.out << " in " << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1) << " s\n";
    return ExitCode::Ok;
}

// --skus and --seed of the demo commands.
std::optional<DemoOptions> demoOptions(Invocation &inv, const Clock &clock)
{
    const auto skus = inv.number(kSkus.names().constFirst(), 5000, 1, 5'000'000);
    if (!skus)
        return std::nullopt;
    const auto seed = inv.number(kSeed.names().constFirst(), 42, 1, std::numeric_limits<qint32>::max());
    if (!seed)
        return std::nullopt;
    return DemoOptions { *skus, quint64(*seed), clock() };
}

int demo(Invocation &inv, Database &db, const Clock &clock)
{
    const auto options = demoOptions(inv, clock);
    if (!options)
        return ExitCode::Usage;
    const auto customers = inv.number(kCustomers.names().constFirst(), 200, 0, 1'000'000);
    if (!customers)
        return ExitCode::Usage;
    if (auto st = DemoCatalog::seed(db, *options); !st)
        return inv.fail(st.error());
    inv.out << "added the demo catalog: " << options->skus << " SKUs\n";
    if (*customers == 0)
        return ExitCode::Ok;
    // The demo store's customers (with orders on every channel) and loyalty rules, as a hub would send them.
    if (auto st = DemoCustomers::seed(db, int(*customers), clock()); !st)
        return inv.fail(st.error());
    if (auto st = LoyaltyRules::seedDemo(db); !st)
        return inv.fail(st.error());
    inv.out << "added " << *customers << " demo customers and the loyalty rules\n";
    return ExitCode::Ok;
}

int demoCsv(Invocation &inv, const Clock &clock)
{
    const auto options = demoOptions(inv, clock);
    if (!options)
        return ExitCode::Usage;
    QSaveFile file(inv.arguments().constFirst());
    const auto cannotWrite = [&] {
        return inv.fail(makeError(
            ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())));
    };
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite();
    if (auto st = DemoCatalog::writeCsv(file, *options); !st)
        return inv.fail(Error { ErrorCode::Storage, st.error().message });
    if (!file.commit())
        return cannotWrite();
    inv.out << "wrote " << options->skus << " SKUs to " << file.fileName() << '\n';
    return ExitCode::Ok;
}

int search(Invocation &inv, Database &db)
{
    const auto limit = inv.number(kLimit.names().constFirst(), 20, 1, 500);
    if (!limit)
        return ExitCode::Usage;
    const QString text = inv.arguments().join(u' ');
    Catalog catalog(db);
    auto hits = catalog.search(text, int(*limit));
    if (!hits)
        return inv.fail(hits.error());
    for (const SearchHit &h : *hits)
        inv.out << h.sku << '\t' << h.name << '\t' << h.brand << '\n';
    if (hits->isEmpty()) {
        inv.err << "omnitill-cli: nothing matches \"" << text << "\"\n";
        return ExitCode::NotFound;
    }
    return ExitCode::Ok;
}
} // namespace

void addCatalogCommands(CommandLine &line, StoreAccess &store)
{
    line.addCommand({ QStringLiteral("import"), QStringLiteral("FILE"),
        QStringLiteral("import a catalog (.csv or .json), all or nothing"), { kCurrency }, 1, 1,
        withStore(store, import) });
    line.addCommand({ QStringLiteral("demo"), {},
        QStringLiteral("add the demo catalog (default 5000 SKUs) and customers"), { kSkus, kSeed, kCustomers }, 0, 0,
        withStore(store, [&store](Invocation &inv, Database &db) { return demo(inv, db, store.clock()); }) });
    line.addCommand(
        { QStringLiteral("demo-csv"), QStringLiteral("FILE"), QStringLiteral("write the demo catalog as an import CSV"),
            { kSkus, kSeed }, 1, 1, [&store](Invocation &inv) { return demoCsv(inv, store.clock()); } });
    line.addCommand({ QStringLiteral("search"), QStringLiteral("TEXT..."),
        QStringLiteral("find items by name (prefix, accent-insensitive)"), { kLimit }, 1, -1,
        withStore(store, search) });
}

} // namespace omnitill::cli
