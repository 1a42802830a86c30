#include "DemoWindow.h"

#include "ui/setup/UnlockFlow.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace Earmark::Test {

QString DemoWindow::makeCache(const QString& dir, int calls)
{
    QStandardPaths::setTestModeEnabled(true);
    return DemoCache::makeCache(dir, calls);
}

QString DemoWindow::open()
{
    const QString error = show();
    return error.isEmpty() ? unlock() : error;
}

QString DemoWindow::show()
{
    QSettings().clear();
    worker = std::make_unique<CacheWorker>();
    window = std::make_unique<Gui::MainWindow>(worker.get(), cache);
    window->resize(1400, 900);
    window->show();
    return QTest::qWaitForWindowExposed(window.get()) ? QString() : QStringLiteral("the window was not shown");
}

QString DemoWindow::unlock()
{
    auto* flow = new Gui::UnlockFlow(cache, passFile, worker.get(), window.get());
    QSignalSpy unlocked(flow, &Gui::UnlockFlow::unlocked);
    QObject::connect(flow, &Gui::UnlockFlow::unlocked, window.get(), &Gui::MainWindow::cacheReady);
    flow->start();
    return unlocked.wait(20000) ? QString() : QStringLiteral("the cache was not unlocked");
}

void DemoWindow::close()
{
    window.reset();
    worker.reset();
}

} // namespace Earmark::Test
