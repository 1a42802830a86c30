#include "anonymise/AudioRedaction.h"

#include <cmath>

namespace Earmark::Anonymise {

qint16 toneSample(qint64 frameInSpan, int sampleRate)
{
    constexpr double Hz = 1000;
    constexpr double Level = 0.25 * 32767; // about -12 dBFS: clearly a bleep, never clipping
    return qint16(std::lround(Level * std::sin(2 * M_PI * Hz * double(frameInSpan) / sampleRate)));
}

void redactAudio(
    QVector<qint16>& samples, int channels, int sampleRate, const QList<Redaction>& redactions, bool silence)
{
    if (channels < 1 || sampleRate < 1) {
        return;
    }
    const qint64 frames = samples.size() / channels;
    for (const Redaction& r : redactions) {
        const qint64 from = std::clamp<qint64>(qint64(std::floor(r.startS * sampleRate)), 0, frames);
        const qint64 to = std::clamp<qint64>(qint64(std::ceil(r.endS * sampleRate)), from, frames);
        for (qint64 f = from; f < to; ++f) {
            const qint16 v = silence ? qint16(0) : toneSample(f - from, sampleRate);
            for (int c = 0; c < channels; ++c) {
                samples[f * channels + c] = v;
            }
        }
    }
}

} // namespace Earmark::Anonymise
