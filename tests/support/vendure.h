// SPDX-License-Identifier: GPL-3.0-or-later
// A real Vendure for the connector's tests (packaging/vendure.sh): the one CTest starts for the suite (fixture
// "vendure", OMNITILL_VENDURE_DIR), or one of a test's own that it may kill.
#pragma once

#include "sync/connector/graphqlclient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <sys/types.h>

namespace omnitill::test {

struct VendureInstance
{
    QString dir;
    QUrl adminApi;
    QByteArray apiKey; // the hub role's key
    QJsonObject seed; // what seed.js made: stockLocations, variants, customers, orders
    qint64 pid = 0;

    // Reads what `vendure.sh start` wrote in `dir`; an empty adminApi when it is not there.
    static VendureInstance read(const QString &dir)
    {
        VendureInstance v;
        v.dir = dir;
        QFile env(dir + QStringLiteral("/env"));
        QFile seed(dir + QStringLiteral("/seed.json"));
        if (!env.open(QIODevice::ReadOnly) || !seed.open(QIODevice::ReadOnly))
            return v;
        const QString text = QString::fromUtf8(env.readAll());
        const auto value = [&](const char *name) {
            const auto m = QRegularExpression(QStringLiteral("export %1=(\\S+)").arg(QLatin1String(name))).match(text);
            return m.captured(1);
        };
        v.adminApi = QUrl(value("VENDURE_URL") + QStringLiteral("/admin-api"));
        v.apiKey = value("VENDURE_API_KEY").toLatin1();
        v.pid = value("VENDURE_PID").toLongLong();
        v.seed = QJsonDocument::fromJson(seed.readAll()).object();
        return v;
    }

    // The suite's Vendure (started by the CTest fixture "vendure").
    static VendureInstance shared() { return read(QStringLiteral(OMNITILL_VENDURE_DIR)); }

    // Starts (or starts again, on its database) a Vendure of the test's own in `dir`; the output on failure.
    static std::pair<VendureInstance, QString> start(const QString &dir)
    {
        QProcess script;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OMNITILL_VENDURE_APP"), QStringLiteral(OMNITILL_VENDURE_APP));
        script.setProcessEnvironment(env);
        script.setProcessChannelMode(QProcess::MergedChannels);
        script.start(QStringLiteral("bash"), { QStringLiteral(OMNITILL_VENDURE_SCRIPT), QStringLiteral("start"), dir });
        if (!script.waitForFinished(300'000) || script.exitCode() != 0)
            return { VendureInstance {}, QString::fromUtf8(script.readAll()) };
        return { read(dir), QString() };
    }

    static void stop(const QString &dir)
    {
        QProcess::execute(
            QStringLiteral("bash"), { QStringLiteral(OMNITILL_VENDURE_SCRIPT), QStringLiteral("stop"), dir });
    }

    // SIGKILL, as a crash or a power cut would stop it; returns once it is gone (or a zombie).
    void kill() const
    {
        if (pid <= 0)
            return;
        ::kill(pid_t(pid), SIGKILL);
        for (int i = 0; i < 100; ++i) {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly) || stat.readAll().split(' ').value(2) == "Z")
                return;
            QThread::msleep(50);
        }
    }

    QString location(const QString &store) const
    {
        return seed.value(u"stockLocations").toObject().value(store).toString();
    }
    QString variant(const QString &sku) const { return seed.value(u"variants").toObject().value(sku).toString(); }

    // A client with the hub's key, for the tests' own questions.
    sync::GraphQlEndpoint endpoint() const
    {
        sync::GraphQlEndpoint e;
        e.url = adminApi;
        e.apiKey = apiKey;
        e.timeoutMs = 30'000;
        return e;
    }
};

} // namespace omnitill::test
