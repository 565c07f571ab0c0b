// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-cli's command groups; private to app/cli.
#pragma once

#include "app/common/commandline.h"
#include "core/base/clock.h"

#include <memory>

namespace omnitill {
class Database;
}

namespace omnitill::cli {

// What every command shares: the store named by --db (else $OMNITILL_DB, else ./omnitill.db), opened and migrated
// on first use, and the clock.
class StoreAccess
{
public:
    explicit StoreAccess(Clock clock);
    ~StoreAccess();
    // The open store, or nullptr once the reason was reported (the exit code is then in `code`).
    Database *open(Invocation &invocation, int &code);
    const Clock &clock() const { return m_clock; }

private:
    Clock m_clock;
    std::unique_ptr<Database> m_db;
};

// A command's run() for commands that need the store: the store is opened before `run` is called.
std::function<int(Invocation &)> withStore(StoreAccess &store, std::function<int(Invocation &, Database &)> run);

// "set" as the first argument: the command changes a setting rather than showing it.
bool isSet(const Invocation &inv);

void addStoreCommands(CommandLine &line, StoreAccess &store); // init, status, check, verify-journal
void addCatalogCommands(CommandLine &line, StoreAccess &store); // import, demo, demo-csv, lookup, search
void addSaleCommands(CommandLine &line, StoreAccess &store); // sale
void addScannerCommands(CommandLine &line, StoreAccess &store); // scanner, labels
void addTillCommands(CommandLine &line, StoreAccess &store); // reasons, language, sounds
void addSyncCommands(CommandLine &line, StoreAccess &store); // sync-config, sync, stream-get

} // namespace omnitill::cli
