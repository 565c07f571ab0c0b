// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/terminal/logging.h"

Q_LOGGING_CATEGORY(lcSync, "pos.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSyncHttp, "pos.sync.http", QtWarningMsg)
