// SPDX-License-Identifier: GPL-3.0-or-later
// Camera decoding per 1280×720 frame: ZXing 1.4 in this process (decodeLuma) against the till's path through the
// omnitill-decoder worker (pipe, protocol, other process), for each camera mode, on the full frame and on the 60 %
// aiming region; the cost on the UI thread of cutting the region out of a camera frame; and how long the camera is
// blind after the worker dies. Frames come from the zint corpus (tests/support/scansupport.h).
#include "bench/benchsupport.h"

#include "core/decoder/barcodedecoder.h"
#include "core/scan/decoderclient.h"
#include "qml/camerascanner.h"
#include "support/scansupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QSignalSpy>

#include <csignal>

using namespace omnitill;
using namespace omnitill::bench;
using namespace omnitill::test;

namespace {

struct FrameCase
{
    const char *name;
    const char *symbol; // nullptr: an empty frame (nothing in view), the camera's most common frame
    ScanMode mode;
};

constexpr FrameCase kCases[] = {
    { "ean13/retail", "ean13.png", ScanMode::Retail },
    { "gs1-datamatrix/retail", "gs1-datamatrix.png", ScanMode::Retail },
    { "qr/retail", "qr-digital-link.png", ScanMode::Retail },
    { "qr/qr", "qr-digital-link.png", ScanMode::QrOnly },
    { "databar-expanded/fresh", "databar-expanded.png", ScanMode::Fresh },
    { "empty/retail", nullptr, ScanMode::Retail },
    { "empty/qr", nullptr, ScanMode::QrOnly },
    { "empty/fresh", nullptr, ScanMode::Fresh },
};

LumaFrame frameFor(const FrameCase &c, bool roi)
{
    QImage paper(1, 1, QImage::Format_Grayscale8);
    paper.fill(235); // nothing in view: the background alone, with the same sensor noise
    const Shot noisy = standardShots().at(9);
    const QImage image = cameraImage(c.symbol ? loadSymbol(QString::fromLatin1(c.symbol)) : paper, noisy);
    const LumaFrame full = toLuma(image);
    return roi ? crop(full, centreRoi(full.width, full.height, 0.6)) : full;
}

DecoderClient &worker()
{
    static DecoderClient client(
        DecoderClient::Config { QCoreApplication::applicationDirPath() + QStringLiteral("/../bin/omnitill-decoder") },
        [] { return kBenchNow; });
    if (!client.isRunning())
        client.start();
    return client;
}

// The frame for the benchmark's arguments (case, region or full), named in the benchmark's label.
LumaFrame caseFrame(benchmark::State &state)
{
    const FrameCase &c = kCases[state.range(0)];
    const bool roi = state.range(1) != 0;
    state.SetLabel(std::string(c.name) + (roi ? " roi" : " full"));
    return frameFor(c, roi);
}

void BM_DecodeInProcess(benchmark::State &state)
{
    const FrameCase &c = kCases[state.range(0)];
    const LumaFrame frame = caseFrame(state);
    LatencyRecorder latency;
    int found = 0;
    for (auto _ : state) {
        latency.start();
        found += decodeLuma(frame, c.mode).has_value() ? 1 : 0;
        latency.stop();
    }
    latency.report(state);
    state.counters["found"] = found;
}

void BM_DecodeInWorker(benchmark::State &state)
{
    const FrameCase &c = kCases[state.range(0)];
    const LumaFrame frame = caseFrame(state);
    DecoderClient &client = worker();
    if (!pumpUntil([&] { return client.isRunning(); }, 5000)) {
        state.SkipWithError("the decoder process does not start");
        return;
    }
    QSignalSpy done(&client, &DecoderClient::frameDone);
    LatencyRecorder latency;
    int found = 0;
    qint64 insideUs = 0;
    QEventLoop loop;
    QObject::connect(&client, &DecoderClient::frameDone, &loop, &QEventLoop::quit);
    for (auto _ : state) {
        const qsizetype before = done.count();
        latency.start();
        if (!client.decode(frame, c.mode)) {
            state.SkipWithError("the decoder was busy");
            return;
        }
        loop.exec(); // the till's own event loop: woken by the pipe, idle otherwise
        latency.stop();
        if (done.count() == before) {
            state.SkipWithError("the decoder did not answer");
            return;
        }
        found += done.last().at(0).toBool() ? 1 : 0;
        insideUs += done.last().at(1).toLongLong();
    }
    latency.report(state);
    state.counters["found"] = found;
    state.counters["worker_decode_us"] = double(insideUs) / double(std::max<qint64>(1, state.iterations()));
}

void caseArgs(benchmark::internal::Benchmark *b)
{
    for (int i = 0; i < int(std::size(kCases)); ++i)
        for (int roi : { 0, 1 })
            b->Args({ i, roi });
}

BENCHMARK(BM_DecodeInProcess)->Apply(caseArgs)->Iterations(60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeInWorker)->Apply(caseArgs)->Iterations(60)->Unit(benchmark::kMillisecond);

// The UI thread's share: the aiming region of a camera frame as luma, per pixel format.
void BM_FrameToLuma(benchmark::State &state)
{
    const QImage grey = cameraImage(loadSymbol(QStringLiteral("ean13.png")), Shot {});
    const auto format = QVideoFrameFormat::PixelFormat(state.range(0));
    QVideoFrame frame(QVideoFrameFormat(grey.size(), format));
    if (!frame.map(QVideoFrame::WriteOnly)) {
        state.SkipWithError("cannot map");
        return;
    }
    std::fill_n(frame.bits(0), qsizetype(frame.bytesPerLine(0)) * grey.height(), uchar(200));
    frame.unmap();
    state.SetLabel(QVideoFrameFormat::pixelFormatToString(format).toStdString());
    LatencyRecorder latency;
    for (auto _ : state) {
        latency.start();
        benchmark::DoNotOptimize(CameraScanner::lumaOf(frame));
        latency.stop();
    }
    latency.report(state);
}
BENCHMARK(BM_FrameToLuma)
    ->Arg(QVideoFrameFormat::Format_NV12)
    ->Arg(QVideoFrameFormat::Format_YUYV)
    ->Arg(QVideoFrameFormat::Format_BGRX8888)
    ->Iterations(200)
    ->Unit(benchmark::kMicrosecond);

// How long the camera is blind after the worker dies: SIGKILL to the next answered frame.
void BM_WorkerRecovery(benchmark::State &state)
{
    DecoderClient &client = worker();
    const LumaFrame frame = frameFor(kCases[0], true);
    QSignalSpy done(&client, &DecoderClient::frameDone);
    LatencyRecorder latency;
    for (auto _ : state) {
        if (!pumpUntil([&] { return client.isRunning(); }, 5000)) {
            state.SkipWithError("the decoder process does not start");
            return;
        }
        const qint64 pid = client.processId();
        latency.start();
        ::kill(pid_t(pid), SIGKILL);
        const qsizetype before = done.count();
        if (!pumpUntil(
                [&] {
                    return client.isRunning() && client.processId() != pid && client.decode(frame, ScanMode::Retail);
                },
                5000)
            || !pumpUntil([&] { return done.count() > before; }, 5000)) {
            state.SkipWithError("the decoder did not come back");
            return;
        }
        latency.stop();
    }
    latency.report(state);
}
BENCHMARK(BM_WorkerRecovery)->Iterations(30)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
