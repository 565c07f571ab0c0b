// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test runner for tests/qml/tst_*.qml. Each run gets a fresh demo store and the same Till and CatalogSearch
// singletons the app publishes. Any warning (a QML binding error, a type error) fails the run.
#include "core/catalog.h"
#include "core/database.h"
#include "core/decoderclient.h"
#include "core/demodata.h"
#include "core/salecontroller.h"
#include "core/salestore.h"
#include "core/scanservice.h"
#include "core/searchmodel.h"
#include "qml/keyboardwedge.h"
#include "qml/qmltypes.h"

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QTemporaryDir>
#include <QtQuickTest>

#include <cstdio>
#include <cstdlib>
#include <memory>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

namespace {
int s_warnings = 0;
QtMessageHandler s_previous = nullptr;

void failOnWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // QtMultimedia 6.4 asks PulseAudio for audio devices whenever a Camera is made; CI machines (and many tills) run
    // no sound server. The till plays no sound, so this one is not a fault of ours.
    const bool noSoundServer = message == QLatin1String("PulseAudioService: pa_context_connect() failed");
    if ((type == QtWarningMsg || type == QtCriticalMsg) && !noSoundServer)
        ++s_warnings;
    s_previous(type, context, message);
}
} // namespace

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        s_previous = qInstallMessageHandler(failOnWarnings);
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        auto db = omnitill::Database::open(m_dir.filePath(QStringLiteral("qml.db")));
        if (!db || !omnitill::DemoCatalog::seed(**db, omnitill::DemoOptions { 500, 42, 1795341600000 })) {
            std::fprintf(stderr, "tst_qml: cannot prepare the demo store\n");
            std::exit(2);
        }
        m_db = std::move(db).value();
        m_catalog = std::make_unique<omnitill::Catalog>(*m_db);
        m_store = std::make_unique<omnitill::SaleStore>(*m_db, omnitill::systemClock());
        m_till = std::make_unique<omnitill::SaleController>(*m_catalog, *m_store, omnitill::systemClock(),
            omnitill::SaleController::Config {
                *omnitill::Currency::fromCode(u"EUR"), omnitill::PricingMode::TaxInclusive, 1, {} });
        m_search = std::make_unique<omnitill::SearchModel>(*m_catalog);
        m_sync = std::make_unique<omnitill::sync::SyncService>(m_dir.filePath(QStringLiteral("qml.db")), std::nullopt,
            omnitill::sync::SyncStatus {}, omnitill::systemClock());
        SyncForeign::s_instance = m_sync.get();
        TillForeign::s_instance = m_till.get();
        // A wide gap limit (150 ms) and slow typing at 400 ms keep the timing tests stable on a loaded CI machine.
        m_wedge = std::make_unique<omnitill::KeyboardWedge>(omnitill::WedgeDetector::Config { 150, 4, {}, {}, {} });
        QCoreApplication::instance()->installEventFilter(m_wedge.get());
        // The same scanner wiring as the app: wedge and camera feed one ScanService, whose results ring up items.
        m_scans = std::make_unique<omnitill::ScanService>(omnitill::systemClock(), omnitill::ScanService::Config {});
        m_decoder = std::make_unique<omnitill::DecoderClient>(
            omnitill::DecoderClient::Config { QStringLiteral(OMNITILL_DECODER_BIN) }, omnitill::systemClock());
        m_scans->setDecoder(m_decoder.get());
        QObject::connect(
            m_wedge.get(), &omnitill::KeyboardWedge::scanned, m_scans.get(), &omnitill::ScanService::submitKeyboard);
        QObject::connect(
            m_scans.get(), &omnitill::ScanService::scanned, m_till.get(), &omnitill::SaleController::addScan);
        ScannerForeign::s_instance = m_scans.get();
        CatalogSearchForeign::s_instance = m_search.get();
    }
    void cleanupTestCase()
    {
        if (s_warnings > 0) {
            std::fprintf(
                stderr, "tst_qml: %d warning(s) during the run; QML tests must run warning-free\n", s_warnings);
            std::fflush(stderr);
            std::_Exit(1);
        }
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<omnitill::Database> m_db;
    std::unique_ptr<omnitill::Catalog> m_catalog;
    std::unique_ptr<omnitill::SaleStore> m_store;
    std::unique_ptr<omnitill::SaleController> m_till;
    std::unique_ptr<omnitill::SearchModel> m_search;
    std::unique_ptr<omnitill::sync::SyncService> m_sync;
    std::unique_ptr<omnitill::KeyboardWedge> m_wedge;
    std::unique_ptr<omnitill::DecoderClient> m_decoder;
    std::unique_ptr<omnitill::ScanService> m_scans;
};

QUICK_TEST_MAIN_WITH_SETUP(omnitill_qml, Setup)

#include "tst_qml.moc"
