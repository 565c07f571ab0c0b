// SPDX-License-Identifier: GPL-3.0-or-later
// The till's settings: the store's reasons for counter actions, this terminal's language, scan sounds and printer.
#include "app/cli/commands.h"

#include "core/settings/printersettings.h"
#include "core/settings/tillsettings.h"
#include "core/storage/database.h"

namespace omnitill::cli {

namespace {
const QCommandLineOption kPaper(
    QStringLiteral("paper"), QStringLiteral("paper width: 58 or 80 (mm)"), QStringLiteral("MM"));
const QCommandLineOption kQr(QStringLiteral("qr"),
    QStringLiteral("QR codes by the printer (native) or as an image (raster)"), QStringLiteral("native|raster"));

int reasons(Invocation &inv, Database &db)
{
    if (!inv.arguments().isEmpty() && (!isSet(inv) || inv.arguments().size() < 2))
        return inv.usage(QStringLiteral("to change the list: reasons set REASON... (each reason one argument)"));
    if (isSet(inv)) {
        if (auto st = saveCounterReasons(db, inv.arguments().mid(1)); !st)
            return inv.fail(st.error());
    }
    auto list = loadCounterReasons(db);
    if (!list)
        return inv.fail(list.error());
    for (const QString &reason : *list)
        inv.out << reason << '\n';
    return ExitCode::Ok;
}

int language(Invocation &inv, Database &db)
{
    if (!inv.arguments().isEmpty() && (!isSet(inv) || inv.arguments().size() != 2))
        return inv.usage(
            QStringLiteral("to change it: language set %1|system").arg(tillLanguages().join(QStringLiteral("|"))));
    if (isSet(inv)) {
        const QString code = inv.arguments().at(1);
        if (auto st = saveTerminalLanguage(db, code == QLatin1String("system") ? QString() : code); !st)
            return inv.fail(st.error());
    }
    auto current = loadTerminalLanguage(db);
    if (!current)
        return inv.fail(current.error());
    inv.out << "language: " << (current->isEmpty() ? QStringLiteral("system") : *current) << '\n';
    return ExitCode::Ok;
}

int sounds(Invocation &inv, Database &db)
{
    if (!inv.arguments().isEmpty()) {
        const QString onOff = inv.arguments().constFirst();
        if (onOff != QLatin1String("on") && onOff != QLatin1String("off"))
            return inv.usage(QStringLiteral("sounds takes on or off, not \"%1\"").arg(onOff));
        if (auto st = saveScanSounds(db, onOff == QLatin1String("on")); !st)
            return inv.fail(st.error());
    }
    auto on = loadScanSounds(db);
    if (!on)
        return inv.fail(on.error());
    inv.out << "scan sounds: " << (*on ? "on" : "off") << '\n';
    return ExitCode::Ok;
}
int printer(Invocation &inv, Database &db)
{
    const QStringList args = inv.arguments();
    const bool set = !args.isEmpty() && args.constFirst() == QLatin1String("set") && args.size() == 2;
    const bool off = args.size() == 1 && args.constFirst() == QLatin1String("off");
    if (!args.isEmpty() && !set && !off)
        return inv.usage(QStringLiteral("printer set ADDRESS [--paper 58|80] [--qr native|raster], or printer off"));
    auto current = loadPrinterSettings(db);
    if (!current)
        return inv.fail(current.error());
    if (set || off) {
        PrinterSettings s = *current;
        s.address = off ? QString() : args.at(1);
        if (const auto paper = inv.value(kPaper.names().constFirst())) {
            bool ok = false;
            s.paperMm = paper->toInt(&ok);
            if (!ok)
                return inv.usage(QStringLiteral("--paper takes 58 or 80, not \"%1\"").arg(*paper));
        }
        if (const auto qr = inv.value(kQr.names().constFirst())) {
            if (*qr != QLatin1String("native") && *qr != QLatin1String("raster"))
                return inv.usage(QStringLiteral("--qr takes native or raster, not \"%1\"").arg(*qr));
            s.rasterQr = *qr == QLatin1String("raster");
        }
        if (auto st = savePrinterSettings(db, s); !st)
            return inv.fail(st.error());
        current = loadPrinterSettings(db);
        if (!current)
            return inv.fail(current.error());
    }
    if (current->address.isEmpty())
        inv.out << "printer: none (receipts are shown on the till only)\n";
    else
        inv.out << "printer: " << current->address << ", " << current->paperMm << " mm paper, QR codes "
                << (current->rasterQr ? "as images" : "by the printer") << '\n';
    return ExitCode::Ok;
}
} // namespace

void addTillCommands(CommandLine &line, StoreAccess &store)
{
    line.addCommand({ QStringLiteral("reasons"), QStringLiteral("[set REASON...]"),
        QStringLiteral("show the store's reasons for voids, discounts and price overrides, or set them"), {}, 0, -1,
        withStore(store, reasons) });
    line.addCommand({ QStringLiteral("language"), QStringLiteral("[set CODE|system]"),
        QStringLiteral("show this terminal's language, or set it (the till speaks %1)")
            .arg(tillLanguages().join(QStringLiteral(", "))),
        {}, 0, 2, withStore(store, language) });
    line.addCommand({ QStringLiteral("sounds"), QStringLiteral("[on|off]"),
        QStringLiteral("show whether this terminal plays scan sounds, or turn them on or off"), {}, 0, 1,
        withStore(store, sounds) });
    line.addCommand({ QStringLiteral("printer"), QStringLiteral("[set ADDRESS|off]"),
        QStringLiteral("show this terminal's receipt printer, or set it: tcp://HOST[:PORT] (port 9100 by default), a "
                       "device such as /dev/usb/lp0, or file:/PATH"),
        { kPaper, kQr }, 0, 2, withStore(store, printer) });
}

} // namespace omnitill::cli
