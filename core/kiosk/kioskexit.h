// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QVariantList>

namespace omnitill {

class StaffStore;

// The only way out of the kiosk: a member of staff whose role may change settings signs in with their PIN or badge
// (five wrong PINs lock them out, as at a till). Customers see a long press on a corner open a PIN pad and nothing
// more; the program ends only through here.
class KioskExit : public QObject
{
    Q_OBJECT
    // Whether the staff panel is open: a scan then is a badge, not a product.
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    // Who may leave: [{id, name, role}], read when the panel opens.
    Q_PROPERTY(QVariantList staff READ staff NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)

public:
    explicit KioskExit(StaffStore &staff, QObject *parent = nullptr);

    bool isOpen() const { return m_open; }
    QVariantList staff() const { return m_staff; }
    QString message() const { return m_message; }

    Q_INVOKABLE void openPanel();
    Q_INVOKABLE void closePanel();
    // True (and leaveRequested) when this person may leave the kiosk.
    Q_INVOKABLE bool leave(const QString &staffId, const QString &pin);
    bool leaveWithBadge(const QString &badge);

Q_SIGNALS:
    void changed();
    void leaveRequested();

private:
    bool decide(bool signedIn, const QString &error, const QString &name, bool may);

    StaffStore &m_people;
    bool m_open = false;
    QVariantList m_staff;
    QString m_message;
};

} // namespace omnitill
