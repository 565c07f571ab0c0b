// SPDX-License-Identifier: GPL-3.0-or-later
#include "tool.h"
#include "catalog.h"
#include "database.h"
#include "demodata.h"
#include "gtin.h"
#include "importer.h"
#include "journal.h"
#include "salescript.h"
#include "salestore.h"
#include "scannersettings.h"
#include "scanresolver.h"
#include "variablemeasure.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QSaveFile>

namespace omnitill {

namespace {

const char kUsage[] = R"(usage: omnitill-cli [--db FILE] COMMAND [ARGS]

The database is --db FILE, else $OMNITILL_DB, else ./omnitill.db. It is created when missing.

commands:
  init                               create or upgrade the database and show its status
  status                             schema version, products, sales not yet synced
  check                              full integrity check of the database
  verify-journal                     recompute the sales journal's hash chain; names the first bad entry
  import FILE [--currency CODE]      import a catalog (.csv or .json), all or nothing
  demo [--skus N] [--seed S]         add the demo catalog (default 5000 SKUs)
  demo-csv FILE [--skus N] [--seed S]
                                     write the demo catalog as an import CSV
  lookup CODE [--currency CODE]      show what scanning CODE rings up: a barcode, SKU, GS1 data
                                     or a price/weight label
  labels [PROFILE|RULES]             show or set the store's price/weight label rules
  scanner [--gap-ms N] [--min-length N] [--prefix TEXT] [--suffix TEXT] [--gs TEXT]
                                     show or set this terminal's keyboard-wedge scanner setup
                                     (an empty TEXT clears it)
  search TEXT... [--limit N]         find items by name (prefix, accent-insensitive)
  sale SCRIPT [--dry-run]            ring up a sale from a JSON script (- for stdin) and
                                     print the receipt; --dry-run prices without saving

exit codes: 0 ok, 1 not found, 64 usage, 65 bad input data, 66 cannot read input,
            74 storage or I/O failure (e.g. disk full), 78 database needs a newer OmniTill
)";

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::Conflict:
        return ExitCode::DataError;
    case ErrorCode::NotFound:
        return ExitCode::NotFound;
    case ErrorCode::Io:
        return ExitCode::NoInput;
    case ErrorCode::StorageFull:
    case ErrorCode::Storage:
    case ErrorCode::Corrupt:
        return ExitCode::IoError;
    case ErrorCode::SchemaTooNew:
        return ExitCode::Config;
    }
    return ExitCode::IoError;
}

class Args
{
public:
    explicit Args(QStringList args)
        : m_args(std::move(args))
    { }
    // Removes "--name VALUE" (or --name=VALUE) and returns VALUE; `missing` is set when the value is absent.
    std::optional<QString> option(const QString &name, bool &missing)
    {
        for (qsizetype i = 0; i < m_args.size(); ++i) {
            if (m_args[i] == name) {
                if (i + 1 >= m_args.size()) {
                    missing = true;
                    return std::nullopt;
                }
                const QString v = m_args[i + 1];
                m_args.remove(i, 2);
                return v;
            }
            if (m_args[i].startsWith(name + u'=')) {
                const QString v = m_args[i].mid(name.size() + 1);
                m_args.remove(i);
                return v;
            }
        }
        return std::nullopt;
    }
    bool flag(const QString &name) { return m_args.removeAll(name) > 0; }
    QStringList &rest() { return m_args; }

private:
    QStringList m_args;
};

class Tool
{
public:
    Tool(QTextStream &out, QTextStream &err, const Clock &clock, const QMap<QString, ToolCommand> &extra)
        : m_out(out)
        , m_err(err)
        , m_clock(clock)
        , m_extra(extra)
    { }

    int run(QStringList argv)
    {
        Args args(std::move(argv));
        if (args.flag(QStringLiteral("--help")) || args.flag(QStringLiteral("-h"))) {
            m_out << usageText();
            return ExitCode::Ok;
        }
        bool missing = false;
        QString dbPath = QProcessEnvironment::systemEnvironment().value(
            QStringLiteral("OMNITILL_DB"), QStringLiteral("omnitill.db"));
        if (auto db = args.option(QStringLiteral("--db"), missing))
            dbPath = *db;
        if (missing)
            return usage(QStringLiteral("--db needs a file name"));
        if (args.rest().isEmpty())
            return usage(QStringLiteral("no command given"));
        const QString command = args.rest().takeFirst();
        static const QStringList commands = { QStringLiteral("init"), QStringLiteral("status"), QStringLiteral("check"),
            QStringLiteral("import"), QStringLiteral("demo"), QStringLiteral("demo-csv"), QStringLiteral("lookup"),
            QStringLiteral("labels"), QStringLiteral("scanner"), QStringLiteral("search"), QStringLiteral("sale"),
            QStringLiteral("verify-journal") };
        if (!commands.contains(command) && !m_extra.contains(command))
            return usage(QStringLiteral("unknown command \"%1\"").arg(command));
        if (command == QLatin1String("demo-csv"))
            return demoCsv(args);

        auto db = Database::open(dbPath);
        if (!db)
            return fail(db.error());
        m_db = db->get();
        if (m_extra.contains(command))
            return m_extra.value(command).run(*m_db, args.rest(), m_out, m_err);
        if (command == QLatin1String("init") || command == QLatin1String("status"))
            return status(args);
        if (command == QLatin1String("check"))
            return check(args);
        if (command == QLatin1String("verify-journal"))
            return verifyJournal(args);
        if (command == QLatin1String("import"))
            return import(args);
        if (command == QLatin1String("demo"))
            return demo(args);
        if (command == QLatin1String("lookup"))
            return lookup(args);
        if (command == QLatin1String("labels"))
            return labels(args);
        if (command == QLatin1String("scanner"))
            return scanner(args);
        if (command == QLatin1String("search"))
            return search(args);
        return sale(args);
    }

private:
    QString usageText() const
    {
        QString text = QString::fromUtf8(kUsage);
        QString extra;
        for (const ToolCommand &c : m_extra)
            extra += QStringLiteral("  ") + c.usage + u'\n';
        return text.replace(QStringLiteral("\nexit codes:"), extra + QStringLiteral("\nexit codes:"));
    }
    int usage(const QString &why)
    {
        m_err << "omnitill-cli: " << why << "\n\n" << usageText();
        return ExitCode::Usage;
    }
    int fail(const Error &e)
    {
        m_err << "omnitill-cli: " << e.message << '\n';
        return exitCodeFor(e.code);
    }
    bool extra(Args &args, int allowed)
    {
        for (const QString &a : args.rest()) {
            if (a.startsWith(QLatin1String("--"))) {
                usage(QStringLiteral("unknown option %1").arg(a));
                return true;
            }
        }
        if (args.rest().size() > allowed) {
            usage(QStringLiteral("unexpected argument \"%1\"").arg(args.rest().at(allowed)));
            return true;
        }
        return false;
    }
    std::optional<qint64> count(Args &args, const QString &name, qint64 fallback, qint64 max, int &exitCode)
    {
        bool missing = false;
        const auto text = args.option(name, missing);
        if (missing) {
            exitCode = usage(QStringLiteral("%1 needs a number").arg(name));
            return std::nullopt;
        }
        if (!text)
            return fallback;
        bool ok = false;
        const qint64 v = text->toLongLong(&ok);
        if (!ok || v < 1 || v > max) {
            exitCode = usage(QStringLiteral("%1 must be a whole number from 1 to %2").arg(name).arg(max));
            return std::nullopt;
        }
        return v;
    }
    std::optional<Currency> currency(Args &args, int &exitCode)
    {
        bool missing = false;
        const QString code = args.option(QStringLiteral("--currency"), missing).value_or(QStringLiteral("EUR"));
        const auto c = Currency::fromCode(code);
        if (missing || !c) {
            exitCode = usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
            return std::nullopt;
        }
        return c;
    }

    int status(Args &args)
    {
        if (extra(args, 0))
            return ExitCode::Usage;
        Catalog catalog(*m_db);
        SaleStore sales(*m_db, m_clock);
        auto skus = catalog.variantCount();
        if (!skus)
            return fail(skus.error());
        auto unsynced = sales.unsyncedCount();
        if (!unsynced)
            return fail(unsynced.error());
        auto identity = Journal::identity(m_db->connection());
        if (!identity)
            return fail(identity.error());
        auto outbox = Journal::outboxStatus(m_db->connection());
        if (!outbox)
            return fail(outbox.error());
        m_out << "database: " << m_db->path() << "\nschema version: " << m_db->schemaVersion()
              << "\nterminal: " << identity->terminalId << " (epoch " << identity->epoch << ")"
              << "\nSKUs: " << *skus << "\nsales not yet synced: " << *unsynced
              << "\njournal entries pending sync: " << outbox->pending;
        if (outbox->oldestPendingAtMs)
            m_out << " (oldest from "
                  << QDateTime::fromMSecsSinceEpoch(*outbox->oldestPendingAtMs, Qt::UTC).toString(Qt::ISODate) << ")";
        m_out << '\n';
        return ExitCode::Ok;
    }

    int check(Args &args)
    {
        if (extra(args, 0))
            return ExitCode::Usage;
        if (auto st = m_db->integrityCheck(); !st)
            return fail(st.error());
        m_out << "ok\n";
        return ExitCode::Ok;
    }

    int verifyJournal(Args &args)
    {
        if (extra(args, 0))
            return ExitCode::Usage;
        auto v = Journal::verify(m_db->connection());
        if (!v)
            return fail(v.error());
        if (!v->ok())
            return fail(makeError(ErrorCode::Corrupt,
                QStringLiteral("the journal does not verify at entry %1: %2").arg(*v->firstBadSeq).arg(v->problem)));
        m_out << "journal ok: " << v->entries << " entries\n";
        return ExitCode::Ok;
    }

    int import(Args &args)
    {
        bool missing = false;
        const auto currencyText = args.option(QStringLiteral("--currency"), missing);
        if (missing)
            return usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
        if (extra(args, 1))
            return ExitCode::Usage;
        if (args.rest().isEmpty())
            return usage(QStringLiteral("import needs a file"));
        CatalogImporter importer(*m_db);
        if (currencyText) {
            const auto c = Currency::fromCode(*currencyText);
            if (!c)
                return usage(QStringLiteral("--currency needs an ISO 4217 code such as EUR"));
            importer.setDefaultCurrency(*c);
        }
        QElapsedTimer timer;
        timer.start();
        auto report = importer.importFile(args.rest().first());
        if (!report)
            return fail(report.error());
        const double seconds = double(timer.elapsed()) / 1000.0;
        m_out << "imported " << report->records << " records";
        if (report->taxClasses)
            m_out << " and " << report->taxClasses << " tax classes";
        m_out << " in " << QString::number(seconds, 'f', 1) << " s\n";
        return ExitCode::Ok;
    }

    // --skus and --seed of the demo commands.
    std::optional<DemoOptions> demoOptions(Args &args, int &code)
    {
        const auto skus = count(args, QStringLiteral("--skus"), 5000, 5'000'000, code);
        if (!skus)
            return std::nullopt;
        const auto seed = count(args, QStringLiteral("--seed"), 42, std::numeric_limits<qint32>::max(), code);
        if (!seed)
            return std::nullopt;
        return DemoOptions { *skus, quint64(*seed), m_clock() };
    }

    int demo(Args &args)
    {
        int code = 0;
        const auto options = demoOptions(args, code);
        if (!options)
            return code;
        if (extra(args, 0))
            return ExitCode::Usage;
        if (auto st = DemoCatalog::seed(*m_db, *options); !st)
            return fail(st.error());
        m_out << "added the demo catalog: " << options->skus << " SKUs\n";
        return ExitCode::Ok;
    }

    int demoCsv(Args &args)
    {
        int code = 0;
        const auto options = demoOptions(args, code);
        if (!options)
            return code;
        if (extra(args, 1))
            return ExitCode::Usage;
        if (args.rest().isEmpty())
            return usage(QStringLiteral("demo-csv needs an output file"));
        QSaveFile file(args.rest().first());
        if (!file.open(QIODevice::WriteOnly))
            return fail(makeError(
                ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())));
        if (auto st = DemoCatalog::writeCsv(file, *options); !st)
            return fail(Error { ErrorCode::Storage, st.error().message });
        if (!file.commit())
            return fail(makeError(
                ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())));
        m_out << "wrote " << options->skus << " SKUs to " << file.fileName() << '\n';
        return ExitCode::Ok;
    }

    int lookup(Args &args)
    {
        int code = 0;
        const auto cur = currency(args, code);
        if (!cur)
            return code;
        if (extra(args, 1))
            return ExitCode::Usage;
        if (args.rest().isEmpty())
            return usage(QStringLiteral("lookup needs a barcode or SKU"));
        auto rules = VariableMeasure::loadStoreRules(*m_db);
        if (!rules)
            return fail(rules.error());
        Catalog catalog(*m_db);
        auto scanned = resolveScan(catalog, args.rest().first(), *cur, m_clock(), *rules);
        if (!scanned)
            return fail(scanned.error());
        const CatalogItem *item = &scanned->item;
        m_out << "sku: " << item->sku << "\nname: " << item->name << "\nbrand: " << item->brand
              << "\ncategory: " << item->category << "\nunit: " << unitToString(item->unit)
              << "\nprice: " << item->price.toDisplayString() << "\ntax: " << item->tax.code << ' '
              << formatFixed(item->tax.rateMilliPct, 3) << "%\n";
        if (scanned->quantity != kQuantityScale)
            m_out << "quantity: " << formatQuantity(scanned->quantity, item->unit) << '\n';
        return ExitCode::Ok;
    }

    int scanner(Args &args)
    {
        auto config = loadWedgeConfig(*m_db);
        if (!config)
            return fail(config.error());
        bool changed = false;
        for (const auto &[name, into] : { std::pair { QStringLiteral("--gap-ms"), &config->maxGapMs },
                 std::pair { QStringLiteral("--min-length"), &config->minLength } }) {
            bool missing = false;
            if (const auto v = args.option(name, missing)) {
                bool ok = false;
                *into = v->toInt(&ok);
                if (!ok)
                    return usage(QStringLiteral("%1 needs a whole number").arg(name));
                changed = true;
            }
            if (missing)
                return usage(QStringLiteral("%1 needs a whole number").arg(name));
        }
        for (const auto &[name, into] : { std::pair { QStringLiteral("--prefix"), &config->prefix },
                 std::pair { QStringLiteral("--suffix"), &config->suffix },
                 std::pair { QStringLiteral("--gs"), &config->gsSubstitute } }) {
            bool missing = false;
            if (const auto v = args.option(name, missing)) {
                *into = *v;
                changed = true;
            }
            if (missing)
                return usage(QStringLiteral("%1 needs a value (\"\" clears it)").arg(name));
        }
        if (extra(args, 0))
            return ExitCode::Usage;
        if (changed) {
            if (auto st = saveWedgeConfig(*m_db, *config); !st)
                return fail(st.error());
        }
        m_out << "gap between keys: " << config->maxGapMs << " ms\nshortest scan: " << config->minLength
              << " characters\nprefix: " << config->prefix << "\nsuffix: " << config->suffix
              << "\nGS stand-in: " << config->gsSubstitute << '\n';
        return ExitCode::Ok;
    }

    int labels(Args &args)
    {
        if (extra(args, 1))
            return ExitCode::Usage;
        if (!args.rest().isEmpty()) {
            auto rules = VariableMeasure::parse(args.rest().first());
            if (!rules)
                return fail(rules.error());
            if (auto st = VariableMeasure::saveStoreRules(*m_db, *rules); !st)
                return fail(st.error());
        }
        auto rules = VariableMeasure::loadStoreRules(*m_db);
        if (!rules)
            return fail(rules.error());
        m_out << "label rules: " << (rules->spec.isEmpty() ? QStringLiteral("none") : rules->spec) << "\nprofiles:\n"
              << VariableMeasure::profilesHelp();
        return ExitCode::Ok;
    }

    int search(Args &args)
    {
        int code = 0;
        const auto limit = count(args, QStringLiteral("--limit"), 20, 500, code);
        if (!limit)
            return code;
        if (extra(args, 100))
            return ExitCode::Usage;
        if (args.rest().isEmpty())
            return usage(QStringLiteral("search needs some text"));
        Catalog catalog(*m_db);
        auto hits = catalog.search(args.rest().join(u' '), int(*limit));
        if (!hits)
            return fail(hits.error());
        for (const SearchHit &h : *hits)
            m_out << h.sku << '\t' << h.name << '\t' << h.brand << '\n';
        if (hits->isEmpty()) {
            m_err << "omnitill-cli: nothing matches \"" << args.rest().join(u' ') << "\"\n";
            return ExitCode::NotFound;
        }
        return ExitCode::Ok;
    }

    int sale(Args &args)
    {
        const bool dryRun = args.flag(QStringLiteral("--dry-run"));
        if (extra(args, 1))
            return ExitCode::Usage;
        if (args.rest().isEmpty())
            return usage(QStringLiteral("sale needs a script file (or - for standard input)"));
        const QString path = args.rest().first();
        QFile file;
        const bool ok = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!ok)
            return fail(makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())));
        const QByteArray script = file.read(4 * 1024 * 1024 + 1);
        if (script.size() > 4 * 1024 * 1024)
            return fail(makeError(ErrorCode::InvalidInput, QStringLiteral("the sale script is larger than 4 MiB")));
        Catalog catalog(*m_db);
        SaleStore store(*m_db, m_clock);
        auto receipt = runSaleScript(script, catalog, dryRun ? nullptr : &store, m_clock());
        if (!receipt)
            return fail(receipt.error());
        m_out << receiptText(*receipt);
        return ExitCode::Ok;
    }

    QTextStream &m_out;
    QTextStream &m_err;
    const Clock &m_clock;
    const QMap<QString, ToolCommand> &m_extra;
    Database *m_db = nullptr;
};

} // namespace

int runTool(const QStringList &args, QTextStream &out, QTextStream &err, const Clock &clock,
    const QMap<QString, ToolCommand> &extra)
{
    Tool tool(out, err, clock, extra);
    const int code = tool.run(args);
    out.flush();
    err.flush();
    return code;
}

} // namespace omnitill
