// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcKiosk) // pos.core.kiosk: what the kiosk was shown (never a customer's details)
