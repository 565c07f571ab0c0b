// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace omnitill {

// One code read by any scanner: the decoded text, the raw bytes and the AIM symbology identifier (]E0 EAN-13,
// ]Q1 QR, ]d2 GS1 DataMatrix, ]C1 GS1-128, ]e0 DataBar, ...) when the source knows it. A value type, as
// KDE Prison's ScanResult: copied freely, empty when nothing was read.
class ScanResult
{
    Q_GADGET
    Q_PROPERTY(QString text READ text CONSTANT)
    Q_PROPERTY(QByteArray bytes READ bytes CONSTANT)
    Q_PROPERTY(QString symbologyId READ symbologyId CONSTANT)
    Q_PROPERTY(QString symbology READ symbology CONSTANT)
    Q_PROPERTY(omnitill::ScanResult::Source source READ source CONSTANT)
    Q_PROPERTY(bool hasContent READ hasContent CONSTANT)
public:
    enum class Source
    {
        Keyboard, // a keyboard-wedge scanner
        Camera,
        Manual, // typed by the cashier
    };
    Q_ENUM(Source)

    ScanResult() = default;
    ScanResult(QString text, QByteArray bytes, QString symbologyId, Source source, qint64 atMs);
    // What a keyboard-wedge scanner typed: a leading AIM identifier ("]C1...", sent when the scanner is set up to
    // transmit it) is split off; the bytes are the text's UTF-8.
    static ScanResult fromKeyboard(const QString &typed, qint64 atMs);

    const QString &text() const { return m_text; }
    const QByteArray &bytes() const { return m_bytes; }
    const QString &symbologyId() const { return m_symbologyId; }
    // A readable name for the identifier ("EAN-13", "QR Code", "GS1 DataMatrix"), or "" when unknown.
    QString symbology() const;
    Source source() const { return m_source; }
    qint64 atMs() const { return m_atMs; }
    bool hasContent() const { return !m_text.isEmpty() || !m_bytes.isEmpty(); }
    // The code as the till resolves it: the text, behind its AIM identifier when that marks GS1 data, so a GS1
    // DataMatrix that carries only (01) is still read as GS1 and not as a 16-digit code.
    QString tillCode() const;
    // The GTIN this scan names as 14 digits (an EAN-13, UPC-A or EAN-8 zero-padded, or GS1 AI 01); empty for
    // anything else. The 1D and the 2D symbol on one pack share it.
    QString itemKey() const;

    friend bool operator==(const ScanResult &, const ScanResult &) = default;

private:
    QString m_text;
    QByteArray m_bytes;
    QString m_symbologyId;
    Source m_source = Source::Manual;
    qint64 m_atMs = 0;
};

} // namespace omnitill

Q_DECLARE_METATYPE(omnitill::ScanResult)
