// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/wedgedetector.h"

namespace omnitill {

WedgeDetector::WedgeDetector(Config config)
    : m_config(std::move(config))
{ }

QString WedgeDetector::cleaned(QString text) const
{
    if (!m_config.prefix.isEmpty() && text.startsWith(m_config.prefix))
        text.remove(0, m_config.prefix.size());
    if (!m_config.suffix.isEmpty() && text.endsWith(m_config.suffix))
        text.chop(m_config.suffix.size());
    if (!m_config.gsSubstitute.isEmpty())
        text.replace(m_config.gsSubstitute, QString(QChar(0x1D)));
    return text;
}

WedgeDetector::Outcome WedgeDetector::feed(QChar c, qint64 ms)
{
    Outcome out;
    const bool slow = !m_buffer.isEmpty() && ms - m_lastMs > m_config.maxGapMs;
    if (slow) {
        // The burst, if any, ended: what is buffered was typed by hand.
        out.kind = Outcome::Kind::Typing;
        out.text = m_buffer;
        m_buffer.clear();
    }
    m_lastMs = ms;
    if (isTerminator(c)) {
        if (m_buffer.size() >= m_config.minLength) {
            out.kind = Outcome::Kind::Scan;
            out.text = cleaned(m_buffer);
            m_buffer.clear();
            return out;
        }
        // A terminator after typing (or a short fast run) is typing too.
        out.kind = Outcome::Kind::Typing;
        out.text += m_buffer + c;
        m_buffer.clear();
        return out;
    }
    m_buffer += c;
    return out;
}

QString WedgeDetector::flush()
{
    QString typed = m_buffer;
    m_buffer.clear();
    return typed;
}

} // namespace omnitill
