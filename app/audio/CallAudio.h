#pragma once

#include "audio/AudioDecoder.h"
#include "audio/StreamDecoder.h"

#include <QList>
#include <QVector>
#include <atomic>
#include <memory>

namespace Earmark {

// A call's decoded audio, in memory only (wiped when released), with waveform peaks and the speakers' channels.
// Opened for streaming, its length, rate and channels are known at once and the samples arrive while it plays: the
// first availableFrames() frames and their peaks are final; the rest are silence until decoded.
struct CallAudio
{
    int sampleRate = 0;
    int channels = 0;
    qint64 frames = 0; // the length, fixed before any frame is published
    QVector<qint16> samples; // interleaved, frames * channels (allocated whole when streaming)
    int agentChannel = -1; // -1: mono or mixed (speakers cannot be separated)
    int respondentChannel = -1;

    static constexpr int PeakBlock = 256; // frames per min/max pair
    QVector<qint16> peaks; // per channel, per block: min, max (channel-major: channel c at c * blocks * 2)
    qint64 peakBlocks = 0;

    CallAudio() = default;
    ~CallAudio();
    CallAudio(const CallAudio&) = delete;
    CallAudio& operator=(const CallAudio&) = delete;

    double durationS() const { return sampleRate ? double(frames) / sampleRate : 0; }
    bool speakersSeparable() const { return agentChannel >= 0 && respondentChannel >= 0; }
    // Frames decoded so far (all of them for audio not streamed); samples and peaks below it are final.
    qint64 availableFrames() const
    {
        const qint64 v = m_available.load(std::memory_order_acquire);
        return v < 0 ? frames : v;
    }
    bool complete() const { return availableFrames() >= frames; }

    // Computes peaks from samples (min/max of every sample per block and channel), for blocks [from, to).
    void computePeaks();
    void computePeaks(qint64 fromBlock, qint64 toBlock);

    // Where each speaker turn starts, from the two speakers' channels (for calls without a transcript): a turn
    // starts when the other speaker takes over after a pause. Empty when the speakers share a channel.
    QList<double> turnStarts() const;

    // Opens audio for streaming: the length (bounded by the stated length), rate and channels are read from the file
    // and the samples allocated as silence; decodeRest() fills them. channelLayout is the sidecar's JSON text.
    static Result<std::shared_ptr<CallAudio>> open(
        std::shared_ptr<ByteSource> source, const QString& channelLayout, DurationBound bound = {});
    // Decodes the rest (on a pool thread, while the audio plays), publishing frames and peaks as they come; stops
    // early, with an error, when cancelled or when the audio does not decode within its bound.
    Status decodeRest();
    // Asks a running decodeRest() to stop (the audio is no longer wanted).
    void cancelDecode() const { m_cancelled.store(true); }

    // Decodes audio bytes (from the cache) whole and computes peaks.
    static Result<std::shared_ptr<CallAudio>> decode(
        const QByteArray& bytes, const QString& channelLayout, DurationBound bound = {});

private:
    void setLayout(const QString& channelLayout);

    std::unique_ptr<StreamDecoder> m_decoder;
    std::atomic<qint64> m_available {-1}; // -1: not streamed (every frame is there)
    mutable std::atomic<bool> m_cancelled {false};
};

} // namespace Earmark
