// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"
#include "app/cli/commands.h"

#include "core/storage/database.h"

#include <QProcessEnvironment>

namespace omnitill::cli {

StoreAccess::StoreAccess(Clock clock)
    : m_clock(std::move(clock))
{ }

StoreAccess::~StoreAccess() = default;

Database *StoreAccess::open(Invocation &invocation, int &code)
{
    if (m_db)
        return m_db.get();
    const QString path = invocation.value(QStringLiteral("db"))
                             .value_or(QProcessEnvironment::systemEnvironment().value(
                                 QStringLiteral("OMNITILL_DB"), QStringLiteral("omnitill.db")));
    auto db = Database::open(path);
    if (!db) {
        code = invocation.fail(db.error());
        return nullptr;
    }
    m_db = std::move(db).value();
    return m_db.get();
}

std::function<int(Invocation &)> withStore(StoreAccess &store, std::function<int(Invocation &, Database &)> run)
{
    return [&store, run = std::move(run)](Invocation &invocation) {
        int code = ExitCode::Ok;
        Database *db = store.open(invocation, code);
        return db ? run(invocation, *db) : code;
    };
}

bool isSet(const Invocation &inv)
{
    return !inv.arguments().isEmpty() && inv.arguments().constFirst() == QLatin1String("set");
}

int runCli(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock)
{
    CommandLine line(QStringLiteral("omnitill-cli"),
        QStringLiteral("The database is --db FILE, else $OMNITILL_DB, else ./omnitill.db. It is created when missing."),
        QStringLiteral(
            "exit codes: 0 ok, 1 not found, 64 usage, 65 bad input data, 66 cannot read input,\n"
            "            74 storage or I/O failure (e.g. disk full), 75 hub unreachable (sync again later),\n"
            "            77 refused by the hub (a manager must act), 78 database needs a newer OmniTill"));
    line.addGlobalOption(
        QCommandLineOption(QStringLiteral("db"), QStringLiteral("the store database"), QStringLiteral("FILE")));
    StoreAccess store(clock);
    addStoreCommands(line, store);
    addCatalogCommands(line, store);
    addSaleCommands(line, store);
    addScannerCommands(line, store);
    addTillCommands(line, store);
    addSyncCommands(line, store);
    return line.run(args, out, err);
}

} // namespace omnitill::cli
