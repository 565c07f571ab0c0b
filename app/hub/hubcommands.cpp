// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/hubcommands.h"
#include "app/hub/connectorcommands.h"
#include "app/hub/reportpdf.h"

#include "core/base/money.h"
#include "core/customers/democustomers.h"
#include "core/handoff/handoff.h"
#include "core/loyalty/loyalty.h"

#include "app/common/commandline.h"
#include "core/staff/pinhash.h"
#include "core/storage/journal.h"
#include "core/storage/sha256.h"
#include "sync/common/streams.h"
#include "sync/connector/forwarder.h"
#include "sync/hub/dailyreport.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubsnapshots.h"
#include "sync/hub/hubstore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>
#include <functional>

namespace omnitill::cli {

namespace {
const QCommandLineOption kDb(QStringLiteral("db"), QStringLiteral("the hub database"),
    QStringLiteral("FILE|postgresql://user:password@host:port/database"));
const QCommandLineOption kListen(
    QStringLiteral("listen"), QStringLiteral("address to listen on"), QStringLiteral("ADDRESS"));
const QCommandLineOption kPort(QStringLiteral("port"), QStringLiteral("port to listen on"), QStringLiteral("N"));
const QCommandLineOption kStore(
    QStringLiteral("store"), QStringLiteral("the terminal's store"), QStringLiteral("CODE"));
const QCommandLineOption kCurrency(QStringLiteral("currency"), QStringLiteral("ISO 4217 code"), QStringLiteral("CODE"));
const QCommandLineOption kSnapshots(QStringLiteral("snapshots"),
    QStringLiteral("where catalog snapshots for new terminals are kept (default: next to a SQLite hub database, "
                   "FILE.snapshots; none for PostgreSQL)"),
    QStringLiteral("DIR"));
const QCommandLineOption kReaders(QStringLiteral("readers"),
    QStringLiteral("threads that answer pulls, checksums and snapshots while pushes are applied on a thread of "
                   "their own (default 2)"),
    QStringLiteral("N"));
const QCommandLineOption kNoSnapshot(
    QStringLiteral("no-snapshot"), QStringLiteral("do not rebuild the catalog snapshot afterwards"));
const QCommandLineOption kRole(
    QStringLiteral("role"), QStringLiteral("the person's role (a role code)"), QStringLiteral("CODE"));
const QCommandLineOption kPinFile(QStringLiteral("pin-file"),
    QStringLiteral("a file whose first line is the PIN (4 to 8 digits; - for standard input): a PIN is never an "
                   "argument, which process lists and shell histories would show"),
    QStringLiteral("FILE"));
const QCommandLineOption kBadge(
    QStringLiteral("badge"), QStringLiteral("the code of the person's badge"), QStringLiteral("CODE"));
const QCommandLineOption kName(QStringLiteral("name"), QStringLiteral("the role's name"), QStringLiteral("TEXT"));
const QCommandLineOption kPermissions(QStringLiteral("permissions"),
    QStringLiteral("what the role may do: permission codes separated by commas, or *"), QStringLiteral("LIST"));
const QCommandLineOption kAll(QStringLiteral("all"), QStringLiteral("resolved flags too"));
const QCommandLineOption kCount(QStringLiteral("count"), QStringLiteral("how many"), QStringLiteral("N"));
const QCommandLineOption kBy(QStringLiteral("by"), QStringLiteral("who resolves it"), QStringLiteral("NAME"));
const QCommandLineOption kNote(QStringLiteral("note"), QStringLiteral("how it was resolved"), QStringLiteral("TEXT"));
const QCommandLineOption kDate(QStringLiteral("date"),
    QStringLiteral("the day (each store's local day; default today)"), QStringLiteral("YYYY-MM-DD"));
const QCommandLineOption kReportStore(
    QStringLiteral("store"), QStringLiteral("one store only (default every store)"), QStringLiteral("CODE"));
const QCommandLineOption kFormat(QStringLiteral("format"),
    QStringLiteral("text (default), csv, json or pdf (with --output)"), QStringLiteral("FORMAT"));
const QCommandLineOption kOutput(
    QStringLiteral("output"), QStringLiteral("write to this file instead of the terminal"), QStringLiteral("FILE"));
const QCommandLineOption kDays(QStringLiteral("days"), QStringLiteral("keep deletions this long"), QStringLiteral("N"));

// A command's run() for commands on the hub's store, opened before `run` is called.
std::function<int(Invocation &)> withHub(const Clock &clock, std::function<int(Invocation &, sync::HubStore &)> run)
{
    return [&clock, run = std::move(run)](Invocation &inv) {
        auto store = sync::HubStore::open(*inv.value(kDb.names().constFirst()), clock);
        if (!store)
            return inv.fail(store.error());
        return run(inv, **store);
    };
}

// The snapshot directory: --snapshots, or FILE.snapshots beside a SQLite hub; none for PostgreSQL without the option.
std::optional<QString> snapshotDir(Invocation &inv)
{
    if (auto dir = inv.value(kSnapshots.names().constFirst()))
        return dir;
    const QString db = *inv.value(kDb.names().constFirst());
    if (db.startsWith(QLatin1String("postgresql:")) || db.startsWith(QLatin1String("postgres:")))
        return std::nullopt;
    return db + QStringLiteral(".snapshots");
}

int buildSnapshot(Invocation &inv, sync::HubStore &store, const Clock &clock)
{
    const auto dir = snapshotDir(inv);
    if (!dir)
        return inv.usage(QStringLiteral("a PostgreSQL hub needs --snapshots DIR for its catalog snapshots"));
    QElapsedTimer timer;
    timer.start();
    auto m = sync::HubSnapshots(*dir).build(store, clock());
    if (!m)
        return inv.fail(m.error());
    inv.out << "catalog snapshot " << m->id.left(12) << ": " << m->skus << " SKUs, " << m->size << " bytes, built in "
            << double(timer.elapsed()) / 1000.0 << " s, in " << *dir << '\n';
    return ExitCode::Ok;
}

int serve(Invocation &inv, sync::HubStore &store)
{
    const QHostAddress address(inv.value(kListen.names().constFirst()).value_or(QStringLiteral("127.0.0.1")));
    if (address.isNull())
        return inv.usage(QStringLiteral("--listen needs an IP address such as 127.0.0.1"));
    const auto port = inv.number(kPort.names().constFirst(), 8787, 0, 65535);
    if (!port)
        return ExitCode::Usage;
    const auto readers = inv.number(kReaders.names().constFirst(), 2, 0, 64);
    if (!readers)
        return ExitCode::Usage;
    sync::HubServer server(store);
    const auto dir = snapshotDir(inv);
    std::optional<sync::HubSnapshots> snapshots;
    if (dir) {
        snapshots.emplace(*dir);
        server.setSnapshots(&*snapshots);
    }
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        server.setPdfMaker(reportPdf);
    const QString spec = *inv.value(kDb.names().constFirst());
    if (auto st = server.startWorkers(int(*readers), [&spec] { return sync::HubStore::open(spec); }); !st)
        return inv.fail(st.error());
    // Store sales go on to the commerce backend while a connector is set (docs/CONNECTORS.md).
    sync::ForwardingService forwarding([&spec] { return sync::HubStore::open(spec); });
    forwarding.start();
    const quint16 bound = server.listen(address, quint16(*port));
    if (bound == 0) {
        inv.err << "omnitill-hub: cannot listen on " << address.toString() << ':' << *port << '\n';
        return ExitCode::IoError;
    }
    inv.out << "listening on " << address.toString() << ':' << bound << Qt::endl;
    return QCoreApplication::exec();
}

int registerTerminal(Invocation &inv, sync::HubStore &store)
{
    auto token = store.registerTerminal(inv.arguments().constFirst(), *inv.value(kStore.names().constFirst()));
    if (!token)
        return inv.fail(token.error());
    inv.out << *token << '\n';
    return ExitCode::Ok;
}

int status(Invocation &inv, sync::HubStore &store)
{
    auto events = store.eventCount();
    auto distinct = store.distinctEventIds();
    auto incidents = store.incidentCount();
    if (!events || !distinct || !incidents)
        return inv.fail(makeError(ErrorCode::Storage, QStringLiteral("cannot read the hub database")));
    inv.out << "events: " << *events << "\ndistinct event ids: " << *distinct << "\nincidents: " << *incidents << '\n';
    return ExitCode::Ok;
}

int publish(Invocation &inv, sync::HubStore &store, const Clock &clock)
{
    auto sink = store.catalogPublisher();
    CatalogImporter importer(*sink);
    if (const auto code = inv.value(kCurrency.names().constFirst())) {
        const auto currency = Currency::fromCode(*code);
        if (!currency)
            return inv.usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
        importer.setDefaultCurrency(*currency);
    }
    auto report = importer.importFile(inv.arguments().constFirst());
    if (!report)
        return inv.fail(report.error());
    inv.out << "read " << report->records << " records; terminals pick up whatever changed on their next sync\n";
    if (inv.isSet(kNoSnapshot.names().constFirst()) || !snapshotDir(inv))
        return ExitCode::Ok;
    return buildSnapshot(inv, store, clock);
}

int publishStream(Invocation &inv, sync::HubStore &store)
{
    const QString &stream = inv.arguments().at(0);
    QFile file(inv.arguments().at(1));
    if (!file.open(QIODevice::ReadOnly))
        return inv.fail(
            makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString())));
    auto n = store.publishLines(stream, file);
    if (!n)
        return inv.fail(n.error());
    inv.out << "read " << *n << " changes for " << stream << '\n';
    return ExitCode::Ok;
}

int importJsonLines(Invocation &inv, const std::function<Result<qint64>(QIODevice &)> &import, const char *what)
{
    QFile file(inv.arguments().constFirst());
    const bool opened
        = file.fileName() == u'-' ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened)
        return inv.fail(
            makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString())));
    auto n = import(file);
    if (!n)
        return inv.fail(n.error());
    inv.out << "imported " << *n << ' ' << what << "; terminals pick them up on their next sync\n";
    return ExitCode::Ok;
}

int customersDemo(Invocation &inv, sync::HubStore &store, const Clock &clock)
{
    bool ok = true;
    const int count = inv.value(kCount.names().constFirst()).value_or(QStringLiteral("200")).toInt(&ok);
    if (!ok || count < 1 || count > 1000000)
        return inv.usage(QStringLiteral("--count takes 1 to 1000000 customers"));
    const DemoCustomers demo = DemoCustomers::make(count, clock());
    QByteArray customers, orders;
    for (const Customer &c : demo.customers) {
        Customer imported = c;
        imported.recent.clear(); // the orders are imported as orders
        customers += imported.toRow() + '\n';
    }
    for (const DemoOrder &o : demo.orders)
        orders += o.toJsonLine() + '\n';
    QBuffer c(&customers), o(&orders);
    c.open(QIODevice::ReadOnly);
    o.open(QIODevice::ReadOnly);
    auto n = store.importCustomers(c);
    if (!n)
        return inv.fail(n.error());
    auto m = store.importOrders(o);
    if (!m)
        return inv.fail(m.error());
    // The demo chain's loyalty rules, unless the chain has its own.
    QByteArray rules
        = QJsonDocument(
              QJsonObject { { QStringLiteral("key"), LoyaltyRules::kConfigKey },
                  { QStringLiteral("row"), QJsonObject { { QStringLiteral("value"), LoyaltyRules::demo() } } } })
              .toJson(QJsonDocument::Compact)
        + "\n{\"key\": \"customers.calling_code\", \"row\": {\"value\": \"49\"}}\n"; // the demo stores are in Germany
    QBuffer r(&rules);
    r.open(QIODevice::ReadOnly);
    if (auto published = store.publishLines(sync::kConfigStream, r); !published)
        return inv.fail(published.error());
    // Their open carts from the web and the app, and one order each of some to collect in store S001.
    QByteArray carts;
    int pickups = 0;
    for (const Customer &person : demo.customers) {
        if (!person.cart)
            continue;
        OnlineCart cart;
        cart.cartId = person.cart->cartId;
        cart.customerId = person.id;
        cart.channel = person.cart->cartId.back().digitValue() % 2 ? QStringLiteral("app") : QStringLiteral("web");
        cart.currency = person.cart->currency;
        cart.lines = { { QStringLiteral("SKU0000001"), QStringLiteral("Café crème 1 kg"), 1000, 1499 },
            { QStringLiteral("SKU0000020"), QStringLiteral("Organic oat drink 1 l"), 1000, 1999 } };
        carts += cart.toJson() + '\n';
        if (pickups < 5) {
            OnlineCart pickup = cart;
            pickup.cartId = QStringLiteral("pickup-") + person.cart->cartId.mid(5);
            pickup.kind = QStringLiteral("pickup");
            pickup.store = QStringLiteral("S001");
            pickup.lines = { { QStringLiteral("SKU0000033"), QStringLiteral("Cotton shirt M"), 2000, 1999 },
                { QStringLiteral("SKU0000047"), QStringLiteral("Rain jacket L"), 1000, 4999 } };
            pickup.paidMinor = pickups % 2 ? 4999 : 8997; // paid in full, or a deposit with the rest due in store
            carts += pickup.toJson() + '\n';
            ++pickups;
        }
    }
    QBuffer k(&carts);
    k.open(QIODevice::ReadOnly);
    auto cartCount = store.importCarts(k);
    if (!cartCount)
        return inv.fail(cartCount.error());
    inv.out << "imported " << *n << " demo customers with " << *m << " orders on the web, in the app, on marketplaces "
            << "and in stores, " << *cartCount << " open carts and orders to collect, and the demo loyalty rules\n";
    return ExitCode::Ok;
}

// The address phones reach the hub by (config hub.public_url), for the codes printed here; a guess, said so, without.
QString publicUrl(Invocation &inv, sync::HubStore &store)
{
    if (auto v = store.configValue(QStringLiteral("hub.public_url")); v && *v && (*v)->isString()) {
        QString url = (*v)->toString().trimmed();
        while (url.endsWith(u'/'))
            url.chop(1);
        return url;
    }
    inv.err << "config hub.public_url is not set: the address below is a guess (publish the one phones reach this hub "
               "by)\n";
    return QStringLiteral("http://localhost:8080");
}

int cartShow(Invocation &inv, sync::HubStore &store)
{
    auto cart = store.onlineCart(inv.arguments().constFirst());
    if (!cart)
        return inv.fail(cart.error());
    if (!*cart)
        return inv.fail(
            makeError(ErrorCode::NotFound, QStringLiteral("there is no cart %1").arg(inv.arguments().constFirst())));
    inv.out << (*cart)->toJson() << '\n';
    return ExitCode::Ok;
}

int cartCode(Invocation &inv, sync::HubStore &store, sync::HubStore::HandoffPurpose purpose)
{
    auto cart = store.onlineCart(inv.arguments().constFirst());
    if (!cart)
        return inv.fail(cart.error());
    if (!*cart)
        return inv.fail(
            makeError(ErrorCode::NotFound, QStringLiteral("there is no cart %1").arg(inv.arguments().constFirst())));
    if (purpose == sync::HubStore::HandoffPurpose::Handoff && (*cart)->isPickup())
        purpose = sync::HubStore::HandoffPurpose::Pickup;
    const QString bound = purpose == sync::HubStore::HandoffPurpose::Pickup ? (*cart)->store : QString();
    auto code = store.issueHandoff((*cart)->cartId, purpose, bound);
    if (!code)
        return inv.fail(code.error());
    const QString base = publicUrl(inv, store);
    const QString url = purpose == sync::HubStore::HandoffPurpose::Link ? Handoff::pageUrl(base, code->token)
                                                                        : Handoff::code(base, code->token);
    inv.out << url << '\n';
    inv.out << "works until " << QDateTime::fromMSecsSinceEpoch(code->expiresAtMs).toUTC().toString(Qt::ISODate)
            << (purpose == sync::HubStore::HandoffPurpose::Handoff ? ", once" : "")
            << (bound.isEmpty() ? QString() : QStringLiteral(", at the tills of store ") + bound) << '\n';
    return ExitCode::Ok;
}

// `omnitill-hub …-flag-resolve ID --by NAME --note TEXT`: `resolve` marks the flag with that number resolved.
int resolveFlag(Invocation &inv, const std::function<Status(qint64, const QString &, const QString &)> &resolve)
{
    bool ok = false;
    const qint64 id = inv.arguments().constFirst().toLongLong(&ok);
    if (!ok || id <= 0)
        return inv.fail(makeError(ErrorCode::InvalidInput, QStringLiteral("a flag is named by its number")));
    if (auto st = resolve(id, inv.value(kBy.names().constFirst()).value_or(QString()),
            inv.value(kNote.names().constFirst()).value_or(QString()));
        !st)
        return inv.fail(st.error());
    inv.out << "flag " << id << " resolved\n";
    return ExitCode::Ok;
}

// A manager's flags, one a line: number, time, code, what it is about, terminal, detail, and how it was resolved.
int printFlags(Invocation &inv, const Result<QList<sync::HubStore::ManagerFlag>> &flags, const char *none)
{
    if (!flags)
        return inv.fail(flags.error());
    for (const auto &f : *flags) {
        inv.out << f.id << '\t' << QDateTime::fromMSecsSinceEpoch(f.atMs).toUTC().toString(Qt::ISODate) << '\t'
                << f.code << '\t' << f.subject << '\t' << f.terminalId << '\t' << f.detail;
        if (f.resolvedAtMs)
            inv.out << "\tresolved by " << f.resolvedBy << ": " << f.resolution;
        inv.out << '\n';
    }
    if (flags->isEmpty())
        inv.out << none;
    return ExitCode::Ok;
}

int cartFlags(Invocation &inv, sync::HubStore &store)
{
    return printFlags(inv, store.cartFlags(inv.isSet(kAll.names().constFirst())), "no carts need a manager\n");
}

int cartFlagResolve(Invocation &inv, sync::HubStore &store)
{
    return resolveFlag(inv,
        [&store](qint64 id, const QString &by, const QString &note) { return store.resolveCartFlag(id, by, note); });
}

int customerShow(Invocation &inv, sync::HubStore &store)
{
    const QString key = inv.arguments().constFirst();
    QList<QByteArray> found;
    if (!QUuid::fromString(key).isNull()) {
        auto p = store.customerProfile(key);
        if (!p)
            return inv.fail(p.error());
        if (*p)
            found << **p;
    } else {
        auto f = store.findCustomers(key);
        if (!f)
            return inv.fail(f.error());
        found = *f;
    }
    if (found.isEmpty())
        return inv.fail(
            makeError(ErrorCode::NotFound, QStringLiteral("no customer has the id, email or phone %1").arg(key)));
    for (const QByteArray &p : std::as_const(found))
        inv.out << QString::fromUtf8(QJsonDocument::fromJson(p).toJson(QJsonDocument::Indented));
    return ExitCode::Ok;
}

int loyaltyFlags(Invocation &inv, sync::HubStore &store)
{
    auto flags = store.loyaltyFlags(inv.isSet(kAll.names().constFirst()));
    if (!flags)
        return inv.fail(flags.error());
    for (const auto &f : *flags) {
        inv.out << f.id << '\t' << QDateTime::fromMSecsSinceEpoch(f.atMs).toUTC().toString(Qt::ISODate) << '\t'
                << f.code << '\t' << f.customerId << '\t' << f.terminalId << '#' << f.seq << '\t' << f.shortfallPoints
                << " points\t" << f.detail;
        if (f.resolvedAtMs)
            inv.out << "\tresolved by " << f.resolvedBy << ": " << f.resolution;
        inv.out << '\n';
    }
    if (flags->isEmpty())
        inv.out << "no loyalty points need a manager\n";
    return ExitCode::Ok;
}

int loyaltyFlagResolve(Invocation &inv, sync::HubStore &store)
{
    return resolveFlag(inv,
        [&store](qint64 id, const QString &by, const QString &note) { return store.resolveLoyaltyFlag(id, by, note); });
}

int returnFlags(Invocation &inv, sync::HubStore &store)
{
    return printFlags(inv, store.returnFlags(inv.isSet(kAll.names().constFirst())), "no returns need a manager\n");
}

int returnFlagResolve(Invocation &inv, sync::HubStore &store)
{
    return resolveFlag(inv,
        [&store](qint64 id, const QString &by, const QString &note) { return store.resolveReturnFlag(id, by, note); });
}

int originalShow(Invocation &inv, sync::HubStore &store)
{
    auto answer = store.original(inv.arguments().constFirst().trimmed(), {});
    if (!answer)
        return inv.fail(answer.error());
    if (!*answer)
        return inv.fail(makeError(ErrorCode::NotFound, QStringLiteral("no sale or online order has this number")));
    inv.out << QJsonDocument::fromJson(**answer).toJson(QJsonDocument::Indented);
    return ExitCode::Ok;
}

int customerErase(Invocation &inv, sync::HubStore &store)
{
    if (auto st = store.eraseCustomer(inv.arguments().constFirst()); !st)
        return inv.fail(st.error());
    inv.out << "erased; terminals remove the customer on their next sync\n";
    return ExitCode::Ok;
}

// The first line of --pin-file (or of standard input for -).
std::optional<QString> readPin(Invocation &inv)
{
    const QString path = *inv.value(kPinFile.names().constFirst());
    QFile f;
    const bool opened
        = path == u'-' ? f.open(stdin, QIODevice::ReadOnly) : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!opened) {
        inv.err << "omnitill-hub: cannot read the PIN from " << path << '\n';
        return std::nullopt;
    }
    return QString::fromUtf8(f.readLine(64)).trimmed();
}

int staffAdd(Invocation &inv, sync::HubStore &store, const Clock &clock)
{
    const auto pin = readPin(inv);
    if (!pin)
        return ExitCode::NoInput;
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,8}$"));
    if (!digits.match(*pin).hasMatch())
        return inv.fail(makeError(ErrorCode::InvalidInput, QStringLiteral("a PIN is 4 to 8 digits")));
    const QString name = inv.arguments().constFirst().trimmed();
    if (name.isEmpty() || name.size() > 80)
        return inv.fail(makeError(ErrorCode::InvalidInput, QStringLiteral("a name is 1 to 80 characters")));
    const PinHash::Hashed hashed = PinHash::make(*pin);
    sync::StaffRow row { Journal::newEventId(clock()), name, *inv.value(kRole.names().constFirst()), true, hashed.salt,
        hashed.hash, hashed.iterations, {} };
    if (const auto badge = inv.value(kBadge.names().constFirst())) {
        const QString b = badge->trimmed();
        if (b.size() < 4 || b.size() > 128)
            return inv.fail(makeError(ErrorCode::InvalidInput, QStringLiteral("a badge code is 4 to 128 characters")));
        row.badgeHash = Sha256::hash(b.toUtf8());
    }
    const QByteArray body = sync::staffRow(row);
    if (auto st = sync::validateRow(sync::kStaffStream, row.id, body); !st)
        return inv.fail(st.error());
    if (auto st = store.publish(sync::kStaffStream, row.id, body); !st)
        return inv.fail(st.error());
    inv.out << row.id << '\n';
    return ExitCode::Ok;
}

int roleSet(Invocation &inv, sync::HubStore &store)
{
    const QString code = inv.arguments().constFirst();
    const QStringList permissions
        = inv.value(kPermissions.names().constFirst()).value_or(QString()).split(u',', Qt::SkipEmptyParts);
    const QByteArray body = sync::roleRow(code, inv.value(kName.names().constFirst()).value_or(code), permissions);
    if (auto st = sync::validateRow(sync::kRolesStream, code, body); !st)
        return inv.fail(st.error());
    if (auto st = store.publish(sync::kRolesStream, code, body); !st)
        return inv.fail(st.error());
    inv.out << "role " << code << " published\n";
    return ExitCode::Ok;
}

// The gift cards and store credit a manager must look at: an overdraft found when an offline redemption arrived, a
// card the hub did not know, a card sold twice. One line each: id, time, code, card, terminal and entry, what is not
// covered, the detail.
int cardFlags(Invocation &inv, sync::HubStore &store)
{
    auto flags = store.storedValueFlags(inv.isSet(kAll.names().constFirst()));
    if (!flags)
        return inv.fail(flags.error());
    for (const auto &f : *flags) {
        const auto currency = Currency::fromCode(f.currency);
        inv.out << f.id << '\t' << QDateTime::fromMSecsSinceEpoch(f.atMs).toUTC().toString(Qt::ISODate) << '\t'
                << f.code << "\t…" << f.last4 << '\t' << f.terminalId << '#' << f.seq << '\t'
                << (currency ? Money(f.shortfallMinor, *currency).toDisplayString() : QString::number(f.shortfallMinor))
                << '\t' << f.detail;
        if (f.resolvedAtMs)
            inv.out << "\tresolved by " << f.resolvedBy << ": " << f.resolution;
        inv.out << '\n';
    }
    if (flags->isEmpty())
        inv.out << "no gift card or store credit needs a manager\n";
    return ExitCode::Ok;
}

int cardFlagResolve(Invocation &inv, sync::HubStore &store)
{
    return resolveFlag(inv, [&store](qint64 id, const QString &by, const QString &note) {
        return store.resolveStoredValueFlag(id, by, note);
    });
}

// The managers' daily report (docs/REPORTS.md).
int report(Invocation &inv, sync::HubStore &store)
{
    auto today = sync::reportToday(store);
    if (!today)
        return inv.fail(today.error());
    QDate date = *today;
    if (const auto given = inv.value(kDate.names().constFirst())) {
        date = QDate::fromString(*given, Qt::ISODate);
        if (!date.isValid())
            return inv.usage(QStringLiteral("--date needs a day such as 2026-12-05"));
    }
    const QString format = inv.value(kFormat.names().constFirst()).value_or(QStringLiteral("text"));
    const bool pdf = format == QLatin1String("pdf");
    if (format != QLatin1String("text") && format != QLatin1String("csv") && format != QLatin1String("json") && !pdf)
        return inv.usage(QStringLiteral("--format is text, csv, json or pdf"));
    if (pdf && !inv.value(kOutput.names().constFirst()))
        return inv.usage(QStringLiteral("a PDF goes to a file: add --output FILE"));
    if (pdf && !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return inv.fail(makeError(ErrorCode::Io, QStringLiteral("PDFs are drawn by the omnitill-hub program")));
    auto made = sync::dailyReport(store, date, inv.value(kReportStore.names().constFirst()).value_or(QString()));
    if (!made)
        return inv.fail(made.error());
    const QByteArray bytes = pdf          ? reportPdf(*made)
        : format == QLatin1String("json") ? sync::reportJson(*made)
        : format == QLatin1String("csv")  ? sync::reportCsv(*made)
                                          : sync::reportText(*made).toUtf8();
    if (const auto path = inv.value(kOutput.names().constFirst())) {
        QSaveFile file(*path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return inv.fail(
                makeError(ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(*path, file.errorString())));
        inv.out << "wrote the report of " << date.toString(Qt::ISODate) << " to " << *path << '\n';
    } else {
        inv.out << QString::fromUtf8(bytes);
    }
    // For scripts: 2 when anything is red.
    return made->health == sync::Health::Red ? ExitCode::NeedsAttention : ExitCode::Ok;
}

int compact(Invocation &inv, sync::HubStore &store, const Clock &clock)
{
    const auto days = inv.number(kDays.names().constFirst(), 90, 1, 36500);
    if (!days)
        return ExitCode::Usage;
    auto removed = store.compactBefore(clock() - *days * 86400'000);
    if (!removed)
        return inv.fail(removed.error());
    inv.out << "removed " << *removed << " stream changes\n";
    return ExitCode::Ok;
}
} // namespace

int runHub(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock)
{
    CommandLine line(QStringLiteral("omnitill-hub"),
        QStringLiteral("The hub that terminals sync with (docs/sync-protocol.md): SQLite by default, PostgreSQL for "
                       "a chain."));
    line.addGlobalOption(kDb, true);
    line.addCommand({ QStringLiteral("serve"), {}, QStringLiteral("accept pushes and pulls (default 127.0.0.1:8787)"),
        { kListen, kPort, kSnapshots, kReaders }, 0, 0, withHub(clock, serve) });
    line.addCommand({ QStringLiteral("register"), QStringLiteral("TERMINAL_ID"),
        QStringLiteral("register a terminal of a store, print its device token"), { kStore }, 1, 1,
        withHub(clock, registerTerminal), { kStore.names().constFirst() } });
    line.addCommand({ QStringLiteral("status"), {}, QStringLiteral("events, distinct event ids, incidents"), {}, 0, 0,
        withHub(clock, status) });
    line.addCommand({ QStringLiteral("report"), {},
        QStringLiteral("the managers' daily report: per store and terminal what was recorded, received, pending or "
                       "failed, and the day's business (exit 2 when anything is red)"),
        { kDate, kReportStore, kFormat, kOutput }, 0, 0, withHub(clock, report) });
    line.addCommand({ QStringLiteral("publish"), QStringLiteral("FILE"),
        QStringLiteral("publish a catalog (.csv or .json) to the terminals' pull streams; only rows that changed "
                       "are sent, all or nothing"),
        { kCurrency, kSnapshots, kNoSnapshot }, 1, 1,
        withHub(clock, [&clock](Invocation &inv, sync::HubStore &store) { return publish(inv, store, clock); }) });
    line.addCommand({ QStringLiteral("snapshot"), {},
        QStringLiteral("build the catalog snapshot new terminals start from (publish does it too)"), { kSnapshots }, 0,
        0, withHub(clock, [&clock](Invocation &inv, sync::HubStore &store) {
            return buildSnapshot(inv, store, clock);
        }) });
    line.addCommand({ QStringLiteral("publish-stream"), QStringLiteral("STREAM FILE"),
        QStringLiteral("publish JSON Lines to stock, customers, carts or config: {\"key\": \"...\", \"row\": {...}} "
                       "or {\"key\": \"...\", \"delete\": true}"),
        {}, 2, 2, withHub(clock, publishStream) });
    line.addCommand({ QStringLiteral("staff-add"), QStringLiteral("NAME"),
        QStringLiteral("add a person for every terminal to sign in with, offline too; prints their id"),
        { kRole, kPinFile, kBadge }, 1, 1,
        withHub(clock, [&clock](Invocation &inv, sync::HubStore &store) { return staffAdd(inv, store, clock); }),
        { kRole.names().constFirst(), kPinFile.names().constFirst() } });
    line.addCommand({ QStringLiteral("role-set"), QStringLiteral("CODE"),
        QStringLiteral("create or change a role and what it may do"), { kName, kPermissions }, 1, 1,
        withHub(clock, roleSet) });
    line.addCommand({ QStringLiteral("card-flags"), {},
        QStringLiteral("gift cards and store credit a manager must look at (overdrafts found at sync, unknown cards)"),
        { kAll }, 0, 0, withHub(clock, cardFlags) });
    line.addCommand({ QStringLiteral("card-flag-resolve"), QStringLiteral("ID"),
        QStringLiteral("mark a card flag resolved, saying who and how"), { kBy, kNote }, 1, 1,
        withHub(clock, cardFlagResolve), { kBy.names().constFirst(), kNote.names().constFirst() } });
    line.addCommand({ QStringLiteral("customers-import"), QStringLiteral("FILE"),
        QStringLiteral("import customers, JSON Lines: {\"id\", \"name\", \"email\", \"phone\", \"cards\", \"tier\", "
                       "\"points\", \"consent\", \"home_store\"}; all or nothing"),
        {}, 1, 1, withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            return importJsonLines(
                inv, [&store](QIODevice &in) { return store.importCustomers(in); }, "customers");
        }) });
    line.addCommand({ QStringLiteral("orders-import"), QStringLiteral("FILE"),
        QStringLiteral("import customers' orders from any channel, JSON Lines: {\"order\", \"customer\", \"channel\", "
                       "\"store\", \"at_ms\", \"total_minor\", \"currency\", \"lines\"}; all or nothing"),
        {}, 1, 1, withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            return importJsonLines(
                inv, [&store](QIODevice &in) { return store.importOrders(in); }, "orders");
        }) });
    line.addCommand({ QStringLiteral("customers-demo"), {},
        QStringLiteral("import the demo customers (default 200) with orders on the web, the app, marketplaces and "
                       "stores"),
        { kCount }, 0, 0, withHub(clock, [&clock](Invocation &inv, sync::HubStore &store) {
            return customersDemo(inv, store, clock);
        }) });
    line.addCommand({ QStringLiteral("customer-show"), QStringLiteral("ID|EMAIL|PHONE"),
        QStringLiteral("a customer's profile and every order, as JSON"), {}, 1, 1, withHub(clock, customerShow) });
    line.addCommand({ QStringLiteral("customer-erase"), QStringLiteral("ID"),
        QStringLiteral("erase a customer (and those merged into them) for good; terminals follow"), {}, 1, 1,
        withHub(clock, customerErase) });
    line.addCommand({ QStringLiteral("loyalty-flags"), {},
        QStringLiteral("loyalty points a manager must look at (redeemed offline at two stores at once, unknown "
                       "customers)"),
        { kAll }, 0, 0, withHub(clock, loyaltyFlags) });
    line.addCommand({ QStringLiteral("loyalty-flag-resolve"), QStringLiteral("ID"),
        QStringLiteral("mark a loyalty flag resolved, saying who and how"), { kBy, kNote }, 1, 1,
        withHub(clock, loyaltyFlagResolve), { kBy.names().constFirst(), kNote.names().constFirst() } });
    line.addCommand({ QStringLiteral("return-flags"), {},
        QStringLiteral("returns a manager must look at (a line returned at two stores beyond what was bought)"),
        { kAll }, 0, 0, withHub(clock, returnFlags) });
    line.addCommand({ QStringLiteral("return-flag-resolve"), QStringLiteral("ID"),
        QStringLiteral("mark a return flag resolved, saying who and how"), { kBy, kNote }, 1, 1,
        withHub(clock, returnFlagResolve), { kBy.names().constFirst(), kNote.names().constFirst() } });
    line.addCommand({ QStringLiteral("original-show"), QStringLiteral("RECEIPT|ORDER"),
        QStringLiteral("a sale or online order with what has been returned of each line, as the tills see it"), {}, 1,
        1, withHub(clock, originalShow) });
    line.addCommand({ QStringLiteral("carts-import"), QStringLiteral("FILE"),
        QStringLiteral(
            "import online carts and orders to collect, JSON Lines: {\"cart_id\", \"customer\", "
            "\"channel\", \"currency\", \"lines\": [{\"sku\", \"name\", \"qty\", \"unit_price_minor\"}], "
            "\"kind\": \"pickup\", \"store\", \"paid_minor\"}; a changed cart gets a new version; all or nothing"),
        {}, 1, 1, withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            return importJsonLines(
                inv, [&store](QIODevice &in) { return store.importCarts(in); }, "carts");
        }) });
    line.addCommand({ QStringLiteral("cart-show"), QStringLiteral("CART"),
        QStringLiteral("an online cart as the tills see it: lines, version, status"), {}, 1, 1,
        withHub(clock, cartShow) });
    line.addCommand({ QStringLiteral("cart-code"), QStringLiteral("CART"),
        QStringLiteral("a new hand-off code for the cart (good once, 15 minutes) or the order's pickup code, as the "
                       "phone shows it"),
        {}, 1, 1, withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            return cartCode(inv, store, sync::HubStore::HandoffPurpose::Handoff);
        }) });
    line.addCommand({ QStringLiteral("cart-link"), QStringLiteral("CART"),
        QStringLiteral("a link to the cart's page for the customer's phone (30 days)"), {}, 1, 1,
        withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            return cartCode(inv, store, sync::HubStore::HandoffPurpose::Link);
        }) });
    line.addCommand({ QStringLiteral("cart-checkout"), QStringLiteral("CART"),
        QStringLiteral("the online shop's checkout of the cart (without a commerce backend): refused while a till "
                       "takes payment for it"),
        {}, 1, 1, withHub(clock, [](Invocation &inv, sync::HubStore &store) {
            if (auto st = store.checkoutOnline(inv.arguments().constFirst()); !st)
                return inv.fail(st.error());
            inv.out << "cart " << inv.arguments().constFirst() << " paid online\n";
            return int(ExitCode::Ok);
        }) });
    line.addCommand({ QStringLiteral("cart-flags"), {},
        QStringLiteral("carts a manager must look at (paid online while on a till, rung up twice offline, changed)"),
        { kAll }, 0, 0, withHub(clock, cartFlags) });
    line.addCommand({ QStringLiteral("cart-flag-resolve"), QStringLiteral("ID"),
        QStringLiteral("mark a cart flag resolved, saying who and how"), { kBy, kNote }, 1, 1,
        withHub(clock, cartFlagResolve), { kBy.names().constFirst(), kNote.names().constFirst() } });
    line.addCommand({ QStringLiteral("compact"), {},
        QStringLiteral("drop superseded stream changes and deletions older than N days (default 90); older "
                       "terminals then refetch"),
        { kDays }, 0, 0,
        withHub(clock, [&clock](Invocation &inv, sync::HubStore &store) { return compact(inv, store, clock); }) });
    addConnectorCommands(line, [&clock](HubCommand run) { return withHub(clock, std::move(run)); });
    return line.run(args, out, err);
}

} // namespace omnitill::cli
