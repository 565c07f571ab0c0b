// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

Q_LOGGING_CATEGORY(lcSync, "pos.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSyncHttp, "pos.sync.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHub, "pos.sync.hub", QtInfoMsg)
