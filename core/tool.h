// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <QMap>
#include <QStringList>

#include <QTextStream>
#include <functional>

namespace omnitill {

// Exit codes of omnitill-cli (sysexits.h where one fits), so shell scripts can act on them.
namespace ExitCode {
inline constexpr int Ok = 0;
inline constexpr int NotFound = 1; // lookup/search found nothing
inline constexpr int Usage = 64; // wrong command line
inline constexpr int DataError = 65; // bad input data: CSV/JSON/script/barcode/quantity; conflicts
inline constexpr int NoInput = 66; // an input file cannot be opened
inline constexpr int IoError = 74; // disk full, database error, damaged database, unwritable output
inline constexpr int Config = 78; // database written by a newer OmniTill
} // namespace ExitCode

class Database;

// A command added by a library above core (sync adds `sync` and `sync-config`): it receives the opened store and the
// arguments after the command name, and returns an exit code.
struct ToolCommand
{
    QString usage; // one help line, e.g. "sync [--timeout S]   send pending sales to the hub"
    std::function<int(Database &db, QStringList args, QTextStream &out, QTextStream &err)> run;
};

// The omnitill-cli command set; app/cli/main.cpp only forwards to this. `args` excludes the program name.
int runTool(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock = systemClock(),
    const QMap<QString, ToolCommand> &extra = {});

} // namespace omnitill
