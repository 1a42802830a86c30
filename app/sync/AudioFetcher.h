#pragma once

#include "cache/BlobFiles.h"
#include "core/Result.h"
#include "store/CallRecord.h"

#include <memory>

namespace Earmark {

class Cache;
class RecordingStore;

// Fetches a call's audio from the store, verifies it (size, SHA-256, decodes to its end with libsndfile) and
// encrypts it into the cache under the call's data key. Decoded and plain audio live only in memory.
class AudioFetcher
{
public:
    AudioFetcher(Cache& cache, RecordingStore& store);

    struct Fetched
    {
        std::unique_ptr<BlobFiles::Pending> blob; // committed by the caller
        AudioFacts facts;
        qint64 bytes = 0;
    };

    static constexpr qint64 MaxAudioBytes = qint64(2) << 30;

    // Verifies and encrypts into a pending blob; nothing is recorded in the database.
    Result<Fetched> fetch(const CallRecord& call, const SecretKey& dataKey);

    // For a cached call: fetches, commits the blob and records it. On failure the reason is recorded on the call
    // (an earlier good copy is kept) and returned.
    Status fetchAndStore(const CallRecord& call);

    static QString audioKey(const CallRecord& call);

private:
    Cache& m_cache;
    RecordingStore& m_store;
};

} // namespace Earmark
