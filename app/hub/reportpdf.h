// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace omnitill::sync {
struct DailyReport;
}

namespace omnitill::cli {

// The managers' daily report as a PDF (A4, paged): the chain, then each store with its tills, its business and the
// events to read. Drawn by Qt (QTextDocument onto QPdfWriter), so it needs a QGuiApplication (the offscreen platform
// does); safe to call from any thread.
QByteArray reportPdf(const sync::DailyReport &report);

} // namespace omnitill::cli
