#include "GuiApp.h"

#include "MainWindow.h"
#include "MessageBox.h"
#include "UnlockFlow.h"
#include "browse/CacheService.h"
#include "cache/CacheFolder.h"
#include "core/Files.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <sys/resource.h>

namespace Earmark::Gui {

int run(int argc, char** argv)
{
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    Files::restrictUmask();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Earmark"));
    QApplication::setApplicationName(QStringLiteral("earmark"));
    QApplication::setApplicationDisplayName(QStringLiteral("Earmark"));
    QApplication::setApplicationVersion(QStringLiteral(EARMARK_VERSION));

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

    CacheService service;
    MainWindow window(&service, cacheDir);
    window.show();
    auto* unlock = new UnlockFlow(cacheDir, passphraseFile, &service, &window);
    QObject::connect(unlock, &UnlockFlow::unlocked, &window, &MainWindow::cacheReady);
    QObject::connect(unlock, &UnlockFlow::failed, &window, [&window](const QString& message) {
        MessageBox::critical(&window, QObject::tr("Earmark cannot open the cache"), message);
        QApplication::exit(1);
    });
    QTimer::singleShot(0, unlock, &UnlockFlow::start); // from the event loop, so that exit() takes effect
    return app.exec();
}

} // namespace Earmark::Gui
