#pragma once

#include "audio/CallAudio.h"

#include <QIODevice>
#include <QMutex>
#include <memory>
#include <vector>

namespace soundtouch {
class SoundTouch;
}

namespace Earmark {

// How both speakers of a two-channel call reach the ears: centred (each speaker in both ears: easy on headphones all
// day), a slight spread (the agent a little to one side, the respondent to the other), or split as recorded (one in
// each ear).
enum class StereoMix
{
    Centred,
    Spread,
    Split,
};

enum class Listen
{
    Both,
    Agent,
    Respondent,
};

// Feeds a QAudioSink from a call's decoded audio: 16-bit stereo at the call's rate, from the first decoded seconds of a
// streaming decode (ahead of the decoder it plays silence and holds the clock). Applies the listening mode
// (both speakers as recorded, or one speaker in both ears), loops A-B without a gap, and changes speed with the
// pitch kept (SoundTouch, speech settings; bypassed at 1x, where the position is exact to the frame). Every run
// of output is recorded as a segment (output frame -> source frame, speed) so that the frames the sink has
// played map back to the call's timeline. Control calls may come from any thread.
class PcmSource : public QIODevice
{
    Q_OBJECT

public:
    explicit PcmSource(std::shared_ptr<const CallAudio> audio, QObject* parent = nullptr);
    ~PcmSource() override;

    static constexpr int OutputChannels = 2;

    // Moves the read position (and starts a new output timeline at output frame 0).
    void restartAt(qint64 sourceFrame);
    void setSpeed(double speed);
    double speed() const;
    void setListen(Listen listen);
    void setMix(StereoMix mix);
    // Loop between two source frames; an empty range clears it.
    void setLoop(qint64 startFrame, qint64 endFrame);
    void clearLoop();

    // The source frame heard when the sink has played outputFrames frames since the last restart.
    qint64 sourceFrameAt(qint64 outputFrames) const;
    qint64 cursor() const;
    bool finished() const;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    struct Segment
    {
        qint64 outStart;
        qint64 srcStart;
        double speed;
    };
    void startSegment(qint64 outFrame, double speed);
    // Copies up to want frames from the cursor into m_in; 0 (and the rest of out silent, the clock held) while they are
    // still to be decoded.
    qint64 fetch(qint16* out, qint64 done, qint64 frames, qint64 want);
    void frameOut(const qint16* frame, qint16& left, qint16& right) const;
    qint64 produceDirect(qint16* out, qint64 frames);
    qint64 produceStretched(qint16* out, qint64 frames);

    std::shared_ptr<const CallAudio> m_audio;
    std::unique_ptr<soundtouch::SoundTouch> m_stretch;
    std::vector<qint16> m_in; // the call's frames being played, as decoded
    mutable QMutex m_mutex;
    QVector<Segment> m_segments;
    qint64 m_cursor = 0; // next source frame to read
    qint64 m_produced = 0; // output frames since the last restart
    double m_speed = 1.0;
    Listen m_listen = Listen::Both;
    StereoMix m_mix = StereoMix::Centred;
    qint64 m_loopStart = -1;
    qint64 m_loopEnd = -1;
    bool m_drained = false;
    bool m_waiting = false;
};

} // namespace Earmark
