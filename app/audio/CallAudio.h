#pragma once

#include "audio/AudioDecoder.h"

#include <QList>
#include <QVector>
#include <memory>

namespace Earmark {

// A call's decoded audio, in memory only (wiped when released), with waveform peaks and the speakers' channels.
struct CallAudio
{
    int sampleRate = 0;
    int channels = 0;
    qint64 frames = 0;
    QVector<qint16> samples; // interleaved
    int agentChannel = -1; // -1: mono or mixed (speakers cannot be separated)
    int respondentChannel = -1;

    static constexpr int PeakBlock = 256; // frames per min/max pair
    QVector<qint16> peaks; // per channel, per block: min, max (channel-major: channel c at c * blocks * 2)
    qint64 peakBlocks = 0;

    ~CallAudio();
    double durationS() const { return sampleRate ? double(frames) / sampleRate : 0; }
    bool speakersSeparable() const { return agentChannel >= 0 && respondentChannel >= 0; }

    // Computes peaks from samples (min/max of every sample per block and channel).
    void computePeaks();

    // Where each speaker turn starts, from the two speakers' channels (for calls without a transcript): a turn
    // starts when the other speaker takes over after a pause. Empty when the speakers share a channel.
    QList<double> turnStarts() const;

    // Decodes audio bytes (from the cache) and computes peaks; channelLayout is the sidecar's JSON text.
    static Result<std::shared_ptr<CallAudio>> decode(const QByteArray& bytes, const QString& channelLayout);
};

} // namespace Earmark
