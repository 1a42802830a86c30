#include "player/PlayerEngine.h"

#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>
#include <QTimer>

namespace Earmark {

// Lives in the audio thread: owns the sink, publishes the position.
class OutputWorker : public QObject
{
    Q_OBJECT

public:
    explicit OutputWorker(std::shared_ptr<std::atomic<qint64>> position)
        : m_position(std::move(position))
    { }

    void attach(std::shared_ptr<PcmSource> source, int rate)
    {
        detach();
        m_source = std::move(source);
        m_rate = rate;
        m_source->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (!m_timer) {
            m_timer = new QTimer(this);
            m_timer->setInterval(15);
            connect(m_timer, &QTimer::timeout, this, &OutputWorker::publish);
        }
    }

    void detach()
    {
        if (m_sink) {
            m_sink->stop();
            delete m_sink;
            m_sink = nullptr;
        }
        if (m_timer) {
            m_timer->stop();
        }
        m_source.reset();
    }

    void start(qint64 frame, double volume)
    {
        if (!m_source) {
            return;
        }
        if (!m_sink) {
            const QAudioDevice device = QMediaDevices::defaultAudioOutput();
            if (device.isNull()) {
                Q_EMIT stopped(false, tr("No audio output: check that a sound device or PulseAudio is available."));
                return;
            }
            QAudioFormat format;
            format.setSampleRate(m_rate);
            format.setChannelCount(PcmSource::OutputChannels);
            format.setSampleFormat(QAudioFormat::Int16);
            m_sink = new QAudioSink(device, format, this);
            connect(m_sink, &QAudioSink::stateChanged, this, &OutputWorker::onState);
        }
        m_starting = true;
        m_sink->stop();
        m_source->restartAt(frame);
        m_position->store(frame);
        // About 100 ms, set before every start (the notes: it shrinks each cycle otherwise).
        m_sink->setBufferSize(m_rate * PcmSource::OutputChannels * 2 / 10);
        m_sink->setVolume(volume);
        m_sink->start(m_source.get());
        m_starting = false;
        m_timer->start();
        if (m_sink->error() == QAudio::OpenError) {
            Q_EMIT stopped(false, tr("The audio output could not be opened: check the sound settings."));
        }
    }

    void suspend()
    {
        if (m_sink) {
            publish();
            m_sink->suspend();
            m_timer->stop();
        }
    }

    void resume()
    {
        if (m_sink) {
            m_sink->resume();
            m_timer->start();
        }
    }

    void halt()
    {
        if (m_sink) {
            publish();
            m_starting = true;
            m_sink->stop();
            m_starting = false;
            m_timer->stop();
        }
    }

    void setVolume(double v)
    {
        if (m_sink) {
            m_sink->setVolume(v);
        }
    }

Q_SIGNALS:
    void stopped(bool reachedEnd, const QString& error);

private:
    void publish()
    {
        if (!m_sink || !m_source) {
            return;
        }
        const qint64 played = m_sink->processedUSecs() * m_rate / 1000000;
        m_position->store(m_source->sourceFrameAt(played));
    }

    void onState(QAudio::State state)
    {
        if (m_starting) {
            return;
        }
        if (state == QAudio::IdleState && m_source && m_source->finished()) {
            publish();
            m_sink->stop();
            m_timer->stop();
            m_position->store(m_source->sourceFrameAt(1LL << 40));
            Q_EMIT stopped(true, {});
        } else if (state == QAudio::StoppedState && m_sink->error() != QAudio::NoError
            && m_sink->error() != QAudio::UnderrunError) {
            m_timer->stop();
            Q_EMIT stopped(false, tr("Audio output error: check the sound settings."));
        }
    }

    std::shared_ptr<std::atomic<qint64>> m_position;
    std::shared_ptr<PcmSource> m_source;
    QAudioSink* m_sink = nullptr;
    QTimer* m_timer = nullptr;
    int m_rate = 8000;
    bool m_starting = false;
};

PlayerEngine::PlayerEngine(QObject* parent)
    : QObject(parent)
    , m_positionFrame(std::make_shared<std::atomic<qint64>>(0))
{
    m_thread.setObjectName(QStringLiteral("earmark-audio"));
    m_worker = new OutputWorker(m_positionFrame);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &OutputWorker::stopped, this, &PlayerEngine::onWorkerStopped);
    m_thread.start(QThread::TimeCriticalPriority);
}

PlayerEngine::~PlayerEngine()
{
    // Drop our references first, so that the audio thread holds the last one to the source and deletes it
    // (deleteLater) before it finishes.
    m_source.reset();
    m_audio.reset();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->detach(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void PlayerEngine::load(std::shared_ptr<const CallAudio> audio)
{
    unload();
    m_audio = std::move(audio);
    auto source = std::shared_ptr<PcmSource>(new PcmSource(m_audio), [](PcmSource* s) { s->deleteLater(); });
    source->setSpeed(m_speed);
    source->setListen(m_listen);
    source->setMix(m_mix);
    source->moveToThread(&m_thread);
    m_source = source;
    m_positionFrame->store(0);
    m_loopStart = m_loopEnd = 0;
    const int rate = m_audio->sampleRate;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, source, rate] { w->attach(source, rate); });
    setState(State::Stopped);
}

void PlayerEngine::unload()
{
    if (!m_audio) {
        return;
    }
    m_source.reset(); // the audio thread releases the last reference and deletes the source
    m_audio.reset();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->detach(); }, Qt::BlockingQueuedConnection);
    m_positionFrame->store(0);
    setState(State::Empty);
}

void PlayerEngine::play()
{
    if (!m_audio || m_state == State::Playing) {
        return;
    }
    if (m_state == State::Paused) {
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->resume(); });
    } else {
        qint64 frame = m_positionFrame->load();
        if (frame >= m_audio->frames) {
            frame = 0; // play again from the start
        }
        const double volume = m_volume;
        QMetaObject::invokeMethod(m_worker, [w = m_worker, frame, volume] { w->start(frame, volume); });
    }
    setState(State::Playing);
}

void PlayerEngine::pause()
{
    if (m_state != State::Playing) {
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->suspend(); }, Qt::BlockingQueuedConnection);
    setState(State::Paused);
}

void PlayerEngine::togglePlay()
{
    m_state == State::Playing ? pause() : play();
}

void PlayerEngine::stop()
{
    if (!m_audio) {
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->halt(); }, Qt::BlockingQueuedConnection);
    m_positionFrame->store(0);
    setState(State::Stopped);
}

void PlayerEngine::seek(double seconds)
{
    if (!m_audio) {
        return;
    }
    const qint64 frame = std::clamp<qint64>(qint64(std::llround(seconds * m_audio->sampleRate)), 0, m_audio->frames);
    m_positionFrame->store(frame);
    if (m_state == State::Playing) {
        const double volume = m_volume;
        QMetaObject::invokeMethod(m_worker, [w = m_worker, frame, volume] { w->start(frame, volume); });
    } else if (m_state == State::Paused) {
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker] { w->halt(); }, Qt::BlockingQueuedConnection);
        m_positionFrame->store(frame);
        setState(State::Stopped);
    }
}

void PlayerEngine::skip(double deltaSeconds)
{
    seek(position() + deltaSeconds);
}

void PlayerEngine::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.5, 2.0);
    if (m_source) {
        m_source->setSpeed(m_speed);
    }
}

void PlayerEngine::setListen(Listen listen)
{
    m_listen = listen;
    if (m_source) {
        m_source->setListen(listen);
    }
}

void PlayerEngine::setMix(StereoMix mix)
{
    m_mix = mix;
    if (m_source) {
        m_source->setMix(mix);
    }
}

void PlayerEngine::setVolume(double volume)
{
    m_volume = std::clamp(volume, 0.0, 1.0);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, v = m_volume] { w->setVolume(v); });
}

void PlayerEngine::setLoop(double startSeconds, double endSeconds)
{
    if (!m_source || !m_audio) {
        return;
    }
    m_loopStart = std::min(startSeconds, endSeconds);
    m_loopEnd = std::max(startSeconds, endSeconds);
    const int rate = m_audio->sampleRate;
    m_source->setLoop(qint64(m_loopStart * rate), qint64(m_loopEnd * rate));
}

void PlayerEngine::clearLoop()
{
    m_loopStart = m_loopEnd = 0;
    if (m_source) {
        m_source->clearLoop();
    }
}

double PlayerEngine::position() const
{
    return m_audio ? double(m_positionFrame->load()) / m_audio->sampleRate : 0;
}

void PlayerEngine::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void PlayerEngine::onWorkerStopped(bool reachedEnd, const QString& error)
{
    if (!error.isEmpty()) {
        setState(m_audio ? State::Stopped : State::Empty);
        Q_EMIT errorOccurred(error);
        return;
    }
    if (reachedEnd) {
        setState(State::Stopped);
        Q_EMIT finished();
    }
}

} // namespace Earmark

#include "PlayerEngine.moc"
