// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' report pages as a manager uses them: `omnitill-hub serve` (the real program) on a day of two stores,
// headless Chromium signing in with a name and PIN, clicking from the chain to a store to a till, screenshots of each;
// the CSV and PDF exports (the PDF read back with pdftotext), and `omnitill-hub report --format pdf`.
#include "core/staff/pinhash.h"
#include "core/staff/staffstore.h"
#include "support/browser.h"
#include "support/httpclient.h"
#include "support/hubprocess.h"
#include "support/synchelper.h"
#include "sync/hub/dailyreport.h"
#include "sync/terminal/statecollector.h"

#include <QBuffer>
#include <QImage>

using namespace omnitill;
using namespace omnitill::sync;
using namespace omnitill::test;

namespace {

// What pdftotext reads in a PDF (poppler-utils), or why it could not.
QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30'000) || p.exitCode() != 0)
        return QStringLiteral("pdftotext failed: ") + QString::fromUtf8(p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput());
}

class ReportPageTest : public SyncFixture
{
protected:
    void TearDown() override
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5'000))
                m_process.kill();
        }
    }

    // A person on the staff stream, as `omnitill-hub staff-add` publishes them.
    QString publishPerson(const QString &name, const QString &role, QStringView pin)
    {
        const PinHash::Hashed hashed = PinHash::make(pin);
        const StaffRow row { Journal::newEventId(QDateTime::currentMSecsSinceEpoch()), name, role, true, hashed.salt,
            hashed.hash, hashed.iterations, {} };
        EXPECT_TRUE(m_hub->publish(kStaffStream, row.id, staffRow(row)).ok());
        return row.id;
    }

    // The day: S001 with two tills (one has four sales the hub has not got, and an override approved by a manager),
    // S002 with one.
    void seedDay()
    {
        QByteArray line = R"({"key": "stores.time_zones", "row": {"value": {"*": "Europe/Berlin"}}})";
        QBuffer buffer(&line);
        ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
        ASSERT_TRUE(m_hub->publishLines(QStringLiteral("config"), buffer).ok());
        const QString maria = publishPerson(QStringLiteral("Maria Keller"), QStringLiteral("manager"), u"2468");
        publishPerson(QStringLiteral("Carl Berg"), QStringLiteral("cashier"), u"1357");
        const QString ann = publishPerson(QStringLiteral("Ann <b>Lee</b>"), QStringLiteral("cashier"), u"1111");

        const Terminal a = makeTerminal(QStringLiteral("a"), QStringLiteral("S001"));
        const Terminal b = makeTerminal(QStringLiteral("b"), QStringLiteral("S001"));
        const Terminal c = makeTerminal(QStringLiteral("c"), QStringLiteral("S002"));
        for (const Terminal &t : { a, b, c })
            ASSERT_TRUE(syncOnce(t)); // codes and staff first, so receipt numbers do not collide
        {
            auto db = Database::open(a.path);
            ASSERT_TRUE(db.ok());
            StaffStore staff(**db, [] { return QDateTime::currentMSecsSinceEpoch(); });
            auto cashier = staff.signIn(ann, u"1111");
            ASSERT_TRUE(cashier.ok()) << qPrintable(cashier.error().message);
            ASSERT_TRUE(
                staff.approve(*cashier, maria, u"2468", Permission::VoidSale, QStringLiteral("customer left")).ok());
        }
        sell(a.path, 12, 1);
        sell(b.path, 7, 2);
        sell(c.path, 9, 3);
        for (const Terminal &t : { a, b, c })
            ASSERT_TRUE(syncOnce(t));
        // b sells four more; its state report gets through, its sales do not.
        sell(b.path, 4, 4);
        auto db = Database::open(b.path);
        ASSERT_TRUE(db.ok());
        auto state = collectTerminalState((*db)->connection(), 0, QDateTime::currentMSecsSinceEpoch());
        ASSERT_TRUE(state.ok());
        ASSERT_TRUE(m_hub->applyTerminalState(*state).ok());
        m_b = b;
    }

    void serve()
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_port = serveHub(m_process, QStringLiteral(OMNITILL_HUB_BIN), m_dir.filePath(QStringLiteral("hub.db")));
        ASSERT_NE(m_port, 0);
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    }

    void keepScreenshot(Browser &browser, const QString &name)
    {
        const QString shot = m_dir.filePath(name);
        ASSERT_TRUE(browser.screenshot(shot)) << qPrintable(browser.error());
        const QImage image(shot);
        ASSERT_FALSE(image.isNull()) << "Chromium took no screenshot of " << qPrintable(name);
        if (const QByteArray keep = qgetenv("OMNITILL_SCREENSHOT_DIR"); !keep.isEmpty())
            image.save(QString::fromLocal8Bit(keep) + u'/' + name);
    }

    HttpAnswer get(const QByteArray &target, const QByteArray &cookie)
    {
        return httpExchange(m_port,
            "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n",
            30'000);
    }

    QProcess m_process;
    quint16 m_port = 0;
    QString m_base;
    Terminal m_b;
};
} // namespace

TEST_F(ReportPageTest, AManagerSignsInAndGoesFromTheChainToAStoreToATill)
{
    seedDay();
    ASSERT_FALSE(HasFatalFailure());
    serve();
    Browser browser(1024, 768);
    ASSERT_TRUE(browser.error().isEmpty()) << qPrintable(browser.error());

    // Anyone who is not signed in sees only the sign-in form, whatever they ask for.
    ASSERT_TRUE(browser.open(m_base + QStringLiteral("/reports/store/S001"))) << qPrintable(browser.error());
    EXPECT_TRUE(browser.text().contains(u"Sign in with your name and PIN")) << qPrintable(browser.text());
    EXPECT_FALSE(browser.text().contains(u"S001"));
    keepScreenshot(browser, QStringLiteral("report-sign-in.png"));

    // A wrong PIN, and a cashier's right one: the same refusal.
    ASSERT_TRUE(browser.type(QStringLiteral("#name"), QStringLiteral("maria keller")));
    ASSERT_TRUE(browser.type(QStringLiteral("#pin"), QStringLiteral("1111")));
    ASSERT_TRUE(browser.pressEnter()) << qPrintable(browser.error());
    EXPECT_TRUE(browser.text().contains(u"The name or PIN is not right")) << qPrintable(browser.text());
    ASSERT_TRUE(browser.type(QStringLiteral("#name"), QStringLiteral("Carl Berg")));
    ASSERT_TRUE(browser.type(QStringLiteral("#pin"), QStringLiteral("1357")));
    ASSERT_TRUE(browser.click(QStringLiteral("button[type=submit]"), true)) << qPrintable(browser.error());
    EXPECT_TRUE(browser.text().contains(u"may not see reports")) << qPrintable(browser.text());

    // The manager: the chain's day.
    ASSERT_TRUE(browser.type(QStringLiteral("#name"), QStringLiteral("Maria Keller")));
    ASSERT_TRUE(browser.type(QStringLiteral("#pin"), QStringLiteral("2468")));
    ASSERT_TRUE(browser.click(QStringLiteral("button[type=submit]"), true)) << qPrintable(browser.error());
    QString text = browser.text();
    EXPECT_TRUE(text.contains(u"The chain")) << qPrintable(text);
    EXPECT_TRUE(text.contains(u"Maria Keller"));
    EXPECT_TRUE(text.contains(u"S001") && text.contains(u"S002"));
    EXPECT_TRUE(text.contains(u"32\nsales recorded")) << qPrintable(text);
    EXPECT_TRUE(text.contains(u"28\nreceived by the hub")) << qPrintable(text);
    EXPECT_GT(browser.evaluate(QStringLiteral("document.querySelectorAll('svg rect').length")).toInt(), 0)
        << "the charts are drawn";
    EXPECT_EQ(browser.evaluate(QStringLiteral("document.scripts.length")).toInt(), 0);
    EXPECT_EQ(browser.evaluate(QStringLiteral("performance.getEntriesByType('resource').length")).toInt(), 0)
        << "nothing is loaded from elsewhere";
    keepScreenshot(browser, QStringLiteral("report-chain.png"));

    // A store: its tills, the one with sales not yet received.
    ASSERT_TRUE(browser.click(QStringLiteral("a[href^='/reports/store/S001']"), true)) << qPrintable(browser.error());
    text = browser.text();
    EXPECT_TRUE(text.contains(u"Store S001")) << qPrintable(text);
    EXPECT_TRUE(text.contains(u"T01") && text.contains(u"T02"));
    EXPECT_TRUE(text.contains(u"customer left")) << "the override is listed with its reason";
    EXPECT_TRUE(text.contains(u"Ann <b>Lee</b>")) << "names are shown as text";
    EXPECT_EQ(browser.evaluate(QStringLiteral("document.querySelectorAll('td b').length")).toInt(), 0);
    EXPECT_GT(browser.evaluate(QStringLiteral("document.querySelectorAll('rect[fill=\"#e0a020\"]').length")).toInt(), 0)
        << "the four sales the hub has not got are drawn as pending";
    keepScreenshot(browser, QStringLiteral("report-store.png"));

    // The till with pending sales.
    ASSERT_TRUE(browser.click(QStringLiteral("a[href^='/reports/terminal/%1']").arg(m_b.terminalId), true))
        << qPrintable(browser.error());
    text = browser.text();
    EXPECT_TRUE(text.contains(u"Till T02 of store S001")) << qPrintable(text);
    EXPECT_TRUE(text.contains(u"Pending now")) << qPrintable(text);
    EXPECT_TRUE(text.contains(u"4\npending on the tills") || text.contains(u"4 pending on the tills"))
        << qPrintable(text);
    keepScreenshot(browser, QStringLiteral("report-till.png"));

    // On a phone the page fits its width.
    {
        Browser phone(390, 844);
        ASSERT_TRUE(phone.open(m_base + QStringLiteral("/reports")));
        ASSERT_TRUE(phone.type(QStringLiteral("#name"), QStringLiteral("Maria Keller")));
        ASSERT_TRUE(phone.type(QStringLiteral("#pin"), QStringLiteral("2468")));
        ASSERT_TRUE(phone.pressEnter());
        EXPECT_LE(phone.evaluate(QStringLiteral("document.documentElement.scrollWidth")).toInt(), 390);
        keepScreenshot(phone, QStringLiteral("report-chain-390x844.png"));
    }

    // The exports, with the browser's session.
    const QByteArray cookie = browser.cookieHeader(m_base + QStringLiteral("/reports"));
    ASSERT_TRUE(cookie.startsWith("omnitill_manager=")) << cookie.constData();
    const HttpAnswer csv = get("/reports/export.csv?store=S001", cookie);
    EXPECT_EQ(csv.status, 200);
    EXPECT_TRUE(csv.header("content-type").startsWith("text/csv"));
    EXPECT_EQ(csv.body.count("\r\n"), 3) << csv.body.constData(); // the header and two tills
    const HttpAnswer pdf = get("/reports/export.pdf", cookie);
    ASSERT_EQ(pdf.status, 200) << pdf.body.left(300).constData();
    EXPECT_TRUE(pdf.body.startsWith("%PDF"));
    QFile file(m_dir.filePath(QStringLiteral("report.pdf")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(pdf.body);
    file.close();
    const QString printed = pdfText(file.fileName());
    EXPECT_TRUE(printed.contains(u"OmniTill daily report")) << qPrintable(printed);
    EXPECT_TRUE(printed.contains(u"Store S001") && printed.contains(u"Store S002")) << qPrintable(printed);
    EXPECT_TRUE(printed.contains(u"customer left")) << qPrintable(printed);
    EXPECT_TRUE(printed.contains(u"Maria Keller")) << "who approved the override" << qPrintable(printed);

    // Signing out ends the session for the cookie as well.
    ASSERT_TRUE(browser.click(QStringLiteral("form.who button"), true)) << qPrintable(browser.error());
    EXPECT_TRUE(browser.text().contains(u"Sign in with your name and PIN"));
    const HttpAnswer after = get("/reports/export.csv", cookie);
    EXPECT_FALSE(after.header("content-type").startsWith("text/csv"));
    EXPECT_TRUE(after.body.contains("Sign in with your name and PIN"));
}

// Five wrong PINs lock the name for a while; a stranger's cookie, another site's form and a hostile path are refused.
TEST_F(ReportPageTest, GuessingPinsLocksTheNameAndStrangersGetNothing)
{
    publishPerson(QStringLiteral("Maria Keller"), QStringLiteral("manager"), u"2468");
    serve();
    const auto signIn = [this](const QByteArray &form, const QByteArray &origin = {}) {
        return httpExchange(m_port,
            "POST /reports/sign-in HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + QByteArray::number(form.size()) + (origin.isEmpty() ? QByteArray() : "\r\nOrigin: " + origin)
                + "\r\nConnection: close\r\n\r\n" + form,
            30'000);
    };
    EXPECT_EQ(signIn("name=Maria+Keller&pin=2468", "http://evil.example").status, 403);
    for (int i = 0; i < HubStore::kManagerMaxFailures; ++i)
        EXPECT_EQ(signIn("name=Maria+Keller&pin=000" + QByteArray::number(i)).status, 401);
    const HttpAnswer locked = signIn("name=Maria+Keller&pin=2468");
    EXPECT_EQ(locked.status, 401);
    EXPECT_TRUE(locked.body.contains("Too many wrong PINs")) << locked.body.constData();

    const HttpAnswer stranger
        = get("/reports/export.pdf", "omnitill_manager=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_TRUE(stranger.body.contains("Sign in with your name and PIN"));
    EXPECT_FALSE(stranger.body.startsWith("%PDF"));
    EXPECT_EQ(get("/reports/sign-in", {}).status, 405);
    EXPECT_EQ(httpExchange(m_port, "POST /reports HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status, 405);

    // The hub keeps only the session tokens' hashes, and no PIN.
    const HttpAnswer other = signIn("name=nobody&pin=1234");
    EXPECT_EQ(other.status, 401);
}

// The command line's PDF: the same report, drawn by the omnitill-hub program.
TEST_F(ReportPageTest, TheCommandLineWritesThePdf)
{
    seedDay();
    ASSERT_FALSE(HasFatalFailure());
    QProcess report;
    report.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString pdf = m_dir.filePath(QStringLiteral("day.pdf"));
    report.start(QStringLiteral(OMNITILL_HUB_BIN),
        { QStringLiteral("--db"), m_dir.filePath(QStringLiteral("hub.db")), QStringLiteral("report"),
            QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("--output"), pdf });
    ASSERT_TRUE(report.waitForFinished(60'000));
    EXPECT_EQ(report.exitCode(), 0) << report.readAllStandardOutput().constData(); // amber, not red
    const QString printed = pdfText(pdf);
    EXPECT_TRUE(printed.contains(u"OmniTill daily report, " + reportToday(*m_hub)->toString(Qt::ISODate)))
        << qPrintable(printed);
    EXPECT_TRUE(printed.contains(u"T02")) << qPrintable(printed);
    EXPECT_TRUE(printed.contains(u"Manager approvals") || printed.contains(u"Sales")) << qPrintable(printed);

    QProcess usage;
    usage.start(QStringLiteral(OMNITILL_HUB_BIN),
        { QStringLiteral("--db"), m_dir.filePath(QStringLiteral("hub.db")), QStringLiteral("report"),
            QStringLiteral("--format"), QStringLiteral("pdf") });
    ASSERT_TRUE(usage.waitForFinished(30'000));
    EXPECT_NE(usage.exitCode(), 0);
    EXPECT_TRUE(usage.readAllStandardError().contains("--output"));
}
