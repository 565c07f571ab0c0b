// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings/printersettings.h"

#include "core/base/result.h"

#include <QObject>
#include <QVariantList>

#include <functional>

namespace omnitill {

class Database;
class StaffSession;

// The Settings page's model: what this terminal keeps for itself (its language, the scan sounds) and what it is (its
// id, store, hub), read by anyone signed in and changed only by a person whose role has the Settings permission;
// the check is here, not only in the page. A change is one write to the terminal's database, kept across restarts.
class TerminalSettings : public QObject
{
    Q_OBJECT
    // The language chosen for this terminal ("en", "de"), or empty to follow the system.
    Q_PROPERTY(QString language READ language NOTIFY changed)
    // The languages offered: [{code, name}], "" (the system's) first, each named in its own language.
    Q_PROPERTY(QVariantList languages READ languages CONSTANT)
    // Set when the language chosen is not the one the till speaks now: it applies from the till's next start.
    Q_PROPERTY(bool restartNeeded READ restartNeeded NOTIFY changed)
    Q_PROPERTY(bool scanSounds READ scanSounds NOTIFY changed)
    // Whether the person signed in may change these.
    Q_PROPERTY(bool mayChange READ mayChange NOTIFY changed)
    // The receipt printer (tcp://…, /dev/…, file:…; empty: none) and its paper, 58 or 80 mm.
    Q_PROPERTY(QString printerAddress READ printerAddress NOTIFY changed)
    Q_PROPERTY(int printerPaper READ printerPaper NOTIFY changed)
    // What a support call asks for: [{label, value}].
    Q_PROPERTY(QVariantList details READ details NOTIFY changed)
public:
    // `languageAtStart`: the language setting the till started with (what it speaks now follows it).
    TerminalSettings(Database &db, StaffSession &session, QString languageAtStart, bool scanSounds,
        PrinterSettings printer = {}, QObject *parent = nullptr);

    QString language() const { return m_language; }
    QVariantList languages() const;
    bool restartNeeded() const { return m_language != m_languageAtStart; }
    bool scanSounds() const { return m_scanSounds; }
    bool mayChange() const;
    QVariantList details() const { return m_details; }
    QString printerAddress() const { return m_printer.address; }
    int printerPaper() const { return m_printer.paperMm; }

    // The terminal's details for the page, as the composition knows them (terminal id, store, hub, version).
    void setDetails(const QVariantList &details);

    Q_INVOKABLE bool setLanguage(const QString &code);
    Q_INVOKABLE bool setScanSounds(bool on);
    // An empty address: no printer. The address is checked before anything is saved.
    Q_INVOKABLE bool setPrinter(const QString &address, int paperMm);

Q_SIGNALS:
    void changed();
    void errorOccurred(const QString &message);
    void printerChanged();

private:
    bool allowed();
    // The change `save` makes, if the person signed in may; a refusal or a failed write is said, and false.
    bool write(const std::function<Status()> &save);

    Database &m_db;
    StaffSession &m_session;
    QString m_languageAtStart;
    QString m_language;
    bool m_scanSounds;
    PrinterSettings m_printer;
    QVariantList m_details;
};

} // namespace omnitill
