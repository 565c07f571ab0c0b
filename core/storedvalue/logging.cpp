// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storedvalue/logging.h"

Q_LOGGING_CATEGORY(lcStoredValue, "pos.core.storedvalue", QtInfoMsg)
