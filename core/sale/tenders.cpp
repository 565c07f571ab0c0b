// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sale/tenders.h"

#include "core/base/canonicaljson.h"
#include "core/sale/logging.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"

#include <QRegularExpression>

namespace omnitill {

QString tenderKindToString(Tender::Kind kind)
{
    switch (kind) {
    case Tender::Kind::Cash:
        return QStringLiteral("cash");
    case Tender::Kind::Card:
        return QStringLiteral("card");
    case Tender::Kind::GiftCard:
        return QStringLiteral("gift_card");
    case Tender::Kind::StoreCredit:
        return QStringLiteral("store_credit");
    case Tender::Kind::Points:
        return QStringLiteral("points");
    case Tender::Kind::Exchange:
        return QStringLiteral("exchange");
    case Tender::Kind::Online:
        return QStringLiteral("online");
    }
    return {};
}

std::optional<Tender::Kind> tenderKindFromString(QStringView text)
{
    for (auto kind : { Tender::Kind::Cash, Tender::Kind::Card, Tender::Kind::GiftCard, Tender::Kind::StoreCredit,
             Tender::Kind::Points, Tender::Kind::Exchange, Tender::Kind::Online })
        if (text == tenderKindToString(kind))
            return kind;
    return std::nullopt;
}

bool isStoredValue(Tender::Kind kind)
{
    return kind == Tender::Kind::GiftCard || kind == Tender::Kind::StoreCredit;
}

QString tenderKindName(Tender::Kind kind)
{
    switch (kind) {
    case Tender::Kind::Cash:
        return QStringLiteral("Cash");
    case Tender::Kind::Card:
        return QStringLiteral("Card");
    case Tender::Kind::GiftCard:
        return QStringLiteral("Gift card");
    case Tender::Kind::StoreCredit:
        return QStringLiteral("Store credit");
    case Tender::Kind::Points:
        return QStringLiteral("Points");
    case Tender::Kind::Exchange:
        return QStringLiteral("Exchange credit");
    case Tender::Kind::Online:
        return QStringLiteral("Paid online");
    }
    return {};
}

Result<QString> checkApprovalCode(const QString &code)
{
    const QString c = code.trimmed().toUpper();
    if (c.isEmpty())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("enter the approval code the card terminal printed, or say the card was declined"));
    static const QRegularExpression kCode(QStringLiteral("^[A-Z0-9]{2,12}$"));
    if (!kCode.match(c).hasMatch())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("\"%1\" is not an approval code: it has 2 to 12 letters and digits, as on the terminal's "
                           "slip")
                .arg(c.left(24)));
    return c;
}

OpenTenders::OpenTenders(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

namespace {
JsonObjectWriter &addStaff(JsonObjectWriter &o, const QString &staffId)
{
    return staffId.isEmpty() ? o.add("by", nullptr) : o.add("by", staffId);
}
} // namespace

Result<Tender> OpenTenders::take(Tender tender, const Currency &currency, const QString &staffId)
{
    if (tender.amountMinor <= 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a part payment must be more than nothing"));
    tender.tenderedMinor = tender.amountMinor;
    const qint64 now = m_clock();
    const QString eventId = Journal::newEventId(now);
    const QString kind = tenderKindToString(tender.kind);

    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    if (isStoredValue(tender.kind) != !tender.card.isEmpty())
        return makeError(ErrorCode::InvalidInput,
            isStoredValue(tender.kind) ? QStringLiteral("a gift card or store credit is taken with its card")
                                       : QStringLiteral("only a gift card or store credit names a card"));
    const bool points = tender.kind == Tender::Kind::Points;
    if (points != !tender.customer.isEmpty() || (points && tender.points <= 0))
        return makeError(ErrorCode::InvalidInput,
            points ? QStringLiteral("points are taken from a customer, more than none")
                   : QStringLiteral("only points name a customer"));
    auto insert = m_db.statement("INSERT INTO open_tender (kind, amount_minor, currency, reference, staff_id, "
                                 "taken_at_ms, event_id, card, offline, customer_id, points) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(0, kind).bind(1, tender.amountMinor).bind(2, currency.code()).bind(3, tender.reference);
    insert->bind(4, staffId).bind(5, now).bind(6, eventId).bind(8, tender.offline ? 1 : 0);
    if (tender.card.isEmpty())
        insert->bindNull(7);
    else
        insert->bind(7, tender.card);
    if (points)
        insert->bind(9, tender.customer).bind(10, tender.points);
    else
        insert->bindNull(9).bindNull(10);
    if (auto st = insert->run(u"keeping the part payment"); !st)
        return st.error();
    tender.id = insert->lastInsertRowId();
    JsonObjectWriter o;
    o.add("enc", 1).add("id", eventId).add("kind", kind).add("amount_minor", tender.amountMinor);
    o.add("currency", currency.code()).add("reference", tender.reference).add("created_at_ms", now);
    addStaff(o, staffId);
    if (!tender.card.isEmpty()) // the stored-value ledger's debit (sv_use on the till, the hub's ledger)
        o.add("card", tender.card).addRaw("offline", QByteArray(tender.offline ? "true" : "false"));
    if (points) // the loyalty ledger's debit (loyalty_use on the till, the hub's ledger)
        o.add("customer", tender.customer)
            .add("points", tender.points)
            .addRaw("offline", QByteArray(tender.offline ? "true" : "false"));
    if (auto entry = Journal::append(m_db, QStringLiteral("payment.taken"), o.finish(), now); !entry)
        return entry.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    qCInfo(lcSale) << "part payment taken:" << kind << Money(tender.amountMinor, currency).toDisplayString();
    return tender;
}

Status OpenTenders::reverse(qint64 id, const QString &reason, const QString &staffId)
{
    if (reason.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("say why the payment is taken back"));
    const qint64 now = m_clock();
    Transaction tx(m_db.connection());
    if (!tx.begun())
        return tx.begun().error();
    auto taken = m_db.statement("DELETE FROM open_tender WHERE id = ? RETURNING kind, amount_minor, currency, "
                                "reference, event_id, card, offline, customer_id, points");
    if (!taken)
        return taken.error();
    taken->bind(0, id);
    auto found = taken->next(u"taking the payment back");
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("that payment is no longer part of the sale"));
    JsonObjectWriter o;
    o.add("enc", 1).add("id", Journal::newEventId(now)).add("taken", taken->text(4)).add("kind", taken->text(0));
    o.add("amount_minor", taken->int64(1)).add("currency", taken->text(2)).add("reference", taken->text(3));
    o.add("reason", reason.trimmed().left(200)).add("created_at_ms", now);
    addStaff(o, staffId);
    if (!taken->isNull(5)) // the card gets back what it paid
        o.add("card", taken->text(5)).addRaw("offline", QByteArray(taken->int64(6) != 0 ? "true" : "false"));
    if (!taken->isNull(7)) // the customer gets their points back
        o.add("customer", taken->text(7))
            .add("points", taken->int64(8))
            .addRaw("offline", QByteArray(taken->int64(6) != 0 ? "true" : "false"));
    const QByteArray payload = o.finish();
    taken->reset();
    if (auto entry = Journal::append(m_db, QStringLiteral("payment.reversed"), payload, now); !entry)
        return entry.error();
    return tx.commit();
}

Result<QList<Tender>> OpenTenders::list()
{
    auto q = m_db.statement(
        "SELECT id, kind, amount_minor, reference, coalesce(card, ''), offline, coalesce(customer_id, ''), "
        "coalesce(points, 0) FROM open_tender ORDER BY id");
    if (!q)
        return q.error();
    QList<Tender> tenders;
    for (;;) {
        auto row = q->next(u"reading the part payments");
        if (!row)
            return row.error();
        if (!*row)
            break;
        const auto kind = tenderKindFromString(q->text(1));
        if (!kind)
            return makeError(ErrorCode::Corrupt, QStringLiteral("a part payment has no known kind"));
        tenders.append(Tender { *kind, q->int64(2), q->int64(2), q->text(3), q->int64(0), q->text(4), q->int64(5) != 0,
            q->text(6), q->int64(7) });
    }
    return tenders;
}

Status OpenTenders::declined(
    Tender::Kind kind, qint64 amountMinor, const Currency &currency, const QString &reason, const QString &staffId)
{
    const qint64 now = m_clock();
    JsonObjectWriter o;
    o.add("enc", 1).add("id", Journal::newEventId(now)).add("kind", tenderKindToString(kind));
    o.add("amount_minor", amountMinor).add("currency", currency.code()).add("reason", reason.trimmed().left(200));
    o.add("created_at_ms", now);
    addStaff(o, staffId);
    if (auto entry = Journal::appendAlone(m_db, QStringLiteral("payment.declined"), o.finish(), now); !entry)
        return entry.error();
    return Ok {};
}

} // namespace omnitill
