// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/voids.h"
#include "core/catalog/catalog.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::test;

class VoidsTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        ASSERT_TRUE(DemoCatalog::seed(db(), DemoOptions { 20, 42, kNow }).ok());
        m_staff = std::make_unique<StaffStore>(db(), [] { return kNow; });
        auto boss = m_staff->createFirstManager(QStringLiteral("Maria"), u"2468");
        ASSERT_TRUE(boss.ok());
        m_boss = *boss;
        auto carl = m_staff->add(m_boss, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1111");
        ASSERT_TRUE(carl.ok());
        m_carl = *carl;
        Catalog catalog(db());
        for (const char16_t *sku : { u"SKU0000001", u"SKU0000002" })
            ASSERT_TRUE(m_cart.add(*catalog.lookupSku(sku, eur(), kNow), 1000).ok());
    }

    std::unique_ptr<StaffStore> m_staff;
    StaffMember m_boss, m_carl;
    Cart m_cart { eur(), PricingMode::TaxInclusive };
};

TEST_F(VoidsTest, ACashierVoidsOnlyWithAManagersApprovalOfThatVoid)
{
    Voids voids(db(), [] { return kNow; });
    const qint64 before = count(QStringLiteral("journal"));
    auto alone = voids.voidSale(m_cart, m_carl, QStringLiteral("customer left"));
    ASSERT_FALSE(alone.ok());
    EXPECT_EQ(alone.error().code, ErrorCode::Refused);
    EXPECT_TRUE(alone.error().message.contains(QStringLiteral("may not void a sale")))
        << qPrintable(alone.error().message);

    auto forLine = m_staff->approve(m_carl, m_boss.id, u"2468", Permission::VoidLine, QStringLiteral("wrong item"));
    ASSERT_TRUE(forLine.ok());
    EXPECT_EQ(
        voids.voidSale(m_cart, m_carl, QStringLiteral("customer left"), *forLine).error().code, ErrorCode::Refused)
        << "an approval of a line void does not void the sale";
    EXPECT_EQ(
        voids.voidLine(m_cart, 0, m_boss, QStringLiteral("wrong item"), *forLine).error().code, ErrorCode::Refused)
        << "an approval is for the person who asked";
    EXPECT_EQ(voids.voidSale(m_cart, m_boss, QStringLiteral(" ")).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(voids.voidLine(m_cart, 5, m_boss, QStringLiteral("x")).error().code, ErrorCode::NotFound);
    EXPECT_EQ(count(QStringLiteral("journal")), before + 1) << "only the approval was written";

    auto line = voids.voidLine(m_cart, 1, m_carl, QStringLiteral("wrong item"), *forLine);
    ASSERT_TRUE(line.ok()) << qPrintable(line.error().message);
    const QJsonObject l = lastPayload(QStringLiteral("line.voided"));
    EXPECT_EQ(l.value(u"line").toObject().value(u"sku").toString(), QStringLiteral("SKU0000002"));
    EXPECT_EQ(l.value(u"by").toString(), m_carl.id);
    EXPECT_EQ(l.value(u"approval").toString(), forLine->id);
    EXPECT_EQ(l.value(u"reason").toString(), QStringLiteral("wrong item"));

    auto sale = voids.voidSale(m_cart, m_boss, QStringLiteral("till test")); // a manager needs no approval
    ASSERT_TRUE(sale.ok()) << qPrintable(sale.error().message);
    const QJsonObject s = lastPayload(QStringLiteral("sale.voided"));
    EXPECT_EQ(s.value(u"lines").toArray().size(), 2);
    EXPECT_EQ(s.value(u"total_minor").toInteger(), m_cart.totals().totalMinor);
    EXPECT_TRUE(s.value(u"approval").isNull());
    EXPECT_TRUE(Journal::verify(db().connection())->ok());
}
