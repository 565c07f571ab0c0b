// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/codes/scanresult.h"
#include "core/codes/variablemeasure.h"
#include "core/sale/cart.h"
#include "core/sale/salestore.h"
#include "core/till/cartmodel.h"

#include <QLocale>
#include <QObject>

namespace omnitill {

class Catalog;
struct Payment;

// The till's current sale: scan, adjust, discount, pay. Every failure is reported once through errorOccurred with a
// message for the cashier; the cart is left unchanged by a failed action.
class SaleController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(omnitill::CartModel *lines READ lines CONSTANT)
    Q_PROPERTY(QString currency READ currency CONSTANT)
    Q_PROPERTY(QString subtotal READ subtotal NOTIFY totalsChanged)
    Q_PROPERTY(QString discount READ discount NOTIFY totalsChanged)
    Q_PROPERTY(QString tax READ tax NOTIFY totalsChanged)
    Q_PROPERTY(QString total READ total NOTIFY totalsChanged)
    Q_PROPERTY(int lineCount READ lineCount NOTIFY totalsChanged)
    Q_PROPERTY(QString lastReceipt READ lastReceipt NOTIFY lastReceiptChanged)
    // Something the cashier must know before going on (the till stopped unexpectedly, see TillSession); stays until
    // dismissed or the next sale completes.
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)

public:
    struct Config
    {
        Currency currency;
        PricingMode mode = PricingMode::TaxInclusive;
        qint64 cashIncrementMinor = 1;
        VariableMeasure::Rules labels; // the store's price/weight label rules (store setting "labels")
        QLocale locale; // how the cashier types numbers: "50,00" in a German store
    };
    SaleController(Catalog &catalog, SaleStore &store, Clock clock, Config config, QObject *parent = nullptr);

    CartModel *lines() { return &m_model; }
    QString currency() const { return m_config.currency.code(); }
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
    // item was added.
    Q_INVOKABLE bool scan(const QString &code);
    // What a scanner read (ScanService::scanned): its code, with the AIM identifier when that marks GS1 data.
    bool addScan(const omnitill::ScanResult &result);
    Q_INVOKABLE bool setQuantity(int row, const QString &quantity);
    Q_INVOKABLE bool removeLine(int row);
    Q_INVOKABLE bool setLineDiscountPercent(int row, const QString &percent);
    Q_INVOKABLE bool setCartDiscountPercent(const QString &percent);
    Q_INVOKABLE bool payCash(const QString &tendered);
    Q_INVOKABLE bool payCard();
    Q_INVOKABLE void voidSale();

Q_SIGNALS:
    void totalsChanged();
    void errorOccurred(const QString &message);
    void saleCompleted(const QString &receiptNo, const QString &change);
    void noticeChanged();
    void lastReceiptChanged();

private:
    bool fail(const Error &error);
    bool pay(const Payment &payment);
    QString money(qint64 minor) const;

    Catalog &m_catalog;
    SaleStore &m_store;
    Clock m_clock;
    Config m_config;
    Cart m_cart;
    CartModel m_model;
    QString m_lastReceipt;
    QString m_notice;
};

} // namespace omnitill
