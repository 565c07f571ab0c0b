// SPDX-License-Identifier: GPL-3.0-or-later
// omnitill: the till. Parses the command line, builds the till (TillComposition), loads the QML module.
#include "app/common/guimain.h"
#include "app/common/selftest.h"
#include "app/till/tillcomposition.h"

#include "core/till/salecontroller.h"

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

namespace {
void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("omnitill"));
    QCoreApplication::setOrganizationName(QStringLiteral("OmniTill"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (omnitill::asksForHelp(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QGuiApplication>(argc, argv);
    describeApplication();
    if (qobject_cast<QGuiApplication *>(app.get())) {
        QGuiApplication::setDesktopFileName(QStringLiteral("omnitill"));
        const QIcon icon(QStringLiteral(":/icons/omnitill.png"));
        if (icon.availableSizes().isEmpty())
            qWarning("the till's icon is missing from its resources"); // a warning fails the self-test
        QGuiApplication::setWindowIcon(icon);
    }

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
    const QCommandLineOption windowedOption(
        QStringLiteral("windowed"), QStringLiteral("Run in a window rather than full screen (for a desktop)."));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
        QStringLiteral("Run in a window of this size, e.g. 800x1280 (implies --windowed)."), QStringLiteral("WxH"));
    parser.addOptions({ dbOption, demoOption, currencyOption, cashOption, selfTestOption, scanOption, screenshotOption,
        windowedOption, sizeOption });
    parser.process(*app); // answers --help and --version, and exits

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "omnitill: %s\n", qPrintable(message));
        return 1;
    };

    omnitill::TillComposition::Options options;
    const auto currency = omnitill::Currency::fromCode(parser.value(currencyOption));
    if (!currency)
        return fail(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
    options.currency = *currency;
    if (parser.isSet(cashOption)) {
        auto step = omnitill::Money::parse(parser.value(cashOption), *currency);
        if (!step || step->minor() <= 0)
            return fail(QStringLiteral("--cash-rounding needs a positive amount such as 0.05"));
        options.cashIncrementMinor = step->minor();
    }
    QSize windowSize;
    if (parser.isSet(sizeOption)) {
        windowSize = omnitill::parseWindowSize(parser.value(sizeOption), QSize(640, 480));
        if (!windowSize.isValid())
            return fail(QStringLiteral("--size needs width x height of at least 640x480, e.g. 1280x800"));
    }
    options.databasePath = parser.value(dbOption);
    if (options.databasePath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        options.databasePath = dir + QStringLiteral("/store.db");
    }
    options.demoSkus = parser.isSet(demoOption) ? 5000 : 0;
    options.decoderProgram = QCoreApplication::applicationDirPath() + QStringLiteral("/omnitill-decoder");

    // Warnings count from here on, so that building the till and loading the interface both take part.
    std::optional<omnitill::WarningCounter> warnings;
    if (parser.isSet(selfTestOption))
        warnings.emplace();

    auto till = omnitill::TillComposition::create(options);
    if (!till)
        return fail(till.error().message);
    for (const QString &code : parser.values(scanOption))
        (*till)->saleController().scan(code);
    (*till)->publishToQml();

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, app.get(), [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/OmniTill/Main.qml"))); // loadFromModule() arrives with Qt 6.5
    auto *window
        = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return fail(QStringLiteral("the user interface could not be loaded"));
    // Full screen on a device; a window when asked for (the window is not mapped before the event loop runs).
    if (windowSize.isValid()) {
        window->resize(windowSize);
        window->show();
    } else if (parser.isSet(windowedOption)) {
        window->show();
    } else {
        window->showFullScreen();
    }
    if (warnings)
        omnitill::scheduleSelfTest(engine, *warnings, parser.value(screenshotOption));
    const int code = QGuiApplication::exec();
    if (auto st = (*till)->close(); !st)
        return fail(st.error().message);
    return code;
}
