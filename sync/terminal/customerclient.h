// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/terminal/syncworker.h"

#include <QDate>

#include <optional>

namespace omnitill::sync {

// Asks the hub for a customer's whole profile and history (GET /sync/v1/customer?id=ID), as the till does when the
// cashier opens a customer. The JSON; an empty array when the hub has no such customer (never known or erased);
// nullopt when the hub could not be asked in `timeoutMs` (offline, refused, a broken answer): the till then shows
// what it last knew, with "as of". The event loop keeps turning while it waits.
std::optional<QByteArray> fetchCustomerProfile(
    const SyncConfig &config, const QString &terminalId, const QString &id, int timeoutMs = 3000);

// Asks the hub what a return is against (GET /sync/v1/original): the sale with this receipt number or e-receipt token
// (its SHA-256, `tokenSha256`), or the online order with this number. The JSON (core/returns OriginalSale); an empty
// array when the hub knows no such sale or order; nullopt when it could not be asked (offline, refused, too many
// look-ups, a broken answer).
std::optional<QByteArray> fetchOriginal(const SyncConfig &config, const QString &terminalId, const QString &receiptNo,
    const QString &tokenSha256, int timeoutMs = 3000);

// Asks the hub for the managers' report of this terminal's store on `date` (GET /sync/v1/report), for the till's
// Reports page: the report's JSON (docs/REPORTS.md), or nullopt with `why` set when the hub could not be asked or
// could not make it.
std::optional<QByteArray> fetchStoreReport(
    const SyncConfig &config, const QString &terminalId, QDate date, QString *why, int timeoutMs = 5000);

} // namespace omnitill::sync
