#pragma once

#include "retention/DestructionRun.h"

#include <QObject>
#include <QTimer>

namespace Earmark {

class CacheWorker;

// Keeps the retention promise while the window is open: a run when the cache is ready, after each sync, and then
// once a day, on the cache's worker thread. Every run is the same as `earmark-cli retention run`: it destroys the due
// calls no hold covers and issues the signed certificate.
class BackgroundRetention : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundRetention(CacheWorker* worker, QObject* parent = nullptr);

    // Starts the daily timer and runs once now.
    void start();
    // A run now (after a sync, or asked for); ignored while one is running.
    void runNow();
    bool isRunning() const { return m_running; }

    static constexpr int IntervalMs = 24 * 60 * 60 * 1000;
    // The time between the timed runs: a day (IntervalMs); a test shortens it to watch the timer work.
    void setInterval(int ms) { m_daily.setInterval(ms); }

Q_SIGNALS:
    void finished(const Earmark::DestructionOutcome& outcome, const QString& error);

private:
    CacheWorker* m_worker;
    QTimer m_daily;
    bool m_running = false;
};

} // namespace Earmark
