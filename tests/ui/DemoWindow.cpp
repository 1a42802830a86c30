#include "DemoWindow.h"

#include "TestSupport.h"
#include "ui/setup/UnlockFlow.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace Earmark::Test {

QString DemoWindow::makeCache(const QString& dir, int calls)
{
    QStandardPaths::setTestModeEnabled(true);
    store = QDir(dir).filePath(QStringLiteral("store"));
    cache = QDir(dir).filePath(QStringLiteral("cache"));
    passFile = QDir(dir).filePath(QStringLiteral("pass"));
    writeFile(passFile, "otter velvet cinnamon harbour 31\n");
    auto r = runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
        QString::number(calls)});
    if (r.exitCode != 0) {
        return QString::fromUtf8(r.err);
    }
    r = runCli(cliBase() + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), store});
    return r.exitCode == 0 ? QString() : QString::fromUtf8(r.err);
}

QStringList DemoWindow::cliBase() const
{
    return {QStringLiteral("--cache"), cache, QStringLiteral("--passphrase-file"), passFile};
}

QString DemoWindow::open()
{
    QSettings().clear();
    service = std::make_unique<CacheWorker>();
    window = std::make_unique<Gui::MainWindow>(service.get(), cache);
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return QStringLiteral("the window was not shown");
    }
    auto* flow = new Gui::UnlockFlow(cache, passFile, service.get(), window.get());
    QSignalSpy unlocked(flow, &Gui::UnlockFlow::unlocked);
    QObject::connect(flow, &Gui::UnlockFlow::unlocked, window.get(), &Gui::MainWindow::cacheReady);
    flow->start();
    return unlocked.wait(20000) ? QString() : QStringLiteral("the cache was not unlocked");
}

void DemoWindow::close()
{
    window.reset();
    service.reset();
}

} // namespace Earmark::Test
