#include "ui/shell/SyncController.h"

#include "cache/CacheWorker.h"
#include "store/RecordingStore.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>

namespace Earmark::Gui {

namespace {
struct Outcome
{
    SyncReport report;
    QString error;
};
} // namespace

SyncController::SyncController(CacheWorker* service, QObject* parent)
    : QObject(parent)
    , m_worker(service)
{ }

void SyncController::start(const QString& storePath)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancel = m_cancel;
    QPointer<SyncController> self(this);
    m_worker->post<Outcome>(
        this,
        [storePath, cancel, self](Cache& cache) {
            Outcome out;
            QString path = storePath.isEmpty() ? cache.setting(QStringLiteral("store")) : storePath;
            if (path.isEmpty()) {
                out.error = QObject::tr("This cache does not know its recording store yet: choose the store folder.");
                return out;
            }
            auto store = openStore(path);
            if (!store) {
                out.error = store.errorMessage();
                return out;
            }
            (void)cache.setSetting(QStringLiteral("store"), QFileInfo(path).absoluteFilePath());
            SyncEngine engine(cache, *store.value());
            engine.setCancelFlag(cancel.get());
            QElapsedTimer throttle;
            throttle.start();
            engine.setProgressHandler([self, &throttle](const SyncProgress& p) {
                if (throttle.elapsed() < 50 && p.callsDone != p.callsTotal) {
                    return;
                }
                throttle.restart();
                QMetaObject::invokeMethod(self, [self, p] {
                    if (self) {
                        Q_EMIT self->progress(p);
                    }
                });
            });
            auto report = engine.run(SyncOptions {});
            if (report) {
                out.report = report.value();
            } else {
                out.error = report.errorMessage();
            }
            return out;
        },
        [this](Outcome out) {
            m_running = false;
            Q_EMIT finished(out.report, out.error);
        });
}

void SyncController::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

} // namespace Earmark::Gui
