// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/kiosk/kiosksettings.h"

#include "core/settings/tillsettings.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QUrl>

namespace omnitill {

namespace {
Result<QStringList> codes(Database &db, const QString &key, int limit)
{
    auto value = hubSetting(db, key);
    if (!value)
        return value.error();
    QStringList out;
    if (!value->has_value())
        return out;
    if (!(*value)->isArray())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the hub's setting %1 must be a list of codes, e.g. [\"S002\", \"S003\"]").arg(key));
    for (const QJsonValue &v : (*value)->toArray()) {
        const QString code = v.toString().trimmed();
        if (code.isEmpty() || code.size() > 64)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the hub's setting %1 holds something that is not a code").arg(key));
        if (!out.contains(code))
            out.append(code);
        if (out.size() == limit)
            break;
    }
    return out;
}
} // namespace

Result<KioskSettings> loadKioskSettings(Database &db)
{
    KioskSettings settings;
    auto nearby = codes(db, QStringLiteral("kiosk.nearby_stores"), 5);
    if (!nearby)
        return nearby.error();
    settings.nearbyStores = *nearby;
    auto promotions = codes(db, QStringLiteral("kiosk.promotions"), 12);
    if (!promotions)
        return promotions.error();
    settings.promotions = *promotions;

    auto url = hubSetting(db, QStringLiteral("kiosk.product_url"));
    if (!url)
        return url.error();
    if (url->has_value()) {
        const QString text = (*url)->toString();
        const QUrl parsed(QString(text).replace(QLatin1String("{sku}"), QLatin1String("SKU")), QUrl::StrictMode);
        if (!text.contains(QLatin1String("{sku}")) || !parsed.isValid()
            || (parsed.scheme() != u"https" && parsed.scheme() != u"http") || parsed.host().isEmpty())
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the hub's setting kiosk.product_url must be a web address with {sku} in it, e.g. "
                               "\"https://shop.example/p/{sku}\""));
        settings.productUrl = text;
    }

    auto idle = hubSetting(db, QStringLiteral("kiosk.idle_seconds"));
    if (!idle)
        return idle.error();
    if (idle->has_value()) {
        const int seconds = (*idle)->toInt(-1);
        if (seconds < 20 || seconds > 600)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the hub's setting kiosk.idle_seconds must be a number of seconds from 20 to 600"));
        settings.idleSeconds = seconds;
    }
    return settings;
}

} // namespace omnitill
