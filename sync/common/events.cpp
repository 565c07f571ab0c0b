// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/events.h"

#include "core/base/money.h"
#include "core/customers/customer.h"
#include "core/staff/permissions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace omnitill::sync::Events {

namespace {
const QStringList kUnits
    = { QStringLiteral("each"), QStringLiteral("kg"), QStringLiteral("g"), QStringLiteral("l"), QStringLiteral("m") };

constexpr std::pair<qint64, qint64> kAny { std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max() };

QString rangeText(qint64 min, qint64 max)
{
    if (max != kAny.second)
        return QStringLiteral("an integer from %1 to %2").arg(min).arg(max);
    if (min == 1)
        return QStringLiteral("a positive integer");
    if (min == 0)
        return QStringLiteral("an integer of 0 or more");
    return QStringLiteral("an integer");
}

// Reads fields of one JSON object and remembers the first problem, named by its path.
class Fields
{
public:
    Fields(QJsonObject &&object, QString path, QString &problem) = delete; // it keeps a reference: no temporaries
    Fields(const QJsonObject &object, QString path, QString &problem)
        : m_o(object)
        , m_path(std::move(path))
        , m_problem(problem)
    { }

    qint64 integer(const char *key, qint64 min = kAny.first, qint64 max = kAny.second)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        const double d = v.toDouble();
        const bool whole = v.isDouble() && std::abs(d) <= 9007199254740991.0 && d == double(qint64(d));
        if (!whole || qint64(d) < min || qint64(d) > max) {
            fail(key, QStringLiteral("must be ") + rangeText(min, max));
            return 0;
        }
        return qint64(d);
    }
    QString text(const char *key, qsizetype maxLength = 256, bool mayBeEmpty = false)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isString() || v.toString().size() > maxLength || (!mayBeEmpty && v.toString().isEmpty())) {
            fail(key,
                QStringLiteral("must be %1text of at most %2 characters")
                    .arg(mayBeEmpty ? QString() : QStringLiteral("non-empty "))
                    .arg(maxLength));
            return {};
        }
        return v.toString();
    }
    QString oneOf(const char *key, const QStringList &values)
    {
        const QString v = m_o.value(QLatin1String(key)).toString();
        if (!values.contains(v))
            fail(key, QStringLiteral("must be one of %1").arg(values.join(QStringLiteral(", "))));
        return v;
    }
    QJsonArray array(const char *key, bool mayBeEmpty)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isArray() || (!mayBeEmpty && v.toArray().isEmpty()))
            fail(key, mayBeEmpty ? QStringLiteral("must be an array") : QStringLiteral("must be a non-empty array"));
        return v.toArray();
    }
    // `actual` must be `expected`: sums that must agree.
    void agrees(const char *key, qint64 actual, qint64 expected, const QString &because)
    {
        if (actual != expected)
            fail(key, QStringLiteral("is %1 but %2 makes %3").arg(actual).arg(because).arg(expected));
    }
    QString &problem() { return m_problem; }
    // The first problem is kept; `key` empty means the object itself.
    void fail(const char *key, const QString &why)
    {
        if (m_problem.isEmpty())
            m_problem = (*key ? m_path + QLatin1String(key) : m_path.chopped(1)) + u' ' + why;
    }

private:
    const QJsonObject &m_o;
    QString m_path;
    QString &m_problem;
};

const QStringList kTenderKinds = { QStringLiteral("cash"), QStringLiteral("card"), QStringLiteral("gift_card"),
    QStringLiteral("store_credit"), QStringLiteral("points") };
// A sale may also be paid by goods brought back in the same transaction (an exchange), or online before (an order
// collected in the store).
const QStringList kSaleTenderKinds
    = kTenderKinds + QStringList { QStringLiteral("exchange"), QStringLiteral("online") };
const QStringList kPaymentMethods = kSaleTenderKinds + QStringList { QStringLiteral("split") };

// Encoding 2 lists the tenders: they pay exactly what was due, and they were handed over as the sale says; only the
// last may be handed over beyond what it pays, and only in cash (the change).
void payments(Fields &sale, const QString &method, qint64 due, qint64 tendered)
{
    QString &problem = sale.problem();
    const QJsonArray list = sale.array("payments", false);
    qint64 paid = 0, handed = 0;
    for (qsizetype i = 0; i < list.size() && problem.isEmpty(); ++i) {
        const QJsonObject po = list.at(i).toObject();
        Fields p(po, QStringLiteral("payments[%1].").arg(i), problem);
        if (!list.at(i).isObject())
            p.fail("", QStringLiteral("must be an object"));
        p.agrees("seq", p.integer("seq", 1), i + 1, QStringLiteral("its place"));
        const QString kind = p.oneOf("kind", kSaleTenderKinds);
        const qint64 amount = p.integer("amount_minor", 0);
        const qint64 given = p.integer("tendered_minor", 0);
        p.text("reference", 64, true);
        if (given < amount)
            p.fail("tendered_minor", QStringLiteral("is less than the %1 it paid").arg(amount));
        else if (given > amount && (kind != u"cash" || i + 1 < list.size()))
            p.fail("tendered_minor",
                QStringLiteral("is more than the %1 it paid, which only the last tender, in cash, "
                               "may be")
                    .arg(amount));
        paid += amount;
        handed += given;
    }
    if (!problem.isEmpty())
        return;
    if (method != (list.size() == 1 ? list.first().toObject().value(u"kind").toString() : QStringLiteral("split")))
        sale.fail("payment_method", QStringLiteral("does not match the payments"));
    sale.agrees("due_minor", due, paid, QStringLiteral("the sum of the payments"));
    sale.agrees("tendered_minor", tendered, handed, QStringLiteral("the sum of what the payments handed over"));
}

Status validateSale(const QByteArray &payload, qint64 createdAtMs, QString *receiptNo, QString *receiptToken)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the payload is not a JSON object"));
    const QJsonObject o = doc.object();
    QString problem;
    Fields sale(o, {}, problem);
    const qint64 enc = sale.integer("enc", 1, 2);
    sale.integer("id", 1);
    sale.text("receipt_no", 64);
    sale.agrees("created_at_ms", sale.integer("created_at_ms"), createdAtMs, QStringLiteral("the event's time"));
    if (!Currency::fromCode(sale.text("currency", 3)))
        sale.fail("currency", QStringLiteral("must be an ISO 4217 code"));
    sale.oneOf("pricing", { QStringLiteral("inclusive"), QStringLiteral("exclusive") });
    const QString method = enc == 1 ? sale.oneOf("payment_method", { QStringLiteral("cash"), QStringLiteral("card") })
                                    : sale.oneOf("payment_method", kPaymentMethods);
    const qint64 subtotal = sale.integer("subtotal_minor", 0);
    const qint64 discount = sale.integer("discount_minor", 0);
    const qint64 net = sale.integer("net_minor");
    const qint64 tax = sale.integer("tax_minor");
    const qint64 total = sale.integer("total_minor", 0);
    const qint64 rounding = sale.integer("rounding_minor");
    const qint64 due = sale.integer("due_minor", 0);
    const qint64 tendered = sale.integer("tendered_minor", 0);
    const qint64 change = sale.integer("change_minor", 0);

    qint64 amounts = 0, discounts = 0, lineTotals = 0;
    const QJsonArray lines = sale.array("lines", false);
    for (qsizetype i = 0; i < lines.size() && problem.isEmpty(); ++i) {
        const QJsonObject lo = lines.at(i).toObject();
        Fields line(lo, QStringLiteral("lines[%1].").arg(i), problem);
        if (!lines.at(i).isObject())
            line.fail("", QStringLiteral("must be an object"));
        line.agrees("line_no", line.integer("line_no", 1), i + 1, QStringLiteral("its place"));
        if (!lo.value(u"variant_id").isNull())
            line.integer("variant_id", 1);
        line.text("sku", 128);
        line.text("name", 512);
        line.text("scanned_code", 512, true);
        line.oneOf("unit", kUnits);
        line.integer("qty_milli", 1);
        line.integer("unit_price_minor", 0);
        const qint64 amount = line.integer("amount_minor", 0);
        const qint64 lineDiscount = line.integer("line_discount_minor", 0);
        const qint64 cartDiscount = line.integer("cart_discount_minor", 0);
        const qint64 lineTotal = line.integer("total_minor", 0);
        line.agrees(
            "total_minor", lineTotal, amount - lineDiscount - cartDiscount, QStringLiteral("amount less discounts"));
        line.text("tax_class", 64);
        line.integer("tax_rate_milli_pct", 0, 100'000);
        amounts += amount;
        discounts += lineDiscount + cartDiscount;
        lineTotals += lineTotal;
    }
    qint64 taxNet = 0, taxTax = 0, taxGross = 0;
    const QJsonArray taxes = sale.array("taxes", true);
    for (qsizetype i = 0; i < taxes.size() && problem.isEmpty(); ++i) {
        const QJsonObject to = taxes.at(i).toObject();
        Fields taxLine(to, QStringLiteral("taxes[%1].").arg(i), problem);
        taxLine.text("tax_class", 64);
        taxLine.integer("rate_milli_pct", 0, 100'000);
        const qint64 n = taxLine.integer("net_minor");
        const qint64 t = taxLine.integer("tax_minor");
        taxLine.agrees("gross_minor", taxLine.integer("gross_minor"), n + t, QStringLiteral("net plus tax"));
        taxNet += n;
        taxTax += t;
        taxGross += n + t;
    }
    if (problem.isEmpty()) {
        sale.agrees("subtotal_minor", subtotal, amounts, QStringLiteral("the sum of the line amounts"));
        sale.agrees("discount_minor", discount, discounts, QStringLiteral("the sum of the line discounts"));
        sale.agrees("total_minor", total, lineTotals, QStringLiteral("the sum of the line totals"));
        sale.agrees("total_minor", total, net + tax, QStringLiteral("net plus tax"));
        sale.agrees("net_minor", net, taxNet, QStringLiteral("the sum of the tax lines"));
        sale.agrees("tax_minor", tax, taxTax, QStringLiteral("the sum of the tax lines"));
        sale.agrees("total_minor", total, taxGross, QStringLiteral("the sum of the tax lines"));
        sale.agrees("due_minor", due, total + rounding, QStringLiteral("the total plus rounding"));
        if (tendered < due)
            sale.fail("tendered_minor", QStringLiteral("is less than the %1 due").arg(due));
        sale.agrees("change_minor", change, tendered - due, QStringLiteral("tendered less due"));
    }
    if (enc == 2 && problem.isEmpty())
        payments(sale, method, due, tendered);
    // Encoding 2 may name the e-receipt: the SHA-256 of the random token in the receipt's link, never the token.
    static const QRegularExpression kSha256Hex(QStringLiteral("^[0-9a-f]{64}$"));
    const QJsonValue token = o.value(u"receipt_token_sha256");
    if (problem.isEmpty() && !token.isUndefined() && !token.isNull()
        && (enc != 2 || !kSha256Hex.match(token.toString()).hasMatch()))
        sale.fail("receipt_token_sha256", QStringLiteral("must be 64 lower-case hex digits (a SHA-256)"));
    // The customer the sale was for, when the cashier attached one.
    const QJsonValue customer = o.value(u"customer");
    if (problem.isEmpty() && !customer.isUndefined() && !customer.isNull()
        && (!customer.isObject() || QUuid::fromString(customer[u"id"].toString()).isNull()
            || (customer.toObject().contains(u"points_earned")
                && (!customer[u"points_earned"].isDouble() || customer[u"points_earned"].toInteger(-1) < 0))))
        sale.fail("customer", QStringLiteral("must be {\"id\": a customer's UUID, \"points_earned\": 0 or more}"));
    // The online cart the sale rang up (a hand-off code scanned), at the version the till had.
    const QJsonValue cart = o.value(u"online_cart");
    static const QRegularExpression kCartId(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (problem.isEmpty() && !cart.isUndefined()
        && (!cart.isObject() || !kCartId.match(cart[u"id"].toString()).hasMatch() || !cart[u"version"].isDouble()
            || cart[u"version"].toInteger(0) < 1))
        sale.fail("online_cart", QStringLiteral("must be {\"id\": the cart's id, \"version\": 1 or more}"));
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, problem);
    if (receiptNo)
        *receiptNo = o.value(u"receipt_no").toString();
    if (receiptToken)
        *receiptToken = token.toString();
    return Ok {};
}
// The object of a payload, or the problem with it.
std::optional<QJsonObject> object(const QByteArray &payload, QString &problem)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        problem = QStringLiteral("the payload is not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

void staffId(Fields &f, const char *key)
{
    if (QUuid::fromString(f.text(key, 36)).isNull())
        f.fail(key, QStringLiteral("must be a staff id (UUID)"));
}

void voidedLine(Fields &f)
{
    f.text("sku", 64);
    f.text("name", 256);
    f.integer("qty_milli", 1);
    f.integer("total_minor");
}

void discount(Fields &f, const QJsonObject &o, QString &problem)
{
    if (!o.value(u"discount").isObject())
        f.fail("discount", QStringLiteral("must be an object"));
    const QJsonObject given = o.value(u"discount").toObject(); // Fields keeps a reference: not a temporary
    Fields d(given, QStringLiteral("discount."), problem);
    const QString kind = d.oneOf("kind", { QStringLiteral("amount"), QStringLiteral("percent") });
    d.integer("value", 0, kind == u"percent" ? 10000 : kAny.second);
    f.integer("discount_minor", 0);
}

// A stored-value card as it leaves the till: its number's SHA-256, lower-case hex.
void card(Fields &f, const char *key)
{
    static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
    if (!kHash.match(f.text(key, 64)).hasMatch())
        f.fail(key, QStringLiteral("must be the card number's SHA-256 in lower-case hex"));
}

// A part payment taken for a sale in progress, one taken back, a card declined: who (null: no one signed in, as from
// the command line), which tender, how much.
Status validatePayment(const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    QString problem;
    const auto o = object(payload, problem);
    if (!o)
        return makeError(ErrorCode::InvalidInput, problem);
    Fields f(*o, {}, problem);
    f.integer("enc", 1, 1);
    if (QUuid::fromString(f.text("id", 36)).isNull())
        f.fail("id", QStringLiteral("must be an event id (UUID)"));
    f.agrees("created_at_ms", f.integer("created_at_ms"), createdAtMs, QStringLiteral("the event's time"));
    if (!o->value(u"by").isNull())
        staffId(f, "by");
    const QString kind = f.oneOf("kind", kTenderKinds);
    if (!Currency::fromCode(f.text("currency", 3)))
        f.fail("currency", QStringLiteral("must be an ISO 4217 code"));
    f.integer("amount_minor", type == kPaymentDeclined ? 0 : 1);
    // A gift card or store credit names its card (the ledger's debit or credit back); nothing else does.
    if (type != kPaymentDeclined && (kind == u"gift_card" || kind == u"store_credit")) {
        card(f, "card");
        if (!o->value(u"offline").isBool())
            f.fail("offline", QStringLiteral("must be true or false"));
    } else if (o->contains(u"card")) {
        f.fail("card", QStringLiteral("is only for a gift card or store credit taken or given back"));
    }
    // Points name the customer whose points they are and how many (the loyalty ledger's debit or credit back).
    if (type != kPaymentDeclined && kind == u"points") {
        if (QUuid::fromString(f.text("customer", 36)).isNull())
            f.fail("customer", QStringLiteral("must be the customer's id (UUID)"));
        f.integer("points", 1);
        if (!o->value(u"offline").isBool())
            f.fail("offline", QStringLiteral("must be true or false"));
    } else if (o->contains(u"customer") || o->contains(u"points")) {
        f.fail("customer", QStringLiteral("and \"points\" are only for points taken or given back"));
    }
    if (type != kPaymentDeclined)
        f.text("reference", 64, true);
    if (type != kPaymentTaken)
        f.text("reason", 200);
    if (type == kPaymentReversed && QUuid::fromString(f.text("taken", 36)).isNull())
        f.fail("taken", QStringLiteral("must be the id of the payment.taken event"));
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, problem);
    return Ok {};
}

void uuid(Fields &f, const char *key)
{
    if (QUuid::fromString(f.text(key, 36)).isNull())
        f.fail(key, QStringLiteral("must be a UUID"));
}

// The frame of an event of encoding 1 (enc, its id as a UUID, its time), then the rest of its payload as `rest`
// checks it; the first problem found is the error.
Status validateEvent(
    const QByteArray &payload, qint64 createdAtMs, const std::function<void(Fields &f, const QJsonObject &o)> &rest)
{
    QString problem;
    const auto o = object(payload, problem);
    if (!o)
        return makeError(ErrorCode::InvalidInput, problem);
    Fields f(*o, {}, problem);
    f.integer("enc", 1, 1);
    uuid(f, "id");
    f.agrees("created_at_ms", f.integer("created_at_ms"), createdAtMs, QStringLiteral("the event's time"));
    rest(f, *o);
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, problem);
    return Ok {};
}

// A shift opened, cash moved in or out of its drawer, and its close: the Z report, whose sums must agree.
Status validateShift(const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    return validateEvent(payload, createdAtMs, [&](Fields &f, const QJsonObject &o) {
        QString &problem = f.problem();
        staffId(f, "by");
        if (!Currency::fromCode(f.text("currency", 3)))
            f.fail("currency", QStringLiteral("must be an ISO 4217 code"));
        if (type == kShiftOpened) {
            f.integer("float_minor", 0);
        } else if (type == kCashMoved) {
            uuid(f, "shift");
            const QString kind
                = f.oneOf("kind", { QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("no_sale") });
            if (kind == u"no_sale")
                f.integer("amount_minor", 0, 0);
            else
                f.integer("amount_minor", 1);
            f.text("reason", 200);
        } else { // shift.closed
            f.integer("z_no", 1);
            if (f.integer("opened_at_ms") > createdAtMs)
                f.fail("opened_at_ms", QStringLiteral("is after the close"));
            staffId(f, "opened_by");
            const qint64 floatMinor = f.integer("float_minor", 0);
            f.integer("sales", 0);
            const qint64 total = f.integer("total_minor");
            f.integer("discount_minor");
            const qint64 rounding = f.integer("rounding_minor");
            const qint64 due = f.integer("due_minor");
            qint64 paid = 0, cash = 0;
            const QJsonArray tenders = f.array("tenders", true);
            for (qsizetype i = 0; i < tenders.size() && problem.isEmpty(); ++i) {
                const QJsonObject to = tenders.at(i).toObject();
                Fields t(to, QStringLiteral("tenders[%1].").arg(i), problem);
                const QString kind = t.oneOf("kind", kTenderKinds);
                t.integer("count", 1);
                const qint64 amount = t.integer("amount_minor");
                paid += amount;
                if (kind == u"cash")
                    cash += amount;
            }
            const QJsonArray taxes = f.array("taxes", true);
            for (qsizetype i = 0; i < taxes.size() && problem.isEmpty(); ++i) {
                const QJsonObject to = taxes.at(i).toObject();
                Fields t(to, QStringLiteral("taxes[%1].").arg(i), problem);
                t.integer("rate_milli_pct", 0, 100'000);
                const qint64 net = t.integer("net_minor");
                const qint64 tax = t.integer("tax_minor");
                t.agrees("gross_minor", t.integer("gross_minor"), net + tax, QStringLiteral("net plus tax"));
            }
            const qint64 in = f.integer("cash_in_minor", 0);
            const qint64 out = f.integer("cash_out_minor", 0);
            // Returns (since schema 18 of the till; a Z report from before has none).
            const qint64 cashRefunds = o.contains(u"cash_refund_minor") ? f.integer("cash_refund_minor", 0) : 0;
            if (o.contains(u"returns")) {
                f.integer("returns", 0);
                f.integer("refund_minor", 0);
            }
            f.integer("no_sales", 0);
            f.integer("voids", 0);
            f.integer("declined", 0);
            const qint64 expected = f.integer("expected_cash_minor");
            const qint64 counted = f.integer("counted_cash_minor", 0);
            const qint64 difference = f.integer("difference_minor");
            qint64 countedSum = 0;
            const QJsonArray counts = f.array("counts", true);
            for (qsizetype i = 0; i < counts.size() && problem.isEmpty(); ++i) {
                const QJsonObject co = counts.at(i).toObject();
                Fields c(co, QStringLiteral("counts[%1].").arg(i), problem);
                countedSum += c.integer("value_minor", 1) * c.integer("count", 1);
            }
            if (problem.isEmpty()) {
                f.agrees("due_minor", due, total + rounding, QStringLiteral("the total plus rounding"));
                f.agrees("due_minor", due, paid, QStringLiteral("the sum of the tenders"));
                f.agrees("expected_cash_minor", expected, floatMinor + cash + in - out - cashRefunds,
                    QStringLiteral("float, cash sales, cash in less cash out and cash refunds"));
                f.agrees("counted_cash_minor", counted, countedSum, QStringLiteral("the count"));
                f.agrees("difference_minor", difference, counted - expected, QStringLiteral("counted less expected"));
            }
        }
    });
}

// A return (core/returns): its lines and the refunds add up to its total; the original it is against, if any.
Status validateReturn(const QByteArray &payload, qint64 createdAtMs)
{
    return validateEvent(payload, createdAtMs, [&](Fields &f, const QJsonObject &o) {
        QString &problem = f.problem();
        f.text("return_no", 64);
        if (!Currency::fromCode(f.text("currency", 3)))
            f.fail("currency", QStringLiteral("must be an ISO 4217 code"));
        const qint64 total = f.integer("total_minor", 0);
        f.integer("tax_minor", 0);
        f.text("reason", 200);
        staffId(f, "by");
        if (!o.value(u"approval").isNull())
            uuid(f, "approval");
        if (o.contains(u"exchange_receipt_no"))
            f.text("exchange_receipt_no", 64);
        if (!o.value(u"customer").isNull() && QUuid::fromString(f.text("customer", 36)).isNull())
            f.fail("customer", QStringLiteral("must be a customer id (UUID) or null"));
        if (!o.value(u"original").isNull()) {
            const QJsonObject from = o.value(u"original").toObject();
            Fields g(from, QStringLiteral("original."), problem);
            g.text("receipt_no", 64);
            g.oneOf("channel",
                { QStringLiteral("store"), QStringLiteral("web"), QStringLiteral("app"), QStringLiteral("marketplace"),
                    QStringLiteral("social") });
            g.text("store", 12, true);
            g.oneOf("source", { QStringLiteral("hub"), QStringLiteral("this_till"), QStringLiteral("cached_header") });
        }
        qint64 lines = 0, refunds = 0;
        const QJsonArray lineArray = f.array("lines", false);
        for (qsizetype i = 0; i < lineArray.size() && problem.isEmpty(); ++i) {
            const QJsonObject lo = lineArray.at(i).toObject();
            Fields l(lo, QStringLiteral("lines[%1].").arg(i), problem);
            if (!lo.value(u"line_no").isNull())
                l.integer("line_no", 1);
            l.text("sku", 64);
            l.text("name", 200);
            l.text("unit", 16);
            l.integer("qty_milli", 1);
            lines += l.integer("amount_minor", 0);
            l.text("tax_class", 32, true);
            l.integer("tax_rate_milli_pct", 0, 100'000);
            if (!lo.value(u"restock").isBool())
                l.fail("restock", QStringLiteral("must be true or false"));
        }
        const QJsonArray refundArray = f.array("refunds", true);
        for (qsizetype i = 0; i < refundArray.size() && problem.isEmpty(); ++i) {
            const QJsonObject ro = refundArray.at(i).toObject();
            Fields r(ro, QStringLiteral("refunds[%1].").arg(i), problem);
            const QString kind = r.oneOf("kind",
                { QStringLiteral("cash"), QStringLiteral("card"), QStringLiteral("gift_card"),
                    QStringLiteral("store_credit"), QStringLiteral("points"), QStringLiteral("online"),
                    QStringLiteral("exchange") });
            refunds += r.integer("amount_minor", 1);
            r.text("reference", 64, true);
            if (kind == u"gift_card" || kind == u"store_credit")
                card(r, "card");
        }
        if (o.contains(u"points")) {
            const QJsonObject po = o.value(u"points").toObject();
            Fields p(po, QStringLiteral("points."), problem);
            if (QUuid::fromString(p.text("customer", 36)).isNull())
                p.fail("customer", QStringLiteral("must be the customer's id (UUID)"));
            p.integer("back", 0);
            p.integer("clawed_back", 0);
        }
        if (problem.isEmpty()) {
            f.agrees("total_minor", total, lines, QStringLiteral("the sum of the lines"));
            f.agrees("total_minor", total, refunds, QStringLiteral("the sum of the refunds"));
        }
    });
}

// The staff events and the counter's actions: one frame (enc, id, the event's time), then each type's fields.
Status validateAction(const QString &type, const QByteArray &payload, qint64 createdAtMs)
{
    QString problem;
    const auto o = object(payload, problem);
    if (!o)
        return makeError(ErrorCode::InvalidInput, problem);
    Fields f(*o, {}, problem);
    f.integer("enc", 1, 1);
    staffId(f, "id");
    f.agrees("created_at_ms", f.integer("created_at_ms"), createdAtMs, QStringLiteral("the event's time"));
    if (type == kStaffCreated) {
        f.text("name", 80);
        f.text("role", 32);
        if (!o->value(u"by").isNull())
            staffId(f, "by");
    } else if (type == kStaffDeactivated) {
        staffId(f, "by");
    } else if (type == kOverrideApproved) {
        if (!permissionFromCode(f.text("action", 32)))
            f.fail("action", QStringLiteral("must be a permission code"));
        staffId(f, "requested_by");
        staffId(f, "approved_by");
        f.text("reason", 200);
    } else { // a void, a price override or a discount at the counter
        staffId(f, "by");
        if (!Currency::fromCode(f.text("currency", 3)))
            f.fail("currency", QStringLiteral("must be an ISO 4217 code"));
        f.text("reason", 200);
        if (!o->value(u"approval").isNull())
            staffId(f, "approval");
        if (type == kPriceOverridden) {
            f.text("sku", 64);
            f.text("name", 256);
            f.integer("from_minor", 0);
            f.integer("to_minor", 0);
        } else if (type == kLineDiscounted) {
            f.text("sku", 64);
            f.text("name", 256);
            discount(f, *o, problem);
        } else if (type == kCartDiscounted) {
            discount(f, *o, problem);
        } else if (type == kLineVoided) {
            if (!o->value(u"line").isObject())
                f.fail("line", QStringLiteral("must be an object"));
            const QJsonObject voided = o->value(u"line").toObject();
            Fields line(voided, QStringLiteral("line."), problem);
            voidedLine(line);
        } else { // sale.voided
            const QJsonArray lines = f.array("lines", false);
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const QJsonObject voided = lines[i].toObject();
                Fields line(voided, QStringLiteral("lines[%1].").arg(i), problem);
                voidedLine(line);
            }
            f.integer("total_minor");
        }
    }
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, problem);
    return Ok {};
}
} // namespace

bool isKnownType(const QString &type)
{
    return type == kSaleCompleted || type == kStaffCreated || type == kStaffDeactivated || type == kOverrideApproved
        || type == kLineVoided || type == kSaleVoided || type == kPriceOverridden || type == kLineDiscounted
        || type == kCartDiscounted || type == kPaymentTaken || type == kPaymentReversed || type == kPaymentDeclined
        || type == kShiftOpened || type == kCashMoved || type == kShiftClosed || type == kFiscalSigned
        || type == kStoredValueIssued || type == kStoredValueToppedUp || type == kCustomerCreated
        || type == kCustomerUpdated || type == kReturnCompleted;
}

Status validate(
    const QString &type, const QByteArray &payload, qint64 createdAtMs, QString *receiptNo, QString *receiptToken)
{
    if (type == kSaleCompleted)
        return validateSale(payload, createdAtMs, receiptNo, receiptToken);
    if (type == kPaymentTaken || type == kPaymentReversed || type == kPaymentDeclined)
        return validatePayment(type, payload, createdAtMs);
    if (type == kShiftOpened || type == kCashMoved || type == kShiftClosed)
        return validateShift(type, payload, createdAtMs);
    if (type == kStoredValueIssued || type == kStoredValueToppedUp) {
        // A card sold or topped up by a sale: the ledger's credit.
        return validateEvent(payload, createdAtMs, [&](Fields &f, const QJsonObject &o) {
            card(f, "card");
            if (f.text("last4", 4).size() != 4)
                f.fail("last4", QStringLiteral("must be the number's last four symbols"));
            f.oneOf("kind", { QStringLiteral("gift_card"), QStringLiteral("store_credit") });
            if (!Currency::fromCode(f.text("currency", 3)))
                f.fail("currency", QStringLiteral("must be an ISO 4217 code"));
            f.integer("amount_minor", 1);
            f.text("receipt_no", 64);
            if (type == kStoredValueIssued && !o.value(u"expires_at_ms").isNull())
                f.integer("expires_at_ms", createdAtMs + 1);
        });
    }
    if (type == kCustomerCreated || type == kCustomerUpdated) {
        // A customer made or changed at a till: every field as a customers row checks it.
        return validateEvent(payload, createdAtMs, [&](Fields &f, const QJsonObject &o) {
            staffId(f, "staff_id");
            const QJsonObject c = o.value(u"customer").toObject();
            const QString id = c.value(u"id").toString();
            if (auto checked = Customer::fromRow(id, QJsonDocument(c).toJson(QJsonDocument::Compact)); !checked)
                f.fail("customer", checked.error().message);
            else if (!checked->mergedInto.isEmpty())
                f.fail("customer", QStringLiteral("a till cannot merge customers"));
        });
    }
    if (type == kReturnCompleted)
        return validateReturn(payload, createdAtMs);
    if (type == kFiscalSigned) {
        return validateEvent(payload, createdAtMs, [](Fields &f, const QJsonObject &) {
            f.text("receipt_no", 64);
            f.text("signer", 64);
            f.text("value", 1024);
            f.text("qr", 2048);
        });
    }
    if (isKnownType(type))
        return validateAction(type, payload, createdAtMs);
    return makeError(ErrorCode::NotFound, QStringLiteral("there is no event type \"%1\"").arg(type.left(64)));
}

QString receiptNumber(const QByteArray &payload)
{
    return QJsonDocument::fromJson(payload).object().value(u"receipt_no").toString();
}

} // namespace omnitill::sync::Events
