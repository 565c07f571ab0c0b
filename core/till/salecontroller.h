// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/codes/scanresult.h"
#include "core/codes/variablemeasure.h"
#include "core/customers/customerstore.h"
#include "core/loyalty/loyalty.h"
#include "core/returns/returns.h"
#include "core/sale/cart.h"
#include "core/sale/salestore.h"
#include "core/staff/staffstore.h"
#include "core/storedvalue/storedvalue.h"
#include "core/till/cartmodel.h"

#include <QJsonObject>
#include <QLocale>
#include <QObject>
#include <QVariantList>

#include <functional>
#include <optional>

namespace omnitill {

class Adjustments;
class Catalog;
class ParkedSales;
class ShiftStore;
class StaffSession;
class Voids;
struct Payment;

// The till's current sale: scan, adjust, discount, pay. Every failure is reported once through errorOccurred with a
// message for the cashier; the cart is left unchanged by a failed action.
//
// Counter actions (void a line or the sale, override a price, discount a line or the sale) are done by the person
// signed in (StaffSession), with a reason, through Voids and Adjustments, which check the role and write the journal.
// When the role does not allow one, the action waits for a manager (approvalPending): a manager's PIN (approve) or
// badge (approveWithBadge) on this till approves that very action, offline too, and it is then done; anything else
// that changes the sale, or another person signing in, drops the waiting action.
class SaleController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(omnitill::CartModel *lines READ lines CONSTANT)
    Q_PROPERTY(QString currency READ currency CONSTANT)
    Q_PROPERTY(QString decimalPoint READ decimalPoint CONSTANT)
    Q_PROPERTY(QStringList reasons READ reasons CONSTANT)
    Q_PROPERTY(QString subtotal READ subtotal NOTIFY totalsChanged)
    Q_PROPERTY(QString discount READ discount NOTIFY totalsChanged)
    Q_PROPERTY(QString tax READ tax NOTIFY totalsChanged)
    Q_PROPERTY(QString total READ total NOTIFY totalsChanged)
    Q_PROPERTY(int lineCount READ lineCount NOTIFY totalsChanged)
    Q_PROPERTY(QString lastReceipt READ lastReceipt NOTIFY lastReceiptChanged)
    // Something the cashier must know before going on (the till stopped unexpectedly, see TillSession); stays until
    // dismissed or the next sale completes.
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    // A counter action waiting for a manager: what it is ("void a sale"), who may approve it ([{id, name, role}]),
    // and why the last attempt to approve failed.
    Q_PROPERTY(bool approvalPending READ approvalPending NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalAction READ approvalAction NOTIFY approvalChanged)
    Q_PROPERTY(QVariantList approvers READ approvers NOTIFY approvalChanged)
    Q_PROPERTY(QString approvalMessage READ approvalMessage NOTIFY approvalChanged)
    Q_PROPERTY(int parkedCount READ parkedCount NOTIFY parkedChanged)
    // Split tender: the part payments taken so far ([{id, kind, name, amount, reference}]), what they come to, and
    // what is left to pay; a card charge waiting for the card terminal's answer (cardPending, for cardAmount).
    Q_PROPERTY(QVariantList tenders READ tenders NOTIFY paymentChanged)
    Q_PROPERTY(QString paid READ paid NOTIFY paymentChanged)
    Q_PROPERTY(QString remaining READ remaining NOTIFY paymentChanged)
    // An exchange: what the goods coming back are worth toward this sale ("" when none).
    Q_PROPERTY(QString exchangeCredit READ exchangeCredit NOTIFY paymentChanged)
    Q_PROPERTY(bool cardPending READ cardPending NOTIFY paymentChanged)
    Q_PROPERTY(QString cardAmount READ cardAmount NOTIFY paymentChanged)
    // The customer the sale is for (empty when none): attached from the Customers page or by scanning their card.
    Q_PROPERTY(QString customerId READ customerId NOTIFY customerChanged)
    Q_PROPERTY(QString customerName READ customerName NOTIFY customerChanged)
    Q_PROPERTY(QString customerDetail READ customerDetail NOTIFY customerChanged) // "Gold · 1,234 points"
    // Loyalty (when the chain has rules and a customer is on the sale): the points this sale earns as it stands.
    Q_PROPERTY(bool loyaltyActive READ loyaltyActive NOTIFY customerChanged)
    Q_PROPERTY(QString pointsToEarn READ pointsToEarn NOTIFY totalsChanged)
    // The chain's rewards: [{id, name, points, value}].
    Q_PROPERTY(QVariantList rewards READ rewards NOTIFY customerChanged)

public:
    struct Config
    {
        Currency currency;
        PricingMode mode = PricingMode::TaxInclusive;
        qint64 cashIncrementMinor = 1;
        VariableMeasure::Rules labels; // the store's price/weight label rules (store setting "labels")
        QLocale locale; // how the cashier types numbers: "50,00" in a German store
        QStringList reasons; // what the cashier picks from for a counter action (store setting "counter_reasons")
    };
    // Who does the counter actions and where they are recorded. Without them every counter action is refused.
    struct Staff
    {
        StaffSession &session;
        StaffStore &store;
        Voids &voids;
        Adjustments &adjustments;
    };
    SaleController(Catalog &catalog, SaleStore &store, Clock clock, Config config, QObject *parent = nullptr);
    void setStaff(const Staff &staff);
    // Where sales are parked; without it park() is refused.
    void setParkedSales(ParkedSales &parked);
    // The terminal's cash shifts: with them, the till takes no payment while no shift is open (cash goes into a
    // drawer that was counted, and every sale belongs to a shift's Z report).
    void setShifts(ShiftStore &shifts) { m_shifts = &shifts; }
    // Gift cards: the till's side of the hub's ledger, its offline allowance, and how to ask the hub about a card
    // now (sync/terminal askHubAboutCard; nullopt: the hub could not be asked). Without them gift cards are refused.
    using AskHub = std::function<std::optional<std::optional<StoredValueCard>>(const QString &card)>;
    void setStoredValue(StoredValue &storedValue, StoredValueLimits limits, AskHub ask);
    // The till's customers: with them a scanned loyalty card attaches its customer to the sale.
    void setCustomers(CustomerStore &customers) { m_customers = &customers; }
    // Loyalty points: the till's side of the hub's ledger, and how to ask the hub about a customer now
    // (sync/terminal fetchCustomerProfile; nullopt: the hub could not be asked). Without it no points are earned or
    // redeemed.
    void setLoyalty(Loyalty &loyalty, FetchCustomerProfile fetch);

    CartModel *lines() { return &m_model; }
    QString currency() const { return m_config.currency.code(); }
    // The separator the keypad types: "," in a German store.
    QString decimalPoint() const { return m_config.locale.decimalPoint(); }
    QStringList reasons() const { return m_config.reasons; }
    QString subtotal() const;
    QString discount() const;
    QString tax() const;
    QString total() const;
    int lineCount() const { return int(m_cart.lines().size()); }
    QString lastReceipt() const { return m_lastReceipt; }
    QString notice() const { return m_notice; }
    // At start: the sale recorded last, if any. `stoppedUnexpectedly`: the previous run of the till never ended, so
    // that sale may have completed without the cashier seeing it; the notice says which sale it was and when.
    void resume(const std::optional<SaleStore::Summary> &lastSale, bool stoppedUnexpectedly);
    Q_INVOKABLE void dismissNotice();
    const Cart &cart() const { return m_cart; }

    // A barcode, SKU or GS1 code (element string, bracketed, Digital Link), as typed or scanned. Returns whether an
    // item was added, and says so through scanHandled.
    Q_INVOKABLE bool scan(const QString &code);
    // What a scanner read (ScanService::scanned): its code, with the AIM identifier when that marks GS1 data.
    bool addScan(const omnitill::ScanResult &result);
    Q_INVOKABLE bool setQuantity(int row, const QString &quantity);
    // One more or one less of a line's item; one less of the last one voids the line (with `reason`).
    Q_INVOKABLE bool stepQuantity(int row, int delta, const QString &reason = {});
    // Counter actions; false when refused or waiting for a manager (approvalPending).
    Q_INVOKABLE bool voidLine(int row, const QString &reason);
    Q_INVOKABLE bool voidSale(const QString &reason);
    Q_INVOKABLE bool overridePrice(int row, const QString &unitPrice, const QString &reason);
    Q_INVOKABLE bool setLineDiscountPercent(int row, const QString &percent, const QString &reason);
    Q_INVOKABLE bool setCartDiscountPercent(const QString &percent, const QString &reason);
    bool approvalPending() const { return m_pending.has_value(); }
    QString approvalAction() const;
    QVariantList approvers() const;
    QString approvalMessage() const { return m_approvalMessage; }
    Q_INVOKABLE bool approve(const QString &managerId, const QString &pin);
    bool approveWithBadge(const QString &badge);
    Q_INVOKABLE void cancelApproval();
    // Parks the sale (who parked it and `note` kept with it) and starts an empty one; the parked sale survives a
    // restart. Resuming needs an empty sale and every item still sold here, else it stays parked.
    Q_INVOKABLE bool park(const QString &note = {});
    // The parked sales, oldest first: [{id, parkedAt, staffName, note, total, lines}].
    Q_INVOKABLE QVariantList parkedSales();
    Q_INVOKABLE bool resumeParked(qint64 id);
    int parkedCount() const { return m_parkedCount; }
    // Cash handed over for the quick-cash buttons: the exact amount left to pay, then the next round amounts above.
    Q_INVOKABLE QStringList quickCash() const;
    // Cash handed over (empty: exactly what is left). At least what is left completes the sale, with change; less is
    // a part payment, kept (OpenTenders) and listed in `tenders`, and the rest is paid by another tender.
    Q_INVOKABLE bool payCash(const QString &tendered);
    // Card through the store's card terminal, in two steps (while the charge waits, a scan is its approval code):
    // startCard says how much to charge (empty: all that is left), then the terminal's answer: cardApproved with its
    // approval code (typed or scanned from the slip), which completes the sale when the card paid all that was left, or
    // cardDeclined (declined or cancelled on the terminal; journaled, nothing is taken and the sale stays open).
    // cancelCard: nothing was charged after all.
    Q_INVOKABLE bool startCard(const QString &amount = {});
    Q_INVOKABLE bool cardApproved(const QString &approvalCode);
    Q_INVOKABLE bool cardDeclined(const QString &reason);
    Q_INVOKABLE void cancelCard();
    // Both steps at once, for a card paying all that is left.
    Q_INVOKABLE bool payCard(const QString &approvalCode);
    // A gift card or store credit, typed or scanned, pays `amount` (empty: as much of what is left as it can). The
    // hub is asked for its balance; offline the till goes by what it last knew, within its allowance. The card's
    // payment is a part payment; one that pays all that is left completes the sale.
    Q_INVOKABLE bool payStoredValue(const QString &number, const QString &amount = {});
    // Sells a gift card with `amount` on it as a line of the sale: a new card with a new number (empty `number`; the
    // number is printed for the customer once the sale is paid), a pre-printed card activated (the hub must confirm
    // it is new), or a card the hub knows topped up.
    Q_INVOKABLE bool loadStoredValue(const QString &number, const QString &amount);
    // Takes a part payment back (journaled); the notice tells the cashier to give it back to the customer.
    Q_INVOKABLE bool removeTender(qint64 id);
    // An exchange (the Returns page): `request`, priced at `creditMinor`, pays toward this sale and is recorded in its
    // transaction (ReturnStore::record in the caller's), as `by` with `approval`. What the credit does not use goes
    // back as `leftoverKind` ("" the original tenders), with the card terminal's `cardCode` when a card refund.
    void startExchange(ReturnStore &store, ReturnRequest request, const StaffMember &by,
        const std::optional<OverrideApproval> &approval, qint64 creditMinor, const QString &leftoverKind,
        const QString &cardCode);
    // Drops the exchange: nothing comes back (the goods stay with the customer).
    Q_INVOKABLE void dropExchange();
    QString exchangeCredit() const;
    QVariantList tenders() const;
    QString paid() const;
    QString remaining() const;
    bool cardPending() const { return m_cardAmount.has_value(); }
    QString cardAmount() const { return m_cardAmount ? money(*m_cardAmount) : QString(); }
    QString customerId() const { return m_cart.customer() ? m_cart.customer()->id : QString(); }
    QString customerName() const { return m_cart.customer() ? m_cart.customer()->name : QString(); }
    QString customerDetail() const { return m_cart.customer() ? m_customerDetail : QString(); }

    // Attaches the customer with this id (following a merge) to the sale in progress, at any point before it is paid;
    // another customer attached before is replaced.
    Q_INVOKABLE bool attachCustomer(const QString &id);
    Q_INVOKABLE void detachCustomer();
    bool loyaltyActive() const;
    QString pointsToEarn() const;
    // Pays with points: `points` of them, or (empty) as many as the rest needs and the customer may redeem.
    Q_INVOKABLE bool payPoints(const QString &points = {});
    QVariantList rewards() const;
    // Takes a reward (by its id) off the sale for its points.
    Q_INVOKABLE bool redeemReward(const QString &id);

    // An online cart on the sale (core/handoff, HandoffController): its lines as this store sells them. With the
    // cart already on the sale, its new version replaces it: what the old version brought comes off first (no void:
    // nothing was sold), and lines scanned here stay. The sale then records the cart. Refused once a part payment
    // was taken, or with another online cart on the sale.
    struct OnlineLine
    {
        CatalogItem item;
        qint64 quantity = kQuantityScale;
    };
    // `prepaidMinor`: what the customer paid online for it (an order collected here), the sale's first tender.
    Status putOnlineCart(const SaleOnlineCart &cart, const QList<OnlineLine> &lines, qint64 prepaidMinor = 0);
    // Asked before the first tender of a sale with an online cart: false refuses the payment (the gate says why).
    using PaymentGate = std::function<bool()>;
    void setPaymentGate(PaymentGate gate) { m_paymentGate = std::move(gate); }
    bool paying() const { return !m_tenders.isEmpty() || m_cardAmount.has_value(); }

Q_SIGNALS:
    void totalsChanged();
    void errorOccurred(const QString &message);
    void saleCompleted(const QString &receiptNo, const QString &change);
    // The sale as recorded, for its receipt (emitted just before saleCompleted).
    void saleRecorded(const omnitill::SaleReceipt &sale);
    void noticeChanged();
    void lastReceiptChanged();
    void approvalChanged();
    void parkedChanged();
    // After each scan (and each code typed or tile touched): whether it added an item, for the good and bad sounds.
    void scanHandled(bool accepted);
    void paymentChanged();
    // A new gift card was sold: its number (grouped) for the customer, and what it holds.
    void cardIssued(const QString &number, const QString &value);
    void customerChanged();

private:
    // Does the action as `by`, with `reason`, and with a manager's approval when one was needed.
    using CounterAction = std::function<Status(
        const StaffMember &by, const QString &reason, const std::optional<OverrideApproval> &approval)>;
    struct Pending
    {
        Permission what;
        QString reason;
        StaffMember requester;
        CounterAction act;
    };
    bool counterAction(Permission what, const QString &reason, CounterAction act);
    bool finishApproval(Result<OverrideApproval> approval);
    void changed();
    bool fail(const Error &error);
    // Resolves a code and adds its item to the cart.
    bool addItem(const QString &code);
    bool pay(Payment payment);
    QString money(qint64 minor) const;
    std::optional<qint64> typedAmount(const QString &text);
    qint64 paidMinor() const;
    qint64 remainingMinor() const { return m_cart.totals().totalMinor - paidMinor(); }
    QString staffId() const;
    // Refuses an action that would leave part payments without their sale (voiding, parking).
    bool refuseWhilePaying(const QString &action);
    // The hub's profile of the customer on the sale now, or nullopt when it does not answer.
    std::optional<QJsonObject> liveCustomer() const;
    // After a points tender was taken: the note, the totals, and the sale completed when nothing is left.
    bool tookPoints(const Tender &tender, qint64 balancePoints);
    // Refuses a payment while the shifts are set up and none is open.
    bool refuseWithoutShift();
    // A card or gift card may be charged: the sale has lines, a shift is open, someone is signed in (else fails).
    bool readyToCharge();
    void takeBackOrphans();

    Catalog &m_catalog;
    SaleStore &m_store;
    Clock m_clock;
    Config m_config;
    Cart m_cart;
    CartModel m_model;
    QString m_lastReceipt;
    QString m_notice;
    std::optional<Staff> m_staff;
    ParkedSales *m_parked = nullptr;
    ShiftStore *m_shifts = nullptr;
    int m_parkedCount = 0;
    std::optional<Pending> m_pending;
    QString m_approvalMessage;
    OpenTenders m_open;
    QList<Tender> m_tenders; // the part payments taken for this sale, as m_open keeps them
    std::optional<qint64> m_cardAmount;
    StoredValue *m_storedValue = nullptr;
    StoredValueLimits m_storedValueLimits;
    AskHub m_askHub;
    QHash<QString, QString> m_newCards; // card hash → number, for new cards in the sale
    CustomerStore *m_customers = nullptr;
    QString m_customerDetail; // of the customer attached
    QString m_customerTier;
    qint64 m_customerPoints = 0;
    Loyalty *m_loyalty = nullptr;
    FetchCustomerProfile m_fetchCustomer;
    std::optional<LoyaltyRules> m_rules; // read when a customer is attached
    struct Exchange
    {
        ReturnStore *store = nullptr;
        ReturnRequest request;
        StaffMember by;
        std::optional<OverrideApproval> approval;
        qint64 creditMinor = 0;
        QString leftoverKind;
        QString cardCode;
    };
    std::optional<Exchange> m_exchange;
    PaymentGate m_paymentGate;
    QHash<QString, qint64> m_onlineQuantities; // SKU → what the online cart on the sale brought of it
    std::optional<std::pair<qint64, QString>> m_prepaid; // paid online (an order collected here): amount, order
    qint64 prepaidUsedMinor() const;
    bool passGate(); // the payment gate, before the first tender
    qint64 exchangeUsedMinor() const; // what of the credit this sale takes
    QString exchangeReference() const; // what the goods came back from: the original's number
};

} // namespace omnitill
