// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/returns/logging.h"

Q_LOGGING_CATEGORY(lcReturns, "pos.core.returns", QtInfoMsg)
