// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace omnitill {

// The day's business as a manager reads it (docs/REPORTS.md), from journal events: the hub tallies what it received
// with it, and a till reads its own day with it, so both count alike.

// Money (or a count that moves none) of one kind in one currency.
struct MoneyLine
{
    QString currency; // '' for counts that move no money
    QString kind; // sales, tender.cash, refund.card, returns, voids.sale, discounts, drawer.no_sale, z_reports, ...
    qint64 count = 0;
    qint64 amountMinor = 0;
};

// An event a manager reads one by one: a void, an override and who approved it, a discount, cash in or out, a drawer
// opened without a sale, a Z report and its cash difference, a return.
struct ListedEvent
{
    qint64 atMs = 0;
    QString terminalCode;
    QString type;
    QString summary; // e.g. "sale voided"
    QString by; // staff names where they are known
    QString approvedBy;
    QString reason;
    qint64 amountMinor = 0;
    QString currency;
};

// The money and counts an event of `type` moves, by kind; none for most events. `payload` was checked against its
// type's schema.
QList<MoneyLine> moneyOf(QStringView type, const QJsonObject &payload);
// The types listed one by one (override approvals among them, so each approved action can name its approver).
const QStringList &listedTypes();
// The line a manager reads for an event of a listed type. `names`: staff ids to names; `approvers`: override approval
// ids to the approver's name (the override.approved events seen before).
ListedEvent listedEvent(const QString &type, qint64 atMs, const QJsonObject &payload,
    const QHash<QString, QString> &names, const QHash<QString, QString> &approvers);
// Adds `line` to the line of its currency and kind in `into` (or appends it); sorts by currency, then kind.
void addMoney(QList<MoneyLine> &into, const MoneyLine &line);
void sortMoney(QList<MoneyLine> &money);

// An amount in minor units as "12.50" (with the currency's decimals).
QString formatMinor(qint64 minor, const QString &currency);
// A kind of money in words for people: "Paid by card", "Sales voided", "Drawer opened without a sale".
QString moneyKindName(const QString &kind);

} // namespace omnitill
