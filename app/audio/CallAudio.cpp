#include "audio/CallAudio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstring>

namespace Earmark {

CallAudio::~CallAudio()
{
    if (m_window) {
        m_window->stop(); // a decode still running drops its results (and the window goes with the last of them)
    }
    if (!samples.isEmpty() && samples.isDetached()) {
        std::memset(samples.data(), 0, samples.size() * sizeof(qint16));
    }
}

void CallAudio::cancelDecode() const
{
    m_cancelled.store(true);
    if (m_window) {
        m_window->stop();
    }
}

qint64 CallAudio::copyFrames(qint64 from, qint64 count, qint16* out) const
{
    if (from < 0 || count <= 0 || from >= frames) {
        return 0;
    }
    count = std::min(count, frames - from);
    if (m_window) {
        return m_window->copy(from, count, out);
    }
    const qint64 n = std::min(count, availableFrames() - from);
    if (n <= 0 || samples.size() < (from + n) * channels) {
        return 0;
    }
    std::memcpy(out, samples.constData() + from * channels, size_t(n * channels) * sizeof(qint16));
    return n;
}

qint64 CallAudio::heldSampleBytes() const
{
    return m_window ? m_window->heldBytes() : qint64(samples.size()) * qint64(sizeof(qint16));
}

void CallAudio::addPeaks(const qint16* s, qint64 first, qint64 count)
{
    for (int c = 0; c < channels; ++c) {
        qint16* out = peaks.data() + c * peakBlocks * 2;
        for (qint64 f = first; f < first + count;) {
            const qint64 b = f / PeakBlock;
            const qint64 end = std::min(first + count, (b + 1) * PeakBlock);
            qint16 lo = out[b * 2];
            qint16 hi = out[b * 2 + 1];
            for (; f < end; ++f) {
                const qint16 v = s[(f - first) * channels + c];
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            out[b * 2] = lo;
            out[b * 2 + 1] = hi;
        }
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
    std::shared_ptr<ByteSource> source, const QString& channelLayout, DurationBound bound, qint64 windowBytes)
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
    a->peakBlocks = (a->frames + PeakBlock - 1) / PeakBlock;
    a->peaks.resize(a->peakBlocks * 2 * a->channels); // silence until decoded; never reallocated while it plays
    a->setLayout(channelLayout);
    a->m_window = std::make_shared<PcmWindow>(std::move(decoder.value()), a->frames, windowBytes);
    a->m_available.store(0, std::memory_order_release);
    return a;
}

Status CallAudio::decodeRest()
{
    if (!m_window) {
        return {};
    }
    Status st = m_window->decodeAll(
        [this](const qint16* s, qint64 first, qint64 count) { addPeaks(s, first, count); }, m_available, m_cancelled);
    if (st) {
        m_available.store(frames, std::memory_order_release); // a file a little short of its header: silence after
    }
    return st;
}

Result<std::shared_ptr<CallAudio>> CallAudio::decode(
    const QByteArray& bytes, const QString& channelLayout, DurationBound bound)
{
    auto decoder = StreamDecoder::open(std::make_shared<MemoryByteSource>(bytes), bound);
    if (!decoder) {
        return decoder.error();
    }
    StreamDecoder& d = *decoder.value();
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = d.sampleRate();
    a->channels = d.channels();
    a->frames = d.expectedFrames();
    if (a->frames <= 0) {
        return makeError(QStringLiteral("the audio does not say how long it is, and no length was stated"));
    }
    a->setLayout(channelLayout);
    a->samples.resize(a->frames * a->channels);
    qint64 done = 0;
    for (;;) {
        // Past the header's length too, so that the decoder checks where the file ends against the bound.
        std::vector<qint16> rest;
        qint16* out = nullptr;
        qint64 want = 4096;
        if (done < a->frames) {
            out = a->samples.data() + done * a->channels;
            want = std::min(want, a->frames - done);
        } else {
            rest.resize(size_t(want * a->channels));
            out = rest.data();
        }
        auto got = d.read(out, want);
        if (!got) {
            return got.error();
        }
        if (got.value() == 0) {
            break; // within its bound; a little short of the header's length leaves silence at the end
        }
        done += got.value();
    }
    a->computePeaks();
    return a;
}

} // namespace Earmark
