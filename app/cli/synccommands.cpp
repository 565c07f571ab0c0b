// SPDX-License-Identifier: GPL-3.0-or-later
// The hub: sync-config, sync, stream-get.
#include "app/cli/commands.h"

#include "core/customers/customerstore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "sync/common/streamapplier.h"
#include "sync/terminal/syncworker.h"

#include <QEventLoop>
#include <QTimer>

namespace omnitill::cli {

namespace {
const QCommandLineOption kHub(QStringLiteral("hub"), QStringLiteral("the hub's address"), QStringLiteral("URL"));
const QCommandLineOption kToken(QStringLiteral("token"), QStringLiteral("the device token"), QStringLiteral("TOKEN"));
const QCommandLineOption kTimeout(QStringLiteral("timeout"), QStringLiteral("give up after"), QStringLiteral("S"));

int syncConfig(Invocation &inv, Database &db)
{
    const auto hub = inv.value(kHub.names().constFirst());
    const auto token = inv.value(kToken.names().constFirst());
    if (auto st = sync::saveSyncConfig(db, QUrl(*hub), token->toLatin1()); !st)
        return inv.fail(st.error());
    inv.out << "sync goes to " << *hub << '\n';
    return ExitCode::Ok;
}

int syncOnce(Invocation &inv, Database &db)
{
    const auto timeoutS = inv.number(kTimeout.names().constFirst(), 60, 1, 86400);
    if (!timeoutS)
        return ExitCode::Usage;
    auto config = sync::loadSyncConfig(db);
    if (!config) {
        if (config.error().code != ErrorCode::NotFound)
            return inv.fail(config.error());
        // Syncing before sync-config is the wrong order of commands, not a problem of the database.
        inv.err << "omnitill-cli: " << config.error().message << '\n';
        return ExitCode::Usage;
    }
    auto before = Journal::outboxStatus(db.connection());
    if (!before)
        return inv.fail(before.error());
    config->backoffMaxMs = 5000;
    sync::SyncWorker worker(db.path(), *config);
    QEventLoop loop;
    int code = ExitCode::TempFail;
    QString problem;
    QObject::connect(&worker, &sync::SyncWorker::drained, &loop, [&] {
        code = ExitCode::Ok;
        loop.quit();
    });
    QObject::connect(&worker, &sync::SyncWorker::blocked, &loop, [&](const QString &message) {
        code = ExitCode::Blocked;
        problem = message;
        loop.quit();
    });
    QTimer::singleShot(*timeoutS * 1000, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &worker, &sync::SyncWorker::start);
    loop.exec();
    worker.stop();
    const sync::SyncStatus s = worker.status();
    if (code == ExitCode::Ok) {
        inv.out << "sent " << (before->pending - s.pending) << " journal entries; none pending; terminal epoch "
                << s.epoch << '\n';
    } else if (code == ExitCode::Blocked) {
        inv.err << "omnitill-cli: sync blocked: " << problem << '\n';
    } else {
        inv.err << "omnitill-cli: " << s.pending << " entries still pending after " << *timeoutS
                << " s; last problem: " << (s.lastError.isEmpty() ? QStringLiteral("none") : s.lastError) << '\n';
    }
    return code;
}

int streamGet(Invocation &inv, Database &db)
{
    const QString &stream = inv.arguments().at(0);
    const QString &key = inv.arguments().at(1);
    if (stream == sync::kCustomersStream) { // kept in the customer tables, merges followed
        auto p = CustomerStore(db, systemClock()).profile(key);
        if (!p)
            return inv.fail(p.error());
        if (!p->has_value()) {
            inv.err << "omnitill-cli: no customer \"" << key << "\" on this terminal\n";
            return ExitCode::NotFound;
        }
        inv.out << QString::fromUtf8((*p)->customer.toRow()) << '\n';
        return ExitCode::Ok;
    }
    auto row = sync::StreamApplier::row(db, stream, key);
    if (!row)
        return inv.fail(row.error());
    if (!row->has_value()) {
        inv.err << "omnitill-cli: no " << stream << " row \"" << key << "\" on this terminal\n";
        return ExitCode::NotFound;
    }
    inv.out << QString::fromUtf8(**row) << '\n';
    return ExitCode::Ok;
}
// Customers this terminal holds that match what a cashier would type: a name's beginnings, an email, a phone, a card.
int customerFind(Invocation &inv, Database &db)
{
    auto found = CustomerStore(db, systemClock()).search(inv.arguments().join(u' '), 20);
    if (!found)
        return inv.fail(found.error());
    for (const CustomerMatch &m : *found)
        inv.out << m.name << '\t' << m.tier << '\t' << m.points << " points\t"
                << (m.email.isEmpty() ? m.phone : m.email) << '\t' << m.card << '\t' << m.id
                << (m.local ? QStringLiteral("\tnot yet at the hub") : QString()) << '\n';
    if (found->isEmpty()) {
        inv.err << "omnitill-cli: no customer on this terminal matches \"" << inv.arguments().join(u' ') << "\"\n";
        return ExitCode::NotFound;
    }
    return ExitCode::Ok;
}
} // namespace

void addSyncCommands(CommandLine &line, StoreAccess &store)
{
    line.addCommand({ QStringLiteral("sync-config"), {},
        QStringLiteral("where to send sales (the token comes from omnitill-hub register)"), { kHub, kToken }, 0, 0,
        withStore(store, syncConfig), { kHub.names().constFirst(), kToken.names().constFirst() } });
    line.addCommand({ QStringLiteral("sync"), {},
        QStringLiteral("send pending sales to the hub until none are left (75: hub unreachable, 77: refused)"),
        { kTimeout }, 0, 0, withStore(store, syncOnce) });
    line.addCommand({ QStringLiteral("stream-get"), QStringLiteral("STREAM KEY"),
        QStringLiteral("show a pulled stock, customers, carts or config row"), {}, 2, 2, withStore(store, streamGet) });
    line.addCommand({ QStringLiteral("customer-find"), QStringLiteral("TEXT..."),
        QStringLiteral("customers on this terminal by name, email, phone or card"), {}, 1, 20,
        withStore(store, customerFind) });
}

} // namespace omnitill::cli
