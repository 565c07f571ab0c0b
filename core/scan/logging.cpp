// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/logging.h"

Q_LOGGING_CATEGORY(lcScanner, "pos.scanner", QtInfoMsg)
