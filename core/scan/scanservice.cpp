// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scan/scanservice.h"
#include "core/scan/decoderclient.h"
#include "core/scan/logging.h"

namespace omnitill {

ScanService::ScanService(Clock clock, Config config, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_config(config)
{ }

void ScanService::setDecoder(DecoderClient *decoder)
{
    if (m_decoder)
        disconnect(m_decoder, nullptr, this, nullptr);
    m_decoder = decoder;
    if (m_decoder) {
        connect(m_decoder, &DecoderClient::decoded, this, &ScanService::submit);
        connect(m_decoder, &DecoderClient::runningChanged, this, &ScanService::decoderStateChanged);
        connect(m_decoder, &DecoderClient::errorOccurred, this, &ScanService::errorOccurred);
        connect(m_decoder, &DecoderClient::unreadableCode, this, &ScanService::errorOccurred);
    }
    Q_EMIT decoderStateChanged();
}

bool ScanService::prepareCamera()
{
    return m_decoder && m_decoder->start();
}

bool ScanService::offerFrame(const LumaFrame &frame, ScanMode mode, QRect roi)
{
    return m_decoder && m_decoder->decode(frame, mode, roi);
}

bool ScanService::isLinear(const ScanResult &result)
{
    const QString &id = result.symbologyId();
    if (id.size() < 2 || id[0] != u']')
        return true; // unknown: treated as the kind that can misread
    return QStringView(u"ECeAIFG").contains(id[1]);
}

bool ScanService::cameraAvailable() const
{
    return m_decoder && m_decoder->isRunning();
}

int ScanService::decoderRestarts() const
{
    return m_decoder ? int(m_decoder->stats().crashes) : 0;
}

void ScanService::submitKeyboard(const QString &typed)
{
    submit(ScanResult::fromKeyboard(typed, m_clock()));
}

void ScanService::submit(const ScanResult &result)
{
    if (!result.hasContent())
        return;
    const qint64 now = m_clock();
    if (result.source() == ScanResult::Source::Camera) {
        // Every code the camera has seen lately counts as still in view: with two symbols of one pack in the
        // picture, frames alternate between them, and neither may come back as new.
        for (auto it = m_cameraSeen.begin(); it != m_cameraSeen.end();)
            it = now - it.value() >= m_config.cameraRepeatMs ? m_cameraSeen.erase(it) : std::next(it);
        if (m_cameraSeen.contains(result.text())) {
            m_cameraSeen.insert(result.text(), now);
            ++m_stats.repeatsSuppressed;
            return;
        }
        if (m_config.linearReads > 1 && isLinear(result)) {
            for (auto it = m_unconfirmed.begin(); it != m_unconfirmed.end();)
                it = now - it->firstMs > m_config.linearWindowMs ? m_unconfirmed.erase(it) : std::next(it);
            Candidate &candidate = m_unconfirmed[result.text()];
            if (candidate.reads++ == 0)
                candidate.firstMs = now;
            if (candidate.reads < m_config.linearReads) {
                ++m_stats.unconfirmed;
                return; // a single read of a linear code may be a misread
            }
            m_unconfirmed.remove(result.text());
        }
        m_cameraSeen.insert(result.text(), now);
    }
    const QString itemKey = result.itemKey();
    const bool otherSymbol = result.text() != m_last.text() || result.symbologyId() != m_last.symbologyId();
    if (!itemKey.isEmpty() && otherSymbol && now - m_last.atMs() < m_config.sameItemMs && itemKey == m_last.itemKey()) {
        qCInfo(lcScanner) << "same pack, other symbol:" << result.symbologyId() << "after" << m_last.symbologyId()
                          << "for" << itemKey;
        ++m_stats.sameItemSuppressed;
        return;
    }
    m_last = ScanResult(result.text(), result.bytes(), result.symbologyId(), result.source(), now);
    Q_EMIT scanned(m_last);
}

} // namespace omnitill
