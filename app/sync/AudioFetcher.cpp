#include "sync/AudioFetcher.h"

#include "audio/AudioDecoder.h"
#include "cache/Cache.h"
#include "core/Files.h"
#include "store/RecordingStore.h"

#include <QCryptographicHash>

namespace Earmark {

AudioFetcher::AudioFetcher(Cache& cache, RecordingStore& store)
    : m_cache(cache)
    , m_store(store)
{ }

QString AudioFetcher::audioKey(const CallRecord& call)
{
    return RecordingStore::siblingKey(call.storeKey, call.audioFile);
}

Result<AudioFetcher::Fetched> AudioFetcher::fetch(const CallRecord& call, const SecretKey& dataKey)
{
    const QString key = audioKey(call);
    auto entry = m_store.stat(key);
    if (!entry) {
        return makeError(QStringLiteral("the audio file %1").arg(entry.errorMessage().section(QLatin1Char(' '), 1)));
    }
    if (entry->size != call.audioSize) {
        return makeError(QStringLiteral("the audio file is %1 bytes but the sidecar says %2: the upload may be "
                                        "incomplete; it will be retried on the next sync")
                             .arg(entry->size)
                             .arg(call.audioSize));
    }
    auto bytes = m_store.read(key, MaxAudioBytes);
    if (!bytes) {
        return makeError(bytes.errorMessage());
    }
    QByteArray& audio = bytes.value();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(audio, QCryptographicHash::Sha256).toHex());
    if (sha != call.audioSha256 || audio.size() != call.audioSize) {
        Files::wipe(audio);
        return makeError(QStringLiteral("the audio file's SHA-256 does not match the sidecar: the file is damaged or "
                                        "was replaced; it will be retried on the next sync"));
    }
    auto decoded = AudioDecoder::probe(audio, DurationBound {call.durationS});
    if (!decoded) {
        Files::wipe(audio);
        return makeError(decoded.errorMessage() + QStringLiteral(": ask the provider for a good copy"));
    }
    auto pending = m_cache.blobs().create(dataKey, CallRepository::binding(call.callId, "audio"), Blob::Kind::Audio);
    if (!pending) {
        Files::wipe(audio);
        return pending.error();
    }
    auto st = pending.value()->writer->write(audio);
    const qint64 size = audio.size();
    Files::wipe(audio);
    if (!st) {
        return st.error();
    }
    Fetched f;
    f.blob = std::move(pending.value());
    f.facts = AudioFacts {decoded->sampleRate, decoded->channels, decoded->frames};
    f.bytes = size;
    return f;
}

Status AudioFetcher::fetchAndStore(const CallRecord& call)
{
    auto key = m_cache.calls().dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    auto fetched = fetch(call, key.value());
    if (fetched) {
        if (auto st = m_cache.blobs().commit(*fetched->blob); !st) {
            return st;
        }
        if (auto st = m_cache.calls().setAudio(call.id, fetched->blob->name, call.audioSha256, fetched->facts); !st) {
            return st;
        }
        return {};
    }
    (void)m_cache.calls().setAudioUnavailable(call.id, fetched.errorMessage());
    return fetched.error();
}

} // namespace Earmark
