// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

// Price- and weight-embedded EAN-13 labels ("variable measure", GS1 prefixes 02 and 20-29): a scale or the deli
// prints the item number and the price or weight into the barcode itself. Where the digits go is national (GS1
// member organisations) or even store policy, so a store picks a profile or writes its own rules:
//
//   "<prefix>[-<prefix>]:<layout>[;...]"   e.g. "02:IIIIIVPPPP" or "20-24:IIIIIPPPPP;25-29:IIIIIWWWWW"
//
// The layout gives the ten digits between the two-digit prefix and the check digit: I item, P price in minor units
// of the sale's currency, W weight in grams, V the price check digit (GS1 four-digit price algorithm, verified), 0
// a digit that is ignored. Codes whose prefix no rule names are ordinary barcodes.
//
// The catalog keys such an item by its label with the price/weight digits (and V) zeroed and the check digit
// recomputed: "2012345019959" (EUR 19.95) rings up the item registered as "2012345000003".
namespace VariableMeasure {

struct Rule
{
    int firstPrefix = 0; // 2..99, as the two leading digits of the EAN-13
    int lastPrefix = 0;
    QString layout; // ten of I, P, W, V, 0
};

struct Rules
{
    QList<Rule> rules;
    QString spec; // as written, for display and storage
    bool isEmpty() const { return rules.isEmpty(); }
};

// A named profile ("none", "us", "price5", "weight5", "price4v", "price5-weight5") or a rule string as above.
Result<Rules> parse(QStringView profileOrRules);
// The profile names and what each means, for help texts.
QString profilesHelp();

struct Label
{
    QString lookupKey; // the catalog's EAN-13 for the item
    std::optional<qint64> priceMinor;
    std::optional<qint64> grams;
};

// nullopt when `code` is not a 13-digit code under one of the rules (an ordinary barcode); an error when it is one
// but its check digit or price check digit is wrong.
std::optional<Result<Label>> read(const Rules &rules, QStringView code);

// GS1 General Specifications 7.9.3: the check digit over a four-digit price.
int priceCheckDigit(QStringView fourDigits);

} // namespace VariableMeasure
} // namespace omnitill
