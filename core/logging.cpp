// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

Q_LOGGING_CATEGORY(lcCore, "pos.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "pos.core.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCatalog, "pos.core.catalog", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "pos.core.import", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCart, "pos.core.cart", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScanner, "pos.scanner", QtInfoMsg)
