// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"

#include <QString>
#include <QTimer>
#include <QTranslator>

#include <memory>

namespace omnitill {

class CartCache;
class Catalog;
class CustomerStore;
class Database;
class DecoderClient;
class KeyboardWedge;
class KioskExit;
class KioskSession;
class Loyalty;
class ScanService;
class StaffStore;
namespace sync {
class SyncService;
}

// The customer kiosk's object graph, built once: app/kiosk/main.cpp and the kiosk's tests build it through this
// class, so the tests run the real wiring.
//  - The kiosk is a terminal of its store (registered with the hub like a till, `omnitill-cli sync-config`): the
//    SyncService pulls the catalog, prices and promotions, stock, customers, loyalty rules and staff, and the kiosk
//    answers from that copy, online or not. It records no sales.
//  - Hand scanners (KeyboardWedge) and the camera (DecoderClient, its own process) feed one ScanService, whose scans
//    go to the KioskSession, or to the KioskExit while a member of staff is signing out.
//  - A timer asks the session every second whether the customer has gone (idle), and any touch counts as activity.
//  - The basket goes on to a till and to the phone through the hub (POST /sync/v1/basket).
class KioskComposition
{
public:
    struct Options
    {
        QString databasePath;
        Currency currency;
        qint64 demoSkus = 0; // a demo catalog, customers and loyalty rules when the catalog is empty; 0 = never
        QString decoderProgram; // omnitill-decoder
    };
    static Result<std::unique_ptr<KioskComposition>> create(const Options &options, Clock clock = systemClock());
    ~KioskComposition();
    KioskComposition(const KioskComposition &) = delete;
    KioskComposition &operator=(const KioskComposition &) = delete;

    // Hands the instances to the QML singletons (qml/qmltypes.h); call before the engine loads KioskMain.qml.
    void publishToQml();

    Database &database() { return *m_db; }
    KioskSession &session() { return *m_session; }
    KioskExit &exit() { return *m_exit; }
    ScanService &scanService() { return *m_scans; }
    DecoderClient &decoder() { return *m_decoder; }
    sync::SyncService &syncService() { return *m_sync; }

private:
    KioskComposition() = default;

    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<Loyalty> m_loyalty;
    std::unique_ptr<CartCache> m_cache;
    std::unique_ptr<StaffStore> m_staff;
    std::unique_ptr<KioskSession> m_session;
    std::unique_ptr<KioskExit> m_exit;
    std::unique_ptr<QObject> m_activity;
    std::unique_ptr<DecoderClient> m_decoder;
    std::unique_ptr<ScanService> m_scans;
    std::unique_ptr<KeyboardWedge> m_wedge;
    std::unique_ptr<sync::SyncService> m_sync;
    QTimer m_idle;
    QTimer m_hourly;
    qint64 m_lastSync = 0;
};

} // namespace omnitill
