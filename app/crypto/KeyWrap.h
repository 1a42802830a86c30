#pragma once

#include "crypto/SecretKey.h"

#include <QByteArray>
#include <optional>

namespace Earmark::KeyWrap {

// Wraps a 32-byte key with XChaCha20-Poly1305 under a key-encryption key: random 24-byte nonce || ciphertext ||
// tag (72 bytes). The associated data binds the wrapped key to its use (a call id, a key id).
QByteArray wrap(const SecretKey& key, const SecretKey& kek, const QByteArray& associatedData);
// The key, or nothing when the bytes are damaged, the key-encryption key is wrong or the associated data differs.
std::optional<SecretKey> unwrap(const QByteArray& wrapped, const SecretKey& kek, const QByteArray& associatedData);

} // namespace Earmark::KeyWrap
