// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test runner for tests/qml/tst_*.qml. Each run gets a fresh demo store and the till as the app builds it
// (TillComposition: the same services, settings and connections). Any warning (a QML binding error, a type error)
// fails the run.
#include "app/common/selftest.h"
#include "app/till/tillcomposition.h"

#include "core/catalog/demodata.h"
#include "core/scan/wedgedetector.h"
#include "core/settings/scannersettings.h"
#include "core/staff/staffstore.h"
#include "core/storage/database.h"
#include "core/till/staffsession.h"

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QTemporaryDir>
#include <QtQuickTest>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

Q_IMPORT_QML_PLUGIN(OmniTillPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        m_warnings.emplace();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        const QString path = m_dir.filePath(QStringLiteral("qml.db"));
        if (auto st = prepareStore(path); !st) {
            std::fprintf(stderr, "tst_qml: cannot prepare the demo store: %s\n", qPrintable(st.error().message));
            std::exit(2);
        }
        auto till = omnitill::TillComposition::create(omnitill::TillComposition::Options {
            path, *omnitill::Currency::fromCode(u"EUR"), 1, 0, QStringLiteral(OMNITILL_DECODER_BIN) });
        if (!till) {
            std::fprintf(stderr, "tst_qml: cannot build the till: %s\n", qPrintable(till.error().message));
            std::exit(2);
        }
        m_till = std::move(till).value();
        // The first-run setup has made the store's manager (PIN 2468), who is signed in when a
        // test starts; Carl is a cashier (PIN 1357, badge STAFF0002) whose role allows no counter action without a
        // manager.
        if (!m_till->staffSession().setUpFirstManager(
                QStringLiteral("Maria"), QStringLiteral("2468"), QStringLiteral("2468"))) {
            std::fprintf(stderr, "tst_qml: cannot set up the first manager\n");
            std::exit(2);
        }
        const auto maria = *m_till->staffSession().current();
        if (!m_till->staffStore()
                 .add(maria, QStringLiteral("Carl"), QStringLiteral("cashier"), u"1357", QStringLiteral("STAFF0002"))
                 .ok()) {
            std::fprintf(stderr, "tst_qml: cannot add the cashier\n");
            std::exit(2);
        }
        m_till->publishToQml();
    }
    void cleanupTestCase()
    {
        if (m_warnings->count() > 0) {
            std::fprintf(stderr, "tst_qml: %d warning(s) during the run; QML tests must run warning-free\n",
                m_warnings->count());
            std::fflush(stderr);
            std::_Exit(1);
        }
    }

private:
    // The demo catalog as of the tests' fixed instant (its promotions run around it), and a scanner setup read from
    // the store like any terminal's: a wide gap limit (150 ms) keeps the timing tests stable on a loaded CI machine.
    static omnitill::Status prepareStore(const QString &path)
    {
        auto db = omnitill::Database::open(path);
        if (!db)
            return db.error();
        if (auto st = omnitill::DemoCatalog::seed(**db, omnitill::DemoOptions { 500, 42, 1795341600000 }); !st)
            return st;
        return omnitill::saveWedgeConfig(**db, omnitill::WedgeDetector::Config { 150, 4, {}, {}, {} });
    }

    QTemporaryDir m_dir;
    std::optional<omnitill::WarningCounter> m_warnings;
    std::unique_ptr<omnitill::TillComposition> m_till;
};

QUICK_TEST_MAIN_WITH_SETUP(omnitill_qml, Setup)

#include "tst_qml.moc"
