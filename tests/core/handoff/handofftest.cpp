// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-off codes and the online cart as hub and tills read it: codes are random and of one form; what a scanned text
// is (ours, damaged, another shop's, not a code at all); a cart row survives the trip and a hostile one is refused
// with the field named.
#include "core/handoff/handoff.h"

#include <gtest/gtest.h>

#include <QSet>

using namespace omnitill;
using namespace Qt::StringLiterals;

TEST(HandoffTest, CodesAreRandomAndOfOneForm)
{
    QSet<QString> seen;
    for (int i = 0; i < 2000; ++i) {
        const QString token = Handoff::newToken();
        ASSERT_TRUE(Handoff::isToken(token)) << qPrintable(token);
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 2000);
    const QString token = *seen.begin();
    EXPECT_EQ(Handoff::tokenHash(token).size(), 64);
    EXPECT_NE(Handoff::tokenHash(token), Handoff::tokenHash(token.toLower()));
    EXPECT_FALSE(Handoff::isToken(token.left(25)));
    EXPECT_FALSE(Handoff::isToken(token.toLower()));
    EXPECT_FALSE(Handoff::isToken(QString(token).replace(0, 1, u"U"_s))) << "no U in Crockford's alphabet";
    EXPECT_FALSE(Handoff::isToken(QString(token).replace(0, 1, QChar(0))));
    EXPECT_FALSE(Handoff::isToken(QString(token).replace(0, 1, u"Ä"_s)));
}

TEST(HandoffTest, WhatAScannedTextIs)
{
    using Kind = Handoff::Scanned::Kind;
    const QString token = Handoff::newToken();
    const QString hub = u"https://hub.example:8443"_s;
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token), hub).kind, Kind::Ours);
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token), hub).token, token);
    EXPECT_EQ(
        Handoff::read(u"  "_s + Handoff::code(u"HTTPS://HUB.example:8443"_s, token) + u"\n"_s, hub).kind, Kind::Ours);
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token), {}).kind, Kind::Ours)
        << "any address before the till knows its own";
    EXPECT_EQ(Handoff::read(Handoff::code(u"https://other.example"_s, token), hub).kind, Kind::Foreign);
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token.left(20)), hub).kind, Kind::Damaged);
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token + u"A"_s), hub).kind, Kind::Damaged);
    EXPECT_EQ(Handoff::read(Handoff::code(hub, token.toLower()), hub).kind, Kind::Damaged);
    EXPECT_EQ(Handoff::read(hub + u"/h/"_s + QString(5000, u'A'), hub).kind, Kind::Damaged);
    // Typed from under the QR code on the phone.
    QString grouped = token;
    for (int at : { 20, 15, 10, 5 })
        grouped.insert(at, u' ');
    EXPECT_EQ(Handoff::read(grouped, hub).token, token);
    // Not hand-off codes: the till's other readers take them.
    for (const QString &other : { u"4006381333931"_s, u"SKU0000001"_s, u"https://id.gs1.org/01/04006381333931"_s,
             QString(hub + u"/r/"_s + token), u"https://www.example.com/"_s, u"LOYALTY:1234567890"_s, QString(),
             QString(26, u'1') })
        EXPECT_EQ(Handoff::read(other, hub).kind, Kind::NotHandoff) << qPrintable(other);
}

TEST(HandoffTest, ACartRowSurvivesTheTripAndAHostileOneIsRefused)
{
    OnlineCart c;
    c.cartId = u"WEB-1"_s;
    c.version = 3;
    c.kind = u"pickup"_s;
    c.store = u"S001"_s;
    c.customerId = u"0190d5a4-0000-7000-8000-000000001001"_s;
    c.currency = u"EUR"_s;
    c.lines = { { u"SKU1"_s, u"Coffee <b>"_s, 2000, 1499 }, { u"SKU2"_s, {}, 1250, 1990 } };
    c.totalMinor = 5486;
    c.paidMinor = 1000;
    c.handoffs = { { Handoff::tokenHash(u"X"_s), 1234, u"S001"_s } };
    auto back = OnlineCart::fromJson(c.toJson(), u"WEB-1"_s);
    ASSERT_TRUE(back.ok()) << qPrintable(back.error().message);
    EXPECT_EQ(back->toJson(), c.toJson());
    EXPECT_EQ(back->lines[1].quantity, 1250);
    EXPECT_EQ(back->lines[1].amountMinor(), 2488) << "1.25 × 19.90, rounded half-up";
    EXPECT_FALSE(OnlineCart::fromJson(c.toJson(), u"WEB-2"_s).ok()) << "the key must be the id";

    const QList<std::pair<QByteArray, QString>> hostile = {
        { "[]", u"JSON object"_s },
        { R"({"cart_id": "../etc", "version": 1, "lines": []})", u"cart_id"_s },
        { R"({"cart_id": "A", "version": 0, "lines": []})", u"version"_s },
        { R"({"cart_id": "A", "version": 1.5, "lines": []})", u"version"_s },
        { R"({"cart_id": "A", "version": 1, "lines": {}})", u"lines"_s },
        { R"({"cart_id": "A", "version": 1, "currency": "EUR", "lines": [{"sku": "X", "qty": "-1"}]})", u"quantity"_s },
        { R"({"cart_id": "A", "version": 1, "currency": "EUR", "lines": [{"sku": "X", "qty": 2}]})", u"qty"_s },
        { R"({"cart_id": "A", "version": 1, "lines": [{"sku": "X", "qty": "1"}]})", u"currency"_s },
        { R"({"cart_id": "A", "version": 1, "currency": "EUR", "lines": [{"sku": "X", "qty": "1", "unit_price_minor": -5}]})",
            u"unit_price_minor"_s },
        { R"({"cart_id": "A", "version": 1, "customer": "nobody", "lines": []})", u"customer"_s },
        { R"({"cart_id": "A", "version": 1, "kind": "pickup", "lines": []})", u"store"_s },
        { R"({"cart_id": "A", "version": 1, "status": "stolen", "lines": []})", u"status"_s },
        { R"({"cart_id": "A", "version": 1, "lines": [], "handoffs": [{"sha256": "abc", "expires_at_ms": 1}]})",
            u"hand-off"_s },
    };
    for (const auto &[json, field] : hostile) {
        auto parsed = OnlineCart::fromJson(json);
        ASSERT_FALSE(parsed.ok()) << json.constData();
        EXPECT_TRUE(parsed.error().message.contains(field))
            << json.constData() << " → " << qPrintable(parsed.error().message);
    }
    QByteArray many = R"({"cart_id": "A", "version": 1, "currency": "EUR", "lines": [)";
    for (int i = 0; i <= OnlineCart::kMaxLines; ++i)
        many += QByteArray(i ? "," : "") + R"({"sku": "X", "qty": "1"})";
    EXPECT_FALSE(OnlineCart::fromJson(many + "]}").ok());
}
