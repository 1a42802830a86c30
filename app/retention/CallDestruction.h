#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

class Cache;

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

    // Inside the caller's transaction, which also records that the tidy-up is due. The tombstone keeps what the
    // run's certificate states (dueUtc: when the rule made the call due).
    Result<Outcome> destroy(const QString& callId, const QString& rule, const QString& runId, qint64 dueUtc = 0);
    // After the transaction commits: Cache::purgeDestroyed() (blob files, index merge, WAL truncation).
    Status finish();

private:
    Cache& m_cache;
};

} // namespace Earmark
