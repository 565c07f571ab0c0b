// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

#include <QStringList>
#include <QTextStream>

namespace omnitill::cli {

// omnitill-hub, in-process: serve, register, status, publish, publish-stream, compact. `args` excludes the program
// name; returns the exit code (app/common/commandline.h). `serve` runs the event loop until the process is stopped.
int runHub(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock = systemClock());

} // namespace omnitill::cli
