#include "sync/BackgroundSync.h"

#include "cache/CacheWorker.h"
#include "sync/SyncRunner.h"

#include <QPointer>

namespace Earmark {

BackgroundSync::BackgroundSync(CacheWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
{ }

void BackgroundSync::start(const QString& storePath)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    QPointer<BackgroundSync> self(this);
    m_worker->run<SyncRunner>(
        this,
        [storePath, cancel = m_cancel, self](SyncRunner& runner) {
            runner.setCancelFlag(cancel.get());
            runner.setProgressHandler([self](const SyncProgress& p) {
                QMetaObject::invokeMethod(self, [self, p] {
                    if (self) {
                        Q_EMIT self->progress(p);
                    }
                });
            });
            return runner.run(SyncRequest {storePath, false});
        },
        [this](Result<SyncReport> report) {
            m_running = false;
            Q_EMIT finished(report ? report.value() : SyncReport {}, report.errorMessage());
        });
}

void BackgroundSync::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

} // namespace Earmark
