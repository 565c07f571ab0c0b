// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/reportpdf.h"

#include "sync/hub/dailyreport.h"

#include <QBuffer>
#include <QDateTime>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>

namespace omnitill::cli {

namespace {
QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString colour(sync::Health health)
{
    switch (health) {
    case sync::Health::Green:
        return QStringLiteral("#145c2a");
    case sync::Health::Amber:
        return QStringLiteral("#7a4a00");
    case sync::Health::Red:
        return QStringLiteral("#8a1c12");
    }
    return {};
}

QString health(sync::Health h)
{
    return QStringLiteral("<b style=\"color:%1\">%2</b>").arg(colour(h), sync::healthName(h).toUpper());
}

QString moneyRows(const QList<MoneyLine> &money)
{
    QString rows;
    for (const MoneyLine &m : money)
        rows += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td><td>%4</td></tr>")
                    .arg(esc(moneyKindName(m.kind)))
                    .arg(m.count)
                    .arg(m.currency.isEmpty() ? QString() : formatMinor(m.amountMinor, m.currency), esc(m.currency));
    return rows;
}

const QString kTable = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\" "
                                      "style=\"border-color:#9aa3ad;border-collapse:collapse\">");
} // namespace

QByteArray reportPdf(const sync::DailyReport &report)
{
    const QString date = report.date.toString(Qt::ISODate);
    QString html
        = QStringLiteral("<h1>OmniTill daily report, %1</h1><p>Chain: %2. Made %3 UTC. Each store's day is its "
                         "local day.</p>")
              .arg(date, health(report.health),
                  QDateTime::fromMSecsSinceEpoch(report.generatedAtMs, Qt::UTC)
                      .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!report.money.isEmpty())
        html += QStringLiteral("<h3>The chain's business</h3>") + kTable
            + QStringLiteral("<tr><th align=\"left\">What</th><th align=\"right\">Count</th><th align=\"right\">Amount"
                             "</th><th align=\"left\">Currency</th></tr>")
            + moneyRows(report.money) + QStringLiteral("</table>");
    for (const sync::StoreReport &s : report.stores) {
        html += QStringLiteral("<h2>Store %1: %2</h2><p>%3 to %4 (%5)</p>")
                    .arg(esc(s.code), health(s.health), sync::reportTime(s.dayStartMs, s.timeZone),
                        sync::reportTime(s.dayEndMs, s.timeZone), esc(s.timeZone));
        html += kTable
            + QStringLiteral("<tr><th align=\"left\">Till</th><th align=\"left\">Health</th><th align=\"right\">Sales "
                             "recorded</th><th align=\"right\">Received</th><th align=\"right\">Quarantined</th><th "
                             "align=\"right\">Pending</th><th align=\"right\">Repeats</th><th align=\"left\">Last "
                             "contact</th><th align=\"left\">Why</th></tr>");
        for (const sync::TerminalReport &t : s.terminals)
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td align=\"right\">%4</td>"
                                   "<td align=\"right\">%5</td><td align=\"right\">%6</td><td align=\"right\">%7</td>"
                                   "<td>%8</td><td>%9</td></tr>")
                        .arg(esc(t.terminalCode), health(t.health),
                            t.reported ? QString::number(t.recordedSales) : QStringLiteral("?"),
                            QString::number(t.receivedSales), QString::number(t.quarantinedSales),
                            t.reported ? QString::number(t.pendingSales) : QStringLiteral("?"),
                            QString::number(t.duplicates),
                            t.lastContactMs ? sync::reportTime(*t.lastContactMs, s.timeZone) : QStringLiteral("never"),
                            esc(t.reasons.join(QStringLiteral("; "))));
        html += QStringLiteral("</table>");
        if (!s.money.isEmpty())
            html += QStringLiteral("<h3>Business</h3>") + kTable
                + QStringLiteral("<tr><th align=\"left\">What</th><th align=\"right\">Count</th><th align=\"right\">"
                                 "Amount</th><th align=\"left\">Currency</th></tr>")
                + moneyRows(s.money) + QStringLiteral("</table>");
        if (!s.listed.isEmpty()) {
            html += QStringLiteral("<h3>To read</h3>") + kTable
                + QStringLiteral("<tr><th align=\"left\">Time</th><th align=\"left\">Till</th><th align=\"left\">What"
                                 "</th><th align=\"right\">Amount</th><th align=\"left\">By</th><th align=\"left\">"
                                 "Approved by</th><th align=\"left\">Reason</th></tr>");
            for (const ListedEvent &e : s.listed)
                html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td><td>%5</td>"
                                       "<td>%6</td><td>%7</td></tr>")
                            .arg(sync::reportTime(e.atMs, s.timeZone).mid(11), esc(e.terminalCode), esc(e.summary),
                                e.amountMinor != 0 && !e.currency.isEmpty()
                                    ? formatMinor(e.amountMinor, e.currency) + u' ' + esc(e.currency)
                                    : QString(),
                                esc(e.by), esc(e.approvedBy), esc(e.reason));
            html += QStringLiteral("</table>");
        }
    }

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(QStringLiteral("OmniTill daily report %1").arg(date));
    pdf.setCreator(QStringLiteral("OmniTill"));
    pdf.setPageLayout(QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
    pdf.setResolution(150);
    QTextDocument document;
    document.setDefaultStyleSheet(QStringLiteral("body{font-family:'DejaVu Sans',sans-serif;font-size:9pt}"
                                                 "h1{font-size:15pt}h2{font-size:12pt}h3{font-size:10pt}"));
    document.setHtml(html);
    document.print(&pdf);
    return bytes;
}

} // namespace omnitill::cli
