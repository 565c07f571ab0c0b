// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/shiftcontroller.h"

#include "core/shifts/shiftreport.h"
#include "core/till/logging.h"
#include "core/till/receiptcontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"

#include <QDateTime>

namespace omnitill {

ShiftController::ShiftController(ShiftStore &shifts, StaffSession &session, SaleController &till,
    const Currency &currency, const QLocale &locale, QObject *parent)
    : QObject(parent)
    , m_shifts(shifts)
    , m_session(session)
    , m_till(till)
    , m_currency(currency)
    , m_locale(locale)
{
    reload();
}

void ShiftController::reload()
{
    auto current = m_shifts.current();
    if (!current) {
        qCWarning(lcTill) << "could not read the open shift:" << current.error().message;
        return;
    }
    m_shift = *current;
    Q_EMIT changed();
}

bool ShiftController::fail(const QString &message)
{
    qCInfo(lcTill) << "shift action refused:" << message;
    Q_EMIT errorOccurred(message);
    return false;
}

QString ShiftController::money(qint64 minor) const
{
    return shownNumber(Money(minor, m_currency).toString(), m_locale);
}

const StaffMember *ShiftController::signedIn()
{
    if (!m_session.current()) {
        fail(tr("Nobody is signed in at this till: sign in first."));
        return nullptr;
    }
    return &*m_session.current();
}

std::optional<qint64> ShiftController::amount(const QString &text)
{
    auto m = Money::parse(typedNumber(text.trimmed().isEmpty() ? QStringLiteral("0") : text, m_locale), m_currency);
    if (!m) {
        fail(m.error().message);
        return std::nullopt;
    }
    return m->minor();
}

QString ShiftController::summary() const
{
    if (!m_shift)
        return tr("No shift is open. Count the cash in the drawer and open one to start selling.");
    return tr("Open since %1 by %2, with a float of %3 %4.")
        .arg(QDateTime::fromMSecsSinceEpoch(m_shift->openedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            m_shift->openedByName, m_currency.code(), money(m_shift->floatMinor));
}

QVariantList ShiftController::denominations() const
{
    QVariantList out;
    for (qint64 value : omnitill::denominations(m_currency))
        out.append(QVariantMap { { QStringLiteral("value"), value }, { QStringLiteral("label"), money(value) } });
    return out;
}

bool ShiftController::openShift(const QString &floatAmount)
{
    const StaffMember *by = signedIn();
    if (!by)
        return false;
    const auto floatMinor = amount(floatAmount);
    if (!floatMinor)
        return false;
    auto shift = m_shifts.open(*floatMinor, m_currency, *by);
    if (!shift)
        return fail(shift.error().message);
    m_shift = *shift;
    clearReport();
    Q_EMIT changed();
    return true;
}

bool ShiftController::moveCash(int move, const QString &text, const QString &reason, const QString &drawer)
{
    const StaffMember *by = signedIn();
    if (!by)
        return false;
    const auto minor = amount(text);
    if (!minor)
        return false;
    if (auto moved = m_shifts.moveCash(ShiftStore::CashMove(move), *minor, reason, *by); !moved)
        return fail(moved.error().message);
    if (m_receipts && m_receipts->printerSet())
        m_receipts->openDrawer(drawer);
    return true;
}

bool ShiftController::cashIn(const QString &text, const QString &reason)
{
    return moveCash(int(ShiftStore::CashMove::In), text, reason, tr("Cash in"));
}

bool ShiftController::cashOut(const QString &text, const QString &reason)
{
    return moveCash(int(ShiftStore::CashMove::Out), text, reason, tr("Cash out"));
}

bool ShiftController::noSale(const QString &reason)
{
    const StaffMember *by = signedIn();
    if (!by)
        return false;
    if (auto moved = m_shifts.moveCash(ShiftStore::CashMove::NoSale, 0, reason, *by); !moved)
        return fail(moved.error().message);
    // Journaled first: a drawer that opens is always accounted for, even if the printer then fails.
    if (m_receipts)
        return m_receipts->openDrawer(tr("No sale"));
    return true;
}

void ShiftController::show(const ShiftReport &report)
{
    m_shown = report;
    m_reportTitle = report.close ? tr("Z report %1").arg(report.close->zNo) : tr("X report");
    m_report = shiftReportLines(report, 42).join(u'\n');
    Q_EMIT changed();
}

void ShiftController::clearReport()
{
    if (!m_shown && m_report.isEmpty())
        return;
    m_shown.reset();
    m_report.clear();
    m_reportTitle.clear();
    Q_EMIT changed();
}

bool ShiftController::showX()
{
    if (!signedIn())
        return false;
    if (!m_shift)
        return fail(tr("No shift is open."));
    if (auto st = StaffStore::authorize(*m_session.current(), Permission::Reports); !st)
        return fail(st.error().message);
    auto report = m_shifts.report(*m_shift);
    if (!report)
        return fail(report.error().message);
    show(*report);
    return true;
}

std::optional<QList<DenominationCount>> ShiftController::counts(const QVariantList &typed) const
{
    const QList<qint64> values = omnitill::denominations(m_currency);
    QList<DenominationCount> out;
    for (qsizetype i = 0; i < typed.size() && i < values.size(); ++i) {
        const QString text = typed.at(i).toString().trimmed();
        if (text.isEmpty())
            continue;
        if (values.at(i) == 1 && values.size() == 1) { // a currency counted as one amount
            auto m = Money::parse(typedNumber(text, m_locale), m_currency);
            if (!m || m->minor() < 0)
                return std::nullopt;
            out.append(DenominationCount { 1, m->minor() });
            continue;
        }
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok || n < 0)
            return std::nullopt;
        out.append(DenominationCount { values.at(i), n });
    }
    return out;
}

QString ShiftController::countedTotal(const QVariantList &typed) const
{
    const auto c = counts(typed);
    if (!c)
        return QString();
    qint64 sum = 0;
    for (const DenominationCount &d : *c)
        sum += d.valueMinor * d.count;
    return money(sum);
}

bool ShiftController::close(const QVariantList &typed)
{
    const StaffMember *by = signedIn();
    if (!by)
        return false;
    if (m_till.lineCount() > 0 || !m_till.tenders().isEmpty())
        return fail(tr("A sale is open on this till: finish, park or void it before closing the shift."));
    const auto c = counts(typed);
    if (!c)
        return fail(tr("Each count is a whole number of notes or coins, 0 or more."));
    auto z = m_shifts.close(*c, *by);
    if (!z)
        return fail(z.error().message);
    m_shift.reset();
    show(*z);
    if (m_receipts && m_receipts->printerSet())
        printReport();
    return true;
}

bool ShiftController::printReport()
{
    if (!m_shown)
        return fail(tr("There is no report to print."));
    if (!m_receipts)
        return fail(tr("This till has no printer: a manager sets one up in Settings."));
    const ShiftReport report = *m_shown;
    return m_receipts->printText(m_reportTitle, [report](int columns) { return shiftReportLines(report, columns); });
}

} // namespace omnitill
