#include "browse/CallMediaLoader.h"

#include "cache/AudioBlobReader.h"
#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "cache/Statement.h"
#include "store/RecordingStore.h"
#include "sync/AudioFetcher.h"

#include <QFile>

namespace Earmark {

CallMediaLoader::CallMediaLoader(Cache& cache)
    : m_cache(cache)
{ }

Status CallMediaLoader::ensureAudio(const CallRecord& call)
{
    // The cached blob is current when it was made from the store file the sidecar names now.
    auto s = m_cache.database().cached(
        QStringLiteral("SELECT audio_state = 1 AND audio_blob_sha256 = audio_sha256 FROM calls WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s.value()->bind(1, call.id);
    if (auto row = s.value()->step(); row && row.value() && s.value()->int64(0) == 1) {
        return {};
    }
    // Fetched when the call is opened or sampled: verified and encrypted into the cache first.
    auto store = openStore(CacheSettings(m_cache).storeLocation());
    if (!store) {
        return makeError(QObject::tr("The audio is not in the cache and the recording store cannot be reached: %1")
                             .arg(store.errorMessage()));
    }
    AudioFetcher fetcher(m_cache, *store.value());
    if (auto st = fetcher.fetchAndStore(call); !st) {
        return makeError(QObject::tr("The audio is unavailable: %1").arg(st.errorMessage()));
    }
    return {};
}

Status CallMediaLoader::prefetch(const QString& callId)
{
    auto call = m_cache.calls().get(callId);
    if (!call) {
        return call.error();
    }
    return ensureAudio(call.value());
}

CallMedia CallMediaLoader::load(const QString& callId, AudioDelivery delivery)
{
    CallMedia m;
    m.callId = callId;
    if (auto st = m_cache.roles().require(Permission::PlayOriginal); !st) {
        m.error = st.errorMessage();
        return m;
    }
    auto found = m_cache.calls().find(callId);
    if (!found || !found.value()) {
        m.error = QObject::tr("Call %1 is no longer in the cache.").arg(callId);
        return m;
    }
    m.call = *found.value();
    // Opening a call reads personal data (the transcript, the respondent's voice): it is in the audit log.
    if (auto st = m_cache.audit().append(QStringLiteral("call.open"), callId, QStringLiteral("transcript and audio"));
        !st) {
        m.error = st.errorMessage();
        return m;
    }
    if (m.call.hasTranscript) {
        auto t = m_cache.calls().transcript(m.call);
        if (t) {
            m.transcript = t.value();
        }
    }
    if (auto st = ensureAudio(m.call); !st) {
        m.audioError = st.errorMessage();
        return m;
    }
    if (delivery == AudioDelivery::Stream) {
        auto source = AudioBlobReader(m_cache).openSource(m.call);
        if (!source) {
            m.audioError = source.errorMessage();
            return m;
        }
        m.audioSource = std::move(source.value());
        return m;
    }
    auto audio = AudioBlobReader(m_cache).read(m.call);
    if (!audio) {
        m.audioError = audio.errorMessage();
        return m;
    }
    m.audio = std::move(audio.value());
    return m;
}

} // namespace Earmark
