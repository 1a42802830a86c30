#include "ui/setup/FirstRunFlow.h"

#include "cache/CacheSettings.h"
#include "cache/CacheWorker.h"
#include "demo/DemoStoreWriter.h"
#include "keys/CacheUnlocker.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace Earmark::Gui {

FirstRunFlow::FirstRunFlow(QString cacheDir, CacheWorker* worker, QObject* parent)
    : QObject(parent)
    , m_cacheDir(std::move(cacheDir))
    , m_worker(worker)
{ }

void FirstRunFlow::start(const QString& storePath, bool writeDemo, KeyMode mode, const QString& passphrase)
{
    m_store = storePath;
    m_mode = mode;
    m_passphrase = passphrase;
    if (!writeDemo || QFile::exists(storePath + QStringLiteral("/v1/store.json"))) {
        createKey();
        return;
    }
    Q_EMIT progress(tr("Writing the demo store (60 spoken calls)…"));
    using Written = Result<Demo::DemoSummary>;
    auto* watcher = new QFutureWatcher<Written>(this);
    connect(watcher, &QFutureWatcher<Written>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Written w = watcher->result();
        if (!w) {
            Q_EMIT failed(tr("The demo store could not be written: %1").arg(w.errorMessage()));
            return;
        }
        createKey();
    });
    const QString out = storePath;
    watcher->setFuture(QtConcurrent::run([out] { return Demo::writeDemoStore({out, 60, 1, 14}); }));
}

void FirstRunFlow::createKey()
{
    Q_EMIT progress(m_mode == KeyMode::Keychain ? tr("Storing the new key in the keychain…")
                                                : tr("Deriving the key from the passphrase…"));
    UnlockRequest request;
    request.cacheDir = m_cacheDir;
    request.mode = m_mode;
    request.passphrase = std::exchange(m_passphrase, QString());
    request.allowCreate = true;
    auto* job = new CacheUnlocker(std::move(request));
    connect(job, &CacheUnlocker::finished, this, [this](CacheUnlocker* j) {
        if (!j->succeeded()) {
            if (j->keychainUnavailable()) {
                Q_EMIT keychainUnavailable(j->error().message);
            } else {
                Q_EMIT failed(j->error().message);
            }
            return;
        }
        const std::optional<QByteArray> keptAnchor = j->keychainAuditAnchor();
        m_worker->open(
            m_cacheDir, j->takeKey(), true, this,
            [this](const QString& error) {
                if (!error.isEmpty()) {
                    Q_EMIT failed(error);
                    return;
                }
                const QString store = CacheSettings::normalisedStoreLocation(m_store);
                m_worker->run<CacheSettings>(
                    this, [store](CacheSettings& settings) { return settings.setStoreLocation(store); },
                    [this, store](Status remembered) {
                        if (!remembered) {
                            Q_EMIT failed(tr("The cache was made but it could not remember the recording store: %1")
                                              .arg(remembered.errorMessage()));
                            return;
                        }
                        Q_EMIT ready(store);
                    });
            },
            {}, keptAnchor);
    });
    job->start();
}

} // namespace Earmark::Gui
