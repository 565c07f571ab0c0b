// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/till/tillcomposition.h"

#include "app/common/guimain.h"

#include "core/catalog/catalog.h"
#include "core/catalog/demodata.h"
#include "core/customers/democustomers.h"
#include "core/fiscal/fiscallog.h"
#include "core/handoff/cartcache.h"
#include "core/loyalty/loyalty.h"
#include "core/printing/printqueue.h"
#include "core/sale/adjustments.h"
#include "core/sale/parkedsales.h"
#include "core/sale/salestore.h"
#include "core/sale/voids.h"
#include "core/scan/decoderclient.h"
#include "core/scan/scanservice.h"
#include "core/settings/labelsettings.h"
#include "core/settings/printersettings.h"
#include "core/settings/scannersettings.h"
#include "core/settings/tillsettings.h"
#include "core/shifts/shiftstore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/till/catalogbrowsemodel.h"
#include "core/till/catalogsearchmodel.h"
#include "core/till/customercontroller.h"
#include "core/till/handoffcontroller.h"
#include "core/till/logging.h"
#include "core/till/reportscontroller.h"
#include "core/till/returncontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/shiftcontroller.h"
#include "core/till/staffsession.h"
#include "core/till/terminalsettings.h"
#include "core/till/tillsession.h"
#include "qml/keyboardwedge.h"
#include "qml/qmltypes.h"
#include "sync/common/streamapplier.h"
#include "sync/terminal/customerclient.h"
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/storedvalueclient.h"
#include "sync/terminal/syncservice.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>
#include <QTranslator>

namespace omnitill {

Result<std::unique_ptr<TillComposition>> TillComposition::create(const Options &options, Clock clock)
{
    std::unique_ptr<TillComposition> self(new TillComposition);
    auto db = Database::open(options.databasePath);
    if (!db)
        return db.error();
    self->m_db = std::move(db).value();
    Database &store = *self->m_db;

    // The till speaks the terminal's language (omnitill-cli language), else the system's if it has it, else English;
    // the translator is in place before anything is said.
    auto language = loadTerminalLanguage(store);
    if (!language)
        return language.error();
    QLocale numbers; // how the cashier types amounts: the system's way, or the terminal language's
    const QString speaks = chooseLanguage(*language);
    if (!language->isEmpty())
        numbers = QLocale(speaks);
    auto translator = installTranslation(speaks, u"till");
    if (!translator)
        return translator.error();
    self->m_translator = std::move(translator).value();

    self->m_catalog = std::make_unique<Catalog>(store);
    if (options.demoSkus > 0) {
        auto skus = self->m_catalog->variantCount();
        if (!skus)
            return skus.error();
        if (*skus == 0) {
            if (auto st = DemoCatalog::seed(store, DemoOptions { options.demoSkus, 42, clock() }); !st)
                return st.error();
            qCInfo(lcTill) << "added the demo catalog to" << options.databasePath;
            // The demo store's customers and loyalty rules, as the hub's customers-demo has them, so the Customers
            // page has people on it without a hub.
            if (auto st = DemoCustomers::seed(store, 200, clock()); !st)
                return st.error();
            if (auto st = LoyaltyRules::seedDemo(store); !st)
                return st.error();
        }
    }

    // The store's settings: price/weight labels and the scanner (omnitill-cli labels, scanner), the hub (sync-config).
    auto labels = loadLabelRules(store);
    if (!labels)
        return labels.error();
    auto wedgeConfig = loadWedgeConfig(store);
    if (!wedgeConfig)
        return wedgeConfig.error();
    auto outbox = Journal::outboxStatus(store.connection());
    if (!outbox)
        return outbox.error();
    auto reasons = loadCounterReasons(store);
    if (!reasons)
        return reasons.error();
    auto syncConfig = sync::loadSyncConfig(store); // none: the till only reports what is waiting

    // This run of the till is open until close(); a previous run still open never ended.
    auto unfinished = TillSession::begin(store, clock());
    if (!unfinished)
        return unfinished.error();

    self->m_store = std::make_unique<SaleStore>(store, clock);
    auto lastSale = self->m_store->lastSale();
    if (!lastSale)
        return lastSale.error();
    self->m_saleController = std::make_unique<SaleController>(*self->m_catalog, *self->m_store, clock,
        SaleController::Config {
            options.currency, PricingMode::TaxInclusive, options.cashIncrementMinor, *labels, QLocale(), *reasons });
    SaleController *till = self->m_saleController.get();
    till->resume(*lastSale, unfinished->has_value());

    // Who is at the till, and the counter actions they do.
    self->m_staff = std::make_unique<StaffStore>(store, clock);
    self->m_session = std::make_unique<StaffSession>(*self->m_staff, clock, options.idleLockMs);
    self->m_voids = std::make_unique<Voids>(store, clock);
    self->m_adjustments = std::make_unique<Adjustments>(store, clock);
    till->setStaff({ *self->m_session, *self->m_staff, *self->m_voids, *self->m_adjustments });
    self->m_parked = std::make_unique<ParkedSales>(store, clock);
    till->setParkedSales(*self->m_parked);
    // The cash shift: no payment without one open.
    self->m_shiftStore = std::make_unique<ShiftStore>(store, clock);
    till->setShifts(*self->m_shiftStore);
    // Gift cards on the hub's ledger: asked online, within the offline allowance (config stored_value.offline,
    // {"card_minor": 5000, "terminal_minor": 20000}) when the hub cannot be reached.
    self->m_storedValue = std::make_unique<StoredValue>(store, clock);
    {
        StoredValueLimits limits;
        if (auto row = sync::StreamApplier::row(store, sync::kConfigStream, QStringLiteral("stored_value.offline"));
            row && *row) {
            const QJsonObject v = QJsonDocument::fromJson(**row).object().value(u"value").toObject();
            limits.cardOfflineMinor = v.value(u"card_minor").toInteger(limits.cardOfflineMinor);
            limits.terminalOfflineMinor = v.value(u"terminal_minor").toInteger(limits.terminalOfflineMinor);
        }
        SaleController::AskHub ask;
        if (syncConfig) {
            const QString terminalId = Journal::identity(store.connection()).value().terminalId;
            ask = [config = *syncConfig, terminalId](
                      const QString &card) { return sync::askHubAboutCard(config, terminalId, card); };
        }
        till->setStoredValue(*self->m_storedValue, limits, std::move(ask));
    }
    // Customers: looked up here, fetched live from the hub when it answers. Phone numbers typed without a country
    // code take the store's (config customers.calling_code, e.g. {"value": "49"}).
    self->m_customerStore = std::make_unique<CustomerStore>(store, clock);
    if (options.demoSkus > 0) // the demo store is in Germany unless the hub says otherwise
        if (auto row = sync::StreamApplier::row(store, sync::kConfigStream, QStringLiteral("customers.calling_code"));
            row && !*row)
            self->m_customerStore->setDefaultCallingCode(QStringLiteral("49"));
    till->setCustomers(*self->m_customerStore);
    // One way to ask the hub about a customer now, for the Customers page and for points at the till.
    FetchCustomerProfile fetchCustomer;
    if (syncConfig) {
        const QString terminalId = Journal::identity(store.connection()).value().terminalId;
        fetchCustomer = [config = *syncConfig, terminalId](
                            const QString &id) { return sync::fetchCustomerProfile(config, terminalId, id); };
    }
    // Loyalty points on the hub's ledger (config loyalty.rules), asked online, within the offline allowance.
    self->m_loyalty = std::make_unique<Loyalty>(store, clock);
    till->setLoyalty(*self->m_loyalty, fetchCustomer);
    self->m_customers
        = std::make_unique<CustomerController>(*self->m_customerStore, *self->m_session, clock, QLocale());
    self->m_customers->setFetch(std::move(fetchCustomer));
    // Returns: the original asked of the hub when it answers, else this till's own sales and cached orders; the
    // store's policy (config returns: {"days": 30, "unverified_limit_minor": 5000}).
    {
        ReturnPolicy policy;
        if (auto row = sync::StreamApplier::row(store, sync::kConfigStream, QStringLiteral("returns")); row && *row)
            policy = ReturnPolicy::fromConfig(QJsonDocument::fromJson(**row).object().value(u"value"));
        self->m_returnStore = std::make_unique<ReturnStore>(store, *self->m_store, clock, policy);
        self->m_returns = std::make_unique<ReturnController>(*self->m_returnStore, *self->m_catalog, *self->m_session,
            *self->m_staff, options.currency, clock, QLocale());
        if (syncConfig) {
            const QString terminalId = Journal::identity(store.connection()).value().terminalId;
            self->m_returns->setFetch(
                [config = *syncConfig, terminalId](const QString &receiptNo, const QString &token) {
                    return sync::fetchOriginal(config, terminalId, receiptNo, token);
                });
        }
        QObject::connect(self->m_returns.get(), &ReturnController::errorOccurred, till, &SaleController::errorOccurred);
    }
    // Online carts onto the sale by their hand-off code, and the sale's basket onto the customer's phone: asked of
    // the hub, or found in this till's cached carts when it cannot be asked.
    self->m_cartCache = std::make_unique<CartCache>(store);
    self->m_handoff = std::make_unique<HandoffController>(
        *till, *self->m_catalog, *self->m_cartCache, options.currency, clock, QLocale());
    self->m_handoff->setCustomers(self->m_customerStore.get());
    if (syncConfig) {
        const QString terminalId = Journal::identity(store.connection()).value().terminalId;
        const sync::SyncConfig config = *syncConfig;
        self->m_handoff->setHub(HandoffController::Hub {
            [config, terminalId](const QString &sha) { return sync::resolveHandoff(config, terminalId, sha); },
            [config, terminalId](
                const QString &cart, qint64 version) { return sync::claimCart(config, terminalId, cart, version); },
            [config, terminalId](const QString &cart) { sync::releaseCart(config, terminalId, cart); },
            [config, terminalId](const OnlineCart &basket) { return sync::handBasket(config, terminalId, basket); } });
    }
    QObject::connect(self->m_handoff.get(), &HandoffController::errorOccurred, till, &SaleController::errorOccurred);
    self->m_shifts
        = std::make_unique<ShiftController>(*self->m_shiftStore, *self->m_session, *till, options.currency, QLocale());
    QObject::connect(self->m_shifts.get(), &ShiftController::errorOccurred, till, &SaleController::errorOccurred);
    // A day of this till from its journal, and of its store from the hub; the store's day in the store's zone, as
    // the hub's report counts it (config stores.time_zones).
    self->m_reports = std::make_unique<ReportsController>(
        store, *self->m_session,
        [db = &store] {
            auto code = readMeta(db->connection(), QStringLiteral("store_code"));
            auto row = sync::StreamApplier::row(*db, sync::kConfigStream, QStringLiteral("stores.time_zones"));
            if (code && *code && row && *row) {
                const QJsonObject zones = QJsonDocument::fromJson(**row).object().value(u"value").toObject();
                const QTimeZone zone(zones.value(**code).toString(zones.value(u"*").toString()).toLatin1());
                if (zone.isValid())
                    return zone;
            }
            return QTimeZone::systemTimeZone();
        },
        clock);
    if (auto identity = Journal::identity(store.connection()))
        self->m_reports->setTerminalId(identity->terminalId);
    if (syncConfig) {
        self->m_reports->setStoreFetch(
            [config = *syncConfig, terminalId = Journal::identity(store.connection()).value().terminalId](
                QDate date, QString *why) { return sync::fetchStoreReport(config, terminalId, date, why); });
    }
    // Every key press, click and touch anywhere keeps the signed-in person's session alive.
    self->m_activity = std::make_unique<ActivityFilter>([session = self->m_session.get()] { session->noteActivity(); });
    QCoreApplication::instance()->installEventFilter(self->m_activity.get());
    self->m_search = std::make_unique<CatalogSearchModel>(*self->m_catalog, options.currency, clock, numbers);
    QObject::connect(self->m_search.get(), &CatalogSearchModel::errorOccurred, till, &SaleController::errorOccurred);
    self->m_browse = std::make_unique<CatalogBrowseModel>(*self->m_catalog, options.currency, clock, numbers);
    QObject::connect(self->m_browse.get(), &CatalogBrowseModel::errorOccurred, till, &SaleController::errorOccurred);
    self->reloadGrid();
    auto sounds = loadScanSounds(store);
    if (!sounds)
        return sounds.error();
    auto printer = loadPrinterSettings(store);
    if (!printer)
        return printer.error();
    self->m_settings = std::make_unique<TerminalSettings>(store, *self->m_session, *language, *sounds, *printer);
    QObject::connect(self->m_settings.get(), &TerminalSettings::errorOccurred, till, &SaleController::errorOccurred);

    // Each sale's receipt on screen and, with a printer set, through the print queue (its own thread and
    // connection); receipts queued when the till stopped print now, one cut off waits for the cashier.
    self->m_printQueue = std::make_unique<Printing::PrintQueue>(options.databasePath, clock);
    if (auto st = self->m_printQueue->start(); !st)
        return st.error();
    self->m_receipts = std::make_unique<ReceiptController>(store, *self->m_printQueue, *self->m_session);
    QObject::connect(till, &SaleController::saleRecorded, self->m_receipts.get(), &ReceiptController::print);
    QObject::connect(self->m_returns.get(), &ReturnController::returnRecorded, self->m_receipts.get(),
        &ReceiptController::printReturn);
    QObject::connect(till, &SaleController::cardIssued, self->m_receipts.get(), &ReceiptController::printCard);
    QObject::connect(self->m_receipts.get(), &ReceiptController::errorOccurred, till, &SaleController::errorOccurred);
    QObject::connect(
        self->m_settings.get(), &TerminalSettings::printerChanged, self->m_receipts.get(), &ReceiptController::reload);
    if (unfinished->has_value())
        self->m_receipts->printMissed();
    self->m_shifts->setReceipts(self->m_receipts.get());
    // Each sale's fiscal signature: from the journal's chain (RKSV-style QR code) until a signing device is set up.
    auto identity = Journal::identity(store);
    if (!identity)
        return identity.error();
    self->m_signer = std::make_unique<ChainSigner>();
    self->m_fiscal = std::make_unique<FiscalLog>(store, clock, *self->m_signer, identity->terminalId);
    self->m_receipts->setFiscal(self->m_fiscal.get());

    // Every scanner feeds one ScanService: keyboard-wedge scanners anywhere in the window, and the camera, whose
    // frames are decoded in omnitill-decoder (started when a camera view opens, restarted when ZXing aborts).
    self->m_decoder = std::make_unique<DecoderClient>(DecoderClient::Config { options.decoderProgram }, clock);
    self->m_scans = std::make_unique<ScanService>(clock, ScanService::Config {});
    self->m_scans->setDecoder(self->m_decoder.get());
    self->m_wedge = std::make_unique<KeyboardWedge>(*wedgeConfig);
    QCoreApplication::instance()->installEventFilter(self->m_wedge.get());
    QObject::connect(self->m_wedge.get(), &KeyboardWedge::scanned, self->m_scans.get(), &ScanService::submitKeyboard);
    QObject::connect(self->m_scans.get(), &ScanService::scanned, till,
        [till, session = self->m_session.get(), returns = self->m_returns.get(), handoff = self->m_handoff.get()](
            const ScanResult &scan) {
            session->noteActivity();
            if (!session->signedIn())
                session->signInWithBadge(scan.text());
            else if (till->approvalPending())
                till->approveWithBadge(scan.text());
            else if (returns->approvalPending())
                returns->approveWithBadge(scan.text());
            else if (returns->active())
                returns->scan(scan.tillCode());
            else if (!handoff->scan(scan.text()))
                till->addScan(scan);
        });
    QObject::connect(self->m_scans.get(), &ScanService::errorOccurred, till, &SaleController::errorOccurred);

    // Sync runs on its own thread with its own connection when the store has a hub configured.
    sync::SyncStatus initial;
    initial.pending = outbox->pending;
    initial.oldestPendingAtMs = outbox->oldestPendingAtMs;
    self->m_sync = std::make_unique<sync::SyncService>(
        options.databasePath, syncConfig ? std::optional<sync::SyncConfig>(*syncConfig) : std::nullopt, initial, clock);
    QObject::connect(till, &SaleController::saleCompleted, self->m_sync.get(), &sync::SyncService::syncNow);
    QObject::connect(
        self->m_returns.get(), &ReturnController::returnRecorded, self->m_sync.get(), &sync::SyncService::syncNow);
    // The hub may change the grids (its config stream) while the till runs.
    QObject::connect(
        self->m_sync.get(), &sync::SyncService::changed, till, [self = self.get()] { self->reloadGrid(); });
    self->showDetails(syncConfig ? syncConfig->hub.toString() : QString());
    QObject::connect(self->m_sync.get(), &sync::SyncService::changed, self->m_settings.get(),
        [self = self.get(), hub = syncConfig ? syncConfig->hub.toString() : QString()] { self->showDetails(hub); });
    if (!self->m_sync->configured()) {
        // No worker counts the outbox: the badge follows the sales recorded here.
        QObject::connect(till, &SaleController::saleCompleted, self->m_sync.get(), [self = self.get()] {
            if (auto now = Journal::outboxStatus(self->m_db->connection()))
                self->m_sync->setLocalOutbox(now->pending, now->oldestPendingAtMs);
        });
    }
    return self;
}

void TillComposition::reloadGrid()
{
    auto favourites = loadFavourites(*m_db);
    auto categories = loadCategoryGrid(*m_db);
    if (!favourites || !categories) {
        qCWarning(lcTill) << "the hub's grid settings are not usable:"
                          << (favourites ? categories.error().message : favourites.error().message);
    }
    const QStringList f = favourites.value_or(QStringList());
    const QStringList c = categories.value_or(QStringList());
    if (m_gridLoaded && f == m_gridFavourites && c == m_gridCategories)
        return;
    m_gridLoaded = true;
    m_gridFavourites = f;
    m_gridCategories = c;
    m_browse->setGrid(f, c);
}

void TillComposition::showDetails(const QString &hub)
{
    auto identity = Journal::identity(*m_db);
    auto store = readMeta(m_db->connection(), QStringLiteral("store_code"));
    auto terminal = readMeta(m_db->connection(), QStringLiteral("terminal_code"));
    auto row = [](const QString &label, const QString &value) {
        return QVariantMap { { QStringLiteral("label"), label }, { QStringLiteral("value"), value } };
    };
    const QString unknown = QCoreApplication::translate("TerminalSettings", "Not known yet");
    auto known
        = [&](const Result<std::optional<QString>> &value) { return value && value->has_value() ? **value : unknown; };
    QVariantList details {
        row(QCoreApplication::translate("TerminalSettings", "Terminal"),
            identity ? identity->terminalId : identity.error().message),
        row(QCoreApplication::translate("TerminalSettings", "Store"), known(store)),
        row(QCoreApplication::translate("TerminalSettings", "Terminal code"), known(terminal)),
        row(QCoreApplication::translate("TerminalSettings", "Hub"),
            hub.isEmpty() ? QCoreApplication::translate("TerminalSettings", "None: this till keeps its sales") : hub),
    };
    if (!QCoreApplication::applicationVersion().isEmpty())
        details.append(
            row(QCoreApplication::translate("TerminalSettings", "Version"), QCoreApplication::applicationVersion()));
    if (details != m_settings->details())
        m_settings->setDetails(details);
}

TillComposition::~TillComposition()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

Status TillComposition::close()
{
    return TillSession::end(*m_db);
}

void TillComposition::publishToQml()
{
    SaleControllerForeign::s_instance = m_saleController.get();
    CatalogSearchModelForeign::s_instance = m_search.get();
    CatalogBrowseModelForeign::s_instance = m_browse.get();
    ScanServiceForeign::s_instance = m_scans.get();
    SyncServiceForeign::s_instance = m_sync.get();
    StaffSessionForeign::s_instance = m_session.get();
    TerminalSettingsForeign::s_instance = m_settings.get();
    ReceiptControllerForeign::s_instance = m_receipts.get();
    ShiftControllerForeign::s_instance = m_shifts.get();
    CustomerControllerForeign::s_instance = m_customers.get();
    ReturnControllerForeign::s_instance = m_returns.get();
    HandoffControllerForeign::s_instance = m_handoff.get();
    ReportsControllerForeign::s_instance = m_reports.get();
}

} // namespace omnitill
