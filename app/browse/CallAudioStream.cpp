#include "browse/CallAudioStream.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent>

namespace Earmark {

using Opened = Result<std::shared_ptr<CallAudio>>;

CallAudioStream::CallAudioStream(QObject* parent)
    : QObject(parent)
{ }

CallAudioStream::~CallAudioStream()
{
    cancel();
}

void CallAudioStream::cancel()
{
    ++m_generation;
    m_check = {};
    if (m_audio) {
        m_audio->cancelDecode();
        m_audio.reset();
    }
}

void CallAudioStream::start(
    std::shared_ptr<ByteSource> source, const QString& channelLayout, double statedSeconds, WholeCheck check)
{
    cancel();
    const quint64 generation = m_generation;
    auto* opening = new QFutureWatcher<Opened>(this);
    connect(opening, &QFutureWatcher<Opened>::finished, this, [this, opening, generation] {
        opening->deleteLater();
        Opened result = opening->result();
        if (generation != m_generation) {
            if (result) {
                result.value()->cancelDecode();
            }
            return;
        }
        if (!result) {
            Q_EMIT failed(result.errorMessage());
            return;
        }
        m_audio = result.value();
        Q_EMIT opened(m_audio);
        if (generation != m_generation || !m_audio) {
            return; // a slot of opened() cancelled or started again
        }
        decodeRest(generation);
    });
    opening->setFuture(QtConcurrent::run([source = std::move(source), channelLayout, statedSeconds]() mutable {
        return CallAudio::open(std::move(source), channelLayout, DurationBound {statedSeconds});
    }));
    m_check = std::move(check);
}

void CallAudioStream::whenDone(QFuture<Status> future, quint64 generation, void (CallAudioStream::*next)(quint64))
{
    auto* watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, generation, next] {
        watcher->deleteLater();
        const Status st = watcher->result();
        if (generation != m_generation) {
            return; // started again or cancelled since: the result is dropped
        }
        if (!st) {
            cancel();
            Q_EMIT failed(st.errorMessage());
            return;
        }
        (this->*next)(generation);
    });
    watcher->setFuture(std::move(future));
}

void CallAudioStream::finish(quint64)
{
    Q_EMIT decoded();
}

void CallAudioStream::runCheck(quint64 generation)
{
    if (!m_check) {
        finish(generation);
        return;
    }
    whenDone(QtConcurrent::run(std::exchange(m_check, {})), generation, &CallAudioStream::finish);
}

void CallAudioStream::decodeRest(quint64 generation)
{
    // Below the window and the audio thread: on two cores a fast decoder must not delay the first frames it feeds.
    whenDone(QtConcurrent::run([audio = m_audio] {
        QThread* thread = QThread::currentThread();
        const QThread::Priority was = thread->priority();
        thread->setPriority(QThread::LowPriority);
        Status st = audio->decodeRest();
        thread->setPriority(was == QThread::InheritPriority ? QThread::NormalPriority : was);
        return st;
    }),
        generation, &CallAudioStream::runCheck);
}

} // namespace Earmark
