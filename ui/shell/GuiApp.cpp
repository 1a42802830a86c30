#include "ui/shell/GuiApp.h"

#include "cache/CacheFolder.h"
#include "cache/CacheWorker.h"
#include "core/EnglishPlurals.h"
#include "core/Files.h"
#include "sync/BackgroundSync.h"
#include "ui/setup/FirstStart.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/SortArrowStyle.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <sys/resource.h>

static void initIcons()
{
    Q_INIT_RESOURCE(icons); // resources of a static library
}

namespace Earmark::Gui {

int run(int argc, char** argv)
{
    const rlimit noCore {0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    Files::restrictUmask();
    QApplication app(argc, argv);
    EnglishPlurals plurals; // "1 call", "3 calls" for every %n text
    QApplication::installTranslator(&plurals);
    QApplication::setOrganizationName(QStringLiteral("Earmark"));
    QApplication::setApplicationName(QStringLiteral("earmark"));
    QApplication::setApplicationDisplayName(QStringLiteral("Earmark"));
    QApplication::setApplicationVersion(QStringLiteral(EARMARK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("earmark"));
    initIcons();
    SortArrowStyle::install();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/earmark/icons/earmark.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Review recorded survey calls."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("cache"), QStringLiteral("The encrypted cache folder."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("passphrase-file"), QStringLiteral("Unlock the cache with this passphrase file."),
        QStringLiteral("FILE")});
    parser.process(app);
    const QString cacheDir = CacheFolder::resolve(parser.value(QStringLiteral("cache")));
    QString passphraseFile = parser.value(QStringLiteral("passphrase-file"));
    if (passphraseFile.isEmpty()) {
        passphraseFile = qEnvironmentVariable("EARMARK_PASSPHRASE_FILE");
    }

    CacheWorker worker;
    MainWindow window(&worker, cacheDir);
    window.show();
    const auto fail = [&window](const QString& message) {
        MessageBox::critical(&window, QObject::tr("Earmark cannot open the cache"), message);
        QApplication::exit(1);
    };
    if (!CacheFolder(cacheDir).exists()) {
        // First start: the set-up, then the new cache and its first sync.
        auto* first = new FirstStart(cacheDir, passphraseFile, &worker, &window);
        QObject::connect(first, &FirstStart::cancelled, &app, [] { QApplication::exit(0); });
        QObject::connect(first, &FirstStart::failed, &window, fail);
        first->begin();
        return app.exec();
    }
    auto* unlock = new UnlockFlow(cacheDir, passphraseFile, &worker, &window);
    QObject::connect(unlock, &UnlockFlow::unlocked, &window, &MainWindow::cacheReady);
    QObject::connect(unlock, &UnlockFlow::failed, &window, fail);
    QTimer::singleShot(0, unlock, &UnlockFlow::start); // from the event loop, so that exit() takes effect
    return app.exec();
}

} // namespace Earmark::Gui
