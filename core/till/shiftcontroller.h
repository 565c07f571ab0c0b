// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/money.h"
#include "core/shifts/shiftstore.h"

#include <QLocale>
#include <QObject>
#include <QVariantList>

#include <optional>

namespace omnitill {

class ReceiptController;
class SaleController;
class StaffSession;

// The Shift page: open a shift with the float counted into the drawer, cash in and out with a reason, a no-sale
// drawer opening, the X report at any time, and the close: a blind count by denomination, then the Z report. Who
// may do what is checked in core (ShiftStore): taking cash out needs the CashOut permission, a no-sale OpenDrawer,
// the close CloseShift. A shift does not close while a sale is open on the till. Reports print on the receipt
// printer, and the drawer opens through it, when the till has one.
class ShiftController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString report READ report NOTIFY changed)
    Q_PROPERTY(QString reportTitle READ reportTitle NOTIFY changed)
    Q_PROPERTY(QString currency READ currency CONSTANT)
    Q_PROPERTY(QString decimalPoint READ decimalPoint CONSTANT)
    // The notes and coins the close counts: [{value (minor units), label}]
    Q_PROPERTY(QVariantList denominations READ denominations CONSTANT)

public:
    ShiftController(ShiftStore &shifts, StaffSession &session, SaleController &till, const Currency &currency,
        const QLocale &locale, QObject *parent = nullptr);
    void setReceipts(ReceiptController *receipts) { m_receipts = receipts; }

    bool isOpen() const { return m_shift.has_value(); }
    QString summary() const;
    QString report() const { return m_report; }
    QString reportTitle() const { return m_reportTitle; }
    QString currency() const { return m_currency.code(); }
    QString decimalPoint() const { return m_locale.decimalPoint(); }
    QVariantList denominations() const;

    Q_INVOKABLE bool openShift(const QString &floatAmount);
    Q_INVOKABLE bool cashIn(const QString &amount, const QString &reason);
    Q_INVOKABLE bool cashOut(const QString &amount, const QString &reason);
    Q_INVOKABLE bool noSale(const QString &reason);
    // The X report of the open shift, shown as `report`.
    Q_INVOKABLE bool showX();
    // What the counts come to ([count per denomination, in `denominations` order; empty or "" is none]).
    Q_INVOKABLE QString countedTotal(const QVariantList &counts) const;
    // Closes the shift with the count; the Z report is shown (and printed).
    Q_INVOKABLE bool close(const QVariantList &counts);
    // The report shown, on the printer.
    Q_INVOKABLE bool printReport();
    Q_INVOKABLE void clearReport();

Q_SIGNALS:
    void changed();
    void errorOccurred(const QString &message);

private:
    void reload();
    bool fail(const QString &message);
    // Cash in or out (a ShiftStore::CashMove), then the drawer opens, named `drawer` in the print queue.
    bool moveCash(int move, const QString &text, const QString &reason, const QString &drawer);
    const StaffMember *signedIn();
    std::optional<qint64> amount(const QString &text);
    std::optional<QList<DenominationCount>> counts(const QVariantList &typed) const;
    void show(const ShiftReport &report);
    QString money(qint64 minor) const;

    ShiftStore &m_shifts;
    StaffSession &m_session;
    SaleController &m_till;
    ReceiptController *m_receipts = nullptr;
    Currency m_currency;
    QLocale m_locale;
    std::optional<Shift> m_shift;
    std::optional<ShiftReport> m_shown;
    QString m_report;
    QString m_reportTitle;
};

} // namespace omnitill
