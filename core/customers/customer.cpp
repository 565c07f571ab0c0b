// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/customers/customer.h"

#include "core/base/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace omnitill {

namespace {
Error bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}
} // namespace

namespace CustomerInput {

Result<QString> name(const QString &text)
{
    const QString n = text.simplified();
    if (n.isEmpty())
        return bad(QStringLiteral("the customer needs a name"));
    if (n.size() > 120)
        return bad(QStringLiteral("a name is at most 120 characters"));
    for (QChar c : n) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return bad(QStringLiteral("the name holds a control character"));
    }
    return n;
}

Result<QString> email(const QString &text)
{
    const QString e = text.trimmed();
    if (e.isEmpty())
        return bad(QStringLiteral("the email address is empty"));
    const qsizetype at = e.lastIndexOf(u'@');
    if (at <= 0 || at == e.size() - 1)
        return bad(
            QStringLiteral("\"%1\" is not an email address: it needs a name, \"@\" and a domain").arg(e.left(80)));
    const QString local = e.left(at);
    if (local.size() > 64)
        return bad(QStringLiteral("the part before \"@\" is at most 64 characters"));
    static const QString kLocalSpecial = QStringLiteral(".!#$%&'*+/=?^_`{|}~-");
    for (QChar c : local) {
        if (!isAsciiAlnum(c) && !kLocalSpecial.contains(c))
            return bad(QStringLiteral("the email address holds \"%1\" before the \"@\"").arg(c));
    }
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(QStringLiteral("..")))
        return bad(QStringLiteral("the part before \"@\" cannot start or end with a dot or hold two in a row"));
    // An internationalised domain is kept as its ASCII (punycode) form.
    const QByteArray ace = QUrl::toAce(e.mid(at + 1));
    if (ace.isEmpty())
        return bad(QStringLiteral("\"%1\" is not a domain").arg(e.mid(at + 1).left(80)));
    const QString domain = QString::fromLatin1(ace).toLower();
    const QStringList labels = domain.split(u'.');
    if (labels.size() < 2)
        return bad(QStringLiteral("the domain \"%1\" needs a dot, as in example.com").arg(domain.left(80)));
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return bad(QStringLiteral("the domain \"%1\" is not valid").arg(domain.left(80)));
        for (QChar c : label) {
            if (!isAsciiAlnum(c) && c != u'-')
                return bad(QStringLiteral("the domain \"%1\" is not valid").arg(domain.left(80)));
        }
    }
    const QString tld = labels.last();
    if (tld.size() < 2
        || !(tld.startsWith(QStringLiteral("xn--"))
            || std::all_of(tld.cbegin(), tld.cend(), [](QChar c) { return c >= u'a' && c <= u'z'; })))
        return bad(QStringLiteral("the domain \"%1\" does not end in a top-level domain").arg(domain.left(80)));
    const QString whole = local.toLower() + u'@' + domain;
    if (whole.size() > 254)
        return bad(QStringLiteral("an email address is at most 254 characters"));
    return whole;
}

Result<QString> phone(const QString &text, const QString &defaultCallingCode)
{
    QString digits;
    bool plus = false;
    const QString t = text.trimmed();
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c.isDigit() && c.unicode() < 128)
            digits += c;
        else if (c == u'+' && i == 0)
            plus = true;
        else if (!QStringView(u" -./()\u00a0").contains(c))
            return bad(QStringLiteral("a phone number holds only digits, a leading \"+\" and spaces or dashes"));
    }
    if (digits.isEmpty())
        return bad(QStringLiteral("the phone number is empty"));
    if (!plus && digits.startsWith(QStringLiteral("00"))) {
        plus = true;
        digits.remove(0, 2);
    } else if (!plus && digits.startsWith(u'0')) {
        if (defaultCallingCode.isEmpty())
            return bad(QStringLiteral("add the country code to the phone number, as in +49 171 2345678"));
        digits = defaultCallingCode + digits.mid(1);
        plus = true;
    } else if (!plus) {
        return bad(QStringLiteral("add the country code to the phone number, as in +49 171 2345678"));
    }
    if (digits.startsWith(u'0'))
        return bad(QStringLiteral("a country code does not start with 0"));
    if (digits.size() < 8 || digits.size() > 15)
        return bad(
            QStringLiteral("a phone number with its country code has 8 to 15 digits, not %1").arg(digits.size()));
    return QString(u'+' + digits);
}

Result<QString> cardNumber(const QString &text)
{
    QString t = text.trimmed();
    if (t.size() > 64)
        return bad(QStringLiteral("that is too long for a loyalty card number"));
    if (t.startsWith(QStringLiteral("LOYALTY:"), Qt::CaseInsensitive))
        t = t.mid(8);
    QString card;
    for (QChar c : t) {
        if (c == u' ' || c == u'-')
            continue;
        if (!isAsciiAlnum(c))
            return bad(QStringLiteral("a loyalty card number holds only letters and digits"));
        card += c.toUpper();
    }
    if (card.size() < 6 || card.size() > 24)
        return bad(QStringLiteral("a loyalty card number has 6 to 24 letters and digits"));
    return card;
}

bool looksLikeCard(const QString &text)
{
    return cardNumber(text).ok();
}

QString maskedCard(const QString &card)
{
    return QStringLiteral("•••• ") + card.right(4);
}

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.isMark())
            continue;
        switch (c.unicode()) {
        case u'ß':
            out += QStringLiteral("ss");
            continue;
        case u'æ':
        case u'Æ':
            out += QStringLiteral("ae");
            continue;
        case u'œ':
        case u'Œ':
            out += QStringLiteral("oe");
            continue;
        case u'ø':
        case u'Ø':
            out += u'o';
            continue;
        case u'ł':
        case u'Ł':
            out += u'l';
            continue;
        case u'đ':
        case u'Đ':
            out += u'd';
            continue;
        default:
            break;
        }
        out += c.toCaseFolded();
    }
    return out;
}

QStringList words(const QString &text)
{
    QStringList out;
    QString word;
    for (QChar c : fold(text)) {
        if (c.isLetterOrNumber()) {
            word += c;
        } else if (!word.isEmpty()) {
            out << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        out << word;
    return out;
}

} // namespace CustomerInput

QByteArray Consent::toJson() const
{
    JsonObjectWriter o;
    o.addRaw("granted", granted ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
    if (atMs)
        o.add("at_ms", *atMs);
    else
        o.add("at_ms", nullptr);
    o.add("where", where);
    return o.finish();
}

bool isKnownChannel(const QString &channel)
{
    static const QStringList kChannels = { QStringLiteral("store"), QStringLiteral("web"), QStringLiteral("app"),
        QStringLiteral("marketplace"), QStringLiteral("social") };
    return kChannels.contains(channel);
}

namespace {
Result<Consent> consentFrom(const QJsonValue &v, const QString &what)
{
    if (v.isUndefined() || v.isNull())
        return Consent {};
    if (!v.isObject() || !v[u"granted"].isBool())
        return bad(
            QStringLiteral("%1 must be {\"granted\": true|false, \"at_ms\": ..., \"where\": \"...\"}").arg(what));
    Consent c;
    c.granted = v[u"granted"].toBool();
    const QJsonValue at = v[u"at_ms"];
    if (!at.isNull() && !at.isUndefined()) {
        if (!at.isDouble() || at.toInteger(-1) < 0)
            return bad(QStringLiteral("%1.at_ms must be a time in ms").arg(what));
        c.atMs = at.toInteger();
    }
    c.where = v[u"where"].toString().left(64);
    return c;
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}
} // namespace

Result<Customer> Customer::fromRow(const QString &key, const QByteArray &row, Trust trust)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(row, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("a customer row must be a JSON object"));
    const QJsonObject o = doc.object();
    Customer c;
    c.id = o.value(u"id").toString();
    if (c.id != key)
        return bad(QStringLiteral("a customer row needs \"id\", the same as its key"));
    const bool check = trust == Trust::Check;
    if (check && QUuid::fromString(c.id).isNull())
        return bad(QStringLiteral("a customer's id is a UUID, not \"%1\"").arg(c.id.left(60)));
    c.version = o.value(u"version").toInteger();
    if (o.contains(u"merged_into")) {
        c.mergedInto = o.value(u"merged_into").toString();
        if (QUuid::fromString(c.mergedInto).isNull() || c.mergedInto == c.id)
            return bad(QStringLiteral("\"merged_into\" must name another customer's id"));
        return c;
    }
    if (!check) {
        c.name = o.value(u"name").toString();
        c.email = o.value(u"email").toString();
        c.phone = o.value(u"phone").toString();
        for (const QJsonValue &v : o.value(u"cards").toArray())
            c.cards << v.toString();
    } else {
        auto name = CustomerInput::name(o.value(u"name").toString());
        if (!name)
            return name.error();
        c.name = *name;
        if (const QString e = o.value(u"email").toString(); !e.isEmpty()) {
            auto email = CustomerInput::email(e);
            if (!email)
                return bad(QStringLiteral("email: ") + email.error().message);
            c.email = *email;
        }
        if (const QString p = o.value(u"phone").toString(); !p.isEmpty()) {
            auto phone = CustomerInput::phone(p, {});
            if (!phone)
                return bad(QStringLiteral("phone: ") + phone.error().message);
            c.phone = *phone;
        }
        for (const QJsonValue &v : o.value(u"cards").toArray()) {
            auto card = CustomerInput::cardNumber(v.toString());
            if (!card)
                return bad(QStringLiteral("cards: ") + card.error().message);
            c.cards << *card;
        }
    }
    c.tier = o.value(u"tier").toString().left(32);
    const QJsonValue points = o.value(u"points");
    if (!points.isUndefined() && !isInteger(points))
        return bad(QStringLiteral("points must be an integer"));
    c.points = points.toInteger();
    if (const QJsonValue at = o.value(u"points_as_of_ms"); isInteger(at))
        c.pointsAsOfMs = at.toInteger();
    const QJsonObject seen = o.value(u"points_seen").toObject();
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        if (!isInteger(it.value()))
            return bad(QStringLiteral("points_seen holds journal positions (integers)"));
        c.pointsSeen.insert(it.key(), it.value().toInteger());
    }
    auto email = consentFrom(o.value(u"consent")[u"email"], QStringLiteral("consent.email"));
    if (!email)
        return email.error();
    auto sms = consentFrom(o.value(u"consent")[u"sms"], QStringLiteral("consent.sms"));
    if (!sms)
        return sms.error();
    c.emailConsent = *email;
    c.smsConsent = *sms;
    c.homeStore = o.value(u"home_store").toString().left(12);
    for (const QJsonValue &v : o.value(u"recent").toArray()) {
        OrderHeader h;
        h.order = v[u"order"].toString().left(64);
        h.channel = v[u"channel"].toString();
        if (h.order.isEmpty() || !isKnownChannel(h.channel))
            return bad(
                QStringLiteral("recent orders need \"order\" and a channel: store, web, app, marketplace or social"));
        h.store = v[u"store"].toString().left(12);
        h.atMs = v[u"at_ms"].toInteger();
        h.totalMinor = v[u"total_minor"].toInteger();
        h.currency = v[u"currency"].toString().left(3);
        h.items = v[u"items"].toInt();
        if (c.recent.size() < kRecentOrders)
            c.recent << h;
    }
    if (const QJsonValue cart = o.value(u"cart"); cart.isObject()) {
        OpenCart oc;
        oc.cartId = cart[u"cart_id"].toString().left(64);
        oc.items = cart[u"items"].toInt();
        oc.totalMinor = cart[u"total_minor"].toInteger();
        oc.currency = cart[u"currency"].toString().left(3);
        oc.updatedAtMs = cart[u"updated_at_ms"].toInteger();
        if (oc.cartId.isEmpty())
            return bad(QStringLiteral("an open cart needs \"cart_id\""));
        c.cart = oc;
    }
    return c;
}

QByteArray Customer::toRow() const
{
    JsonObjectWriter o;
    o.add("id", id).add("version", version);
    if (!mergedInto.isEmpty()) {
        o.add("merged_into", mergedInto);
        return o.finish();
    }
    o.add("name", name).add("email", email).add("phone", phone);
    QList<QByteArray> cardList;
    for (const QString &card : cards) {
        QByteArray s;
        appendJsonString(s, card);
        cardList << s;
    }
    o.addRaw("cards", jsonArray(cardList));
    o.add("tier", tier).add("points", points);
    if (pointsAsOfMs)
        o.add("points_as_of_ms", *pointsAsOfMs);
    if (!pointsSeen.isEmpty()) {
        QStringList terminals = pointsSeen.keys();
        terminals.sort();
        JsonObjectWriter seen;
        QList<QByteArray> keys; // JsonObjectWriter keeps key views: the bytes must live until finish()
        for (const QString &t : terminals)
            keys << t.toUtf8();
        for (int i = 0; i < terminals.size(); ++i)
            seen.add(QLatin1StringView(keys[i]), pointsSeen.value(terminals[i]));
        o.addRaw("points_seen", seen.finish());
    }
    {
        JsonObjectWriter consent;
        consent.addRaw("email", emailConsent.toJson()).addRaw("sms", smsConsent.toJson());
        o.addRaw("consent", consent.finish());
    }
    o.add("home_store", homeStore);
    QList<QByteArray> orders;
    for (const OrderHeader &h : recent) {
        JsonObjectWriter r;
        r.add("order", h.order).add("channel", h.channel).add("store", h.store).add("at_ms", h.atMs);
        r.add("total_minor", h.totalMinor).add("currency", h.currency).add("items", h.items);
        orders << r.finish();
    }
    o.addRaw("recent", jsonArray(orders));
    if (cart) {
        JsonObjectWriter r;
        r.add("cart_id", cart->cartId).add("items", cart->items).add("total_minor", cart->totalMinor);
        r.add("currency", cart->currency).add("updated_at_ms", cart->updatedAtMs);
        o.addRaw("cart", r.finish());
    }
    return o.finish();
}

QString Customer::firstName() const
{
    return name.section(u' ', 0, 0);
}

} // namespace omnitill
