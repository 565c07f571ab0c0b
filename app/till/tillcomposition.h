// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/money.h"
#include "core/base/result.h"

#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace omnitill {

class Adjustments;
class Catalog;
class CatalogBrowseModel;
class CatalogSearchModel;
class Database;
class ParkedSales;
class DecoderClient;
class KeyboardWedge;
class SaleController;
class SaleStore;
class ScanService;
class StaffSession;
class TerminalSettings;
class ReceiptController;
class ReportsController;
class ShiftController;
class FiscalLog;
class FiscalSigner;
class ShiftStore;
class StoredValue;
class CustomerStore;
class Loyalty;
class CustomerController;
class ReturnController;
class HandoffController;
class CartCache;
class ReturnStore;
namespace Printing {
class PrintQueue;
}
class StaffStore;
class Voids;
namespace sync {
class SyncService;
}

// The till's object graph: every service, built once in construction order from the store's own settings, with
// every connection made here. app/till/main.cpp and the Qt Quick tests both build the till through this class, so
// the tests run the real wiring:
//  - KeyboardWedge (an application-wide event filter) and the camera's DecoderClient feed one ScanService, whose
//    scans ring up items on the SaleController;
//  - who is at the till (StaffSession over StaffStore) does the counter actions (Voids, Adjustments); while the till
//    is locked a scan is a badge signing in, while an action waits for a manager a scan is the manager's badge;
//    every key press, touch and scan counts as activity for the idle lock;
//  - sales parked at the counter (ParkedSales) are kept in the store's database across restarts;
//  - the terminal's own settings (TerminalSettings: language, scan sounds, printer) are changed by whoever's role
//    may;
//  - each sale's receipt is shown and, with a printer, queued for it (ReceiptController over the PrintQueue, which
//    sends from a thread of its own);
//  - the favourites and category grids (CatalogBrowseModel) follow the hub's settings as sync brings them;
//  - a completed sale asks the SyncService (own thread, own connection) to sync now;
//  - every message for the cashier (the sale, the catalog search, the scanners) reaches QML through
//    SaleController::errorOccurred.
class TillComposition
{
public:
    struct Options
    {
        QString databasePath;
        Currency currency;
        qint64 cashIncrementMinor = 1; // cash rounding step; 1 = none
        qint64 demoSkus = 0; // add a demo catalog of this many SKUs when the catalog is empty; 0 = never
        QString decoderProgram; // omnitill-decoder, started when a camera view opens
        qint64 idleLockMs = 120'000; // the till locks after this long without a touch, key or scan
    };

    // Opens the store and reads its settings (label rules, the keyboard-wedge setup, the hub). A broken setting
    // stops the till rather than let it misprice.
    static Result<std::unique_ptr<TillComposition>> create(const Options &options, Clock clock = systemClock());
    ~TillComposition();
    TillComposition(const TillComposition &) = delete;
    TillComposition &operator=(const TillComposition &) = delete;

    // Hands the instances to the QML singletons (qml/qmltypes.h); call before the engine loads.
    void publishToQml();
    // Records that this run of the till ended as it should (the window was closed). A run that never gets here was
    // killed or crashed: the next start tells the cashier which sale completed last.
    Status close();

    Database &database() { return *m_db; }
    SaleController &saleController() { return *m_saleController; }
    CatalogSearchModel &catalogSearch() { return *m_search; }
    CatalogBrowseModel &catalogBrowse() { return *m_browse; }
    TerminalSettings &terminalSettings() { return *m_settings; }
    ReceiptController &receipts() { return *m_receipts; }
    ShiftController &shifts() { return *m_shifts; }
    ScanService &scanService() { return *m_scans; }
    sync::SyncService &syncService() { return *m_sync; }
    StaffStore &staffStore() { return *m_staff; }
    StaffSession &staffSession() { return *m_session; }
    CustomerController &customers() { return *m_customers; }
    ReturnController &returns() { return *m_returns; }
    HandoffController &handoff() { return *m_handoff; }
    ReportsController &reports() { return *m_reports; }

private:
    TillComposition() = default;
    // Hands the hub's favourites and categories to the grid model when they changed.
    void reloadGrid();
    // The terminal's id, store, hub and version on the Settings page; the store and codes arrive with the first sync.
    void showDetails(const QString &hub);

    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<SaleStore> m_store;
    std::unique_ptr<StaffStore> m_staff;
    std::unique_ptr<StaffSession> m_session;
    std::unique_ptr<Voids> m_voids;
    std::unique_ptr<Adjustments> m_adjustments;
    std::unique_ptr<ParkedSales> m_parked;
    std::unique_ptr<QObject> m_activity;
    std::unique_ptr<SaleController> m_saleController;
    std::unique_ptr<CatalogSearchModel> m_search;
    std::unique_ptr<CatalogBrowseModel> m_browse;
    std::unique_ptr<TerminalSettings> m_settings;
    std::unique_ptr<Printing::PrintQueue> m_printQueue;
    std::unique_ptr<FiscalSigner> m_signer;
    std::unique_ptr<FiscalLog> m_fiscal;
    std::unique_ptr<ReceiptController> m_receipts;
    std::unique_ptr<ShiftStore> m_shiftStore;
    std::unique_ptr<StoredValue> m_storedValue;
    std::unique_ptr<CustomerStore> m_customerStore;
    std::unique_ptr<Loyalty> m_loyalty;
    std::unique_ptr<CustomerController> m_customers;
    std::unique_ptr<ReturnStore> m_returnStore;
    std::unique_ptr<ReturnController> m_returns;
    std::unique_ptr<CartCache> m_cartCache;
    std::unique_ptr<HandoffController> m_handoff;
    std::unique_ptr<ShiftController> m_shifts;
    std::unique_ptr<ReportsController> m_reports;
    std::unique_ptr<DecoderClient> m_decoder;
    std::unique_ptr<ScanService> m_scans;
    std::unique_ptr<KeyboardWedge> m_wedge;
    std::unique_ptr<sync::SyncService> m_sync;
    bool m_gridLoaded = false;
    QStringList m_gridFavourites;
    QStringList m_gridCategories;
};

} // namespace omnitill
