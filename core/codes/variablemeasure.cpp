// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/variablemeasure.h"
#include "core/codes/gtin.h"

#include <algorithm>

namespace omnitill::VariableMeasure {

namespace {
struct Profile
{
    const char *name;
    const char *rules;
    const char *meaning;
};

constexpr Profile kProfiles[] = {
    { "none", "", "no price or weight labels: every code is an ordinary barcode" },
    { "us", "02:IIIIIVPPPP",
        "UPC-A number system 2 (EAN-13 prefix 02): 5-digit item, price check digit, 4-digit price" },
    { "price5", "20-29:IIIIIPPPPP", "prefixes 20-29: 5-digit item, 5-digit price" },
    { "weight5", "20-29:IIIIIWWWWW", "prefixes 20-29: 5-digit item, weight in grams" },
    { "price4v", "20-29:IIIIIVPPPP", "prefixes 20-29: 5-digit item, price check digit, 4-digit price" },
    { "price5-weight5", "20-24:IIIIIPPPPP;25-29:IIIIIWWWWW",
        "prefixes 20-24 carry a 5-digit price, 25-29 a weight in grams" },
};

Result<Rules> bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

std::optional<int> prefixNumber(QStringView s)
{
    if (s.size() != 2 || !s[0].isDigit() || !s[1].isDigit())
        return std::nullopt;
    return s.toInt();
}

// GS1 weighting tables for the price check digit (General Specifications 7.9.3).
int weight2Minus(int d)
{
    static constexpr int t[] = { 0, 2, 4, 6, 8, 9, 1, 3, 5, 7 };
    return t[d];
}
int weight3(int d)
{
    return (d * 3) % 10;
}
int weight5Minus(int d)
{
    static constexpr int t[] = { 0, 5, 9, 4, 8, 3, 7, 2, 6, 1 };
    return t[d];
}

qint64 digitsOf(QStringView code, const QString &layout, QChar kind)
{
    qint64 v = 0;
    for (int i = 0; i < layout.size(); ++i)
        if (layout[i] == kind)
            v = v * 10 + (code[2 + i].unicode() - u'0');
    return v;
}
} // namespace

int priceCheckDigit(QStringView p)
{
    const int d[4] = { p[0].unicode() - '0', p[1].unicode() - '0', p[2].unicode() - '0', p[3].unicode() - '0' };
    const int sum = weight2Minus(d[0]) + weight2Minus(d[1]) + weight3(d[2]) + weight5Minus(d[3]);
    return (sum * 3) % 10;
}

QString profilesHelp()
{
    QString out;
    for (const Profile &p : kProfiles)
        out += QStringLiteral("  %1  %2  %3\n")
                   .arg(QString::fromLatin1(p.name).leftJustified(15), QString::fromLatin1(p.rules).leftJustified(32),
                       QLatin1String(p.meaning));
    return out;
}

Result<Rules> parse(QStringView text)
{
    const QString spec = text.trimmed().toString();
    for (const Profile &p : kProfiles) {
        if (spec == QLatin1String(p.name)) {
            auto rules = parse(QString::fromLatin1(p.rules));
            if (rules)
                rules->spec = spec;
            return rules;
        }
    }
    Rules out;
    out.spec = spec;
    if (spec.isEmpty())
        return out;
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList sides = part.trimmed().split(u':');
        if (sides.size() != 2)
            return bad(QStringLiteral("label rule \"%1\" needs the form PREFIX:LAYOUT, e.g. 20-29:IIIIIPPPPP; "
                                      "or use a profile:\n%2")
                           .arg(part, profilesHelp()));
        const QStringList range = sides[0].trimmed().split(u'-');
        const auto first = prefixNumber(range.value(0));
        const auto last = range.size() == 2 ? prefixNumber(range[1]) : first;
        if (range.size() > 2 || !first || !last || *last < *first)
            return bad(
                QStringLiteral("label rule \"%1\": the prefix must be two digits or a range such as 20-29").arg(part));
        const bool variableMeasurePrefix = (*first == 2 && *last == 2) || (*first >= 20 && *last <= 29);
        if (!variableMeasurePrefix)
            return bad(QStringLiteral("label rule \"%1\": only prefixes 02 and 20-29 are reserved for in-store labels; "
                                      "others are real products' GTINs")
                           .arg(part));
        const QString layout = sides[1].trimmed();
        const auto count = [&](QChar c) { return layout.count(c); };
        if (layout.size() != 10 || count(u'I') + count(u'P') + count(u'W') + count(u'V') + count(u'0') != layout.size())
            return bad(QStringLiteral("label rule \"%1\": the layout must be 10 of I (item), P (price), W (weight), "
                                      "V (price check) and 0")
                           .arg(part));
        if (count(u'I') == 0 || (count(u'P') > 0) == (count(u'W') > 0))
            return bad(QStringLiteral("label rule \"%1\": the layout needs item digits and either price or weight "
                                      "digits")
                           .arg(part));
        if (count(u'V') > 1 || (count(u'V') == 1 && count(u'P') != 4))
            return bad(QStringLiteral("label rule \"%1\": a price check digit (V) goes with exactly four price digits")
                           .arg(part));
        for (const Rule &r : std::as_const(out.rules))
            if (*first <= r.lastPrefix && r.firstPrefix <= *last)
                return bad(QStringLiteral("label rule \"%1\" overlaps another rule's prefixes").arg(part));
        out.rules.append(Rule { *first, *last, layout });
    }
    return out;
}

std::optional<Result<Label>> read(const Rules &rules, QStringView code)
{
    if (rules.isEmpty() || code.size() != 13
        || !std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    const int prefix = code.first(2).toInt();
    const auto rule = std::find_if(rules.rules.cbegin(), rules.rules.cend(),
        [&](const Rule &r) { return prefix >= r.firstPrefix && prefix <= r.lastPrefix; });
    if (rule == rules.rules.cend())
        return std::nullopt;
    if (auto st = Gtin::validate(code); !st)
        return Result<Label>(st.error());
    const QString &layout = rule->layout;
    Label label;
    if (layout.contains(u'V')) {
        QString price;
        for (int i = 0; i < layout.size(); ++i)
            if (layout[i] == u'P')
                price += code[2 + i];
        const int expected = priceCheckDigit(price);
        const int actual = code[2 + layout.indexOf(u'V')].unicode() - u'0';
        if (expected != actual)
            return Result<Label>(makeError(ErrorCode::InvalidInput,
                QStringLiteral("label %1: its price check digit is %2 but the price %3 gives %4: misprinted or "
                               "misread, weigh the item again")
                    .arg(code.toString())
                    .arg(actual)
                    .arg(price)
                    .arg(expected)));
    }
    if (layout.contains(u'P'))
        label.priceMinor = digitsOf(code, layout, u'P');
    else
        label.grams = digitsOf(code, layout, u'W');
    QString key = code.first(12).toString();
    for (int i = 0; i < layout.size(); ++i)
        if (layout[i] != u'I')
            key[2 + i] = u'0';
    key += QChar(u'0' + Gtin::checkDigit(key));
    label.lookupKey = key;
    return Result<Label>(label);
}

} // namespace omnitill::VariableMeasure
