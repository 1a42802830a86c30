#pragma once

#include "cache/CallRepository.h"
#include "core/Result.h"
#include "sync/SyncReport.h"

#include <atomic>
#include <functional>

namespace Earmark {

class Cache;
class RecordingStore;
struct StoreEntry;
class Transaction;

struct SyncOptions
{
    bool fetchAllAudio = false; // --audio all
};

// Incremental, crash-safe sync of a recording store into the cache. Each call is written in one transaction with
// its key, personal fields and transcript (batched), audio blobs are renamed into place before the transaction
// that refers to them commits, so a process killed at any moment leaves a cache that opens and verifies, no
// half-imported call, and at worst a few orphan blobs that the next sync deletes before finishing the job.
class SyncEngine
{
public:
    SyncEngine(Cache& cache, RecordingStore& store);

    void setProgressHandler(std::function<void(const SyncProgress&)> handler) { m_progress = std::move(handler); }
    // Checked between calls; a cancelled sync commits what it did and reports cancelled.
    void setCancelFlag(const std::atomic_bool* cancel) { m_cancel = cancel; }

    Result<SyncReport> run(const SyncOptions& options);

private:
    enum class Outcome
    {
        Imported,
        Updated,
        Unchanged,
        Rejected,
        Skipped
    };
    Result<Outcome> syncOne(const StoreEntry& entry, const SyncOptions& options);
    Status saveRejections();
    Status readStoreInfo();
    void reject(const QString& item, const QString& reason);

    Cache& m_cache;
    RecordingStore& m_store;
    std::function<void(const SyncProgress&)> m_progress;
    const std::atomic_bool* m_cancel = nullptr;

    // Per-run state.
    SyncReport m_report;
    QHash<QString, CallSyncState> m_states;
    QHash<QString, QString> m_seenKeys; // call id -> first sidecar key seen in this run
    QSet<QString> m_listedKeys;
    QSet<QString> m_erased;
};

} // namespace Earmark
