// SPDX-License-Identifier: GPL-3.0-or-later
// Camera-like test frames from the zint symbols in tests/data/scan: the symbol placed in a 1280×720 grey frame, then
// scaled, turned, tilted, blurred, unevenly lit, noised and JPEG-compressed as a phone or webcam picture would be.
// Every frame is a pure function of its parameters (seeded noise), so pass counts are repeatable.
#pragma once

#include "core/scan/lumaframe.h"
#include "support/testhelper.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTransform>

#include <array>
#include <cmath>
#include <random>

namespace omnitill::test {

struct SymbolCase
{
    QString file;
    ScanMode mode = ScanMode::Retail;
    QString symbologyId;
    QString text;
};

// tests/data/scan/symbols.tsv
inline QList<SymbolCase> symbolCases()
{
    QList<SymbolCase> cases;
    const QString tsv = QString::fromUtf8(readData(QStringLiteral("scan/symbols.tsv")));
    for (const QString &line : tsv.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u'#'))
            continue;
        const QStringList f = line.split(u'\t');
        if (f.size() != 4)
            continue;
        QString text = f[3];
        text.replace(QStringLiteral("<GS>"), QString(QChar(0x1D)));
        cases.append({ f[0], *scanModeFromName(f[1]), f[2], text });
    }
    return cases;
}

// Runs the event loop until `done` or `ms` pass, waking on each event (the decoder's pipe) rather than polling:
// QTest::qWaitFor sleeps 10 ms between checks, which would add that to every frame's round trip.
template<typename Done> bool pumpUntil(Done done, int ms = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        const qint64 left = ms - timer.elapsed();
        if (left <= 0)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, int(std::min<qint64>(left, 50)));
    }
    return true;
}

inline QImage loadSymbol(const QString &file)
{
    return QImage(dataPath(QStringLiteral("scan/") + file)).convertToFormat(QImage::Format_Grayscale8);
}

struct Shot
{
    QString name;
    double scale = 1.0; // 1: the symbol fills 500×300 px of the frame (well inside the 768×432 aiming region)
    double angle = 0; // degrees
    double tilt = 0; // perspective: how much narrower the far edge is, 0..0.3
    QPointF centre { 640, 360 };
    int blur = 0; // box blur radius in pixels
    double noise = 0; // Gaussian sigma in grey levels
    double shadow = 0; // 0..1: how much darker the left edge is than the right
    int jpegQuality = 0; // 0: no JPEG round trip
    quint32 seed = 1;
};

// The shots every symbol is put through; names become the corpus folders in the figures.
inline QList<Shot> standardShots()
{
    return {
        { QStringLiteral("clean"), 1.0 },
        { QStringLiteral("small"), 0.55 },
        { QStringLiteral("large"), 1.3 },
        { QStringLiteral("turned-10"), 1.0, 10 },
        { QStringLiteral("turned-90"), 0.8, 90 },
        { QStringLiteral("upside-down"), 1.0, 180 },
        { QStringLiteral("tilted"), 1.0, 4, 0.2 },
        { QStringLiteral("blur-1"), 1.0, 0, 0, { 640, 360 }, 1 },
        { QStringLiteral("blur-2"), 1.0, 0, 0, { 640, 360 }, 2 },
        { QStringLiteral("noise-12"), 1.0, 0, 0, { 640, 360 }, 0, 12 },
        { QStringLiteral("shadow"), 1.0, 0, 0, { 640, 360 }, 0, 4, 0.6 },
        { QStringLiteral("jpeg-35"), 1.0, 3, 0, { 640, 360 }, 1, 6, 0.3, 35 },
        { QStringLiteral("off-centre"), 0.8, 0, 0, { 520, 300 } },
    };
}

inline void boxBlur(QImage &img, int r)
{
    if (r <= 0)
        return;
    const int w = img.width();
    const int h = img.height();
    QImage tmp = img;
    for (int y = 0; y < h; ++y) {
        const uchar *src = img.constScanLine(y);
        uchar *dst = tmp.scanLine(y);
        for (int x = 0; x < w; ++x) {
            int sum = 0;
            int n = 0;
            for (int k = std::max(0, x - r); k <= std::min(w - 1, x + r); ++k, ++n)
                sum += src[k];
            dst[x] = uchar(sum / n);
        }
    }
    for (int x = 0; x < w; ++x) {
        for (int y = 0; y < h; ++y) {
            int sum = 0;
            int n = 0;
            for (int k = std::max(0, y - r); k <= std::min(h - 1, y + r); ++k, ++n)
                sum += tmp.constScanLine(k)[x];
            img.scanLine(y)[x] = uchar(sum / n);
        }
    }
}

inline LumaFrame toLuma(const QImage &grey)
{
    LumaFrame f { QByteArray(qsizetype(grey.width()) * grey.height(), Qt::Uninitialized), grey.width(), grey.height() };
    for (int y = 0; y < grey.height(); ++y)
        std::copy_n(grey.constScanLine(y), grey.width(), f.pixels.data() + qsizetype(y) * grey.width());
    return f;
}

// A 1280×720 camera-like grey frame showing `symbol` as `shot` describes.
inline QImage cameraImage(const QImage &symbol, const Shot &shot, QSize size = { 1280, 720 })
{
    QImage frame(size, QImage::Format_Grayscale8);
    frame.fill(QColor(235, 235, 235)); // a light, not pure white, background: paper under shop lighting
    {
        QPainter p(&frame);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        const double fit = std::min(500.0 / symbol.width(), 300.0 / symbol.height());
        const double w = symbol.width() * fit * shot.scale;
        const double h = symbol.height() * fit * shot.scale;
        const double inset = w * shot.tilt / 2;
        QTransform tilt;
        QPolygonF from({ QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h) });
        QPolygonF to({ QPointF(inset, 0), QPointF(w - inset, 0), QPointF(w, h), QPointF(0, h) });
        QTransform::quadToQuad(from, to, tilt);
        QTransform t;
        t.translate(shot.centre.x(), shot.centre.y());
        t.rotate(shot.angle);
        t.translate(-w / 2, -h / 2);
        p.setTransform(tilt * t);
        p.drawImage(QRectF(0, 0, w, h), symbol);
    }
    boxBlur(frame, shot.blur);
    std::mt19937 rng(shot.seed);
    std::normal_distribution<double> gauss(0.0, shot.noise > 0 ? shot.noise : 1.0);
    for (int y = 0; y < frame.height(); ++y) {
        uchar *row = frame.scanLine(y);
        for (int x = 0; x < frame.width(); ++x) {
            double v = row[x];
            if (shot.shadow > 0)
                v *= 1.0 - shot.shadow * (1.0 - double(x) / frame.width());
            if (shot.noise > 0)
                v += gauss(rng);
            row[x] = uchar(std::clamp(std::lround(v), 0L, 255L));
        }
    }
    if (shot.jpegQuality > 0) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        frame.save(&buffer, "JPG", shot.jpegQuality);
        frame = QImage::fromData(buffer.data(), "JPG").convertToFormat(QImage::Format_Grayscale8);
    }
    return frame;
}

// How a colour camera sees a printed symbol: ink and paper colours, and sensor noise per channel.
struct Palette
{
    QString name;
    QColor ink;
    QColor paper;
    double noise = 6; // sigma per channel, in levels
};

inline QList<Palette> palettes()
{
    return {
        { QStringLiteral("blue-on-yellow"), QColor(20, 40, 140), QColor(250, 225, 90) },
        { QStringLiteral("brown-on-pink"), QColor(90, 45, 20), QColor(245, 190, 200) },
        { QStringLiteral("black-on-white"), QColor(15, 15, 15), QColor(240, 240, 240), 10 },
    };
}

// A 32-bit RGB picture (QImage::Format_RGB32) of a grey camera image printed in `palette`: each grey level mixes ink
// and paper, then each channel gets its own noise, seeded like the rest.
inline QImage colourImage(const QImage &grey, const Palette &palette, quint32 seed = 7)
{
    QImage out(grey.size(), QImage::Format_RGB32);
    std::mt19937 rng(seed);
    // Normal samples drawn once and picked at random: three per pixel from the distribution itself cost too much.
    std::array<double, 4096> noise {};
    std::normal_distribution<double> gauss(0.0, palette.noise);
    for (double &n : noise)
        n = gauss(rng);
    for (int y = 0; y < grey.height(); ++y) {
        const uchar *src = grey.constScanLine(y);
        auto *dst = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < grey.width(); ++x) {
            const double t = src[x] / 255.0;
            const quint32 r = quint32(rng());
            int shift = 0;
            auto channel = [&](int ink, int paper) {
                const double n = noise[(r >> shift) & 4095];
                shift += 10;
                return int(std::clamp(std::lround(ink + (paper - ink) * t + n), 0L, 255L));
            };
            dst[x] = qRgb(channel(palette.ink.red(), palette.paper.red()),
                channel(palette.ink.green(), palette.paper.green()), channel(palette.ink.blue(), palette.paper.blue()));
        }
    }
    return out;
}

// The shots of the camera-path corpus beyond standardShots(): a phone's QR held close (larger than the aiming
// region) and a code far from the centre (outside it).
inline QList<Shot> framingShots()
{
    return {
        { QStringLiteral("close-up"), 2.3 },
        { QStringLiteral("far-off-centre"), 0.55, 0, 0, { 1030, 560 } },
    };
}

} // namespace omnitill::test
