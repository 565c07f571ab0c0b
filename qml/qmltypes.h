// SPDX-License-Identifier: GPL-3.0-or-later
// QML registration at the edge: core/ and sync/ stay free of QML macros. QML sees each type under its C++ name. The
// till composition (app/till/tillcomposition.h) builds the singletons' instances and hands them over before the
// engine loads Main.qml.
#pragma once

#include "core/codes/scanresult.h"
#include "core/kiosk/kioskexit.h"
#include "core/kiosk/kiosksession.h"
#include "core/scan/scanservice.h"
#include "core/till/cartmodel.h"
#include "core/till/catalogbrowsemodel.h"
#include "core/till/catalogsearchmodel.h"
#include "core/till/customercontroller.h"
#include "core/till/handoffcontroller.h"
#include "core/till/receiptcontroller.h"
#include "core/till/reportscontroller.h"
#include "core/till/returncontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/shiftcontroller.h"
#include "core/till/staffsession.h"
#include "core/till/terminalsettings.h"
#include "sync/terminal/syncservice.h"

#include <QJSEngine>
#include <QQmlEngine>

// A singleton whose one instance the composition builds and sets before the engine loads; QML never owns it.
template<typename T> struct AppInstance
{
    inline static T *s_instance = nullptr;
    static T *create(QQmlEngine *, QJSEngine *engine)
    {
        Q_ASSERT(s_instance);
        Q_ASSERT(engine->thread() == s_instance->thread());
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
};

struct CartModelForeign
{
    Q_GADGET
    QML_FOREIGN(omnitill::CartModel)
    QML_NAMED_ELEMENT(CartModel)
    QML_UNCREATABLE("the cart model belongs to the SaleController")
};

// The current sale.
struct SaleControllerForeign : AppInstance<omnitill::SaleController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::SaleController)
    QML_NAMED_ELEMENT(SaleController)
    QML_SINGLETON
};

// Catalog type-ahead search.
struct CatalogSearchModelForeign : AppInstance<omnitill::CatalogSearchModel>
{
    Q_GADGET
    QML_FOREIGN(omnitill::CatalogSearchModel)
    QML_NAMED_ELEMENT(CatalogSearchModel)
    QML_SINGLETON
};

// Receipts: the last one's preview, reprints, the printer's state.
struct ReceiptControllerForeign : AppInstance<omnitill::ReceiptController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ReceiptController)
    QML_NAMED_ELEMENT(ReceiptController)
    QML_SINGLETON
};

// The cash shift, for the Shift page.
struct ShiftControllerForeign : AppInstance<omnitill::ShiftController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ShiftController)
    QML_NAMED_ELEMENT(ShiftController)
    QML_SINGLETON
};

// A day of this till and of its store, for the Reports page.
struct ReportsControllerForeign : AppInstance<omnitill::ReportsController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ReportsController)
    QML_NAMED_ELEMENT(ReportsController)
    QML_SINGLETON
};

// The terminal's own settings, for the Settings page.
struct TerminalSettingsForeign : AppInstance<omnitill::TerminalSettings>
{
    Q_GADGET
    QML_FOREIGN(omnitill::TerminalSettings)
    QML_NAMED_ELEMENT(TerminalSettings)
    QML_SINGLETON
};

// The favourites and category grids.
struct CatalogBrowseModelForeign : AppInstance<omnitill::CatalogBrowseModel>
{
    Q_GADGET
    QML_FOREIGN(omnitill::CatalogBrowseModel)
    QML_NAMED_ELEMENT(CatalogBrowseModel)
    QML_SINGLETON
};

// The till's sync state: what is waiting, whether a manager must look.
struct SyncServiceForeign : AppInstance<omnitill::sync::SyncService>
{
    Q_GADGET
    QML_FOREIGN(omnitill::sync::SyncService)
    QML_NAMED_ELEMENT(SyncService)
    QML_SINGLETON
};

// What a scanner read (the camera page shows the last one). Value types are lower case in QML.
struct ScanResultForeign
{
    Q_GADGET
    QML_FOREIGN(omnitill::ScanResult)
    QML_VALUE_TYPE(scanResult)
};

// Every scanner's results: keyboard wedge and camera.
struct ScanServiceForeign : AppInstance<omnitill::ScanService>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ScanService)
    QML_NAMED_ELEMENT(ScanService)
    QML_SINGLETON
};

// The Customers page and the Sell page's customer panel.
struct CustomerControllerForeign : AppInstance<omnitill::CustomerController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::CustomerController)
    QML_NAMED_ELEMENT(CustomerController)
    QML_SINGLETON
};

// The Returns page.
struct ReturnControllerForeign : AppInstance<omnitill::ReturnController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ReturnController)
    QML_NAMED_ELEMENT(ReturnController)
    QML_SINGLETON
};

// Online carts onto the sale, the basket onto the phone.
struct HandoffControllerForeign : AppInstance<omnitill::HandoffController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::HandoffController)
    QML_NAMED_ELEMENT(HandoffController)
    QML_SINGLETON
};

// Who is at the till: the lock screen, first-run setup, switching cashier.
struct StaffSessionForeign : AppInstance<omnitill::StaffSession>
{
    Q_GADGET
    QML_FOREIGN(omnitill::StaffSession)
    QML_NAMED_ELEMENT(StaffSession)
    QML_SINGLETON
};

// The customer kiosk (omnitill-kiosk, KioskMain.qml): the customer's session, and the staff's way out.
struct KioskBasketModelForeign
{
    Q_GADGET
    QML_FOREIGN(omnitill::KioskBasketModel)
    QML_NAMED_ELEMENT(KioskBasketModel)
    QML_UNCREATABLE("the kiosk's basket belongs to the KioskSession")
};

struct KioskSessionForeign : AppInstance<omnitill::KioskSession>
{
    Q_GADGET
    QML_FOREIGN(omnitill::KioskSession)
    QML_NAMED_ELEMENT(KioskSession)
    QML_SINGLETON
};

struct KioskExitForeign : AppInstance<omnitill::KioskExit>
{
    Q_GADGET
    QML_FOREIGN(omnitill::KioskExit)
    QML_NAMED_ELEMENT(KioskExit)
    QML_SINGLETON
};
