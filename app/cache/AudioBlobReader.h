#pragma once

#include "cache/AudioBlobSource.h"
#include "core/Result.h"

#include <QByteArray>
#include <memory>

namespace Earmark {

class Cache;
struct CallRecord;

// Reads a call's cached audio: the blob opened with the call's data key and binding, every chunk authenticated, and
// the whole checked against the SHA-256 of the store file it was made from (calls.audio_blob_sha256). The binding
// alone would accept an older blob of the same call put in place of the current one; the hash does not.
class AudioBlobReader
{
public:
    explicit AudioBlobReader(Cache& cache);

    // The original audio bytes; an error names the call and what is wrong.
    Result<QByteArray> read(const CallRecord& call);
    // The audio as a source decrypted chunk by chunk while it is decoded (for playback: nothing is decrypted ahead);
    // the whole-file check is the source's matchesFetchedFile().
    Result<std::shared_ptr<AudioBlobSource>> openSource(const CallRecord& call);

private:
    // The call's blob name and the SHA-256 of the store file it was made from.
    Result<std::pair<QString, QString>> blobOf(const CallRecord& call);

    Cache& m_cache;
};

} // namespace Earmark
