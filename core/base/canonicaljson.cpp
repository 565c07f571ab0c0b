// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>

namespace omnitill {

void appendJsonString(QByteArray &out, QStringView text)
{
    // Text without control characters or surrogates is written here, in one pass: its UTF-8 with " and \ escaped,
    // which is what Qt writes. The rare rest (control characters, emoji, broken UTF-16) is left to Qt's own writer,
    // so for those the bytes are Qt's by construction rather than by imitation.
    const qsizetype start = out.size();
    out.resize(start + 2 + 3 * text.size()); // the most this can take: 3 bytes per UTF-16 unit, and the quotes
    auto *p = reinterpret_cast<unsigned char *>(out.data() + start);
    *p++ = '"';
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c < 0x80) {
            if (c < 0x20) {
                out.resize(start);
                const QByteArray array = QJsonDocument(QJsonArray { text.toString() }).toJson(QJsonDocument::Compact);
                out.append(array.constData() + 1, array.size() - 2);
                return;
            }
            if (c == '"' || c == '\\')
                *p++ = '\\';
            *p++ = static_cast<unsigned char>(c);
        } else if (c < 0x800) {
            *p++ = static_cast<unsigned char>(0xC0 | (c >> 6));
            *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
        } else if (QChar::isSurrogate(c)) {
            out.resize(start);
            const QByteArray array = QJsonDocument(QJsonArray { text.toString() }).toJson(QJsonDocument::Compact);
            out.append(array.constData() + 1, array.size() - 2);
            return;
        } else {
            *p++ = static_cast<unsigned char>(0xE0 | (c >> 12));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
            *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
        }
    }
    *p++ = '"';
    out.resize(reinterpret_cast<char *>(p) - out.data());
}

JsonObjectWriter &JsonObjectWriter::member(QLatin1StringView key, qsizetype from)
{
    m_members.append(Member { key, from, m_values.size() - from });
    return *this;
}

JsonObjectWriter &JsonObjectWriter::add(QLatin1StringView key, qint64 value)
{
    const qsizetype from = m_values.size();
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    Q_ASSERT(ec == std::errc());
    m_values.append(digits, end - digits);
    return member(key, from);
}

JsonObjectWriter &JsonObjectWriter::add(QLatin1StringView key, QStringView text)
{
    const qsizetype from = m_values.size();
    appendJsonString(m_values, text);
    return member(key, from);
}

JsonObjectWriter &JsonObjectWriter::add(const char *key, std::nullptr_t)
{
    const qsizetype from = m_values.size();
    m_values.append("null", 4);
    return member(QLatin1StringView(key), from);
}

JsonObjectWriter &JsonObjectWriter::addRaw(const char *key, QByteArray json)
{
    const qsizetype from = m_values.size();
    m_values.append(json);
    return member(QLatin1StringView(key), from);
}

QByteArray JsonObjectWriter::finish()
{
    // QJsonObject orders keys by their UTF-16 code units; for Latin-1 keys that is byte order.
    std::sort(m_members.begin(), m_members.end(), [](const Member &a, const Member &b) { return a.key < b.key; });
    qsizetype size = 2 + qMax<qsizetype>(m_members.size() - 1, 0);
    for (const Member &m : m_members)
        size += m.key.size() + 3 + m.size;
    QByteArray out(size, Qt::Uninitialized);
    char *p = out.data();
    *p++ = '{';
    for (qsizetype i = 0; i < m_members.size(); ++i) {
        const Member &m = m_members[i];
        if (i)
            *p++ = ',';
        *p++ = '"';
        p = std::copy_n(m.key.data(), m.key.size(), p);
        *p++ = '"';
        *p++ = ':';
        p = std::copy_n(m_values.constData() + m.from, m.size, p);
    }
    *p++ = '}';
    Q_ASSERT(p == out.constData() + size);
    m_members.clear();
    m_values.resize(0);
    return out;
}

QByteArray jsonArray(const QList<QByteArray> &elements)
{
    qsizetype size = 2;
    for (const QByteArray &e : elements)
        size += e.size() + 1;
    QByteArray out;
    out.reserve(size);
    out.append('[');
    for (qsizetype i = 0; i < elements.size(); ++i) {
        if (i)
            out.append(',');
        out.append(elements[i]);
    }
    out.append(']');
    return out;
}

} // namespace omnitill
