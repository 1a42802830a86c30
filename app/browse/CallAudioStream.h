#pragma once

#include "audio/CallAudio.h"
#include "core/ByteSource.h"

#include <QFuture>
#include <QObject>
#include <functional>
#include <memory>

namespace Earmark {

// One call's audio on its way to the player, off the UI thread: the decoder is opened on a pool thread (the header
// read and checked against the stated length, the samples allocated), the audio is then playable while it decodes to
// its end (at low priority), and the whole file is checked once it has decoded (not beside it: on two cores the check
// would take the time the first frames need). Starting again, or destroying the stream, cancels what runs and drops
// its results.
class CallAudioStream : public QObject
{
    Q_OBJECT

public:
    // Checks the whole of the source (for a cached blob: that it is the file this cache fetched); run on a pool thread
    // once the decoding has finished.
    using WholeCheck = std::function<Status()>;

    explicit CallAudioStream(QObject* parent = nullptr);
    ~CallAudioStream() override;

    void start(
        std::shared_ptr<ByteSource> source, const QString& channelLayout, double statedSeconds, WholeCheck check = {});
    void cancel();
    std::shared_ptr<const CallAudio> audio() const { return m_audio; }
    bool decoding() const { return m_audio && !m_audio->complete(); }

Q_SIGNALS:
    // Playable from now on; frames arrive as they are decoded.
    void opened(std::shared_ptr<const Earmark::CallAudio> audio);
    // Every frame and peak is there, and the whole check passed.
    void decoded();
    // The audio cannot be played (any more): it does not decode within its bound, or the whole check failed.
    void failed(const QString& message);

private:
    void decodeRest(quint64 generation);
    void runCheck(quint64 generation);
    void finish(quint64 generation);
    // When future succeeds (and nothing was started since), next; when it fails, failed() with its reason.
    void whenDone(QFuture<Status> future, quint64 generation, void (CallAudioStream::*next)(quint64));

    std::shared_ptr<CallAudio> m_audio;
    quint64 m_generation = 0;
    WholeCheck m_check;
};

} // namespace Earmark
