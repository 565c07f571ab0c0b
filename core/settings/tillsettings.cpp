// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/tillsettings.h"
#include "core/storage/database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace omnitill {

namespace {
const QString kCounterReasons = QStringLiteral("counter_reasons");
const QString kLanguage = QStringLiteral("language");
const QString kSounds = QStringLiteral("sounds");

Result<QStringList> checked(const QStringList &reasons)
{
    QStringList out;
    for (const QString &r : reasons) {
        const QString reason = r.trimmed();
        if (reason.isEmpty())
            continue;
        if (reason.size() > 200)
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a reason is at most 200 characters"));
        if (!out.contains(reason))
            out.append(reason);
    }
    if (out.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the list of reasons is empty"));
    return out;
}
} // namespace

QStringList defaultCounterReasons()
{
    return {
        QCoreApplication::translate("CounterReasons", "Customer changed their mind"),
        QCoreApplication::translate("CounterReasons", "Scanned by mistake"),
        QCoreApplication::translate("CounterReasons", "Damaged item"),
        QCoreApplication::translate("CounterReasons", "Price match"),
        QCoreApplication::translate("CounterReasons", "Shelf price differs"),
        QCoreApplication::translate("CounterReasons", "Staff discount"),
    };
}

Result<QStringList> loadCounterReasons(Database &db)
{
    auto stored = readMeta(db.connection(), kCounterReasons);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return defaultCounterReasons();
    auto reasons = checked((*stored)->split(u'\n'));
    if (!reasons)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the store's counter reasons are broken (%1)").arg(reasons.error().message));
    return reasons;
}

Status saveCounterReasons(Database &db, const QStringList &reasons)
{
    for (const QString &r : reasons) {
        if (r.contains(u'\n'))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("a reason is one line"));
    }
    auto list = checked(reasons);
    if (!list)
        return list.error();
    return writeMeta(db.connection(), kCounterReasons, list->join(u'\n'));
}

QStringList tillLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("de") };
}

QString chooseLanguage(const QString &configured)
{
    if (!configured.isEmpty())
        return configured;
    for (const QString &ui : QLocale::system().uiLanguages()) {
        if (tillLanguages().contains(ui.left(2)))
            return ui.left(2);
    }
    return {};
}

Result<std::unique_ptr<QTranslator>> installTranslation(const QString &language, QStringView program)
{
    const QString speaks = language.isEmpty() ? QStringLiteral("en") : language;
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(QStringLiteral(":/i18n/omnitill_%1.qm").arg(speaks)))
        return makeError(ErrorCode::Io, QStringLiteral("the %1's translation for %2 is missing").arg(program, speaks));
    QCoreApplication::installTranslator(translator.get());
    return translator;
}

Result<QString> loadTerminalLanguage(Database &db)
{
    auto stored = readMeta(db.connection(), kLanguage);
    if (!stored)
        return stored.error();
    const QString language = stored->value_or(QString());
    if (!language.isEmpty() && !tillLanguages().contains(language))
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the terminal's language \"%1\" is not one the till speaks (%2)")
                .arg(language, tillLanguages().join(QStringLiteral(", "))));
    return language;
}

Status saveTerminalLanguage(Database &db, const QString &language)
{
    if (!language.isEmpty() && !tillLanguages().contains(language))
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the till speaks %1, not \"%2\"").arg(tillLanguages().join(QStringLiteral(", ")), language));
    return writeMeta(db.connection(), kLanguage, language.isEmpty() ? std::nullopt : std::optional<QString>(language));
}

Result<bool> loadScanSounds(Database &db)
{
    auto stored = readMeta(db.connection(), kSounds);
    if (!stored)
        return stored.error();
    return stored->value_or(QStringLiteral("on")) != QLatin1String("off");
}

Status saveScanSounds(Database &db, bool on)
{
    return writeMeta(db.connection(), kSounds, on ? QStringLiteral("on") : QStringLiteral("off"));
}

Result<std::optional<QJsonValue>> hubSetting(Database &db, const QString &key)
{
    auto store = readMeta(db.connection(), QStringLiteral("store_code"));
    if (!store)
        return store.error();
    auto q = db.statement("SELECT body FROM stream_row WHERE stream = 'config' AND key = ?");
    if (!q)
        return q.error();
    QStringList keys;
    if (store->has_value())
        keys.append(key + u'@' + **store);
    keys.append(key);
    for (const QString &k : std::as_const(keys)) {
        q->reset();
        q->bind(0, k);
        auto row = q->next(u"reading the hub's settings");
        if (!row)
            return row.error();
        if (!*row)
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(q->blob(0));
        q->reset();
        return std::optional<QJsonValue>(doc.object().value(u"value"));
    }
    q->reset();
    return std::optional<QJsonValue>();
}

namespace {
// A hub setting that is a list of codes (SKUs, category codes): strings, trimmed, each once, at most `limit`.
Result<QStringList> codeList(Database &db, const QString &key, int limit)
{
    auto value = hubSetting(db, key);
    if (!value)
        return value.error();
    QStringList codes;
    if (!value->has_value())
        return codes;
    if (!(*value)->isArray())
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the hub's setting %1 must be a list of codes, e.g. [\"A-1\", \"B-2\"]").arg(key));
    for (const QJsonValue &v : (*value)->toArray()) {
        const QString code = v.toString().trimmed();
        if (!code.isEmpty() && code.size() <= 256 && !codes.contains(code))
            codes.append(code);
        if (codes.size() == limit)
            break;
    }
    return codes;
}
} // namespace

Result<QStringList> loadFavourites(Database &db)
{
    return codeList(db, QStringLiteral("till.favourites"), 24);
}

Result<QStringList> loadCategoryGrid(Database &db)
{
    return codeList(db, QStringLiteral("till.categories"), 48);
}

} // namespace omnitill
