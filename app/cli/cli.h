// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

#include <QStringList>
#include <QTextStream>

namespace omnitill::cli {

// omnitill-cli, in-process: app/cli/main.cpp only forwards to this, and tests run it the same way. `args` excludes
// the program name; returns the exit code (app/common/commandline.h).
int runCli(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock = systemClock());

} // namespace omnitill::cli
