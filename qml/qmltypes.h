// SPDX-License-Identifier: GPL-3.0-or-later
// QML registration at the edge: core/ stays free of QML macros. The composition root (app/till/main.cpp) builds
// the instances and hands them over before the engine loads Main.qml.
#pragma once

#include "core/cartmodel.h"
#include "core/salecontroller.h"
#include "core/scanresult.h"
#include "core/scanservice.h"
#include "core/searchmodel.h"
#include "sync/syncservice.h"

#include <QJSEngine>
#include <QQmlEngine>

// A singleton whose one instance the composition root builds and sets before the engine loads; QML never owns it.
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
    QML_UNCREATABLE("the cart model belongs to the Till")
};

// The current sale.
struct TillForeign : AppInstance<omnitill::SaleController>
{
    Q_GADGET
    QML_FOREIGN(omnitill::SaleController)
    QML_NAMED_ELEMENT(Till)
    QML_SINGLETON
};

// Catalog type-ahead search.
struct CatalogSearchForeign : AppInstance<omnitill::SearchModel>
{
    Q_GADGET
    QML_FOREIGN(omnitill::SearchModel)
    QML_NAMED_ELEMENT(CatalogSearch)
    QML_SINGLETON
};

// The till's sync state: what is waiting, whether a manager must look.
struct SyncForeign : AppInstance<omnitill::sync::SyncService>
{
    Q_GADGET
    QML_FOREIGN(omnitill::sync::SyncService)
    QML_NAMED_ELEMENT(Sync)
    QML_SINGLETON
};

// What a scanner read (the camera page shows the last one).
struct ScanResultForeign
{
    Q_GADGET
    QML_FOREIGN(omnitill::ScanResult)
    QML_VALUE_TYPE(scanResult)
};

// Every scanner's results: keyboard wedge and camera.
struct ScannerForeign : AppInstance<omnitill::ScanService>
{
    Q_GADGET
    QML_FOREIGN(omnitill::ScanService)
    QML_NAMED_ELEMENT(Scanner)
    QML_SINGLETON
};
