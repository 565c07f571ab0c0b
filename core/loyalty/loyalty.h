// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"
#include "core/sale/cart.h"
#include "core/sale/tenders.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace omnitill {

class Database;

// The chain's loyalty rules, as the hub's config setting "loyalty.rules" holds them:
//
//     {"currency": "EUR",
//      "points_per_unit_milli": {"base": 1000, "silver": 1500, "gold": 2000},   // points per currency unit, × 1000
//      "category_multiplier_pct": {"PRODUCE": 200},                            // 200: double points
//      "exclude_categories": ["TOBACCO"], "exclude_skus": ["SKU0000009"],
//      "tiers": [{"tier": "silver", "points": 1000}, {"tier": "gold", "points": 5000}],  // by points earned
//      "redeem": {"points": 100, "value_minor": 100},                          // 100 points pay 1.00
//      "offline": {"customer_points": 2000, "terminal_points": 10000}}
//
// Gift cards and store credit sold never earn points. Everything is an integer: no rounding but the last, down.
struct LoyaltyRules
{
    Currency currency;
    QHash<QString, qint64> pointsPerUnitMilli; // by tier; a tier not listed earns as "base"
    QHash<QString, qint32> categoryMultiplierPct;
    QStringList excludedCategories;
    QStringList excludedSkus;
    QList<std::pair<QString, qint64>> tiers; // ascending thresholds of points earned
    qint64 redeemPoints = 100;
    qint64 redeemValueMinor = 100;
    qint64 offlineCustomerPoints = 2000; // redeemable offline per customer, of redemptions the hub has not counted
    qint64 offlineTerminalPoints = 10000; // and by this till for all customers together
    // Rewards: a fixed number of points for a fixed amount off ("a coffee on us": 300 points, 2.50), as
    // "rewards": [{"id": "coffee", "name": "A coffee on us", "points": 300, "value_minor": 250}].
    struct Reward
    {
        QString id;
        QString name;
        qint64 points = 0;
        qint64 valueMinor = 0;
    };
    QList<Reward> rewards;

    static inline const QString kConfigKey = QStringLiteral("loyalty.rules");
    // The demo store's rules (EUR: 1 point per euro, silver 1.5, gold 2; produce double; gift cards excluded by
    // nature; silver from 1,000 points earned, gold from 5,000; 100 points pay 1.00).
    static QJsonObject demo();
    // Puts the demo rules on a terminal that has none, as the hub's config stream would.
    static Status seedDemo(Database &db);
    // The rules in a config value; every field checked, with the field named in the error.
    static Result<LoyaltyRules> fromJson(const QJsonObject &value);

    // The points a cart earns for a customer of `tier`, when `paidWithPointsMinor` of it is paid with points (which
    // earns nothing): each line's total (after its discounts) × its category's multiplier, less what points paid,
    // × the tier's points per unit, rounded down.
    qint64 earned(const Cart &cart, const QString &tier, qint64 paidWithPointsMinor = 0) const;
    // What `points` pay (rounded down), and the points that pay `minor` (rounded up).
    qint64 valueOf(qint64 points) const;
    qint64 pointsFor(qint64 minor) const;
    // The tier `earnedPoints` (all earned so far) reach; `current` when none of the thresholds is higher.
    QString tierFor(qint64 earnedPoints, const QString &current) const;
};

// The till's side of the loyalty ledger. The hub is authoritative; the till keeps the latest customer row it has
// (core/customers, with the hub's points and, per till, the last of its journal entries counted) and counts its own
// redemptions since (loyalty_use, kept by a trigger on the journal).
class Loyalty
{
public:
    Loyalty(Database &db, Clock clock);

    // The rules from the hub (config "loyalty.rules"), or nullopt when the chain has none: no points then.
    Result<std::optional<LoyaltyRules>> rules();

    struct Check
    {
        QString customer;
        qint64 hubPoints = 0; // the hub's balance, as last known or asked just now
        qint64 balancePoints = 0; // less this till's redemptions the hub has not counted yet
        qint64 availablePoints = 0; // what may be redeemed now
        bool offline = false; // decided on what this till last knew, within the offline allowance
        QString limitedBy; // why available is less than the balance, for the cashier
    };
    // `live` is the hub's profile of the customer just now (points and points_seen), nullopt when it could not be
    // asked. An unknown customer is NotFound.
    Result<Check> check(const QString &customerId, const std::optional<QJsonObject> &live, const LoyaltyRules &rules);
    // Takes `points` from the checked customer as a part payment of the sale in progress (payment.taken of kind
    // points): worth rules.valueOf(points). More than the check allows, or none, is a clear error.
    Result<Tender> redeem(OpenTenders &tenders, const Check &check, qint64 points, const LoyaltyRules &rules,
        const Currency &currency, const QString &staffId);
    // Takes a reward's points for its value off the sale in progress (a points tender naming the reward). A reward
    // worth more than `dueMinor` (what is left to pay), or more points than the check allows, is a clear error.
    Result<Tender> redeemReward(OpenTenders &tenders, const Check &check, const LoyaltyRules::Reward &reward,
        qint64 dueMinor, const Currency &currency, const QString &staffId);

    // This till's points payments for `customer` journaled after its entry `seenSeq`: negative for redemptions.
    Result<qint64> useSince(const QString &customer, qint64 seenSeq);
    // Offline redemptions the hub has not acknowledged: of `customer`, and of every customer together.
    struct Outstanding
    {
        qint64 customerPoints = 0;
        qint64 tillPoints = 0;
    };
    Result<Outstanding> offlineOutstanding(const QString &customer);

private:
    Result<QString> terminalId();

    Database &m_db;
    Clock m_clock;
};

} // namespace omnitill
