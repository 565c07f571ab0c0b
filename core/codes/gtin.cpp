// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/gtin.h"

namespace omnitill::Gtin {

int checkDigit(QStringView digits)
{
    int sum = 0;
    // Weights 3,1,3,1... starting from the rightmost digit.
    bool three = true;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const int d = digits[i].unicode() - u'0';
        sum += three ? 3 * d : d;
        three = !three;
    }
    return (10 - sum % 10) % 10;
}

Status validate(QStringView code)
{
    const QString shown = code.left(32).toString();
    if (code.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the barcode is empty"));
    for (QChar c : code) {
        if (c < u'0' || c > u'9')
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("barcode \"%1\" contains characters other than digits").arg(shown));
    }
    const auto n = code.size();
    if (n != 8 && n != 12 && n != 13 && n != 14)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("barcode \"%1\" has %2 digits; EAN-8, UPC-A, EAN-13 and GTIN-14 have 8, 12, 13 "
                           "or 14")
                .arg(shown)
                .arg(n));
    const int expected = checkDigit(code.first(n - 1));
    const int actual = code[n - 1].unicode() - u'0';
    if (expected != actual)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("barcode \"%1\" has check digit %2 but its digits give %3: it was mistyped or "
                           "misread")
                .arg(shown)
                .arg(actual)
                .arg(expected));
    return Ok {};
}

Result<QString> normalize(QStringView code)
{
    if (auto st = validate(code); !st)
        return st.error();
    if (code.size() == 14 && code[0] == u'0')
        return code.mid(1).toString();
    return code.toString();
}

} // namespace omnitill::Gtin
