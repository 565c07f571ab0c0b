// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/salecontroller.h"
#include "core/catalog/catalog.h"
#include "core/sale/adjustments.h"
#include "core/sale/parkedsales.h"
#include "core/sale/salestore.h"
#include "core/sale/scanresolver.h"
#include "core/sale/voids.h"
#include "core/till/logging.h"
#include "core/till/staffsession.h"

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
{
    m_model.setLocale(m_config.locale);
}

void SaleController::setStaff(const Staff &staff)
{
    m_staff.emplace(staff);
    // Whoever signs in next (or the lock screen) does not inherit an action waiting for a manager.
    connect(&staff.session, &StaffSession::changed, this, &SaleController::cancelApproval);
}

QString SaleController::money(qint64 minor) const
{
    return shownNumber(Money(minor, m_config.currency).toString(), m_config.locale);
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
    cancelApproval();
    const bool added = addItem(key);
    Q_EMIT scanHandled(added);
    return added;
}

bool SaleController::addItem(const QString &code)
{
    auto scanned = resolveScan(m_catalog, code, m_config.currency, m_clock(), m_config.labels);
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
    cancelApproval();
    auto q = parseQuantity(typedNumber(quantity, m_config.locale));
    if (!q)
        return fail(q.error());
    if (auto st = m_cart.setQuantity(row, *q); !st)
        return fail(st.error());
    m_model.repriced();
    Q_EMIT totalsChanged();
    return true;
}

void SaleController::changed()
{
    m_model.repriced();
    Q_EMIT totalsChanged();
}

bool SaleController::stepQuantity(int row, int delta, const QString &reason)
{
    if (auto valid = m_cart.checkLine(row); !valid)
        return fail(valid.error());
    const CartLine &line = m_cart.lines().at(row);
    if (line.item.unit != Unit::Each)
        return fail(makeError(ErrorCode::InvalidInput,
            tr("%1 is sold by weight or measure: its quantity comes from the scale or the label").arg(line.item.name)));
    const qint64 quantity = line.quantity + qint64(delta) * kQuantityScale;
    if (quantity <= 0)
        return voidLine(row, reason);
    cancelApproval();
    if (auto st = m_cart.setQuantity(row, quantity); !st)
        return fail(st.error());
    changed();
    return true;
}

bool SaleController::counterAction(Permission what, const QString &reason, CounterAction act)
{
    cancelApproval();
    if (!m_staff || !m_staff->session.current())
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    if (auto st = checkReason(reason); !st)
        return fail(makeError(ErrorCode::InvalidInput, tr("Give a reason (at most 200 characters).")));
    const StaffMember by = *m_staff->session.current();
    const QString why = reason.trimmed();
    const Status done = act(by, why, std::nullopt);
    if (done) {
        changed();
        return true;
    }
    // Refused because of the role (not because of the cart): a manager may approve it here and now.
    if (done.error().code == ErrorCode::Refused && !StaffStore::authorize(by, what)) {
        qCInfo(lcTill) << by.name << "asks a manager to approve:" << permissionName(what);
        m_pending = Pending { what, why, by, std::move(act) };
        m_approvalMessage.clear();
        Q_EMIT approvalChanged();
        return false;
    }
    return fail(done.error());
}

bool SaleController::voidLine(int row, const QString &reason)
{
    if (auto valid = m_cart.checkLine(row); !valid)
        return fail(valid.error());
    return counterAction(Permission::VoidLine, reason,
        [this, row](
            const StaffMember &by, const QString &why, const std::optional<OverrideApproval> &approval) -> Status {
            if (auto voided = m_staff->voids.voidLine(m_cart, row, by, why, approval); !voided)
                return voided.error();
            m_model.beginLineRemoval(row);
            const Status st = m_cart.removeLine(row);
            m_model.endLineRemoval();
            return st;
        });
}

bool SaleController::voidSale(const QString &reason)
{
    if (m_cart.lines().isEmpty()) {
        cancelApproval();
        return true; // nothing to void
    }
    return counterAction(Permission::VoidSale, reason,
        [this](const StaffMember &by, const QString &why, const std::optional<OverrideApproval> &approval) -> Status {
            if (auto voided = m_staff->voids.voidSale(m_cart, by, why, approval); !voided)
                return voided.error();
            m_cart.clear();
            m_model.reset();
            return Ok {};
        });
}

bool SaleController::overridePrice(int row, const QString &unitPrice, const QString &reason)
{
    auto price = Money::parse(typedNumber(unitPrice, m_config.locale), m_config.currency);
    if (!price)
        return fail(price.error());
    return counterAction(Permission::PriceOverride, reason,
        [this, row, price = *price](const StaffMember &by, const QString &why, const auto &approval) {
            return statusOf(m_staff->adjustments.overridePrice(m_cart, row, price, by, why, approval));
        });
}

bool SaleController::setLineDiscountPercent(int row, const QString &percent, const QString &reason)
{
    auto bp = parsePercentBp(typedNumber(percent, m_config.locale), QStringLiteral("discount"));
    if (!bp)
        return fail(bp.error());
    return counterAction(Permission::LineDiscount, reason,
        [this, row, bp = *bp](const StaffMember &by, const QString &why, const auto &approval) {
            return statusOf(m_staff->adjustments.discountLine(m_cart, row, Discount::percent(bp), by, why, approval));
        });
}

bool SaleController::setCartDiscountPercent(const QString &percent, const QString &reason)
{
    auto bp = parsePercentBp(typedNumber(percent, m_config.locale), QStringLiteral("discount"));
    if (!bp)
        return fail(bp.error());
    return counterAction(Permission::CartDiscount, reason,
        [this, bp = *bp](const StaffMember &by, const QString &why, const auto &approval) {
            return statusOf(m_staff->adjustments.discountSale(m_cart, Discount::percent(bp), by, why, approval));
        });
}

QString SaleController::approvalAction() const
{
    return m_pending ? permissionName(m_pending->what) : QString();
}

QVariantList SaleController::approvers() const
{
    QVariantList out;
    if (!m_pending)
        return out;
    auto people = m_staff->store.active();
    if (!people)
        return out;
    QList<StaffMember> may;
    for (const StaffMember &m : *people) {
        if (m.may(m_pending->what) && m.id != m_pending->requester.id)
            may.append(m);
    }
    return StaffSession::listed(may);
}

bool SaleController::approve(const QString &managerId, const QString &pin)
{
    if (!m_pending)
        return false;
    return finishApproval(
        m_staff->store.approve(m_pending->requester, managerId, pin, m_pending->what, m_pending->reason));
}

bool SaleController::approveWithBadge(const QString &badge)
{
    if (!m_pending)
        return false;
    return finishApproval(
        m_staff->store.approveWithBadge(m_pending->requester, badge, m_pending->what, m_pending->reason));
}

bool SaleController::finishApproval(Result<OverrideApproval> approval)
{
    if (!approval) {
        m_approvalMessage = approval.error().message;
        Q_EMIT approvalChanged();
        return false;
    }
    Pending pending = std::move(*m_pending);
    m_pending.reset();
    m_approvalMessage.clear();
    Q_EMIT approvalChanged();
    if (auto st = pending.act(pending.requester, pending.reason, *approval); !st)
        return fail(st.error());
    changed();
    return true;
}

void SaleController::cancelApproval()
{
    if (!m_pending)
        return;
    m_pending.reset();
    m_approvalMessage.clear();
    Q_EMIT approvalChanged();
}

QStringList SaleController::quickCash() const
{
    const qint64 total = m_cart.totals().totalMinor;
    QStringList out;
    if (total <= 0)
        return out;
    const qint64 exact = roundToIncrement(Money(total, m_config.currency), m_config.cashIncrementMinor).minor();
    out.append(money(exact));
    // The notes and round amounts a customer hands over, in the currency's major unit.
    const qint64 unit = m_config.currency.minorPerMajor();
    for (qint64 step : { 5, 10, 20, 50, 100, 200 }) {
        const qint64 amount = ((exact / (step * unit)) + 1) * step * unit;
        if (!out.contains(money(amount)))
            out.append(money(amount));
        if (out.size() == 4)
            break;
    }
    return out;
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

void SaleController::setParkedSales(ParkedSales &parked)
{
    m_parked = &parked;
    if (auto list = m_parked->list())
        m_parkedCount = int(list->size());
}

bool SaleController::park(const QString &note)
{
    if (!m_parked)
        return fail(makeError(ErrorCode::Refused, tr("Parking sales is not set up on this till.")));
    if (m_cart.lines().isEmpty())
        return fail(makeError(ErrorCode::InvalidInput, tr("There is nothing to park: the sale is empty.")));
    const StaffMember *by = m_staff && m_staff->session.current() ? &*m_staff->session.current() : nullptr;
    if (m_staff && !by)
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    cancelApproval();
    auto parked = m_parked->park(m_cart, by ? by->id : QString(), by ? by->name : QString(), note.trimmed());
    if (!parked)
        return fail(parked.error());
    qCInfo(lcTill) << "parked a sale of" << parked->lines << "lines as" << parked->id;
    m_cart.clear();
    m_model.reset();
    ++m_parkedCount;
    Q_EMIT totalsChanged();
    Q_EMIT parkedChanged();
    return true;
}

QVariantList SaleController::parkedSales()
{
    QVariantList out;
    if (!m_parked)
        return out;
    auto list = m_parked->list();
    if (!list) {
        fail(list.error());
        return out;
    }
    for (const ParkedSale &p : *list) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(p.parkedAtMs).toLocalTime();
        out.append(QVariantMap { { QStringLiteral("id"), p.id },
            { QStringLiteral("parkedAt"), m_config.locale.toString(at, QLocale::ShortFormat) },
            { QStringLiteral("staffName"), p.staffName }, { QStringLiteral("note"), p.note },
            { QStringLiteral("total"), p.total.toString() }, { QStringLiteral("lines"), p.lines } });
    }
    if (m_parkedCount != int(list->size())) {
        m_parkedCount = int(list->size());
        Q_EMIT parkedChanged();
    }
    return out;
}

bool SaleController::resumeParked(qint64 id)
{
    if (!m_parked)
        return false;
    if (!m_cart.lines().isEmpty())
        return fail(
            makeError(ErrorCode::Refused, tr("Finish or park the current sale first, then take up the parked one.")));
    if (m_staff && !m_staff->session.current())
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    auto cart = m_parked->resume(id, m_catalog);
    if (!cart)
        return fail(cart.error());
    cancelApproval();
    m_cart = std::move(*cart);
    m_model.reset();
    m_parkedCount = std::max(0, m_parkedCount - 1);
    Q_EMIT totalsChanged();
    Q_EMIT parkedChanged();
    return true;
}

bool SaleController::pay(const Payment &payment)
{
    if (m_staff && !m_staff->session.current())
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    cancelApproval();
    auto receipt = m_store.record(m_cart, payment);
    if (!receipt)
        return fail(receipt.error()); // the cart stays as it was: nothing is lost, the cashier can retry
    m_lastReceipt = receipt->receiptNo;
    dismissNotice();
    m_cart.clear();
    m_model.reset();
    Q_EMIT totalsChanged();
    Q_EMIT lastReceiptChanged();
    Q_EMIT saleRecorded(*receipt);
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

} // namespace omnitill
