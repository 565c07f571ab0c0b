// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/common/commandline.h"

namespace omnitill::cli {

namespace {
const QCommandLineOption kHelp({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("show this help"));
constexpr qsizetype kSynopsisWidth = 35;
constexpr qsizetype kHelpWidth = 120;

// "--currency CODE" or "--dry-run", as the usage lines show an option.
QString synopsis(const QCommandLineOption &option)
{
    QString text = QStringLiteral("--") + option.names().constLast();
    if (!option.valueName().isEmpty())
        text += u' ' + option.valueName();
    return text;
}

void addOptions(QCommandLineParser &parser, const QList<QCommandLineOption> &options)
{
    for (const QCommandLineOption &option : options)
        parser.addOption(option);
}

// "copy FROM TO --to DIR [--times N]": the command as its usage line shows it.
QString commandSynopsis(const Command &command)
{
    QStringList parts { command.name };
    if (!command.arguments.isEmpty())
        parts << command.arguments;
    for (const QCommandLineOption &option : command.options) {
        const bool required = command.requiredOptions.contains(option.names().constLast());
        parts << (required ? synopsis(option) : u'[' + synopsis(option) + u']');
    }
    return parts.join(u' ');
}

// `text` in lines of at most `width` characters, broken between words; every line after the first is indented.
QString wrapped(const QString &text, qsizetype width, qsizetype indent)
{
    QString out;
    qsizetype column = 0;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (column > 0 && column + 1 + word.size() > width) {
            out += u'\n' + QString(indent, u' ');
            column = 0;
        } else if (column > 0) {
            out += u' ';
            ++column;
        }
        out += word;
        column += word.size();
    }
    return out;
}
} // namespace

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
    case ErrorCode::Refused:
        return ExitCode::Blocked;
    case ErrorCode::Unavailable:
        return ExitCode::TempFail;
    }
    return ExitCode::IoError;
}

Invocation::Invocation(const CommandLine &line, const Command &command, QHash<QString, QString> globals,
    QTextStream &output, QTextStream &errors)
    : out(output)
    , err(errors)
    , m_line(line)
    , m_command(command)
    , m_globals(std::move(globals))
{ }

bool Invocation::isSet(const QString &option) const
{
    return m_parser.isSet(option) || m_globals.contains(option);
}

std::optional<QString> Invocation::value(const QString &option) const
{
    if (m_parser.isSet(option))
        return m_parser.value(option);
    if (const auto it = m_globals.constFind(option); it != m_globals.cend())
        return *it;
    return std::nullopt;
}

std::optional<qint64> Invocation::number(const QString &option, qint64 fallback, qint64 min, qint64 max)
{
    const auto text = value(option);
    if (!text)
        return fallback;
    bool ok = false;
    const qint64 v = text->toLongLong(&ok);
    if (!ok || v < min || v > max) {
        usage(QStringLiteral("--%1 must be a whole number from %2 to %3").arg(option).arg(min).arg(max));
        return std::nullopt;
    }
    return v;
}

int Invocation::usage(const QString &why)
{
    err << m_line.program() << ' ' << m_command.name << ": " << why << "\nusage: " << m_line.usageLine(m_command)
        << "\n(" << m_line.program() << " --help lists every command)\n";
    return ExitCode::Usage;
}

int Invocation::fail(const Error &error)
{
    err << m_line.program() << ": " << error.message << '\n';
    return exitCodeFor(error.code);
}

CommandLine::CommandLine(QString program, QString preamble, QString epilogue)
    : m_program(std::move(program))
    , m_preamble(std::move(preamble))
    , m_epilogue(std::move(epilogue))
{ }

void CommandLine::addGlobalOption(const QCommandLineOption &option, bool required)
{
    m_globals.append(Global { option, required });
}

void CommandLine::addCommand(Command command)
{
    m_commands.append(std::move(command));
}

QString CommandLine::usageLine(const Command &command) const
{
    QStringList parts { m_program };
    for (const Global &g : m_globals)
        parts << (g.required ? synopsis(g.option) : u'[' + synopsis(g.option) + u']');
    parts << commandSynopsis(command);
    return parts.join(u' ');
}

QString CommandLine::helpText() const
{
    QStringList globals;
    for (const Global &g : m_globals)
        globals << (g.required ? synopsis(g.option) : u'[' + synopsis(g.option) + u']');
    QString text = QStringLiteral("usage: %1 %2 COMMAND [ARGS]\n\n").arg(m_program, globals.join(u' '));
    if (!m_preamble.isEmpty())
        text += m_preamble + QStringLiteral("\n\n");
    text += QStringLiteral("commands:\n");
    const qsizetype indent = kSynopsisWidth + 2;
    for (const Command &c : m_commands) {
        const QString line = QStringLiteral("  ") + commandSynopsis(c);
        text += line.size() < kSynopsisWidth ? line.leftJustified(indent) : line + u'\n' + QString(indent, u' ');
        text += wrapped(c.description, kHelpWidth - indent, indent) + u'\n';
    }
    if (!m_epilogue.isEmpty())
        text += u'\n' + m_epilogue + u'\n';
    return text;
}

int CommandLine::usage(QTextStream &err, const QString &why) const
{
    err << m_program << ": " << why << "\n\n" << helpText();
    return ExitCode::Usage;
}

int CommandLine::run(const QStringList &args, QTextStream &out, QTextStream &err) const
{
    const int code = [&] {
        // Global options come before the command; everything from the command on is the command's.
        QCommandLineParser global;
        global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
        global.addOption(kHelp);
        QList<QCommandLineOption> globalOptions;
        for (const Global &g : m_globals)
            globalOptions << g.option;
        addOptions(global, globalOptions);
        if (!global.parse(QStringList { m_program } + args))
            return usage(err, global.errorText());
        QStringList rest = global.positionalArguments();
        if (global.isSet(kHelp) && rest.isEmpty()) {
            out << helpText();
            return ExitCode::Ok;
        }
        if (rest.isEmpty())
            return usage(err, QStringLiteral("no command given"));
        const QString name = rest.takeFirst();
        const auto command
            = std::find_if(m_commands.cbegin(), m_commands.cend(), [&](const Command &c) { return c.name == name; });
        if (command == m_commands.cend())
            return usage(err, QStringLiteral("unknown command \"%1\"").arg(name));

        QHash<QString, QString> globals;
        for (const QCommandLineOption &option : globalOptions) {
            if (global.isSet(option))
                globals.insert(option.names().constLast(), global.value(option));
        }
        Invocation invocation(*this, *command, std::move(globals), out, err);
        QCommandLineParser &parser = invocation.m_parser;
        parser.addOption(kHelp);
        addOptions(parser, command->options);
        addOptions(parser, globalOptions);
        if (!parser.parse(QStringList { m_program } + rest))
            return invocation.usage(parser.errorText());
        if (parser.isSet(kHelp) || global.isSet(kHelp)) {
            out << "usage: " << usageLine(*command) << "\n\n" << wrapped(command->description, kHelpWidth, 0) << '\n';
            return ExitCode::Ok;
        }
        for (const Global &g : m_globals) {
            if (g.required && !invocation.isSet(g.option.names().constLast()))
                return invocation.usage(QStringLiteral("%1 is required").arg(synopsis(g.option)));
        }
        for (const QCommandLineOption &option : command->options) {
            if (command->requiredOptions.contains(option.names().constLast()) && !parser.isSet(option))
                return invocation.usage(QStringLiteral("%1 is required").arg(synopsis(option)));
        }
        invocation.m_arguments = parser.positionalArguments();
        const qsizetype given = invocation.m_arguments.size();
        if (given < command->minArguments)
            return invocation.usage(QStringLiteral("%1 is missing").arg(command->arguments));
        if (command->maxArguments >= 0 && given > command->maxArguments)
            return invocation.usage(
                QStringLiteral("unexpected argument \"%1\"").arg(invocation.m_arguments.at(command->maxArguments)));
        return command->run(invocation);
    }();
    out.flush();
    err.flush();
    return code;
}

} // namespace omnitill::cli
