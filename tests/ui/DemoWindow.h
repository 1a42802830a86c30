#pragma once

#include "DemoCache.h"
#include "cache/CacheWorker.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QSemaphore>
#include <QString>
#include <memory>

namespace Earmark::Test {

// A demo store synced into a passphrase cache under dir, and the real main window unlocked on it: what the GUI
// tests start from.
struct DemoWindow : DemoCache
{
    std::unique_ptr<CacheWorker> worker;
    std::unique_ptr<Gui::MainWindow> window;

    // DemoCache::makeCache, with Qt's settings and standard paths in their test locations.
    QString makeCache(const QString& dir, int calls);
    // After makeCache: the test's OS user holds only `role` (e.g. "trainer") and "dana" administers the cache, set
    // through earmark-cli roles as an administrator would; empty when it worked.
    QString actAs(const QString& role);
    // Opens the window (1400 x 900) and unlocks the cache; empty when it worked.
    QString open();
    // open() in its two steps, for a test that looks at the window before the cache is open: show() clears the
    // settings and shows a new window at size, still locked; unlock() opens the cache in it.
    QString show(QSize size = QSize(1400, 900));
    QString unlock();
    void close();
    // Keeps the worker busy until the hold is released (or destroyed): what the window asks of it meanwhile waits in
    // its queue, so a test can act (Cancel) before that work starts, however fast the machine.
    class WorkerHold
    {
    public:
        explicit WorkerHold(std::shared_ptr<QSemaphore> gate)
            : m_gate(std::move(gate))
        { }
        WorkerHold(const WorkerHold&) = delete;
        WorkerHold& operator=(const WorkerHold&) = delete;
        ~WorkerHold() { release(); }
        void release()
        {
            if (m_gate) {
                m_gate->release();
                m_gate.reset();
            }
        }

    private:
        std::shared_ptr<QSemaphore> m_gate;
    };
    [[nodiscard]] std::unique_ptr<WorkerHold> holdWorker();
    // The window's action with this object name ("casesWindow", "evaluateCall", ...), or null.
    QAction* action(const QString& objectName) const;
};

} // namespace Earmark::Test
