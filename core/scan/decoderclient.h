// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/codes/scanresult.h"
#include "core/scan/lumaframe.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

namespace omnitill {

// Decodes camera frames in omnitill-decoder, a separate process, one frame at a time. The UI thread only copies the
// frame into the pipe; ZXing runs in the other process, so it never blocks the UI and an abort inside it (Debian's
// ZXing 1.4 has assert() compiled in) costs one frame: the process is started again at once, and for safeModeMs the
// frames are read in safe mode, without what makes ZXing abort (GS1 DataBar), so a pack that aborts it in every frame
// does not blind the camera to the other codes in view; the cashier is told which code the camera cannot read. Only
// a worker that dies before answering any frame is restarted after a back-off. A frame offered while one is being
// decoded is dropped (decode() returns false): the camera always delivers a newer one.
class DecoderClient : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString program; // path to omnitill-decoder
        int timeoutMs = 3000; // a frame taking longer means the process hangs: it is killed and restarted
        int maxBackoffMs = 5000;
        int safeModeMs = 3000; // after an abort on a frame, how long frames are read in safe mode
    };
    struct Stats
    {
        qint64 sent = 0;
        qint64 answered = 0;
        qint64 found = 0;
        qint64 crashes = 0; // aborted, killed, hung or spoke nonsense; restarted each time
        qint64 startFailures = 0; // the program could not be run at all
    };

    DecoderClient(Config config, Clock clock, QObject *parent = nullptr);
    ~DecoderClient() override;

    // Starts the worker process if it is not running; false (and errorOccurred) if it cannot be run. After a crash
    // it restarts by itself; after a failure to run it waits for the next start().
    bool start();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    bool isBusy() const { return m_busySeq != 0; }
    // Sends one frame, with its aiming region (read first; empty: the whole frame only); false when it is dropped:
    // busy, not running, or not a valid frame.
    bool decode(const LumaFrame &frame, ScanMode mode, QRect roi = {});
    bool inSafeMode() const { return m_clock() < m_safeUntilMs; }
    qint64 processId() const { return m_process.processId(); }
    const Stats &stats() const { return m_stats; }

Q_SIGNALS:
    void decoded(const omnitill::ScanResult &result);
    // Every answered frame, found or not; the decoder is free again.
    void frameDone(bool found, qint64 decodeMicros);
    void restarted(int crashes);
    void runningChanged();
    void errorOccurred(const QString &message);
    // A code in view made the decoder abort; the frames after it are read in safe mode. Once per safe period.
    void unreadableCode(const QString &message);

private:
    void onReadyRead();
    void onFinished();
    void onStartFailed();
    void failAndRestart(const QString &reason);
    void scheduleRestart();

    Config m_config;
    Clock m_clock;
    QProcess m_process;
    QTimer m_watchdog;
    QTimer m_restartTimer;
    QByteArray m_buffer;
    quint32 m_nextSeq = 1;
    quint32 m_busySeq = 0;
    int m_consecutiveFailures = 0; // deaths without an answered frame in between
    ScanMode m_busyMode = ScanMode::Retail;
    qint64 m_safeUntilMs = 0;
    bool m_stopping = false;
    Stats m_stats;
};

} // namespace omnitill
