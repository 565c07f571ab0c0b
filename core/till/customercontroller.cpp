// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/till/customercontroller.h"
#include "core/till/logging.h"
#include "core/till/staffsession.h"

#include "core/base/money.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace omnitill {

namespace {
QString channelName(const QString &channel)
{
    if (channel == u"store")
        return CustomerController::tr("In store");
    if (channel == u"web")
        return CustomerController::tr("Web shop");
    if (channel == u"app")
        return CustomerController::tr("App");
    if (channel == u"marketplace")
        return CustomerController::tr("Marketplace");
    if (channel == u"social")
        return CustomerController::tr("Social shop");
    return channel;
}

QString tierName(const QString &tier)
{
    return tier.isEmpty() ? QString() : tier.left(1).toUpper() + tier.mid(1);
}
} // namespace

CustomerController::CustomerController(
    CustomerStore &store, StaffSession &session, Clock clock, QLocale locale, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_session(session)
    , m_clock(std::move(clock))
    , m_locale(std::move(locale))
{ }

bool CustomerController::fail(const Error &e)
{
    setError(e.message);
    return false;
}

void CustomerController::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged();
}

QString CustomerController::money(qint64 minor, const QString &currency) const
{
    const auto c = Currency::fromCode(currency);
    if (!c)
        return QString::number(minor);
    QString amount = Money(minor, *c).toString();
    amount.replace(u'.', m_locale.decimalPoint());
    return c->code() + u' ' + amount;
}

QString CustomerController::when(qint64 ms) const
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return m_locale.toString(at.date(), QLocale::ShortFormat) + u' '
        + m_locale.toString(at.time(), QStringLiteral("HH:mm"));
}

void CustomerController::search(const QString &text)
{
    setError({});
    auto found = m_store.search(text, 50);
    if (!found) {
        fail(found.error());
        return;
    }
    m_matches.clear();
    for (const CustomerMatch &m : *found) {
        m_matches << QVariantMap { { QStringLiteral("id"), m.id }, { QStringLiteral("name"), m.name },
            { QStringLiteral("tier"), tierName(m.tier) }, { QStringLiteral("points"), m_locale.toString(m.points) },
            { QStringLiteral("contact"), m.email.isEmpty() ? m.phone : m.email }, { QStringLiteral("card"), m.card },
            { QStringLiteral("local"), m.local } };
    }
    if (found->isEmpty() && !text.trimmed().isEmpty())
        setError(tr("No customer matches \"%1\". Check the spelling, or create the customer.").arg(text.trimmed()));
    Q_EMIT matchesChanged();
}

bool CustomerController::open(const QString &id)
{
    setError({});
    auto p = m_store.profile(id);
    if (!p)
        return fail(p.error());
    const std::optional<QJsonObject> live = liveProfile(m_fetch, p->has_value() ? (*p)->customer.id : id);
    if (!*p) {
        if (!live)
            return fail(makeError(ErrorCode::NotFound, tr("This customer is not on this till (erased or merged)")));
        // Known to the hub only (a store whose tills keep no customers): shown live, nothing kept.
        auto row
            = Customer::fromRow(live->value(u"id").toString(), QJsonDocument(*live).toJson(QJsonDocument::Compact));
        if (!row)
            return fail(row.error());
        show(CustomerProfile { *row, false, {} }, live);
        return true;
    }
    show(**p, live);
    return true;
}

bool CustomerController::openCard(const QString &scanned)
{
    setError({});
    auto p = m_store.byCard(scanned);
    if (!p)
        return fail(p.error());
    return open(p->customer.id);
}

void CustomerController::close()
{
    m_profile.clear();
    Q_EMIT profileChanged();
}

void CustomerController::show(const CustomerProfile &p, const std::optional<QJsonObject> &live)
{
    const Customer &c = p.customer;
    QVariantMap m;
    m[QStringLiteral("id")] = c.id;
    m[QStringLiteral("name")] = c.name;
    m[QStringLiteral("firstName")] = c.firstName();
    m[QStringLiteral("tier")] = tierName(c.tier);
    m[QStringLiteral("email")] = c.email;
    m[QStringLiteral("phone")] = c.phone;
    QStringList masked;
    for (const QString &k : c.cards)
        masked << CustomerInput::maskedCard(k);
    m[QStringLiteral("cards")] = masked.join(QStringLiteral(", "));
    m[QStringLiteral("cardNumbers")] = c.cards.join(QStringLiteral(", ")); // for the edit form
    m[QStringLiteral("emailConsent")] = c.emailConsent.granted;
    m[QStringLiteral("smsConsent")] = c.smsConsent.granted;
    auto consentLine = [&](const QString &channel, const Consent &k) {
        if (!k.atMs)
            return tr("%1: never asked").arg(channel);
        return (k.granted ? tr("%1: yes, given %2 at %3") : tr("%1: no, said %2 at %3"))
            .arg(channel, when(*k.atMs), k.where.isEmpty() ? tr("an unknown place") : k.where);
    };
    m[QStringLiteral("consentText")]
        = QString(consentLine(tr("Email"), c.emailConsent) + u'\n' + consentLine(tr("Text messages"), c.smsConsent));
    m[QStringLiteral("homeStore")] = c.homeStore;
    m[QStringLiteral("local")] = p.local;
    m[QStringLiteral("live")] = live.has_value();

    qint64 points = c.points;
    QList<QVariant> orders;
    auto addOrder = [&](const QString &order, const QString &channel, const QString &store, qint64 at, qint64 total,
                        const QString &currency, int items) {
        orders << QVariantMap { { QStringLiteral("order"), order }, { QStringLiteral("channel"), channel },
            { QStringLiteral("channelName"), channelName(channel) }, { QStringLiteral("store"), store },
            { QStringLiteral("date"),
                m_locale.toString(QDateTime::fromMSecsSinceEpoch(at).toLocalTime().date(), QLocale::ShortFormat) },
            { QStringLiteral("total"), money(total, currency) }, { QStringLiteral("items"), items } };
    };
    if (live) {
        points = live->value(u"points").toInteger(points);
        for (const QJsonValue &o : live->value(u"orders").toArray()) {
            if (orders.size() >= 50)
                break;
            addOrder(o[u"order"].toString(), o[u"channel"].toString(), o[u"store"].toString(), o[u"at_ms"].toInteger(),
                o[u"total_minor"].toInteger(), o[u"currency"].toString(), o[u"items"].toInt());
        }
        m[QStringLiteral("asOf")] = tr("Live from the hub");
    } else {
        for (const OrderHeader &h : c.recent)
            addOrder(h.order, h.channel, h.store, h.atMs, h.totalMinor, h.currency, h.items);
        m[QStringLiteral("asOf")] = c.pointsAsOfMs
            ? tr("As of %1: this till's copy, the hub did not answer").arg(when(*c.pointsAsOfMs))
            : tr("Not yet known to the hub");
    }
    m[QStringLiteral("points")] = m_locale.toString(points);
    m[QStringLiteral("orders")] = orders;
    m[QStringLiteral("cart")] = c.cart
        ? tr("Open online cart: %n item(s), %1, changed %2", nullptr, c.cart->items)
              .arg(money(c.cart->totalMinor, c.cart->currency), when(c.cart->updatedAtMs))
        : QString();
    QStringList notes;
    if (p.local)
        notes << tr("Changed on this till; the hub has not confirmed it yet.");
    if (!p.mergedFrom.isEmpty())
        notes << tr("This customer was merged with another record of the same person.");
    m[QStringLiteral("note")] = notes.join(u' ');
    m_profile = m;
    Q_EMIT profileChanged();
}

bool CustomerController::save(const QString &id, const QString &name, const QString &email, const QString &phone,
    const QString &cards, bool emailConsent, bool smsConsent)
{
    setError({});
    const auto &who = m_session.current();
    if (!who)
        return fail(makeError(ErrorCode::Refused, tr("Sign in first")));
    static const QRegularExpression kSeparators(QStringLiteral("[,;\\n]+"));
    CustomerDraft d { name, email, phone, cards.split(kSeparators, Qt::SkipEmptyParts), emailConsent, smsConsent };
    auto saved = id.isEmpty() ? m_store.create(d, who->id) : m_store.update(id, d, who->id);
    if (!saved)
        return fail(saved.error());
    show(*saved, std::nullopt);
    Q_EMIT this->saved(saved->customer.id, saved->customer.name);
    return true;
}

} // namespace omnitill
