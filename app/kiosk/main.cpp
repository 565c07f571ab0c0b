// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill-kiosk: the customer kiosk. Parses the command line, builds the kiosk (KioskComposition), loads
// KioskMain.qml full screen. It ends only when a manager signs out through the staff panel (or by a signal from the
// system): under cage (packaging/kiosk/) there is no desktop behind it.
#include "app/common/guimain.h"
#include "app/common/selftest.h"
#include "app/kiosk/kioskcomposition.h"

#include "core/kiosk/kioskexit.h"
#include "core/kiosk/kiosksession.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSize>
#include <QStandardPaths>

#include <cstdio>
#include <memory>
#include <optional>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (omnitill::asksForHelp(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("omnitill-kiosk"));
    QCoreApplication::setOrganizationName(QStringLiteral("OmniTill"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    if (qobject_cast<QGuiApplication *>(app.get())) {
        QGuiApplication::setDesktopFileName(QStringLiteral("omnitill"));
        QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/omnitill.png")));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OmniTill customer kiosk"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("The kiosk's database (created if missing; register it with the hub like a till)."),
        QStringLiteral("file"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QStringLiteral("Add the demo catalog (5000 SKUs) and customers if the catalog is empty."));
    const QCommandLineOption currencyOption(QStringLiteral("currency"), QStringLiteral("Price currency (default EUR)."),
        QStringLiteral("code"), QStringLiteral("EUR"));
    const QCommandLineOption selfTestOption(
        QStringLiteral("self-test"), QStringLiteral("Load the user interface, then exit; fails on any warning."));
    const QCommandLineOption scanOption(QStringLiteral("scan"),
        QStringLiteral("Scan this code at start (for demos and screenshots)."), QStringLiteral("code"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("With --self-test: save the window as a PNG."), QStringLiteral("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
        QStringLiteral("Run in a window of this size, e.g. 1080x1920 or 1920x1080, rather than full screen."),
        QStringLiteral("WxH"));
    parser.addOptions(
        { dbOption, demoOption, currencyOption, selfTestOption, scanOption, screenshotOption, sizeOption });
    parser.process(*app);

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "omnitill-kiosk: %s\n", qPrintable(message));
        return 1;
    };
    omnitill::KioskComposition::Options options;
    const auto currency = omnitill::Currency::fromCode(parser.value(currencyOption));
    if (!currency)
        return fail(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
    options.currency = *currency;
    QSize windowSize;
    if (parser.isSet(sizeOption)) {
        windowSize = omnitill::parseWindowSize(parser.value(sizeOption), QSize(480, 480));
        if (!windowSize.isValid())
            return fail(QStringLiteral("--size needs width x height of at least 480x480, e.g. 1080x1920"));
    }
    options.databasePath = parser.value(dbOption);
    if (options.databasePath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        options.databasePath = dir + QStringLiteral("/kiosk.db");
    }
    options.demoSkus = parser.isSet(demoOption) ? 5000 : 0;
    options.decoderProgram = QCoreApplication::applicationDirPath() + QStringLiteral("/omnitill-decoder");

    std::optional<omnitill::WarningCounter> warnings;
    if (parser.isSet(selfTestOption))
        warnings.emplace();
    auto kiosk = omnitill::KioskComposition::create(options);
    if (!kiosk)
        return fail(kiosk.error().message);
    for (const QString &code : parser.values(scanOption))
        (*kiosk)->session().scan(code);
    (*kiosk)->publishToQml();

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, app.get(), [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/OmniTill/KioskMain.qml")));
    auto *window
        = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return fail(QStringLiteral("the user interface could not be loaded"));
    // A manager signed out through the staff panel: the window may close now, and the program ends.
    QObject::connect(&(*kiosk)->exit(), &omnitill::KioskExit::leaveRequested, app.get(), &QCoreApplication::quit,
        Qt::QueuedConnection);
    if (windowSize.isValid()) {
        window->resize(windowSize);
        window->show();
    } else {
        window->showFullScreen();
    }
    if (warnings)
        omnitill::scheduleSelfTest(engine, *warnings, parser.value(screenshotOption));
    return QGuiApplication::exec();
}
