// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reports/tillday.h"

#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QJsonDocument>
#include <QVariant>

namespace omnitill {

namespace {
Result<TillDay> read(QSqlDatabase &db, QDate date, const QTimeZone &zone)
{
    TillDay day;
    day.date = date;
    day.timeZone = QString::fromLatin1(zone.id());
    day.dayStartMs = QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
    day.dayEndMs = QDateTime(date.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    day.salesByHour.fill(0, int((day.dayEndMs - day.dayStartMs + 3599'999) / 3600'000));

    auto outbox = Journal::outboxStatus(db);
    if (!outbox)
        return outbox.error();
    auto identity = Journal::identity(db);
    if (!identity)
        return identity.error();
    day.pendingNow = outbox->pending;
    day.oldestPendingAtMs = outbox->oldestPendingAtMs;

    QHash<QString, QString> names;
    {
        auto q = prepare(db, QStringLiteral("SELECT id, name FROM staff"));
        if (!q)
            return q.error();
        if (auto st = exec(*q, QStringLiteral("reading the staff's names")); !st)
            return st.error();
        while (q->next())
            names.insert(q->value(0).toString(), q->value(1).toString());
    }
    auto q = prepare(db,
        QStringLiteral("SELECT seq, epoch, type, created_at_ms, payload FROM journal j WHERE created_at_ms >= ? AND "
                       "created_at_ms < ? AND " OMNITILL_JOURNAL_LIVE_ENTRY " ORDER BY seq"));
    if (!q)
        return q.error();
    q->setForwardOnly(true);
    q->bindValue(0, day.dayStartMs);
    q->bindValue(1, day.dayEndMs);
    if (auto st = exec(*q, QStringLiteral("reading the day's journal")); !st)
        return st.error();
    const QStringList &listed = listedTypes();
    QHash<QString, QString> approvers; // override.approved id → who approved it
    while (q->next()) {
        const qint64 seq = q->value(0).toLongLong();
        const bool pending = q->value(1).toLongLong() == identity->epoch && seq > outbox->ackedThrough;
        const QString type = q->value(2).toString();
        const qint64 at = q->value(3).toLongLong();
        const bool sale = type == QLatin1String("sale.completed");
        ++day.entries;
        day.pendingEntries += pending;
        if (sale) {
            ++day.sales;
            day.pendingSales += pending;
            ++day.salesByHour[int(std::clamp<qint64>((at - day.dayStartMs) / 3600'000, 0, day.salesByHour.size() - 1))];
        }
        const bool isListed = listed.contains(type);
        QList<MoneyLine> money;
        QJsonObject payload;
        if (isListed || sale || type == QLatin1String("payment.declined")) {
            payload = QJsonDocument::fromJson(q->value(4).toByteArray()).object();
            money = moneyOf(type, payload);
        }
        for (const MoneyLine &m : std::as_const(money))
            addMoney(day.money, m);
        if (isListed) {
            if (type == QLatin1String("override.approved"))
                approvers.insert(payload.value(u"id").toString(),
                    names.value(
                        payload.value(u"approved_by").toString(), payload.value(u"approved_by").toString().left(8)));
            day.listed.append(listedEvent(type, at, payload, names, approvers));
        }
    }
    sortMoney(day.money);
    return day;
}
} // namespace

Result<TillDay> tillDay(QSqlDatabase &db, QDate date, const QTimeZone &zone)
{
    if (!date.isValid() || !zone.isValid())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a day report needs a date and a time zone"));
    // One read transaction: the counts agree with each other while the till goes on selling.
    if (!db.transaction())
        return sqlError(db.lastError(), QStringLiteral("reading the day's journal"));
    auto day = read(db, date, zone);
    db.rollback();
    return day;
}

} // namespace omnitill
