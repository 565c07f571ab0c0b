// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/decoderclient.h"
#include "core/scan/decoderprotocol.h"
#include "core/scan/logging.h"

namespace omnitill {

DecoderClient::DecoderClient(Config config, Clock clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(std::move(clock))
{
    m_process.setProgram(m_config.program);
    // Its stderr carries ZXing's assertion text: keep it in our log, not on the terminal.
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_watchdog.setSingleShot(true);
    m_restartTimer.setSingleShot(true);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DecoderClient::onReadyRead);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray err = m_process.readAllStandardError().trimmed();
        if (!err.isEmpty())
            qCWarning(lcScanner) << "decoder:" << err;
    });
    connect(&m_process, &QProcess::finished, this, &DecoderClient::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onStartFailed();
    });
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        qCWarning(lcScanner) << "decoder took longer than" << m_config.timeoutMs << "ms on one frame; restarting it";
        m_process.kill(); // finished() follows and restarts it
    });
    connect(&m_restartTimer, &QTimer::timeout, this, &DecoderClient::start);
}

DecoderClient::~DecoderClient()
{
    m_stopping = true;
    m_restartTimer.stop();
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel(); // the worker exits at end of input
        if (!m_process.waitForFinished(1000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

bool DecoderClient::start()
{
    if (m_process.state() != QProcess::NotRunning)
        return true;
    m_buffer.clear();
    m_busySeq = 0;
    m_process.start(QIODevice::ReadWrite | QIODevice::Unbuffered);
    if (!m_process.waitForStarted(5000))
        return false; // onStartFailed() has told the cashier
    m_restartTimer.stop();
    qCInfo(lcScanner) << "decoder process started, pid" << m_process.processId();
    Q_EMIT runningChanged();
    return true;
}

bool DecoderClient::decode(const LumaFrame &frame, ScanMode mode, QRect roi)
{
    if (m_busySeq != 0 || m_process.state() != QProcess::Running || !frame.isDecodable())
        return false;
    const qint64 now = m_clock();
    DecoderProtocol::Request request { m_nextSeq++, mode, now, roi, now < m_safeUntilMs, frame };
    if (m_nextSeq == 0)
        m_nextSeq = 1;
    const QByteArray head = DecoderProtocol::encodeHead(request);
    if (m_process.write(head) != head.size() || m_process.write(frame.pixels) != frame.pixels.size())
        return false; // the process is going away; finished() restarts it
    m_busySeq = request.seq;
    m_busyMode = mode;
    ++m_stats.sent;
    m_watchdog.start(m_config.timeoutMs);
    return true;
}

void DecoderClient::onReadyRead()
{
    m_buffer += m_process.readAllStandardOutput();
    for (;;) {
        QString error;
        const auto payload = DecoderProtocol::takeMessage(m_buffer, error);
        if (!payload) {
            if (!error.isEmpty())
                failAndRestart(error);
            return;
        }
        const auto answer = DecoderProtocol::decodeAnswer(*payload, error);
        if (!answer || answer->seq != m_busySeq) {
            failAndRestart(answer ? QStringLiteral("the decoder answered a frame it was not asked about") : error);
            return;
        }
        m_watchdog.stop();
        m_busySeq = 0;
        m_consecutiveFailures = 0;
        ++m_stats.answered;
        if (answer->status == DecoderProtocol::Answer::Status::BadRequest)
            qCWarning(lcScanner) << "decoder refused a frame:" << answer->error;
        const bool found = answer->status == DecoderProtocol::Answer::Status::Found;
        if (found) {
            ++m_stats.found;
            Q_EMIT decoded(answer->result);
        }
        Q_EMIT frameDone(found, answer->decodeMicros);
    }
}

void DecoderClient::failAndRestart(const QString &reason)
{
    qCWarning(lcScanner) << "decoder:" << reason << "- restarting it";
    m_process.kill(); // finished() restarts it
}

void DecoderClient::onStartFailed()
{
    // Not a crash to retry: the program is missing or not executable. The next start() (the cashier opening the
    // camera again) tries again.
    qCWarning(lcScanner) << "cannot start the decoder" << m_config.program << ":" << m_process.errorString();
    ++m_stats.startFailures;
    Q_EMIT errorOccurred(QStringLiteral("The camera scanner could not start (%1 is missing or broken). "
                                        "Hand-held scanners still work.")
                             .arg(m_config.program));
}

void DecoderClient::onFinished()
{
    m_watchdog.stop();
    const bool wasBusy = m_busySeq != 0;
    m_busySeq = 0;
    m_buffer.clear();
    if (m_stopping)
        return;
    ++m_stats.crashes;
    ++m_consecutiveFailures;
    qCWarning(lcScanner) << "decoder process ended" << (wasBusy ? "while decoding a frame" : "while idle") << "status"
                         << m_process.exitStatus() << "code" << m_process.exitCode();
    if (wasBusy && m_process.exitStatus() == QProcess::CrashExit) {
        // Something in view makes ZXing abort; read the next frames without it, and say which code it is.
        const bool wasSafe = m_clock() < m_safeUntilMs;
        m_safeUntilMs = m_clock() + m_config.safeModeMs;
        if (!wasSafe)
            Q_EMIT unreadableCode(m_busyMode == ScanMode::Fresh
                    ? QStringLiteral("A GS1 DataBar code in view (the small stacked bars on fresh food) makes the "
                                     "camera's decoder fail: scan that one with the hand scanner or type its number. "
                                     "The camera goes on reading the other codes.")
                    : QStringLiteral("A code in view makes the camera's decoder fail: scan that one with the hand "
                                     "scanner or type its number. The camera goes on reading the other codes."));
    }
    Q_EMIT runningChanged();
    Q_EMIT restarted(int(m_stats.crashes));
    scheduleRestart();
}

void DecoderClient::scheduleRestart()
{
    // A worker that answered frames before it died is restarted at once (one bad frame); one that keeps dying
    // before it answers anything backs off, up to maxBackoffMs.
    const int delay = m_consecutiveFailures <= 1
        ? 0
        : std::min(m_config.maxBackoffMs, 100 << std::min(m_consecutiveFailures - 2, 10));
    m_restartTimer.start(delay);
}

} // namespace omnitill
