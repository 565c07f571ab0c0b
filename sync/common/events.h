// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

// The business events terminals push (docs/sync-protocol.md, "Events"), and what their payloads must hold. The hub
// stores every event it is sent; one whose type it does not know or whose payload breaks its schema is quarantined
// with the reason, never rejected.
namespace omnitill::sync::Events {

inline const QString kSaleCompleted = QStringLiteral("sale.completed");
inline const QString kStaffCreated = QStringLiteral("staff.created");
inline const QString kStaffDeactivated = QStringLiteral("staff.deactivated");
inline const QString kOverrideApproved = QStringLiteral("override.approved");
inline const QString kLineVoided = QStringLiteral("line.voided");
inline const QString kSaleVoided = QStringLiteral("sale.voided");
inline const QString kPriceOverridden = QStringLiteral("line.price_overridden");
inline const QString kLineDiscounted = QStringLiteral("line.discounted");
inline const QString kCartDiscounted = QStringLiteral("cart.discounted");
inline const QString kPaymentTaken = QStringLiteral("payment.taken");
inline const QString kPaymentReversed = QStringLiteral("payment.reversed");
inline const QString kPaymentDeclined = QStringLiteral("payment.declined");
inline const QString kShiftOpened = QStringLiteral("shift.opened");
inline const QString kCashMoved = QStringLiteral("cash.moved");
inline const QString kShiftClosed = QStringLiteral("shift.closed"); // the Z report
inline const QString kFiscalSigned = QStringLiteral("fiscal.signed");
inline const QString kStoredValueIssued = QStringLiteral("sv.issued"); // a gift card or store credit sold
inline const QString kStoredValueToppedUp = QStringLiteral("sv.topped_up");
inline const QString kCustomerCreated = QStringLiteral("customer.created"); // made at a till, also offline
inline const QString kCustomerUpdated = QStringLiteral("customer.updated");
inline const QString kReturnCompleted = QStringLiteral("return.completed"); // goods back, money refunded

bool isKnownType(const QString &type);

// Checks a payload against its type's schema: every field present with its type and range, and the sums agreeing
// (a sale's lines add up to its totals, its tax lines to its tax, payment to what was due). The error names the
// field, e.g. "lines[2].qty_milli must be a positive integer". A valid sale's receipt number goes to `receiptNo`, and
// the SHA-256 (hex) of its e-receipt token to `receiptToken`, when given (the payload is parsed once).
Status validate(const QString &type, const QByteArray &payload, qint64 createdAtMs, QString *receiptNo = nullptr,
    QString *receiptToken = nullptr);

// A sale.completed payload's receipt number, or an empty string.
QString receiptNumber(const QByteArray &payload);

} // namespace omnitill::sync::Events
