// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loyalty/loyalty.h"
#include "core/loyalty/logging.h"

#include "core/customers/customer.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/storage/statement.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace omnitill {

namespace {
Error bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("loyalty.rules: ") + message);
}

bool isCount(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble())) && v.toDouble() >= 0;
}

constexpr QStringView kRead = u"reading the loyalty points";
} // namespace

Result<LoyaltyRules> LoyaltyRules::fromJson(const QJsonObject &value)
{
    LoyaltyRules r;
    const auto currency = Currency::fromCode(value.value(u"currency").toString());
    if (!currency)
        return bad(QStringLiteral("\"currency\" must be an ISO 4217 code"));
    r.currency = *currency;
    const QJsonObject perUnit = value.value(u"points_per_unit_milli").toObject();
    if (perUnit.isEmpty())
        return bad(QStringLiteral("\"points_per_unit_milli\" must give each tier's points per unit × 1000"));
    for (auto it = perUnit.begin(); it != perUnit.end(); ++it) {
        if (!isCount(it.value()) || it.value().toInteger() > 1'000'000)
            return bad(QStringLiteral("points_per_unit_milli.%1 must be 0 to 1000000").arg(it.key()));
        r.pointsPerUnitMilli.insert(it.key(), it.value().toInteger());
    }
    const QJsonObject multipliers = value.value(u"category_multiplier_pct").toObject();
    for (auto it = multipliers.begin(); it != multipliers.end(); ++it) {
        if (!isCount(it.value()) || it.value().toInteger() > 10000)
            return bad(QStringLiteral("category_multiplier_pct.%1 must be 0 to 10000").arg(it.key()));
        r.categoryMultiplierPct.insert(it.key(), qint32(it.value().toInteger()));
    }
    for (const QJsonValue &v : value.value(u"exclude_categories").toArray())
        r.excludedCategories << v.toString();
    for (const QJsonValue &v : value.value(u"exclude_skus").toArray())
        r.excludedSkus << v.toString();
    qint64 last = -1;
    for (const QJsonValue &v : value.value(u"tiers").toArray()) {
        const QString tier = v[u"tier"].toString();
        if (tier.isEmpty() || !isCount(v[u"points"]) || v[u"points"].toInteger() <= last)
            return bad(QStringLiteral("\"tiers\" are {\"tier\", \"points\"} with rising points"));
        last = v[u"points"].toInteger();
        r.tiers.append({ tier, last });
    }
    const QJsonObject redeem = value.value(u"redeem").toObject();
    if (!redeem.isEmpty()) {
        if (!isCount(redeem.value(u"points")) || redeem.value(u"points").toInteger() < 1
            || !isCount(redeem.value(u"value_minor")) || redeem.value(u"value_minor").toInteger() < 1)
            return bad(QStringLiteral("\"redeem\" is {\"points\": N, \"value_minor\": M}, both at least 1"));
        r.redeemPoints = redeem.value(u"points").toInteger();
        r.redeemValueMinor = redeem.value(u"value_minor").toInteger();
    }
    for (const QJsonValue &v : value.value(u"rewards").toArray()) {
        Reward reward { v[u"id"].toString(), v[u"name"].toString().left(40), v[u"points"].toInteger(),
            v[u"value_minor"].toInteger() };
        if (reward.id.isEmpty() || reward.name.isEmpty() || !isCount(v[u"points"]) || reward.points < 1
            || !isCount(v[u"value_minor"]) || reward.valueMinor < 1)
            return bad(
                QStringLiteral("\"rewards\" are {\"id\", \"name\", \"points\", \"value_minor\"}, both at least 1"));
        r.rewards.append(reward);
    }
    const QJsonObject offline = value.value(u"offline").toObject();
    if (offline.contains(u"customer_points")) {
        if (!isCount(offline.value(u"customer_points")))
            return bad(QStringLiteral("offline.customer_points must be 0 or more"));
        r.offlineCustomerPoints = offline.value(u"customer_points").toInteger();
    }
    if (offline.contains(u"terminal_points")) {
        if (!isCount(offline.value(u"terminal_points")))
            return bad(QStringLiteral("offline.terminal_points must be 0 or more"));
        r.offlineTerminalPoints = offline.value(u"terminal_points").toInteger();
    }
    return r;
}

QJsonObject LoyaltyRules::demo()
{
    return QJsonDocument::fromJson(R"({"currency": "EUR",
        "points_per_unit_milli": {"base": 1000, "silver": 1500, "gold": 2000},
        "category_multiplier_pct": {"PRODUCE": 200},
        "exclude_categories": [], "exclude_skus": [],
        "tiers": [{"tier": "silver", "points": 1000}, {"tier": "gold", "points": 5000}],
        "redeem": {"points": 100, "value_minor": 100},
        "rewards": [{"id": "coffee", "name": "A coffee on us", "points": 300, "value_minor": 250},
                    {"id": "tote", "name": "Tote bag", "points": 800, "value_minor": 500}],
        "offline": {"customer_points": 2000, "terminal_points": 10000}})")
        .object();
}

Status LoyaltyRules::seedDemo(Database &db)
{
    auto q = db.statement("INSERT OR IGNORE INTO stream_row (stream, key, body) VALUES ('config', ?, ?)");
    if (!q)
        return q.error();
    q->bind(0, kConfigKey)
        .bindBlob(1, QJsonDocument(QJsonObject { { QStringLiteral("value"), demo() } }).toJson(QJsonDocument::Compact));
    return q->run(u"adding the demo loyalty rules");
}

qint64 LoyaltyRules::earned(const Cart &cart, const QString &tier, qint64 paidWithPointsMinor) const
{
    if (cart.currency() != currency)
        return 0;
    // Σ line total × multiplier %: minor units × 100.
    qint64 weighted = 0;
    for (const CartLine &l : cart.lines()) {
        if (l.storedValue || l.totalMinor <= 0 || excludedSkus.contains(l.item.sku)
            || excludedCategories.contains(l.item.category))
            continue;
        weighted += l.totalMinor * categoryMultiplierPct.value(l.item.category, 100);
    }
    weighted = std::max<qint64>(0, weighted - paidWithPointsMinor * 100);
    const qint64 perUnit = pointsPerUnitMilli.value(tier, pointsPerUnitMilli.value(QStringLiteral("base")));
    // weighted / 100 minor × perUnit / 1000 points per unit / minorPerMajor, rounded down at the end.
    const qint64 divisor = 100 * 1000 * currency.minorPerMajor();
    return weighted / divisor * perUnit + (weighted % divisor) * perUnit / divisor;
}

qint64 LoyaltyRules::valueOf(qint64 points) const
{
    return points / redeemPoints * redeemValueMinor + (points % redeemPoints) * redeemValueMinor / redeemPoints;
}

qint64 LoyaltyRules::pointsFor(qint64 minor) const
{
    const qint64 whole = minor / redeemValueMinor * redeemPoints;
    const qint64 rest = minor % redeemValueMinor;
    return whole + (rest * redeemPoints + redeemValueMinor - 1) / redeemValueMinor;
}

QString LoyaltyRules::tierFor(qint64 earnedPoints, const QString &current) const
{
    QString best = current;
    int currentRank = -1;
    for (int i = 0; i < tiers.size(); ++i) {
        if (tiers[i].first == current)
            currentRank = i;
    }
    for (int i = 0; i < tiers.size(); ++i) {
        if (earnedPoints >= tiers[i].second && i > currentRank)
            best = tiers[i].first;
    }
    return best;
}

Loyalty::Loyalty(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

Result<std::optional<LoyaltyRules>> Loyalty::rules()
{
    auto q = m_db.statement("SELECT body FROM stream_row WHERE stream = 'config' AND key = ?");
    if (!q)
        return q.error();
    q->bind(0, LoyaltyRules::kConfigKey);
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    if (!*any)
        return std::optional<LoyaltyRules>();
    const QJsonObject value = QJsonDocument::fromJson(q->blob(0)).object().value(u"value").toObject();
    auto r = LoyaltyRules::fromJson(value);
    if (!r) {
        qCWarning(lcLoyalty) << r.error().message;
        return r.error();
    }
    return std::optional<LoyaltyRules>(*r);
}

Result<QString> Loyalty::terminalId()
{
    auto id = Journal::identity(m_db);
    if (!id)
        return id.error();
    return id->terminalId;
}

Result<qint64> Loyalty::useSince(const QString &customer, qint64 seenSeq)
{
    auto q = m_db.statement("SELECT coalesce(sum(points), 0) FROM loyalty_use WHERE customer = ? AND seq > ?");
    if (!q)
        return q.error();
    q->bind(0, customer).bind(1, seenSeq);
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    return q->int64(0);
}

Result<Loyalty::Outstanding> Loyalty::offlineOutstanding(const QString &customer)
{
    auto q = m_db.statement(
        "SELECT coalesce(-sum(CASE WHEN customer = ?1 THEN points END), 0), coalesce(-sum(points), 0) FROM loyalty_use "
        "WHERE offline = 1 AND seq > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'acked_through'), "
        "0)");
    if (!q)
        return q.error();
    q->bind(0, customer);
    auto any = q->next(kRead);
    if (!any)
        return any.error();
    return Outstanding { std::max<qint64>(0, q->int64(0)), std::max<qint64>(0, q->int64(1)) };
}

Result<Loyalty::Check> Loyalty::check(
    const QString &customerId, const std::optional<QJsonObject> &live, const LoyaltyRules &rules)
{
    auto terminal = terminalId();
    if (!terminal)
        return terminal.error();
    Check c;
    c.customer = customerId;
    qint64 seen = 0;
    if (live) {
        c.hubPoints = live->value(u"points").toInteger();
        seen = live->value(u"points_seen").toObject().value(*terminal).toInteger();
    } else {
        auto q = m_db.statement("SELECT body FROM customer_body WHERE id = ?");
        if (!q)
            return q.error();
        q->bind(0, customerId);
        auto any = q->next(kRead);
        if (!any)
            return any.error();
        if (!*any)
            return makeError(ErrorCode::NotFound, QStringLiteral("this customer is not on this till"));
        auto row = Customer::fromRow(customerId, q->blob(0), Customer::Trust::Stored);
        if (!row)
            return row.error();
        c.hubPoints = row->points;
        seen = row->pointsSeen.value(*terminal);
        c.offline = true;
    }
    auto since = useSince(customerId, seen);
    if (!since)
        return since.error();
    c.balancePoints = std::max<qint64>(0, c.hubPoints + *since);
    c.availablePoints = c.balancePoints;
    if (c.offline) {
        auto out = offlineOutstanding(customerId);
        if (!out)
            return out.error();
        const qint64 customerRoom = std::max<qint64>(0, rules.offlineCustomerPoints - out->customerPoints);
        const qint64 tillRoom = std::max<qint64>(0, rules.offlineTerminalPoints - out->tillPoints);
        if (customerRoom < c.availablePoints) {
            c.availablePoints = customerRoom;
            c.limitedBy = QStringLiteral("offline: at most %1 points per customer until the hub is reached")
                              .arg(rules.offlineCustomerPoints);
        }
        if (tillRoom < c.availablePoints) {
            c.availablePoints = tillRoom;
            c.limitedBy = QStringLiteral("offline: this till may redeem at most %1 points until the hub is reached")
                              .arg(rules.offlineTerminalPoints);
        }
    }
    return c;
}

Result<Tender> Loyalty::redeem(OpenTenders &tenders, const Check &check, qint64 points, const LoyaltyRules &rules,
    const Currency &currency, const QString &staffId)
{
    if (points <= 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("redeem at least one point"));
    if (points > check.availablePoints)
        return makeError(ErrorCode::Refused,
            check.limitedBy.isEmpty()
                ? QStringLiteral("the customer has %1 points; %2 is more").arg(check.availablePoints).arg(points)
                : QStringLiteral("%1 points can be redeemed now (%2); %3 is more")
                      .arg(check.availablePoints)
                      .arg(check.limitedBy)
                      .arg(points));
    if (currency != rules.currency)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("points pay in %1, the sale is in %2").arg(rules.currency.code(), currency.code()));
    const qint64 value = rules.valueOf(points);
    if (value <= 0)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 points are worth nothing yet: %2 points pay %3")
                .arg(points)
                .arg(rules.redeemPoints)
                .arg(Money(rules.redeemValueMinor, currency).toDisplayString()));
    Tender t;
    t.kind = Tender::Kind::Points;
    t.amountMinor = value;
    t.reference = QStringLiteral("%1 points").arg(points);
    t.customer = check.customer;
    t.points = points;
    t.offline = check.offline;
    auto taken = tenders.take(t, currency, staffId);
    if (!taken)
        return taken.error();
    qCInfo(lcLoyalty) << "points redeemed:" << points << (check.offline ? "offline" : "online");
    return taken;
}

Result<Tender> Loyalty::redeemReward(OpenTenders &tenders, const Check &check, const LoyaltyRules::Reward &reward,
    qint64 dueMinor, const Currency &currency, const QString &staffId)
{
    if (reward.points > check.availablePoints)
        return makeError(ErrorCode::Refused,
            QStringLiteral("%1 needs %2 points; %3 can be redeemed now%4")
                .arg(reward.name)
                .arg(reward.points)
                .arg(check.availablePoints)
                .arg(check.limitedBy.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(check.limitedBy)));
    if (reward.valueMinor > dueMinor)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 is worth %2, more than the %3 left to pay")
                .arg(reward.name, Money(reward.valueMinor, currency).toDisplayString(),
                    Money(dueMinor, currency).toDisplayString()));
    Tender t;
    t.kind = Tender::Kind::Points;
    t.amountMinor = reward.valueMinor;
    t.reference = QStringLiteral("%1 (%2 points)").arg(reward.name).arg(reward.points).left(64);
    t.customer = check.customer;
    t.points = reward.points;
    t.offline = check.offline;
    auto taken = tenders.take(t, currency, staffId);
    if (!taken)
        return taken.error();
    qCInfo(lcLoyalty) << "reward redeemed:" << reward.id << (check.offline ? "offline" : "online");
    return taken;
}

} // namespace omnitill
