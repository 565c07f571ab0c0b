// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/logging.h"

Q_LOGGING_CATEGORY(lcTill, "pos.till", QtInfoMsg)
