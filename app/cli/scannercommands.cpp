// SPDX-License-Identifier: GPL-3.0-or-later
// Scanning setup: this terminal's keyboard-wedge scanner and the store's price/weight label rules.
#include "app/cli/commands.h"

#include "core/settings/labelsettings.h"
#include "core/settings/scannersettings.h"
#include "core/storage/database.h"

namespace omnitill::cli {

namespace {
const QCommandLineOption kGap(
    QStringLiteral("gap-ms"), QStringLiteral("longest gap between keys of one scan"), QStringLiteral("N"));
const QCommandLineOption kMinLength(QStringLiteral("min-length"), QStringLiteral("shortest scan"), QStringLiteral("N"));
const QCommandLineOption kPrefix(QStringLiteral("prefix"), QStringLiteral("scanner prefix"), QStringLiteral("TEXT"));
const QCommandLineOption kSuffix(QStringLiteral("suffix"), QStringLiteral("scanner suffix"), QStringLiteral("TEXT"));
const QCommandLineOption kGs(QStringLiteral("gs"), QStringLiteral("how the scanner types GS"), QStringLiteral("TEXT"));

int scanner(Invocation &inv, Database &db)
{
    if (!inv.arguments().isEmpty() && !isSet(inv))
        return inv.usage(QStringLiteral("unexpected argument \"%1\"").arg(inv.arguments().constFirst()));
    auto config = loadWedgeConfig(db);
    if (!config)
        return inv.fail(config.error());
    bool changed = false;
    for (const auto &[option, into] :
        { std::pair { &kGap, &config->maxGapMs }, std::pair { &kMinLength, &config->minLength } }) {
        if (const auto v = inv.value(option->names().constFirst())) {
            bool ok = false;
            *into = v->toInt(&ok);
            if (!ok)
                return inv.usage(QStringLiteral("--%1 needs a whole number").arg(option->names().constFirst()));
            changed = true;
        }
    }
    for (const auto &[option, into] : { std::pair { &kPrefix, &config->prefix },
             std::pair { &kSuffix, &config->suffix }, std::pair { &kGs, &config->gsSubstitute } }) {
        if (const auto v = inv.value(option->names().constFirst())) {
            *into = *v;
            changed = true;
        }
    }
    if (changed && !isSet(inv))
        return inv.usage(QStringLiteral("to change the setup: scanner set --gap-ms N, --min-length N, --prefix, "
                                        "--suffix or --gs TEXT"));
    if (isSet(inv) && !changed)
        return inv.usage(QStringLiteral("scanner set needs what to change: --gap-ms N, --min-length N, --prefix, "
                                        "--suffix or --gs TEXT"));
    if (changed) {
        if (auto st = saveWedgeConfig(db, *config); !st)
            return inv.fail(st.error());
    }
    inv.out << "gap between keys: " << config->maxGapMs << " ms\nshortest scan: " << config->minLength
            << " characters\nprefix: " << config->prefix << "\nsuffix: " << config->suffix
            << "\nGS stand-in: " << config->gsSubstitute << '\n';
    return ExitCode::Ok;
}

int labels(Invocation &inv, Database &db)
{
    if (!inv.arguments().isEmpty() && (!isSet(inv) || inv.arguments().size() != 2))
        return inv.usage(QStringLiteral("to change the rules: labels set PROFILE|RULES (\"labels set none\" "
                                        "removes them)"));
    if (isSet(inv)) {
        auto rules = VariableMeasure::parse(inv.arguments().at(1));
        if (!rules)
            return inv.fail(rules.error());
        if (auto st = saveLabelRules(db, *rules); !st)
            return inv.fail(st.error());
    }
    auto rules = loadLabelRules(db);
    if (!rules)
        return inv.fail(rules.error());
    inv.out << "label rules: " << (rules->spec.isEmpty() ? QStringLiteral("none") : rules->spec) << "\nprofiles:\n"
            << VariableMeasure::profilesHelp();
    return ExitCode::Ok;
}
} // namespace

void addScannerCommands(CommandLine &line, StoreAccess &store)
{
    line.addCommand({ QStringLiteral("labels"), QStringLiteral("[set PROFILE|RULES]"),
        QStringLiteral("show the store's price/weight label rules, or set them"), {}, 0, 2, withStore(store, labels) });
    line.addCommand({ QStringLiteral("scanner"), QStringLiteral("[set]"),
        QStringLiteral("show this terminal's keyboard-wedge scanner setup, or set it with set and the options (an "
                       "empty TEXT clears one)"),
        { kGap, kMinLength, kPrefix, kSuffix, kGs }, 0, 1, withStore(store, scanner) });
}

} // namespace omnitill::cli
