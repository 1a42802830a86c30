#pragma once

#include <QByteArray>
#include <cstddef>

namespace Earmark {

// Calls sodium_init() once; every crypto entry point calls it. Returns false only on a broken libsodium.
bool ensureSodium();

// A 32-byte key, wiped (sodium_memzero) when destroyed or moved from. Move-only. Stored inline: guarded
// sodium_malloc pages cost an mmap/mprotect/munmap each, too slow for the per-call and per-blob keys of a sync;
// long-lived holders of keys (KeyHierarchy) lock their own memory against swapping instead.
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

    bool isNull() const { return !m_valid; }
    const unsigned char* data() const { return m_valid ? m_data : nullptr; }
    unsigned char* mutableData() { return m_valid ? m_data : nullptr; }
    SecretKey clone() const;
    // Copies the key into a QByteArray; the caller must wipe it (Files::wipe).
    QByteArray toByteArray() const;
    QByteArray toHex() const;

private:
    void allocate();
    void wipe();
    alignas(16) unsigned char m_data[Size] = {};
    bool m_valid = false;
};

} // namespace Earmark
