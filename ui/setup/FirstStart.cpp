#include "ui/setup/FirstStart.h"

#include "crypto/Passphrase.h"
#include "sync/BackgroundSync.h"
#include "ui/setup/FirstRunFlow.h"
#include "ui/setup/SetupDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"

#include <QTimer>

namespace Earmark::Gui {

FirstStart::FirstStart(QString cacheDir, QString passphraseFile, CacheWorker* worker, MainWindow* window)
    : QObject(window)
    , m_cacheDir(std::move(cacheDir))
    , m_passphraseFile(std::move(passphraseFile))
    , m_worker(worker)
    , m_window(window)
    , m_dialog(new SetupDialog(m_cacheDir, window))
    , m_flow(new FirstRunFlow(m_cacheDir, worker, this))
{
    connect(m_dialog, &QDialog::rejected, this, &FirstStart::cancelled);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        m_flow->start(m_dialog->storePath(), m_dialog->useDemoStore(), m_dialog->keyMode(), m_dialog->passphrase());
    });
    connect(m_flow, &FirstRunFlow::progress, m_window, &MainWindow::showBusy);
    connect(m_flow, &FirstRunFlow::failed, this, [this](const QString& message) {
        m_window->showMessage(tr("The cache could not be made."));
        Q_EMIT failed(message);
    });
    connect(m_flow, &FirstRunFlow::keychainUnavailable, this, [this](const QString& message) {
        m_window->showMessage(tr("No keychain answered: choose a passphrase for the cache."));
        MessageBox::information(m_window, tr("No keychain on this desktop"),
            tr("%1\n\nNothing was created. Choose a passphrase for the cache instead (or start a keychain and "
               "try again).")
                .arg(message));
        m_dialog->offerPassphrase(tr("No keychain answered on this desktop, so the cache needs a passphrase."));
        m_dialog->open();
    });
    connect(m_flow, &FirstRunFlow::ready, this, [this](const QString& store) {
        m_window->showMessage(tr("The cache is ready: the first sync begins."));
        m_window->cacheReady();
        m_window->backgroundSync()->start(store);
        Q_EMIT ready(store);
    });
}

void FirstStart::begin()
{
    if (!m_passphraseFile.isEmpty()) {
        auto passphrase = Passphrase::readPassphraseFile(m_passphraseFile);
        if (!passphrase) {
            QTimer::singleShot(0, this, [this, message = passphrase.errorMessage()] { Q_EMIT failed(message); });
            return;
        }
        m_dialog->usePassphraseFile(m_passphraseFile, passphrase.value());
    }
    QTimer::singleShot(0, m_dialog, &QDialog::open);
}

} // namespace Earmark::Gui
