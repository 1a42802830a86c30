#include "crypto/SigningKey.h"

#include <sodium.h>

namespace Earmark {

static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_PUBLICKEYBYTES == SigningKey::PublicKeySize
    && crypto_sign_BYTES == SigningKey::SignatureSize && crypto_sign_SEEDBYTES == SecretKey::Size);

SigningKey::~SigningKey()
{
    wipe();
}

SigningKey::SigningKey(SigningKey&& other) noexcept
{
    *this = std::move(other);
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept
{
    if (this != &other) {
        std::copy(std::begin(other.m_secret), std::end(other.m_secret), m_secret);
        m_keyId = std::move(other.m_keyId);
        m_valid = other.m_valid;
        other.wipe();
    }
    return *this;
}

void SigningKey::wipe()
{
    sodium_memzero(m_secret, sizeof m_secret);
    m_keyId.clear();
    m_valid = false;
}

SigningKey SigningKey::generate()
{
    QByteArray id(KeyIdSize, '\0');
    ensureSodium();
    randombytes_buf(id.data(), static_cast<size_t>(id.size()));
    return fromSeed(SecretKey::random(), id);
}

SigningKey SigningKey::fromSeed(const SecretKey& seed, const QByteArray& keyId)
{
    SigningKey key;
    if (seed.isNull() || keyId.size() != KeyIdSize || !ensureSodium()) {
        return key;
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_seed_keypair(pk, key.m_secret, seed.data());
    key.m_keyId = keyId;
    key.m_valid = true;
    return key;
}

SecretKey SigningKey::seed() const
{
    return m_valid ? SecretKey::fromRaw(m_secret) : SecretKey();
}

QByteArray SigningKey::publicKey() const
{
    // libsodium keeps the public key as the second half of the secret key.
    return m_valid ? QByteArray(reinterpret_cast<const char*>(m_secret + 32), PublicKeySize) : QByteArray();
}

QByteArray SigningKey::sign(const QByteArray& message) const
{
    if (!m_valid) {
        qFatal("SigningKey::sign on a null key");
    }
    QByteArray sig(SignatureSize, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
        reinterpret_cast<const unsigned char*>(message.constData()), static_cast<unsigned long long>(message.size()),
        m_secret);
    return sig;
}

bool SigningKey::verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature)
{
    if (publicKey.size() != PublicKeySize || signature.size() != SignatureSize || !ensureSodium()) {
        return false;
    }
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
               reinterpret_cast<const unsigned char*>(message.constData()),
               static_cast<unsigned long long>(message.size()),
               reinterpret_cast<const unsigned char*>(publicKey.constData()))
        == 0;
}

} // namespace Earmark
