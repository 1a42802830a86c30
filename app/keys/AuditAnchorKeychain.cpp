#include "keys/AuditAnchorKeychain.h"

#include "cache/CacheFolder.h"
#include "core/Logging.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace Earmark {

AuditAnchorKeychain::AuditAnchorKeychain(QString cacheDir, QObject* parent)
    : QObject(parent)
    , m_cacheDir(std::move(cacheDir))
{ }

void AuditAnchorKeychain::store(const QByteArray& anchor)
{
    if (anchor.isEmpty() || anchor == m_written) {
        return;
    }
    m_waiting = anchor;
    if (!m_busy) {
        writeNext();
    }
}

void AuditAnchorKeychain::whenIdle(std::function<void()> then)
{
    if (!m_busy) {
        then();
        return;
    }
    m_idle = std::move(then);
}

void AuditAnchorKeychain::settle()
{
    m_busy = false;
    if (!m_waiting.isEmpty() && m_waiting != m_written) {
        writeNext();
        return;
    }
    m_waiting.clear();
    if (auto then = std::exchange(m_idle, {})) {
        then();
    }
}

void AuditAnchorKeychain::writeNext()
{
    const QString infoPath = CacheFolder(m_cacheDir).keyInfoPath();
    auto info = KeyInfo::load(infoPath);
    if (!info || info->mode != KeyMode::Keychain) {
        m_waiting.clear();
        settle();
        return;
    }
    if (info->cacheId.isEmpty()) {
        // A cache made before the keychain kept this copy: name its entry once, for good.
        info->cacheId = KeyInfo::newKeyId();
        if (auto st = info->save(infoPath); !st) {
            m_lastError = st.errorMessage();
            Q_EMIT failed(m_lastError);
            m_waiting.clear();
            settle();
            return;
        }
    }
    m_busy = true;
    const QByteArray anchor = std::exchange(m_waiting, {});
    // Not a child of this object: the window may close while the write is under way, and a QtKeychain job deleted
    // before it finishes is called back after it is gone. It deletes itself when done; the connection below ends
    // with this object.
    auto* job = new QKeychain::WritePasswordJob(CacheUnlocker::keychainService());
    job->setAutoDelete(true);
    job->setKey(keychainEntry(info->cacheId));
    job->setBinaryData(anchor);
    connect(job, &QKeychain::Job::finished, this, [this, job, anchor] {
        if (job->error() != QKeychain::NoError) {
            m_lastError = QStringLiteral("The audit checkpoint could not be copied to the OS keychain (%1): the "
                                         "keychain's copy stays at an older checkpoint until the next write.")
                              .arg(job->errorString());
            qCWarning(lcKeys) << m_lastError;
            Q_EMIT failed(m_lastError);
        } else {
            m_written = anchor;
            m_lastError.clear();
        }
        // Not from inside the job's signal: the job deletes itself after it.
        QTimer::singleShot(0, this, [this] { settle(); });
    });
    job->start();
}

} // namespace Earmark
