#pragma once

#include "core/Result.h"

#include <QByteArray>

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

private:
    Cache& m_cache;
};

} // namespace Earmark
