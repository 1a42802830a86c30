#include "audio/CallAudio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstring>

namespace Earmark {

CallAudio::~CallAudio()
{
    if (!samples.isEmpty() && samples.isDetached()) {
        std::memset(samples.data(), 0, samples.size() * sizeof(qint16));
    }
}

void CallAudio::computePeaks()
{
    // Peaks from every sample (min/max, never an average of signed samples).
    peakBlocks = (frames + PeakBlock - 1) / PeakBlock;
    peaks.resize(peakBlocks * 2 * channels);
    const qint16* s = samples.constData();
    for (int c = 0; c < channels; ++c) {
        qint16* out = peaks.data() + c * peakBlocks * 2;
        for (qint64 b = 0; b < peakBlocks; ++b) {
            qint16 lo = 0;
            qint16 hi = 0;
            const qint64 end = std::min(frames, (b + 1) * PeakBlock);
            for (qint64 f = b * PeakBlock; f < end; ++f) {
                const qint16 v = s[f * channels + c];
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            out[b * 2] = lo;
            out[b * 2 + 1] = hi;
        }
    }
}

QList<double> CallAudio::turnStarts() const
{
    QList<double> starts;
    if (!speakersSeparable() || peakBlocks == 0) {
        return starts;
    }
    constexpr int Threshold = 1500; // about -27 dBFS: speech, not line noise
    const double blockSeconds = double(PeakBlock) / sampleRate;
    const qint16* agent = peaks.constData() + agentChannel * peakBlocks * 2;
    const qint16* respondent = peaks.constData() + respondentChannel * peakBlocks * 2;
    int current = -1; // 0 agent, 1 respondent
    qint64 silentBlocks = 0;
    for (qint64 b = 0; b < peakBlocks; ++b) {
        const int a = std::max(-int(agent[2 * b]), int(agent[2 * b + 1]));
        const int r = std::max(-int(respondent[2 * b]), int(respondent[2 * b + 1]));
        const int speaker = a > Threshold && a >= r ? 0 : r > Threshold ? 1 : -1;
        if (speaker < 0) {
            ++silentBlocks;
            continue;
        }
        // A new turn: the other speaker, or the same one after a pause of over a second.
        if (speaker != current || silentBlocks * blockSeconds > 1.0) {
            starts << b * blockSeconds;
            current = speaker;
        }
        silentBlocks = 0;
    }
    return starts;
}

Result<std::shared_ptr<CallAudio>> CallAudio::decode(const QByteArray& bytes, const QString& channelLayout)
{
    auto decoded = AudioDecoder::decode(bytes);
    if (!decoded) {
        return decoded.error();
    }
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = decoded->sampleRate;
    a->channels = decoded->channels;
    a->frames = decoded->frames;
    a->samples = std::move(decoded->samples);
    if (a->channels == 2) {
        const QJsonArray layout = QJsonDocument::fromJson(channelLayout.toUtf8()).array();
        for (int c = 0; c < layout.size() && c < 2; ++c) {
            if (layout.at(c).toString() == QLatin1String("agent")) {
                a->agentChannel = c;
            } else if (layout.at(c).toString() == QLatin1String("respondent")) {
                a->respondentChannel = c;
            }
        }
    }
    a->computePeaks();
    return a;
}

} // namespace Earmark
