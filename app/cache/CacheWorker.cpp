#include "cache/CacheWorker.h"

#include "cache/Cache.h"

namespace Earmark {

CacheWorker::CacheWorker(QObject* parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("earmark-cache"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

CacheWorker::~CacheWorker()
{
    // Close the cache on its own thread, then stop the thread.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_cache.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void CacheWorker::open(const QString& dir, SecretKey master, bool create, QObject* context,
    std::function<void(const QString&)> done, SecretKey pending, std::optional<QByteArray> keychainAnchor)
{
    QPointer<QObject> guard(context);
    auto key = std::make_shared<SecretKey>(std::move(master));
    auto next = std::make_shared<SecretKey>(std::move(pending));
    QMetaObject::invokeMethod(m_worker, [this, dir, key, next, create, guard, keychainAnchor, done = std::move(done)] {
        CacheOpenOptions options;
        options.pendingMaster = next->isNull() ? nullptr : next.get();
        options.keychainAnchor = keychainAnchor;
        options.anchorWritten = [this](const QByteArray& anchor) {
            QMetaObject::invokeMethod(this, [this, anchor] { Q_EMIT auditAnchorWritten(anchor); });
        };
        auto cache = Cache::open(CacheFolder(dir), *key, create, options);
        QString error;
        if (cache) {
            m_cache = std::move(cache.value());
        } else {
            error = cache.errorMessage();
        }
        QMetaObject::invokeMethod(this, [this, error, guard, done] {
            m_opened = error.isEmpty();
            if (guard) {
                done(error);
            }
        });
    });
}

} // namespace Earmark
