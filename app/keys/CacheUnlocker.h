#pragma once

#include "cache/CacheFolder.h"
#include "core/Result.h"
#include "crypto/SecretKey.h"
#include "keys/KeyInfo.h"

#include <QElapsedTimer>
#include <QLockFile>
#include <QObject>
#include <functional>
#include <optional>

namespace QKeychain {
class Job;
}

namespace Earmark {

struct UnlockRequest
{
    QString cacheDir;
    KeyMode mode = KeyMode::Keychain;
    QString passphrase; // passphrase mode only
    bool allowCreate = true; // make a new key when the folder has no cache yet
};

// Finds the master key of a cache, asynchronously: from the OS keychain (QtKeychain jobs) or by deriving it from
// a passphrase (Argon2id on a worker thread). Creates a key for a new cache. Never makes a new key where a cache
// exists: a keychain that answers "not found" for an existing cache is reported as locked or unavailable.
// A self-deleting job: emits finished() exactly once on every path, then deletes itself.
class CacheUnlocker : public QObject
{
    Q_OBJECT

public:
    explicit CacheUnlocker(UnlockRequest request, QObject* parent = nullptr);
    ~CacheUnlocker() override;

    void start();

    bool succeeded() const { return !m_key.isNull(); }
    bool created() const { return m_created; }
    Error error() const { return m_error; }
    // The failure was the OS keychain not answering (no Secret Service, or it refused): a passphrase would do.
    bool keychainUnavailable() const { return m_keychainUnavailable; }
    // Moves the key out (valid inside the finished() handler).
    SecretKey takeKey() { return std::move(m_key); }
    // During a rotation of the master key (keyinfo.json names a pending key): that key, else a null key.
    SecretKey takePendingKey() { return std::move(m_pending); }
    // Keychain mode: the keychain's copy of the cache's audit checkpoint (empty when it has none; AuditAnchorKeychain
    // keeps it); nullopt in passphrase mode. For CacheOpenOptions::keychainAnchor.
    std::optional<QByteArray> keychainAuditAnchor() const { return m_anchor; }

    static QString keychainService() { return QStringLiteral("Earmark"); }
    static QString keychainEntry(const QString& keyId) { return QStringLiteral("cache-master-key-") + keyId; }

Q_SIGNALS:
    void finished(Earmark::CacheUnlocker* job);
    // Another process is creating this cache: this one waits for it (said once).
    void waiting(const QString& message);

private:
    void begin();
    // The exclusive lock on making this cache; false while another process holds it (begin runs again) or on failure.
    bool lockForCreation();
    void fail(const QString& message);
    void succeed(SecretKey key, bool created);
    void readFromKeychain(const KeyInfo& info);
    void readPendingFromKeychain(const KeyInfo& info, SecretKey master);
    void readAnchorFromKeychain(const KeyInfo& info, SecretKey master);
    void createInKeychain();
    void unlockWithPassphrase(const KeyInfo& info);
    void createWithPassphrase();
    struct PassphraseOutcome;
    // Runs work (key derivation) on a pool thread, then saves keyinfo.json when needed and finishes the job.
    void runPassphraseJob(std::function<void(PassphraseOutcome&)> work, bool creating);

    UnlockRequest m_request;
    CacheFolder m_folder;
    SecretKey m_key;
    SecretKey m_pending;
    std::optional<QByteArray> m_anchor;
    Error m_error;
    bool m_created = false;
    bool m_done = false;
    bool m_keychainUnavailable = false;
    std::unique_ptr<QLockFile> m_creationLock;
    QElapsedTimer m_waited;
    bool m_toldWaiting = false;
    bool m_madeFolder = false;
    static constexpr qint64 CreationWaitMs = 120000;
};

} // namespace Earmark
