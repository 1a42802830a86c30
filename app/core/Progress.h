#pragma once

#include <QString>
#include <atomic>

namespace Earmark {

// How far a long piece of work on the cache's worker has gone (counted in its own units: calls, scenarios), and
// whether the person waiting for it has asked it to stop. Shared between the window, which shows the count and a
// Cancel button, and the work, which reports and checks between its steps. Any thread.
class Progress
{
public:
    void cancel() { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }
    void report(qint64 done, qint64 total);
    qint64 done() const { return m_done.load(); }
    qint64 total() const { return m_total.load(); }

    // The error a cancelled piece of work returns: what it did not do ("the pack was not written").
    static QString cancelledMessage(const QString& notDone);
    static bool isCancelledMessage(const QString& message);

private:
    std::atomic<bool> m_cancelled {false};
    std::atomic<qint64> m_done {0};
    std::atomic<qint64> m_total {0};
};

} // namespace Earmark
