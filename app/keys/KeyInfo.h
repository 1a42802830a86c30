#pragma once

#include "core/Result.h"
#include "crypto/Passphrase.h"
#include "crypto/SecretKey.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Earmark {

enum class KeyMode
{
    Keychain,
    Passphrase,
};

// keyinfo.json beside the database: non-secret facts about the master key. In keychain mode: the key id (names
// the keychain entry) and a check value. In passphrase mode also the Argon2id parameters and the master key
// wrapped with the passphrase-derived key. Its presence means "a key exists": never make a new one over it.
struct KeyInfo
{
    int format = 1;
    KeyMode mode = KeyMode::Keychain;
    QString keyId;
    QByteArray check;
    Passphrase::KdfParams kdf;
    QByteArray wrappedKey;
    // Keychain mode, during a rotation of the master key: the new key's id and check value (its keychain entry is
    // written before they are recorded here); and old keys whose keychain entries are still to be deleted.
    QString pendingKeyId;
    QByteArray pendingCheck;
    QStringList retiredKeyIds;
    // Keychain mode: names the keychain entry that keeps a copy of the audit checkpoint (AuditAnchorKeychain); never
    // changes, also not when the master key is replaced. Empty for caches made before it existed, until first used.
    QString cacheId;

    static Result<KeyInfo> load(const QString& path);
    Status save(const QString& path) const;

    static QString newKeyId();
    static QString modeName(KeyMode mode);

    // Passphrase mode: wraps/unwraps the master key with the key derived from the passphrase.
    void wrapMaster(const SecretKey& master, const SecretKey& kek);
    Result<SecretKey> unwrapMaster(const SecretKey& kek) const;
};

} // namespace Earmark
