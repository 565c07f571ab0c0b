// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/scannersettings.h"
#include "core/storage/database.h"

namespace omnitill {

namespace {
const QString kGap = QStringLiteral("wedge_max_gap_ms");
const QString kMinLength = QStringLiteral("wedge_min_length");
const QString kPrefix = QStringLiteral("wedge_prefix");
const QString kSuffix = QStringLiteral("wedge_suffix");
const QString kGs = QStringLiteral("wedge_gs_substitute");

Status checkAffix(const QString &what, const QString &text)
{
    if (text.size() > 16)
        return makeError(
            ErrorCode::InvalidInput, QStringLiteral("the scanner %1 is longer than 16 characters").arg(what));
    for (QChar c : text)
        if (!c.isPrint())
            return makeError(
                ErrorCode::InvalidInput, QStringLiteral("the scanner %1 may only hold printable characters").arg(what));
    return Ok {};
}
} // namespace

Status checkWedgeConfig(const WedgeDetector::Config &c)
{
    if (c.maxGapMs < 5 || c.maxGapMs > 500)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the gap between scanner keys must be 5 to 500 ms (scanners send one every few ms; "
                           "30-50 ms tells them from people)"));
    if (c.minLength < 1 || c.minLength > 64)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the shortest scan must be 1 to 64 characters"));
    for (const auto &[what, text] :
        { std::pair { QStringLiteral("prefix"), c.prefix }, std::pair { QStringLiteral("suffix"), c.suffix },
            std::pair { QStringLiteral("GS stand-in"), c.gsSubstitute } })
        if (auto st = checkAffix(what, text); !st)
            return st;
    return Ok {};
}

Result<WedgeDetector::Config> loadWedgeConfig(Database &db)
{
    WedgeDetector::Config config;
    auto number = [&](const QString &key, int &into) -> Status {
        auto v = readMeta(db.connection(), key);
        if (!v)
            return v.error();
        if (*v) {
            bool ok = false;
            into = (*v)->toInt(&ok);
            if (!ok)
                return makeError(ErrorCode::InvalidInput, QStringLiteral("setting %1 is not a number").arg(key));
        }
        return Ok {};
    };
    auto text = [&](const QString &key, QString &into) -> Status {
        auto v = readMeta(db.connection(), key);
        if (!v)
            return v.error();
        if (*v)
            into = **v;
        return Ok {};
    };
    if (auto st = number(kGap, config.maxGapMs); !st)
        return st.error();
    if (auto st = number(kMinLength, config.minLength); !st)
        return st.error();
    for (const auto &[key, into] : { std::pair<QString, QString *> { kPrefix, &config.prefix },
             { kSuffix, &config.suffix }, { kGs, &config.gsSubstitute } })
        if (auto st = text(key, *into); !st)
            return st.error();
    if (auto st = checkWedgeConfig(config); !st)
        return makeError(ErrorCode::InvalidInput,
            QStringLiteral("the stored scanner setup is broken (%1); set it again with omnitill-cli scanner set")
                .arg(st.error().message));
    return config;
}

Status saveWedgeConfig(Database &db, const WedgeDetector::Config &config)
{
    if (auto st = checkWedgeConfig(config); !st)
        return st;
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun();
    auto textOrNothing = [](const QString &s) { return s.isEmpty() ? std::nullopt : std::optional<QString>(s); };
    const std::pair<QString, std::optional<QString>> values[] = {
        { kGap, QString::number(config.maxGapMs) },
        { kMinLength, QString::number(config.minLength) },
        { kPrefix, textOrNothing(config.prefix) },
        { kSuffix, textOrNothing(config.suffix) },
        { kGs, textOrNothing(config.gsSubstitute) },
    };
    for (const auto &[key, value] : values)
        if (auto st = writeMeta(db.connection(), key, value); !st)
            return st; // rolled back: nothing of the new setup is kept
    return tx.commit();
}

} // namespace omnitill
