// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/labelsettings.h"
#include "core/storage/database.h"

namespace omnitill {

namespace {
const QString kLabelRules = QStringLiteral("label_rules");
}

Result<VariableMeasure::Rules> loadLabelRules(Database &db)
{
    auto stored = readMeta(db.connection(), kLabelRules);
    if (!stored)
        return stored.error();
    auto rules = VariableMeasure::parse(stored->value_or(QString()));
    if (!rules)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the store's label rules are broken (%1); set them again with omnitill-cli labels set")
                .arg(rules.error().message));
    return rules;
}

Status saveLabelRules(Database &db, const VariableMeasure::Rules &rules)
{
    return writeMeta(
        db.connection(), kLabelRules, rules.spec.isEmpty() ? std::nullopt : std::optional<QString>(rules.spec));
}

} // namespace omnitill
