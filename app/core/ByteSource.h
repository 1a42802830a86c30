#pragma once

#include <QByteArray>
#include <QString>

namespace Earmark {

// Bytes read at any offset, from memory or decrypted chunk by chunk from a blob, so that a decoder can take a call's
// audio without the whole file in memory. A source is used by one thread at a time.
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    virtual qint64 size() const = 0;
    // Copies up to length bytes from offset into data; returns how many (0 at the end), or -1 when the bytes cannot
    // be read (error() says why).
    virtual qint64 readAt(qint64 offset, char* data, qint64 length) = 0;
    virtual QString error() const = 0;
};

// A source over bytes in memory; the bytes are its own and wiped when it is destroyed.
class MemoryByteSource final : public ByteSource
{
public:
    explicit MemoryByteSource(QByteArray bytes);
    ~MemoryByteSource() override;

    qint64 size() const override { return m_bytes.size(); }
    qint64 readAt(qint64 offset, char* data, qint64 length) override;
    QString error() const override { return {}; }

private:
    QByteArray m_bytes;
};

} // namespace Earmark
