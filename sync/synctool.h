// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/tool.h"

namespace omnitill::sync {

// omnitill-cli commands that talk to the hub: sync-config and sync.
QMap<QString, ToolCommand> terminalCommands();

// omnitill-hub: serve, register, status. `args` excludes the program name.
int runHubTool(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace omnitill::sync
