#pragma once

#include <QByteArray>
#include <cstddef>

namespace Earmark {

// Calls sodium_init() once; every crypto entry point calls it. Returns false only on a broken libsodium.
bool ensureSodium();

// A 32-byte key in guarded, locked memory (sodium_malloc), wiped when destroyed. Move-only.
class SecretKey
{
public:
    static constexpr std::size_t Size = 32;

    SecretKey() = default;
    ~SecretKey();
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    static SecretKey random();
    // Copies Size bytes; returns a null key when bytes has another length.
    static SecretKey fromBytes(const QByteArray& bytes);
    static SecretKey fromRaw(const unsigned char* bytes);

    bool isNull() const { return m_data == nullptr; }
    const unsigned char* data() const { return m_data; }
    unsigned char* mutableData() { return m_data; }
    SecretKey clone() const;
    // Copies the key into a QByteArray; the caller must wipe it (Files::wipe).
    QByteArray toByteArray() const;
    QByteArray toHex() const;

private:
    void allocate();
    unsigned char* m_data = nullptr;
};

} // namespace Earmark
