// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/hub/logging.h"

Q_LOGGING_CATEGORY(lcHub, "pos.sync.hub", QtInfoMsg)
