// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

// The command lines of omnitill-cli and omnitill-hub: PROGRAM [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS], parsed
// with QCommandLineParser like the till's own options, with one help text made from the commands themselves.
namespace omnitill::cli {

// Exit codes (sysexits.h where one fits), so shell scripts can act on them.
namespace ExitCode {
inline constexpr int Ok = 0;
inline constexpr int NotFound = 1; // lookup/search found nothing
inline constexpr int NeedsAttention = 2; // a report with something red: a manager must look
inline constexpr int Usage = 64; // wrong command line
inline constexpr int DataError = 65; // bad input data: CSV/JSON/script/barcode/quantity; conflicts
inline constexpr int NoInput = 66; // an input file cannot be opened
inline constexpr int IoError = 74; // disk full, database error, damaged database, unwritable output
inline constexpr int TempFail = 75; // the hub could not be reached in time; run again later
inline constexpr int Blocked = 77; // the hub refused (token, damaged journal): a manager must act
inline constexpr int Config = 78; // database written by a newer OmniTill
} // namespace ExitCode

// The exit code for an error a library reported.
int exitCodeFor(ErrorCode code);

class CommandLine;
struct Command;

// One run of one command: its options and arguments as parsed, and where it writes.
class Invocation
{
public:
    QTextStream &out;
    QTextStream &err;

    const QStringList &arguments() const { return m_arguments; }
    bool isSet(const QString &option) const;
    // The option's value, or nullopt when it was not given (an empty value is a value: --prefix ""). Global options
    // (--db) are read here too, wherever they were given.
    std::optional<QString> value(const QString &option) const;
    // A whole number option within [min, max]; the fallback when it was not given. nullopt after usage() when it is
    // not such a number.
    std::optional<qint64> number(const QString &option, qint64 fallback, qint64 min, qint64 max);

    // "PROGRAM COMMAND: why" and the command's usage on err; returns ExitCode::Usage.
    int usage(const QString &why);
    // "PROGRAM: message" on err; returns the exit code for the error.
    int fail(const Error &error);

private:
    friend class CommandLine;
    Invocation(const CommandLine &line, const Command &command, QHash<QString, QString> globals, QTextStream &out,
        QTextStream &err);

    const CommandLine &m_line;
    const Command &m_command;
    QHash<QString, QString> m_globals;
    QCommandLineParser m_parser;
    QStringList m_arguments;
};

struct Command
{
    QString name;
    QString arguments; // for the usage line: "FILE", "TEXT...", "[PROFILE|RULES]"
    QString description; // one line, lower case, no full stop
    QList<QCommandLineOption> options;
    int minArguments = 0;
    int maxArguments = 0; // -1: any number
    std::function<int(Invocation &)> run;
    QStringList requiredOptions = {}; // names among `options` that must be given
};

class CommandLine
{
public:
    // `preamble` follows the usage line in the help text; `epilogue` ends it (exit codes, notes).
    CommandLine(QString program, QString preamble, QString epilogue = {});

    // An option taken before the command (and, for convenience, after it): --db FILE.
    void addGlobalOption(const QCommandLineOption &option, bool required = false);
    void addCommand(Command command);

    // Parses `args` (without the program name), runs the command and returns its exit code. --help, before or after
    // a command, prints the help instead.
    int run(const QStringList &args, QTextStream &out, QTextStream &err) const;

    const QString &program() const { return m_program; }
    QString helpText() const;
    QString usageLine(const Command &command) const;

private:
    struct Global
    {
        QCommandLineOption option;
        bool required;
    };
    int usage(QTextStream &err, const QString &why) const;

    QString m_program;
    QString m_preamble;
    QString m_epilogue;
    QList<Global> m_globals;
    QList<Command> m_commands;
};

} // namespace omnitill::cli
