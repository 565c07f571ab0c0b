// SPDX-License-Identifier: GPL-3.0-or-later
// The till in a real X window (Xvfb), typed at by xdotool the way a keyboard-wedge scanner types: capitals with
// Shift pressed and released around each, GS as Ctrl+], Enter or LF at the end. Qt Quick's own key events carry no
// modifier presses between characters, so only a real window shows how a burst with capitals behaves.
//
// The program starts its own Xvfb on a free display, then builds the till exactly as the app does
// (TillComposition and Main.qml). Screenshots of each case go to the working directory (tillwindow-*.png).
#include "app/till/tillcomposition.h"

#include "core/catalog/catalog.h"
#include "core/catalog/demodata.h"
#include "core/scan/wedgedetector.h"
#include "core/settings/scannersettings.h"
#include "core/storage/database.h"
#include "core/till/salecontroller.h"
#include "core/till/staffsession.h"

#include <QDir>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <ostream>

inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

using namespace omnitill;

namespace {
// 2026-11-22T10:00:00Z, as in every other test.
constexpr qint64 kNow = 1795341600000;

QString s_display;

// Runs xdotool with `args` against the test's display and waits for it, keeping the till's event loop running so
// the key events are delivered as they come.
bool xdotool(const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral("xdotool"));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(5000))
        return false;
    while (p.state() != QProcess::NotRunning)
        QTest::qWait(5);
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// `xdotool key --delay 3 <keys>`: one key every 3 ms, as a scanner types.
bool scannerTypes(const QStringList &keys)
{
    return xdotool(QStringList { QStringLiteral("key"), QStringLiteral("--delay"), QStringLiteral("3") } + keys);
}

// The keys a US keyboard presses for `text`: xdotool adds Shift around capitals itself.
QStringList keysFor(const QString &text)
{
    QStringList keys;
    for (QChar c : text) {
        if (c.isLetterOrNumber())
            keys << QString(c);
        else if (c == u']')
            keys << QStringLiteral("bracketright");
        else if (c == u'(')
            keys << QStringLiteral("parenleft");
        else if (c == u')')
            keys << QStringLiteral("parenright");
        else if (c == u'-')
            keys << QStringLiteral("minus");
        else if (c == QChar(0x1D))
            keys << QStringLiteral("ctrl+bracketright");
        else
            ADD_FAILURE() << "no key for U+" << int(c.unicode());
    }
    return keys;
}
} // namespace

class TillWindowTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        ASSERT_TRUE(s_dir.isValid());
        const QString path = s_dir.filePath(QStringLiteral("till.db"));
        {
            auto db = Database::open(path);
            ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
            ASSERT_TRUE(DemoCatalog::seed(**db, DemoOptions { 500, 42, kNow }).ok());
            // Scanner keys come every few ms; a 100 ms limit keeps a loaded CI machine from splitting a burst.
            ASSERT_TRUE(saveWedgeConfig(**db, WedgeDetector::Config { 100, 4, {}, {}, {} }).ok());
            QSqlQuery q((*db)->connection());
            ASSERT_TRUE(q.exec(QStringLiteral("SELECT b.code FROM barcode b JOIN variant v ON v.id = b.variant_id "
                                              "WHERE length(b.code) = 13 ORDER BY v.sku LIMIT 3")));
            ASSERT_TRUE(q.next());
            s_ean = q.value(0).toString();
            ASSERT_TRUE(q.next());
            s_otherEan = q.value(0).toString();
            ASSERT_TRUE(q.next());
            s_thirdEan = q.value(0).toString();
        }
        auto till = TillComposition::create(
            TillComposition::Options { path, *Currency::fromCode(u"EUR"), 1, 0, QStringLiteral(OMNITILL_DECODER_BIN) });
        ASSERT_TRUE(till.ok()) << qPrintable(till.error().message);
        s_till = std::move(till).value();
        // A new store: the first-run setup creates its manager, who is then signed in.
        ASSERT_TRUE(s_till->staffSession().setUpFirstManager(
            QStringLiteral("Maria"), QStringLiteral("2468"), QStringLiteral("2468")));
        s_till->publishToQml();
        s_engine = new QQmlApplicationEngine;
        s_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        s_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/OmniTill/Main.qml")));
        ASSERT_FALSE(s_engine->rootObjects().isEmpty());
        s_window = qobject_cast<QQuickWindow *>(s_engine->rootObjects().constFirst());
        ASSERT_TRUE(s_window);
        ASSERT_TRUE(QTest::qWaitForWindowExposed(s_window, 10000));
        s_window->requestActivate();
        // Without a window manager, X gives the keyboard to the window under the pointer.
        ASSERT_TRUE(xdotool({ QStringLiteral("mousemove"), QStringLiteral("300"), QStringLiteral("300") }));
        ASSERT_TRUE(QTest::qWaitForWindowActive(s_window, 10000));
    }
    static void TearDownTestSuite()
    {
        delete s_engine;
        s_engine = nullptr;
        s_till.reset();
    }
    void SetUp() override
    {
        ASSERT_TRUE(till().voidSale(QStringLiteral("next test")));
        field("searchField")->setProperty("text", QString());
        focus("scanField");
        m_errors = std::make_unique<QSignalSpy>(&till(), &SaleController::errorOccurred);
    }
    void TearDown() override
    {
        const QString name = QString::fromLatin1(::testing::UnitTest::GetInstance()->current_test_info()->name());
        s_window->grabWindow().save(QStringLiteral("tillwindow-%1.png").arg(name));
    }

    static SaleController &till() { return s_till->saleController(); }
    static QQuickItem *field(const char *name)
    {
        auto *item = s_window->findChild<QQuickItem *>(QString::fromLatin1(name));
        EXPECT_TRUE(item) << name;
        return item;
    }
    static void focus(const char *name)
    {
        field(name)->forceActiveFocus();
        QTest::qWait(20);
    }
    static QString text(const char *name) { return field(name)->property("text").toString(); }
    QString skuOfLine(int row) const
    {
        return till().cart().lines().size() > row ? till().cart().lines().at(row).item.sku : QString();
    }
    // Until the till has `lines` lines (or a second passed).
    bool waitForLines(int lines)
    {
        return QTest::qWaitFor([&] { return till().lineCount() == lines; }, 2000);
    }
    QString lastError() const { return m_errors->isEmpty() ? QString() : m_errors->constLast().at(0).toString(); }

    static inline QTemporaryDir s_dir;
    static inline QString s_ean;
    // Other items: a GS1 code of an item read right after its EAN is the same pack, and a refused pack's other symbol
    // is that pack again.
    static inline QString s_otherEan;
    static inline QString s_thirdEan;
    static inline std::unique_ptr<TillComposition> s_till;
    static inline QQmlApplicationEngine *s_engine = nullptr;
    static inline QQuickWindow *s_window = nullptr;
    std::unique_ptr<QSignalSpy> m_errors;
};

TEST_F(TillWindowTest, ACodeWithCapitalsIsOneScanWhateverHasFocus)
{
    ASSERT_TRUE(scannerTypes(keysFor(QStringLiteral("SKU0000030")) + QStringList { QStringLiteral("Return") }));
    ASSERT_TRUE(waitForLines(1)) << qPrintable(lastError());
    EXPECT_EQ(skuOfLine(0), QStringLiteral("SKU0000030"));
    EXPECT_EQ(text("scanField"), QString()) << "nothing of the burst reached the field";
    // The same scan with the cursor in the search field rings up the item and leaves the search alone.
    focus("searchField");
    ASSERT_TRUE(scannerTypes(keysFor(QStringLiteral("SKU0000031")) + QStringList { QStringLiteral("Return") }));
    ASSERT_TRUE(waitForLines(2)) << qPrintable(lastError());
    EXPECT_EQ(skuOfLine(1), QStringLiteral("SKU0000031"));
    EXPECT_EQ(text("searchField"), QString());
    EXPECT_TRUE(m_errors->isEmpty()) << qPrintable(lastError());
}

TEST_F(TillWindowTest, ALinefeedEndsAScanLikeEnter)
{
    ASSERT_TRUE(scannerTypes(keysFor(QStringLiteral("SKU0000032")) + QStringList { QStringLiteral("ctrl+j") }));
    ASSERT_TRUE(waitForLines(1)) << qPrintable(lastError());
    ASSERT_TRUE(scannerTypes(keysFor(s_ean) + QStringList { QStringLiteral("Linefeed") }));
    ASSERT_TRUE(waitForLines(2)) << qPrintable(lastError());
    EXPECT_EQ(skuOfLine(0), QStringLiteral("SKU0000032"));
    EXPECT_EQ(text("scanField"), QString());
}

TEST_F(TillWindowTest, Gs1WithItsIdentifierAndGroupSeparatorsReachesTheExpiryCheck)
{
    // GS1 DataMatrix as a scanner types it: ]d2, the GTIN, a lot ended by GS (Ctrl+]), an expiry date long past.
    const QString gs1
        = QStringLiteral("]d2010") + s_otherEan + QStringLiteral("10LOT7") + QChar(0x1D) + QStringLiteral("17200131");
    ASSERT_TRUE(scannerTypes(keysFor(gs1) + QStringList { QStringLiteral("Return") }));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !m_errors->isEmpty(); }, 2000));
    EXPECT_TRUE(lastError().contains(QStringLiteral("expired on 2020-01-31"))) << qPrintable(lastError());
    EXPECT_EQ(till().lineCount(), 0);
    EXPECT_EQ(text("scanField"), QString());
    // A pack within its date, in bracketed form (Shift for each parenthesis).
    ASSERT_TRUE(scannerTypes(keysFor(QStringLiteral("(01)0") + s_thirdEan + QStringLiteral("(17)391231"))
        + QStringList { QStringLiteral("Return") }));
    ASSERT_TRUE(waitForLines(1)) << qPrintable(lastError());
}

TEST_F(TillWindowTest, APersonTypingIsNotAScan)
{
    focus("searchField");
    ASSERT_TRUE(xdotool({ QStringLiteral("key"), QStringLiteral("--delay"), QStringLiteral("250"), QStringLiteral("S"),
        QStringLiteral("h"), QStringLiteral("i"), QStringLiteral("r"), QStringLiteral("t") }));
    ASSERT_TRUE(QTest::qWaitFor([&] { return text("searchField") == QLatin1String("Shirt"); }, 2000))
        << qPrintable(text("searchField"));
    EXPECT_EQ(till().lineCount(), 0);
    // Shortcuts with modifiers outside a burst still reach the application: Ctrl+A selects the field's text.
    ASSERT_TRUE(xdotool({ QStringLiteral("key"), QStringLiteral("ctrl+a"), QStringLiteral("BackSpace") }));
    EXPECT_TRUE(QTest::qWaitFor([&] { return text("searchField").isEmpty(); }, 2000))
        << qPrintable(text("searchField"));
}

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--gtest_list_tests") == 0) { // CTest asking what there is: no window needed
            ::testing::InitGoogleTest(&argc, argv);
            return RUN_ALL_TESTS();
        }
    }
    // An X server of our own on a display it picks itself (-displayfd: it writes the number once it listens), so
    // tests running side by side never share one; the window, its focus and the keys are real.
    QProcess xvfb;
    xvfb.start(QStringLiteral("Xvfb"),
        { QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"), QStringLiteral("0"),
            QStringLiteral("1280x800x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp") });
    if (!xvfb.waitForStarted(5000)) {
        std::fprintf(stderr, "tillwindowtest: cannot start Xvfb (package xvfb)\n");
        return 2;
    }
    QByteArray number;
    while (!number.contains('\n') && xvfb.state() == QProcess::Running && xvfb.waitForReadyRead(10'000))
        number += xvfb.readAllStandardOutput();
    if (!number.contains('\n')) {
        std::fprintf(stderr, "tillwindowtest: Xvfb did not start: %s\n", xvfb.readAllStandardError().constData());
        return 2;
    }
    s_display = u':' + QString::fromLatin1(number.trimmed());
    qputenv("DISPLAY", s_display.toLatin1());
    qputenv("QT_QPA_PLATFORM", "xcb");
    int code = 0;
    {
        QGuiApplication app(argc, argv);
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        ::testing::InitGoogleTest(&argc, argv);
        code = RUN_ALL_TESTS();
    }
    xvfb.terminate();
    xvfb.waitForFinished(5000);
    return code;
}
