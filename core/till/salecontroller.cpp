// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/salecontroller.h"
#include "core/catalog/catalog.h"
#include "core/sale/adjustments.h"
#include "core/sale/parkedsales.h"
#include "core/sale/salestore.h"
#include "core/sale/scanresolver.h"
#include "core/sale/voids.h"
#include "core/shifts/shiftstore.h"
#include "core/storedvalue/cardnumber.h"
#include "core/till/logging.h"
#include "core/till/staffsession.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace omnitill {

SaleController::SaleController(Catalog &catalog, SaleStore &store, Clock clock, Config config, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_config(config)
    , m_cart(config.currency, config.mode)
    , m_model(m_cart)
    , m_open(store.database(), m_clock)
{
    m_model.setLocale(m_config.locale);
    if (auto kept = m_open.list())
        m_tenders = *kept; // part payments from a run that stopped mid-payment: resume() takes them back
    else
        qCWarning(lcTill) << "could not read the part payments:" << kept.error().message;
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
    // While a card charge waits for the terminal, what is scanned is the approval code on the terminal's slip.
    if (m_cardAmount)
        return cardApproved(key);
    cancelApproval();
    const bool added = addItem(key);
    Q_EMIT scanHandled(added);
    return added;
}

bool SaleController::addItem(const QString &code)
{
    const bool cardOnly = code.startsWith(QStringLiteral("LOYALTY:"), Qt::CaseInsensitive);
    auto scanned = cardOnly ? Result<ResolvedScan>(makeError(ErrorCode::NotFound, QString()))
                            : resolveScan(m_catalog, code, m_config.currency, m_clock(), m_config.labels);
    if (!scanned) {
        // Not an item: a customer's loyalty card (printed, or the QR in their app) attaches them to the sale.
        if (m_customers && scanned.error().code == ErrorCode::NotFound && CustomerInput::looksLikeCard(code)) {
            auto customer = m_customers->byCard(code);
            if (customer)
                return attachCustomer(customer->customer.id);
            if (cardOnly || customer.error().code != ErrorCode::NotFound)
                return fail(customer.error());
        }
        return fail(scanned.error());
    }
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

bool SaleController::attachCustomer(const QString &id)
{
    if (!m_customers)
        return fail(makeError(ErrorCode::Refused, tr("This till keeps no customers")));
    auto p = m_customers->profile(id);
    if (!p)
        return fail(p.error());
    if (!*p)
        return fail(makeError(ErrorCode::NotFound, tr("This customer is not on this till (erased or merged)")));
    const Customer &c = (*p)->customer;
    m_cart.setCustomer(SaleCustomer { c.id, c.name, std::nullopt, std::nullopt });
    m_customerTier = c.tier;
    m_customerPoints = c.points;
    m_rules.reset();
    if (m_loyalty) {
        if (auto rules = m_loyalty->rules())
            m_rules = *rules;
        else
            qCWarning(lcTill) << "loyalty rules:" << rules.error().message;
        // The balance as this till knows it: the hub's, less this till's redemptions it has not counted yet.
        if (m_rules) {
            if (auto known = m_loyalty->check(c.id, std::nullopt, *m_rules))
                m_customerPoints = known->balancePoints;
        }
    }
    const QString points = tr("%1 points").arg(m_config.locale.toString(m_customerPoints));
    m_customerDetail
        = c.tier.isEmpty() ? points : c.tier.left(1).toUpper() + c.tier.mid(1) + QStringLiteral(" · ") + points;
    qCInfo(lcTill) << "customer attached to the sale";
    Q_EMIT customerChanged();
    return true;
}

void SaleController::setLoyalty(Loyalty &loyalty, FetchCustomerProfile fetch)
{
    m_loyalty = &loyalty;
    m_fetchCustomer = std::move(fetch);
}

bool SaleController::loyaltyActive() const
{
    return m_loyalty && m_rules && m_cart.customer();
}

namespace {
qint64 paidWithPoints(const QList<Tender> &tenders)
{
    qint64 sum = 0;
    for (const Tender &t : tenders) {
        if (t.kind == Tender::Kind::Points)
            sum += t.amountMinor;
    }
    return sum;
}
} // namespace

QString SaleController::pointsToEarn() const
{
    if (!loyaltyActive())
        return {};
    return m_config.locale.toString(m_rules->earned(m_cart, m_customerTier, paidWithPoints(m_tenders)));
}

std::optional<QJsonObject> SaleController::liveCustomer() const
{
    return m_cart.customer() ? liveProfile(m_fetchCustomer, m_cart.customer()->id) : std::nullopt;
}

bool SaleController::payPoints(const QString &points)
{
    if (!loyaltyActive())
        return fail(makeError(ErrorCode::Refused,
            tr("Put a customer on the sale first; points need a customer and the chain's loyalty rules.")));
    if (!readyToCharge())
        return false;
    if (remainingMinor() <= 0)
        return fail(makeError(ErrorCode::InvalidInput, tr("Nothing is left to pay.")));
    auto check = m_loyalty->check(m_cart.customer()->id, liveCustomer(), *m_rules);
    if (!check)
        return fail(check.error());
    qint64 use = std::min(check->availablePoints, m_rules->pointsFor(remainingMinor()));
    if (!points.trimmed().isEmpty()) {
        bool ok = false;
        use = points.trimmed().toLongLong(&ok);
        if (!ok || use <= 0)
            return fail(makeError(ErrorCode::InvalidInput, tr("Type the points as a whole number, such as 500.")));
    }
    // Never more than the rest: the points that pay it, at most.
    use = std::min(use, m_rules->pointsFor(remainingMinor()));
    if (use <= 0)
        return fail(makeError(ErrorCode::Refused,
            check->limitedBy.isEmpty() ? tr("The customer has no points to redeem.") : check->limitedBy));
    // Points worth more than the rest pay the rest only.
    auto tender = m_loyalty->redeem(m_open, *check, use, *m_rules, m_config.currency, staffId());
    if (!tender)
        return fail(tender.error());
    return tookPoints(*tender, check->balancePoints);
}

QVariantList SaleController::rewards() const
{
    QVariantList out;
    if (!loyaltyActive())
        return out;
    for (const LoyaltyRules::Reward &r : m_rules->rewards)
        out << QVariantMap { { QStringLiteral("id"), r.id }, { QStringLiteral("name"), r.name },
            { QStringLiteral("points"), m_config.locale.toString(r.points) },
            { QStringLiteral("value"), money(r.valueMinor) } };
    return out;
}

bool SaleController::redeemReward(const QString &id)
{
    if (!loyaltyActive())
        return fail(makeError(ErrorCode::Refused,
            tr("Put a customer on the sale first; points need a customer and the chain's loyalty rules.")));
    const auto reward = std::find_if(
        m_rules->rewards.cbegin(), m_rules->rewards.cend(), [&](const LoyaltyRules::Reward &r) { return r.id == id; });
    if (reward == m_rules->rewards.cend())
        return fail(makeError(ErrorCode::NotFound, tr("The chain has no such reward.")));
    if (!readyToCharge())
        return false;
    auto check = m_loyalty->check(m_cart.customer()->id, liveCustomer(), *m_rules);
    if (!check)
        return fail(check.error());
    auto tender = m_loyalty->redeemReward(m_open, *check, *reward, remainingMinor(), m_config.currency, staffId());
    if (!tender)
        return fail(tender.error());
    return tookPoints(*tender, check->balancePoints);
}

bool SaleController::tookPoints(const Tender &tender, qint64 balancePoints)
{
    m_tenders.append(tender);
    const QString paidNote = tr("%1 points paid %2; %3 points are left.")
                                 .arg(m_config.locale.toString(tender.points), money(tender.amountMinor),
                                     m_config.locale.toString(balancePoints - tender.points));
    m_customerPoints = balancePoints - tender.points;
    Q_EMIT paymentChanged();
    Q_EMIT totalsChanged();
    if (remainingMinor() <= 0 && !pay(Payment { Payment::Method::Cash, std::nullopt, 1 }))
        return false;
    m_notice = paidNote;
    Q_EMIT noticeChanged();
    return true;
}

void SaleController::detachCustomer()
{
    if (!m_cart.customer())
        return;
    m_cart.setCustomer(std::nullopt);
    Q_EMIT customerChanged();
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
    if (refuseWhilePaying(tr("void the sale")))
        return false;
    return counterAction(Permission::VoidSale, reason,
        [this](const StaffMember &by, const QString &why, const std::optional<OverrideApproval> &approval) -> Status {
            if (auto voided = m_staff->voids.voidSale(m_cart, by, why, approval); !voided)
                return voided.error();
            m_cart.clear();
            m_onlineQuantities.clear();
            m_prepaid.reset();
            m_model.reset();
            dropExchange(); // nothing comes back either
            Q_EMIT customerChanged();
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
    return m_pending ? StaffSession::approvers(m_staff->store, m_pending->what, m_pending->requester.id)
                     : QVariantList();
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
    const qint64 total = remainingMinor();
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

std::optional<qint64> SaleController::typedAmount(const QString &text)
{
    auto m = Money::parse(typedNumber(text, m_config.locale), m_config.currency);
    if (!m) {
        fail(m.error());
        return std::nullopt;
    }
    return m->minor();
}

qint64 SaleController::exchangeUsedMinor() const
{
    return m_exchange ? std::min(m_exchange->creditMinor, std::max<qint64>(0, m_cart.totals().totalMinor)) : 0;
}

QString SaleController::exchangeReference() const
{
    return m_exchange && m_exchange->request.original ? m_exchange->request.original->receiptNo : tr("no receipt");
}

QString SaleController::exchangeCredit() const
{
    return m_exchange ? money(m_exchange->creditMinor) : QString();
}

void SaleController::startExchange(ReturnStore &store, ReturnRequest request, const StaffMember &by,
    const std::optional<OverrideApproval> &approval, qint64 creditMinor, const QString &leftoverKind,
    const QString &cardCode)
{
    m_exchange = Exchange { &store, std::move(request), by, approval, creditMinor, leftoverKind, cardCode };
    m_notice = tr("Exchange: %1 for the goods brought back pays toward this sale. Scan what the customer takes "
                  "instead.")
                   .arg(money(creditMinor));
    Q_EMIT noticeChanged();
    Q_EMIT paymentChanged();
}

void SaleController::dropExchange()
{
    if (!m_exchange)
        return;
    m_exchange.reset();
    dismissNotice();
    Q_EMIT paymentChanged();
}

qint64 SaleController::prepaidUsedMinor() const
{
    return m_prepaid ? std::min(m_prepaid->first, std::max<qint64>(0, m_cart.totals().totalMinor - exchangeUsedMinor()))
                     : 0;
}

qint64 SaleController::paidMinor() const
{
    qint64 sum = exchangeUsedMinor() + prepaidUsedMinor();
    for (const Tender &t : m_tenders)
        sum += t.amountMinor;
    return sum;
}

QString SaleController::paid() const
{
    return money(paidMinor());
}

QString SaleController::remaining() const
{
    return money(remainingMinor());
}

QString SaleController::staffId() const
{
    return m_staff && m_staff->session.current() ? m_staff->session.current()->id : QString();
}

namespace {
QString tenderName(Tender::Kind kind)
{
    switch (kind) {
    case Tender::Kind::Cash:
        return SaleController::tr("Cash");
    case Tender::Kind::Card:
        return SaleController::tr("Card");
    case Tender::Kind::GiftCard:
        return SaleController::tr("Gift card");
    case Tender::Kind::StoreCredit:
        return SaleController::tr("Store credit");
    case Tender::Kind::Points:
        return SaleController::tr("Points");
    case Tender::Kind::Exchange:
        return SaleController::tr("Exchange credit");
    case Tender::Kind::Online:
        return SaleController::tr("Paid online");
    }
    return {};
}
} // namespace

QVariantList SaleController::tenders() const
{
    QVariantList out;
    if (m_exchange)
        out.append(QVariantMap { { QStringLiteral("id"), -1 }, { QStringLiteral("kind"), QStringLiteral("exchange") },
            { QStringLiteral("name"), tenderName(Tender::Kind::Exchange) },
            { QStringLiteral("amount"), money(exchangeUsedMinor()) },
            { QStringLiteral("reference"), exchangeReference() } });
    if (m_prepaid)
        out.append(QVariantMap { { QStringLiteral("id"), -2 }, { QStringLiteral("kind"), QStringLiteral("online") },
            { QStringLiteral("name"), tenderName(Tender::Kind::Online) },
            { QStringLiteral("amount"), money(prepaidUsedMinor()) },
            { QStringLiteral("reference"), m_prepaid->second } });
    for (const Tender &t : m_tenders)
        out.append(QVariantMap { { QStringLiteral("id"), t.id }, { QStringLiteral("kind"), tenderKindToString(t.kind) },
            { QStringLiteral("name"), tenderName(t.kind) }, { QStringLiteral("amount"), money(t.amountMinor) },
            { QStringLiteral("reference"), t.reference } });
    return out;
}

bool SaleController::refuseWithoutShift()
{
    if (!m_shifts)
        return false;
    auto open = m_shifts->current();
    if (!open)
        return !fail(open.error());
    if (open->has_value())
        return false;
    fail(makeError(ErrorCode::Refused,
        tr("No shift is open: open one on the Shift page, with the cash counted into the drawer, to take payments.")));
    return true;
}

bool SaleController::payCash(const QString &tendered)
{
    if (!m_cart.isEmpty() && (refuseWithoutShift() || !passGate()))
        return false;
    Payment p { Payment::Method::Cash, std::nullopt, m_config.cashIncrementMinor };
    if (!tendered.trimmed().isEmpty()) {
        const auto given = typedAmount(tendered);
        if (!given)
            return false;
        const qint64 due
            = roundToIncrement(Money(remainingMinor(), m_config.currency), m_config.cashIncrementMinor).minor();
        if (*given >= due || m_cart.isEmpty() || *given <= 0)
            p.tenderedMinor = *given;
        else { // less than is left: a part payment, the rest by another tender
            if (m_staff && !m_staff->session.current())
                return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
            auto part = m_open.take(Tender { Tender::Kind::Cash, *given, *given, {} }, m_config.currency, staffId());
            if (!part)
                return fail(part.error());
            m_tenders.append(*part);
            Q_EMIT paymentChanged();
            return true;
        }
    }
    return pay(p);
}

bool SaleController::readyToCharge()
{
    if (m_cart.isEmpty())
        return fail(makeError(ErrorCode::InvalidInput, tr("The sale is empty: scan an item first.")));
    if (refuseWithoutShift())
        return false;
    if (m_staff && !m_staff->session.current())
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    return passGate();
}

bool SaleController::passGate()
{
    if (!m_paymentGate || !m_cart.onlineCart() || !m_tenders.isEmpty())
        return true;
    return m_paymentGate();
}

Status SaleController::putOnlineCart(const SaleOnlineCart &cart, const QList<OnlineLine> &lines, qint64 prepaidMinor)
{
    if (paying())
        return makeError(ErrorCode::Refused, tr("A part payment was taken: the cart's lines cannot change now."));
    if (m_cart.onlineCart() && m_cart.onlineCart()->id != cart.id)
        return makeError(ErrorCode::Conflict,
            tr("This sale has online cart %1 on it already: finish that sale first.").arg(m_cart.onlineCart()->id));
    cancelApproval();
    // A copy to change, so that a refusal half-way leaves the sale as it was.
    Cart next = m_cart;
    for (auto it = m_onlineQuantities.cbegin(); it != m_onlineQuantities.cend(); ++it) {
        qint64 left = it.value();
        for (int row = int(next.lines().size()) - 1; row >= 0 && left > 0; --row) {
            const CartLine &l = next.lines().at(row);
            if (l.item.sku != it.key() || l.storedValue)
                continue;
            const qint64 take = std::min(left, l.quantity);
            left -= take;
            const Status st = take == l.quantity ? next.removeLine(row) : next.setQuantity(row, l.quantity - take);
            if (!st)
                return st;
        }
    }
    QHash<QString, qint64> brought;
    for (const OnlineLine &l : lines) {
        if (auto row = next.add(l.item, l.quantity, QStringLiteral("cart:") + cart.id); !row)
            return row.error();
        brought[l.item.sku] += l.quantity;
    }
    next.setOnlineCart(cart);
    m_cart = next;
    m_onlineQuantities = brought;
    if (prepaidMinor > 0)
        m_prepaid = std::pair { prepaidMinor, cart.id };
    else
        m_prepaid.reset();
    Q_EMIT paymentChanged();
    m_model.reset();
    changed();
    return Ok {};
}

bool SaleController::startCard(const QString &amount)
{
    if (!readyToCharge())
        return false;
    qint64 charge = remainingMinor();
    if (!amount.trimmed().isEmpty()) {
        const auto typed = typedAmount(amount);
        if (!typed)
            return false;
        charge = *typed;
    }
    if (charge <= 0)
        return fail(makeError(ErrorCode::InvalidInput, tr("A card payment must be for more than nothing.")));
    if (charge > remainingMinor())
        return fail(makeError(ErrorCode::InvalidInput,
            tr("A card can pay at most the %1 %2 still to pay.").arg(m_config.currency.code(), remaining())));
    m_cardAmount = charge;
    Q_EMIT paymentChanged();
    return true;
}

bool SaleController::cardApproved(const QString &approvalCode)
{
    if (!m_cardAmount)
        return fail(makeError(ErrorCode::InvalidInput, tr("Say how much to charge on the card first.")));
    auto code = checkApprovalCode(approvalCode);
    if (!code)
        return fail(code.error());
    if (*m_cardAmount == remainingMinor()) {
        // The card pays all that is left: the sale completes. If recording it fails the charge stays pending, so
        // the cashier can try again with the same code; nothing was taken twice.
        if (!pay(Payment { Payment::Method::Card, std::nullopt, 1, *code }))
            return false;
        return true;
    }
    auto part
        = m_open.take(Tender { Tender::Kind::Card, *m_cardAmount, *m_cardAmount, *code }, m_config.currency, staffId());
    if (!part)
        return fail(part.error());
    m_tenders.append(*part);
    m_cardAmount.reset();
    Q_EMIT paymentChanged();
    return true;
}

bool SaleController::cardDeclined(const QString &reason)
{
    if (!m_cardAmount)
        return fail(makeError(ErrorCode::InvalidInput, tr("There is no card payment waiting for the terminal.")));
    const QString why = reason.trimmed().isEmpty() ? QStringLiteral("declined") : reason.trimmed();
    if (auto st = m_open.declined(Tender::Kind::Card, *m_cardAmount, m_config.currency, why, staffId()); !st)
        return fail(st.error());
    m_cardAmount.reset();
    Q_EMIT paymentChanged();
    return true;
}

void SaleController::cancelCard()
{
    if (!m_cardAmount)
        return;
    m_cardAmount.reset();
    Q_EMIT paymentChanged();
}

bool SaleController::payCard(const QString &approvalCode)
{
    if (!startCard())
        return false;
    if (cardApproved(approvalCode))
        return true;
    cancelCard();
    return false;
}

bool SaleController::removeTender(qint64 id)
{
    if (id == -2 && m_prepaid)
        return fail(makeError(ErrorCode::Refused,
            tr("What the customer paid online stays with the order: void the sale to hand nothing over.")));
    if (id == -1 && m_exchange) { // the exchange's credit: nothing comes back after all
        dropExchange();
        return true;
    }
    const auto it = std::find_if(m_tenders.cbegin(), m_tenders.cend(), [id](const Tender &t) { return t.id == id; });
    if (it == m_tenders.cend())
        return fail(makeError(ErrorCode::NotFound, tr("That payment is no longer part of the sale.")));
    const Tender t = *it;
    if (auto st = m_open.reverse(id, QStringLiteral("taken back at the counter"), staffId()); !st)
        return fail(st.error());
    m_tenders.erase(it);
    m_notice = t.kind == Tender::Kind::Cash
        ? tr("Give the customer back %1 %2 in cash.").arg(m_config.currency.code(), money(t.amountMinor))
        : tr("Refund %1 %2 on the card terminal (approval %3).")
              .arg(m_config.currency.code(), money(t.amountMinor), t.reference);
    Q_EMIT noticeChanged();
    Q_EMIT paymentChanged();
    return true;
}

bool SaleController::refuseWhilePaying(const QString &action)
{
    if (m_tenders.isEmpty())
        return false;
    fail(makeError(ErrorCode::Refused,
        tr("%1 %2 is already paid: take those payments back first, then %3.")
            .arg(m_config.currency.code(), paid(), action)));
    return true;
}

void SaleController::takeBackOrphans()
{
    if (m_tenders.isEmpty())
        return;
    QStringList giveBack;
    for (const Tender &t : std::as_const(m_tenders)) {
        if (auto st = m_open.reverse(t.id, QStringLiteral("the till stopped before the sale was completed"), {}); !st) {
            qCWarning(lcTill) << "could not take back a part payment:" << st.error().message;
            continue;
        }
        giveBack.append(t.kind == Tender::Kind::Card
                ? tr("refund %1 %2 on the card terminal (approval %3)")
                      .arg(m_config.currency.code(), money(t.amountMinor), t.reference)
                : tr("give back %1 %2 in cash").arg(m_config.currency.code(), money(t.amountMinor)));
    }
    m_tenders.clear();
    m_notice += (m_notice.isEmpty() ? QString() : QStringLiteral(" "))
        + tr("A sale was being paid when OmniTill stopped and was not completed: %1.")
              .arg(giveBack.join(QStringLiteral("; ")));
    Q_EMIT paymentChanged();
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
    if (refuseWhilePaying(tr("park the sale")))
        return false;
    const StaffMember *by = m_staff && m_staff->session.current() ? &*m_staff->session.current() : nullptr;
    if (m_staff && !by)
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    cancelApproval();
    if (m_exchange)
        return fail(makeError(ErrorCode::Refused,
            tr("An exchange cannot be parked: finish it, or void the sale to give the goods back unchanged.")));
    if (m_cart.onlineCart())
        return fail(makeError(ErrorCode::Refused,
            tr("A sale with an online cart cannot be parked: finish it, or void it and scan the cart again later.")));
    auto parked = m_parked->park(m_cart, by ? by->id : QString(), by ? by->name : QString(), note.trimmed());
    if (!parked)
        return fail(parked.error());
    qCInfo(lcTill) << "parked a sale of" << parked->lines << "lines as" << parked->id;
    m_cart.clear();
    m_model.reset();
    ++m_parkedCount;
    Q_EMIT totalsChanged();
    Q_EMIT parkedChanged();
    Q_EMIT customerChanged();
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
    Q_EMIT customerChanged();
    return true;
}

void SaleController::setStoredValue(StoredValue &storedValue, StoredValueLimits limits, AskHub ask)
{
    m_storedValue = &storedValue;
    m_storedValueLimits = limits;
    m_askHub = std::move(ask);
}

bool SaleController::payStoredValue(const QString &number, const QString &amount)
{
    if (!m_storedValue)
        return fail(makeError(ErrorCode::Refused, tr("Gift cards are not set up on this till.")));
    if (!readyToCharge())
        return false;
    if (remainingMinor() <= 0)
        return fail(makeError(ErrorCode::InvalidInput, tr("Nothing is left to pay.")));
    auto canonical = CardNumber::parse(number);
    if (!canonical)
        return fail(canonical.error());
    const auto asked = m_askHub ? m_askHub(CardNumber::hash(*canonical)) : std::nullopt;
    auto check = m_storedValue->check(*canonical, m_config.currency, asked, m_storedValueLimits);
    if (!check)
        return fail(check.error());
    qint64 take = std::min(check->availableMinor, remainingMinor());
    if (!amount.trimmed().isEmpty()) {
        const auto typed = typedAmount(amount);
        if (!typed)
            return false;
        if (*typed > remainingMinor())
            return fail(makeError(ErrorCode::InvalidInput,
                tr("A card can pay at most the %1 %2 still to pay.").arg(m_config.currency.code(), remaining())));
        take = *typed;
    }
    auto tender = m_storedValue->redeem(m_open, *check, take, m_config.currency, staffId());
    if (!tender)
        return fail(tender.error());
    m_tenders.append(*tender);
    const QString paidNote = tr("Card %1 paid %2; %3 is left on it.")
                                 .arg(tender->reference, money(take), money(check->balanceMinor - take));
    Q_EMIT paymentChanged();
    if (remainingMinor() == 0 && !pay(Payment { Payment::Method::Cash, std::nullopt, 1 }))
        return false;
    m_notice = paidNote;
    Q_EMIT noticeChanged();
    return true;
}

bool SaleController::loadStoredValue(const QString &number, const QString &amount)
{
    constexpr qint64 kMaxLoadMajor = 1000; // in the sale's currency: a card is loaded with at most this much at once
    if (!m_storedValue)
        return fail(makeError(ErrorCode::Refused, tr("Gift cards are not set up on this till.")));
    if (!m_tenders.isEmpty())
        return fail(makeError(
            ErrorCode::InvalidInput, tr("Payment has started: take the payments back before adding a gift card.")));
    const auto value = typedAmount(amount);
    if (!value)
        return false;
    const qint64 maxMinor = kMaxLoadMajor * m_config.currency.minorPerMajor();
    if (*value <= 0 || *value > maxMinor)
        return fail(makeError(ErrorCode::InvalidInput,
            tr("A gift card is loaded with more than nothing and at most %1.").arg(money(maxMinor))));
    const bool generated = number.trimmed().isEmpty();
    QString canonical = CardNumber::generate();
    if (!generated) {
        auto parsed = CardNumber::parse(number);
        if (!parsed)
            return fail(parsed.error());
        canonical = *parsed;
    }
    const QString card = CardNumber::hash(canonical);
    StoredValueLoad load { card, CardNumber::last4(canonical), Tender::Kind::GiftCard, true, std::nullopt };
    if (!generated) {
        // A typed or scanned card: the hub says whether it is new (activated now) or one to top up.
        auto asked = m_askHub ? m_askHub(card) : std::nullopt;
        std::optional<StoredValueCard> known;
        if (asked) {
            known = *asked;
        } else {
            auto local = m_storedValue->known(card);
            if (!local)
                return fail(local.error());
            if (!*local)
                return fail(makeError(ErrorCode::Refused,
                    tr("The hub cannot be reached to confirm card …%1 is new: sell a card with a new number, or try "
                       "again when the hub is back.")
                        .arg(load.last4)));
            known = *local;
        }
        if (known) {
            if (known->blocked || (known->expiresAtMs && *known->expiresAtMs <= m_clock()))
                return fail(makeError(ErrorCode::InvalidInput,
                    tr("Card …%1 is blocked or expired: it cannot be topped up.").arg(load.last4)));
            if (known->currency != m_config.currency)
                return fail(makeError(ErrorCode::InvalidInput,
                    tr("Card …%1 holds %2, and this sale is in %3.")
                        .arg(load.last4, known->currency.code(), m_config.currency.code())));
            load.kind = known->kind;
            load.issue = false;
        }
    }
    if (load.issue)
        load.expiresAtMs = m_clock() + qint64(3 * 365 + 1) * 24 * 3600 * 1000; // three years
    const QString name = load.issue ? tr("Gift card …%1").arg(load.last4) : tr("Gift card top-up …%1").arg(load.last4);
    auto line = m_cart.addStoredValue(load, Money(*value, m_config.currency), name);
    if (!line)
        return fail(line.error());
    if (load.issue)
        m_newCards.insert(card, canonical);
    m_model.reset();
    changed();
    return true;
}

bool SaleController::pay(Payment payment)
{
    if (m_staff && !m_staff->session.current())
        return fail(makeError(ErrorCode::Refused, tr("Nobody is signed in at this till: sign in first.")));
    cancelApproval();
    payment.earlier = m_tenders;
    if (const qint64 prepaid = prepaidUsedMinor(); prepaid > 0) {
        // Paid online before (an order collected here): first of the sale's tenders, and its only one when it paid
        // everything.
        Tender online { Tender::Kind::Online, prepaid, prepaid, m_prepaid->second };
        if (remainingMinor() <= 0 && !m_exchange)
            payment = Payment { Tender::Kind::Online, std::nullopt, 1, online.reference, m_tenders };
        else
            payment.earlier.prepend(online);
    }
    SaleStore::AlsoInTransaction alsoReturn;
    if (m_exchange) {
        // The goods coming back pay first; when they pay everything, they are the sale's only tender.
        const qint64 used = exchangeUsedMinor();
        Tender credit { Tender::Kind::Exchange, used, used, exchangeReference() };
        if (remainingMinor() <= 0) { // paidMinor() counts the credit used
            payment = Payment { Tender::Kind::Exchange, std::nullopt, 1, credit.reference, m_tenders };
        } else if (used > 0) {
            payment.earlier.prepend(credit);
        }
        alsoReturn = [this, used](const SaleReceipt &sale) -> Status {
            ReturnRequest r = m_exchange->request;
            r.exchangeReceiptNo = sale.receiptNo;
            r.refunds.clear();
            if (used > 0) {
                Refund toSale;
                toSale.kind = QStringLiteral("exchange");
                toSale.amountMinor = used;
                r.refunds.append(toSale);
            }
            // What the credit does not use goes back as the return would have paid it.
            const qint64 left = m_exchange->creditMinor - used;
            if (left > 0) {
                QList<Refund> rest;
                if (m_exchange->leftoverKind.isEmpty()) {
                    rest = ReturnStore::defaultRefunds(r.original, left);
                } else {
                    Refund one;
                    one.kind = m_exchange->leftoverKind;
                    one.amountMinor = left;
                    rest = { one };
                }
                for (Refund &f : rest) {
                    if (f.kind == u"card")
                        f.reference = m_exchange->cardCode;
                }
                r.refunds += rest;
            }
            auto recorded = m_exchange->store->record(
                r, m_exchange->by, m_exchange->approval, ReturnStore::Transactions::Callers);
            return recorded ? Status(Ok {}) : Status(recorded.error());
        };
    }
    if (loyaltyActive()) {
        // The points this sale earns go into its event; the receipt shows the balance with them.
        SaleCustomer customer = *m_cart.customer();
        customer.pointsEarned = m_rules->earned(m_cart, m_customerTier, paidWithPoints(m_tenders));
        customer.pointsBalance = m_customerPoints + *customer.pointsEarned;
        m_cart.setCustomer(customer);
    }
    auto receipt = m_store.record(m_cart, payment, alsoReturn);
    if (!receipt) {
        if (receipt.error().code == ErrorCode::Conflict) { // a part payment was taken back meanwhile
            if (auto kept = m_open.list())
                m_tenders = *kept;
            Q_EMIT paymentChanged();
        }
        return fail(receipt.error()); // the cart stays as it was: nothing is lost, the cashier can retry
    }
    m_tenders.clear();
    m_cardAmount.reset();
    m_exchange.reset();
    m_lastReceipt = receipt->receiptNo;
    dismissNotice();
    QStringList issued;
    for (const CartLine &l : receipt->lines) {
        if (!l.storedValue || !l.storedValue->issue)
            continue;
        // Until the hub counts the new card, this till knows it from its own sale: a row holding nothing, plus this
        // till's use since (the load), so the card can be spent here offline too. (A card line exists only with
        // m_storedValue set: loadStoredValue adds it.)
        const StoredValueLoad &load = *l.storedValue;
        if (auto st = m_storedValue->remember(StoredValueCard {
                load.card, load.last4, load.kind, receipt->currency, 0, load.expiresAtMs, false, 0, {} });
            !st)
            qCWarning(lcTill) << "the new card is not remembered:" << st.error().message;
        if (const auto number = m_newCards.constFind(load.card); number != m_newCards.cend()) {
            Q_EMIT cardIssued(CardNumber::grouped(*number), money(l.totalMinor));
            issued.append(tr("Gift card …%1 holds %2.").arg(load.last4, money(l.totalMinor)));
        }
    }
    m_newCards.clear();
    m_cart.clear();
    m_onlineQuantities.clear();
    m_prepaid.reset();
    m_model.reset();
    Q_EMIT totalsChanged();
    Q_EMIT customerChanged();
    Q_EMIT lastReceiptChanged();
    Q_EMIT saleRecorded(*receipt);
    Q_EMIT paymentChanged();
    Q_EMIT saleCompleted(receipt->receiptNo, money(receipt->settlement.changeMinor));
    if (!issued.isEmpty()) {
        m_notice = issued.join(u' ') + u' ' + tr("Its number is printed for the customer.");
        Q_EMIT noticeChanged();
    }
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
    takeBackOrphans();
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
