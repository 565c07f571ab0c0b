// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

// GS1 element strings as scanners deliver them: GS1-128, DataBar, GS1 DataMatrix and GS1 QR data with FNC1 sent as
// GS (0x1D), optionally after a symbology identifier (]C1 ]e0 ]d2 ]Q3); the bracketed human-readable form
// "(01)04006381333931(17)261231"; and GS1 Digital Link URIs (https://id.gs1.org/01/04006381333931/10/ABC?17=261231).
namespace Gs1 {

struct Element
{
    QString ai;
    QString value;
};

struct Message
{
    QList<Element> elements;
    QDate anchor; // the "today" the message was parsed with, for the century rule

    std::optional<QString> value(QStringView ai) const;
    // AI 01 (or 02) as a retail GTIN: a leading zero is dropped so EAN-13s match the catalog's keys.
    std::optional<QString> gtin() const;
    // AI 17 (expiry / use by); AI 15 (best before) as a fallback.
    std::optional<QDate> expiry() const;
    // AI 310n: net weight in grams (n decimals of kg, converted exactly), if present.
    std::optional<qint64> netWeightGrams() const;
    // AI 392n: the amount payable for this pack, in minor units of a currency with `exponent` decimals; an error
    // when it has more decimals than the currency (a price the till cannot charge exactly).
    std::optional<Result<qint64>> pricePayableMinor(int exponent) const;
};

// True for the AIM symbology identifiers whose data is a GS1 element string: ]C1 (GS1-128), ]e0 (DataBar),
// ]d2 (GS1 DataMatrix), ]Q3 (GS1 QR).
bool isGs1SymbologyId(QStringView id);
// True when `text` looks like GS1 data rather than a plain barcode or SKU.
bool looksLikeGs1(QStringView text);
// Parses any of the three forms; `today` anchors the two-digit-year century rule (GS1 General Specifications 7.12).
Result<Message> parse(QStringView text, QDate today);

// A YYMMDD date with the century rule; DD = 00 means the last day of the month.
std::optional<QDate> parseDate(QStringView yymmdd, QDate today);

} // namespace Gs1
} // namespace omnitill
