// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/gs1.h"
#include "core/codes/gtin.h"

#include <QUrl>
#include <QUrlQuery>

namespace omnitill::Gs1 {

namespace {

constexpr QChar kGs = QChar(0x1D);

enum class Check
{
    None,
    Mod10,
    Date,
    Numeric
};

struct AiDef
{
    const char *ai; // an AI, or a 3-digit prefix followed by 'n' for the decimal families (310n ...)
    int minLength;
    int maxLength;
    Check check;
};

// The AIs retail scanning meets. Fixed-length AIs have min == max.
constexpr AiDef kAis[] = {
    { "00", 18, 18, Check::Mod10 },
    { "01", 14, 14, Check::Mod10 },
    { "02", 14, 14, Check::Mod10 },
    { "10", 1, 20, Check::None },
    { "11", 6, 6, Check::Date },
    { "12", 6, 6, Check::Date },
    { "13", 6, 6, Check::Date },
    { "15", 6, 6, Check::Date },
    { "16", 6, 6, Check::Date },
    { "17", 6, 6, Check::Date },
    { "20", 2, 2, Check::Numeric },
    { "21", 1, 20, Check::None },
    { "22", 1, 20, Check::None },
    { "30", 1, 8, Check::Numeric },
    { "37", 1, 8, Check::Numeric },
    { "240", 1, 30, Check::None },
    { "241", 1, 30, Check::None },
    { "254", 1, 20, Check::None },
    { "400", 1, 30, Check::None },
    { "410", 13, 13, Check::Mod10 },
    { "411", 13, 13, Check::Mod10 },
    { "412", 13, 13, Check::Mod10 },
    { "413", 13, 13, Check::Mod10 },
    { "414", 13, 13, Check::Mod10 },
    { "415", 13, 13, Check::Mod10 },
    { "422", 3, 3, Check::Numeric },
    { "310n", 6, 6, Check::Numeric },
    { "320n", 6, 6, Check::Numeric },
    { "330n", 6, 6, Check::Numeric },
    { "390n", 1, 15, Check::Numeric },
    { "391n", 4, 18, Check::Numeric },
    { "392n", 1, 15, Check::Numeric },
    { "393n", 4, 18, Check::Numeric },
    { "8008", 8, 12, Check::Numeric },
    { "8020", 1, 25, Check::None },
    { "90", 1, 30, Check::None },
    { "91", 1, 90, Check::None },
    { "92", 1, 90, Check::None },
    { "93", 1, 90, Check::None },
    { "94", 1, 90, Check::None },
    { "95", 1, 90, Check::None },
    { "96", 1, 90, Check::None },
    { "97", 1, 90, Check::None },
    { "98", 1, 90, Check::None },
    { "99", 1, 90, Check::None },
};

// The AI at the start of `s` and its definition: 2, 3 and 4 digits are tried, decimal families match any last digit.
const AiDef *findAi(QStringView s, qsizetype &aiLength)
{
    for (qsizetype len = 2; len <= 4 && len <= s.size(); ++len) {
        const QStringView candidate = s.first(len);
        for (const AiDef &d : kAis) {
            const QLatin1StringView ai(d.ai);
            if (ai.endsWith(u'n') && len == 4 && candidate.first(3) == ai.first(3) && candidate[3].isDigit()) {
                aiLength = len;
                return &d;
            }
            if (candidate == ai) {
                aiLength = len;
                return &d;
            }
        }
    }
    return nullptr;
}

Error bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

Status validate(const AiDef &def, const QString &ai, const QString &value, QDate today)
{
    if (value.size() < def.minLength || value.size() > def.maxLength)
        return bad(def.minLength == def.maxLength ? QStringLiteral("GS1 (%1) must have %2 characters, not %3")
                                                        .arg(ai)
                                                        .arg(def.minLength)
                                                        .arg(value.size())
                                                  : QStringLiteral("GS1 (%1) must have %2 to %3 characters, not %4")
                                                        .arg(ai)
                                                        .arg(def.minLength)
                                                        .arg(def.maxLength)
                                                        .arg(value.size()));
    const bool numeric
        = std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c.isDigit() && c.unicode() < 128; });
    if (def.check != Check::None && !numeric)
        return bad(QStringLiteral("GS1 (%1) must be digits only: \"%2\"").arg(ai, value.left(40)));
    for (QChar c : value) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7E)
            return bad(QStringLiteral("GS1 (%1) contains a character GS1 does not allow").arg(ai));
    }
    if (def.check == Check::Mod10 && Gtin::checkDigit(QStringView(value).chopped(1)) != value.back().unicode() - u'0')
        return bad(QStringLiteral("GS1 (%1) %2 has a wrong check digit").arg(ai, value));
    if (def.check == Check::Date && !parseDate(value, today))
        return bad(QStringLiteral("GS1 (%1) %2 is not a valid YYMMDD date").arg(ai, value));
    return Ok {};
}

Status add(Message &m, const QString &ai, const QString &value, QDate today)
{
    qsizetype len = 0;
    const AiDef *def = findAi(ai, len);
    if (!def || len != ai.size())
        return bad(QStringLiteral("GS1 application identifier (%1) is unknown or not used in retail").arg(ai));
    if (auto st = validate(*def, ai, value, today); !st)
        return st;
    for (const Element &e : m.elements) {
        if (e.ai == ai && e.value != value)
            return bad(QStringLiteral("GS1 (%1) appears twice with different values").arg(ai));
    }
    m.elements.append(Element { ai, value });
    return Ok {};
}

Result<Message> parseRaw(QStringView s, QDate today)
{
    Message m;
    qsizetype i = 0;
    while (i < s.size()) {
        if (s[i] == kGs) {
            ++i;
            continue;
        }
        qsizetype aiLength = 0;
        const AiDef *def = findAi(s.mid(i), aiLength);
        if (!def)
            return bad(QStringLiteral("no known GS1 application identifier at \"%1\"").arg(s.mid(i, 8).toString()));
        const QString ai = s.mid(i, aiLength).toString();
        i += aiLength;
        qsizetype end = i;
        if (def->minLength == def->maxLength) {
            end = i + def->minLength;
            if (end > s.size())
                return bad(QStringLiteral("GS1 (%1) is cut short").arg(ai));
        } else {
            while (end < s.size() && s[end] != kGs && end - i < def->maxLength)
                ++end;
        }
        if (auto st = add(m, ai, s.mid(i, end - i).toString(), today); !st)
            return st.error();
        i = end;
    }
    if (m.elements.isEmpty())
        return bad(QStringLiteral("the GS1 data is empty"));
    return m;
}

Result<Message> parseBracketed(QStringView s, QDate today)
{
    Message m;
    qsizetype i = 0;
    while (i < s.size()) {
        if (s[i] != u'(')
            return bad(QStringLiteral("expected \"(\" at position %1 of the GS1 text").arg(i + 1));
        const qsizetype close = s.indexOf(u')', i);
        if (close < 0)
            return bad(QStringLiteral("an application identifier is not closed with \")\""));
        const QString ai = s.mid(i + 1, close - i - 1).toString();
        qsizetype next = s.indexOf(u'(', close);
        if (next < 0)
            next = s.size();
        if (auto st = add(m, ai, s.mid(close + 1, next - close - 1).toString(), today); !st)
            return st.error();
        i = next;
    }
    if (m.elements.isEmpty())
        return bad(QStringLiteral("the GS1 data is empty"));
    return m;
}

Result<Message> parseDigitalLink(QStringView text, QDate today)
{
    const QUrl url(text.toString(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return bad(QStringLiteral("not a valid GS1 Digital Link URI"));
    // Split before decoding: a %2F inside a lot number is data, not a path separator.
    QStringList parts;
    for (const QString &segment : url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts))
        parts << QUrl::fromPercentEncoding(segment.toUtf8());
    // The primary key (01 GTIN, or 00/414/8004...) starts the element pairs; anything before it is a path prefix.
    qsizetype start = -1;
    for (qsizetype k = 0; k + 1 < parts.size(); ++k) {
        if (parts[k] == QLatin1String("01") || parts[k] == QLatin1String("00") || parts[k] == QLatin1String("414")) {
            start = k;
            break;
        }
    }
    if (start < 0 || (parts.size() - start) % 2 != 0)
        return bad(QStringLiteral("the Digital Link URI has no GS1 key (such as /01/<GTIN>) or an odd path"));
    Message m;
    for (qsizetype k = start; k < parts.size(); k += 2) {
        if (auto st = add(m, parts[k], parts[k + 1], today); !st)
            return st.error();
    }
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!key.isEmpty() && std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.isDigit(); })) {
            if (auto st = add(m, key, value, today); !st)
                return st.error();
        } // other parameters (linkType, ...) are not GS1 data
    }
    return m;
}

} // namespace

std::optional<QString> Message::value(QStringView ai) const
{
    for (const Element &e : elements) {
        if (e.ai == ai)
            return e.value;
    }
    return std::nullopt;
}

std::optional<QString> Message::gtin() const
{
    auto v = value(u"01");
    if (!v)
        v = value(u"02");
    if (!v)
        return std::nullopt;
    return v->startsWith(u'0') ? v->mid(1) : *v;
}

std::optional<QDate> Message::expiry() const
{
    auto v = value(u"17");
    if (!v)
        v = value(u"15");
    if (!v)
        return std::nullopt;
    return parseDate(*v, anchor);
}

std::optional<qint64> Message::netWeightGrams() const
{
    for (const Element &e : elements) {
        if (e.ai.size() == 4 && e.ai.startsWith(QLatin1String("310"))) {
            const int decimals = e.ai[3].unicode() - u'0';
            qint64 v = e.value.toLongLong();
            // kg with `decimals` decimals → grams: multiply by 1000 / 10^decimals (exact for decimals ≤ 3).
            for (int d = decimals; d < 3; ++d)
                v *= 10;
            for (int d = 3; d < decimals; ++d)
                v /= 10;
            return v;
        }
    }
    return std::nullopt;
}

std::optional<Result<qint64>> Message::pricePayableMinor(int exponent) const
{
    for (const Element &e : elements) {
        if (e.ai.size() != 4 || !e.ai.startsWith(QLatin1String("392")))
            continue;
        const int decimals = e.ai[3].unicode() - u'0';
        QString digits = e.value;
        if (decimals > exponent) {
            // 3923 0019990 in a two-decimal currency is 19.990: fine; 19.995 is not a price we can charge.
            const QStringView dropped
                = QStringView(digits).last(std::min<qsizetype>(decimals - exponent, digits.size()));
            if (std::any_of(dropped.cbegin(), dropped.cend(), [](QChar c) { return c != u'0'; }))
                return Result<qint64>(makeError(ErrorCode::InvalidInput,
                    QStringLiteral("the GS1 price (%1) has more decimals than the currency").arg(e.ai)));
            digits.chop(decimals - exponent);
        } else {
            digits += QString(exponent - decimals, u'0');
        }
        bool ok = false;
        const qint64 minor = digits.isEmpty() ? 0 : digits.toLongLong(&ok);
        if (!ok && !digits.isEmpty())
            return Result<qint64>(
                makeError(ErrorCode::InvalidInput, QStringLiteral("the GS1 price (%1) is too large").arg(e.ai)));
        return Result<qint64>(minor);
    }
    return std::nullopt;
}

std::optional<QDate> parseDate(QStringView s, QDate today)
{
    if (s.size() != 6 || !std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    const int yy = s.first(2).toInt();
    const int mm = s.mid(2, 2).toInt();
    const int dd = s.mid(4, 2).toInt();
    const int current = today.year() % 100;
    int century = today.year() - current;
    const int diff = yy - current;
    if (diff >= 51)
        century -= 100;
    else if (diff <= -50)
        century += 100;
    const int year = century + yy;
    if (mm < 1 || mm > 12)
        return std::nullopt;
    if (dd == 0)
        return QDate(year, mm, 1).addMonths(1).addDays(-1); // DD 00: the last day of the month
    const QDate d(year, mm, dd);
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

Result<Message> parseAny(QStringView text, QDate today);

bool isGs1SymbologyId(QStringView id)
{
    return id == u"]C1" || id == u"]e0" || id == u"]d2" || id == u"]Q3";
}

bool looksLikeGs1(QStringView text)
{
    return isGs1SymbologyId(text.first(std::min<qsizetype>(3, text.size()))) || text.contains(kGs)
        || (text.startsWith(u'(') && text.size() > 4) || text.startsWith(QLatin1String("https://"))
        || text.startsWith(QLatin1String("http://"));
}

Result<Message> parseAny(QStringView text, QDate today)
{
    QStringView s = text.trimmed();
    if (s.size() > 4096)
        return bad(QStringLiteral("the scanned data is longer than any GS1 symbol holds"));
    if (s.startsWith(QLatin1String("http://")) || s.startsWith(QLatin1String("https://")))
        return parseDigitalLink(s, today);
    if (isGs1SymbologyId(s.first(std::min<qsizetype>(3, s.size()))))
        s = s.mid(3);
    if (s.startsWith(kGs))
        s = s.mid(1); // FNC1 in first position, as some scanners transmit it
    if (s.startsWith(u'('))
        return parseBracketed(s, today);
    return parseRaw(s, today);
}

Result<Message> parse(QStringView text, QDate today)
{
    auto m = parseAny(text, today);
    if (m)
        m->anchor = today;
    return m;
}

} // namespace omnitill::Gs1
