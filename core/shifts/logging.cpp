// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shifts/logging.h"

Q_LOGGING_CATEGORY(lcShift, "pos.core.shift", QtInfoMsg)
