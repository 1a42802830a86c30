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
    peakBlocks = (frames + PeakBlock - 1) / PeakBlock;
    peaks.resize(peakBlocks * 2 * channels);
    computePeaks(0, peakBlocks);
}

void CallAudio::computePeaks(qint64 fromBlock, qint64 toBlock)
{
    // Peaks from every sample (min/max, never an average of signed samples).
    const qint16* s = samples.constData();
    for (int c = 0; c < channels; ++c) {
        qint16* out = peaks.data() + c * peakBlocks * 2;
        for (qint64 b = fromBlock; b < toBlock; ++b) {
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

void CallAudio::setLayout(const QString& channelLayout)
{
    if (channels != 2) {
        return;
    }
    const QJsonArray layout = QJsonDocument::fromJson(channelLayout.toUtf8()).array();
    for (int c = 0; c < layout.size() && c < 2; ++c) {
        if (layout.at(c).toString() == QLatin1String("agent")) {
            agentChannel = c;
        } else if (layout.at(c).toString() == QLatin1String("respondent")) {
            respondentChannel = c;
        }
    }
}

Result<std::shared_ptr<CallAudio>> CallAudio::open(
    std::shared_ptr<ByteSource> source, const QString& channelLayout, DurationBound bound)
{
    auto decoder = StreamDecoder::open(std::move(source), bound);
    if (!decoder) {
        return decoder.error();
    }
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = decoder.value()->sampleRate();
    a->channels = decoder.value()->channels();
    a->frames = decoder.value()->expectedFrames();
    if (a->frames <= 0) {
        return makeError(QStringLiteral("the audio does not say how long it is, and no length was stated"));
    }
    a->samples.resize(a->frames * a->channels); // silence until decoded; never reallocated while it plays
    a->peakBlocks = (a->frames + PeakBlock - 1) / PeakBlock;
    a->peaks.resize(a->peakBlocks * 2 * a->channels);
    a->setLayout(channelLayout);
    a->m_decoder = std::move(decoder.value());
    a->m_available.store(0, std::memory_order_release);
    return a;
}

Status CallAudio::decodeRest()
{
    if (!m_decoder) {
        return {};
    }
    // Written in place: the buffer was sized at open and is never reallocated, so readers of the published frames
    // never see it move.
    qint16* out = samples.data();
    constexpr qint64 Block = 16 * PeakBlock; // half a second at 8 kHz
    qint64 done = m_available.load(std::memory_order_relaxed);
    Status result;
    while (done < frames) {
        if (m_cancelled.load()) {
            result = makeError(QStringLiteral("the decoding was cancelled"));
            break;
        }
        auto got = m_decoder->read(out + done * channels, std::min(Block, frames - done));
        if (!got) {
            result = got.error();
            break;
        }
        if (got.value() == 0) {
            break; // ended within its bound, a little short of the header's length: the rest stays silent
        }
        const qint64 from = done / PeakBlock;
        done += got.value();
        computePeaks(from, done == frames ? peakBlocks : done / PeakBlock);
        m_available.store(done, std::memory_order_release);
    }
    if (result && done == frames) {
        // The header's length is reached: the decoder still checks that the file ends within the bound.
        std::vector<qint16> rest(size_t(PeakBlock) * channels);
        for (;;) {
            auto more = m_decoder->read(rest.data(), PeakBlock);
            if (!more) {
                result = more.error();
                break;
            }
            if (more.value() == 0) {
                break;
            }
        }
    }
    if (result) {
        computePeaks(done / PeakBlock, peakBlocks);
        m_available.store(frames, std::memory_order_release);
    }
    m_decoder.reset(); // the source's bytes go with it
    return result;
}

Result<std::shared_ptr<CallAudio>> CallAudio::decode(
    const QByteArray& bytes, const QString& channelLayout, DurationBound bound)
{
    auto a = open(std::make_unique<MemoryByteSource>(bytes), channelLayout, bound);
    if (!a) {
        return a.error();
    }
    if (auto st = a.value()->decodeRest(); !st) {
        return st.error();
    }
    return a;
}

} // namespace Earmark
