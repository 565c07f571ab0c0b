// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace omnitill {

// Tells a keyboard-wedge scanner from a person typing by the gaps between keys: a scanner types a whole code in a
// burst and ends it with Enter, Tab or LF. Pure logic over (character, time) pairs; the UI layer feeds it key events
// and replays whatever turns out to be typing.
class WedgeDetector
{
public:
    struct Config
    {
        int maxGapMs = 40; // scanners send a key every few ms; people rarely type faster than 40 ms per key
        int minLength = 4; // shorter bursts are typing, even if fast
        QString prefix; // stripped from scans when present (configured on the scanner)
        QString suffix;
        QString gsSubstitute; // how the scanner types FNC1/GS when it cannot send 0x1D (e.g. "<GS>"); empty: none
    };
    struct Outcome
    {
        enum class Kind
        {
            Pending,
            Scan,
            Typing
        };
        Kind kind = Kind::Pending;
        QString text; // the scan, or the characters that were typing and must be delivered
    };

    explicit WedgeDetector(Config config);
    const Config &config() const { return m_config; }

    // One character at `ms` (a terminator is '\r', '\n' or '\t'). Typing is returned as soon as it is certain.
    Outcome feed(QChar c, qint64 ms);
    // Called when no key came for maxGapMs: whatever is buffered was typing.
    QString flush();
    bool pending() const { return !m_buffer.isEmpty(); }

private:
    static bool isTerminator(QChar c) { return c == u'\r' || c == u'\n' || c == u'\t'; }
    QString cleaned(QString text) const;

    Config m_config;
    QString m_buffer;
    qint64 m_lastMs = 0;
};

} // namespace omnitill
