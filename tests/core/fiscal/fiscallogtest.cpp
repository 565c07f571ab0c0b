// SPDX-License-Identifier: GPL-3.0-or-later
// The fiscal seam: each sale signed in order by the chain signer with an RKSV-style QR code, journaled; a signer that
// is not available leaves the signature pending (and the receipt says so) until it is back, then signs in order.
#include "core/fiscal/fiscallog.h"
#include "core/receipts/receipt.h"
#include "core/sale/salestore.h"
#include "core/storage/journal.h"
#include "support/testhelper.h"
#include "sync/common/events.h"

#include <QCryptographicHash>

using namespace omnitill;
using namespace omnitill::test;

namespace {
// A signing device that can be unplugged: the chain signer while plugged in.
class UnpluggableSigner : public FiscalSigner
{
public:
    bool plugged = true;
    QString name() const override { return m_chain.name(); }
    Result<FiscalSignature> sign(const FiscalRecord &record) override
    {
        if (!plugged)
            return makeError(ErrorCode::Io, QStringLiteral("the signing device does not answer"));
        return m_chain.sign(record);
    }

private:
    ChainSigner m_chain;
};
} // namespace

class FiscalLogTest : public DbFixture
{
protected:
    void SetUp() override
    {
        DbFixture::SetUp();
        seedDemo(50);
    }
    SaleReceipt sell(const char16_t *sku)
    {
        Catalog catalog(db());
        Cart cart(eur(), PricingMode::TaxInclusive);
        EXPECT_TRUE(cart.add(*catalog.lookupSku(sku, eur(), kNow), kQuantityScale).ok());
        SaleStore store(db(), fixedClock());
        auto sale = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1, QStringLiteral("A1") });
        EXPECT_TRUE(sale.ok());
        return *sale;
    }
};

TEST_F(FiscalLogTest, SalesAreSignedInOrderWithAChainedQrCode)
{
    ChainSigner signer;
    FiscalLog log(db(), fixedClock(), signer, QStringLiteral("REG-1"));
    const SaleReceipt first = sell(u"SKU0000001");
    auto a = log.signSale(first.saleId, first.journalSeq);
    ASSERT_TRUE(a.ok()) << qPrintable(a.error().message);
    ASSERT_TRUE(a->signedOk);
    const QStringList fields = QString::fromUtf8(a->qr).split(u'_');
    ASSERT_EQ(fields.size(), 14) << a->qr.constData(); // "", R1-AT0, register, receipt, date, 5 amounts, 4 more
    EXPECT_EQ(fields[1], QStringLiteral("R1-AT0"));
    EXPECT_EQ(fields[2], QStringLiteral("REG-1"));
    EXPECT_EQ(fields[3], first.receiptNo.split(u'_').first());
    EXPECT_EQ(fields[5], Money(first.totals.totalMinor, eur()).toString().replace(u'.', u','))
        << "one rate: the whole total in the first place, with a decimal comma";
    EXPECT_EQ(QByteArray::fromBase64(fields[10].toLatin1()), QByteArray::number(first.totals.totalMinor));

    const SaleReceipt second = sell(u"SKU0000002");
    auto b = log.signSale(second.saleId, second.journalSeq);
    ASSERT_TRUE(b.ok() && b->signedOk);
    const QStringList next = QString::fromUtf8(b->qr).split(u'_');
    const QByteArray firstValue = fields[13].toLatin1();
    EXPECT_EQ(next[12].toLatin1(), QCryptographicHash::hash(firstValue, QCryptographicHash::Sha256).left(8).toBase64())
        << "each signature chains to the one before";
    EXPECT_EQ(QByteArray::fromBase64(next[10].toLatin1()),
        QByteArray::number(first.totals.totalMinor + second.totals.totalMinor))
        << "the turnover counter counts on";

    // In the journal, and as the hub checks it.
    QSqlQuery q(db().connection());
    ASSERT_TRUE(
        q.exec(QStringLiteral("SELECT type, payload, created_at_ms FROM journal WHERE type = 'fiscal.signed'")));
    int events = 0;
    while (q.next()) {
        ++events;
        auto st = sync::Events::validate(q.value(0).toString(), q.value(1).toByteArray(), q.value(2).toLongLong());
        EXPECT_TRUE(st.ok()) << qPrintable(st.error().message);
    }
    EXPECT_EQ(events, 2);
    EXPECT_EQ(log.state(first.receiptNo)->value().qr, a->qr);
    EXPECT_FALSE(execDirect(db().connection(), QStringLiteral("UPDATE fiscal_signature SET qr = 'x'")).ok())
        << "a signature does not change";
}

TEST_F(FiscalLogTest, WithoutTheSignerTheSignatureIsPendingUntilItIsBack)
{
    UnpluggableSigner signer;
    FiscalLog log(db(), fixedClock(), signer, QStringLiteral("REG-1"));
    signer.plugged = false;
    const SaleReceipt first = sell(u"SKU0000001");
    auto a = log.signSale(first.saleId, first.journalSeq);
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->signedOk);
    EXPECT_TRUE(a->pendingReason.contains(QStringLiteral("does not answer")));
    signer.plugged = true;
    const SaleReceipt second = sell(u"SKU0000002");
    signer.plugged = false;
    EXPECT_FALSE(log.signSale(second.saleId, second.journalSeq)->signedOk) << "it waits behind the first";

    // The receipt says the signature is pending; once signed it carries the fiscal QR code.
    Receipt receipt = Receipt::fromSale(first, {}, QStringLiteral("Maria"), "link");
    receipt.fiscalPending = true;
    bool saysPending = false;
    for (const ReceiptBlock &b : layoutReceipt(receipt, 48))
        saysPending = saysPending || b.text.contains(QStringLiteral("Signature pending"));
    EXPECT_TRUE(saysPending);

    signer.plugged = true;
    auto n = log.signPending();
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, 2);
    const auto one = log.state(first.receiptNo)->value();
    const auto two = log.state(second.receiptNo)->value();
    ASSERT_TRUE(one.signedOk && two.signedOk);
    const QStringList fields = QString::fromUtf8(one.qr).split(u'_');
    EXPECT_EQ(QString::fromUtf8(two.qr).split(u'_')[12].toLatin1(),
        QCryptographicHash::hash(fields[13].toLatin1(), QCryptographicHash::Sha256).left(8).toBase64())
        << "signed in the sales' order";
    receipt.fiscalPending = false;
    receipt.fiscalQr = one.qr;
    int qrCodes = 0;
    for (const ReceiptBlock &b : layoutReceipt(receipt, 48))
        qrCodes += b.kind == ReceiptBlock::Kind::Qr ? 1 : 0;
    EXPECT_EQ(qrCodes, 2) << "the e-receipt's and the fiscal one";
    EXPECT_FALSE(log.state(QStringLiteral("NO-SUCH"))->has_value());
}
