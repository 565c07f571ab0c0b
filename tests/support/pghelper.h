// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <optional>

namespace omnitill::test {

// A throwaway database on the PostgreSQL server named by OMNITILL_TEST_PG (postgresql://user:password@host:port/db;
// packaging/test.sh starts one and sets it). Created per test, dropped afterwards.
class TempPgDatabase
{
public:
    static std::optional<QUrl> server()
    {
        const QString spec = QProcessEnvironment::systemEnvironment().value(QStringLiteral("OMNITILL_TEST_PG"));
        if (spec.isEmpty())
            return std::nullopt;
        return QUrl(spec);
    }

    explicit TempPgDatabase(const QUrl &server)
        : m_server(server)
        , m_name(QStringLiteral("omnitill_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16))
    {
        m_ok = admin(QStringLiteral("CREATE DATABASE %1").arg(m_name));
    }
    ~TempPgDatabase()
    {
        if (m_ok)
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QUrl url() const
    {
        QUrl u = m_server;
        u.setPath(u'/' + m_name);
        return u;
    }

private:
    bool admin(const QString &sql)
    {
        const QString connection = QStringLiteral("pg-admin-") + m_name;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(m_server.host());
            db.setPort(m_server.port(5432));
            db.setDatabaseName(m_server.path().mid(1));
            db.setUserName(m_server.userName());
            db.setPassword(m_server.password());
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql); // the name is generated above, never input
                if (!ok)
                    m_error = q.lastError().text();
            } else {
                m_error = db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return ok;
    }

    QUrl m_server;
    QString m_name;
    QString m_error;
    bool m_ok = false;
};

} // namespace omnitill::test
