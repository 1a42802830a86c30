#include "retention/BackgroundRetention.h"

#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "core/Logging.h"
#include "retention/Retention.h"

#include <QDateTime>

namespace Earmark {

namespace {
struct RunResult
{
    DestructionOutcome outcome;
    QString error;
};
} // namespace

BackgroundRetention::BackgroundRetention(CacheWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
{
    m_daily.setInterval(IntervalMs);
    connect(&m_daily, &QTimer::timeout, this, &BackgroundRetention::runNow);
}

void BackgroundRetention::start()
{
    m_daily.start();
    runNow();
}

void BackgroundRetention::runNow()
{
    if (m_running || !m_worker->isOpen()) {
        return;
    }
    m_running = true;
    m_worker->post<RunResult>(
        this,
        [](Cache& cache) {
            Retention retention(cache);
            retention.setCertifyHeldOnlyRuns(false); // runs after every sync: certificates for destroying runs only
            retention.setScheduled(true);
            auto done = retention.run(QDateTime::currentSecsSinceEpoch());
            return done ? RunResult {done.value(), {}} : RunResult {{}, done.errorMessage()};
        },
        [this](RunResult result) {
            m_running = false;
            if (!result.error.isEmpty()) {
                qCWarning(lcRetention) << "retention run failed:" << result.error;
            }
            Q_EMIT finished(result.outcome, result.error);
        });
}

} // namespace Earmark
