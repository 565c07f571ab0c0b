// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace omnitill {

// What a role may do beyond ringing up a sale. Each has a stable code, used in roles, journal events and the hub.
enum class Permission
{
    PriceOverride,
    LineDiscount, // above the store's threshold
    CartDiscount,
    VoidLine,
    VoidSale,
    ReturnWithoutReceipt,
    OpenDrawer, // without a sale
    CashOut,
    CloseShift,
    Reports,
    Settings,
    ManageStaff,
    RefundOverride, // refund to another tender than the one that paid
    ReturnUnverified, // a return the hub cannot confirm (offline, from a cached receipt header)
};

QString permissionCode(Permission permission); // "void_sale"
std::optional<Permission> permissionFromCode(QStringView code);
QString permissionName(Permission permission); // "void a sale", for messages
const QList<Permission> &allPermissions();

} // namespace omnitill
