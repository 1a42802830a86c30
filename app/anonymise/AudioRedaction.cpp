#include "anonymise/AudioRedaction.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Earmark::Anonymise {

namespace {
constexpr double FullScale = 32767;

struct FrameSpan
{
    qint64 from;
    qint64 to;
};

QList<FrameSpan> framesOf(const QList<Redaction>& redactions, int sampleRate, qint64 frames)
{
    QList<FrameSpan> spans;
    for (const Redaction& r : redactions) {
        const qint64 from = std::clamp<qint64>(qint64(std::floor(r.startS * sampleRate)), 0, frames);
        spans.append({from, std::clamp<qint64>(qint64(std::ceil(r.endS * sampleRate)), from, frames)});
    }
    return spans;
}
} // namespace

double bleepLevel(const QVector<qint16>& samples, int channels, int sampleRate, const QList<Redaction>& redactions)
{
    constexpr double Quietest = 0.0316 * FullScale; // -30 dBFS
    constexpr double Loudest = 0.25 * FullScale; // -12 dBFS: clearly a bleep, never clipping
    constexpr double Silent = 0.1 * FullScale; // -20 dBFS
    constexpr double SpeechFloor = 0.01 * FullScale; // -40 dBFS: above line noise
    if (channels < 1 || sampleRate < 1) {
        return Silent;
    }
    const qint64 frames = samples.size() / channels;
    const QList<FrameSpan> spans = framesOf(redactions, sampleRate, frames);
    const qint64 block = std::max(1, sampleRate / 50);
    std::vector<double> speech;
    for (qint64 start = 0; start + block <= frames; start += block) {
        const bool redacted = std::any_of(
            spans.cbegin(), spans.cend(), [&](const FrameSpan& s) { return s.from < start + block && start < s.to; });
        if (redacted) {
            continue;
        }
        // Each channel alone: on a two-speaker recording one speaks while the other listens.
        for (int c = 0; c < channels; ++c) {
            double sum = 0;
            for (qint64 f = start; f < start + block; ++f) {
                const double v = samples[f * channels + c];
                sum += v * v;
            }
            const double rms = std::sqrt(sum / double(block));
            if (rms > SpeechFloor) {
                speech.push_back(rms);
            }
        }
    }
    if (speech.empty()) {
        return Silent;
    }
    std::nth_element(speech.begin(), speech.begin() + speech.size() / 2, speech.end());
    return std::clamp(speech[speech.size() / 2] * std::sqrt(2.0), Quietest, Loudest);
}

qint16 toneSample(qint64 frameInSpan, qint64 spanFrames, int sampleRate, double level)
{
    constexpr double Hz = 1000;
    const double fadeFrames = std::max(1.0, sampleRate * 0.005);
    const double edge = double(std::min(frameInSpan, spanFrames - 1 - frameInSpan));
    const double gain = std::clamp(edge / fadeFrames, 0.0, 1.0);
    return qint16(std::lround(gain * level * std::sin(2 * M_PI * Hz * double(frameInSpan) / sampleRate)));
}

void redactAudio(
    QVector<qint16>& samples, int channels, int sampleRate, const QList<Redaction>& redactions, bool silence)
{
    if (channels < 1 || sampleRate < 1) {
        return;
    }
    const qint64 frames = samples.size() / channels;
    const double level = silence ? 0 : bleepLevel(samples, channels, sampleRate, redactions);
    for (const FrameSpan& s : framesOf(redactions, sampleRate, frames)) {
        for (qint64 f = s.from; f < s.to; ++f) {
            const qint16 v = silence ? qint16(0) : toneSample(f - s.from, s.to - s.from, sampleRate, level);
            for (int c = 0; c < channels; ++c) {
                samples[f * channels + c] = v;
            }
        }
    }
}

} // namespace Earmark::Anonymise
