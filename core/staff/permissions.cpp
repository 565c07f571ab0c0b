// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/permissions.h"

#include <QCoreApplication>

#include <array>

namespace omnitill {

namespace {
struct Entry
{
    Permission permission;
    const char16_t *code;
    const char *name; // translated in context "Permissions"
};
constexpr std::array kEntries {
    Entry { Permission::PriceOverride, u"price_override", QT_TRANSLATE_NOOP("Permissions", "override a price") },
    Entry { Permission::LineDiscount, u"line_discount",
        QT_TRANSLATE_NOOP("Permissions", "discount a line above the limit") },
    Entry { Permission::CartDiscount, u"cart_discount", QT_TRANSLATE_NOOP("Permissions", "discount the whole sale") },
    Entry { Permission::VoidLine, u"void_line", QT_TRANSLATE_NOOP("Permissions", "void a line") },
    Entry { Permission::VoidSale, u"void_sale", QT_TRANSLATE_NOOP("Permissions", "void a sale") },
    Entry { Permission::ReturnWithoutReceipt, u"return_without_receipt",
        QT_TRANSLATE_NOOP("Permissions", "take a return without a receipt") },
    Entry {
        Permission::OpenDrawer, u"open_drawer", QT_TRANSLATE_NOOP("Permissions", "open the drawer without a sale") },
    Entry { Permission::CashOut, u"cash_out", QT_TRANSLATE_NOOP("Permissions", "take cash out of the drawer") },
    Entry { Permission::CloseShift, u"close_shift", QT_TRANSLATE_NOOP("Permissions", "close a shift") },
    Entry { Permission::Reports, u"reports", QT_TRANSLATE_NOOP("Permissions", "see reports") },
    Entry { Permission::Settings, u"settings", QT_TRANSLATE_NOOP("Permissions", "change settings") },
    Entry { Permission::ManageStaff, u"manage_staff", QT_TRANSLATE_NOOP("Permissions", "manage staff") },
    Entry { Permission::RefundOverride, u"refund_override",
        QT_TRANSLATE_NOOP("Permissions", "refund to another tender than the one that paid") },
    Entry { Permission::ReturnUnverified, u"return_unverified",
        QT_TRANSLATE_NOOP("Permissions", "take a return the hub cannot confirm") },
};

const Entry &entry(Permission p)
{
    return kEntries[size_t(p)];
}
} // namespace

QString permissionCode(Permission permission)
{
    return QString::fromUtf16(entry(permission).code);
}

std::optional<Permission> permissionFromCode(QStringView code)
{
    for (const Entry &e : kEntries) {
        if (code == QStringView(e.code))
            return e.permission;
    }
    return std::nullopt;
}

QString permissionName(Permission permission)
{
    return QCoreApplication::translate("Permissions", entry(permission).name);
}

const QList<Permission> &allPermissions()
{
    static const QList<Permission> all = [] {
        QList<Permission> out;
        for (const Entry &e : kEntries)
            out.append(e.permission);
        return out;
    }();
    return all;
}

} // namespace omnitill
