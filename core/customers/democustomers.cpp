// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/customers/democustomers.h"

#include "core/base/canonicaljson.h"
#include "core/customers/customerstore.h"
#include "core/storage/database.h"

#include <QCryptographicHash>
#include <QUuid>

namespace omnitill {

namespace {
const char16_t *const kFirst[] = { u"Anna", u"Jonas", u"Zoë", u"Mehmet", u"Léa", u"Łukasz", u"Sofía", u"Noah", u"Maja",
    u"Björn", u"Amélie", u"Paul", u"Emma", u"Tomás", u"Ingrid", u"Yusuf", u"Clara", u"Ben", u"Hanna", u"Matteo" };
const char16_t *const kLast[] = { u"Müller", u"Schmidt", u"Weiß", u"García", u"Dubois", u"Kowalski", u"Öztürk",
    u"Fischer", u"Novák", u"Andersson", u"Rossi", u"Koch", u"Becker", u"Hoffmann", u"Janssen", u"Lefèvre", u"Nowak",
    u"Schäfer", u"Bauer", u"Wagner" };
const char *const kChannels[] = { "web", "app", "marketplace", "store", "web", "social" };
const char *const kItems[][2] = { { "SKU0000001", "Café crème 1 kg" }, { "SKU0000020", "Organic oat drink 1 l" },
    { "SKU0000033", "Cotton shirt M" }, { "SKU0000047", "Rain jacket L" }, { "SKU0000058", "Koch-Bio Tomaten 500 g" } };

QString ascii(const QString &text)
{
    const QString d = text.normalized(QString::NormalizationForm_KD);
    QString out;
    for (QChar c : d) {
        if (c.unicode() < 128 && c.isLetter())
            out += c.toLower();
        else if (c == u'ß')
            out += QStringLiteral("ss");
        else if (c == u'ł' || c == u'Ł')
            out += u'l';
    }
    return out;
}

// A stable UUID for the i-th demo customer (the same in the hub and on a till).
QString demoId(int i)
{
    const QByteArray h = QCryptographicHash::hash(
        QByteArray("omnitill-demo-customer-" + QByteArray::number(i)), QCryptographicHash::Sha256);
    QByteArray b = h.left(16);
    b[6] = char((b[6] & 0x0F) | 0x40);
    b[8] = char((b[8] & 0x3F) | 0x80);
    return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
}
} // namespace

QByteArray DemoOrder::toJsonLine() const
{
    JsonObjectWriter o;
    o.add("order", header.order).add("customer", customerId).add("channel", header.channel);
    o.add("store", header.store).add("at_ms", header.atMs).add("total_minor", header.totalMinor);
    o.add("currency", header.currency).addRaw("lines", lines);
    return o.finish();
}

DemoCustomers DemoCustomers::make(int count, qint64 nowMs, int from)
{
    DemoCustomers out;
    constexpr qint64 kDay = 24 * 3600 * 1000;
    const char *const tiers[] = { "base", "base", "silver", "base", "gold" };
    for (int i = from; i < from + count; ++i) {
        Customer c;
        c.id = demoId(i);
        const QString first = QString::fromUtf16(kFirst[i % 20]);
        QString last = QString::fromUtf16(kLast[(i / 20 + i * 7) % 20]);
        if (i >= 400) // more people than first and last names: double-barrelled names, as many have
            last += u'-' + QString::fromUtf16(kLast[(i / 400 + i / 20) % 20]);
        c.name = first + u' ' + last;
        const QString suffix = i < 400 ? QString() : QString::number(i);
        c.email = QStringLiteral("%1.%2%3@example.com").arg(ascii(first), ascii(last.section(u'-', 0, 0)), suffix);
        c.phone = QStringLiteral("+4917%1").arg(10000000 + i * 7919 % 89999999, 8, 10, QLatin1Char('0'));
        c.cards << QStringLiteral("LC%1").arg(100000 + i, 10, 10, QLatin1Char('0'));
        c.tier = QString::fromLatin1(tiers[i % 5]);
        c.homeStore = QStringLiteral("S00%1").arg(1 + i % 3);
        c.emailConsent = { i % 3 != 0, nowMs - (400 + i % 300) * kDay,
            i % 2 ? QStringLiteral("web") : QStringLiteral("S001/T01") };
        c.smsConsent = { i % 4 == 0, nowMs - (400 + i % 300) * kDay, QStringLiteral("app") };
        const int orders = 2 + i % 4;
        for (int k = 0; k < orders; ++k) {
            DemoOrder o;
            o.customerId = c.id;
            o.header.channel = QString::fromLatin1(kChannels[(i + k) % 6]);
            const bool store = o.header.channel == u"store";
            o.header.order = store
                ? QStringLiteral("S002-T01-DEMO-%1").arg(i * 10 + k, 6, 10, QLatin1Char('0'))
                : QStringLiteral("%1-%2").arg(o.header.channel.left(3).toUpper()).arg(10000 + i * 10 + k);
            o.header.store = store ? QStringLiteral("S002") : QString();
            o.header.atMs = nowMs - (1 + k * 9 + i % 7) * kDay;
            o.header.currency = QStringLiteral("EUR");
            QList<QByteArray> lines;
            qint64 total = 0;
            for (int l = 0; l < 1 + (i + k) % 3; ++l) {
                const auto &item = kItems[(i + k + l) % 5];
                const qint64 price = 499 + ((i + k + l) % 5) * 750;
                const int qty = 1 + (l + k) % 2;
                JsonObjectWriter line;
                line.add("sku", QString::fromLatin1(item[0])).add("name", QString::fromUtf8(item[1]));
                line.add("qty", qty).add("total_minor", price * qty);
                lines << line.finish();
                total += price * qty;
                o.header.items += qty;
            }
            o.header.totalMinor = total;
            o.lines = jsonArray(lines);
            out.orders << o;
            if (c.recent.size() < Customer::kRecentOrders)
                c.recent << o.header;
        }
        c.points = 40 + (i * 37) % 2400;
        c.pointsAsOfMs = nowMs - kDay;
        c.version = 1;
        if (i % 10 == 3)
            c.cart = OpenCart { QStringLiteral("cart-%1").arg(i), 2, 3498, QStringLiteral("EUR"), nowMs - 3 * 3600000 };
        out.customers << c;
    }
    return out;
}

Status DemoCustomers::seed(Database &db, int count, qint64 nowMs)
{
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun();
    for (const Customer &c : make(count, nowMs).customers) {
        if (auto st = CustomerStore::applyRow(db, c.id, c.toRow()); !st)
            return st;
    }
    return tx.commit();
}

} // namespace omnitill
