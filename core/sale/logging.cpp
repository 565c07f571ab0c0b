// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/logging.h"

Q_LOGGING_CATEGORY(lcSale, "pos.core.sale", QtInfoMsg)
