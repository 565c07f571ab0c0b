// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>
#include <QStringView>
#include <QVarLengthArray>

namespace omnitill {

// Writes canonical JSON (the encoding journal payloads are hashed in) without building a QJsonObject: the same bytes
// QJsonDocument::toJson(Compact) gives for an object of integers, text, null and nested raw JSON, with its keys in
// QJsonObject's order. Recording a sale writes its payload with it; tests hold it to QJsonDocument byte for byte.
//
//     JsonObjectWriter o;
//     o.add("id", 42).add("name", u"Müsli \"bio\"").add("note", nullptr);
//     o.finish(); // {"id":42,"name":"Müsli \"bio\"","note":null}
class JsonObjectWriter
{
public:
    JsonObjectWriter &add(QLatin1StringView key, qint64 value);
    JsonObjectWriter &add(const char *key, qint64 value) { return add(QLatin1StringView(key), value); }
    JsonObjectWriter &add(const char *key, long value) = delete; // say qint64 or int
    JsonObjectWriter &add(const char *key, int value) { return add(QLatin1StringView(key), qint64(value)); }
    JsonObjectWriter &add(QLatin1StringView key, QStringView text);
    JsonObjectWriter &add(const char *key, QStringView text) { return add(QLatin1StringView(key), text); }
    JsonObjectWriter &add(const char *key, const QString &text) { return add(QLatin1StringView(key), text); }
    JsonObjectWriter &add(const char *key, std::nullptr_t);
    // `json` is already canonical JSON (an array or object written by these writers).
    JsonObjectWriter &addRaw(const char *key, QByteArray json);

    // The object, keys sorted (each key is added once); the writer is empty afterwards.
    QByteArray finish();

private:
    struct Member
    {
        QLatin1StringView key;
        qsizetype from = 0; // the value's bytes in m_values
        qsizetype size = 0;
    };
    JsonObjectWriter &member(QLatin1StringView key, qsizetype from);

    QVarLengthArray<Member, 24> m_members;
    QByteArray m_values; // every value written so far, back to back; keeps its capacity from object to object
};

// Appends `text` as a JSON string literal, escaped exactly as QJsonDocument escapes it.
void appendJsonString(QByteArray &out, QStringView text);

// A JSON array of canonical JSON elements.
QByteArray jsonArray(const QList<QByteArray> &elements);

} // namespace omnitill
