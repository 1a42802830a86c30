#include "player/CallAudio.h"

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
    // Peaks from every sample (min/max, never an average of signed samples).
    a->peakBlocks = (a->frames + PeakBlock - 1) / PeakBlock;
    a->peaks.resize(a->peakBlocks * 2 * a->channels);
    const qint16* s = a->samples.constData();
    for (int c = 0; c < a->channels; ++c) {
        qint16* out = a->peaks.data() + c * a->peakBlocks * 2;
        for (qint64 b = 0; b < a->peakBlocks; ++b) {
            qint16 lo = 0;
            qint16 hi = 0;
            const qint64 end = std::min(a->frames, (b + 1) * PeakBlock);
            for (qint64 f = b * PeakBlock; f < end; ++f) {
                const qint16 v = s[f * a->channels + c];
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            out[b * 2] = lo;
            out[b * 2 + 1] = hi;
        }
    }
    return a;
}

} // namespace Earmark
