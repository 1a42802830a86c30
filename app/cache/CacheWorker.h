#pragma once

#include "crypto/SecretKey.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace Earmark {

class Cache;

// Owns the open cache on a worker thread: the one thread that ever touches the database connection. Work is
// posted to it and its result is delivered to a context object on that object's thread (a queued call, like a
// signal), and dropped if the context is gone by then. No nested event loops, no locks around the connection.
//
// Widgets use run<Repository>(): the work gets a repository of the open cache (a class with named methods that
// is constructed from the cache: EvaluationRepository, ScenarioLibrary, TranscriptCorrections, ...), never the
// cache or its database. post() hands the whole cache to core code under app/ (the call list model, sync).
class CacheWorker : public QObject
{
    Q_OBJECT

public:
    explicit CacheWorker(QObject* parent = nullptr);
    ~CacheWorker() override;

    // Opens the cache on the worker thread; done(error message, empty on success) runs on context's thread.
    // pending: the new master key of a rotation a killed process left (CacheUnlocker::takePendingKey), if any;
    // keychainAnchor: the keychain's copy of the audit checkpoint (CacheOpenOptions::keychainAnchor).
    void open(const QString& dir, SecretKey master, bool create, QObject* context,
        std::function<void(const QString& error)> done, SecretKey pending = {},
        std::optional<QByteArray> keychainAnchor = std::nullopt);

    // Runs work(repository) on the worker thread, then done(result) on context's thread.
    template<typename Repository, typename Work, typename Done>
    void run(QObject* context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Repository&>;
        static_assert(std::is_constructible_v<Repository, Cache&>, "a repository is constructed from the cache");
        post<R>(
            context,
            [work = std::move(work)](Cache& cache) mutable {
                Repository repository(cache);
                return work(repository);
            },
            std::function<void(R)>(std::move(done)));
    }

    // Runs work(cache) on the worker thread, then done(result) on context's thread. For core code under app/.
    template<typename R>
    void post(QObject* context, std::function<R(Cache&)> work, std::function<void(R)> done)
    {
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(m_worker, [this, guard, work = std::move(work), done = std::move(done)]() mutable {
            if (!m_cache || !guard) {
                return;
            }
            auto result = std::make_shared<R>(work(*m_cache));
            if (!guard) {
                return;
            }
            QMetaObject::invokeMethod(guard.data(), [result, done = std::move(done)] { done(std::move(*result)); });
        });
    }

    bool isOpen() const { return m_opened; }

Q_SIGNALS:
    // After every audit checkpoint of the open cache, on this object's thread: the anchor's bytes, for the keychain's
    // copy (AuditAnchorKeychain::store).
    void auditAnchorWritten(const QByteArray& anchor);

private:
    QThread m_thread;
    QObject* m_worker; // lives in m_thread
    std::unique_ptr<Cache> m_cache; // touched only on m_thread
    bool m_opened = false;
};

} // namespace Earmark
