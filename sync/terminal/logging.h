// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync) // pos.sync: the terminal's sync worker
Q_DECLARE_LOGGING_CATEGORY(lcSyncHttp) // pos.sync.http: requests and responses
