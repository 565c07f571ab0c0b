// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shifts/denominations.h"

namespace omnitill {

QList<qint64> denominations(const Currency &currency)
{
    const QString code = currency.code();
    if (code == u"EUR")
        return { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1 };
    if (code == u"CHF")
        return { 100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5 };
    if (code == u"GBP")
        return { 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1 };
    if (code == u"USD" || code == u"CAD" || code == u"AUD")
        return { 10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1 };
    if (code == u"SEK" || code == u"NOK" || code == u"DKK")
        return { 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100 };
    if (code == u"PLN")
        return { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1 };
    return { 1 };
}

} // namespace omnitill
