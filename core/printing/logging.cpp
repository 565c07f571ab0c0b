// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/printing/logging.h"

Q_LOGGING_CATEGORY(lcPrinting, "pos.printing")
