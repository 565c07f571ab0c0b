// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-hub's commands for the commerce backend: its settings, a check, forwarding by hand and what it gave up.
#include "app/hub/connectorcommands.h"

#include "sync/connector/connector.h"
#include "sync/connector/forwarder.h"
#include "sync/hub/hubstore.h"

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTimeZone>
#include <QUuid>

namespace omnitill::cli {

namespace {
const QCommandLineOption kBackend(
    QStringLiteral("backend"), QStringLiteral("the commerce backend: vendure"), QStringLiteral("NAME"));
const QCommandLineOption kUrl(QStringLiteral("url"),
    QStringLiteral("the backend's admin API, such as http://127.0.0.1:3000/admin-api"), QStringLiteral("URL"));
const QCommandLineOption kApiKeyFile(QStringLiteral("api-key-file"),
    QStringLiteral("a file whose first line is the API key (- for standard input): a key is never an argument, "
                   "which process lists and shell histories would show"),
    QStringLiteral("FILE"));
const QCommandLineOption kChannel(QStringLiteral("channel"),
    QStringLiteral("the backend's channel token (default: its default channel)"), QStringLiteral("TOKEN"));
const QCommandLineOption kLocations(QStringLiteral("locations"),
    QStringLiteral("each store's stock location in the backend: STORE=ID separated by commas (* for every other "
                   "store)"),
    QStringLiteral("LIST"));
const QCommandLineOption kShipping(QStringLiteral("shipping-method"),
    QStringLiteral("the backend's shipping method for store sales (default in-store-handover)"),
    QStringLiteral("CODE"));
const QCommandLineOption kForwardSince(QStringLiteral("forward-since"),
    QStringLiteral("when first set: forward the sales and returns the hub received since this day (YYYY-MM-DD), "
                   "all of them (all), or only new ones (now, the default)"),
    QStringLiteral("DAY|all|now"));
const QCommandLineOption kRetryMax(QStringLiteral("retry-max"),
    QStringLiteral("the longest wait between attempts while the backend does not answer (default 900 s)"),
    QStringLiteral("SECONDS"));
const QCommandLineOption kTimeout(QStringLiteral("timeout"),
    QStringLiteral("how long to wait for one answer of the backend (default 15 s)"), QStringLiteral("SECONDS"));
const QCommandLineOption kLimit(
    QStringLiteral("limit"), QStringLiteral("at most this many items (default all that are due)"), QStringLiteral("N"));
const QCommandLineOption kSweep(QStringLiteral("sweep"),
    QStringLiteral("read every item, and remove from the tills what the backend no longer sells (default: what "
                   "changed since the last import)"));
const QCommandLineOption kRetryFailed(
    QStringLiteral("retry-failed"), QStringLiteral("put what was given up back in the queue"));

int connectorSet(Invocation &inv, sync::HubStore &store)
{
    const QString backend = inv.value(kBackend.names().constFirst()).value_or(QString());
    QHash<QString, QString> settings { { QStringLiteral("backend"), backend },
        { QStringLiteral("url"), *inv.value(kUrl.names().constFirst()) } };
    const QString keyPath = *inv.value(kApiKeyFile.names().constFirst());
    QFile keyFile(keyPath);
    const bool opened
        = keyPath == QLatin1String("-") ? keyFile.open(stdin, QIODevice::ReadOnly) : keyFile.open(QIODevice::ReadOnly);
    if (!opened)
        return inv.fail(makeError(ErrorCode::Io, QStringLiteral("cannot read the API key from %1").arg(keyPath)));
    settings.insert(QStringLiteral("api_key"), QString::fromUtf8(keyFile.readLine(4096)).trimmed());
    if (auto channel = inv.value(kChannel.names().constFirst()))
        settings.insert(QStringLiteral("channel"), *channel);
    if (auto shipping = inv.value(kShipping.names().constFirst()))
        settings.insert(QStringLiteral("shipping_method"), *shipping);
    if (inv.isSet(kRetryMax.names().constFirst())) {
        const auto seconds = inv.number(kRetryMax.names().constFirst(), 900, 1, 86400);
        if (!seconds)
            return ExitCode::Usage;
        settings.insert(QStringLiteral("retry_max_s"), QString::number(*seconds));
    }
    if (inv.isSet(kTimeout.names().constFirst())) {
        const auto seconds = inv.number(kTimeout.names().constFirst(), 15, 1, 600);
        if (!seconds)
            return ExitCode::Usage;
        settings.insert(QStringLiteral("timeout_s"), QString::number(*seconds));
    }
    for (const QString &pair :
        inv.value(kLocations.names().constFirst()).value_or(QString()).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == pair.size() - 1)
            return inv.usage(QStringLiteral("--locations is STORE=ID separated by commas, not \"%1\"").arg(pair));
        settings.insert(QStringLiteral("location.") + pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
    }
    // Made once, so that a setting the connector cannot work with is refused here and not at the first sale.
    if (auto made = sync::makeConnector(settings, store); !made)
        return inv.fail(made.error());

    std::optional<qint64> since;
    const QString from = inv.value(kForwardSince.names().constFirst()).value_or(QStringLiteral("now"));
    if (from == QLatin1String("all")) {
        since = 0;
    } else if (from != QLatin1String("now")) {
        const QDate day = QDate::fromString(from, Qt::ISODate);
        if (!day.isValid())
            return inv.usage(QStringLiteral("--forward-since is a day (YYYY-MM-DD), all or now"));
        since = day.startOfDay(QTimeZone::utc()).addDays(-1).toMSecsSinceEpoch(); // every zone's day; a day early
    }
    if (auto st = store.setConnectorSettings(settings, since); !st)
        return inv.fail(st.error());
    inv.out << "the hub forwards to " << backend << " at " << settings.value(QStringLiteral("url")) << '\n';
    return ExitCode::Ok;
}

int connectorShow(Invocation &inv, sync::HubStore &store)
{
    auto settings = store.connectorSettings();
    if (!settings)
        return inv.fail(settings.error());
    if (settings->isEmpty()) {
        inv.out << "no commerce backend is set\n";
        return ExitCode::NotFound;
    }
    QStringList keys = settings->keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        const QString value = settings->value(key);
        // The key itself is never shown: how long it is tells whether the right one was set.
        inv.out << key << ": "
                << (key == QLatin1String("api_key") ? QStringLiteral("(set, %1 characters)").arg(value.size()) : value)
                << '\n';
    }
    return ExitCode::Ok;
}

int connectorCheck(Invocation &inv, sync::HubStore &store)
{
    auto connector = sync::makeConnector(store);
    if (!connector)
        return inv.fail(connector.error());
    auto lines = (*connector)->check();
    if (!lines)
        return inv.fail(lines.error());
    for (const QString &line : std::as_const(*lines))
        inv.out << line << '\n';
    return ExitCode::Ok;
}

int forward(Invocation &inv, sync::HubStore &store)
{
    const auto limit = inv.number(kLimit.names().constFirst(), 1'000'000'000, 1, 1'000'000'000);
    if (!limit)
        return ExitCode::Usage;
    auto settings = store.connectorSettings();
    if (!settings)
        return inv.fail(settings.error());
    auto connector = sync::makeConnector(*settings, store);
    if (!connector)
        return inv.fail(connector.error());
    sync::Forwarder forwarder(store, **connector,
        QStringLiteral("forward-command-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    forwarder.configure(*settings);
    sync::Forwarder::Round total;
    qint64 left = *limit;
    while (left > 0) {
        auto round = forwarder.runOnce(int(std::min<qint64>(left, 100)));
        if (!round)
            return inv.fail(round.error());
        total.forwarded += round->forwarded;
        total.retrying += round->retrying;
        total.failed += round->failed;
        left -= round->handled();
        if (!round->leaseHeld) {
            inv.err << "omnitill-hub: another forwarder (omnitill-hub serve) works the queue\n";
            return ExitCode::TempFail;
        }
        if (round->forwarded == 0)
            break; // nothing due, or the backend does not answer
    }
    inv.out << "forwarded " << total.forwarded << ", to try again " << total.retrying << ", given up " << total.failed
            << " (" << (*connector)->requests() << " requests)\n";
    return total.retrying > 0 ? ExitCode::TempFail : total.failed > 0 ? ExitCode::NeedsAttention : ExitCode::Ok;
}

int connectorImport(Invocation &inv, sync::HubStore &store)
{
    auto connector = sync::makeConnector(store);
    if (!connector)
        return inv.fail(connector.error());
    QElapsedTimer timer;
    timer.start();
    auto imported = (*connector)->importCatalog(inv.isSet(kSweep.names().constFirst()));
    if (!imported)
        return inv.fail(imported.error());
    inv.out << "read " << imported->changed << " items from " << (*connector)->backend() << ", removed "
            << imported->removed << ", in " << double(timer.elapsed()) / 1000.0 << " s\n";
    return ExitCode::Ok;
}

int forwarding(Invocation &inv, sync::HubStore &store)
{
    if (inv.isSet(kRetryFailed.names().constFirst())) {
        auto again = store.retryFailedForwards();
        if (!again)
            return inv.fail(again.error());
        inv.out << *again << " back in the queue\n";
        return ExitCode::Ok;
    }
    auto counts = store.forwardCounts();
    if (!counts)
        return inv.fail(counts.error());
    inv.out << "forwarded: " << counts->forwarded << "\npending: " << counts->pending;
    if (counts->retrying > 0)
        inv.out << " (" << counts->retrying << " tried before)";
    if (counts->oldestPendingMs)
        inv.out << ", oldest queued "
                << QDateTime::fromMSecsSinceEpoch(*counts->oldestPendingMs, QTimeZone::utc()).toString(Qt::ISODate);
    inv.out << "\nfailed: " << counts->failed << '\n';
    if (!counts->lastError.isEmpty())
        inv.out << "last error: " << counts->lastError << '\n';
    QList<QString> errors;
    auto failed = store.failedForwards(&errors, 50);
    if (!failed)
        return inv.fail(failed.error());
    for (qsizetype i = 0; i < failed->size(); ++i) {
        const auto &item = failed->at(i);
        inv.out << "  " << item.type << ' ' << item.eventId << " (store " << item.storeCode << ", " << item.attempts
                << " attempts): " << errors.value(i) << '\n';
    }
    return counts->failed > 0 ? ExitCode::NeedsAttention : ExitCode::Ok;
}
} // namespace

void addConnectorCommands(CommandLine &line, const WithHub &withHub)
{
    line.addCommand({ QStringLiteral("connector-set"), {},
        QStringLiteral("set the commerce backend the hub forwards store sales to and reads the shop from"),
        { kBackend, kUrl, kApiKeyFile, kChannel, kLocations, kShipping, kForwardSince, kRetryMax, kTimeout }, 0, 0,
        withHub(connectorSet),
        { kBackend.names().constFirst(), kUrl.names().constFirst(), kApiKeyFile.names().constFirst() } });
    line.addCommand({ QStringLiteral("connector-show"), {},
        QStringLiteral("the commerce backend's settings (never the API key)"), {}, 0, 0, withHub(connectorShow) });
    line.addCommand({ QStringLiteral("connector-check"), {},
        QStringLiteral("ask the commerce backend whether it answers and lets the hub's key do its work"), {}, 0, 0,
        withHub(connectorCheck) });
    line.addCommand({ QStringLiteral("connector-import"), {},
        QStringLiteral("bring the backend's catalog (items, barcodes, prices, tax) into the terminals' streams now "
                       "(serve does it every minute)"),
        { kSweep }, 0, 0, withHub(connectorImport) });
    line.addCommand({ QStringLiteral("forward"), {},
        QStringLiteral("forward what is due to the commerce backend now (serve does it all the time); exit 75 when "
                       "the backend did not answer"),
        { kLimit }, 0, 0, withHub(forward) });
    line.addCommand({ QStringLiteral("forwarding"), {},
        QStringLiteral("what was forwarded, what is pending and what was given up, with why (exit 2 when anything "
                       "was given up)"),
        { kRetryFailed }, 0, 0, withHub(forwarding) });
}

} // namespace omnitill::cli
