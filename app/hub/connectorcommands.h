// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/common/commandline.h"

#include <functional>

namespace omnitill::sync {
class HubStore;
}

namespace omnitill::cli {

// A command's run() on the hub's store, as hubcommands.cpp makes them.
using HubCommand = std::function<int(Invocation &, sync::HubStore &)>;
using WithHub = std::function<std::function<int(Invocation &)>(HubCommand)>;

// The commerce backend's commands (docs/CONNECTORS.md): connector-set, connector-show, connector-check, forward,
// forwarding.
void addConnectorCommands(CommandLine &line, const WithHub &withHub);

} // namespace omnitill::cli
