// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill: the till. This file is the composition root: it builds every service once, wires them together and
// hands them to QML.
#include "core/catalog.h"
#include "core/database.h"
#include "core/decoderclient.h"
#include "core/demodata.h"
#include "core/journal.h"
#include "core/logging.h"
#include "core/salecontroller.h"
#include "core/salestore.h"
#include "core/scannersettings.h"
#include "core/scanservice.h"
#include "core/searchmodel.h"
#include "qml/keyboardwedge.h"
#include "qml/qmltypes.h"
#include "sync/syncservice.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

namespace {
int s_qmlWarnings = 0;
QtMessageHandler s_previousHandler = nullptr;

void countWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg)
        ++s_qmlWarnings;
    s_previousHandler(type, context, message);
}
} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("omnitill"));
    QGuiApplication::setOrganizationName(QStringLiteral("OmniTill"));
    QGuiApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OmniTill point of sale"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("The store database (created if missing)."), QStringLiteral("file"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"), QStringLiteral("Add the demo catalog (5000 SKUs) if the catalog is empty."));
    const QCommandLineOption currencyOption(QStringLiteral("currency"), QStringLiteral("Sale currency (default EUR)."),
        QStringLiteral("code"), QStringLiteral("EUR"));
    const QCommandLineOption cashOption(QStringLiteral("cash-rounding"),
        QStringLiteral("Cash rounding step, e.g. 0.05 for CHF (default none)."), QStringLiteral("amount"));
    const QCommandLineOption selfTestOption(
        QStringLiteral("self-test"), QStringLiteral("Load the user interface, then exit; fails on any warning."));
    const QCommandLineOption scanOption(QStringLiteral("scan"),
        QStringLiteral("Scan this barcode or SKU at start (repeatable; for demos)."), QStringLiteral("code"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("With --self-test: save the window as a PNG."), QStringLiteral("file"));
    parser.addOptions(
        { dbOption, demoOption, currencyOption, cashOption, selfTestOption, scanOption, screenshotOption });
    parser.process(app);

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "omnitill: %s\n", qPrintable(message));
        return 1;
    };

    const auto currency = omnitill::Currency::fromCode(parser.value(currencyOption));
    if (!currency)
        return fail(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
    qint64 cashIncrement = 1;
    if (parser.isSet(cashOption)) {
        auto step = omnitill::Money::parse(parser.value(cashOption), *currency);
        if (!step || step->minor() <= 0)
            return fail(QStringLiteral("--cash-rounding needs a positive amount such as 0.05"));
        cashIncrement = step->minor();
    }

    QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        dbPath = dir + QStringLiteral("/store.db");
    }
    auto db = omnitill::Database::open(dbPath);
    if (!db)
        return fail(db.error().message);

    omnitill::Catalog catalog(**db);
    if (parser.isSet(demoOption)) {
        auto skus = catalog.variantCount();
        if (!skus)
            return fail(skus.error().message);
        if (*skus == 0) {
            const omnitill::Clock now = omnitill::systemClock();
            if (auto st = omnitill::DemoCatalog::seed(**db, omnitill::DemoOptions { 5000, 42, now() }); !st)
                return fail(st.error().message);
            qCInfo(lcCore) << "added the demo catalog to" << dbPath;
        }
    }

    // In-store price/weight labels (set with omnitill-cli labels): a broken setting stops the till rather than
    // misprice.
    auto labels = omnitill::VariableMeasure::loadStoreRules(**db);
    if (!labels)
        return fail(labels.error().message);
    omnitill::SaleStore store(**db, omnitill::systemClock());
    omnitill::SaleController till(catalog, store, omnitill::systemClock(),
        omnitill::SaleController::Config { *currency, omnitill::PricingMode::TaxInclusive, cashIncrement, *labels });
    omnitill::SearchModel search(catalog);
    // Every message for the cashier reaches QML through the Till's one signal.
    QObject::connect(&search, &omnitill::SearchModel::errorOccurred, &till, &omnitill::SaleController::errorOccurred);
    // Every scanner feeds one ScanService: keyboard-wedge scanners anywhere in the window, and the camera, whose
    // frames are decoded in omnitill-decoder (started when a camera view opens, restarted when ZXing aborts). Its
    // results ring up items.
    omnitill::ScanService scans(omnitill::systemClock(), omnitill::ScanService::Config {});
    omnitill::DecoderClient decoder(omnitill::DecoderClient::Config { QCoreApplication::applicationDirPath()
                                        + QStringLiteral("/omnitill-decoder") },
        omnitill::systemClock());
    scans.setDecoder(&decoder);
    auto wedgeConfig = omnitill::loadWedgeConfig(**db); // set with omnitill-cli scanner
    if (!wedgeConfig)
        return fail(wedgeConfig.error().message);
    omnitill::KeyboardWedge wedge(*wedgeConfig);
    app.installEventFilter(&wedge);
    QObject::connect(&wedge, &omnitill::KeyboardWedge::scanned, &scans, &omnitill::ScanService::submitKeyboard);
    QObject::connect(&scans, &omnitill::ScanService::scanned, &till, &omnitill::SaleController::addScan);
    QObject::connect(&scans, &omnitill::ScanService::errorOccurred, &till, &omnitill::SaleController::errorOccurred);
    for (const QString &code : parser.values(scanOption))
        till.scan(code);
    // Sync runs on its own thread with its own connection when the store has a hub configured.
    auto outbox = omnitill::Journal::outboxStatus((*db)->connection());
    if (!outbox)
        return fail(outbox.error().message);
    omnitill::sync::SyncStatus initial;
    initial.pending = outbox->pending;
    initial.oldestPendingAtMs = outbox->oldestPendingAtMs;
    auto syncConfig = omnitill::sync::loadSyncConfig(**db);
    omnitill::sync::SyncService sync(dbPath,
        syncConfig ? std::optional<omnitill::sync::SyncConfig>(*syncConfig) : std::nullopt, initial,
        omnitill::systemClock());
    QObject::connect(&till, &omnitill::SaleController::saleCompleted, &sync, &omnitill::sync::SyncService::syncNow);
    SyncForeign::s_instance = &sync;
    TillForeign::s_instance = &till;
    CatalogSearchForeign::s_instance = &search;
    ScannerForeign::s_instance = &scans;

    const bool selfTest = parser.isSet(selfTestOption);
    if (selfTest)
        s_previousHandler = qInstallMessageHandler(countWarnings);

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/OmniTill/Main.qml"))); // loadFromModule() arrives with Qt 6.5
    if (engine.rootObjects().isEmpty())
        return fail(QStringLiteral("the user interface could not be loaded"));

    if (selfTest) {
        const QString screenshot = parser.value(screenshotOption);
        QTimer::singleShot(500, &app, [&engine, screenshot] {
            auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
            if (!screenshot.isEmpty() && (!window || !window->grabWindow().save(screenshot)))
                std::fprintf(stderr, "omnitill: could not save %s\n", qPrintable(screenshot));
            if (s_qmlWarnings > 0)
                std::fprintf(stderr, "omnitill: self-test saw %d warning(s)\n", s_qmlWarnings);
            else
                std::fprintf(stdout, "omnitill: self-test passed\n");
            QCoreApplication::exit(s_qmlWarnings > 0 ? 1 : 0);
        });
    }
    return QGuiApplication::exec();
}
