#include "ui/setup/UnlockFlow.h"

#include "cache/CacheFolder.h"
#include "cache/CacheWorker.h"
#include "cache/MasterKeyState.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"
#include "keys/KeyRotation.h"

#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QTimer>

namespace Earmark::Gui {

UnlockFlow::UnlockFlow(QString cacheDir, QString passphraseFile, CacheWorker* worker, QWidget* window)
    : QObject(window)
    , m_cacheDir(std::move(cacheDir))
    , m_passphraseFile(std::move(passphraseFile))
    , m_worker(worker)
    , m_window(window)
{ }

void UnlockFlow::start()
{
    const CacheFolder folder(m_cacheDir);
    if (!folder.exists()) {
        Q_EMIT failed(tr("There is no Earmark cache in %1 yet. Sync a recording store into it first:\n"
                         "earmark-cli --cache %1 sync --store FOLDER")
                          .arg(QDir::toNativeSeparators(m_cacheDir)));
        return;
    }
    if (!m_passphraseFile.isEmpty()) {
        auto passphrase = Passphrase::readPassphraseFile(m_passphraseFile);
        if (!passphrase) {
            Q_EMIT failed(passphrase.errorMessage());
            return;
        }
        attempt(true, std::move(passphrase.value()));
        return;
    }
    auto info = KeyInfo::load(folder.keyInfoPath());
    if (info && info->mode == KeyMode::Passphrase) {
        QString passphrase;
        if (!askPassphrase(passphrase)) {
            Q_EMIT failed(tr("No passphrase given: the cache stays locked."));
            return;
        }
        attempt(true, std::move(passphrase));
        return;
    }
    attempt(false, {});
}

bool UnlockFlow::askPassphrase(QString& out)
{
    bool ok = false;
    out = QInputDialog::getText(m_window, tr("Unlock Earmark"),
        m_tries == 0 ? tr("Passphrase of the cache in %1:").arg(QDir::toNativeSeparators(m_cacheDir))
                     : tr("Wrong passphrase, try again:"),
        QLineEdit::Password, {}, &ok);
    return ok && !out.isEmpty();
}

void UnlockFlow::attempt(bool passphraseMode, QString passphrase)
{
    UnlockRequest request;
    request.cacheDir = m_cacheDir;
    request.mode = passphraseMode ? KeyMode::Passphrase : KeyMode::Keychain;
    request.passphrase = std::move(passphrase);
    request.allowCreate = false;
    auto* job = new CacheUnlocker(std::move(request));
    connect(job, &CacheUnlocker::finished, this, [this, passphraseMode](CacheUnlocker* j) {
        if (!j->succeeded()) {
            const QString message = j->error().message;
            ++m_tries;
            if (passphraseMode && m_passphraseFile.isEmpty() && message.contains(QLatin1String("Wrong passphrase"))
                && m_tries < 3) {
                QString again;
                if (askPassphrase(again)) {
                    QTimer::singleShot(0, this, [this, again]() mutable { attempt(true, std::move(again)); });
                    return;
                }
            }
            Q_EMIT failed(message);
            return;
        }
        SecretKey pending = j->takePendingKey();
        // A rotation a killed process left (a pending key, or old keychain entries still to delete).
        const bool rotating = !pending.isNull()
            || !KeyInfo::load(CacheFolder(m_cacheDir).keyInfoPath()).value_or(KeyInfo {}).retiredKeyIds.isEmpty();
        const std::optional<QByteArray> keptAnchor = j->keychainAuditAnchor();
        m_worker->open(
            m_cacheDir, j->takeKey(), false, this,
            [this, rotating](const QString& error) {
                if (!error.isEmpty()) {
                    Q_EMIT failed(error);
                    return;
                }
                if (rotating) {
                    // A key rotation a killed process left: the key file follows what the cache now uses.
                    const QString dir = m_cacheDir;
                    m_worker->run<MasterKeyState>(
                        this, [](MasterKeyState& keys) { return keys.masterCheck(); },
                        [dir](QByteArray check) { (new KeyRotation(dir, {}))->settle(check); });
                }
                Q_EMIT unlocked();
            },
            std::move(pending), keptAnchor);
    });
    job->start();
}

} // namespace Earmark::Gui
