// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/codes/variablemeasure.h"

namespace omnitill {

class Database;

// The store's price/weight label rules (docs/SCANNING.md), kept in its database (setting "label_rules"); none set
// means no label rules. A stored value that no longer parses is an error, so a till never misprices a label.
Result<VariableMeasure::Rules> loadLabelRules(Database &db);
Status saveLabelRules(Database &db, const VariableMeasure::Rules &rules);

} // namespace omnitill
