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
    if (m_data) {
        sodium_free(m_data);
    }
}

SecretKey::SecretKey(SecretKey&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
{ }

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept
{
    if (this != &other) {
        if (m_data) {
            sodium_free(m_data);
        }
        m_data = std::exchange(other.m_data, nullptr);
    }
    return *this;
}

void SecretKey::allocate()
{
    if (!ensureSodium()) {
        qFatal("libsodium failed to initialise");
    }
    m_data = static_cast<unsigned char*>(sodium_malloc(Size));
    if (!m_data) {
        qFatal("out of memory for a secret key");
    }
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
    return m_data ? fromRaw(m_data) : SecretKey();
}

QByteArray SecretKey::toByteArray() const
{
    return m_data ? QByteArray(reinterpret_cast<const char*>(m_data), Size) : QByteArray();
}

QByteArray SecretKey::toHex() const
{
    if (!m_data) {
        return {};
    }
    QByteArray hex(Size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), m_data, Size);
    hex.chop(1);
    return hex;
}

} // namespace Earmark
