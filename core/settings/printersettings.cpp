// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/printersettings.h"
#include "core/printing/printer.h"
#include "core/storage/database.h"

namespace omnitill {

namespace {
const QString kAddress = QStringLiteral("printer");
const QString kPaper = QStringLiteral("printer_paper_mm");
const QString kQr = QStringLiteral("printer_qr");

bool knownPaper(int mm)
{
    return mm == 58 || mm == 80;
}
} // namespace

Result<PrinterSettings> loadPrinterSettings(Database &db)
{
    PrinterSettings s;
    auto address = readMeta(db.connection(), kAddress);
    auto paper = readMeta(db.connection(), kPaper);
    auto qr = readMeta(db.connection(), kQr);
    if (!address || !paper || !qr)
        return !address ? address.error() : !paper ? paper.error() : qr.error();
    s.address = address->value_or(QString());
    s.paperMm = paper->value_or(QStringLiteral("80")).toInt();
    s.rasterQr = qr->value_or(QString()) == QLatin1String("raster");
    if (!s.address.isEmpty()) {
        if (auto parsed = Printing::PrinterAddress::parse(s.address); !parsed)
            return makeError(ErrorCode::InvalidInput,
                QStringLiteral("the terminal's printer setting is broken: %1").arg(parsed.error().message));
    }
    if (!knownPaper(s.paperMm))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the terminal's printer paper setting is broken"));
    return s;
}

Status savePrinterSettings(Database &db, const PrinterSettings &s)
{
    QString address;
    if (!s.address.trimmed().isEmpty()) {
        auto parsed = Printing::PrinterAddress::parse(s.address);
        if (!parsed)
            return parsed.error();
        address = parsed->toString();
    }
    if (!knownPaper(s.paperMm))
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("receipt paper is 58 or 80 mm wide, not %1 mm").arg(s.paperMm));
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun();
    if (auto st
        = writeMeta(db.connection(), kAddress, address.isEmpty() ? std::nullopt : std::optional<QString>(address));
        !st)
        return st;
    if (auto st = writeMeta(db.connection(), kPaper, QString::number(s.paperMm)); !st)
        return st;
    if (auto st = writeMeta(db.connection(), kQr, s.rasterQr ? QStringLiteral("raster") : QStringLiteral("native"));
        !st)
        return st;
    return tx.commit();
}

} // namespace omnitill
