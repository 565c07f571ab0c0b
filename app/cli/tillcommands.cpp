// SPDX-License-Identifier: GPL-3.0-or-later
// The till's settings: the store's reasons for counter actions, this terminal's language and scan sounds.
#include "app/cli/commands.h"

#include "core/settings/tillsettings.h"
#include "core/storage/database.h"

namespace omnitill::cli {

namespace {
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
}

} // namespace omnitill::cli
