// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/logging.h"

Q_LOGGING_CATEGORY(lcStaff, "pos.core.staff", QtInfoMsg)
