// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storedvalue/storedvalue.h"

#include "core/storage/database.h"
#include "core/storedvalue/cardnumber.h"
#include "core/storedvalue/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace omnitill {

namespace {
bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}

QString money(qint64 minor, const Currency &currency)
{
    return Money(minor, currency).toDisplayString();
}
} // namespace

Result<StoredValueCard> StoredValueCard::fromRow(const QString &key, const QByteArray &row)
{
    const auto bad = [&](const QString &why) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("stored value row \"%1\": %2").arg(key.left(80), why));
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(row, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("the row must be a JSON object"));
    const QJsonObject o = doc.object();
    StoredValueCard c;
    c.card = o.value(u"card").toString();
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    if (c.card != key || !kHash.match(c.card).hasMatch())
        return bad(QStringLiteral("\"card\" must be the key: the number's SHA-256 in lower-case hex"));
    c.last4 = o.value(u"last4").toString();
    if (c.last4.size() != 4)
        return bad(QStringLiteral("\"last4\" must be the number's last four symbols"));
    const auto kind = tenderKindFromString(o.value(u"kind").toString());
    if (!kind || !isStoredValue(*kind))
        return bad(QStringLiteral("\"kind\" must be gift_card or store_credit"));
    c.kind = *kind;
    const auto currency = Currency::fromCode(o.value(u"currency").toString());
    if (!currency)
        return bad(QStringLiteral("\"currency\" must be an ISO 4217 code"));
    c.currency = *currency;
    if (!isInteger(o.value(u"balance_minor")) || o.value(u"balance_minor").toInteger() < 0)
        return bad(QStringLiteral("\"balance_minor\" must be an integer, not negative"));
    c.balanceMinor = o.value(u"balance_minor").toInteger();
    if (isInteger(o.value(u"expires_at_ms")))
        c.expiresAtMs = o.value(u"expires_at_ms").toInteger();
    else if (!o.value(u"expires_at_ms").isNull())
        return bad(QStringLiteral("\"expires_at_ms\" must be a time or null"));
    if (!o.value(u"blocked").isBool())
        return bad(QStringLiteral("\"blocked\" must be true or false"));
    c.blocked = o.value(u"blocked").toBool();
    if (!isInteger(o.value(u"version")) || o.value(u"version").toInteger() < 0)
        return bad(QStringLiteral("\"version\" must be a count"));
    c.version = o.value(u"version").toInteger();
    if (!o.value(u"seen").isObject())
        return bad(QStringLiteral("\"seen\" must map terminals to journal entries"));
    const QJsonObject seen = o.value(u"seen").toObject();
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        if (!isInteger(it.value()))
            return bad(QStringLiteral("\"seen\" must map terminals to journal entries"));
        c.seen.insert(it.key(), it.value().toInteger());
    }
    return c;
}

QByteArray StoredValueCard::toRow() const
{
    QJsonObject seenJson;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        seenJson.insert(it.key(), it.value());
    const QJsonObject o {
        { QStringLiteral("card"), card },
        { QStringLiteral("last4"), last4 },
        { QStringLiteral("kind"), tenderKindToString(kind) },
        { QStringLiteral("currency"), currency.code() },
        { QStringLiteral("balance_minor"), balanceMinor },
        { QStringLiteral("expires_at_ms"), expiresAtMs ? QJsonValue(*expiresAtMs) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("blocked"), blocked },
        { QStringLiteral("version"), version },
        { QStringLiteral("seen"), seenJson },
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

StoredValue::StoredValue(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

Result<std::optional<StoredValueCard>> StoredValue::known(const QString &card)
{
    auto q = m_db.statement("SELECT body FROM stream_row WHERE stream = 'stored_value' AND key = ? "
                            "UNION ALL SELECT body FROM sv_card WHERE card = ?");
    if (!q)
        return q.error();
    q->bind(0, card).bind(1, card);
    std::optional<StoredValueCard> newest;
    for (;;) {
        auto row = q->next(u"reading what the till knows of the card");
        if (!row)
            return row.error();
        if (!*row)
            break;
        auto c = StoredValueCard::fromRow(card, q->blob(0));
        if (!c) {
            qCWarning(lcStoredValue) << "ignoring a damaged card row:" << c.error().message;
            continue;
        }
        if (!newest || c->version > newest->version)
            newest = *c;
    }
    return newest;
}

Status StoredValue::remember(const StoredValueCard &answer)
{
    auto q = m_db.statement("INSERT OR REPLACE INTO sv_card (card, body, asked_at_ms) VALUES (?, ?, ?)");
    if (!q)
        return q.error();
    q->bind(0, answer.card).bindBlob(1, answer.toRow()).bind(2, m_clock());
    return q->run(u"keeping the hub's answer about the card");
}

Result<QString> StoredValue::terminalId()
{
    auto id = readMeta(m_db.connection(), QStringLiteral("terminal_id"));
    if (!id)
        return id.error();
    return id->value_or(QString());
}

Result<qint64> StoredValue::useSince(const QString &card, qint64 seenSeq)
{
    auto q = m_db.statement("SELECT coalesce(sum(delta_minor), 0) FROM sv_use WHERE card = ? AND seq > ?");
    if (!q)
        return q.error();
    q->bind(0, card).bind(1, seenSeq);
    auto row = q->next(u"adding up the card's use on this till");
    if (!row)
        return row.error();
    return q->int64(0);
}

Result<StoredValue::Outstanding> StoredValue::offlineOutstanding(const QString &card)
{
    auto acked = readMeta(m_db.connection(), QStringLiteral("acked_through"));
    if (!acked)
        return acked.error();
    const qint64 through = acked->value_or(QStringLiteral("0")).toLongLong();
    auto q = m_db.statement("SELECT coalesce(-sum(CASE WHEN card = ? THEN delta_minor END), 0), "
                            "coalesce(-sum(delta_minor), 0) FROM sv_use WHERE offline = 1 AND seq > ?");
    if (!q)
        return q.error();
    q->bind(0, card).bind(1, through);
    auto row = q->next(u"adding up this till's offline redemptions");
    if (!row)
        return row.error();
    return Outstanding { std::max<qint64>(0, q->int64(0)), std::max<qint64>(0, q->int64(1)) };
}

Result<StoredValue::Check> StoredValue::check(const QString &number, const Currency &currency,
    const std::optional<std::optional<StoredValueCard>> &asked, const StoredValueLimits &limits)
{
    auto canonical = CardNumber::parse(number);
    if (!canonical)
        return canonical.error();
    const QString card = CardNumber::hash(*canonical);
    const QString last4 = CardNumber::last4(*canonical);
    Check c;
    c.number = *canonical;
    c.offline = !asked.has_value();
    if (asked) {
        if (!*asked)
            return makeError(ErrorCode::NotFound,
                QStringLiteral("card …%1 is not known: it was never sold, or it is another store's").arg(last4));
        c.card = **asked;
        if (auto st = remember(c.card); !st)
            return st.error();
    } else {
        auto known = this->known(card);
        if (!known)
            return known.error();
        if (!*known)
            return makeError(ErrorCode::Refused,
                QStringLiteral("this till has not seen card …%1 and cannot reach the hub to ask: take another payment")
                    .arg(last4));
        c.card = **known;
    }
    const QString name = tenderKindName(c.card.kind).toLower();
    if (c.card.blocked)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1 …%2 is blocked: a manager stopped it").arg(name, last4));
    if (c.card.expiresAtMs && *c.card.expiresAtMs <= m_clock())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 …%2 expired on %3")
                .arg(name, last4,
                    QDateTime::fromMSecsSinceEpoch(*c.card.expiresAtMs).toLocalTime().date().toString(Qt::ISODate)));
    if (c.card.currency != currency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 …%2 holds %3, and this sale is in %4")
                .arg(name, last4, c.card.currency.code(), currency.code()));

    auto me = terminalId();
    if (!me)
        return me.error();
    auto since = useSince(card, c.card.seen.value(*me, 0));
    if (!since)
        return since.error();
    const qint64 balance = std::max<qint64>(0, c.card.balanceMinor + *since);
    c.balanceMinor = balance;
    c.availableMinor = balance;
    if (balance == 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 …%2 has nothing left on it%3")
                .arg(name, last4, c.offline ? QStringLiteral(" (as this till last knew it)") : QString()));
    if (c.offline) {
        auto out = offlineOutstanding(card);
        if (!out)
            return out.error();
        const qint64 cardLeft = std::max<qint64>(0, limits.cardOfflineMinor - out->cardMinor);
        const qint64 tillLeft = std::max<qint64>(0, limits.terminalOfflineMinor - out->tillMinor);
        if (cardLeft < c.availableMinor) {
            c.availableMinor = cardLeft;
            c.limitedBy = QStringLiteral("offline, a card pays at most %1 until the hub is back")
                              .arg(money(limits.cardOfflineMinor, currency));
        }
        if (tillLeft < c.availableMinor) {
            c.availableMinor = tillLeft;
            c.limitedBy = QStringLiteral("offline, this till takes at most %1 from cards until the hub is back")
                              .arg(money(limits.terminalOfflineMinor, currency));
        }
        if (c.availableMinor == 0)
            return makeError(ErrorCode::Refused,
                QStringLiteral("the hub cannot be reached and %1: take another payment").arg(c.limitedBy));
    }
    return c;
}

Result<Tender> StoredValue::redeem(
    OpenTenders &tenders, const Check &check, qint64 amountMinor, const Currency &currency, const QString &staffId)
{
    if (amountMinor <= 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("take more than nothing from the card"));
    if (amountMinor > check.availableMinor)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the card can pay at most %1%2")
                .arg(money(check.availableMinor, currency),
                    check.limitedBy.isEmpty() ? QString() : QStringLiteral(": ") + check.limitedBy));
    Tender t;
    t.kind = check.card.kind;
    t.amountMinor = amountMinor;
    t.reference = QStringLiteral("…") + check.card.last4;
    t.card = check.card.card;
    t.offline = check.offline;
    auto taken = tenders.take(t, currency, staffId);
    if (!taken)
        return taken.error();
    qCInfo(lcStoredValue) << tenderKindToString(t.kind) << t.reference << "redeemed"
                          << Money(amountMinor, currency).toDisplayString() << (t.offline ? "offline" : "online");
    return taken;
}

} // namespace omnitill
