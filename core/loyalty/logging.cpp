// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loyalty/logging.h"

Q_LOGGING_CATEGORY(lcLoyalty, "pos.core.loyalty", QtInfoMsg)
