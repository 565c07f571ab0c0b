// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

// The number of a gift card or store credit: 16 symbols of Crockford base32 (80 random bits) and a check symbol
// (Crockford's mod 37), printed in groups, "7KQ2 M9XD 4RTB 0WHZ 3". Whoever holds the number can spend the card, so it
// is a secret: it is printed for the customer and typed or scanned at the till, and everywhere else (the journal, the
// hub, the stream every till pulls) the card is its number's SHA-256. 80 bits cannot be guessed from that.
namespace omnitill::CardNumber {

inline constexpr int kSymbols = 16;

QString generate();
// The canonical number (17 upper-case symbols) of what was typed or scanned: spaces and dashes dropped, lower case
// and Crockford's look-alikes (O for 0, I and L for 1) accepted. A wrong length, a symbol Crockford does not have or a
// check symbol that does not match (a typo, two symbols swapped) is a clear error.
Result<QString> parse(QStringView text);
// The hex SHA-256 of a canonical number: how the card is named outside the till.
QString hash(const QString &number);
// The last four symbols before the check symbol: how the cashier, the receipt and the manager name the card.
QString last4(const QString &number);
// "7KQ2 M9XD 4RTB 0WHZ 3".
QString grouped(const QString &number);

} // namespace omnitill::CardNumber
