#include "crypto/SecretKey.h"

#include <QtGlobal>
#include <sodium.h>
#include <utility>

namespace Earmark {

bool ensureSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

SecretKey::~SecretKey()
{
    wipe();
}

void SecretKey::wipe()
{
    sodium_memzero(m_data, Size);
    m_valid = false;
}

SecretKey::SecretKey(SecretKey&& other) noexcept
{
    *this = std::move(other);
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept
{
    if (this != &other) {
        std::copy(std::begin(other.m_data), std::end(other.m_data), m_data);
        m_valid = other.m_valid;
        other.wipe();
    }
    return *this;
}

void SecretKey::allocate()
{
    if (!ensureSodium()) {
        qFatal("libsodium failed to initialise");
    }
    m_valid = true;
}

SecretKey SecretKey::random()
{
    SecretKey key;
    key.allocate();
    randombytes_buf(key.m_data, Size);
    return key;
}

SecretKey SecretKey::fromBytes(const QByteArray& bytes)
{
    if (bytes.size() != static_cast<qsizetype>(Size)) {
        return {};
    }
    return fromRaw(reinterpret_cast<const unsigned char*>(bytes.constData()));
}

SecretKey SecretKey::fromRaw(const unsigned char* bytes)
{
    SecretKey key;
    key.allocate();
    std::copy(bytes, bytes + Size, key.m_data);
    return key;
}

SecretKey SecretKey::clone() const
{
    return m_valid ? fromRaw(m_data) : SecretKey();
}

QByteArray SecretKey::toByteArray() const
{
    return m_valid ? QByteArray(reinterpret_cast<const char*>(m_data), Size) : QByteArray();
}

QByteArray SecretKey::toHex() const
{
    if (!m_valid) {
        return {};
    }
    QByteArray hex(Size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), m_data, Size);
    hex.chop(1);
    return hex;
}

} // namespace Earmark
