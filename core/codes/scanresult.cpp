// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/codes/scanresult.h"
#include "core/codes/gs1.h"
#include "core/codes/gtin.h"

#include <QDateTime>

#include <algorithm>

namespace omnitill {

namespace {
bool isAimIdentifier(QStringView s)
{
    return s.size() == 3 && s[0] == u']' && s[1].isLetter() && s[1].unicode() < 0x80 && s[2].isLetterOrNumber()
        && s[2].unicode() < 0x80;
}
} // namespace

ScanResult::ScanResult(QString text, QByteArray bytes, QString symbologyId, Source source, qint64 atMs)
    : m_text(std::move(text))
    , m_bytes(std::move(bytes))
    , m_symbologyId(std::move(symbologyId))
    , m_source(source)
    , m_atMs(atMs)
{ }

ScanResult ScanResult::fromKeyboard(const QString &typed, qint64 atMs)
{
    QString text = typed;
    QString id;
    if (isAimIdentifier(QStringView(text).first(std::min<qsizetype>(3, text.size())))) {
        id = text.first(3);
        text.remove(0, 3);
    }
    const QByteArray bytes = text.toUtf8();
    return ScanResult(std::move(text), bytes, std::move(id), Source::Keyboard, atMs);
}

QString ScanResult::symbology() const
{
    if (m_symbologyId.size() != 3)
        return {};
    const QChar code = m_symbologyId[1];
    const QChar modifier = m_symbologyId[2];
    switch (code.unicode()) {
    case 'E':
        return modifier == u'4' ? QStringLiteral("EAN-8") : QStringLiteral("EAN/UPC");
    case 'C':
        return modifier == u'1' ? QStringLiteral("GS1-128") : QStringLiteral("Code 128");
    case 'e':
        return QStringLiteral("GS1 DataBar");
    case 'd':
        return modifier == u'2' ? QStringLiteral("GS1 DataMatrix") : QStringLiteral("DataMatrix");
    case 'Q':
        return modifier == u'3' ? QStringLiteral("GS1 QR Code") : QStringLiteral("QR Code");
    case 'A':
        return QStringLiteral("Code 39");
    case 'I':
        return QStringLiteral("ITF");
    case 'F':
        return QStringLiteral("Codabar");
    case 'G':
        return QStringLiteral("Code 93");
    case 'L':
        return QStringLiteral("PDF417");
    case 'z':
        return QStringLiteral("Aztec");
    default:
        return {};
    }
}

QString ScanResult::tillCode() const
{
    if (!Gs1::isGs1SymbologyId(m_symbologyId) || m_text.startsWith(m_symbologyId))
        return m_text;
    // DataBar Omnidirectional/Limited carry only a GTIN-14, which ZXing returns without its AI.
    if (m_symbologyId == u"]e0" && m_text.size() == 14
        && std::all_of(m_text.cbegin(), m_text.cend(), [](QChar c) { return c.isDigit(); }))
        return m_symbologyId + QStringLiteral("01") + m_text;
    return m_symbologyId + m_text;
}

QString ScanResult::itemKey() const
{
    const QString code = tillCode().trimmed();
    if (Gs1::looksLikeGs1(code)) {
        auto message = Gs1::parse(code, QDateTime::fromMSecsSinceEpoch(m_atMs).date());
        if (!message)
            return {};
        const auto gtin = message->value(u"01");
        return gtin ? *gtin : QString();
    }
    if (!Gtin::validate(code))
        return {};
    return code.rightJustified(14, u'0'); // GTIN-8/12/13 as GTIN-14: one key for every symbol of one item
}

} // namespace omnitill
