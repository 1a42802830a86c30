#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QObject>
#include <functional>

namespace Earmark {

// Replaces the master key of a keychain-mode cache after a destruction run, so that a copy of the cache made before
// the run cannot be opened with what the keychain holds: the new key is stored in the keychain, recorded as pending
// in keyinfo.json, the cache re-wrapped and re-keyed under it (cacheStep, on the thread that owns the cache:
// Cache::rotateMaster), keyinfo.json switched to it, and the old keychain entry deleted. Each step is recorded before
// the next, so a killed process leaves a state the next unlock and open finish (CacheUnlocker reads the pending key,
// Cache::open settles the database, settle() the key file). Passphrase caches have nothing to rotate.
// A self-deleting job: finished() exactly once.
class KeyRotation : public QObject
{
    Q_OBJECT

public:
    using CacheStep = std::function<void(std::shared_ptr<SecretKey> newMaster, std::function<void(Status)> done)>;

    KeyRotation(QString cacheDir, CacheStep cacheStep, QObject* parent = nullptr);

    void start();
    // After an open during a pending rotation: the cache now uses the master with masterCheck. Switches keyinfo.json
    // to the pending key when the cache uses it, or drops the pending key when the rotation never reached the
    // database; then deletes the keychain entries no longer used. Emits finished() too.
    void settle(const QByteArray& masterCheck);

Q_SIGNALS:
    void finished(const QString& error);

private:
    void fail(const QString& message);
    void done();
    void deleteRetired();

    QString m_cacheDir;
    CacheStep m_step;
    bool m_finished = false;
};

} // namespace Earmark
