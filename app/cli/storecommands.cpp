// SPDX-License-Identifier: GPL-3.0-or-later
// The store itself: init, status, check, verify-journal, reindex-search.
#include "app/cli/commands.h"

#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storage/searchindex.h"

#include <QDateTime>

namespace omnitill::cli {

namespace {
int status(Invocation &inv, Database &db, const Clock &clock)
{
    Catalog catalog(db);
    SaleStore sales(db, clock);
    auto skus = catalog.variantCount();
    if (!skus)
        return inv.fail(skus.error());
    auto unsynced = sales.unsyncedCount();
    if (!unsynced)
        return inv.fail(unsynced.error());
    auto identity = Journal::identity(db.connection());
    if (!identity)
        return inv.fail(identity.error());
    auto outbox = Journal::outboxStatus(db.connection());
    if (!outbox)
        return inv.fail(outbox.error());
    inv.out << "database: " << db.path() << "\nschema version: " << db.schemaVersion()
            << "\nterminal: " << identity->terminalId << " (epoch " << identity->epoch << ")"
            << "\nSKUs: " << *skus << "\nsales not yet synced: " << *unsynced
            << "\njournal entries pending sync: " << outbox->pending;
    if (outbox->oldestPendingAtMs)
        inv.out << " (oldest from "
                << QDateTime::fromMSecsSinceEpoch(*outbox->oldestPendingAtMs, Qt::UTC).toString(Qt::ISODate) << ")";
    inv.out << '\n';
    return ExitCode::Ok;
}

// The journal's hash chain, or the first entry that breaks it as a Corrupt error.
Result<qint64> verifiedEntries(Database &db)
{
    auto v = Journal::verify(db.connection());
    if (!v)
        return v.error();
    if (!v->ok())
        return makeError(ErrorCode::Corrupt,
            QStringLiteral("the journal does not verify at entry %1: %2").arg(*v->firstBadSeq).arg(v->problem));
    return v->entries;
}

// The search ranking's word counts recounted from the name index; wrong counts are a Corrupt error naming the
// repair.
Status verifiedSearchCounts(Database &db)
{
    auto wrong = SearchIndex::verify(db.connection());
    if (!wrong)
        return wrong.error();
    if (wrong->isEmpty())
        return Ok {};
    return makeError(ErrorCode::Corrupt,
        QStringLiteral("the search ranking's counts are wrong for %1 prefixes (first: \"%2\"); "
                       "omnitill-cli reindex-search recounts them")
            .arg(wrong->size())
            .arg(QString::fromUtf8(wrong->constFirst())));
}

// The whole store: SQLite's own integrity check, then the journal's chain (a journal altered behind the triggers'
// back passes the first), then the search counts.
int check(Invocation &inv, Database &db)
{
    if (auto st = db.integrityCheck(); !st)
        return inv.fail(st.error());
    auto entries = verifiedEntries(db);
    if (!entries)
        return inv.fail(entries.error());
    if (auto st = verifiedSearchCounts(db); !st)
        return inv.fail(st.error());
    inv.out << "ok: the database is intact and its journal of " << *entries << " entries verifies\n";
    return ExitCode::Ok;
}

// Recounts the search ranking's word counts in one transaction.
int reindexSearch(Invocation &inv, Database &db)
{
    Transaction tx(db.connection());
    if (!tx.begun())
        return inv.fail(tx.begun().error());
    if (auto st = SearchIndex::rebuild(db.connection()); !st)
        return inv.fail(st.error());
    if (auto st = tx.commit(); !st)
        return inv.fail(st.error());
    inv.out << "search counts rebuilt\n";
    return ExitCode::Ok;
}

int verifyJournal(Invocation &inv, Database &db)
{
    auto entries = verifiedEntries(db);
    if (!entries)
        return inv.fail(entries.error());
    inv.out << "journal ok: " << *entries << " entries\n";
    return ExitCode::Ok;
}
} // namespace

void addStoreCommands(CommandLine &line, StoreAccess &store)
{
    auto showStatus
        = withStore(store, [&store](Invocation &inv, Database &db) { return status(inv, db, store.clock()); });
    line.addCommand({ QStringLiteral("init"), {}, QStringLiteral("create or upgrade the database and show its status"),
        {}, 0, 0, showStatus });
    line.addCommand({ QStringLiteral("status"), {}, QStringLiteral("schema version, products, sales not yet synced"),
        {}, 0, 0, showStatus });
    line.addCommand(
        { QStringLiteral("check"), {}, QStringLiteral("full check of the database and of its journal's hash chain"), {},
            0, 0, withStore(store, check) });
    line.addCommand({ QStringLiteral("verify-journal"), {},
        QStringLiteral("recompute the sales journal's hash chain; names the first bad entry"), {}, 0, 0,
        withStore(store, verifyJournal) });
    line.addCommand({ QStringLiteral("reindex-search"), {},
        QStringLiteral("recount the word counts that rank name search (after check reports them wrong)"), {}, 0, 0,
        withStore(store, reindexSearch) });
}

} // namespace omnitill::cli
