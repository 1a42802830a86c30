#include "DemoWindow.h"

#include "cache/AuditLog.h"
#include "core/EnglishPlurals.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/SortArrowStyle.h"

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

QString DemoWindow::actAs(const QString& role)
{
    const QString me = AuditLog::currentActor();
    const QList<QStringList> steps
        = {{QStringLiteral("roles"), QStringLiteral("assign"), QStringLiteral("dana"), QStringLiteral("administrator")},
            {QStringLiteral("roles"), QStringLiteral("assign"), me, role},
            {QStringLiteral("roles"), QStringLiteral("revoke"), me, QStringLiteral("administrator")}};
    for (const QStringList& step : steps) {
        const ProcessResult r = cli(step);
        if (r.exitCode != 0) {
            return QStringLiteral("earmark-cli %1: %2").arg(step.join(QLatin1Char(' ')), QString::fromUtf8(r.err));
        }
    }
    return {};
}

QString DemoWindow::open()
{
    const QString error = show();
    return error.isEmpty() ? unlock() : error;
}

QString DemoWindow::show(QSize size)
{
    QSettings().clear();
    static EnglishPlurals plurals; // as the application installs it
    QCoreApplication::installTranslator(&plurals);
    Gui::SortArrowStyle::install(); // as the application does
    worker = std::make_unique<CacheWorker>();
    window = std::make_unique<Gui::MainWindow>(worker.get(), cache);
    window->resize(size);
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

std::unique_ptr<DemoWindow::WorkerHold> DemoWindow::holdWorker()
{
    auto gate = std::make_shared<QSemaphore>();
    worker->post<int>(
        window.get(),
        [gate](Cache&) {
            gate->acquire();
            return 0;
        },
        [](int) {});
    return std::make_unique<WorkerHold>(gate);
}

QAction* DemoWindow::action(const QString& objectName) const
{
    const QList<QAction*> all = window->findChildren<QAction*>(objectName);
    return all.isEmpty() ? nullptr : all.constFirst();
}

} // namespace Earmark::Test
