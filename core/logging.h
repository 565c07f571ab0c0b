// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCore) // pos.core
Q_DECLARE_LOGGING_CATEGORY(lcDb) // pos.core.db
Q_DECLARE_LOGGING_CATEGORY(lcCatalog) // pos.core.catalog
Q_DECLARE_LOGGING_CATEGORY(lcImport) // pos.core.import
Q_DECLARE_LOGGING_CATEGORY(lcCart) // pos.core.cart
Q_DECLARE_LOGGING_CATEGORY(lcScanner) // pos.scanner
