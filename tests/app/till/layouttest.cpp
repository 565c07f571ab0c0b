// SPDX-License-Identifier: GPL-3.0-or-later
// The till's shell at every screen it is meant for: 1280x800 and 800x1280 tablets, a 1024x768 POS screen, a
// 1920x1080 monitor. For each screen of a cashier's day (first-run setup, lock screen, an empty and a full sale,
// the grids, a search, the Settings page, payment, a line's actions, a reason, a manager's approval, the change due,
// the receipt, a message) the test walks every visible item and fails on
//  - an item cut off by the window (or by the popup it is in),
//  - text that does not fit its item and is not elided,
//  - a touch target (button, line, text field) smaller than 48 px,
//  - two touch targets that overlap.
// It drives the till through its window (mouse clicks on the real items) and the real composition. With
// OMNITILL_SCREENSHOT_DIR set it saves each screen there as <screen>-<size>.png (docs/images holds a set).
#include "app/till/tillcomposition.h"

#include "core/catalog/demodata.h"
#include "core/customers/customerstore.h"
#include "core/customers/democustomers.h"
#include "core/decoder/barcodedecoder.h"
#include "core/loyalty/loyalty.h"
#include "core/settings/printersettings.h"
#include "core/settings/tillsettings.h"
#include "core/staff/staffstore.h"
#include "core/storage/database.h"
#include "core/storage/journal.h"
#include "core/till/catalogbrowsemodel.h"
#include "core/till/catalogsearchmodel.h"
#include "core/till/customercontroller.h"
#include "core/till/handoffcontroller.h"
#include "core/till/receiptcontroller.h"
#include "core/till/reportscontroller.h"
#include "core/till/returncontroller.h"
#include "core/till/salecontroller.h"
#include "core/till/shiftcontroller.h"
#include "core/till/staffsession.h"
#include "support/layoutwalk.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/terminal/customerclient.h"
#include "sync/terminal/handoffclient.h"
#include "sync/terminal/syncworker.h"

#include <QDir>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

using namespace omnitill;

namespace {
constexpr qint64 kNow = 1795341600000; // 2026-11-22T10:00:00Z, as in every other test
using layoutwalk::Walk;

struct ScreenSize
{
    int width;
    int height;
    QString name() const { return QStringLiteral("%1x%2").arg(width).arg(height); }
};
const ScreenSize kSizes[] = { { 1280, 800 }, { 800, 1280 }, { 1024, 768 }, { 1920, 1080 } };

} // namespace

class LayoutTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        ASSERT_TRUE(s_dir.isValid());
        const QString path = s_dir.filePath(QStringLiteral("layout.db"));
        {
            auto db = Database::open(path);
            ASSERT_TRUE(db.ok()) << qPrintable(db.error().message);
            ASSERT_TRUE(DemoCatalog::seed(**db, DemoOptions { 200, 42, kNow }).ok());
            ASSERT_TRUE(saveTerminalLanguage(**db, language()).ok());
            // What a hub would have sent this store: its code, stock for some items, its favourites.
            ASSERT_TRUE(writeMeta((*db)->connection(), QStringLiteral("store_code"), QStringLiteral("S001")).ok());
            QSqlQuery q((*db)->connection());
            ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO stream_row (stream, key, body) VALUES (?, ?, ?)")));
            auto row = [&](const QString &stream, const QString &key, const QString &body) {
                q.bindValue(0, stream);
                q.bindValue(1, key);
                q.bindValue(2, body.toUtf8());
                return q.exec();
            };
            for (int i = 1; i <= 40; ++i) {
                const QString sku = QStringLiteral("SKU%1").arg(i, 7, 10, QLatin1Char('0'));
                ASSERT_TRUE(row(QStringLiteral("stock"), sku + QStringLiteral("|S001"),
                    QStringLiteral(R"({"sku": "%1", "store": "S001", "on_hand_milli": %2})").arg(sku).arg(i * 1750)));
            }
            ASSERT_TRUE(savePrinterSettings(
                **db, PrinterSettings { u"file:"_qs + s_dir.filePath(QStringLiteral("printer.bin")), 80, false })
                            .ok());
            // A receipt the last run was sending when it stopped.
            QSqlQuery job((*db)->connection());
            ASSERT_TRUE(
                job.exec(QStringLiteral("INSERT INTO print_job (created_at_ms, receipt_no, printer, data, state) "
                                        "VALUES (0, 'S001-T01-AAAA-000009', 'file:/dev/null', x'0a', 'sending')")));
            // The chain's loyalty rules and the store's customers, as the hub's streams bring them.
            ASSERT_TRUE(row(QStringLiteral("config"), LoyaltyRules::kConfigKey,
                QString::fromUtf8(QJsonDocument(QJsonObject { { QStringLiteral("value"), LoyaltyRules::demo() } })
                                      .toJson(QJsonDocument::Compact))));
            for (const Customer &c : DemoCustomers::make(40, kNow).customers)
                ASSERT_TRUE(CustomerStore::applyRow(**db, c.id, c.toRow()).ok());
            ASSERT_TRUE(row(QStringLiteral("config"), QStringLiteral("till.favourites"),
                QStringLiteral(R"({"value": ["SKU0000001", "SKU0000002", "SKU0000003", "SKU0000004"]})")));
        }
        auto till = TillComposition::create(
            TillComposition::Options { path, *Currency::fromCode(u"EUR"), 1, 0, QString(), 3'600'000 },
            [] { return kNow; });
        ASSERT_TRUE(till.ok()) << qPrintable(till.error().message);
        s_till = std::move(till).value();
        s_till->publishToQml();
        s_engine = new QQmlApplicationEngine;
        s_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        s_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/OmniTill/Main.qml")));
        ASSERT_FALSE(s_engine->rootObjects().isEmpty());
        s_window = qobject_cast<QQuickWindow *>(s_engine->rootObjects().constFirst());
        ASSERT_TRUE(s_window);
        ASSERT_TRUE(QTest::qWaitForWindowExposed(s_window, 10000));
    }
    static void TearDownTestSuite()
    {
        delete s_engine;
        s_engine = nullptr;
        s_till.reset();
    }

    // The terminal's language for this run: OMNITILL_LAYOUT_LANGUAGE (CTest runs the walk in English and German,
    // whose words are longer), English by default.
    static QString language()
    {
        const QString asked = qEnvironmentVariable("OMNITILL_LAYOUT_LANGUAGE");
        return asked.isEmpty() ? QStringLiteral("en") : asked;
    }
    static SaleController &till() { return s_till->saleController(); }
    static StaffSession &session() { return s_till->staffSession(); }

    // The open popup on top, or the window's content when none is open.
    static QQuickItem *screenRoot()
    {
        QQuickItem *top = nullptr;
        for (QQuickItem *child : s_window->contentItem()->childItems()) {
            if (!child->inherits("QQuickOverlay"))
                continue;
            for (QQuickItem *popupItem : child->childItems()) {
                if (popupItem->isVisible() && popupItem->opacity() > 0.99 && popupItem->inherits("QQuickPopupItem"))
                    top = popupItem;
            }
        }
        return top ? top : s_window->contentItem();
    }

    // The visible item called `name`, searched in what the window shows (popups included), front to back.
    static QQuickItem *item(const QString &name, QQuickItem *in = nullptr)
    {
        return layoutwalk::findVisible(in ? in : s_window->contentItem(), name);
    }

    static bool tap(const QString &name)
    {
        QQuickItem *target = item(name);
        if (!target || !target->isEnabled())
            return false;
        const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(s_window, Qt::LeftButton, {}, centre.toPoint());
        settle();
        return true;
    }

    // Until layouts are done and the frame is drawn (the Basic style's popups open without a transition).
    static void settle() { QTest::qWait(120); }

    // Checks the screen now shown at every size; `prepare` puts the till in that state again after a resize.
    // The Popup on top (its objectName), or empty when the window's content is what shows.
    static QString shownPopup()
    {
        QQuickItem *root = screenRoot();
        return root == s_window->contentItem() ? QString() : root->parent()->objectName();
    }

    static void checkAtEverySize(const QString &screen, const QString &popup, const std::function<void()> &prepare = {})
    {
        const QString shots = qEnvironmentVariable("OMNITILL_SCREENSHOT_DIR");
        for (const ScreenSize &size : kSizes) {
            s_window->resize(size.width, size.height);
            settle();
            if (prepare)
                prepare();
            settle();
            ASSERT_EQ(s_window->width(), size.width);
            ASSERT_EQ(shownPopup(), popup) << qPrintable(screen) << " at " << qPrintable(size.name());
            const Walk walk(screenRoot());
            EXPECT_TRUE(walk.problems().isEmpty()) << qPrintable(screen) << " at " << qPrintable(size.name()) << ":\n  "
                                                   << qPrintable(walk.problems().join(QStringLiteral("\n  ")));
            if (!shots.isEmpty()) {
                QDir().mkpath(shots);
                const QString suffix = language() == QLatin1String("en") ? QString() : u'-' + language();
                s_window->grabWindow().save(QStringLiteral("%1/%2-%3%4.png").arg(shots, screen, size.name(), suffix));
            }
        }
    }

    static inline QTemporaryDir s_dir;
    static inline std::unique_ptr<TillComposition> s_till;
    static inline QQmlApplicationEngine *s_engine = nullptr;
    static inline QQuickWindow *s_window = nullptr;
};

// One walk through a cashier's day, in order: a new store's setup first.
TEST_F(LayoutTest, EveryScreenFitsEveryScreenSize)
{
    ASSERT_TRUE(session().needsSetup());
    ASSERT_TRUE(item(QStringLiteral("setupName")));
    checkAtEverySize(QStringLiteral("first-run"), QStringLiteral("firstRunSetup"));

    ASSERT_TRUE(session().setUpFirstManager(QStringLiteral("Maria"), QStringLiteral("2468"), QStringLiteral("2468")));
    auto maria = s_till->staffStore().signIn(session().current()->id, u"2468");
    ASSERT_TRUE(maria.ok());
    ASSERT_TRUE(s_till->staffStore().add(*maria, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357").ok());
    session().lock();
    settle();
    checkAtEverySize(QStringLiteral("lock"), QStringLiteral("lockScreen"));

    // Maria signs in by touch: her name, then the PIN on the keypad.
    ASSERT_TRUE(tap(QStringLiteral("person1")) || tap(QStringLiteral("person0")));
    for (const char *key : { "key2", "key4", "key6", "key8" })
        ASSERT_TRUE(tap(QString::fromLatin1(key))) << key;
    ASSERT_TRUE(tap(QStringLiteral("pinConfirm")));
    ASSERT_TRUE(session().signedIn()) << qPrintable(session().message());
    ASSERT_EQ(session().name(), QStringLiteral("Maria"));
    // The receipt cut off by the last stop waits for the cashier: it came out.
    checkAtEverySize(QStringLiteral("interrupted"), QString());
    ASSERT_TRUE(tap(QStringLiteral("interruptedDismiss")));
    EXPECT_EQ(s_till->receipts().interrupted(), 0);
    EXPECT_FALSE(item(QStringLiteral("interruptedReceipt")));
    checkAtEverySize(QStringLiteral("sell-empty"), QString());
    ASSERT_TRUE(item(QStringLiteral("tile0")));
    EXPECT_FALSE(
        item(QStringLiteral("tileStock"), item(QStringLiteral("tile0")))->property("text").toString().isEmpty())
        << "a favourite shows the stock here";

    // No shift yet: the Sell page says so and takes no payment. The Shift page opens one, the float counted on its
    // keypad.
    EXPECT_TRUE(item(QStringLiteral("noShiftNotice")));
    ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
    checkAtEverySize(QStringLiteral("shift-none"), QString(), [] {
        if (!item(QStringLiteral("openShiftButton"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
        }
    });
    for (const char *key : { "key1", "key5", "key0" })
        ASSERT_TRUE(tap(QString::fromLatin1(key))) << key;
    ASSERT_TRUE(tap(QStringLiteral("openShiftButton")));
    ASSERT_TRUE(s_till->shifts().isOpen());
    EXPECT_TRUE(s_till->shifts().summary().contains(QStringLiteral("150")));
    checkAtEverySize(QStringLiteral("shift-open"), QString(), [] {
        if (!item(QStringLiteral("cashInButton"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("nav_sell")));
    EXPECT_FALSE(item(QStringLiteral("noShiftNotice")));

    // A category of the grid, opened by touch, then a search; Back to the grid.
    checkAtEverySize(QStringLiteral("category"), QString(), [] {
        if (s_till->catalogBrowse().category().isEmpty())
            s_till->catalogBrowse().openCategory(QStringLiteral("PRODUCE"));
    });
    ASSERT_TRUE(tap(QStringLiteral("browseBack")));
    EXPECT_TRUE(s_till->catalogBrowse().category().isEmpty());
    checkAtEverySize(QStringLiteral("search"), QString(), [] {
        item(QStringLiteral("searchField"))->setProperty("text", QStringLiteral("bio"));
        s_till->catalogSearch().setQuery(QStringLiteral("bio"));
    });
    ASSERT_TRUE(item(QStringLiteral("hitStock")));
    item(QStringLiteral("searchField"))->setProperty("text", QString());
    s_till->catalogSearch().setQuery(QString());

    // The Settings page, from the navigation; the sounds turned off there unload them; a scan brings the sale back.
    ASSERT_TRUE(tap(QStringLiteral("nav_settings")));
    checkAtEverySize(QStringLiteral("settings"), QString(), [] {
        if (!item(QStringLiteral("scanSoundsSwitch"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_settings")));
        }
    });
    QObject *sounds = s_window->findChild<QObject *>(QStringLiteral("scanSounds"));
    ASSERT_TRUE(sounds);
    EXPECT_TRUE(sounds->property("active").toBool());
    ASSERT_TRUE(tap(QStringLiteral("scanSoundsSwitch")));
    EXPECT_FALSE(sounds->property("active").toBool()) << "with the sounds off, none are loaded";
    ASSERT_TRUE(tap(QStringLiteral("scanSoundsSwitch")));
    EXPECT_TRUE(sounds->property("active").toBool());
    ASSERT_TRUE(till().scan(QStringLiteral("SKU0000001")));
    settle();
    EXPECT_TRUE(item(QStringLiteral("scanField"))) << "a scan shows the sale";
    ASSERT_TRUE(till().voidLine(0, QStringLiteral("Scanned by mistake")));
    // The till speaks the terminal's language.
    EXPECT_EQ(item(QStringLiteral("voidSaleButton"))->property("text").toString(),
        language() == QLatin1String("de") ? QStringLiteral("Verkauf stornieren") : QStringLiteral("Void sale"));

    // The Customers page: a customer found by the start of her name, her profile with purchases on every channel,
    // the form for a new customer, and the customer put on the sale.
    ASSERT_TRUE(tap(QStringLiteral("nav_customers")));
    checkAtEverySize(QStringLiteral("customers"), QString(), [] {
        if (!item(QStringLiteral("customerSearch"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_customers")));
        }
        if (s_till->customers().profile().isEmpty()) {
            item(QStringLiteral("customerSearch"))->setProperty("text", QStringLiteral("anna"));
            s_till->customers().search(QStringLiteral("anna"));
            ASSERT_FALSE(s_till->customers().matches().isEmpty());
            ASSERT_TRUE(s_till->customers().open(
                s_till->customers().matches().constFirst().toMap().value(u"id"_qs).toString()));
        }
    });
    EXPECT_TRUE(item(QStringLiteral("profileOrders")));
    ASSERT_TRUE(tap(QStringLiteral("newCustomer")));
    checkAtEverySize(QStringLiteral("customer-new"), QStringLiteral("customerDialog"));
    QMetaObject::invokeMethod(s_window->findChild<QObject *>(QStringLiteral("customerDialog")), "close");
    settle();
    ASSERT_TRUE(tap(QStringLiteral("attachCustomer")));
    EXPECT_FALSE(till().customerName().isEmpty());
    EXPECT_TRUE(item(QStringLiteral("scanField"))) << "the customer goes on the sale, which shows";

    for (const char *sku : { "SKU0000001", "SKU0000002", "SKU0000003", "SKU0000004", "SKU0000005", "SKU0000006" })
        ASSERT_TRUE(till().scan(QString::fromLatin1(sku))) << sku;
    ASSERT_TRUE(till().setLineDiscountPercent(1, QStringLiteral("10"), QStringLiteral("Damaged item")));
    checkAtEverySize(QStringLiteral("sell"), QString());

    checkAtEverySize(QStringLiteral("payment"), QStringLiteral("paymentDialog"), [] {
        if (!item(QStringLiteral("cashButton"))) {
            ASSERT_TRUE(tap(QStringLiteral("payButton")));
        }
    });
    // Part of it by card: the dialog waits for the terminal's answer, then lists the part paid and what is left.
    checkAtEverySize(QStringLiteral("payment-card"), QStringLiteral("paymentDialog"), [] {
        if (!item(QStringLiteral("approvalField"))) {
            if (!item(QStringLiteral("cardButton"))) {
                ASSERT_TRUE(tap(QStringLiteral("payButton")));
            }
            ASSERT_TRUE(till().startCard(QStringLiteral("5")));
        }
    });
    ASSERT_TRUE(till().cardApproved(QStringLiteral("A1B2C3")));
    checkAtEverySize(QStringLiteral("payment-split"), QStringLiteral("paymentDialog"), [] {
        if (!item(QStringLiteral("cashButton"))) {
            ASSERT_TRUE(tap(QStringLiteral("payButton")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("removeTender0")));
    EXPECT_TRUE(till().tenders().isEmpty());
    EXPECT_TRUE(till().notice().contains(QStringLiteral("A1B2C3"))) << "the cashier is told to refund it";
    ASSERT_TRUE(tap(QStringLiteral("paymentCancel")));
    till().dismissNotice();
    // Selling a gift card: its value, and the number of a card brought in (none: a new card).
    checkAtEverySize(QStringLiteral("giftcard"), QStringLiteral("giftCardDialog"), [] {
        if (!item(QStringLiteral("giftCardAdd"))) {
            ASSERT_TRUE(tap(QStringLiteral("giftCardButton")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("giftCardCancel")));

    // Two sales parked, then the list of them.
    ASSERT_TRUE(till().park(QStringLiteral("Customer fetches a wallet")));
    ASSERT_TRUE(till().scan(QStringLiteral("SKU0000008")));
    ASSERT_TRUE(till().park());
    checkAtEverySize(QStringLiteral("parked"), QStringLiteral("parkedSales"), [] {
        if (!item(QStringLiteral("parkedClose"))) {
            ASSERT_TRUE(tap(QStringLiteral("parkButton")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("parked0")));
    ASSERT_EQ(till().lineCount(), 6);

    checkAtEverySize(QStringLiteral("line"), QStringLiteral("lineActions"), [] {
        if (!item(QStringLiteral("lineApply"))) {
            ASSERT_TRUE(tap(QStringLiteral("lineTotal")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("lineVoid")));
    checkAtEverySize(QStringLiteral("reason"), QStringLiteral("reasonDialog"));
    ASSERT_TRUE(tap(QStringLiteral("reasonCancel")));
    EXPECT_EQ(till().lineCount(), 6) << "cancelling the reason voids nothing";

    // Carl, a cashier, may not void the sale: it waits for Maria's approval.
    session().lock();
    settle();
    QString carl;
    auto people = s_till->staffStore().active();
    ASSERT_TRUE(people.ok());
    for (const StaffMember &m : *people) {
        if (m.name == QLatin1String("Carl"))
            carl = m.id;
    }
    ASSERT_TRUE(session().signIn(carl, QStringLiteral("1357")));
    settle();
    ASSERT_TRUE(tap(QStringLiteral("voidSaleButton")));
    ASSERT_TRUE(tap(QStringLiteral("reason0")));
    ASSERT_TRUE(till().approvalPending());
    checkAtEverySize(QStringLiteral("approval"), QStringLiteral("approvalDialog"));
    ASSERT_TRUE(tap(QStringLiteral("approvalCancel")));
    EXPECT_FALSE(till().approvalPending());

    // Paid in cash; the change due stays up until the next scan.
    ASSERT_TRUE(tap(QStringLiteral("payButton")));
    ASSERT_TRUE(tap(QStringLiteral("quickCash2")));
    ASSERT_EQ(till().lineCount(), 0);
    checkAtEverySize(QStringLiteral("change"), QStringLiteral("saleComplete"));
    // The receipt as it printed (to the file the store set as its printer), and a copy.
    checkAtEverySize(QStringLiteral("receipt"), QStringLiteral("saleComplete"), [] {
        if (!item(QStringLiteral("receiptPreview"))) {
            ASSERT_TRUE(tap(QStringLiteral("showReceiptButton")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("reprintButton")));
    ASSERT_TRUE(till().scan(QStringLiteral("SKU0000007")));
    settle();
    EXPECT_FALSE(item(QStringLiteral("changeDue"))) << "the next scan clears the change due";

    // A message in its fixed place moves nothing: the cart is where it was.
    QQuickItem *cart = item(QStringLiteral("cartView"));
    ASSERT_TRUE(cart);
    const QPointF before = cart->mapToScene(QPointF(0, 0));
    EXPECT_FALSE(till().scan(QStringLiteral("4006381333932")));
    settle();
    EXPECT_EQ(cart->mapToScene(QPointF(0, 0)), before);
    checkAtEverySize(QStringLiteral("message"), QString());

    // The Returns page: the receipt just paid found by its number, one of two lines coming back, the refund in cash
    // as it was paid; then the refund slip's note.
    const QString receiptNo = till().lastReceipt();
    ASSERT_FALSE(receiptNo.isEmpty());
    ASSERT_TRUE(tap(QStringLiteral("nav_returns")));
    EXPECT_TRUE(s_till->returns().active()) << "scans go to the return while its page is shown";
    checkAtEverySize(QStringLiteral("returns-find"), QString(), [] {
        if (!item(QStringLiteral("returnFind"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_returns")));
        }
    });
    checkAtEverySize(QStringLiteral("returns"), QString(), [receiptNo] {
        if (s_till->returns().original().isEmpty()) {
            ASSERT_TRUE(s_till->returns().find(receiptNo));
            ASSERT_TRUE(s_till->returns().setQuantity(0, QStringLiteral("1")));
            item(QStringLiteral("returnReason"))->setProperty("text", QStringLiteral("Wrong size"));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("returnComplete")));
    EXPECT_TRUE(s_till->returns().done().contains(receiptNo.left(4))) << qPrintable(s_till->returns().done());
    checkAtEverySize(QStringLiteral("returns-done"), QString());
    ASSERT_TRUE(tap(QStringLiteral("nav_sell")));
    EXPECT_FALSE(s_till->returns().active());

    // An online cart on the sale by the code on the customer's phone (a hub on loopback answers), with the online
    // price and the stock here beside its lines and what is not sold here said; then the basket onto a phone.
    {
        auto hub = sync::HubStore::openSqlite(s_dir.filePath(QStringLiteral("hub.db")), [] { return kNow; });
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        sync::HubServer server(**hub);
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(port, 0);
        auto db = Database::open(s_dir.filePath(QStringLiteral("layout.db")));
        ASSERT_TRUE(db.ok());
        const QString terminalId = Journal::identity((*db)->connection())->terminalId;
        sync::SyncConfig config;
        config.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        config.token = (*hub)->registerTerminal(terminalId, QStringLiteral("S001"))->toLatin1();
        OnlineCart online;
        online.cartId = QStringLiteral("WEB-1001");
        online.customerId = DemoCustomers::make(40, kNow).customers.first().id;
        online.currency = QStringLiteral("EUR");
        online.lines = { { QStringLiteral("SKU0000001"), QStringLiteral("Café crème 1 kg"), 2000, 1499 },
            { QStringLiteral("SKU0000020"), QStringLiteral("Organic oat drink 1 l"), 1000, 199 },
            { QStringLiteral("T-77"), QStringLiteral("Gift wrap (online only)"), 1000, 250 } };
        ASSERT_TRUE((*hub)->putCart(online).ok());
        auto issued = (*hub)->issueHandoff(online.cartId, sync::HubStore::HandoffPurpose::Handoff, {});
        ASSERT_TRUE(issued.ok());
        const QString code = Handoff::code(config.hub.toString(), issued->token);
        s_till->handoff().setHub(HandoffController::Hub {
            [config, terminalId](const QString &sha) { return sync::resolveHandoff(config, terminalId, sha); },
            [config, terminalId](
                const QString &id, qint64 version) { return sync::claimCart(config, terminalId, id, version); },
            [config, terminalId](const QString &id) { sync::releaseCart(config, terminalId, id); },
            [config, terminalId](const OnlineCart &basket) { return sync::handBasket(config, terminalId, basket); } });
        checkAtEverySize(QStringLiteral("online-cart"), QString(), [code] {
            if (!s_till->handoff().active()) {
                ASSERT_TRUE(s_till->handoff().scan(code));
                ASSERT_TRUE(s_till->handoff().active());
            }
        });
        ASSERT_TRUE(tap(QStringLiteral("phoneButton")));
        ASSERT_FALSE(s_till->handoff().phoneUrl().isEmpty());
        checkAtEverySize(QStringLiteral("phone-handoff"), QStringLiteral("phoneHandoffDialog"));
        // The code on the screen reads back as the link, as a phone's camera would read it.
        const QImage screen = s_window->grabWindow().convertToFormat(QImage::Format_RGB32);
        const auto read = decodeBgrx(
            screen.constBits(), screen.width(), screen.height(), int(screen.bytesPerLine()), ScanMode::QrOnly);
        ASSERT_TRUE(read.has_value()) << "the QR code on the screen is not readable";
        EXPECT_EQ(read->text(), s_till->handoff().phoneUrl());
        ASSERT_TRUE(tap(QStringLiteral("phoneDone")));
        settle();
        EXPECT_TRUE(s_till->handoff().phoneUrl().isEmpty());
        s_till->handoff().setHub({});
    }

    // The day's end, by Maria on the Shift page: takings to the safe, the X report, the blind count, the Z report.
    session().lock();
    QString mariaId;
    auto staff = s_till->staffStore().active();
    ASSERT_TRUE(staff.ok());
    for (const StaffMember &m : staff.value()) {
        if (m.name == QLatin1String("Maria"))
            mariaId = m.id;
    }
    ASSERT_TRUE(session().signIn(mariaId, QStringLiteral("2468")));
    ASSERT_TRUE(till().voidSale(QStringLiteral("Customer changed their mind")));
    settle();
    ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
    // The last receipt again, by its number (empty: the last), on the till's printer.
    QSignalSpy receiptErrors(&s_till->receipts(), &ReceiptController::errorOccurred);
    ASSERT_TRUE(tap(QStringLiteral("reprintByNumberButton")));
    EXPECT_EQ(receiptErrors.count(), 0);
    item(QStringLiteral("cashAmountField"))->setProperty("text", QStringLiteral("20"));
    item(QStringLiteral("cashReasonField"))->setProperty("text", QStringLiteral("To the safe"));
    ASSERT_TRUE(tap(QStringLiteral("cashOutButton")));
    EXPECT_TRUE(item(QStringLiteral("cashReasonField"))->property("text").toString().isEmpty()) << "taken out";
    checkAtEverySize(QStringLiteral("shift-x"), QString(), [] {
        if (!item(QStringLiteral("shiftReport"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
            ASSERT_TRUE(tap(QStringLiteral("xReportButton")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("closeShiftButton")));
    settle();
    ASSERT_TRUE(item(QStringLiteral("count3")) && item(QStringLiteral("count8")));
    item(QStringLiteral("count3"))->setProperty("text", QStringLiteral("3")); // 3 x 50
    item(QStringLiteral("count8"))->setProperty("text", QStringLiteral("4")); // 4 x 1
    settle();
    EXPECT_TRUE(item(QStringLiteral("countedTotal"))->property("text").toString().startsWith(QStringLiteral("154")));
    checkAtEverySize(QStringLiteral("shift-count"), QString(), [] {
        if (!item(QStringLiteral("confirmCloseButton"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
        }
    });
    ASSERT_TRUE(tap(QStringLiteral("confirmCloseButton")));
    EXPECT_FALSE(s_till->shifts().isOpen());
    EXPECT_FALSE(s_till->shifts().reportTitle().isEmpty());
    checkAtEverySize(QStringLiteral("shift-z"), QString(), [] {
        if (!item(QStringLiteral("shiftReport"))) {
            ASSERT_TRUE(tap(QStringLiteral("nav_shift")));
        }
    });

    // The Reports page: the day of this till from its journal, without a hub, then with the store's view from a hub
    // the till has synced its day to.
    ASSERT_TRUE(tap(QStringLiteral("nav_reports")));
    settle();
    const QVariantMap own = s_till->reports().till();
    ASSERT_FALSE(own.isEmpty());
    EXPECT_GE(own.value(QStringLiteral("sales")).toInt(), 1);
    EXPECT_EQ(own.value(QStringLiteral("pendingSales")), own.value(QStringLiteral("sales"))) << "nothing synced yet";
    EXPECT_FALSE(s_till->reports().storeStatus().isEmpty()) << "it says the till has no hub";
    EXPECT_TRUE(s_till->reports().store().isEmpty());
    {
        auto hub = sync::HubStore::openSqlite(s_dir.filePath(QStringLiteral("hub.db")), [] { return kNow; });
        ASSERT_TRUE(hub.ok()) << qPrintable(hub.error().message);
        sync::HubServer server(**hub);
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        ASSERT_NE(port, 0);
        const QString path = s_dir.filePath(QStringLiteral("layout.db"));
        QString terminalId;
        {
            auto db = Database::open(path);
            ASSERT_TRUE(db.ok());
            terminalId = Journal::identity((*db)->connection())->terminalId;
        }
        sync::SyncConfig config;
        config.hub = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        config.token = (*hub)->registerTerminal(terminalId, QStringLiteral("S001"))->toLatin1();
        config.stateIntervalMs = 0;
        {
            sync::SyncWorker worker(path, config, [] { return kNow; });
            bool drained = false;
            QObject::connect(&worker, &sync::SyncWorker::drained, [&] { drained = true; });
            worker.start();
            QMetaObject::invokeMethod(&worker, &sync::SyncWorker::syncNow, Qt::QueuedConnection);
            ASSERT_TRUE(QTest::qWaitFor([&] { return drained; }, 30'000));
            worker.stop();
        }
        s_till->reports().setStoreFetch([config, terminalId](QDate date, QString *why) {
            return sync::fetchStoreReport(config, terminalId, date, why);
        });
        checkAtEverySize(QStringLiteral("reports"), QString(), [] {
            if (s_till->reports().store().isEmpty()) {
                ASSERT_TRUE(tap(QStringLiteral("nav_reports")));
                s_till->reports().load();
            }
        });
        const QVariantMap store = s_till->reports().store();
        ASSERT_FALSE(store.isEmpty()) << qPrintable(s_till->reports().storeStatus());
        const QVariantList terminals = store.value(QStringLiteral("terminals")).toList();
        ASSERT_EQ(terminals.size(), 1);
        EXPECT_TRUE(terminals[0].toMap().value(QStringLiteral("self")).toBool());
        EXPECT_EQ(
            terminals[0].toMap().value(QStringLiteral("received")).toInt(), own.value(QStringLiteral("sales")).toInt())
            << "the hub got every sale of the day";
        EXPECT_EQ(s_till->reports().till().value(QStringLiteral("pendingSales")).toInt(), 0);
        s_till->reports().setStoreFetch({});
    }
    // A cashier does not see them.
    session().lock();
    settle();
}

// The walk itself finds each kind of fault, so a clean walk of the till means something.
TEST(LayoutWalk, SeesEveryKindOfFault)
{
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        import QtQuick.Controls
        Item {
            width: 400
            height: 300
            Button { objectName: "small"; width: 30; height: 30 }
            Button { objectName: "left"; x: 100; width: 100; height: 60 }
            Button { objectName: "right"; x: 150; width: 100; height: 60 }
            Label { objectName: "long"; y: 100; width: 50; text: "a text far too long for fifty pixels" }
            Label { objectName: "elided"; y: 130; width: 50; elide: Text.ElideRight; text: "elided text is fine" }
            Button { objectName: "outside"; x: 350; y: 250; width: 100; height: 100 }
            ListView {
                y: 160; width: 200; height: 60; clip: true
                model: 5
                delegate: Button { required property int index; objectName: "row" + index; width: 200; height: 50 }
            }
        })",
        QUrl());
    std::unique_ptr<QObject> object(component.create());
    ASSERT_TRUE(object) << qPrintable(component.errorString());
    QQuickWindow window;
    auto *root = qobject_cast<QQuickItem *>(object.get());
    root->setParentItem(window.contentItem());
    const QString problems = Walk(root).problems().join(u'\n');
    EXPECT_TRUE(problems.contains(QStringLiteral("small is a touch target of 30x30"))) << qPrintable(problems);
    EXPECT_TRUE(problems.contains(QRegularExpression(QStringLiteral(" left overlaps \\S+ right"))))
        << qPrintable(problems);
    EXPECT_TRUE(problems.contains(QStringLiteral("long does not fit"))) << qPrintable(problems);
    EXPECT_TRUE(problems.contains(QStringLiteral("outside is cut off"))) << qPrintable(problems);
    EXPECT_FALSE(problems.contains(QStringLiteral("elided"))) << qPrintable(problems);
    EXPECT_FALSE(problems.contains(QStringLiteral("row"))) << "rows scrolled out of a list are not cut off";
    EXPECT_EQ(Walk(root).problems().size(), 4) << qPrintable(problems);
}

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
