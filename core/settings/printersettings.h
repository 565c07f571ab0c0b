// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

namespace omnitill {

class Database;

// This terminal's receipt printer (omnitill-cli printer, the Settings page): where it is, its paper and how it
// prints QR codes. No address: the till prints nothing and shows the receipt on screen only.
struct PrinterSettings
{
    QString address; // tcp://HOST[:PORT], /dev/usb/lp0, file:/PATH (core/printing/printer.h)
    int paperMm = 80; // 58 or 80
    bool rasterQr = false; // for printers without their own QR command
};

Result<PrinterSettings> loadPrinterSettings(Database &db);
// Checks the address and the paper first: a setting that cannot work is refused, not saved.
Status savePrinterSettings(Database &db, const PrinterSettings &settings);

} // namespace omnitill
