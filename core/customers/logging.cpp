// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/customers/logging.h"

Q_LOGGING_CATEGORY(lcCustomers, "pos.core.customers", QtInfoMsg)
