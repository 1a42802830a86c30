#include "browse/CallMedia.h"

#include "cache/Cache.h"
#include "store/RecordingStore.h"
#include "sync/AudioFetcher.h"

#include <QFile>

namespace Earmark {

CallMedia CallMedia::load(Cache& cache, const QString& callId)
{
    CallMedia m;
    m.callId = callId;
    auto found = cache.calls().find(callId);
    if (!found || !found.value()) {
        m.error = QObject::tr("Call %1 is no longer in the cache.").arg(callId);
        return m;
    }
    m.call = *found.value();
    if (m.call.hasTranscript) {
        auto t = cache.calls().transcript(m.call);
        if (t) {
            m.transcript = t.value();
        }
    }
    auto states = cache.calls().syncStates();
    const bool current = states && states->value(callId).audioState == AudioState::Cached
        && states->value(callId).audioBlobSha256 == m.call.audioSha256;
    if (!current) {
        // Fetched when the call is opened: verified and encrypted into the cache first.
        auto store = openStore(cache.setting(QStringLiteral("store")));
        if (!store) {
            m.audioError = QObject::tr("The audio is not in the cache and the recording store cannot be reached: %1")
                               .arg(store.errorMessage());
            return m;
        }
        AudioFetcher fetcher(cache, *store.value());
        if (auto st = fetcher.fetchAndStore(m.call); !st) {
            m.audioError = QObject::tr("The audio is unavailable: %1").arg(st.errorMessage());
            return m;
        }
    }
    auto blob = cache.calls().audioBlob(m.call.id);
    auto key = cache.calls().dataKey(m.call.id, callId);
    if (!blob || blob.value().isEmpty() || !key) {
        m.audioError = QObject::tr("The audio of this call is not in the cache.");
        return m;
    }
    QFile file(cache.blobs().pathOf(blob.value()));
    if (!file.open(QIODevice::ReadOnly)) {
        m.audioError = QObject::tr("The encrypted audio file is missing: run earmark-cli verify.");
        return m;
    }
    auto reader = Blob::Reader::open(key.value(), CallRepository::binding(callId, "audio"), &file);
    auto audio = reader ? reader->readAll() : Result<QByteArray>(reader.error());
    if (!audio) {
        m.audioError = audio.errorMessage();
        return m;
    }
    m.audio = std::move(audio.value());
    return m;
}

} // namespace Earmark
