#pragma once

#include "core/Result.h"
#include "sync/SyncReport.h"

#include <QSet>

namespace Earmark {

class Cache;
class RecordingStore;

// Applies the store's erasure notices (v1/erasures/<call_id>.json): the call's key, personal fields, transcript
// and audio are destroyed, the deleted pages are purged from the WAL, and the erasure is remembered so the call
// is never imported again, even while its sidecar is still in the store.
class Erasures
{
public:
    Erasures(Cache& cache, RecordingStore& store);

    // Returns the ids of every erased call (new and earlier notices); counts new ones in report.erased.
    Result<QSet<QString>> apply(SyncReport& report);

private:
    Cache& m_cache;
    RecordingStore& m_store;
};

} // namespace Earmark
