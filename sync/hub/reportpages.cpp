// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' report pages: GET /reports (the chain), /reports/store/CODE, /reports/terminal/ID, the exports, and
// signing in and out. Plain HTML with charts drawn here as SVG; nothing loaded from elsewhere, no scripts.
#include "sync/hub/dailyreport.h"
#include "sync/hub/hubpages.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace omnitill::sync {

namespace {
const QByteArray kCookie = QByteArrayLiteral("omnitill_manager");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// The page's frame: its own style, a header with the date and the exports, then `body`.
QByteArray page(const QString &title, const QString &header, const QString &body)
{
    static const QString style = QStringLiteral(
        "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f4f5f7}"
        "header{background:#1b3a5c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;"
        "align-items:center}header a{color:#fff}header form{margin:0;display:flex;gap:.4rem;align-items:center}"
        "header .who{margin-left:auto}main{max-width:72rem;margin:0 auto;padding:1rem}"
        "h1{font-size:1.4rem;margin:.4rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}"
        "nav.crumbs{font-size:.9rem;margin-bottom:.4rem}"
        ".card{background:#fff;border-radius:8px;padding:.8rem 1rem;box-shadow:0 1px 2px #0002;margin:.6rem 0}"
        ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}"
        "th,td{padding:.35rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}"
        "th{background:#eef1f4;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
        ".badge{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-weight:600;font-size:.85rem}"
        ".green{background:#d8f0dd;color:#145c2a}.amber{background:#fde9c4;color:#7a4a00}"
        ".red{background:#f9d3d0;color:#8a1c12}ul.why{margin:.2rem 0 0 1.1rem;padding:0;font-size:.9rem}"
        ".figures{display:flex;flex-wrap:wrap;gap:.6rem}.figure{background:#fff;border-radius:8px;padding:.6rem .9rem;"
        "box-shadow:0 1px 2px #0002;min-width:9rem}.figure b{display:block;font-size:1.4rem}"
        ".figure span{font-size:.85rem;color:#4a525c}.error{background:#f9d3d0;color:#8a1c12;padding:.6rem .9rem;"
        "border-radius:6px}label{display:block;margin:.8rem 0 .2rem;font-weight:600}"
        "input[type=text],input[type=password]{font-size:1.1rem;padding:.5rem;width:100%;border:1px solid #9aa3ad;"
        "border-radius:6px}button,.button{font-size:1rem;padding:.45rem .9rem;border-radius:6px;border:1px solid "
        "#9aa3ad;background:#fff;color:#1b1f24;text-decoration:none;cursor:pointer}button.primary{background:#1b3a5c;"
        "color:#fff;border-color:#1b3a5c;margin-top:1rem;width:100%}svg text{font-family:system-ui,sans-serif}"
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#4a525c}dd{margin:0}");
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%1</title>"
                          "<style>%2</style></head><body><header>%3</header><main>%4</main></body></html>\n")
        .arg(esc(title), style, header, body)
        .toUtf8();
}

HttpResponse reportPage(int status, const QByteArray &html)
{
    HttpResponse r = htmlPage(status, html);
    r.headers.removeIf([](const auto &h) { return h.first == "Content-Security-Policy"; });
    r.withHeader("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'");
    return r;
}

HttpResponse seeOther(const QByteArray &location)
{
    HttpResponse r(303, {}, QByteArrayLiteral("text/plain"));
    r.withHeader("Location", location);
    r.withHeader("Cache-Control", "no-store");
    return r;
}

QByteArray cookieOf(const HttpRequest &request)
{
    for (const QByteArray &part : request.header("cookie").split(';')) {
        const QByteArray p = part.trimmed();
        if (p.startsWith(QByteArray(kCookie + '=')))
            return p.mid(kCookie.size() + 1);
    }
    return {};
}

QString badge(Health health)
{
    const QString name = healthName(health);
    return QStringLiteral("<span class=\"badge %1\">%2</span>").arg(name, name.toUpper());
}

QString number(qint64 n)
{
    return QLocale::c().toString(n).replace(u',', QChar(0x202F)); // a narrow space between thousands
}

QString dateQuery(QDate date)
{
    return QStringLiteral("?date=") + date.toString(Qt::ISODate);
}

// Sales by hour as bars: received (green) and recorded but not at the hub yet (amber), hours of the store's day.
QString hourChart(const QList<qint64> &recorded, const QList<qint64> &received, qint64 dayStartMs, const QString &zone)
{
    const int hours = int(received.size());
    if (hours == 0)
        return {};
    qint64 top = 1;
    qint64 pendingTotal = 0;
    for (int h = 0; h < hours; ++h) {
        top = std::max({ top, recorded.value(h), received.value(h) });
        pendingTotal += std::max<qint64>(0, recorded.value(h) - received.value(h));
    }
    const int width = 720, height = 200, left = 44, bottom = 24, plotH = height - bottom - 10;
    const double step = double(width - left - 4) / hours;
    const QTimeZone tz(zone.toLatin1());
    QString svg = QStringLiteral("<svg viewBox=\"0 0 %1 %2\" width=\"100%\" role=\"img\" aria-label=\"Sales by hour: "
                                 "received by the hub%3\" xmlns=\"http://www.w3.org/2000/svg\">")
                      .arg(width)
                      .arg(height)
                      .arg(pendingTotal > 0 ? QStringLiteral(", and not yet received") : QString());
    svg += QStringLiteral("<title>Sales by hour</title>");
    for (int g = 0; g <= 2; ++g) { // grid: 0, half, top
        const double y = 10 + plotH - plotH * g / 2.0;
        svg += QStringLiteral("<line x1=\"%1\" x2=\"%2\" y1=\"%3\" y2=\"%3\" stroke=\"#d5dae0\"/>"
                              "<text x=\"%4\" y=\"%5\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a525c\">%6</text>")
                   .arg(left)
                   .arg(width - 4)
                   .arg(y, 0, 'f', 1)
                   .arg(left - 6)
                   .arg(y + 4, 0, 'f', 1)
                   .arg(number(top * g / 2));
    }
    for (int h = 0; h < hours; ++h) {
        const qint64 got = received.value(h);
        const qint64 missing = std::max<qint64>(0, recorded.value(h) - got);
        const double x = left + h * step + step * 0.15;
        const double w = step * 0.7;
        const double gotH = double(plotH) * double(got) / double(top);
        const double missingH = double(plotH) * double(missing) / double(top);
        const QString hour = QDateTime::fromMSecsSinceEpoch(dayStartMs + h * 3600'000LL, tz).toString(u"HH:mm");
        if (got > 0)
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#2e8b57\"><title>%5: %6 "
                                  "received</title></rect>")
                       .arg(x, 0, 'f', 1)
                       .arg(10 + plotH - gotH, 0, 'f', 1)
                       .arg(w, 0, 'f', 1)
                       .arg(gotH, 0, 'f', 1)
                       .arg(hour, number(got));
        if (missing > 0)
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#e0a020\"><title>%5: %6 "
                                  "not yet received</title></rect>")
                       .arg(x, 0, 'f', 1)
                       .arg(10 + plotH - gotH - missingH, 0, 'f', 1)
                       .arg(w, 0, 'f', 1)
                       .arg(missingH, 0, 'f', 1)
                       .arg(hour, number(missing));
        if (h % 3 == 0)
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"11\" fill=\"#4a525c\">%3</text>")
                       .arg(left + h * step, 0, 'f', 1)
                       .arg(height - 6)
                       .arg(hour);
    }
    svg += QStringLiteral("</svg>");
    QString legend = QStringLiteral("<div style=\"font-size:.85rem\"><span style=\"color:#2e8b57\">&#9632;</span> "
                                    "received by the hub");
    if (pendingTotal > 0)
        legend += QStringLiteral(" &nbsp; <span style=\"color:#e0a020\">&#9632;</span> recorded on the till, not yet "
                                 "received");
    return svg + legend + QStringLiteral("</div>");
}

// One stacked bar for a row of a table: received, quarantined, pending of `recorded`.
QString rowBar(qint64 received, qint64 quarantined, qint64 pending)
{
    const qint64 all = received + quarantined + pending;
    if (all == 0)
        return {};
    QString svg = QStringLiteral("<svg viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" role=\"img\" aria-label=\"%1 "
                                 "of %2 received\" xmlns=\"http://www.w3.org/2000/svg\">")
                      .arg(received)
                      .arg(all);
    double x = 0;
    for (const auto &[count, colour] :
        { std::pair { received, "#2e8b57" }, std::pair { quarantined, "#c0392b" }, std::pair { pending, "#e0a020" } }) {
        const double w = 100.0 * double(count) / double(all);
        if (w > 0)
            svg += QStringLiteral("<rect x=\"%1\" y=\"0\" width=\"%2\" height=\"10\" fill=\"%3\"/>")
                       .arg(x, 0, 'f', 2)
                       .arg(w, 0, 'f', 2)
                       .arg(QLatin1String(colour));
        x += w;
    }
    return svg + QStringLiteral("</svg>");
}

struct Totals
{
    qint64 recorded = 0, received = 0, quarantined = 0, pending = 0, pendingNow = 0, duplicates = 0, incidents = 0;
    QList<qint64> recordedByHour, receivedByHour;
    void add(const TerminalReport &t)
    {
        recorded += t.recordedSales;
        received += t.receivedSales;
        quarantined += t.quarantinedSales;
        pending += t.pendingSales;
        pendingNow += t.pendingNow;
        duplicates += t.duplicates;
        incidents += t.incidents.size();
        if (recordedByHour.isEmpty()) {
            recordedByHour = t.recordedByHour;
            receivedByHour = t.receivedByHour;
            return;
        }
        for (int h = 0; h < std::min(recordedByHour.size(), t.recordedByHour.size()); ++h) {
            recordedByHour[h] += t.recordedByHour[h];
            receivedByHour[h] += t.receivedByHour[h];
        }
    }
};

QString figures(const Totals &t)
{
    auto figure = [](qint64 n, const QString &what) {
        return QStringLiteral("<div class=\"figure\"><b>%1</b><span>%2</span></div>").arg(number(n), what);
    };
    return QStringLiteral("<div class=\"figures\">") + figure(t.recorded, QStringLiteral("sales recorded"))
        + figure(t.received, QStringLiteral("received by the hub"))
        + figure(t.pending, QStringLiteral("pending on the tills"))
        + figure(t.quarantined, QStringLiteral("quarantined")) + figure(t.duplicates, QStringLiteral("repeats ignored"))
        + figure(t.incidents, QStringLiteral("incidents")) + QStringLiteral("</div>");
}

QString moneyTable(const QList<MoneyLine> &money)
{
    if (money.isEmpty())
        return QStringLiteral("<p>No business recorded this day.</p>");
    QString html = QStringLiteral("<div class=\"scroll\"><table><tr><th>What</th><th class=\"n\">Count</th>"
                                  "<th class=\"n\">Amount</th><th>Currency</th></tr>");
    for (const MoneyLine &m : money)
        html += QStringLiteral("<tr><td>%1</td><td class=\"n\">%2</td><td class=\"n\">%3</td><td>%4</td></tr>")
                    .arg(esc(moneyKindName(m.kind)), number(m.count),
                        m.currency.isEmpty() ? QString() : formatMinor(m.amountMinor, m.currency), esc(m.currency));
    return html + QStringLiteral("</table></div>");
}

QString listedTable(const QList<ListedEvent> &listed, const QString &zone, const QString &terminalCode = {})
{
    QString rows;
    for (const ListedEvent &e : listed) {
        if (!terminalCode.isEmpty() && e.terminalCode != terminalCode)
            continue;
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"n\">%4</td><td>%5</td><td>%6</td>"
                               "<td>%7</td></tr>")
                    .arg(reportTime(e.atMs, zone).mid(11), esc(e.terminalCode), esc(e.summary),
                        e.amountMinor != 0 && !e.currency.isEmpty()
                            ? formatMinor(e.amountMinor, e.currency) + u' ' + esc(e.currency)
                            : QString(),
                        esc(e.by), esc(e.approvedBy), esc(e.reason));
    }
    if (rows.isEmpty())
        return QStringLiteral("<p>No voids, overrides, discounts, cash moves, Z reports or returns.</p>");
    return QStringLiteral("<div class=\"scroll\"><table><tr><th>Time</th><th>Till</th><th>What</th><th class=\"n\">"
                          "Amount</th><th>By</th><th>Approved by</th><th>Reason</th></tr>")
        + rows + QStringLiteral("</table></div>");
}

QString reasonsList(const QStringList &reasons)
{
    if (reasons.isEmpty())
        return {};
    QString html = QStringLiteral("<ul class=\"why\">");
    for (const QString &why : reasons)
        html += QStringLiteral("<li>") + esc(why) + QStringLiteral("</li>");
    return html + QStringLiteral("</ul>");
}

// What of a till's day reached the commerce backend: "12 in, 1 waiting, 0 given up".
QString forwardingText(const TerminalReport::Forwarding &f)
{
    return QStringLiteral("%1 in, %2 waiting, %3 given up")
        .arg(number(f.forwarded), number(f.pending), number(f.failed));
}

QString terminalsTable(const StoreReport &store, QDate date, const QString &backend)
{
    QString html = QStringLiteral(
        "<div class=\"scroll\"><table><tr><th>Till</th><th>Health</th><th class=\"n\">Recorded</th><th class=\"n\">"
        "Received</th><th class=\"n\">Quarantined</th><th class=\"n\">Pending</th><th></th><th>Last contact</th>"
        "<th>Offline</th>");
    if (!backend.isEmpty())
        html += QStringLiteral("<th>In %1</th>").arg(esc(backend));
    html += QStringLiteral("<th>Why</th></tr>");
    for (const TerminalReport &t : store.terminals) {
        const QString forwarded = t.forwarding ? QStringLiteral("<td>%1</td>").arg(forwardingText(*t.forwarding))
            : backend.isEmpty()                ? QString()
                                               : QStringLiteral("<td></td>");
        html
            += QStringLiteral("<tr><td><a href=\"/reports/terminal/%1%2\">%3</a></td><td>%4</td><td class=\"n\">%5</td>"
                              "<td class=\"n\">%6</td><td class=\"n\">%7</td><td class=\"n\">%8</td><td>%9</td>"
                              "<td>%10</td><td>%11</td>%12<td>%13</td></tr>")
                   .arg(esc(t.terminalId), dateQuery(date), esc(t.terminalCode), badge(t.health),
                       t.reported ? number(t.recordedSales) : QStringLiteral("?"), number(t.receivedSales),
                       number(t.quarantinedSales), t.reported ? number(t.pendingSales) : QStringLiteral("?"),
                       rowBar(t.receivedSales, t.quarantinedSales, t.pendingSales),
                       t.lastContactMs ? reportTime(*t.lastContactMs, store.timeZone) : QStringLiteral("never"),
                       t.offlineMs > 0 ? durationText(t.offlineMs) : QString(), forwarded, reasonsList(t.reasons));
    }
    return html + QStringLiteral("</table></div>");
}
} // namespace

HttpResponse HubServer::reports(HubStore &store, const HttpRequest &request) const
{
    // Who is asking: a manager's session, else the sign-in page (whatever page was asked for).
    auto session = store.managerSession(cookieOf(request));
    if (!session) {
        qCWarning(lcHub) << "cannot read a manager's session:" << session.error().message;
        return htmlNotice(503, QStringLiteral("Try again shortly"),
            QStringLiteral("The report cannot be shown just now. Please try again in a moment."));
    }
    if (!*session)
        return signInPage(200, {});

    const QString dateText = request.query.queryItemValue(QStringLiteral("date"));
    auto today = reportToday(store);
    if (!today) {
        qCWarning(lcHub) << "cannot read the stores' time zones:" << today.error().message;
        return htmlNotice(503, QStringLiteral("Try again shortly"),
            QStringLiteral("The report cannot be shown just now. Please try again in a moment."));
    }
    const QDate date = dateText.isEmpty() ? *today : QDate::fromString(dateText, Qt::ISODate);
    if (!date.isValid() || date.year() < 2000 || date.year() > 2999)
        return htmlNotice(
            400, QStringLiteral("Not a date"), QStringLiteral("The date must be a day such as 2026-12-05."));

    static const QRegularExpression kStore(QStringLiteral("^/reports/store/([A-Za-z0-9]{1,12})$"));
    static const QRegularExpression kTerminal(QStringLiteral("^/reports/terminal/([0-9a-fA-F-]{36})$"));
    static const QRegularExpression kExport(QStringLiteral("^/reports/export\\.(csv|pdf)$"));
    const QString path = QString::fromLatin1(request.path);
    QString storeCode, terminalId;
    if (const auto s = kStore.match(path); s.hasMatch())
        storeCode = s.captured(1);
    else if (const auto t = kTerminal.match(path); t.hasMatch())
        terminalId = t.captured(1).toLower();
    const auto exported = kExport.match(path);
    if (exported.hasMatch()) {
        storeCode = request.query.queryItemValue(QStringLiteral("store"));
        if (!storeCode.isEmpty()
            && !QRegularExpression(QStringLiteral("^[A-Za-z0-9]{1,12}$")).match(storeCode).hasMatch())
            return htmlNotice(
                404, QStringLiteral("No such store"), QStringLiteral("There is no store with this code."));
    } else if (path != QLatin1String("/reports") && storeCode.isEmpty() && terminalId.isEmpty()) {
        return htmlNotice(404, QStringLiteral("Page not found"), QStringLiteral("There is no such report page."));
    }
    if (!terminalId.isEmpty()) { // a terminal's page is its store's report, looked at closer
        auto codes = store.terminalCodes(terminalId);
        if (!codes || codes->storeCode.isEmpty())
            return htmlNotice(404, QStringLiteral("No such till"), QStringLiteral("There is no till with this id."));
        storeCode = codes->storeCode;
    }

    auto report = dailyReport(store, date, storeCode);
    if (!report && report.error().code == ErrorCode::NotFound)
        return htmlNotice(404, QStringLiteral("No such store"), report.error().message);
    if (!report) {
        qCWarning(lcHub) << "cannot make the report page:" << report.error().message;
        return htmlNotice(503, QStringLiteral("Try again shortly"),
            QStringLiteral("The report cannot be shown just now. Please try again in a moment."));
    }
    const QString when = date.toString(Qt::ISODate);
    const QString name = date.toString(u"dddd d MMMM yyyy");
    if (exported.hasMatch()) {
        const QString file
            = QStringLiteral("omnitill-report-%1%2").arg(when, storeCode.isEmpty() ? QString() : u'-' + storeCode);
        if (exported.captured(1) == QLatin1String("csv"))
            return HttpResponse(200, reportCsv(*report), QByteArrayLiteral("text/csv; charset=utf-8"))
                .withHeader("Content-Disposition", "attachment; filename=\"" + file.toLatin1() + ".csv\"")
                .withHeader("Cache-Control", "no-store");
        if (!m_pdfMaker)
            return htmlNotice(404, QStringLiteral("No PDF here"),
                QStringLiteral("This hub makes no PDFs; the CSV export has the same figures."));
        return HttpResponse(200, m_pdfMaker(*report), QByteArrayLiteral("application/pdf"))
            .withHeader("Content-Disposition", "attachment; filename=\"" + file.toLatin1() + ".pdf\"")
            .withHeader("Cache-Control", "no-store");
    }

    // The header: the day (a form to pick another, links to the days before and after), exports, who is signed in.
    const QString self = path;
    const QString storeParam = storeCode.isEmpty() ? QString() : QStringLiteral("&amp;store=") + storeCode;
    QString header
        = QStringLiteral("<strong>OmniTill daily report</strong>"
                         "<a href=\"%1%2\">&larr; day before</a>"
                         "<form method=\"get\" action=\"%1\"><input type=\"date\" name=\"date\" value=\"%3\" "
                         "aria-label=\"Day\"><button>Show</button></form>"
                         "<a href=\"%1%4\">day after &rarr;</a>"
                         "<a href=\"/reports/export.csv%5%6\">CSV</a><a href=\"/reports/export.pdf%5%6\">PDF</a>"
                         "<form class=\"who\" method=\"post\" action=\"/reports/sign-out\"><span>%7</span>"
                         "<button>Sign out</button></form>")
              .arg(esc(self), dateQuery(date.addDays(-1)), when, dateQuery(date.addDays(1)), dateQuery(date),
                  storeParam, esc((*session)->name));

    QString body;
    if (!terminalId.isEmpty()) {
        const StoreReport &s = report->stores.constFirst();
        const auto found = std::find_if(s.terminals.cbegin(), s.terminals.cend(),
            [&](const TerminalReport &t) { return t.terminalId == terminalId; });
        if (found == s.terminals.cend())
            return htmlNotice(404, QStringLiteral("No such till"), QStringLiteral("There is no till with this id."));
        const TerminalReport &t = *found;
        Totals totals;
        totals.add(t);
        body += QStringLiteral("<nav class=\"crumbs\"><a href=\"/reports%1\">Chain</a> &rsaquo; <a "
                               "href=\"/reports/store/%2%1\">Store %2</a> &rsaquo; Till %3</nav>")
                    .arg(dateQuery(date), esc(s.code), esc(t.terminalCode));
        body += QStringLiteral("<h1>Till %1 of store %2, %3 %4</h1>")
                    .arg(esc(t.terminalCode), esc(s.code), name, badge(t.health));
        body += reasonsList(t.reasons);
        body += figures(totals);
        body += QStringLiteral("<h2>Sales by hour (%1)</h2><div class=\"card\">").arg(esc(s.timeZone))
            + hourChart(t.recordedByHour, t.receivedByHour, s.dayStartMs, s.timeZone) + QStringLiteral("</div>");
        auto dd = [](const QString &k, const QString &v) {
            return QStringLiteral("<dt>%1</dt><dd>%2</dd>").arg(k, v.isEmpty() ? QStringLiteral("&ndash;") : v);
        };
        QString facts;
        facts += dd(QStringLiteral("Entries (all kinds)"),
            t.reported
                ? QStringLiteral("%1 recorded, %2 received, %3 quarantined, %4 pending")
                      .arg(number(t.recordedEvents), number(t.receivedEvents), number(t.quarantinedEvents),
                          number(t.pendingEvents))
                : QStringLiteral("%1 received; the till has not reported what it holds").arg(number(t.receivedEvents)));
        facts += dd(QStringLiteral("Pending now"),
            t.pendingNow > 0 ? QStringLiteral("%1 entries, the oldest from %2")
                                   .arg(number(t.pendingNow),
                                       t.oldestPendingAtMs ? reportTime(*t.oldestPendingAtMs, s.timeZone) : QString())
                             : QStringLiteral("nothing"));
        facts += dd(QStringLiteral("Last contact"),
            t.lastContactMs ? reportTime(*t.lastContactMs, s.timeZone) : QStringLiteral("never"));
        facts += dd(
            QStringLiteral("Offline this day"), t.offlineMs > 0 ? durationText(t.offlineMs) : QStringLiteral("no"));
        facts += dd(QStringLiteral("Clock"),
            !t.clockOffsetMs ? QString()
                : std::abs(*t.clockOffsetMs) < 1000
                ? QStringLiteral("right")
                : QStringLiteral("%1 s %2").arg(number(std::abs(*t.clockOffsetMs) / 1000),
                    *t.clockOffsetMs > 0 ? QStringLiteral("fast") : QStringLiteral("slow")));
        facts += dd(
            QStringLiteral("Sync"), esc(t.syncState) + (t.lastError.isEmpty() ? QString() : u": " + esc(t.lastError)));
        facts += dd(QStringLiteral("Repeats ignored"), number(t.duplicates));
        if (t.forwarding) {
            facts += dd(QStringLiteral("In %1").arg(esc(report->backend)),
                forwardingText(*t.forwarding)
                    + (t.forwarding->oldestPendingMs ? QStringLiteral("; waiting since %1")
                                                           .arg(reportTime(*t.forwarding->oldestPendingMs, s.timeZone))
                                                     : QString()));
        }
        facts += dd(QStringLiteral("Receipt printer"),
            QStringLiteral("%1 waiting, %2 interrupted%3")
                .arg(number(t.printWaiting), number(t.printInterrupted),
                    t.printError.isEmpty() ? QString() : u"; " + esc(t.printError)));
        facts += dd(QStringLiteral("Version"),
            t.appVersion.isEmpty() ? QString()
                                   : QStringLiteral("%1 (schema %2)").arg(esc(t.appVersion)).arg(t.schemaVersion));
        facts += dd(QStringLiteral("Terminal id"), esc(t.terminalId));
        body += QStringLiteral("<h2>State</h2><div class=\"card\"><dl>") + facts + QStringLiteral("</dl></div>");
        if (!t.quarantined.isEmpty() || !t.incidents.isEmpty()) {
            body
                += QStringLiteral("<h2>Quarantined and incidents</h2><div class=\"scroll\"><table><tr><th>What</th><th>"
                                  "Code</th><th>Detail</th></tr>");
            for (const auto &[code, reason] : t.quarantined)
                body += QStringLiteral("<tr><td>quarantined</td><td>%1</td><td>%2</td></tr>")
                            .arg(esc(code), esc(reason));
            for (const Incident &i : t.incidents)
                body += QStringLiteral("<tr><td>incident at %1</td><td>%2</td><td>%3</td></tr>")
                            .arg(reportTime(i.atMs, s.timeZone).mid(11), esc(i.code), esc(i.detail));
            body += QStringLiteral("</table></div>");
        }
        body += QStringLiteral("<h2>Business</h2>") + moneyTable(t.money);
        body += QStringLiteral("<h2>To read</h2>") + listedTable(s.listed, s.timeZone, t.terminalCode);
        return reportPage(200, page(QStringLiteral("Till %1, %2").arg(t.terminalCode, when), header, body));
    }

    if (!storeCode.isEmpty()) {
        const StoreReport &s = report->stores.constFirst();
        Totals totals;
        for (const TerminalReport &t : s.terminals)
            totals.add(t);
        body += QStringLiteral("<nav class=\"crumbs\"><a href=\"/reports%1\">Chain</a> &rsaquo; Store %2</nav>")
                    .arg(dateQuery(date), esc(s.code));
        body += QStringLiteral("<h1>Store %1, %2 %3</h1>").arg(esc(s.code), name, badge(s.health));
        body += figures(totals);
        body += QStringLiteral("<h2>Sales by hour (%1)</h2><div class=\"card\">").arg(esc(s.timeZone))
            + hourChart(totals.recordedByHour, totals.receivedByHour, s.dayStartMs, s.timeZone)
            + QStringLiteral("</div>");
        body += QStringLiteral("<h2>Tills</h2>") + terminalsTable(s, date, report->backend);
        body += QStringLiteral("<h2>Business</h2>") + moneyTable(s.money);
        body += QStringLiteral("<h2>To read</h2>") + listedTable(s.listed, s.timeZone);
        return reportPage(200, page(QStringLiteral("Store %1, %2").arg(s.code, when), header, body));
    }

    Totals chain;
    QString rows;
    for (const StoreReport &s : report->stores) {
        Totals totals;
        int red = 0, amber = 0;
        for (const TerminalReport &t : s.terminals) {
            totals.add(t);
            chain.add(t);
            red += t.health == Health::Red;
            amber += t.health == Health::Amber;
        }
        qint64 sales = 0;
        QString salesText;
        for (const MoneyLine &m : s.money) {
            if (m.kind == QLatin1String("sales"))
                salesText += (salesText.isEmpty() ? QString() : QStringLiteral("<br>"))
                    + formatMinor(m.amountMinor, m.currency) + u' ' + esc(m.currency);
            sales += m.kind == QLatin1String("sales") ? m.count : 0;
        }
        rows += QStringLiteral("<tr><td><a href=\"/reports/store/%1%2\">%1</a></td><td>%3</td><td class=\"n\">%4</td>"
                               "<td class=\"n\">%5</td><td class=\"n\">%6</td><td class=\"n\">%7</td><td class=\"n\">%8"
                               "</td><td>%9</td><td class=\"n\">%10</td><td>%11</td></tr>")
                    .arg(esc(s.code), dateQuery(date), badge(s.health), number(s.terminals.size()),
                        number(totals.recorded), number(totals.received), number(totals.quarantined),
                        number(totals.pending), rowBar(totals.received, totals.quarantined, totals.pending), salesText,
                        red + amber == 0 ? QString() : QStringLiteral("%1 red, %2 amber").arg(red).arg(amber));
    }
    body += QStringLiteral("<h1>The chain, %1 %2</h1>").arg(name, badge(report->health));
    body += figures(chain);
    if (!report->stores.isEmpty()) {
        // The chain's hours in the first store's zone; a chain over several zones adds each store's own day.
        const StoreReport &first = report->stores.constFirst();
        body += QStringLiteral("<h2>Sales by hour of each store's day</h2><div class=\"card\">")
            + hourChart(chain.recordedByHour, chain.receivedByHour, first.dayStartMs, first.timeZone)
            + QStringLiteral("</div>");
    }
    body += QStringLiteral("<h2>Stores</h2>");
    body += report->stores.isEmpty()
        ? QStringLiteral("<p>No till is registered yet.</p>")
        : QStringLiteral("<div class=\"scroll\"><table><tr><th>Store</th><th>Health</th><th class=\"n\">Tills</th><th "
                         "class=\"n\">Recorded</th><th class=\"n\">Received</th><th class=\"n\">Quarantined</th><th "
                         "class=\"n\">Pending</th><th></th><th class=\"n\">Sales</th><th>Tills not green</th></tr>")
            + rows + QStringLiteral("</table></div>");
    body += QStringLiteral("<h2>Business</h2>") + moneyTable(report->money);
    return reportPage(200, page(QStringLiteral("Daily report %1").arg(when), header, body));
}

HttpResponse HubServer::signInPage(int status, const QString &error) const
{
    const QString body
        = QStringLiteral("<div class=\"card\" style=\"max-width:24rem;margin:2rem auto\"><h1>Daily report"
                         "</h1><p>Sign in with your name and PIN, as at the till.</p>%1"
                         "<form method=\"post\" action=\"/reports/sign-in\">"
                         "<label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\" "
                         "autocomplete=\"username\" required maxlength=\"80\">"
                         "<label for=\"pin\">PIN</label><input type=\"password\" id=\"pin\" name=\"pin\" "
                         "inputmode=\"numeric\" autocomplete=\"current-password\" required maxlength=\"8\">"
                         "<button class=\"primary\" type=\"submit\">Sign in</button></form></div>")
              .arg(error.isEmpty() ? QString()
                                   : QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(esc(error)));
    return reportPage(
        status, page(QStringLiteral("Sign in: daily report"), QStringLiteral("<strong>OmniTill</strong>"), body));
}

HttpResponse HubServer::reportsSignIn(HubStore &store, const HttpRequest &request) const
{
    if (request.path == "/reports/sign-out") {
        if (const QByteArray token = cookieOf(request); !token.isEmpty()) {
            if (auto st = store.signOutManager(token); !st)
                qCWarning(lcHub) << "cannot end a manager's session:" << st.error().message;
        }
        return seeOther("/reports")
            .withHeader("Set-Cookie", kCookie + "=; Path=/reports; Max-Age=0; HttpOnly; SameSite=Strict");
    }
    QByteArray form = request.body;
    form.replace('+', ' ');
    const QUrlQuery fields(QString::fromUtf8(form));
    const QString name = fields.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
    const QString pin = fields.queryItemValue(QStringLiteral("pin"), QUrl::FullyDecoded);
    auto token = store.signInManager(name, pin);
    if (!token) {
        if (token.error().code == ErrorCode::Refused)
            return signInPage(401, token.error().message);
        qCWarning(lcHub) << "cannot sign a manager in:" << token.error().message;
        return signInPage(503, QStringLiteral("The hub cannot sign you in just now. Please try again in a moment."));
    }
    return seeOther("/reports")
        .withHeader("Set-Cookie",
            kCookie + '=' + token->toLatin1() + "; Path=/reports; Max-Age="
                + QByteArray::number(HubStore::kManagerSessionMs / 1000) + "; HttpOnly; SameSite=Strict");
}

} // namespace omnitill::sync
