// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/kiosk/kioskcomposition.h"

#include "app/common/guimain.h"

#include "core/catalog/catalog.h"
#include "core/catalog/demodata.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/handoff/cartcache.h"
#include "core/kiosk/kioskexit.h"
#include "core/kiosk/kiosksession.h"
#include "core/kiosk/kiosksettings.h"
#include "core/kiosk/logging.h"
#include "core/loyalty/loyalty.h"
#include "core/scan/decoderclient.h"
#include "core/scan/scanservice.h"
#include "core/settings/labelsettings.h"
#include "core/settings/scannersettings.h"
#include "core/settings/tillsettings.h"
#include "core/staff/staffstore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "qml/keyboardwedge.h"
#include "qml/qmltypes.h"
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/syncservice.h"

#include <QCoreApplication>
#include <QLocale>

namespace omnitill {

Result<std::unique_ptr<KioskComposition>> KioskComposition::create(const Options &options, Clock clock)
{
    std::unique_ptr<KioskComposition> self(new KioskComposition);
    auto db = Database::open(options.databasePath);
    if (!db)
        return db.error();
    self->m_db = std::move(db).value();
    Database &store = *self->m_db;

    // The terminal's language (omnitill-cli language), else the system's if the kiosk speaks it, else English.
    auto language = loadTerminalLanguage(store);
    if (!language)
        return language.error();
    const QString speaks = chooseLanguage(*language);
    auto translator = installTranslation(speaks, u"kiosk");
    if (!translator)
        return translator.error();
    self->m_translator = std::move(translator).value();
    const QLocale locale(speaks.isEmpty() ? QStringLiteral("en") : speaks);

    self->m_catalog = std::make_unique<Catalog>(store);
    if (options.demoSkus > 0) {
        auto skus = self->m_catalog->variantCount();
        if (!skus)
            return skus.error();
        if (*skus == 0) {
            if (auto st = DemoCatalog::seed(store, DemoOptions { options.demoSkus, 42, clock() }); !st)
                return st.error();
            if (auto st = DemoCustomers::seed(store, 200, clock()); !st)
                return st.error();
            if (auto st = LoyaltyRules::seedDemo(store); !st)
                return st.error();
            qCInfo(lcKiosk) << "added the demo catalog and customers to" << options.databasePath;
        }
    }
    auto settings = loadKioskSettings(store);
    if (!settings)
        return settings.error();
    auto labels = loadLabelRules(store);
    if (!labels)
        return labels.error();
    auto wedgeConfig = loadWedgeConfig(store);
    if (!wedgeConfig)
        return wedgeConfig.error();
    auto syncConfig = sync::loadSyncConfig(store); // none: the kiosk answers from what it holds
    auto identity = Journal::identity(store);
    if (!identity)
        return identity.error();

    self->m_customers = std::make_unique<CustomerStore>(store, clock);
    self->m_loyalty = std::make_unique<Loyalty>(store, clock);
    self->m_cache = std::make_unique<CartCache>(store);
    self->m_session = std::make_unique<KioskSession>(*self->m_catalog, *self->m_customers, self->m_loyalty.get(),
        *self->m_cache, clock,
        KioskSession::Config { options.currency, qint64(settings->idleSeconds) * 1000, settings->nearbyStores,
            settings->productUrl, *labels, settings->promotions },
        locale);
    KioskSession *session = self->m_session.get();
    if (syncConfig) {
        session->setHandBasket([config = *syncConfig, terminal = identity->terminalId](const OnlineCart &basket) {
            return sync::handBasket(config, terminal, basket, true);
        });
    }
    session->refreshPromotions();
    self->m_staff = std::make_unique<StaffStore>(store, clock);
    self->m_exit = std::make_unique<KioskExit>(*self->m_staff);

    // A touch or a key anywhere: the customer is still there.
    self->m_activity = std::make_unique<ActivityFilter>([session] { session->noteActivity(); });
    QCoreApplication::instance()->installEventFilter(self->m_activity.get());
    self->m_idle.setInterval(1000);
    QObject::connect(&self->m_idle, &QTimer::timeout, session, &KioskSession::checkIdle);
    self->m_idle.start();

    // Hand scanners and the camera, as at the till; the camera's frames are decoded in omnitill-decoder, restarted
    // when it crashes (that frame is lost, the next one reads).
    self->m_decoder = std::make_unique<DecoderClient>(DecoderClient::Config { options.decoderProgram }, clock);
    self->m_scans = std::make_unique<ScanService>(clock, ScanService::Config {});
    self->m_scans->setDecoder(self->m_decoder.get());
    self->m_wedge = std::make_unique<KeyboardWedge>(*wedgeConfig);
    QCoreApplication::instance()->installEventFilter(self->m_wedge.get());
    QObject::connect(self->m_wedge.get(), &KeyboardWedge::scanned, self->m_scans.get(), &ScanService::submitKeyboard);
    QObject::connect(self->m_scans.get(), &ScanService::scanned, session,
        [session, exit = self->m_exit.get()](const ScanResult &scan) {
            if (exit->isOpen())
                exit->leaveWithBadge(scan.text());
            else
                session->scan(scan.tillCode()); // binary payloads have no text: "cannot be read"
        });

    // The kiosk pulls what the hub publishes; with nothing to push, a round is a pull.
    sync::SyncStatus initial;
    self->m_sync = std::make_unique<sync::SyncService>(
        options.databasePath, syncConfig ? std::optional<sync::SyncConfig>(*syncConfig) : std::nullopt, initial, clock);
    QObject::connect(self->m_sync.get(), &sync::SyncService::changed, session, [self = self.get()] {
        // Prices and promotions may have changed with the round the hub just answered.
        if (self->m_sync->status().lastSuccessMs != self->m_lastSync) {
            self->m_lastSync = self->m_sync->status().lastSuccessMs;
            self->m_session->refreshPromotions();
        }
    });
    self->m_hourly.setInterval(3'600'000); // promotions start and end by the clock too
    QObject::connect(&self->m_hourly, &QTimer::timeout, session, &KioskSession::refreshPromotions);
    self->m_hourly.start();
    return self;
}

KioskComposition::~KioskComposition()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

void KioskComposition::publishToQml()
{
    KioskSessionForeign::s_instance = m_session.get();
    KioskExitForeign::s_instance = m_exit.get();
    ScanServiceForeign::s_instance = m_scans.get();
    SyncServiceForeign::s_instance = m_sync.get();
}

} // namespace omnitill
