// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/salestore.h"
#include "support/testhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace omnitill;
using namespace omnitill::test;

class SaleStoreTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(200);
    }
    Cart cartWith(std::initializer_list<const char16_t *> skus)
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        for (const char16_t *sku : skus) {
            auto item = catalog.lookupSku(sku, eur(), kNow);
            EXPECT_TRUE(item.ok());
            if (item) {
                EXPECT_TRUE(cart.add(*item, 1000).ok());
            }
        }
        return cart;
    }
};

TEST_F(SaleStoreTest, RecordsSaleLinesAndTaxesInOneGo)
{
    SaleStore store(db(), fixedClock());
    Cart cart = cartWith({ u"SKU0000001", u"SKU0000002", u"SKU0000003" });
    auto receipt = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
    ASSERT_TRUE(receipt.ok()) << qPrintable(receipt.error().message);
    EXPECT_EQ(receipt->receiptNo, QStringLiteral("T01-5F90-000001"));
    EXPECT_EQ(receipt->createdAtMs, kNow);
    EXPECT_EQ(count(QStringLiteral("sale")), 1);
    EXPECT_EQ(count(QStringLiteral("sale_line")), 3);
    EXPECT_EQ(count(QStringLiteral("sale_tax")), cart.totals().taxes.size());
    EXPECT_EQ(*store.unsyncedCount(), 1);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT total_minor, due_minor FROM sale")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), cart.totals().totalMinor);
    auto second = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->receiptNo, QStringLiteral("T01-5F90-000002"));
}

TEST_F(SaleStoreTest, SaleKeepsItsPricesWhenTheCatalogChanges)
{
    SaleStore store(db(), fixedClock());
    Cart cart = cartWith({ u"SKU0000001" });
    const qint64 priceThen = cart.lines()[0].item.price.minor();
    ASSERT_TRUE(execDirect(db().connection(), QStringLiteral("UPDATE price SET amount_minor = amount_minor * 2")).ok());
    ASSERT_TRUE(store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT unit_price_minor FROM sale_line")) && q.next());
    EXPECT_EQ(q.value(0).toLongLong(), priceThen);
}

TEST_F(SaleStoreTest, CashRoundingAndChange)
{
    const Currency chf = *Currency::fromCode(u"CHF");
    CartTotals totals;
    totals.totalMinor = 1234;
    auto s = SaleStore::settle(totals, chf, Payment { Payment::Method::Cash, 2000, 5 });
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->dueMinor, 1235);
    EXPECT_EQ(s->roundingMinor, 1);
    EXPECT_EQ(s->changeMinor, 765);
    totals.totalMinor = 1232;
    EXPECT_EQ(SaleStore::settle(totals, chf, Payment { Payment::Method::Cash, std::nullopt, 5 })->dueMinor, 1230);
    EXPECT_FALSE(SaleStore::settle(totals, chf, Payment { Payment::Method::Cash, 1000, 5 }).ok());
    // Cards are never cash-rounded and must match exactly.
    EXPECT_EQ(SaleStore::settle(totals, chf, Payment { Payment::Method::Card, std::nullopt, 5 })->dueMinor, 1232);
    EXPECT_FALSE(SaleStore::settle(totals, chf, Payment { Payment::Method::Card, 2000, 1 }).ok());
}

TEST_F(SaleStoreTest, EmptyCartAndShortPaymentWriteNothing)
{
    SaleStore store(db(), fixedClock());
    Cart empty(eur(), PricingMode::TaxInclusive);
    EXPECT_FALSE(store.record(empty, Payment {}).ok());
    Cart cart = cartWith({ u"SKU0000001" });
    EXPECT_FALSE(store.record(cart, Payment { Payment::Method::Cash, 1, 1 }).ok());
    EXPECT_EQ(count(QStringLiteral("sale")), 0);
    EXPECT_EQ(count(QStringLiteral("journal")), 0);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM meta WHERE key = 'receipt_counter'")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 0) << "not even a receipt number was used up";
}

TEST_F(SaleStoreTest, SalesAreAppendOnly)
{
    SaleStore store(db(), fixedClock());
    ASSERT_TRUE(store.record(cartWith({ u"SKU0000001" }), Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
    for (const char *sql : { "DELETE FROM sale", "UPDATE sale SET total_minor = 0", "DELETE FROM sale_line",
             "UPDATE sale_line SET qty_milli = 1", "DELETE FROM sale_tax" }) {
        auto st = execDirect(db().connection(), QString::fromLatin1(sql));
        ASSERT_FALSE(st.ok()) << sql;
        EXPECT_TRUE(st.error().message.contains(QStringLiteral("append-only"))) << qPrintable(st.error().message);
    }
    EXPECT_TRUE(execDirect(db().connection(), QStringLiteral("UPDATE sale SET synced = 1")).ok());
}

TEST_F(SaleStoreTest, FullDiskFailsTheSaleAndLosesNothing)
{
    SaleStore store(db(), fixedClock());
    ASSERT_TRUE(store.record(cartWith({ u"SKU0000001" }), Payment { Payment::Method::Card, std::nullopt, 1 }).ok());
    fillDisk();
    Cart big(eur(), PricingMode::TaxInclusive);
    Catalog catalog(db());
    for (int i = 1; i <= 200; ++i) {
        auto item = catalog.lookupSku(QStringLiteral("SKU%1").arg(i, 7, 10, QLatin1Char('0')), eur(), kNow);
        ASSERT_TRUE(item.ok());
        ASSERT_TRUE(big.add(*item, 1000).ok());
    }
    Result<SaleReceipt> r = makeError(ErrorCode::Storage, {});
    for (int i = 0; i < 50; ++i) { // keep selling until the pages run out
        r = store.record(big, Payment { Payment::Method::Card, std::nullopt, 1 });
        if (!r)
            break;
    }
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::StorageFull);
    const qint64 sales = count(QStringLiteral("sale"));
    EXPECT_EQ(count(QStringLiteral("sale_line")), 1 + (sales - 1) * 200) << "no partial sale";
    reopen();
    EXPECT_EQ(count(QStringLiteral("sale")), sales);
    EXPECT_TRUE(db().integrityCheck().ok());
}

// The journal payload is written from the values the sale binds, not read back from its rows: whatever the text,
// it must be the bytes the rows give when read back (SaleStore::journalPayload), or the hub and a re-verification
// would see another sale. Text the catalog may hold: quotes, backslashes, control characters, accents, emoji, broken
// UTF-16, and tax classes whose UTF-16 and UTF-8 orders differ (SQLite orders by UTF-8 bytes).
TEST_F(SaleStoreTest, JournalPayloadIsTheRowsReadBack)
{
    const QList<QString> texts = { QStringLiteral("Müsli \"Bio\" 500 g"), QStringLiteral("back\\slash/slash"),
        QStringLiteral("tab\there\nnew line\r\x01\x1f"), QString::fromUtf16(u"Kaffee ☕ \U0001F600 Ω"),
        QString(QChar(0xD800)) + QStringLiteral("lone") + QChar(0xDC00), QString(QChar(0xFFFD)) + QChar(0x7F),
        QString(), QStringLiteral("") };
    const QList<QString> taxClasses = { QString::fromUtf16(u"\uFF21"), QString::fromUtf16(u"\U0001F600"),
        QStringLiteral("STD"), QStringLiteral("std"), QStringLiteral("Z\"\\") };
    Cart cart(eur(), PricingMode::TaxInclusive);
    for (int i = 0; i < texts.size() * 2; ++i) {
        CatalogItem item;
        item.variantId = 1000 + i;
        item.sku = texts[(i + 3) % texts.size()];
        item.name = texts[i % texts.size()];
        item.unit = i % 3 == 0 ? Unit::Kilogram : Unit::Each;
        item.tax = TaxClass { taxClasses[i % taxClasses.size()], QStringLiteral("tax"), 7000 + 1000 * (i % 5) };
        item.price = Money(199 + 37 * i, eur());
        ASSERT_TRUE(cart.add(item, unitAllowsFraction(item.unit) ? 1234 : 1000, texts[(i + 5) % texts.size()]).ok());
    }
    ASSERT_TRUE(cart.setLineDiscount(1, Discount::percent(1500)).ok());
    ASSERT_TRUE(cart.setCartDiscount(Discount::percent(500)).ok());
    SaleStore store(db(), fixedClock());
    for (const auto &payment :
        { Payment { Payment::Method::Cash, 100000, 5 }, Payment { Payment::Method::Card, std::nullopt, 1 } }) {
        auto receipt = store.record(cart, payment);
        ASSERT_TRUE(receipt.ok()) << qPrintable(receipt.error().message);
        QSqlQuery q(db().connection());
        ASSERT_TRUE(q.prepare(QStringLiteral("SELECT payload FROM journal WHERE seq = ?")));
        q.addBindValue(receipt->journalSeq);
        ASSERT_TRUE(q.exec() && q.next());
        auto again = SaleStore::journalPayload(db().connection(), receipt->saleId);
        ASSERT_TRUE(again.ok()) << qPrintable(again.error().message);
        EXPECT_EQ(q.value(0).toByteArray().toStdString(), again->toStdString());
        const QJsonObject payload = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        EXPECT_EQ(payload.value(u"lines").toArray().size(), texts.size() * 2);
        EXPECT_EQ(payload.value(u"taxes").toArray().size(), taxClasses.size());
        EXPECT_EQ(payload.value(u"lines").toArray()[3].toObject().value(u"name").toString(), texts[3]);
        // Broken UTF-16 is kept as Qt writes it in UTF-8 ('?' for a lone surrogate), in the rows and the payload.
        EXPECT_EQ(payload.value(u"lines").toArray()[4].toObject().value(u"name").toString(), QStringLiteral("?lone?"));
    }
}

// Split tender: a card charged for part, cash for the rest with the store's cash rounding and change. Each part payment
// is kept the moment it is taken (payment.taken) and the sale consumes it in its own transaction.
TEST_F(SaleStoreTest, SplitTenderPaysPartByCardAndTheRestInCash)
{
    const Currency chf = *Currency::fromCode(QStringLiteral("CHF"));
    SaleStore store(db(), fixedClock());
    OpenTenders open(db(), fixedClock());
    Cart cart = cartWith({ u"SKU0000001", u"SKU0000002" });
    const qint64 total = cart.totals().totalMinor;
    auto card = open.take(Tender { Tender::Kind::Card, 1000, 0, QStringLiteral("A1B2C3") }, eur(), {});
    ASSERT_TRUE(card.ok()) << qPrintable(card.error().message);
    EXPECT_EQ(count(QStringLiteral("open_tender")), 1);

    auto settled = SaleStore::settle(cart.totals(), chf, Payment { Payment::Method::Cash, 10000, 5, {}, { *card } });
    ASSERT_TRUE(settled.ok()) << qPrintable(settled.error().message);
    const qint64 cashDue = roundToIncrement(Money(total - 1000, chf), 5).minor();
    EXPECT_EQ(settled->roundingMinor, cashDue - (total - 1000));
    EXPECT_EQ(settled->dueMinor, total + settled->roundingMinor);
    EXPECT_EQ(settled->changeMinor, 10000 - cashDue);
    EXPECT_EQ(settled->tenderedMinor, 11000);
    ASSERT_EQ(settled->tenders.size(), 2);
    EXPECT_TRUE(settled->paidInCash());

    auto sale = store.record(cart, Payment { Payment::Method::Cash, 10000, 1, {}, { *card } });
    ASSERT_TRUE(sale.ok()) << qPrintable(sale.error().message);
    EXPECT_EQ(count(QStringLiteral("open_tender")), 0) << "the sale consumed the part payment";
    EXPECT_EQ(count(QStringLiteral("sale_payment")), 2);
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT type, payload FROM journal ORDER BY seq")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("payment.taken"));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("sale.completed"));
    const QByteArray payload = q.value(1).toByteArray();
    EXPECT_EQ(payload.toStdString(), SaleStore::journalPayload(db().connection(), sale->saleId)->toStdString());
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    EXPECT_EQ(o.value(u"payment_method").toString(), QStringLiteral("split"));
    const QJsonArray payments = o.value(u"payments").toArray();
    ASSERT_EQ(payments.size(), 2);
    EXPECT_EQ(payments[0].toObject().value(u"reference").toString(), QStringLiteral("A1B2C3"));
    EXPECT_EQ(payments[0].toObject().value(u"amount_minor").toInteger(), 1000);
    EXPECT_EQ(payments[1].toObject().value(u"kind").toString(), QStringLiteral("cash"));
    EXPECT_EQ(payments[1].toObject().value(u"amount_minor").toInteger(), total - 1000);
    EXPECT_EQ(payments[1].toObject().value(u"tendered_minor").toInteger(), 10000);
}

// A part payment taken back (reversed) cannot then pay the sale; part payments beyond the total, a card for more than
// is due, and an approval code that is not one are clear errors; a declined card is journaled and takes nothing.
TEST_F(SaleStoreTest, PartPaymentsAreCheckedAndCanBeTakenBack)
{
    SaleStore store(db(), fixedClock());
    OpenTenders open(db(), fixedClock());
    Cart cart = cartWith({ u"SKU0000001" });
    const qint64 total = cart.totals().totalMinor;
    auto card = open.take(Tender { Tender::Kind::Card, 100, 0, QStringLiteral("OK1") }, eur(), {});
    ASSERT_TRUE(card.ok());
    EXPECT_FALSE(open.reverse(card->id, QStringLiteral("  "), {}).ok()) << "a reason is needed";
    ASSERT_TRUE(open.reverse(card->id, QStringLiteral("customer paid cash after all"), {}).ok());
    EXPECT_EQ(open.reverse(card->id, QStringLiteral("again"), {}).error().code, ErrorCode::NotFound);
    auto stale = store.record(cart, Payment { Payment::Method::Cash, std::nullopt, 1, {}, { *card } });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(count(QStringLiteral("sale")), 0) << "nothing of the sale was kept";

    const Tender tooMuch { Tender::Kind::Card, total + 1, total + 1, QStringLiteral("OK2") };
    EXPECT_TRUE(
        SaleStore::settle(cart.totals(), eur(), Payment { Payment::Method::Cash, std::nullopt, 1, {}, { tooMuch } })
            .error()
            .message.contains(QStringLiteral("more than the")));
    EXPECT_TRUE(SaleStore::settle(cart.totals(), eur(), Payment { Payment::Method::Card, total + 1, 1 })
                    .error()
                    .message.startsWith(QStringLiteral("a card payment must be for exactly")));
    EXPECT_FALSE(open.take(Tender { Tender::Kind::Card, 0, 0, {} }, eur(), {}).ok());

    EXPECT_EQ(*checkApprovalCode(QStringLiteral(" a1b2c3 ")), QStringLiteral("A1B2C3"));
    EXPECT_TRUE(checkApprovalCode(QString()).error().message.contains(QStringLiteral("declined")));
    EXPECT_FALSE(checkApprovalCode(QStringLiteral("12 34")).ok());
    EXPECT_FALSE(checkApprovalCode(QStringLiteral("X")).ok());
    EXPECT_FALSE(checkApprovalCode(QStringLiteral("<script>")).ok());
    EXPECT_FALSE(checkApprovalCode(QString(13, u'9')).ok());

    ASSERT_TRUE(open.declined(Tender::Kind::Card, total, eur(), QStringLiteral("declined"), {}).ok());
    QSqlQuery q(db().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT type FROM journal ORDER BY seq")));
    QStringList types;
    while (q.next())
        types << q.value(0).toString();
    EXPECT_EQ(types,
        QStringList({ QStringLiteral("payment.taken"), QStringLiteral("payment.reversed"),
            QStringLiteral("payment.declined") }));
}
