// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

namespace omnitill {

// GS1 GTIN handling for EAN-8, UPC-A (GTIN-12), EAN-13 and GTIN-14.
namespace Gtin {

// The mod-10 check digit for the given digits (without the check digit).
int checkDigit(QStringView digitsWithoutCheck);

// Validates a retail barcode. Accepts 8, 12, 13 or 14 digits; explains what is wrong otherwise.
Status validate(QStringView code);

// The canonical form used as the catalog key: 13 digits for EAN-8/UPC-A/EAN-13 stay as scanned (8, 12 and 13 digits
// are different symbologies at the till); GTIN-14 with a leading 0 is reduced to its 13-digit EAN.
// Returns the error of validate() for bad input.
Result<QString> normalize(QStringView code);

} // namespace Gtin
} // namespace omnitill
