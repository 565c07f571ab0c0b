// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDb) // pos.core.db: opening and migrating the store
Q_DECLARE_LOGGING_CATEGORY(lcJournal) // pos.core.journal: the hash-chained journal and its sync position
