#include "sync/SyncRunner.h"

#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "store/RecordingStore.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QObject>

namespace Earmark {

SyncRunner::SyncRunner(Cache& cache)
    : m_cache(cache)
{ }

Result<SyncReport> SyncRunner::run(const SyncRequest& request)
{
    if (auto st = m_cache.roles().require(Permission::Sync); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    CacheSettings settings(m_cache);
    const QString location = request.store.isEmpty() ? settings.storeLocation() : request.store;
    if (location.isEmpty()) {
        return makeError(QObject::tr("This cache does not know its recording store yet: choose the store folder "
                                     "(earmark-cli sync --store PATH)."));
    }
    auto store = openStore(location);
    if (!store) {
        return store.error();
    }
    if (auto st = settings.setStoreLocation(location); !st) {
        return st.error();
    }
    SyncEngine engine(m_cache, *store.value());
    engine.setCancelFlag(m_cancel);
    QElapsedTimer throttle;
    throttle.start();
    bool first = true;
    engine.setProgressHandler([&](const SyncProgress& p) {
        if (!m_progress) {
            return;
        }
        if (!first && throttle.elapsed() < ProgressIntervalMs && p.callsDone != p.callsTotal) {
            return;
        }
        first = false;
        throttle.restart();
        m_progress(p);
    });
    SyncOptions options;
    options.fetchAllAudio = request.fetchAllAudio;
    return engine.run(options);
}

} // namespace Earmark
