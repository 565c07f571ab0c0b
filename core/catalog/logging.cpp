// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/logging.h"

Q_LOGGING_CATEGORY(lcImport, "pos.core.import", QtInfoMsg)
