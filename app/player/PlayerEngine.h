#pragma once

#include "player/PcmSource.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace Earmark {

class OutputWorker;

// The review player's engine. The audio output (QAudioSink) and the PCM source live in their own thread, so a
// busy window never makes playback stutter; this facade lives in the GUI thread. The position is published by the
// audio thread every 15 ms from what the sink has actually played, mapped through the source's segments: exact to
// the frame at 1x (evidence), within a few tens of milliseconds when stretched.
class PlayerEngine : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Empty,
        Stopped,
        Playing,
        Paused,
    };
    Q_ENUM(State)

    explicit PlayerEngine(QObject* parent = nullptr);
    ~PlayerEngine() override;

    void load(std::shared_ptr<const CallAudio> audio);
    void unload();
    std::shared_ptr<const CallAudio> audio() const { return m_audio; }

    void play();
    void pause();
    void togglePlay();
    void stop();
    void seek(double seconds);
    void skip(double deltaSeconds);
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    void setListen(Listen listen);
    Listen listen() const { return m_listen; }
    void setMix(StereoMix mix);
    StereoMix mix() const { return m_mix; }
    void setVolume(double volume);
    void setLoop(double startSeconds, double endSeconds);
    void clearLoop();
    bool looping() const { return m_loopEnd > m_loopStart; }
    double loopStart() const { return m_loopStart; }
    double loopEnd() const { return m_loopEnd; }

    double position() const;
    double duration() const { return m_audio ? m_audio->durationS() : 0; }
    State state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(Earmark::PlayerEngine::State state);
    void errorOccurred(const QString& message);
    void finished();

private:
    void setState(State state);
    void onWorkerStopped(bool reachedEnd, const QString& error);

    QThread m_thread;
    OutputWorker* m_worker = nullptr;
    std::shared_ptr<const CallAudio> m_audio;
    std::shared_ptr<PcmSource> m_source;
    std::shared_ptr<std::atomic<qint64>> m_positionFrame;
    State m_state = State::Empty;
    double m_speed = 1.0;
    double m_volume = 1.0;
    Listen m_listen = Listen::Both;
    StereoMix m_mix = StereoMix::Centred;
    double m_loopStart = 0;
    double m_loopEnd = 0;
};

} // namespace Earmark
