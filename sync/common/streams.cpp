// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/common/streams.h"

#include "core/customers/customer.h"
#include "core/handoff/handoff.h"
#include "core/staff/permissions.h"
#include "core/storedvalue/storedvalue.h"

#include "core/storage/database.h"
#include "core/storage/sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace omnitill::sync {

namespace {
Error bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}
QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

void StreamDigest::add(const QString &key, const QByteArray &hash)
{
    Sha256 h;
    h.addData(key.toUtf8()).addData(QByteArrayView("\0", 1)).addData(hash);
    const QByteArray d = h.result();
    for (int i = 0; i < 32; ++i)
        xorDigest[i] = char(xorDigest[i] ^ d[i]);
    ++count;
}

Result<StreamDigest> digestOf(QSqlDatabase &db, const QString &sql, const QString &stream)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    q->bindValue(0, stream);
    if (auto st = exec(*q, QStringLiteral("computing the %1 checksum").arg(stream)); !st)
        return st.error();
    StreamDigest d;
    while (q->next())
        d.add(q->value(0).toString(), q->value(1).toByteArray());
    return d;
}

Result<CatalogRecord> validCatalogRow(const QString &key, const QByteArray &row)
{
    auto r = catalogRecordFromRow(row);
    if (!r)
        return r.error();
    if (catalogKey(*r) != key)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1 row \"%2\": the key does not match the row").arg(kCatalogStream, key.left(80)));
    return r;
}

Status validateRow(const QString &stream, const QString &key, const QByteArray &row)
{
    auto bad = [&](const QString &why) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 row \"%2\": %3").arg(stream, key.left(80), why));
    };
    if (key.isEmpty() || key.size() > 256)
        return bad(QStringLiteral("the key must be 1 to 256 characters"));
    if (stream == kTaxStream)
        return taxClassFromRow(row).ok() ? Status(Ok {}) : Status(bad(QStringLiteral("not a tax class")));
    if (stream == kCatalogStream)
        return statusOf(validCatalogRow(key, row));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(row, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("the row must be a JSON object"));
    const QJsonObject o = doc.object();
    auto isInt = [](const QJsonValue &v) { return v.isDouble() && v.toDouble() == double(qint64(v.toDouble())); };
    if (stream == kStockStream) {
        if (!o.value(u"sku").isString() || !o.value(u"store").isString() || !isInt(o.value(u"on_hand_milli")))
            return bad(QStringLiteral("stock needs \"sku\", \"store\" and an integer \"on_hand_milli\""));
        if (key != o.value(u"sku").toString() + u'|' + o.value(u"store").toString())
            return bad(QStringLiteral("the key must be sku|store"));
        return Ok {};
    }
    if (stream == kCustomersStream) {
        if (auto c = Customer::fromRow(key, row); !c)
            return bad(c.error().message);
        return Ok {};
    }
    if (stream == kCartsStream)
        return statusOf(OnlineCart::fromJson(row, key));
    if (stream == kStoredValueStream)
        return statusOf(StoredValueCard::fromRow(key, row));
    if (stream == kConfigStream) {
        if (!o.contains(u"value"))
            return bad(QStringLiteral("a setting is {\"value\": ...}"));
        return Ok {};
    }
    if (stream == kRolesStream) {
        static const QRegularExpression code(QStringLiteral("^[a-z][a-z0-9_]{0,31}$"));
        if (o.value(u"code").toString() != key || !code.match(key).hasMatch() || !o.value(u"name").isString()
            || !o.value(u"permissions").isArray())
            return bad(QStringLiteral("a role needs \"code\" (the key: lower-case letters, digits, _), \"name\" and "
                                      "\"permissions\""));
        for (const QJsonValue &p : o.value(u"permissions").toArray()) {
            if (p.toString() != u'*' && !permissionFromCode(p.toString()))
                return bad(QStringLiteral("\"%1\" is not a permission").arg(p.toString().left(40)));
        }
        return Ok {};
    }
    if (stream == kStaffStream) {
        auto staff = staffFromRow(row);
        if (!staff)
            return bad(staff.error().message);
        if (staff->id != key)
            return bad(QStringLiteral("the key must be the person's id"));
        return Ok {};
    }
    return makeError(ErrorCode::InvalidInput, QStringLiteral("there is no stream \"%1\"").arg(stream));
}

QByteArray staffRow(const StaffRow &r)
{
    return compact(QJsonObject { { QStringLiteral("id"), r.id }, { QStringLiteral("name"), r.name },
        { QStringLiteral("role"), r.role }, { QStringLiteral("active"), r.active },
        { QStringLiteral("pin_salt"), QString::fromLatin1(r.pinSalt.toHex()) },
        { QStringLiteral("pin_hash"), QString::fromLatin1(r.pinHash.toHex()) },
        { QStringLiteral("pin_iterations"), r.pinIterations },
        { QStringLiteral("badge_hash"),
            r.badgeHash.isEmpty() ? QJsonValue(QJsonValue::Null)
                                  : QJsonValue(QString::fromLatin1(r.badgeHash.toHex())) } });
}

Result<StaffRow> staffFromRow(const QByteArray &row)
{
    const QJsonObject o = QJsonDocument::fromJson(row).object();
    static const QRegularExpression hex(QStringLiteral("^([0-9a-f]{2})+$"));
    const auto bytes = [&](const char16_t *key, qsizetype size, QByteArray &out) {
        const QString text = o.value(QStringView(key)).toString();
        if (!hex.match(text).hasMatch() || text.size() != size * 2)
            return false;
        out = QByteArray::fromHex(text.toLatin1());
        return true;
    };
    StaffRow r;
    r.id = o.value(u"id").toString();
    r.name = o.value(u"name").toString();
    r.role = o.value(u"role").toString();
    r.active = o.value(u"active").toBool(true);
    r.pinIterations = o.value(u"pin_iterations").toInt();
    if (QUuid::fromString(r.id).isNull() || r.name.trimmed().isEmpty() || r.name.size() > 80 || r.role.isEmpty()
        || !o.value(u"active").isBool())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a person needs \"id\" (a UUID), \"name\", \"role\" and \"active\""));
    if (!bytes(u"pin_salt", 16, r.pinSalt) || !bytes(u"pin_hash", 32, r.pinHash) || r.pinIterations < 100'000)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("a person's PIN travels as \"pin_salt\" (16 bytes), \"pin_hash\" (32 bytes, hex) and "
                           "\"pin_iterations\" (at least 100000)"));
    if (!o.value(u"badge_hash").isNull() && !bytes(u"badge_hash", 32, r.badgeHash))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("\"badge_hash\" is 32 bytes in hex, or null"));
    return r;
}

QByteArray roleRow(const QString &code, const QString &name, const QStringList &permissions)
{
    return compact(QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("name"), name },
        { QStringLiteral("permissions"), QJsonArray::fromStringList(permissions) } });
}

QByteArray rowHash(const QByteArray &row)
{
    return Sha256::hash(row);
}

QString catalogKey(const CatalogRecord &r)
{
    return r.sku + u'|' + (r.price ? r.price->currency().code() : QString()) + u'|' + QString::number(r.validFromMs);
}

QByteArray catalogRow(const CatalogRecord &r)
{
    QJsonObject o { { QStringLiteral("sku"), r.sku },
        { QStringLiteral("product_code"), r.productCode.isEmpty() ? r.sku : r.productCode },
        { QStringLiteral("name"), r.productName }, { QStringLiteral("brand"), r.brand },
        { QStringLiteral("category"), r.categoryCode }, { QStringLiteral("category_name"), r.categoryName },
        { QStringLiteral("tax_class"), r.taxClassCode }, { QStringLiteral("unit"), unitToString(r.unit) },
        { QStringLiteral("variant_label"), r.variantLabel },
        { QStringLiteral("barcodes"), QJsonArray::fromStringList(r.barcodes) },
        { QStringLiteral("valid_from_ms"), r.validFromMs } };
    if (r.price) {
        o.insert(QStringLiteral("currency"), r.price->currency().code());
        o.insert(QStringLiteral("amount_minor"), r.price->minor());
    }
    if (r.validToMs)
        o.insert(QStringLiteral("valid_to_ms"), *r.validToMs);
    return compact(o);
}

Result<CatalogRecord> catalogRecordFromRow(const QByteArray &row)
{
    const QJsonObject o = QJsonDocument::fromJson(row).object();
    CatalogRecord r;
    r.sku = o.value(u"sku").toString();
    r.source = QStringLiteral("catalog row %1").arg(r.sku);
    r.productCode = o.value(u"product_code").toString();
    r.productName = o.value(u"name").toString();
    r.brand = o.value(u"brand").toString();
    r.categoryCode = o.value(u"category").toString();
    r.categoryName = o.value(u"category_name").toString();
    r.taxClassCode = o.value(u"tax_class").toString();
    r.variantLabel = o.value(u"variant_label").toString();
    for (const QJsonValue &b : o.value(u"barcodes").toArray())
        r.barcodes << b.toString();
    const auto unit = unitFromString(o.value(u"unit").toString());
    if (r.sku.isEmpty() || !unit)
        return bad(QStringLiteral("a catalog row without a SKU or unit"));
    r.unit = *unit;
    r.validFromMs = qint64(o.value(u"valid_from_ms").toDouble());
    if (o.contains(u"valid_to_ms"))
        r.validToMs = qint64(o.value(u"valid_to_ms").toDouble());
    if (o.contains(u"currency")) {
        const auto currency = Currency::fromCode(o.value(u"currency").toString());
        if (!currency)
            return bad(QStringLiteral("catalog row %1 has an unknown currency").arg(r.sku));
        r.price = Money(qint64(o.value(u"amount_minor").toDouble()), *currency);
    }
    return r;
}

QByteArray taxRow(const TaxClass &t)
{
    return compact(QJsonObject { { QStringLiteral("code"), t.code }, { QStringLiteral("name"), t.name },
        { QStringLiteral("rate_milli_pct"), t.rateMilliPct } });
}

Result<TaxClass> taxClassFromRow(const QByteArray &row)
{
    const QJsonObject o = QJsonDocument::fromJson(row).object();
    TaxClass t { o.value(u"code").toString(), o.value(u"name").toString(), o.value(u"rate_milli_pct").toInt(-1) };
    if (t.code.isEmpty() || t.rateMilliPct < 0 || t.rateMilliPct > 100000)
        return bad(QStringLiteral("a tax row without a code or a valid rate"));
    return t;
}

QByteArray encodePullPage(const PullPage &page)
{
    QJsonArray changes;
    for (const StreamChange &c : page.changes) {
        QJsonObject o { { QStringLiteral("seq"), c.seq },
            { QStringLiteral("op"), c.remove ? QStringLiteral("delete") : QStringLiteral("upsert") },
            { QStringLiteral("key"), c.key } };
        if (!c.remove) {
            o.insert(QStringLiteral("row"), QString::fromUtf8(c.row));
            o.insert(QStringLiteral("row_hash"), QString::fromLatin1(c.rowHash.toHex()));
        }
        changes.append(o);
    }
    return compact(QJsonObject { { QStringLiteral("stream"), page.stream }, { QStringLiteral("changes"), changes },
        { QStringLiteral("next_cursor"), page.nextCursor }, { QStringLiteral("up_to_date"), page.upToDate } });
}

Result<PullPage> decodePullPage(const QByteArray &body)
{
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(body, &pe).object();
    if (pe.error != QJsonParseError::NoError || !o.value(u"changes").isArray())
        return bad(QStringLiteral("the hub's pull answer is not a page of changes"));
    PullPage page;
    page.stream = o.value(u"stream").toString();
    page.nextCursor = qint64(o.value(u"next_cursor").toDouble());
    page.upToDate = o.value(u"up_to_date").toBool();
    qint64 last = 0;
    for (const QJsonValue &v : o.value(u"changes").toArray()) {
        StreamChange c;
        c.seq = qint64(v[u"seq"].toDouble());
        c.remove = v[u"op"].toString() == QLatin1String("delete");
        c.key = v[u"key"].toString();
        if (c.seq <= last || c.key.isEmpty() || (!c.remove && v[u"op"].toString() != QLatin1String("upsert")))
            return bad(QStringLiteral("the hub's pull answer has a malformed change"));
        last = c.seq;
        if (!c.remove) {
            c.row = v[u"row"].toString().toUtf8();
            c.rowHash = QByteArray::fromHex(v[u"row_hash"].toString().toLatin1());
            if (rowHash(c.row) != c.rowHash)
                return bad(QStringLiteral("change %1 of %2 arrived damaged (its hash does not match)")
                               .arg(c.seq)
                               .arg(page.stream));
        }
        page.changes.append(c);
    }
    if (!page.changes.isEmpty() && page.nextCursor != page.changes.last().seq)
        return bad(QStringLiteral("the hub's pull answer has an inconsistent cursor"));
    return page;
}

QByteArray encodeDigest(const QString &stream, const StreamDigest &d)
{
    return compact(QJsonObject { { QStringLiteral("stream"), stream }, { QStringLiteral("count"), d.count },
        { QStringLiteral("digest"), QString::fromLatin1(d.xorDigest.toHex()) } });
}

Result<StreamDigest> decodeDigest(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    StreamDigest d;
    d.count = qint64(o.value(u"count").toDouble(-1));
    d.xorDigest = QByteArray::fromHex(o.value(u"digest").toString().toLatin1());
    if (d.count < 0 || d.xorDigest.size() != 32)
        return bad(QStringLiteral("the hub's checksum answer is malformed"));
    return d;
}

} // namespace omnitill::sync
