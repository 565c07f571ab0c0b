// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/salecontroller.h"
#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/sale/scanresolver.h"
#include "core/till/logging.h"

#include <QDateTime>

namespace omnitill {

SaleController::SaleController(Catalog &catalog, SaleStore &store, Clock clock, Config config, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_config(config)
    , m_cart(config.currency, config.mode)
    , m_model(m_cart)
{ }

QString SaleController::money(qint64 minor) const
{
    return Money(minor, m_config.currency).toString();
}

QString SaleController::subtotal() const
{
    return money(m_cart.totals().subtotalMinor);
}

QString SaleController::discount() const
{
    return money(-m_cart.totals().discountMinor);
}

QString SaleController::tax() const
{
    return money(m_cart.totals().taxMinor);
}

QString SaleController::total() const
{
    return money(m_cart.totals().totalMinor);
}

bool SaleController::fail(const Error &error)
{
    qCInfo(lcTill) << "till action refused:" << error.message;
    Q_EMIT errorOccurred(error.message);
    return false;
}

bool SaleController::scan(const QString &code)
{
    const QString key = code.trimmed();
    if (key.isEmpty())
        return false;
    auto scanned = resolveScan(m_catalog, key, m_config.currency, m_clock(), m_config.labels);
    if (!scanned)
        return fail(scanned.error());
    const int before = int(m_cart.lines().size());
    auto row = m_cart.add(scanned->item, scanned->quantity, scanned->scannedCode);
    if (!row)
        return fail(row.error());
    if (m_cart.lines().size() > before)
        m_model.lineInserted(*row);
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

bool SaleController::addScan(const ScanResult &result)
{
    return scan(result.tillCode());
}

bool SaleController::setQuantity(int row, const QString &quantity)
{
    auto q = parseQuantity(typedNumber(quantity, m_config.locale));
    if (!q)
        return fail(q.error());
    if (auto st = m_cart.setQuantity(row, *q); !st)
        return fail(st.error());
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

bool SaleController::removeLine(int row)
{
    if (auto valid = m_cart.checkLine(row); !valid)
        return fail(valid.error());
    m_model.beginLineRemoval(row);
    const Status st = m_cart.removeLine(row);
    m_model.endLineRemoval();
    if (!st)
        return fail(st.error());
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

bool SaleController::setLineDiscountPercent(int row, const QString &percent)
{
    auto bp = parsePercentBp(typedNumber(percent, m_config.locale), QStringLiteral("discount"));
    if (!bp)
        return fail(bp.error());
    if (auto st = m_cart.setLineDiscount(row, Discount::percent(*bp)); !st)
        return fail(st.error());
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

bool SaleController::setCartDiscountPercent(const QString &percent)
{
    auto bp = parsePercentBp(typedNumber(percent, m_config.locale), QStringLiteral("discount"));
    if (!bp)
        return fail(bp.error());
    if (auto st = m_cart.setCartDiscount(Discount::percent(*bp)); !st)
        return fail(st.error());
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

bool SaleController::payCash(const QString &tendered)
{
    Payment p { Payment::Method::Cash, std::nullopt, m_config.cashIncrementMinor };
    if (!tendered.trimmed().isEmpty()) {
        auto m = Money::parse(typedNumber(tendered, m_config.locale), m_config.currency);
        if (!m)
            return fail(m.error());
        p.tenderedMinor = m->minor();
    }
    return pay(p);
}

bool SaleController::payCard()
{
    return pay(Payment { Payment::Method::Card, std::nullopt, 1 });
}

bool SaleController::pay(const Payment &payment)
{
    auto receipt = m_store.record(m_cart, payment);
    if (!receipt)
        return fail(receipt.error()); // the cart stays as it was: nothing is lost, the cashier can retry
    m_lastReceipt = receipt->receiptNo;
    dismissNotice();
    m_cart.clear();
    m_model.reset();
    Q_EMIT totalsChanged();
    Q_EMIT lastReceiptChanged();
    Q_EMIT saleCompleted(receipt->receiptNo, money(receipt->settlement.changeMinor));
    return true;
}

void SaleController::resume(const std::optional<SaleStore::Summary> &lastSale, bool stoppedUnexpectedly)
{
    m_lastReceipt = lastSale ? lastSale->receiptNo : QString();
    if (stoppedUnexpectedly) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(lastSale ? lastSale->createdAtMs : 0).toLocalTime();
        m_notice = lastSale
            ? tr("OmniTill stopped unexpectedly. The last sale it completed was %1 for %2 at %3 on %4: check with the "
                 "customer before ringing it up again.")
                  .arg(lastSale->receiptNo, lastSale->total.toDisplayString(), at.toString(QStringLiteral("HH:mm:ss")),
                      at.toString(QStringLiteral("yyyy-MM-dd")))
            : tr("OmniTill stopped unexpectedly. No sale had been completed yet.");
        qCInfo(lcTill) << "the previous run did not end:" << m_notice;
    }
    Q_EMIT lastReceiptChanged();
    Q_EMIT noticeChanged();
}

void SaleController::dismissNotice()
{
    if (m_notice.isEmpty())
        return;
    m_notice.clear();
    Q_EMIT noticeChanged();
}

void SaleController::voidSale()
{
    m_cart.clear();
    m_model.reset();
    Q_EMIT totalsChanged();
}

} // namespace omnitill
