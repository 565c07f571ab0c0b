// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/handoff/handoff.h"

#include "core/sale/cart.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <cstring>

namespace omnitill {

namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U
constexpr int kTokenLength = 26;
} // namespace

QString Handoff::newToken()
{
    quint32 words[5];
    QRandomGenerator::system()->fillRange(words);
    QString token;
    token.reserve(kTokenLength);
    for (int i = 0; i < kTokenLength; ++i) { // 5 bits a symbol, taken across the 160 random bits
        const int bit = i * 5;
        const quint64 pair = (quint64(words[bit / 32]) << 32) | (bit / 32 + 1 < 5 ? words[bit / 32 + 1] : 0);
        token += QLatin1Char(kAlphabet[(pair >> (59 - bit % 32)) & 31]);
    }
    return token;
}

QString Handoff::tokenHash(QStringView token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString Handoff::code(const QString &publicUrl, const QString &token)
{
    return publicUrl + QStringLiteral("/h/") + token;
}

QString Handoff::pageUrl(const QString &publicUrl, const QString &token)
{
    return publicUrl + QStringLiteral("/m/") + token;
}

bool Handoff::isToken(QStringView token)
{
    if (token.size() != kTokenLength)
        return false;
    for (QChar c : token) {
        if (c.unicode() == 0 || c.unicode() > 127 || !std::strchr(kAlphabet, char(c.unicode())))
            return false;
    }
    return true;
}

Handoff::Scanned Handoff::read(const QString &scanned, const QString &publicUrl)
{
    const QString text = scanned.trimmed();
    static const QRegularExpression kLink(QStringLiteral("^(https?://[^\\s/?#]{1,200}(?:/[^\\s?#]{0,200})?)/h/(\\S*)$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = kLink.match(text); m.hasMatch()) {
        const QString base = m.captured(1);
        const bool ours = publicUrl.isEmpty() || base.compare(publicUrl, Qt::CaseInsensitive) == 0;
        if (!ours)
            return { Scanned::Kind::Foreign, {} };
        const QString token = m.captured(2);
        return isToken(token) ? Scanned { Scanned::Kind::Ours, token } : Scanned { Scanned::Kind::Damaged, {} };
    }
    // Any other link is not a hand-off code: a GS1 Digital Link on a product, a receipt's link, a web page; the
    // till's other readers say what it is.
    if (text.startsWith(u"http://", Qt::CaseInsensitive) || text.startsWith(u"https://", Qt::CaseInsensitive))
        return {};
    // Typed from under the QR code on the phone, grouped as it is shown there ("7K3M9 QXR2A ...").
    QString bare = text;
    bare.remove(u' ').remove(u'-');
    if (bare.size() == kTokenLength && isToken(bare) && bare.contains(QRegularExpression(QStringLiteral("[A-Z]"))))
        return { Scanned::Kind::Ours, bare };
    return {};
}

Result<OnlineCart> OnlineCart::fromJson(const QByteArray &json, const QString &key)
{
    auto bad = [](const QString &why) { return makeError(ErrorCode::InvalidInput, QStringLiteral("a cart: ") + why); };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    auto isInt = [](const QJsonValue &v) { return v.isDouble() && v.toDouble() == double(qint64(v.toDouble())); };
    static const QRegularExpression kId(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    OnlineCart c;
    c.cartId = o.value(u"cart_id").toString();
    if (!kId.match(c.cartId).hasMatch())
        return bad(QStringLiteral("\"cart_id\" must be 1 to 64 letters, digits, '.', '_' or '-'"));
    if (!key.isEmpty() && key != c.cartId)
        return bad(QStringLiteral("the key must be the cart's id"));
    if (!isInt(o.value(u"version")) || o.value(u"version").toInteger() < 1)
        return bad(QStringLiteral("\"version\" must be a whole number from 1"));
    c.version = o.value(u"version").toInteger();
    if (o.contains(u"kind"))
        c.kind = o.value(u"kind").toString();
    if (c.kind != u"cart" && c.kind != u"pickup")
        return bad(QStringLiteral("\"kind\" must be \"cart\" or \"pickup\""));
    if (o.contains(u"status"))
        c.status = o.value(u"status").toString();
    static const QStringList kStatuses
        = { QStringLiteral("open"), QStringLiteral("held"), QStringLiteral("converted"), QStringLiteral("collected") };
    if (!kStatuses.contains(c.status))
        return bad(QStringLiteral("\"status\" must be open, held, converted or collected"));
    c.customerId = o.value(u"customer").toString();
    if (!c.customerId.isEmpty() && (c.customerId.size() != 36 || QUuid::fromString(c.customerId).isNull()))
        return bad(QStringLiteral("\"customer\" must be a customer's id (UUID)"));
    if (o.contains(u"channel"))
        c.channel = o.value(u"channel").toString();
    if (c.channel != u"web" && c.channel != u"app" && c.channel != u"store" && c.channel != u"kiosk")
        return bad(QStringLiteral("\"channel\" must be web, app, store or kiosk"));
    c.store = o.value(u"store").toString();
    if (c.store.size() > 12)
        return bad(QStringLiteral("\"store\" is a store's code (up to 12 symbols)"));
    if (c.isPickup() && c.store.isEmpty())
        return bad(QStringLiteral("a pickup needs the \"store\" it is collected in"));
    c.currency = o.value(u"currency").toString();
    if (!o.value(u"lines").isArray())
        return bad(QStringLiteral("\"lines\" must be a list"));
    const QJsonArray lines = o.value(u"lines").toArray();
    if (lines.size() > kMaxLines)
        return bad(QStringLiteral("more than %1 lines").arg(kMaxLines));
    for (const QJsonValue &v : lines) {
        OnlineCartLine l;
        l.sku = v[u"sku"].toString();
        auto quantity = parseQuantity(v[u"qty"].toString());
        if (l.sku.isEmpty() || l.sku.size() > 64 || !v[u"qty"].isString() || !quantity || *quantity <= 0)
            return bad(QStringLiteral("lines are {\"sku\": \"...\", \"qty\": \"1.5\", ...} with a quantity above 0"));
        l.quantity = *quantity;
        l.name = v[u"name"].toString().left(200);
        if (v.toObject().contains(u"unit_price_minor")) {
            if (!isInt(v[u"unit_price_minor"]) || v[u"unit_price_minor"].toInteger() < 0)
                return bad(QStringLiteral("a line's \"unit_price_minor\" must be a whole number of minor units"));
            l.unitPriceMinor = v[u"unit_price_minor"].toInteger();
        }
        c.lines << l;
    }
    if (!c.lines.isEmpty() || o.contains(u"currency")) {
        if (c.currency.size() != 3 || c.currency != c.currency.toUpper())
            return bad(QStringLiteral("\"currency\" must be an ISO 4217 code"));
    }
    for (const char16_t *field : { u"total_minor", u"paid_minor", u"updated_at_ms" }) {
        const QJsonValue v = o.value(field);
        if (!v.isUndefined() && (!isInt(v) || v.toInteger() < 0))
            return bad(QStringLiteral("\"%1\" must be a whole number, 0 or more").arg(QStringView(field)));
    }
    c.totalMinor = o.value(u"total_minor").toInteger();
    c.paidMinor = o.value(u"paid_minor").toInteger();
    c.updatedAtMs = o.value(u"updated_at_ms").toInteger();
    c.convertedBy = o.value(u"converted_by").toString().left(64);
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    for (const QJsonValue &v : o.value(u"handoffs").toArray()) {
        HandoffRef h { v[u"sha256"].toString(), v[u"expires_at_ms"].toInteger(), v[u"store"].toString() };
        if (!kHash.match(h.sha256).hasMatch() || !isInt(v[u"expires_at_ms"]))
            return bad(QStringLiteral("a hand-off is {\"sha256\": lower-case hex, \"expires_at_ms\", \"store\"}"));
        c.handoffs << h;
    }
    return c;
}

QByteArray OnlineCart::toJson() const
{
    QJsonArray lineArray;
    for (const OnlineCartLine &l : lines) {
        lineArray.append(QJsonObject { { QStringLiteral("sku"), l.sku },
            { QStringLiteral("qty"),
                formatQuantity(l.quantity, l.quantity % kQuantityScale ? Unit::Kilogram : Unit::Each) },
            { QStringLiteral("name"), l.name }, { QStringLiteral("unit_price_minor"), l.unitPriceMinor } });
    }
    QJsonObject o { { QStringLiteral("cart_id"), cartId }, { QStringLiteral("version"), version },
        { QStringLiteral("kind"), kind }, { QStringLiteral("status"), status }, { QStringLiteral("channel"), channel },
        { QStringLiteral("currency"), currency }, { QStringLiteral("lines"), lineArray },
        { QStringLiteral("total_minor"), totalMinor }, { QStringLiteral("updated_at_ms"), updatedAtMs } };
    if (!customerId.isEmpty())
        o.insert(QStringLiteral("customer"), customerId);
    if (!store.isEmpty())
        o.insert(QStringLiteral("store"), store);
    if (paidMinor)
        o.insert(QStringLiteral("paid_minor"), paidMinor);
    if (!convertedBy.isEmpty())
        o.insert(QStringLiteral("converted_by"), convertedBy);
    if (!handoffs.isEmpty()) {
        QJsonArray refs;
        for (const HandoffRef &h : handoffs) {
            QJsonObject r { { QStringLiteral("sha256"), h.sha256 },
                { QStringLiteral("expires_at_ms"), h.expiresAtMs } };
            if (!h.store.isEmpty())
                r.insert(QStringLiteral("store"), h.store);
            refs.append(r);
        }
        o.insert(QStringLiteral("handoffs"), refs);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<HandoffRef> OnlineCart::handoff(const QString &sha256) const
{
    for (const HandoffRef &h : handoffs) {
        if (h.sha256 == sha256)
            return h;
    }
    return std::nullopt;
}

} // namespace omnitill
