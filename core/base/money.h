// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QLocale>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace omnitill {

// An ISO 4217 currency with its minor-unit exponent (EUR 2, JPY 0, KWD 3).
class Currency
{
public:
    Currency() = default;
    // Known ISO 4217 codes only; case-sensitive upper case.
    static std::optional<Currency> fromCode(QStringView code);

    QString code() const { return QString::fromLatin1(m_code.data(), 3); }
    int exponent() const { return m_exponent; }
    qint64 minorPerMajor() const;
    bool isValid() const { return m_code[0] != 0; }

    friend bool operator==(const Currency &a, const Currency &b) = default;

private:
    Currency(std::array<char, 3> code, quint8 exponent)
        : m_code(code)
        , m_exponent(exponent)
    { }
    std::array<char, 3> m_code { 0, 0, 0 };
    quint8 m_exponent = 0;
};

// 128-bit intermediates for price × quantity × rate (GCC/Clang extension, hence __extension__).
__extension__ typedef __int128 Int128;

// How a value that falls between two representable values is resolved.
enum class Rounding
{
    HalfUp, // half away from zero: "commercial rounding", the default everywhere in OmniTill
    HalfEven, // banker's rounding
    HalfDown, // half toward zero
    Down, // toward zero (truncate)
    Up, // away from zero
    Floor, // toward -infinity
    Ceiling, // toward +infinity
};

// num / den rounded by mode; den must be non-zero. 128-bit so price × quantity × rate never overflows.
qint64 divRound(Int128 num, Int128 den, Rounding mode);

// Largest magnitude accepted for any fixed-point value parsed from input (15 digits): sums of many such values stay
// far from the 64-bit limit.
inline constexpr qint64 kMaxFixedMagnitude = 999'999'999'999'999;

// Parses "-12.345" with at most `scale` fractional digits into an integer of 10^-scale units. No floating point,
// no exponent, no thousands separators, no locale; `what` names the field in the error message.
Result<qint64> parseFixed(QStringView text, int scale, QStringView what);
QString formatFixed(qint64 value, int scale);

// A number as a person types it in `locale` ("50,00" or "1.234,50" in German, "1,234.50" in English, "50.00" in
// either), rewritten the way parseFixed reads it ("50.00", "1234.50"). For what a cashier types, never for files
// (imports stay strict). Text it cannot read comes back trimmed and otherwise unchanged, for parseFixed's message.
QString typedNumber(QStringView text, const QLocale &locale);
// A number as parseFixed reads it ("-1234.50") shown the way `locale` writes decimals ("-1234,50" in German), without
// grouping, so that what the till shows can be typed back as it is.
QString shownNumber(const QString &plain, const QLocale &locale);

// An amount in integer minor units of one currency.
class Money
{
public:
    Money() = default;
    Money(qint64 minor, Currency currency)
        : m_minor(minor)
        , m_currency(currency)
    { }
    static Money zero(Currency currency) { return Money(0, currency); }
    // "12.34" in EUR -> 1234. More fractional digits than the currency has is an error, not a rounding.
    static Result<Money> parse(QStringView text, Currency currency);

    qint64 minor() const { return m_minor; }
    Currency currency() const { return m_currency; }
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }

    QString toString() const; // "12.34"
    QString toDisplayString() const; // "EUR 12.34"

    Money operator-() const { return Money(-m_minor, m_currency); }
    Money &operator+=(const Money &o);
    Money &operator-=(const Money &o);
    friend Money operator+(Money a, const Money &b) { return a += b; }
    friend Money operator-(Money a, const Money &b) { return a -= b; }
    friend bool operator==(const Money &a, const Money &b) = default;

private:
    qint64 m_minor = 0;
    Currency m_currency;
};

// Rounds to a multiple of `incrementMinor` (cash rounding, e.g. CHF 0.05 -> 5).
Money roundToIncrement(const Money &amount, qint64 incrementMinor, Rounding mode = Rounding::HalfUp);

// Percentages are basis points (1/100 %): "12.5" -> 1250. Tax rates are milli-percent: "8.875" -> 8875.
Result<qint32> parsePercentBp(QStringView text, QStringView what);
Result<qint32> parseTaxRate(QStringView text, QStringView what);

} // namespace omnitill

Q_DECLARE_METATYPE(omnitill::Money)
