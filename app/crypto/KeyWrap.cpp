#include "crypto/KeyWrap.h"

#include <sodium.h>

namespace Earmark::KeyWrap {

namespace {
constexpr qsizetype NonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype WrappedSize = NonceSize + SecretKey::Size + crypto_aead_xchacha20poly1305_ietf_ABYTES;
} // namespace

QByteArray wrap(const SecretKey& key, const SecretKey& kek, const QByteArray& ad)
{
    ensureSodium();
    QByteArray out(WrappedSize, '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, NonceSize);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + NonceSize, &clen, key.data(), SecretKey::Size,
        reinterpret_cast<const unsigned char*>(ad.constData()), ad.size(), nullptr, nonce, kek.data());
    return out;
}

std::optional<SecretKey> unwrap(const QByteArray& wrapped, const SecretKey& kek, const QByteArray& ad)
{
    ensureSodium();
    if (wrapped.size() != WrappedSize) {
        return std::nullopt;
    }
    const auto* nonce = reinterpret_cast<const unsigned char*>(wrapped.constData());
    SecretKey key = SecretKey::random();
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.mutableData(), &mlen, nullptr, nonce + NonceSize,
            WrappedSize - NonceSize, reinterpret_cast<const unsigned char*>(ad.constData()), ad.size(), nonce,
            kek.data())
        != 0) {
        return std::nullopt;
    }
    return key;
}

} // namespace Earmark::KeyWrap
