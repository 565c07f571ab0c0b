// SPDX-License-Identifier: GPL-3.0-or-later
// Selling: lookup (what a scan rings up) and sale (ring up a sale from a script).
#include "app/cli/commands.h"

#include "core/catalog/catalog.h"
#include "core/sale/salescript.h"
#include "core/sale/salestore.h"
#include "core/sale/scanresolver.h"
#include "core/settings/labelsettings.h"
#include "core/storage/database.h"

#include <QFile>

namespace omnitill::cli {

namespace {
const QCommandLineOption kCurrency(QStringLiteral("currency"), QStringLiteral("ISO 4217 code"), QStringLiteral("CODE"));
const QCommandLineOption kDryRun(QStringLiteral("dry-run"), QStringLiteral("price the sale without saving it"));
constexpr qint64 kMaxScriptBytes = 4 * 1024 * 1024;

int lookup(Invocation &inv, Database &db, const Clock &clock)
{
    const auto currency = Currency::fromCode(inv.value(kCurrency.names().constFirst()).value_or(QStringLiteral("EUR")));
    if (!currency)
        return inv.usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
    auto rules = loadLabelRules(db);
    if (!rules)
        return inv.fail(rules.error());
    Catalog catalog(db);
    auto scanned = resolveScan(catalog, inv.arguments().constFirst(), *currency, clock(), *rules);
    if (!scanned)
        return inv.fail(scanned.error());
    const CatalogItem &item = scanned->item;
    inv.out << "sku: " << item.sku << "\nname: " << item.name << "\nbrand: " << item.brand
            << "\ncategory: " << item.category << "\nunit: " << unitToString(item.unit)
            << "\nprice: " << item.price.toDisplayString() << "\ntax: " << item.tax.code << ' '
            << formatFixed(item.tax.rateMilliPct, 3) << "%\n";
    if (scanned->quantity != kQuantityScale)
        inv.out << "quantity: " << formatQuantity(scanned->quantity, item.unit) << '\n';
    return ExitCode::Ok;
}

int sale(Invocation &inv, Database &db, const Clock &clock)
{
    const QString path = inv.arguments().constFirst();
    QFile file;
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return inv.fail(makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())));
    const QByteArray script = file.read(kMaxScriptBytes + 1);
    if (script.size() > kMaxScriptBytes)
        return inv.fail(makeError(ErrorCode::InvalidInput, QStringLiteral("the sale script is larger than 4 MiB")));
    Catalog catalog(db);
    SaleStore store(db, clock);
    auto receipt = runSaleScript(script, catalog, inv.isSet(kDryRun.names().constFirst()) ? nullptr : &store, clock());
    if (!receipt)
        return inv.fail(receipt.error());
    inv.out << receiptText(*receipt);
    return ExitCode::Ok;
}
} // namespace

void addSaleCommands(CommandLine &line, StoreAccess &store)
{
    line.addCommand({ QStringLiteral("lookup"), QStringLiteral("CODE"),
        QStringLiteral("show what scanning CODE rings up: a barcode, SKU, GS1 data or a price/weight label"),
        { kCurrency }, 1, 1,
        withStore(store, [&store](Invocation &inv, Database &db) { return lookup(inv, db, store.clock()); }) });
    line.addCommand({ QStringLiteral("sale"), QStringLiteral("SCRIPT"),
        QStringLiteral("ring up a sale from a JSON script (- for stdin) and print the receipt; --dry-run prices "
                       "without saving"),
        { kDryRun }, 1, 1,
        withStore(store, [&store](Invocation &inv, Database &db) { return sale(inv, db, store.clock()); }) });
}

} // namespace omnitill::cli
