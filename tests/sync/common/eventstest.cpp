// SPDX-License-Identifier: GPL-3.0-or-later
// The staff events' schemas, as the hub checks them before it stores an event (and quarantines one that breaks them).
#include "sync/common/events.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::sync;

namespace {
constexpr qint64 kAt = test::kNow;
const QByteArray kId = "0192f5a0-0000-7000-8000-000000000001";
const QByteArray kOther = "0192f5a0-0000-7000-8000-000000000002";

QByteArray override(const QByteArray &action, const QByteArray &reason, qint64 at = kAt)
{
    return R"({"action":")" + action + R"(","approved_by":")" + kOther + R"(","created_at_ms":)"
        + QByteArray::number(at) + R"(,"enc":1,"id":")" + kId + R"(","reason":")" + reason + R"(","requested_by":")"
        + kId + R"("})";
}

QString problem(const QString &type, const QByteArray &payload)
{
    auto st = Events::validate(type, payload, kAt);
    return st ? QString() : st.error().message;
}
} // namespace

TEST(Events, StaffEventsAreKnownAndChecked)
{
    for (const QString &type : { Events::kStaffCreated, Events::kStaffDeactivated, Events::kOverrideApproved })
        EXPECT_TRUE(Events::isKnownType(type)) << qPrintable(type);
    EXPECT_EQ(problem(Events::kOverrideApproved, override("void_sale", "customer left")), QString());
    EXPECT_TRUE(
        problem(Events::kOverrideApproved, override("free_beer", "x")).contains(QStringLiteral("action must be")));
    EXPECT_TRUE(
        problem(Events::kOverrideApproved, override("void_sale", "")).contains(QStringLiteral("reason must be")));
    EXPECT_TRUE(problem(Events::kOverrideApproved, override("void_sale", QByteArray(201, 'x')))
                    .contains(QStringLiteral("reason must be")));
    EXPECT_TRUE(problem(Events::kOverrideApproved, override("void_sale", "why", kAt + 1))
                    .contains(QStringLiteral("created_at_ms")));
    EXPECT_TRUE(problem(Events::kOverrideApproved, "[1]").contains(QStringLiteral("not a JSON object")));

    const QByteArray created = R"({"by":null,"created_at_ms":)" + QByteArray::number(kAt) + R"(,"enc":1,"id":")" + kId
        + R"(","name":"Maria","role":"manager"})";
    EXPECT_EQ(problem(Events::kStaffCreated, created), QString());
    QByteArray badBy = created;
    badBy.replace(R"("by":null)", R"("by":"not-a-uuid")");
    EXPECT_TRUE(problem(Events::kStaffCreated, badBy).contains(QStringLiteral("by must be a staff id")));
    const QByteArray deactivated = R"({"by":")" + kOther + R"(","created_at_ms":)" + QByteArray::number(kAt)
        + R"(,"enc":1,"id":")" + kId + R"("})";
    EXPECT_EQ(problem(Events::kStaffDeactivated, deactivated), QString());
    EXPECT_EQ(Events::validate(QStringLiteral("staff.promoted"), deactivated, kAt).error().code, ErrorCode::NotFound);
}

TEST(Events, VoidsAreKnownAndChecked)
{
    const QByteArray line = R"({"name":"Apple","qty_milli":1000,"sku":"A","total_minor":50})";
    const QByteArray head = R"({"approval":null,"by":")" + kId + R"(","created_at_ms":)" + QByteArray::number(kAt)
        + R"(,"currency":"EUR","enc":1,"id":")" + kOther + R"(",)";
    EXPECT_EQ(problem(Events::kLineVoided, head + R"("line":)" + line + R"(,"reason":"wrong item"})"), QString());
    EXPECT_EQ(problem(Events::kSaleVoided, head + R"("lines":[)" + line + R"(],"reason":"left","total_minor":50})"),
        QString());
    EXPECT_TRUE(problem(Events::kSaleVoided, head + R"("lines":[],"reason":"left","total_minor":50})")
                    .contains(QStringLiteral("lines must be a non-empty array")));
    EXPECT_TRUE(problem(Events::kLineVoided, head + R"("line":{"sku":"A"},"reason":"x"})")
                    .contains(QStringLiteral("line.name")));
    EXPECT_TRUE(problem(Events::kLineVoided, head + R"("line":)" + line + R"(,"reason":""})")
                    .contains(QStringLiteral("reason must be")));
}

TEST(Events, PriceOverridesAndDiscountsAreKnownAndChecked)
{
    const QByteArray head = R"({"approval":null,"by":")" + kId + R"(","created_at_ms":)" + QByteArray::number(kAt)
        + R"(,"currency":"EUR","enc":1,"id":")" + kOther + R"(","reason":"dented",)";
    EXPECT_EQ(problem(Events::kPriceOverridden, head + R"("from_minor":939,"name":"Tea","sku":"A","to_minor":99})"),
        QString());
    EXPECT_TRUE(problem(Events::kPriceOverridden, head + R"("from_minor":939,"name":"Tea","sku":"A","to_minor":-1})")
                    .contains(QStringLiteral("to_minor")));
    EXPECT_EQ(problem(Events::kLineDiscounted,
                  head + R"("discount":{"kind":"percent","value":1500},"discount_minor":141,"name":"Tea","sku":"A"})"),
        QString());
    EXPECT_TRUE(problem(Events::kLineDiscounted,
        head + R"("discount":{"kind":"percent","value":10001},"discount_minor":141,"name":"Tea","sku":"A"})")
                    .contains(QStringLiteral("discount.value")));
    EXPECT_EQ(
        problem(Events::kCartDiscounted, head + R"("discount":{"kind":"amount","value":100},"discount_minor":100})"),
        QString());
    EXPECT_TRUE(problem(Events::kCartDiscounted, head + R"("discount":{"kind":"bogus","value":1},"discount_minor":1})")
                    .contains(QStringLiteral("discount.kind")));
}

// Part payments for a sale in progress, and cards the terminal declined: which tender, how much, who, why.
TEST(Events, PaymentEventsAreKnownAndChecked)
{
    const QByteArray at = QByteArray::number(kAt);
    const QByteArray taken = R"({"amount_minor":2000,"by":")" + kId + R"(","created_at_ms":)" + at
        + R"(,"currency":"EUR","enc":1,"id":")" + kOther + R"(","kind":"card","reference":"A1B2C3"})";
    EXPECT_EQ(problem(Events::kPaymentTaken, taken), QString());
    QByteArray nothing = taken;
    nothing.replace(R"("amount_minor":2000)", R"("amount_minor":0)");
    EXPECT_TRUE(problem(Events::kPaymentTaken, nothing).contains(QStringLiteral("amount_minor must be a positive")));
    QByteArray cheque = taken;
    cheque.replace(R"("kind":"card")", R"("kind":"cheque")");
    EXPECT_TRUE(problem(Events::kPaymentTaken, cheque).startsWith(QStringLiteral("kind must be one of cash, card")));

    const QByteArray reversed = R"({"amount_minor":2000,"by":null,"created_at_ms":)" + at
        + R"(,"currency":"EUR","enc":1,"id":")" + kOther + R"(","kind":"card","reason":"sale voided","reference":"A1",)"
        + R"("taken":")" + kId + R"("})";
    EXPECT_EQ(problem(Events::kPaymentReversed, reversed), QString());
    QByteArray noReason = reversed;
    noReason.replace(R"("reason":"sale voided")", R"("reason":"")");
    EXPECT_TRUE(problem(Events::kPaymentReversed, noReason).startsWith(QStringLiteral("reason must be")));
    QByteArray noTaken = reversed;
    noTaken.replace(kId, "x");
    EXPECT_TRUE(problem(Events::kPaymentReversed, noTaken).startsWith(QStringLiteral("taken must be")));

    const QByteArray declined = R"({"amount_minor":1230,"by":null,"created_at_ms":)" + at
        + R"(,"currency":"EUR","enc":1,"id":")" + kOther + R"(","kind":"card","reason":"declined"})";
    EXPECT_EQ(problem(Events::kPaymentDeclined, declined), QString());
    QByteArray noCurrency = declined;
    noCurrency.replace(R"("currency":"EUR")", R"("currency":"EURO")");
    EXPECT_TRUE(problem(Events::kPaymentDeclined, noCurrency).startsWith(QStringLiteral("currency must be")));
}
