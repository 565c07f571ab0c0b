// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/connector/logging.h"

Q_LOGGING_CATEGORY(lcConnector, "pos.sync.connector", QtInfoMsg)
