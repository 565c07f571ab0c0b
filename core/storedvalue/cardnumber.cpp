// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storedvalue/cardnumber.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace omnitill::CardNumber {

namespace {
// Crockford base32, then the five extra check symbols.
constexpr char16_t kAlphabet[] = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

int valueOf(QChar c)
{
    switch (c.unicode()) {
    case u'O':
        return 0;
    case u'I':
    case u'L':
        return 1;
    default:
        break;
    }
    for (int i = 0; i < 37; ++i) {
        if (kAlphabet[i] == c.unicode())
            return i;
    }
    return -1;
}

QChar checkSymbol(QStringView data)
{
    int mod = 0;
    for (QChar c : data)
        mod = (mod * 32 + valueOf(c)) % 37;
    return QChar(kAlphabet[mod]);
}
} // namespace

QString generate()
{
    QString data;
    data.reserve(kSymbols + 1);
    quint64 bits[2] = { QRandomGenerator::system()->generate64(), QRandomGenerator::system()->generate64() };
    for (int i = 0; i < kSymbols; ++i) {
        data.append(QChar(kAlphabet[bits[i / 8] & 31]));
        bits[i / 8] >>= 5;
    }
    data.append(checkSymbol(data));
    return data;
}

Result<QString> parse(QStringView text)
{
    QString n;
    for (QChar c : text) {
        if (c == u' ' || c == u'-')
            continue;
        n.append(c.toUpper());
        if (n.size() > 64)
            break;
    }
    if (n.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("scan the card or type its number"));
    if (n.size() != kSymbols + 1)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a card number has %1 letters and digits, not %2").arg(kSymbols + 1).arg(n.size()));
    QString canonical;
    for (int i = 0; i < n.size(); ++i) {
        const int v = valueOf(n[i]);
        if (v < 0 || (i < kSymbols && v >= 32))
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("\"%1\" cannot be in a card number").arg(n[i] == u'"' ? QStringLiteral("\\\"") : n[i]));
        canonical.append(QChar(kAlphabet[v]));
    }
    if (checkSymbol(QStringView(canonical).left(kSymbols)) != canonical.back())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("that card number does not check out: a symbol is mistyped or two are swapped"));
    return canonical;
}

QString hash(const QString &number)
{
    return QString::fromLatin1(QCryptographicHash::hash(number.toLatin1(), QCryptographicHash::Sha256).toHex());
}

QString last4(const QString &number)
{
    return number.mid(kSymbols - 4, 4);
}

QString grouped(const QString &number)
{
    QString g;
    for (int i = 0; i < number.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            g.append(u' ');
        g.append(number[i]);
    }
    return g;
}

} // namespace omnitill::CardNumber
