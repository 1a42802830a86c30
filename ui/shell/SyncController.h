#pragma once

#include "sync/SyncReport.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Runs a sync on the cache's worker thread; the window stays responsive, shows progress and can cancel.
class SyncController : public QObject
{
    Q_OBJECT

public:
    explicit SyncController(CacheWorker* service, QObject* parent = nullptr);

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

} // namespace Earmark::Gui
