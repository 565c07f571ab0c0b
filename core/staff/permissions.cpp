// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/permissions.h"

#include <array>

namespace omnitill {

namespace {
struct Entry
{
    Permission permission;
    const char16_t *code;
    const char16_t *name;
};
constexpr std::array kEntries {
    Entry { Permission::PriceOverride, u"price_override", u"override a price" },
    Entry { Permission::LineDiscount, u"line_discount", u"discount a line above the limit" },
    Entry { Permission::CartDiscount, u"cart_discount", u"discount the whole sale" },
    Entry { Permission::VoidLine, u"void_line", u"void a line" },
    Entry { Permission::VoidSale, u"void_sale", u"void a sale" },
    Entry { Permission::ReturnWithoutReceipt, u"return_without_receipt", u"take a return without a receipt" },
    Entry { Permission::OpenDrawer, u"open_drawer", u"open the drawer without a sale" },
    Entry { Permission::CashOut, u"cash_out", u"take cash out of the drawer" },
    Entry { Permission::CloseShift, u"close_shift", u"close a shift" },
    Entry { Permission::Reports, u"reports", u"see reports" },
    Entry { Permission::Settings, u"settings", u"change settings" },
    Entry { Permission::ManageStaff, u"manage_staff", u"manage staff" },
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
    return QString::fromUtf16(entry(permission).name);
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
