// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/money.h"

#include <QtGlobal>

#include <algorithm>

namespace omnitill {

namespace {
struct CurrencyEntry
{
    const char *code;
    quint8 exponent;
};
// ISO 4217 (amendment 176). Sorted by code for binary search.
constexpr CurrencyEntry kCurrencies[] = {
    { "AED", 2 },
    { "ARS", 2 },
    { "AUD", 2 },
    { "BGN", 2 },
    { "BHD", 3 },
    { "BRL", 2 },
    { "CAD", 2 },
    { "CHF", 2 },
    { "CLP", 0 },
    { "CNY", 2 },
    { "COP", 2 },
    { "CZK", 2 },
    { "DKK", 2 },
    { "EGP", 2 },
    { "EUR", 2 },
    { "GBP", 2 },
    { "HKD", 2 },
    { "HUF", 2 },
    { "IDR", 2 },
    { "ILS", 2 },
    { "INR", 2 },
    { "ISK", 0 },
    { "JOD", 3 },
    { "JPY", 0 },
    { "KRW", 0 },
    { "KWD", 3 },
    { "MAD", 2 },
    { "MXN", 2 },
    { "MYR", 2 },
    { "NOK", 2 },
    { "NZD", 2 },
    { "OMR", 3 },
    { "PHP", 2 },
    { "PLN", 2 },
    { "QAR", 2 },
    { "RON", 2 },
    { "RSD", 2 },
    { "SAR", 2 },
    { "SEK", 2 },
    { "SGD", 2 },
    { "THB", 2 },
    { "TND", 3 },
    { "TRY", 2 },
    { "TWD", 2 },
    { "UAH", 2 },
    { "USD", 2 },
    { "VND", 0 },
    { "ZAR", 2 },
};

constexpr qint64 pow10(int n)
{
    qint64 r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

Int128 abs128(Int128 v)
{
    return v < 0 ? -v : v;
}
} // namespace

std::optional<Currency> Currency::fromCode(QStringView code)
{
    if (code.size() != 3)
        return std::nullopt;
    const QByteArray latin = code.toLatin1();
    const auto it = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), latin,
        [](const CurrencyEntry &e, const QByteArray &c) { return qstrcmp(e.code, c) < 0; });
    if (it == std::end(kCurrencies) || qstrcmp(it->code, latin) != 0)
        return std::nullopt;
    return Currency({ it->code[0], it->code[1], it->code[2] }, it->exponent);
}

qint64 Currency::minorPerMajor() const
{
    return pow10(m_exponent);
}

qint64 divRound(Int128 num, Int128 den, Rounding mode)
{
    Q_ASSERT(den != 0);
    if (den < 0) {
        num = -num;
        den = -den;
    }
    Int128 q = num / den; // truncates toward zero
    const Int128 r = num % den; // same sign as num
    if (r == 0)
        return static_cast<qint64>(q);
    const bool negative = num < 0;
    const Int128 twice = abs128(r) * 2;
    bool away = false; // move one step away from zero?
    switch (mode) {
    case Rounding::HalfUp:
        away = twice >= den;
        break;
    case Rounding::HalfDown:
        away = twice > den;
        break;
    case Rounding::HalfEven:
        away = twice > den || (twice == den && (q % 2) != 0);
        break;
    case Rounding::Down:
        away = false;
        break;
    case Rounding::Up:
        away = true;
        break;
    case Rounding::Floor:
        away = negative;
        break;
    case Rounding::Ceiling:
        away = !negative;
        break;
    }
    if (away)
        q += negative ? -1 : 1;
    return static_cast<qint64>(q);
}

Result<qint64> parseFixed(QStringView text, int scale, QStringView what)
{
    const QStringView t = text.trimmed();
    auto bad = [&](const QString &why) {
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 \"%2\" is not valid: %3").arg(what, text.left(40).toString(), why));
    };
    if (t.isEmpty())
        return bad(QStringLiteral("it is empty"));
    qsizetype i = 0;
    bool negative = false;
    if (t[0] == u'-' || t[0] == u'+') {
        negative = t[0] == u'-';
        ++i;
    }
    qint64 intPart = 0;
    int intDigits = 0;
    qint64 fracPart = 0;
    int fracDigits = 0;
    bool seenDot = false;
    for (; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == u'.') {
            if (seenDot)
                return bad(QStringLiteral("more than one decimal point"));
            seenDot = true;
            continue;
        }
        if (c < u'0' || c > u'9')
            return bad(QStringLiteral("use digits with an optional '.' (for example 12.50)"));
        const int d = c.unicode() - u'0';
        if (seenDot) {
            if (++fracDigits > scale) {
                return bad(scale == 0 ? QStringLiteral("no decimals are allowed")
                                      : QStringLiteral("at most %1 decimal places are allowed").arg(scale));
            }
            fracPart = fracPart * 10 + d;
        } else {
            if (intPart == 0 && d == 0 && intDigits > 0)
                continue; // leading zeros
            if (++intDigits > 15 - scale)
                return bad(QStringLiteral("the value is too large"));
            intPart = intPart * 10 + d;
        }
    }
    if (intDigits == 0 && fracDigits == 0)
        return bad(QStringLiteral("there are no digits"));
    fracPart *= pow10(scale - fracDigits);
    const qint64 v = intPart * pow10(scale) + fracPart;
    if (v > kMaxFixedMagnitude)
        return bad(QStringLiteral("the value is too large"));
    return negative ? -v : v;
}

QString shownNumber(const QString &plain, const QLocale &locale)
{
    const QString point = locale.decimalPoint();
    if (point == QLatin1String("."))
        return plain;
    QString out = plain;
    return out.replace(u'.', point);
}

QString typedNumber(QStringView text, const QLocale &locale)
{
    QString t = text.trimmed().toString();
    t.remove(u' ').remove(QChar(0x00A0)).remove(QChar(0x202F)); // spaces people and locales put between groups
    const QString dec = locale.decimalPoint();
    const QString grp = locale.groupSeparator();
    const QString other = dec == u',' ? QStringLiteral(".") : QStringLiteral(",");
    if (t.contains(dec)) {
        if (t.count(dec) != 1)
            return t;
        if (!grp.isEmpty() && grp != dec)
            t.remove(grp);
        return t.replace(dec, QStringLiteral("."));
    }
    // No decimal separator of the locale: the other mark once, not followed by a group of three, is the decimal
    // point ("50.00" typed in a German store); otherwise it groups thousands ("1.234" in German).
    if (t.count(other) == 1) {
        const qsizetype at = t.indexOf(other);
        const qsizetype after = t.size() - at - 1;
        if (after != 3)
            return t.replace(other, QStringLiteral("."));
    }
    if (!grp.isEmpty())
        t.remove(grp);
    return t;
}

QString formatFixed(qint64 value, int scale)
{
    const bool negative = value < 0;
    const quint64 mag = negative ? quint64(0) - quint64(value) : quint64(value);
    const quint64 unit = quint64(pow10(scale));
    QString s = QString::number(mag / unit);
    if (scale > 0)
        s += u'.' + QString::number(mag % unit).rightJustified(scale, u'0');
    return negative ? u'-' + s : s;
}

Result<Money> Money::parse(QStringView text, Currency currency)
{
    if (!currency.isValid())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no currency given for amount \"%1\"").arg(text));
    auto v = parseFixed(text, currency.exponent(), QStringLiteral("%1 amount").arg(currency.code()));
    if (!v)
        return v.error();
    return Money(*v, currency);
}

QString Money::toString() const
{
    return formatFixed(m_minor, m_currency.exponent());
}

QString Money::toDisplayString() const
{
    return m_currency.code() + u' ' + toString();
}

Money &Money::operator+=(const Money &o)
{
    Q_ASSERT_X(m_currency == o.m_currency || o.m_minor == 0, "Money", "currency mismatch");
    m_minor += o.m_minor;
    return *this;
}

Money &Money::operator-=(const Money &o)
{
    Q_ASSERT_X(m_currency == o.m_currency || o.m_minor == 0, "Money", "currency mismatch");
    m_minor -= o.m_minor;
    return *this;
}

Money roundToIncrement(const Money &amount, qint64 incrementMinor, Rounding mode)
{
    if (incrementMinor <= 1)
        return amount;
    return Money(divRound(amount.minor(), incrementMinor, mode) * incrementMinor, amount.currency());
}

Result<qint32> parsePercentBp(QStringView text, QStringView what)
{
    auto v = parseFixed(text, 2, what);
    if (!v)
        return v.error();
    if (*v < 0 || *v > 10000)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 %2% must be between 0 and 100").arg(what, text));
    return static_cast<qint32>(*v);
}

Result<qint32> parseTaxRate(QStringView text, QStringView what)
{
    auto v = parseFixed(text, 3, what);
    if (!v)
        return v.error();
    if (*v < 0 || *v > 100000)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 %2% must be between 0 and 100").arg(what, text));
    return static_cast<qint32>(*v);
}

} // namespace omnitill
