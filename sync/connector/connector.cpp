// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/connector/connector.h"
#include "sync/connector/vendureconnector.h"

namespace omnitill::sync {

Result<std::unique_ptr<CommerceConnector>> makeConnector(const QHash<QString, QString> &settings, HubStore &store)
{
    const QString backend = settings.value(QStringLiteral("backend"));
    if (backend == QLatin1String("vendure")) {
        auto made = VendureConnector::make(settings, store);
        if (!made)
            return made.error();
        return std::unique_ptr<CommerceConnector>(std::move(made).value());
    }
    if (backend.isEmpty())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("no commerce backend is set (omnitill-hub connector set)"));
    return makeError(ErrorCode::InvalidInput,
        QStringLiteral("the hub has no connector for \"%1\" (it knows: vendure)").arg(backend));
}

Result<std::unique_ptr<CommerceConnector>> makeConnector(HubStore &store)
{
    auto settings = store.connectorSettings();
    if (!settings)
        return settings.error();
    return makeConnector(*settings, store);
}

} // namespace omnitill::sync
