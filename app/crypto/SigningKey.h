#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QByteArray>

namespace Earmark {

// An Ed25519 signing key (libsodium crypto_sign) with its 8-byte key id, the cache's one signing identity: it signs
// destruction certificates, audit checkpoints and evidence packs. Kept as its 32-byte seed (a SecretKey, wrapped by
// the cache's master key when stored); the expanded secret key is wiped when this object is destroyed.
class SigningKey
{
public:
    static constexpr int PublicKeySize = 32;
    static constexpr int SignatureSize = 64;
    static constexpr int KeyIdSize = 8;

    SigningKey() = default;
    ~SigningKey();
    SigningKey(SigningKey&& other) noexcept;
    SigningKey& operator=(SigningKey&& other) noexcept;
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;

    static SigningKey generate();
    // The key made from a stored seed and key id; a null key when either has the wrong size.
    static SigningKey fromSeed(const SecretKey& seed, const QByteArray& keyId);

    bool isNull() const { return !m_valid; }
    SecretKey seed() const;
    QByteArray keyId() const { return m_keyId; }
    QByteArray publicKey() const;

    // A detached Ed25519 signature of message.
    QByteArray sign(const QByteArray& message) const;
    static bool verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);

private:
    void wipe();
    unsigned char m_secret[64] = {}; // seed || public key, as crypto_sign keeps it
    QByteArray m_keyId;
    bool m_valid = false;
};

} // namespace Earmark
