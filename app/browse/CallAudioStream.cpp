#include "browse/CallAudioStream.h"

#include <QFutureWatcher>
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
        decodeRest(generation);
    });
    opening->setFuture(QtConcurrent::run([source = std::move(source), channelLayout, statedSeconds]() mutable {
        return CallAudio::open(std::move(source), channelLayout, DurationBound {statedSeconds});
    }));
    if (check) {
        auto* checking = new QFutureWatcher<Status>(this);
        connect(checking, &QFutureWatcher<Status>::finished, this, [this, checking, generation] {
            checking->deleteLater();
            const Status st = checking->result();
            if (generation == m_generation && !st) {
                cancel();
                Q_EMIT failed(st.errorMessage());
            }
        });
        checking->setFuture(QtConcurrent::run(std::move(check)));
    }
}

void CallAudioStream::decodeRest(quint64 generation)
{
    auto* decoding = new QFutureWatcher<Status>(this);
    connect(decoding, &QFutureWatcher<Status>::finished, this, [this, decoding, generation] {
        decoding->deleteLater();
        const Status st = decoding->result();
        if (generation != m_generation) {
            return;
        }
        if (!st) {
            cancel();
            Q_EMIT failed(st.errorMessage());
            return;
        }
        Q_EMIT decoded();
    });
    decoding->setFuture(QtConcurrent::run([audio = m_audio] { return audio->decodeRest(); }));
}

} // namespace Earmark
