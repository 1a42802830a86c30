#pragma once

#include "core/Result.h"
#include "sync/SyncReport.h"

#include <QString>
#include <atomic>
#include <functional>

namespace Earmark {

class Cache;

struct SyncRequest
{
    QString store; // a folder or an s3:// URL; empty: the store the cache was last synced from
    bool fetchAllAudio = false;
};

// The one way a sync is run, by earmark-cli and by the window alike: finds the store (the one asked for, else the
// one the cache remembers), remembers it with its path made absolute, runs the sync engine with a cancel flag, and
// reports progress at most every ProgressIntervalMs (and always for the last call).
class SyncRunner
{
public:
    static constexpr int ProgressIntervalMs = 100;

    explicit SyncRunner(Cache& cache);

    void setCancelFlag(const std::atomic_bool* cancel) { m_cancel = cancel; }
    void setProgressHandler(std::function<void(const SyncProgress&)> handler) { m_progress = std::move(handler); }

    Result<SyncReport> run(const SyncRequest& request);

private:
    Cache& m_cache;
    const std::atomic_bool* m_cancel = nullptr;
    std::function<void(const SyncProgress&)> m_progress;
};

} // namespace Earmark
