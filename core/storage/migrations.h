// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QSqlDatabase>

namespace omnitill::Migrations {

// Brings the schema from `from` to `to`, one transaction per step; each step records its version in the same
// transaction. A step that would change the number of recorded sales or sale lines is rolled back: a migration never
// drops data that may not have reached the backend. Returns the version reached.
Result<int> run(QSqlDatabase &db, int from, int to);

// Applies one schema step in its own transaction with the guard described above, then records `version`.
// run() uses it for every step; it is public so the guard itself can be tested with a deliberately destructive step.
using StepFn = Status (*)(QSqlDatabase &);
Status applyStep(QSqlDatabase &db, int version, StepFn migrateFn);

} // namespace omnitill::Migrations
