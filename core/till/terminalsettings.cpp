// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/terminalsettings.h"
#include "core/settings/tillsettings.h"
#include "core/staff/permissions.h"
#include "core/till/logging.h"
#include "core/till/staffsession.h"

#include <QLocale>

namespace omnitill {

TerminalSettings::TerminalSettings(Database &db, StaffSession &session, QString languageAtStart, bool scanSounds,
    PrinterSettings printer, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_session(session)
    , m_languageAtStart(std::move(languageAtStart))
    , m_language(m_languageAtStart)
    , m_scanSounds(scanSounds)
    , m_printer(std::move(printer))
{
    connect(&m_session, &StaffSession::changed, this, &TerminalSettings::changed);
}

QVariantList TerminalSettings::languages() const
{
    QVariantList out { QVariantMap {
        { QStringLiteral("code"), QString() }, { QStringLiteral("name"), tr("As the system is set") } } };
    for (const QString &code : tillLanguages()) {
        // The language's own name for itself, without a country ("English", not "American English").
        QString name = QLocale(code).nativeLanguageName();
        if (code == QLatin1String("en"))
            name = QStringLiteral("English");
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        out.append(QVariantMap { { QStringLiteral("code"), code }, { QStringLiteral("name"), name } });
    }
    return out;
}

bool TerminalSettings::mayChange() const
{
    return m_session.current() && m_session.current()->may(Permission::Settings);
}

void TerminalSettings::setDetails(const QVariantList &details)
{
    m_details = details;
    Q_EMIT changed();
}

bool TerminalSettings::allowed()
{
    if (!m_session.current()) {
        Q_EMIT errorOccurred(tr("Sign in to change the settings"));
        return false;
    }
    if (!mayChange()) {
        Q_EMIT errorOccurred(tr("%1 may not change the settings: a manager can").arg(m_session.current()->name));
        return false;
    }
    return true;
}

bool TerminalSettings::write(const std::function<Status()> &save)
{
    if (!allowed())
        return false;
    if (auto st = save(); !st) {
        Q_EMIT errorOccurred(st.error().message);
        return false;
    }
    return true;
}

bool TerminalSettings::setLanguage(const QString &code)
{
    if (code == m_language)
        return true;
    if (!write([&] { return saveTerminalLanguage(m_db, code); }))
        return false;
    qCInfo(lcTill) << m_session.current()->id << "set the terminal's language to"
                   << (code.isEmpty() ? QStringLiteral("the system's") : code);
    m_language = code;
    Q_EMIT changed();
    return true;
}

bool TerminalSettings::setScanSounds(bool on)
{
    if (on == m_scanSounds)
        return true;
    if (!write([&] { return saveScanSounds(m_db, on); }))
        return false;
    qCInfo(lcTill) << m_session.current()->id << "turned the scan sounds" << (on ? "on" : "off");
    m_scanSounds = on;
    Q_EMIT changed();
    return true;
}

bool TerminalSettings::setPrinter(const QString &address, int paperMm)
{
    PrinterSettings next = m_printer;
    next.address = address.trimmed();
    next.paperMm = paperMm;
    if (next.address == m_printer.address && next.paperMm == m_printer.paperMm)
        return true;
    if (!write([&] { return savePrinterSettings(m_db, next); }))
        return false;
    auto saved = loadPrinterSettings(m_db);
    m_printer = saved ? *saved : next;
    qCInfo(lcTill) << m_session.current()->id << "set the receipt printer to"
                   << (m_printer.address.isEmpty() ? QStringLiteral("none") : m_printer.address) << m_printer.paperMm
                   << "mm";
    Q_EMIT changed();
    Q_EMIT printerChanged();
    return true;
}

} // namespace omnitill
