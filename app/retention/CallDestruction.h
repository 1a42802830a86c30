#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

class Cache;

// What a destruction certificate says of one destroyed call (no personal data).
struct DestroyedCall
{
    QString callId;
    qint64 startUtc = 0;
    qint64 dueUtc = 0; // when the rule made it due (retention: start + period; erasure: when the notice was applied)
    QString audioSha256; // the store's audio file the cache held (empty when it was never cached)
};

// The one destruction path, for retention and erasure notices alike. Destroys a call so that nothing of it is left:
// its data key (so every sealed field, transcript, document and audio blob made with it is unreadable), its row and
// every row that cascades from it (personal fields, transcript, corrections, redaction sets, timed comments,
// free-text answers), its full-text rows, every training scenario made from it, and its blob file; leaves a
// tombstone (call id, when, rule). A call under a legal hold is never destroyed.
class CallDestruction
{
public:
    enum class Outcome
    {
        Destroyed,
        NotCached,
        Held,
    };

    explicit CallDestruction(Cache& cache);

    // Inside the caller's transaction, which also records that the tidy-up is due; facts (when given) receives what
    // the certificate needs.
    Result<Outcome> destroy(const QString& callId, const QString& rule, const QString& runId,
        DestroyedCall* facts = nullptr);
    // After the transaction commits: Cache::purgeDestroyed() (blob files, index merge, WAL truncation).
    Status finish();

private:
    Cache& m_cache;
};

} // namespace Earmark
