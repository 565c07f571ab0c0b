// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/logging.h"

Q_LOGGING_CATEGORY(lcDb, "pos.core.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJournal, "pos.core.journal", QtInfoMsg)
