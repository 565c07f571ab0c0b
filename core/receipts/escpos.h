// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/receipts/receipt.h"

#include <QByteArray>

// Receipts as ESC/POS bytes for thermal printers of 58 mm and 80 mm paper: Epson TM series and the printers that
// speak its command set (Star's mC-Print and TSP100IV in their ESC/POS mode, most unbranded ones). Text goes out in
// code page 858 (Western European with the euro sign), chosen with ESC t 19; characters it lacks lose their accents
// ("ł" prints "l") or print as "?".
namespace omnitill::EscPos {

enum class Paper
{
    Mm58, // 32 characters of font A
    Mm80 // 48 characters of font A
};
int columns(Paper paper);

enum class QrMode
{
    Native, // the printer draws the QR code itself (GS ( k, model 2): small and sharp
    Raster // a bit image made here (GS v 0), for printers without QR commands
};

struct Options
{
    Paper paper = Paper::Mm80;
    QrMode qr = QrMode::Native;
    bool openDrawer = false; // ESC p: the cash drawer on the printer's drawer port
    bool cut = true; // feed past the cutter, then a partial cut
};

// The whole job: initialise, code page, the receipt, then the drawer and the cut. A QR code too large for the
// paper is an error (nothing is printed half).
Result<QByteArray> render(const Receipt &receipt, const Options &options);

// A document of plain lines (an X or Z report), each already laid out for the paper's columns; then the drawer and
// the cut as `options` say. With no lines, only the drawer opens (a no-sale).
QByteArray renderText(const QStringList &lines, const Options &options);

// Text in code page 858, the printer's bytes for `text`.
QByteArray toCodePage858(const QString &text);

} // namespace omnitill::EscPos
