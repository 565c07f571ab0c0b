// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <random>

using namespace omnitill;

namespace {
QByteArray viaQt(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

TEST(CanonicalJson, WritesWhatQJsonDocumentWrites)
{
    JsonObjectWriter w;
    w.add("total_minor", qint64(-9007199254740993)).add("a", 0).add("name", u"Müsli \"Bio\"").add("note", nullptr);
    w.add("_under", u"x").add("Upper", u"").add("tax_class", u"STD").add("taxes", u"t");
    const QByteArray ours = w.finish();
    const QJsonObject o { { QStringLiteral("total_minor"), qint64(-9007199254740993) }, { QStringLiteral("a"), 0 },
        { QStringLiteral("name"), QStringLiteral("Müsli \"Bio\"") }, { QStringLiteral("note"), QJsonValue::Null },
        { QStringLiteral("_under"), QStringLiteral("x") }, { QStringLiteral("Upper"), QStringLiteral("") },
        { QStringLiteral("tax_class"), QStringLiteral("STD") }, { QStringLiteral("taxes"), QStringLiteral("t") } };
    EXPECT_EQ(ours.toStdString(), viaQt(o).toStdString());
    EXPECT_EQ(w.finish(), QByteArrayLiteral("{}")) << "finish() empties the writer";
}

TEST(CanonicalJson, NestsArraysOfObjects)
{
    JsonObjectWriter line;
    QList<QByteArray> lines;
    QJsonArray expected;
    for (int i = 0; i < 3; ++i) {
        lines.append(line.add("line_no", i + 1).add("sku", QStringLiteral("SKU%1").arg(i)).finish());
        expected.append(QJsonObject {
            { QStringLiteral("line_no"), i + 1 }, { QStringLiteral("sku"), QStringLiteral("SKU%1").arg(i) } });
    }
    JsonObjectWriter sale;
    sale.add("id", 7).addRaw("lines", jsonArray(lines)).addRaw("taxes", jsonArray({}));
    const QJsonObject o { { QStringLiteral("id"), 7 }, { QStringLiteral("lines"), expected },
        { QStringLiteral("taxes"), QJsonArray() } };
    EXPECT_EQ(sale.finish().toStdString(), viaQt(o).toStdString());
}

// Every kind of UTF-16 text, well-formed or not, escapes as Qt escapes it: 20,000 random strings drawn from ASCII
// (quotes, backslashes, controls), Latin-1, the BMP, surrogate pairs and lone surrogates.
TEST(CanonicalJson, EscapesAnyTextAsQtDoes)
{
    std::mt19937 rng(20261201);
    const auto unit = [&]() -> char16_t {
        switch (rng() % 6) {
        case 0:
            return char16_t(rng() % 0x20);
        case 1:
            return char16_t(u"\"\\/ az09"[rng() % 8]);
        case 2:
            return char16_t(0x20 + rng() % 0x60);
        case 3:
            return char16_t(0x80 + rng() % 0x780);
        case 4:
            return char16_t(0xD800 + rng() % 0x800); // surrogates, paired by chance or not
        default:
            return char16_t(0x800 + rng() % 0xF800);
        }
    };
    for (int round = 0; round < 20000; ++round) {
        QString text;
        const int size = int(rng() % 12);
        for (int i = 0; i < size; ++i)
            text.append(QChar(unit()));
        if (round % 3 == 0 && size > 1) // a well-formed pair
            text.insert(int(rng() % size), QString::fromUtf16(u"\U0001F600"));
        QByteArray ours;
        appendJsonString(ours, text);
        const QByteArray qt = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
        ASSERT_EQ(ours.toStdString(), qt.mid(1, qt.size() - 2).toStdString()) << "round " << round;
    }
}
