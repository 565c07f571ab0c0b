// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings/labelsettings.h"
#include "core/storage/database.h"
#include "support/testhelper.h"

using namespace omnitill;
using namespace omnitill::test;

using LabelSettingsTest = DbFixture;

TEST_F(LabelSettingsTest, NoneUntilSetThenWhatWasSaved)
{
    auto none = loadLabelRules(db());
    ASSERT_TRUE(none.ok()) << qPrintable(none.error().message);
    EXPECT_TRUE(none->isEmpty());
    auto rules = VariableMeasure::parse(u"price5-weight5");
    ASSERT_TRUE(rules.ok());
    ASSERT_TRUE(saveLabelRules(db(), *rules).ok());
    reopen();
    auto saved = loadLabelRules(db());
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(saved->spec, QStringLiteral("price5-weight5"));
    EXPECT_EQ(saved->rules.size(), rules->rules.size());
    ASSERT_TRUE(saveLabelRules(db(), VariableMeasure::Rules {}).ok());
    EXPECT_FALSE(readMeta(db().connection(), QStringLiteral("label_rules"))->has_value()) << "no rules: no setting";
}

TEST_F(LabelSettingsTest, ABrokenSettingIsReportedNotIgnored)
{
    ASSERT_TRUE(writeMeta(db().connection(), QStringLiteral("label_rules"), QStringLiteral("20:BROKEN")).ok());
    auto broken = loadLabelRules(db());
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(broken.error().message.contains(QStringLiteral("label rules are broken")));
    EXPECT_TRUE(broken.error().message.contains(QStringLiteral("omnitill-cli labels")));
}
