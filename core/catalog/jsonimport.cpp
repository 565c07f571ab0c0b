// SPDX-License-Identifier: GPL-3.0-or-later
// JSON catalog import (the format is described in importer.h).
#include "core/catalog/importer.h"
#include "core/catalog/importsupport_p.h"
#include "core/catalog/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace omnitill {

using namespace ImportSupport;

namespace {
QString jsonString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

Result<ImportReport> CatalogImporter::importJson(const QByteArray &json, const QString &name)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("%1: invalid JSON at line %2, column %3: %4")
                .arg(name)
                .arg(line)
                .arg(column)
                .arg(parseError.errorString()));
    }
    if (!doc.isObject() || !doc.object().value(QLatin1String("products")).isArray())
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("%1: expected an object with a \"products\" array").arg(name));
    const QJsonObject root = doc.object();

    SinkSession session(m_sink);
    if (auto st = m_sink.begin(); !st)
        return st.error();
    Problems problems;
    ImportReport report;
    auto handle = [&](Status st) -> std::optional<Error> {
        if (st)
            return std::nullopt;
        if (isStorage(st.error()))
            return st.error();
        problems.add(st.error());
        return std::nullopt;
    };

    const QJsonArray taxClasses = root.value(QLatin1String("taxClasses")).toArray();
    for (qsizetype i = 0; i < taxClasses.size(); ++i) {
        const QString where = QStringLiteral("taxClasses[%1]").arg(i);
        const QJsonObject t = taxClasses[i].toObject();
        const QJsonValue rateValue = t.value(QLatin1String("rate"));
        if (!rateValue.isString()) {
            problems.add(makeError(ErrorCode::InvalidInput,
                where + QStringLiteral(": \"rate\" must be a string such as \"19\" or \"8.875\"")));
            continue;
        }
        auto rate = parseTaxRate(rateValue.toString(), QStringLiteral("tax rate"));
        if (!rate) {
            problems.add(makeError(ErrorCode::InvalidInput, where + u": " + rate.error().message));
            continue;
        }
        if (auto e = handle(m_sink.defineTaxClass(TaxClass { jsonString(t, "code"), jsonString(t, "name"), *rate })))
            return *e;
        ++report.taxClasses;
    }

    const QJsonArray products = root.value(QLatin1String("products")).toArray();
    for (qsizetype p = 0; p < products.size() && !problems.full(); ++p) {
        const QJsonObject po = products[p].toObject();
        const QJsonArray variants = po.value(QLatin1String("variants")).toArray();
        if (!products[p].isObject() || variants.isEmpty()) {
            problems.add(makeError(ErrorCode::InvalidInput,
                QStringLiteral("products[%1]: expected an object with a non-empty \"variants\" "
                               "array")
                    .arg(p)));
            continue;
        }
        for (qsizetype v = 0; v < variants.size() && !problems.full(); ++v) {
            const QJsonObject vo = variants[v].toObject();
            CatalogRecord base;
            base.source = QStringLiteral("products[%1].variants[%2]").arg(p).arg(v);
            base.productCode = jsonString(po, "code");
            base.productName = jsonString(po, "name");
            base.brand = jsonString(po, "brand");
            base.categoryCode = jsonString(po, "category");
            base.categoryName = jsonString(po, "categoryName");
            base.taxClassCode = jsonString(po, "taxClass");
            base.sku = jsonString(vo, "sku");
            base.variantLabel = jsonString(vo, "label");
            for (const QJsonValue &b : vo.value(QLatin1String("barcodes")).toArray()) {
                if (!b.isString())
                    problems.add(makeError(ErrorCode::InvalidInput,
                        base.source
                            + QStringLiteral(": barcodes must be strings (\"4006381333931\"); "
                                             "numbers lose leading zeros")));
                else
                    base.barcodes << b.toString().trimmed();
            }
            if (auto st = parseCommon(base, {}, m_defaultCurrency, {}, jsonString(po, "unit"), {}, {}, {}); !st) {
                problems.add(st.error());
                continue;
            }
            const QJsonArray prices = vo.value(QLatin1String("prices")).toArray();
            if (prices.isEmpty()) {
                problems.add(makeError(
                    ErrorCode::InvalidInput, base.source + QStringLiteral(": SKU %1 has no prices").arg(base.sku)));
                continue;
            }
            for (qsizetype k = 0; k < prices.size(); ++k) {
                const QJsonObject pr = prices[k].toObject();
                CatalogRecord r = base;
                r.source = base.source + QStringLiteral(".prices[%1]").arg(k);
                if (!pr.value(QLatin1String("amount")).isString()) {
                    problems.add(makeError(ErrorCode::InvalidInput,
                        r.source
                            + QStringLiteral(": \"amount\" must be a string such as \"1.99\" "
                                             "so that no precision is lost")));
                    continue;
                }
                Status st = parseCommon(r, jsonString(pr, "currency"), m_defaultCurrency, jsonString(pr, "amount"), {},
                    {}, jsonString(pr, "validFrom"), jsonString(pr, "validTo"));
                if (!st) {
                    problems.add(st.error());
                    continue;
                }
                if (auto e = handle(m_sink.write(r)))
                    return *e;
                if (k == 0)
                    ++report.records;
            }
        }
    }
    if (problems.any())
        return problems.toError(name);
    if (report.records == 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 has no products").arg(name));
    if (auto st = session.commit(); !st)
        return st.error();
    qCInfo(lcImport) << "imported" << report.records << "variants from" << name;
    return report;
}

} // namespace omnitill
