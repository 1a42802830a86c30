#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

class Cache;

// Destroys calls so that nothing of them is left in the cache: the one destruction path for erasure notices (and
// retention). destroy() runs inside the caller's transaction; finish() once after a batch, outside it.
class CallDestruction
{
public:
    explicit CallDestruction(Cache& cache);

    // Destroys a call: its key, personal fields, transcript, documents, search index rows and audio blob. Returns
    // false when it was not cached.
    Result<bool> destroy(const QString& callId);
    // After a batch of destroy() calls: merges the search index and truncates the WAL, so that nothing of the
    // destroyed calls is left in the database file. Outside a transaction.
    Status finish();

private:
    Cache& m_cache;
};

} // namespace Earmark
