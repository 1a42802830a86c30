#pragma once

#include "audio/AudioDecoder.h"
#include "audio/PcmWindow.h"
#include "audio/StreamDecoder.h"

#include <QList>
#include <QVector>
#include <atomic>
#include <memory>

namespace Earmark {

// A call's decoded audio, in memory only (wiped when released), with waveform peaks and the speakers' channels.
// Opened for streaming, its length, rate and channels are known at once and the samples arrive while it plays: the
// first availableFrames() frames and their peaks are final; the rest are silence until decoded. Streamed samples are
// held in a PcmWindow (a long call's far parts decoded again when needed); decoded whole, they are in samples. Read
// them with copyFrames().
struct CallAudio
{
    int sampleRate = 0;
    int channels = 0;
    qint64 frames = 0; // the length, fixed before any frame is published
    QVector<qint16> samples; // interleaved, frames * channels, when decoded whole or built in memory (not streamed)
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

    // Copies frames [from, from + count) (interleaved) into out as far as they are decoded and held; returns how many.
    // Fewer than count when the next ones are still to be decoded (then they are on their way). Any thread.
    qint64 copyFrames(qint64 from, qint64 count, qint16* out) const;
    // Bytes of decoded samples held now (the peaks aside).
    qint64 heldSampleBytes() const;

    // Computes peaks from samples (min/max of every sample per block and channel), for blocks [from, to).
    void computePeaks();
    void computePeaks(qint64 fromBlock, qint64 toBlock);

    // Where each speaker turn starts, from the two speakers' channels (for calls without a transcript): a turn
    // starts when the other speaker takes over after a pause. Empty when the speakers share a channel.
    QList<double> turnStarts() const;

    // Opens audio for streaming: the length (bounded by the stated length), rate and channels are read from the file
    // and the samples allocated as silence; decodeRest() fills them. channelLayout is the sidecar's JSON text.
    // At most windowBytes of samples are held at once (a call that fits is held whole).
    static Result<std::shared_ptr<CallAudio>> open(std::shared_ptr<ByteSource> source, const QString& channelLayout,
        DurationBound bound = {}, qint64 windowBytes = PcmWindow::DefaultBytes);
    // Decodes the rest (on a pool thread, while the audio plays), publishing frames and peaks as they come; stops
    // early, with an error, when cancelled or when the audio does not decode within its bound.
    Status decodeRest();
    // Asks a running decodeRest() to stop (the audio is no longer wanted).
    void cancelDecode() const;

    // Decodes audio bytes (from the cache) whole and computes peaks.
    static Result<std::shared_ptr<CallAudio>> decode(
        const QByteArray& bytes, const QString& channelLayout, DurationBound bound = {});

private:
    void setLayout(const QString& channelLayout);
    // Merges the min/max of decoded frames [first, first + count) into the peaks.
    void addPeaks(const qint16* s, qint64 first, qint64 count);

    std::shared_ptr<PcmWindow> m_window; // streamed
    std::atomic<qint64> m_available {-1}; // -1: not streamed (every frame is there)
    mutable std::atomic<bool> m_cancelled {false};
};

} // namespace Earmark
