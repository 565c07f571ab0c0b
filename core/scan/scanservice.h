// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/codes/scanresult.h"

#include <QHash>
#include <QObject>
#include <QRect>

namespace omnitill {

class DecoderClient;
struct LumaFrame;
enum class ScanMode;

// The one place every scanner reports to: keyboard-wedge scanners (through the UI's KeyboardWedge), the camera
// (frames decoded by a DecoderClient in a separate process) and codes typed by hand. It filters what a person would
// not mean as a new scan, then emits scanned() once per item:
//  - the camera sees the same code in frame after frame: it is reported once, and again only after it has been out
//    of view for cameraRepeatMs (KDE Prison's "new code only when the content changes", with a timeout, and for
//    every code in view, since frames may alternate between two symbols);
//  - one pack carries its GTIN twice, as an EAN-13 and as a GS1 DataMatrix / QR / DataBar: a second symbol with the
//    same GTIN in another symbology within sameItemMs is that pack again, not a second item;
//  - a linear code (EAN/UPC, Code 128, DataBar, ...) from the camera counts only after linearReads agreeing reads
//    within linearWindowMs: a blurred frame can misread it as another number with a valid check digit, which must
//    not ring up. 2D symbols (QR, DataMatrix) carry error correction and count at the first read.
// A keyboard-wedge scan of the same symbol twice is two items: the cashier pulled the trigger twice.
class ScanService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(omnitill::ScanResult lastScan READ lastScan NOTIFY scanned)
    Q_PROPERTY(bool cameraAvailable READ cameraAvailable NOTIFY decoderStateChanged)
    Q_PROPERTY(int decoderRestarts READ decoderRestarts NOTIFY decoderStateChanged)

public:
    struct Config
    {
        int cameraRepeatMs = 1500;
        int sameItemMs = 2000;
        int linearReads = 2; // camera reads of a linear code that must agree before it counts
        int linearWindowMs = 1000;
    };
    struct Stats
    {
        qint64 repeatsSuppressed = 0;
        qint64 sameItemSuppressed = 0;
        qint64 unconfirmed = 0; // linear camera reads still waiting for an agreeing read
    };
    // True for AIM identifiers of linear symbologies (EAN/UPC ]E, Code 128 ]C, DataBar ]e, Code 39 ]A, ITF ]I,
    // Codabar ]F, Code 93 ]G), and for a camera read without one.
    static bool isLinear(const ScanResult &result);

    ScanService(Clock clock, Config config, QObject *parent = nullptr);

    // The camera path: frames go to this decoder, results come back through submit(). May be null (no camera).
    void setDecoder(DecoderClient *decoder);
    DecoderClient *decoder() const { return m_decoder; }
    // Starts the camera's decoder process if it is not running (the camera view calls this when it opens); false
    // when there is none or it cannot run (errorOccurred says so).
    bool prepareCamera();
    // Offers one camera frame with its aiming region; false when it was dropped because the decoder is busy (or
    // there is none).
    bool offerFrame(const LumaFrame &frame, ScanMode mode, QRect roi = {});

    // A keyboard-wedge burst, as the wedge delivered it.
    void submitKeyboard(const QString &typed);
    // Any decoded code; emits scanned() unless it is a repeat or the same pack again.
    void submit(const ScanResult &result);

    ScanResult lastScan() const { return m_last; }
    bool cameraAvailable() const;
    int decoderRestarts() const;
    const Stats &stats() const { return m_stats; }

Q_SIGNALS:
    void scanned(const omnitill::ScanResult &result);
    void decoderStateChanged();
    // The camera decoder could not be started or keeps failing: a message for the cashier.
    void errorOccurred(const QString &message);

private:
    Clock m_clock;
    Config m_config;
    DecoderClient *m_decoder = nullptr;
    ScanResult m_last;
    QHash<QString, qint64> m_cameraSeen; // codes the camera saw within cameraRepeatMs, and when last
    struct Candidate
    {
        int reads = 0;
        qint64 firstMs = 0;
    };
    QHash<QString, Candidate> m_unconfirmed; // linear camera reads waiting for agreement

    Stats m_stats;
};

} // namespace omnitill
