// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/kiosk/logging.h"

Q_LOGGING_CATEGORY(lcKiosk, "pos.core.kiosk", QtInfoMsg)
