// SPDX-License-Identifier: GPL-3.0-or-later
#include "synctool.h"
#include "hubserver.h"
#include "hubstore.h"
#include "streamapplier.h"
#include "syncworker.h"

#include "core/database.h"
#include "core/importer.h"
#include "core/journal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace omnitill::sync {

namespace {
constexpr int kExitTempFail = 75; // the hub could not be reached in time; run again later
constexpr int kExitBlocked = 77; // the hub refused (token, damaged journal): a manager must act

std::optional<QString> takeOption(QStringList &args, const QString &name)
{
    const qsizetype i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size())
        return std::nullopt;
    const QString v = args.at(i + 1);
    args.remove(i, 2);
    return v;
}

int syncConfig(Database &db, QStringList args, QTextStream &out, QTextStream &err)
{
    const auto hub = takeOption(args, QStringLiteral("--hub"));
    const auto token = takeOption(args, QStringLiteral("--token"));
    if (!hub || !token || !args.isEmpty()) {
        err << "omnitill-cli: usage: sync-config --hub URL --token TOKEN\n";
        return ExitCode::Usage;
    }
    if (auto st = saveSyncConfig(db, QUrl(*hub), token->toLatin1()); !st) {
        err << "omnitill-cli: " << st.error().message << '\n';
        return st.error().code == ErrorCode::InvalidInput ? ExitCode::DataError : ExitCode::IoError;
    }
    out << "sync goes to " << *hub << '\n';
    return ExitCode::Ok;
}

int syncOnce(Database &db, QStringList args, QTextStream &out, QTextStream &err)
{
    int timeoutS = 60;
    if (auto t = takeOption(args, QStringLiteral("--timeout"))) {
        bool ok = false;
        timeoutS = t->toInt(&ok);
        if (!ok || timeoutS < 1) {
            err << "omnitill-cli: --timeout needs a number of seconds\n";
            return ExitCode::Usage;
        }
    }
    if (!args.isEmpty()) {
        err << "omnitill-cli: usage: sync [--timeout S]\n";
        return ExitCode::Usage;
    }
    auto config = loadSyncConfig(db);
    if (!config) {
        err << "omnitill-cli: " << config.error().message << '\n';
        return ExitCode::Config;
    }
    auto before = Journal::outboxStatus(db.connection());
    if (!before) {
        err << "omnitill-cli: " << before.error().message << '\n';
        return ExitCode::IoError;
    }
    config->backoffMaxMs = 5000;
    SyncWorker worker(db.path(), *config);
    QEventLoop loop;
    int code = kExitTempFail;
    QString problem;
    QObject::connect(&worker, &SyncWorker::drained, &loop, [&] {
        code = ExitCode::Ok;
        loop.quit();
    });
    QObject::connect(&worker, &SyncWorker::blocked, &loop, [&](const QString &message) {
        code = kExitBlocked;
        problem = message;
        loop.quit();
    });
    QTimer::singleShot(timeoutS * 1000, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &worker, &SyncWorker::start);
    loop.exec();
    worker.stop();
    const SyncStatus s = worker.status();
    if (code == ExitCode::Ok) {
        out << "sent " << (before->pending - s.pending) << " journal entries; none pending; terminal epoch " << s.epoch
            << '\n';
    } else if (code == kExitBlocked) {
        err << "omnitill-cli: sync blocked: " << problem << '\n';
    } else {
        err << "omnitill-cli: " << s.pending << " entries still pending after " << timeoutS
            << " s; last problem: " << (s.lastError.isEmpty() ? QStringLiteral("none") : s.lastError) << '\n';
    }
    return code;
}

const char kHubUsage[] = R"(usage: omnitill-hub --db FILE|postgresql://user:password@host:port/database COMMAND

commands:
  serve [--listen ADDRESS] [--port N]   accept pushes (default 127.0.0.1:8787)
  register TERMINAL_ID --store CODE     register a terminal, print its device token
  status                                events, distinct event ids, incidents
  publish FILE [--currency CODE]        publish a catalog (.csv or .json) to the terminals' pull
                                        streams; only rows that changed are sent, all or nothing
  publish-stream STREAM FILE            publish JSON Lines to stock, customers, carts or config:
                                        {"key": "...", "row": {...}} or {"key": "...", "delete": true}
  compact [--days N]                    drop superseded stream changes and deletions older than
                                        N days (default 90); older terminals then refetch
)";
} // namespace

int streamGet(Database &db, QStringList args, QTextStream &out, QTextStream &err)
{
    if (args.size() != 2) {
        err << "omnitill-cli: usage: stream-get STREAM KEY\n";
        return ExitCode::Usage;
    }
    auto row = StreamApplier::row(db, args.at(0), args.at(1));
    if (!row) {
        err << "omnitill-cli: " << row.error().message << '\n';
        return ExitCode::IoError;
    }
    if (!row->has_value()) {
        err << "omnitill-cli: no " << args.at(0) << " row \"" << args.at(1) << "\" on this terminal\n";
        return ExitCode::NotFound;
    }
    out << QString::fromUtf8(**row) << '\n';
    return ExitCode::Ok;
}

QMap<QString, ToolCommand> terminalCommands()
{
    return {
        { QStringLiteral("stream-get"),
            ToolCommand { QStringLiteral(
                              "stream-get STREAM KEY              show a pulled stock, customers, carts or config row"),
                streamGet } },
        { QStringLiteral("sync-config"),
            ToolCommand {
                QStringLiteral(
                    "sync-config --hub URL --token T   where to send sales (token from omnitill-hub register)"),
                syncConfig } },
        { QStringLiteral("sync"),
            ToolCommand {
                QStringLiteral("sync [--timeout S]                 send pending sales to the hub until none are left "
                               "(75: hub unreachable, 77: refused)"),
                syncOnce } },
    };
}

int runHubTool(const QStringList &argv, QTextStream &out, QTextStream &err)
{
    QStringList args = argv;
    const auto dbPath = takeOption(args, QStringLiteral("--db"));
    if (args.contains(QStringLiteral("--help"))) {
        out << kHubUsage;
        return ExitCode::Ok;
    }
    if (!dbPath || args.isEmpty()) {
        err << "omnitill-hub: " << (dbPath ? "no command given" : "--db FILE is required") << "\n\n" << kHubUsage;
        return ExitCode::Usage;
    }
    const QString command = args.takeFirst();
    auto store = HubStore::open(*dbPath);
    if (!store) {
        err << "omnitill-hub: " << store.error().message << '\n';
        return ExitCode::IoError;
    }
    if (command == QLatin1String("register")) {
        const auto storeCode = takeOption(args, QStringLiteral("--store"));
        if (!storeCode || args.size() != 1) {
            err << "omnitill-hub: usage: register TERMINAL_ID --store CODE\n";
            return ExitCode::Usage;
        }
        auto token = (*store)->registerTerminal(args.first(), *storeCode);
        if (!token) {
            err << "omnitill-hub: " << token.error().message << '\n';
            return token.error().code == ErrorCode::InvalidInput ? ExitCode::DataError : ExitCode::IoError;
        }
        out << *token << '\n';
        return ExitCode::Ok;
    }
    if (command == QLatin1String("status")) {
        auto events = (*store)->eventCount();
        auto distinct = (*store)->distinctEventIds();
        auto incidents = (*store)->incidentCount();
        if (!events || !distinct || !incidents) {
            err << "omnitill-hub: cannot read the hub database\n";
            return ExitCode::IoError;
        }
        out << "events: " << *events << "\ndistinct event ids: " << *distinct << "\nincidents: " << *incidents << '\n';
        return ExitCode::Ok;
    }
    if (command == QLatin1String("publish")) {
        const auto currencyCode = takeOption(args, QStringLiteral("--currency"));
        if (args.size() != 1) {
            err << "omnitill-hub: usage: publish FILE [--currency CODE]\n";
            return ExitCode::Usage;
        }
        auto sink = (*store)->catalogPublisher();
        CatalogImporter importer(*sink);
        if (currencyCode) {
            const auto currency = Currency::fromCode(*currencyCode);
            if (!currency) {
                err << "omnitill-hub: --currency needs an ISO 4217 code such as EUR\n";
                return ExitCode::Usage;
            }
            importer.setDefaultCurrency(*currency);
        }
        auto report = importer.importFile(args.first());
        if (!report) {
            err << "omnitill-hub: " << report.error().message << '\n';
            return report.error().code == ErrorCode::Io ? ExitCode::NoInput
                : (report.error().code == ErrorCode::InvalidInput || report.error().code == ErrorCode::Conflict)
                ? ExitCode::DataError
                : ExitCode::IoError;
        }
        out << "read " << report->records << " records; terminals pick up whatever changed on their next sync\n";
        return ExitCode::Ok;
    }
    if (command == QLatin1String("publish-stream")) {
        if (args.size() != 2) {
            err << "omnitill-hub: usage: publish-stream STREAM FILE\n";
            return ExitCode::Usage;
        }
        QFile file(args.at(1));
        if (!file.open(QIODevice::ReadOnly)) {
            err << "omnitill-hub: cannot read " << args.at(1) << ": " << file.errorString() << '\n';
            return ExitCode::NoInput;
        }
        auto n = (*store)->publishLines(args.at(0), file);
        if (!n) {
            err << "omnitill-hub: " << n.error().message << '\n';
            return n.error().code == ErrorCode::InvalidInput ? ExitCode::DataError : ExitCode::IoError;
        }
        out << "read " << *n << " changes for " << args.at(0) << '\n';
        return ExitCode::Ok;
    }
    if (command == QLatin1String("compact")) {
        int days = 90;
        if (auto d = takeOption(args, QStringLiteral("--days"))) {
            bool ok = false;
            days = d->toInt(&ok);
            if (!ok || days < 1) {
                err << "omnitill-hub: --days needs a positive number\n";
                return ExitCode::Usage;
            }
        }
        QSqlQuery q((*store)->connection());
        q.prepare(QStringLiteral("SELECT coalesce(max(change_seq), 0) FROM stream_change WHERE at_ms < ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch() - qint64(days) * 86400'000);
        if (!q.exec() || !q.next()) {
            err << "omnitill-hub: cannot read the stream changes\n";
            return ExitCode::IoError;
        }
        const qint64 horizon = q.value(0).toLongLong();
        q.finish();
        qint64 removed = 0;
        for (const QString &stream : kTerminalStreams) {
            auto r = (*store)->compact(stream, horizon);
            if (!r) {
                err << "omnitill-hub: " << r.error().message << '\n';
                return ExitCode::IoError;
            }
            removed += *r;
        }
        out << "removed " << removed << " stream changes\n";
        return ExitCode::Ok;
    }
    if (command == QLatin1String("serve")) {
        const QString address = takeOption(args, QStringLiteral("--listen")).value_or(QStringLiteral("127.0.0.1"));
        bool ok = true;
        const int port = takeOption(args, QStringLiteral("--port")).value_or(QStringLiteral("8787")).toInt(&ok);
        if (!ok || port < 0 || port > 65535 || !args.isEmpty() || QHostAddress(address).isNull()) {
            err << "omnitill-hub: usage: serve [--listen ADDRESS] [--port N]\n";
            return ExitCode::Usage;
        }
        HubServer server(**store);
        const quint16 bound = server.listen(QHostAddress(address), quint16(port));
        if (bound == 0) {
            err << "omnitill-hub: cannot listen on " << address << ':' << port << '\n';
            return ExitCode::IoError;
        }
        out << "listening on " << address << ':' << bound << Qt::endl;
        return QCoreApplication::exec();
    }
    err << "omnitill-hub: unknown command \"" << command << "\"\n\n" << kHubUsage;
    return ExitCode::Usage;
}

} // namespace omnitill::sync
