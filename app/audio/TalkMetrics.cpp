#include "audio/TalkMetrics.h"

namespace Earmark {

std::optional<TalkMetrics> TalkMetrics::measure(const CallAudio& audio)
{
    if (!audio.speakersSeparable() || audio.peakBlocks == 0) {
        return std::nullopt;
    }
    constexpr int Threshold = 1500; // speech, not line noise (about -27 dBFS)
    const double dt = double(CallAudio::PeakBlock) / audio.sampleRate;
    const qint16* agent = audio.peaks.constData() + audio.agentChannel * audio.peakBlocks * 2;
    const qint16* respondent = audio.peaks.constData() + audio.respondentChannel * audio.peakBlocks * 2;
    auto active = [](const qint16* p, qint64 b) { return std::max(-int(p[2 * b]), int(p[2 * b + 1])) > Threshold; };

    TalkMetrics m;
    qint64 silentRun = 0;
    qint64 overtalkRun = 0;
    bool anyoneSpoke = false;
    const qint64 minOvertalkBlocks = qint64(0.3 / dt + 0.5);
    for (qint64 b = 0; b < audio.peakBlocks; ++b) {
        const bool a = active(agent, b);
        const bool r = active(respondent, b);
        m.agentTalkS += a ? dt : 0;
        m.respondentTalkS += r ? dt : 0;
        if (!a && !r) {
            ++silentRun;
        } else {
            if (anyoneSpoke && silentRun * dt > m.longestSilenceS) {
                m.longestSilenceS = silentRun * dt;
                m.longestSilenceAtS = (b - silentRun) * dt;
            }
            anyoneSpoke = true;
            silentRun = 0;
        }
        if (a && r) {
            // Only stretches of overtalk count, whole (a word's overlap at a turn change is not talking over).
            if (++overtalkRun == minOvertalkBlocks) {
                ++m.overtalkEpisodes;
                m.overtalkS += minOvertalkBlocks * dt;
            } else if (overtalkRun > minOvertalkBlocks) {
                m.overtalkS += dt;
            }
        } else {
            overtalkRun = 0;
        }
    }
    m.talkListenRatio = m.respondentTalkS > 0 ? m.agentTalkS / m.respondentTalkS : 0;
    return m;
}

} // namespace Earmark
