#pragma once

#include "sync/SyncReport.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace Earmark {

class CacheWorker;

// Runs a SyncRunner on the cache's worker thread for the window: progress and the end arrive as signals on the
// thread that started it, so the window stays responsive; cancel() stops it between calls.
class BackgroundSync : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundSync(CacheWorker* worker, QObject* parent = nullptr);

    // Syncs the store the cache was last synced from (or storePath when given).
    void start(const QString& storePath = {});
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(const Earmark::SyncProgress& progress);
    void finished(const Earmark::SyncReport& report, const QString& error);

private:
    CacheWorker* m_worker;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

} // namespace Earmark
