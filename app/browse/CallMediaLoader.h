#pragma once

#include "cache/AudioBlobSource.h"
#include "core/Result.h"
#include "store/CallRecord.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace Earmark {

class Cache;

// What the player needs of one call, read on the cache's worker thread: the original audio file's bytes
// (decrypted into memory; fetched from the store and cached first when needed) and the transcript.
struct CallMedia
{
    QString callId;
    CallRecord call;
    QByteArray audio; // plaintext: memory only, wiped by the receiver (AudioDelivery::Bytes)
    std::shared_ptr<AudioBlobSource> audioSource; // decrypted as it is decoded (AudioDelivery::Stream)
    QByteArray transcript; // JSON, empty when the call has none
    QString audioError; // why there is no audio (the call stays listed)
    QString error; // the call cannot be shown at all
};

// How a call's audio comes back: decrypted whole, or as a source decrypted chunk by chunk while it is decoded (the
// player: first audio without waiting for the whole file).
enum class AudioDelivery
{
    Bytes,
    Stream,
};

// Reads what the player needs of a call (on the cache's worker thread).
class CallMediaLoader
{
public:
    explicit CallMediaLoader(Cache& cache);

    CallMedia load(const QString& callId, AudioDelivery delivery = AudioDelivery::Bytes);
    // Fetches, verifies and encrypts a call's audio into the cache unless the current copy is there (for calls
    // sampled into a queue: fetched ahead so that opening them plays at once).
    Status prefetch(const QString& callId);

private:
    Status ensureAudio(const CallRecord& call);

    Cache& m_cache;
};

} // namespace Earmark
