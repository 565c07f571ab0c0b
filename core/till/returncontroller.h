// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/returns/returns.h"

#include <QLocale>
#include <QObject>
#include <QVariantList>
#include <QVariantMap>

#include <optional>

namespace omnitill {

class Catalog;
class SaleController;
class StaffSession;
class StaffStore;

// The Returns page: find what comes back (the receipt's QR code scanned, a receipt or online order number typed;
// the hub asked first, then this till's own sales, then the customers' cached orders when it cannot be), choose how
// much of each line, restock or write off, see where the refund goes (the original tenders; another by permission or
// a manager's approval), and record it. Without a receipt the items are scanned and refunded as store credit.
class ReturnController : public QObject
{
    Q_OBJECT
    // While the Returns page is shown, scans come here (app/till composition).
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    // {receiptNo, channel, store, date, total, sourceText, headerOnly, returnable}; empty before one is found.
    Q_PROPERTY(QVariantMap original READ original NOTIFY changed)
    Q_PROPERTY(bool withoutReceipt READ withoutReceipt NOTIFY changed)
    // [{name, detail, bought, returned, returnable, qty, amount, restock, scanned}]: qty is what comes back now.
    Q_PROPERTY(QVariantList lines READ lines NOTIFY changed)
    Q_PROPERTY(QString total READ total NOTIFY changed)
    // Where the refund goes: [{kind, name, amount, needsCode, needsCard}].
    Q_PROPERTY(QVariantList refunds READ refunds NOTIFY changed)
    // Whether the refund needs the card terminal's approval code, or the gift card that paid.
    Q_PROPERTY(bool needsCardCode READ needsCardCode NOTIFY changed)
    Q_PROPERTY(bool needsGiftCard READ needsGiftCard NOTIFY changed)
    // "" for the original tenders, else the one tender chosen instead ("cash", "card", "store_credit").
    Q_PROPERTY(QString refundKind READ refundKind NOTIFY changed)
    // After a return is recorded: what the cashier does now ("Give EUR 8.00 in cash"), and the refund slip's number.
    Q_PROPERTY(QString done READ done NOTIFY changed)
    Q_PROPERTY(bool approvalPending READ approvalPending NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalAction READ approvalAction NOTIFY approvalChanged)
    Q_PROPERTY(QVariantList approvers READ approvers NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalMessage READ approvalMessage NOTIFY approvalChanged)

public:
    ReturnController(ReturnStore &store, Catalog &catalog, StaffSession &session, StaffStore &staff, Currency currency,
        Clock clock, QLocale locale, QObject *parent = nullptr);
    void setFetch(FetchOriginal fetch) { m_fetch = std::move(fetch); }
    // Where an exchange continues: the goods chosen here pay toward the sale there, recorded with it.
    void setSale(SaleController *sale) { m_sale = sale; }

    bool active() const { return m_active; }
    void setActive(bool active);
    QVariantMap original() const;
    bool withoutReceipt() const { return m_withoutReceipt; }
    QVariantList lines() const;
    QString total() const { return money(totalMinor()); }
    QVariantList refunds() const;
    QString refundKind() const { return m_refundKind; }
    bool needsCardCode() const { return needs(u"card"); }
    bool needsGiftCard() const { return needs(u"gift_card"); }
    QString done() const { return m_done; }
    bool approvalPending() const { return m_pending.has_value(); }
    QString approvalAction() const;
    QVariantList approvers() const;
    QString approvalMessage() const { return m_approvalMessage; }

    // A scan while the page is shown: the receipt's QR code (or a number) when nothing is open yet, else an item
    // coming back (a line of the receipt, one more of it; or, without lines, the item at its price today).
    Q_INVOKABLE bool scan(const QString &code);
    // Looks up what the cashier typed or scanned: an e-receipt link, a receipt number, an online order number.
    Q_INVOKABLE bool find(const QString &text);
    Q_INVOKABLE void startWithoutReceipt();
    Q_INVOKABLE bool setQuantity(int row, const QString &quantity);
    Q_INVOKABLE void setRestock(int row, bool restock);
    // All the refund to one tender instead of the original ones ("" goes back to them).
    Q_INVOKABLE void setRefundKind(const QString &kind);
    // Records the return: `reason` why, the card terminal's approval code for a card refund, the gift card's number
    // when the refund goes onto one. False when refused (errorOccurred says why) or waiting for a manager.
    Q_INVOKABLE bool complete(const QString &reason, const QString &cardCode = {}, const QString &giftCard = {});
    // An exchange: what comes back pays toward a sale on the Sell page instead of being refunded (what the new goods
    // do not use is refunded as complete() would, with `cardCode` for a card). Nothing is recorded until that sale
    // is paid, and then both in one transaction; exchangeStarted() asks for the Sell page.
    Q_INVOKABLE bool exchange(const QString &reason, const QString &cardCode = {});
    Q_INVOKABLE void clear();
    Q_INVOKABLE bool approve(const QString &managerId, const QString &pin);
    bool approveWithBadge(const QString &badge);
    Q_INVOKABLE void cancelApproval();

Q_SIGNALS:
    void activeChanged();
    void changed();
    void approvalChanged();
    void errorOccurred(const QString &message);
    void returnRecorded(const omnitill::ReturnRecord &record);
    void exchangeStarted();

private:
    struct Row
    {
        ReturnLine line;
        qint64 boughtMilli = 0; // 0 for a scanned line
        qint64 returnedMilli = 0;
        qint64 returnableMilli = 0;
    };
    struct Pending
    {
        ReturnRequest request;
        QString cardCode, giftCard;
        Permission what;
        bool exchange = false;
    };
    bool fail(const QString &message);
    void open(const OriginalSale &original);
    bool addScanned(const QString &code);
    qint64 totalMinor() const;
    QString money(qint64 minor) const;
    QString quantity(qint64 milli, const QString &unit) const;
    ReturnRequest request() const;
    QList<Refund> plannedRefunds() const;
    bool needs(QStringView kind) const;
    bool record(ReturnRequest request, const QString &cardCode, const QString &giftCard,
        const std::optional<OverrideApproval> &approval);
    bool finishApproval(Result<OverrideApproval> approval);
    bool ask(
        ReturnRequest request, const QString &reason, const QString &cardCode, const QString &giftCard, bool exchange);
    bool handOver(
        const ReturnRequest &request, const QString &cardCode, const std::optional<OverrideApproval> &approval);

    ReturnStore &m_store;
    Catalog &m_catalog;
    StaffSession &m_session;
    StaffStore &m_staff;
    Currency m_currency;
    Clock m_clock;
    QLocale m_locale;
    FetchOriginal m_fetch;
    SaleController *m_sale = nullptr;
    bool m_active = false;
    std::optional<OriginalSale> m_original;
    bool m_withoutReceipt = false;
    QList<Row> m_rows;
    QString m_refundKind;
    QString m_done;
    std::optional<Pending> m_pending;
    QString m_approvalMessage;
};

} // namespace omnitill
