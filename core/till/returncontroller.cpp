// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/returncontroller.h"

#include "core/catalog/catalog.h"
#include "core/sale/cart.h"
#include "core/sale/salestore.h"
#include "core/sale/scanresolver.h"
#include "core/staff/staffstore.h"
#include "core/storedvalue/cardnumber.h"
#include "core/till/logging.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"

#include <QDateTime>
#include <QJsonDocument>

namespace omnitill {

namespace {
QString tenderName(const QString &kind)
{
    if (kind == u"cash")
        return ReturnController::tr("Cash");
    if (kind == u"card")
        return ReturnController::tr("Card");
    if (kind == u"gift_card")
        return ReturnController::tr("Gift card");
    if (kind == u"store_credit")
        return ReturnController::tr("Store credit");
    if (kind == u"points")
        return ReturnController::tr("Points");
    if (kind == u"online")
        return ReturnController::tr("Online payment");
    return kind;
}
} // namespace

ReturnController::ReturnController(ReturnStore &store, Catalog &catalog, StaffSession &session, StaffStore &staff,
    Currency currency, Clock clock, QLocale locale, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_session(session)
    , m_staff(staff)
    , m_currency(std::move(currency))
    , m_clock(std::move(clock))
    , m_locale(std::move(locale))
{
    // Whoever signs in next does not inherit a return waiting for a manager.
    connect(&session, &StaffSession::changed, this, &ReturnController::cancelApproval);
}

void ReturnController::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
}

QString ReturnController::money(qint64 minor) const
{
    const Currency c = m_original ? m_original->currency : m_currency;
    return shownNumber(Money(minor, c).toString(), m_locale);
}

QString ReturnController::quantity(qint64 milli, const QString &unit) const
{
    return shownNumber(formatQuantity(milli, unitFromString(unit).value_or(Unit::Each)), m_locale);
}

bool ReturnController::fail(const QString &message)
{
    qCInfo(lcTill) << "return refused:" << message;
    Q_EMIT errorOccurred(message);
    return false;
}

QVariantMap ReturnController::original() const
{
    if (!m_original)
        return {};
    const OriginalSale &o = *m_original;
    QString source;
    switch (o.source) {
    case OriginalSale::Source::Hub:
        source = tr("As the hub knows it, with every return so far");
        break;
    case OriginalSale::Source::ThisTill:
        source = tr("Sold at this till. The hub cannot be reached: returns at other stores may be missing");
        break;
    case OriginalSale::Source::CachedHeader:
        source = tr("Offline: only the total is known here. Scan the items; a manager approves up to %1")
                     .arg(money(m_store.policy().unverifiedLimitMinor));
        break;
    }
    const QString channel = o.channel == u"store" ? tr("Store %1").arg(o.store)
        : o.channel == u"web"                     ? tr("Web shop")
        : o.channel == u"app"                     ? tr("App")
                                                  : o.channel;
    return QVariantMap { { QStringLiteral("receiptNo"), o.receiptNo }, { QStringLiteral("channel"), channel },
        { QStringLiteral("date"),
            m_locale.toString(QDateTime::fromMSecsSinceEpoch(o.createdAtMs), QLocale::ShortFormat) },
        { QStringLiteral("total"), money(o.totalMinor) }, { QStringLiteral("sourceText"), source },
        { QStringLiteral("headerOnly"), o.headerOnly() },
        { QStringLiteral("returnable"), money(o.returnableMinor()) } };
}

QVariantList ReturnController::lines() const
{
    QVariantList out;
    for (const Row &r : m_rows) {
        const bool scanned = r.line.originalLineNo == 0;
        out.append(QVariantMap { { QStringLiteral("name"), r.line.name }, { QStringLiteral("sku"), r.line.sku },
            { QStringLiteral("bought"), scanned ? QString() : quantity(r.boughtMilli, r.line.unit) },
            { QStringLiteral("returned"), scanned ? QString() : quantity(r.returnedMilli, r.line.unit) },
            { QStringLiteral("returnable"), scanned ? QString() : quantity(r.returnableMilli, r.line.unit) },
            { QStringLiteral("none"), !scanned && r.returnableMilli == 0 },
            { QStringLiteral("qty"), quantity(r.line.qtyMilli, r.line.unit) },
            { QStringLiteral("amount"), money(r.line.amountMinor) }, { QStringLiteral("restock"), r.line.restock },
            { QStringLiteral("scanned"), scanned } });
    }
    return out;
}

qint64 ReturnController::totalMinor() const
{
    qint64 total = 0;
    for (const Row &r : m_rows)
        total += r.line.qtyMilli > 0 ? r.line.amountMinor : 0;
    return total;
}

QList<Refund> ReturnController::plannedRefunds() const
{
    const qint64 total = totalMinor();
    if (total <= 0)
        return {};
    if (m_refundKind.isEmpty())
        return ReturnStore::defaultRefunds(m_original, total);
    Refund r;
    r.kind = m_refundKind;
    r.amountMinor = total;
    return { r };
}

bool ReturnController::needs(QStringView kind) const
{
    const QList<Refund> planned = plannedRefunds();
    return std::any_of(planned.cbegin(), planned.cend(), [kind](const Refund &r) { return r.kind == kind; });
}

QVariantList ReturnController::refunds() const
{
    QVariantList out;
    for (const Refund &r : plannedRefunds())
        out.append(QVariantMap { { QStringLiteral("kind"), r.kind }, { QStringLiteral("name"), tenderName(r.kind) },
            { QStringLiteral("amount"), money(r.amountMinor) }, { QStringLiteral("needsCode"), r.kind == u"card" },
            { QStringLiteral("needsCard"), r.kind == u"gift_card" } });
    return out;
}

bool ReturnController::scan(const QString &code)
{
    const QString text = code.trimmed();
    if (text.isEmpty())
        return false;
    if (!m_original && !m_withoutReceipt)
        return find(text);
    if (!receiptTokenIn(text).isEmpty())
        return fail(tr("A return is open: finish or clear it before scanning another receipt"));
    return addScanned(text);
}

bool ReturnController::find(const QString &typed)
{
    const QString text = typed.trimmed().left(512);
    if (text.isEmpty())
        return fail(tr("Scan the receipt's QR code or type its number"));
    const QString token = receiptTokenIn(text);
    if (token.isEmpty() && (text.contains(u"://") || text.size() > 64))
        return fail(tr("This code is not a receipt of ours (another shop's QR code?)"));
    const QString number = token.isEmpty() ? text : QString();
    clear();

    // The hub first: it knows every store's sales, every online order and every return so far.
    bool hubReached = false;
    if (m_fetch) {
        const auto answer = m_fetch(number, token.isEmpty() ? QString() : SaleStore::receiptTokenHash(token));
        if (answer) {
            hubReached = true;
            const QJsonDocument doc = QJsonDocument::fromJson(*answer);
            if (doc.isObject()) {
                auto parsed = OriginalSale::fromJson(doc.object());
                if (!parsed)
                    return fail(
                        tr("The hub's answer about this receipt could not be read: %1").arg(parsed.error().message));
                if (auto st = m_store.addUncounted(*parsed); !st)
                    return fail(st.error().message);
                open(*parsed);
                return true;
            }
        }
    }
    // This till's own sales, then the customers' orders it has cached.
    auto local = token.isEmpty() ? m_store.findLocal(number) : m_store.findLocalByToken(token);
    if (!local)
        return fail(local.error().message);
    if (*local) {
        if (hubReached)
            (*local)->source = OriginalSale::Source::ThisTill; // not yet at the hub: sync has not sent it
        open(**local);
        return true;
    }
    if (hubReached)
        return fail(token.isEmpty() ? tr("No sale or online order of ours has the number %1").arg(number.left(64))
                                    : tr("This QR code is not a receipt of ours (another shop's, or a copy)"));
    if (!number.isEmpty()) {
        auto header = m_store.findCachedHeader(number);
        if (!header)
            return fail(header.error().message);
        if (*header) {
            open(**header);
            return true;
        }
    }
    return fail(tr("The hub cannot be reached and this receipt is not known here: take it back without a receipt, "
                   "or try again when the till is online"));
}

void ReturnController::open(const OriginalSale &original)
{
    m_original = original;
    m_rows.clear();
    for (const OriginalLine &l : original.lines) {
        Row r;
        r.line.originalLineNo = l.lineNo;
        r.line.sku = l.sku;
        r.line.name = l.name;
        r.line.unit = l.unit;
        r.line.variantId = l.variantId;
        r.line.taxClass = l.taxClass;
        r.line.rateMilliPct = l.rateMilliPct;
        r.line.qtyMilli = 0;
        r.boughtMilli = l.qtyMilli;
        r.returnedMilli = l.returnedMilli;
        r.returnableMilli = l.returnableMilli();
        m_rows.append(r);
    }
    qCInfo(lcTill) << "return: found" << original.receiptNo << "(" << original.sourceCode() << ")";
    Q_EMIT changed();
}

void ReturnController::startWithoutReceipt()
{
    clear();
    m_withoutReceipt = true;
    Q_EMIT changed();
}

bool ReturnController::addScanned(const QString &code)
{
    // A line of the receipt: one more of it.
    if (m_original && !m_original->headerOnly()) {
        auto resolved = resolveScan(m_catalog, code, m_original->currency, m_clock());
        const QString sku = resolved ? resolved->item.sku : code;
        for (int i = 0; i < m_rows.size(); ++i) {
            Row &r = m_rows[i];
            if (r.line.sku != sku)
                continue;
            const qint64 step
                = unitFromString(r.line.unit).value_or(Unit::Each) == Unit::Each ? 1000 : r.returnableMilli;
            if (r.line.qtyMilli + step > r.returnableMilli)
                continue;
            return setQuantity(i, quantity(r.line.qtyMilli + step, r.line.unit));
        }
        return fail(resolved ? tr("%1 is not on this receipt, or all of it is already coming back").arg(sku)
                             : resolved.error().message);
    }
    // No lines known: the item at its price today.
    auto resolved = resolveScan(m_catalog, code, m_original ? m_original->currency : m_currency, m_clock());
    if (!resolved)
        return fail(resolved.error().message);
    const CatalogItem &item = resolved->item;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].line.sku == item.sku) {
            Row &r = m_rows[i];
            r.line.qtyMilli += resolved->quantity;
            r.line.amountMinor += item.price.minor() * resolved->quantity / 1000;
            Q_EMIT changed();
            return true;
        }
    }
    Row r;
    r.line.sku = item.sku;
    r.line.name = item.name;
    r.line.unit = unitToString(item.unit);
    r.line.variantId = item.variantId;
    r.line.qtyMilli = resolved->quantity;
    r.line.amountMinor = item.price.minor() * resolved->quantity / 1000;
    r.line.taxClass = item.tax.code;
    r.line.rateMilliPct = item.tax.rateMilliPct;
    m_rows.append(r);
    Q_EMIT changed();
    return true;
}

bool ReturnController::setQuantity(int row, const QString &text)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    Row &r = m_rows[row];
    auto q = parseQuantity(typedNumber(text.isEmpty() ? QStringLiteral("0") : text, m_locale));
    if (!q && text.trimmed() != u"0")
        return fail(q.error().message);
    const qint64 milli = q ? *q : 0;
    if (r.line.originalLineNo > 0) {
        if (milli > r.returnableMilli)
            return fail(tr("%1: %2 bought, %3 already returned; at most %4 can come back")
                            .arg(r.line.name, quantity(r.boughtMilli, r.line.unit),
                                quantity(r.returnedMilli, r.line.unit), quantity(r.returnableMilli, r.line.unit)));
        const auto it = std::find_if(m_original->lines.cbegin(), m_original->lines.cend(),
            [&](const OriginalLine &l) { return l.lineNo == r.line.originalLineNo; });
        r.line.qtyMilli = milli;
        r.line.amountMinor = it == m_original->lines.cend() ? 0 : it->refundFor(milli);
    } else {
        const qint64 unitPrice = r.line.qtyMilli > 0 ? r.line.amountMinor * 1000 / r.line.qtyMilli : 0;
        r.line.qtyMilli = milli;
        r.line.amountMinor = unitPrice * milli / 1000;
        if (milli == 0)
            m_rows.removeAt(row);
    }
    Q_EMIT changed();
    return true;
}

void ReturnController::setRestock(int row, bool restock)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].line.restock = restock;
    Q_EMIT changed();
}

void ReturnController::setRefundKind(const QString &kind)
{
    static const QStringList kinds
        = { QString(), QStringLiteral("cash"), QStringLiteral("card"), QStringLiteral("store_credit") };
    if (!kinds.contains(kind) || m_refundKind == kind)
        return;
    m_refundKind = kind;
    Q_EMIT changed();
}

ReturnRequest ReturnController::request() const
{
    ReturnRequest r;
    r.original = m_original;
    r.currency = m_currency;
    for (const Row &row : m_rows) {
        if (row.line.qtyMilli > 0)
            r.lines.append(row.line);
    }
    r.refunds = plannedRefunds();
    return r;
}

bool ReturnController::complete(const QString &reason, const QString &cardCode, const QString &giftCard)
{
    return ask(request(), reason, cardCode, giftCard, false);
}

bool ReturnController::exchange(const QString &reason, const QString &cardCode)
{
    if (!m_sale)
        return fail(tr("This till takes no exchanges"));
    if (!m_sale->exchangeCredit().isEmpty())
        return fail(tr("The sale already has an exchange: finish it first"));
    ReturnRequest r = request();
    // The goods pay for other goods: no money goes back unless the new ones cost less.
    Refund credit;
    credit.kind = QStringLiteral("exchange");
    credit.amountMinor = totalMinor();
    r.refunds = { credit };
    return ask(r, reason, cardCode, {}, true);
}

bool ReturnController::ask(
    ReturnRequest r, const QString &reason, const QString &cardCode, const QString &giftCard, bool exchange)
{
    if (!m_session.current())
        return fail(tr("Sign in first"));
    if (!m_original && !m_withoutReceipt)
        return fail(tr("Scan the receipt's QR code or type its number"));
    if (r.lines.isEmpty())
        return fail(tr("Choose how many of each item come back"));
    if (reason.trimmed().isEmpty())
        return fail(tr("Say why the items come back"));
    r.reason = reason;
    const StaffMember &by = *m_session.current();
    // What the person may not do waits for a manager's approval of this very return.
    const QList<Permission> needed = m_store.needs(r);
    for (const Permission p : needed) {
        if (!by.may(p)) {
            m_pending = Pending { r, cardCode, giftCard, needed.constFirst(), exchange };
            m_approvalMessage.clear();
            qCInfo(lcTill) << by.name << "asks a manager to approve a return:" << permissionName(m_pending->what);
            Q_EMIT approvalChanged();
            return false;
        }
    }
    return exchange ? handOver(r, cardCode, std::nullopt) : record(r, cardCode, giftCard, std::nullopt);
}

bool ReturnController::handOver(
    const ReturnRequest &r, const QString &cardCode, const std::optional<OverrideApproval> &approval)
{
    const qint64 credit = totalMinor();
    m_sale->startExchange(m_store, r, *m_session.current(), approval, credit, m_refundKind, cardCode);
    qCInfo(lcTill) << "exchange started:" << credit << "toward the sale on the Sell page";
    clear();
    m_done = tr("Exchange: %1 toward the sale on the Sell page. Nothing is recorded until that sale is paid.")
                 .arg(money(credit));
    Q_EMIT changed();
    Q_EMIT exchangeStarted();
    return true;
}

bool ReturnController::record(
    ReturnRequest r, const QString &cardCode, const QString &giftCard, const std::optional<OverrideApproval> &approval)
{
    for (Refund &refund : r.refunds) {
        if (refund.kind == u"card") {
            refund.reference = cardCode;
        } else if (refund.kind == u"gift_card") {
            auto number = CardNumber::parse(giftCard);
            if (!number)
                return fail(tr("The refund goes onto the gift card that paid: %1").arg(number.error().message));
            refund.card = CardNumber::hash(*number);
            refund.reference = CardNumber::last4(*number);
        }
    }
    auto recorded = m_store.record(r, *m_session.current(), approval);
    if (!recorded)
        return fail(recorded.error().message);
    QStringList todo;
    for (const Refund &refund : recorded->refunds) {
        if (refund.kind == u"cash")
            todo << tr("give %1 in cash").arg(money(refund.amountMinor));
        else if (refund.kind == u"card")
            todo << tr("%1 refunded on the card terminal").arg(money(refund.amountMinor));
        else if (!refund.newNumber.isEmpty())
            todo << tr("%1 on the new store credit %2")
                        .arg(money(refund.amountMinor), CardNumber::grouped(refund.newNumber));
        else if (refund.kind == u"points")
            todo << tr("%1 points back to the customer").arg(refund.points);
        else if (refund.kind == u"online")
            todo << tr("%1 back to the online payment").arg(money(refund.amountMinor));
        else
            todo << tr("%1 onto the card ending %2").arg(money(refund.amountMinor), refund.reference);
    }
    const ReturnRecord record = *recorded;
    clear();
    m_done = tr("Return %1 recorded: %2").arg(record.returnNo, todo.join(QStringLiteral("; ")));
    Q_EMIT changed();
    Q_EMIT returnRecorded(record);
    return true;
}

QString ReturnController::approvalAction() const
{
    return m_pending ? permissionName(m_pending->what) : QString();
}

QVariantList ReturnController::approvers() const
{
    return m_pending && m_session.current() ? StaffSession::approvers(m_staff, m_pending->what, m_session.current()->id)
                                            : QVariantList();
}

bool ReturnController::approve(const QString &managerId, const QString &pin)
{
    if (!m_pending || !m_session.current())
        return false;
    return finishApproval(
        m_staff.approve(*m_session.current(), managerId, pin, m_pending->what, m_pending->request.reason));
}

bool ReturnController::approveWithBadge(const QString &badge)
{
    if (!m_pending || !m_session.current())
        return false;
    return finishApproval(
        m_staff.approveWithBadge(*m_session.current(), badge, m_pending->what, m_pending->request.reason));
}

bool ReturnController::finishApproval(Result<OverrideApproval> approval)
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
    if (pending.exchange)
        return handOver(pending.request, pending.cardCode, *approval);
    return record(pending.request, pending.cardCode, pending.giftCard, *approval);
}

void ReturnController::cancelApproval()
{
    if (!m_pending)
        return;
    m_pending.reset();
    m_approvalMessage.clear();
    Q_EMIT approvalChanged();
}

void ReturnController::clear()
{
    m_original.reset();
    m_withoutReceipt = false;
    m_rows.clear();
    m_refundKind.clear();
    m_done.clear();
    cancelApproval();
    Q_EMIT changed();
}

} // namespace omnitill
