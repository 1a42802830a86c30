#pragma once

#include "cache/Cache.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

namespace Earmark {

// Owns the open cache on a worker thread: the one thread that ever touches the database connection. Work is
// posted as a function of the cache; its result is delivered to a context object on that object's thread, and
// dropped if the context is gone by then. No nested event loops, no locks around the connection.
class CacheWorker : public QObject
{
    Q_OBJECT

public:
    explicit CacheWorker(QObject* parent = nullptr);
    ~CacheWorker() override;

    // Opens the cache on the worker thread; done(error message, empty on success) runs on context's thread.
    void open(const QString& dir, SecretKey master, bool create, QObject* context,
        std::function<void(const QString& error)> done);

    // Runs work(cache) on the worker thread, then done(result) on context's thread.
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

private:
    QThread m_thread;
    QObject* m_worker; // lives in m_thread
    std::unique_ptr<Cache> m_cache; // touched only on m_thread
    bool m_opened = false;
};

} // namespace Earmark
