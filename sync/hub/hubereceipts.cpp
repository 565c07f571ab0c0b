// SPDX-License-Identifier: GPL-3.0-or-later
// E-receipts: the page the link in a receipt's QR code opens (GET /r/TOKEN). The token is random, 26 characters of
// Crockford base32 (130 bits); the hub keeps only its SHA-256, from the sale's journal entry, and serves the page
// for 30 days after the sale. The page is the receipt the till printed, made from the same data (core/receipts).
#include "sync/hub/hubpages.h"
#include "sync/hub/hubserver.h"
#include "sync/hub/hubstore.h"
#include "sync/hub/logging.h"

#include "core/receipts/receipt.h"
#include "core/storage/database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

namespace omnitill::sync {

Result<std::optional<HubStore::EReceipt>> HubStore::eReceipt(const QString &tokenSha256)
{
    auto sale = kept(QStringLiteral("SELECT payload, created_at_ms FROM event WHERE receipt_token = ? "
                                    "AND quarantine IS NULL ORDER BY received_at_ms, event_id LIMIT 1"));
    if (!sale)
        return sale.error();
    (*sale)->bindValue(0, tokenSha256);
    if (auto st = exec(**sale, QStringLiteral("finding the e-receipt")); !st)
        return st.error();
    if (!(*sale)->next()) {
        (*sale)->finish();
        return std::optional<EReceipt>();
    }
    EReceipt found { (*sale)->value(0).toByteArray(), (*sale)->value(1).toLongLong(), {} };
    (*sale)->finish();
    auto header = kept(QStringLiteral("SELECT op, body FROM stream_change WHERE stream = 'config' "
                                      "AND key = 'receipt.header' ORDER BY change_seq DESC LIMIT 1"));
    if (!header)
        return header.error();
    if (auto st = exec(**header, QStringLiteral("reading the receipt header")); !st)
        return st.error();
    if ((*header)->next() && (*header)->value(0).toString() == QLatin1String("upsert"))
        found.header = QJsonDocument::fromJson((*header)->value(1).toByteArray()).object().value(u"value").toObject();
    (*header)->finish();
    return std::optional<EReceipt>(found);
}

HttpResponse htmlPage(int status, const QByteArray &html)
{
    HttpResponse r(status, html, QByteArrayLiteral("text/html; charset=utf-8"));
    // Nothing from elsewhere, no scripts, not indexed, not cached, the link not passed on.
    r.withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    r.withHeader("Cache-Control", "no-store");
    r.withHeader("Referrer-Policy", "no-referrer");
    r.withHeader("X-Robots-Tag", "noindex");
    r.withHeader("X-Content-Type-Options", "nosniff");
    return r;
}

HttpResponse htmlNotice(int status, const QString &title, const QString &text)
{
    return htmlPage(status,
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%1</title>"
                       "</head><body style=\"font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;"
                       "padding:0 1rem\"><h1>%1</h1><p>%2</p></body></html>\n")
            .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
            .toUtf8());
}

namespace {
constexpr qint64 kEReceiptDays = 30;
} // namespace

HttpResponse HubServer::eReceipt(HubStore &store, const HttpRequest &request, qint64 nowMs) const
{
    static const QRegularExpression kToken(QStringLiteral("^/r/([0-9A-HJKMNP-TV-Z]{26})$"));
    const auto match = kToken.match(QString::fromLatin1(request.path));
    const QString unknown = QStringLiteral("This receipt link is not known. Check that it was copied in full, or ask "
                                           "the store for your receipt.");
    if (!match.hasMatch())
        return htmlNotice(404, QStringLiteral("Receipt not found"), unknown);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(match.captured(1).toLatin1(), QCryptographicHash::Sha256).toHex());
    auto found = store.eReceipt(hash);
    if (!found) {
        qCWarning(lcHub) << "e-receipt lookup failed:" << found.error().message;
        return htmlNotice(503, QStringLiteral("Try again shortly"),
            QStringLiteral("The receipt cannot be shown just now. Please try again in a moment."));
    }
    if (!found->has_value())
        return htmlNotice(404, QStringLiteral("Receipt not found"), unknown);
    if (nowMs - (*found)->createdAtMs > kEReceiptDays * 24 * 3600 * 1000)
        return htmlNotice(410, QStringLiteral("This link has expired"),
            QStringLiteral("Receipt links work for %1 days after the purchase. The store can give you a copy of "
                           "your receipt.")
                .arg(kEReceiptDays));
    const ReceiptHeader header = (*found)->header ? ReceiptHeader::fromJson(*(*found)->header) : ReceiptHeader {};
    auto receipt = Receipt::fromSalePayload((*found)->payload, header);
    if (!receipt)
        return htmlNotice(404, QStringLiteral("Receipt not found"), unknown);
    return htmlPage(200, receiptHtml(*receipt));
}

} // namespace omnitill::sync
