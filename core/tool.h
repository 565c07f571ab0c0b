// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <QStringList>
#include <QTextStream>

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

// The omnitill-cli command set; app/cli/main.cpp only forwards to this. `args` excludes the program name.
int runTool(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock = systemClock());

} // namespace omnitill
