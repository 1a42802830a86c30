#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QByteArray>

class QIODevice;

namespace Earmark::Blob {

// Earmark blob format, version 1 (docs/security.md): a 32-byte header, then chunks of 64 KiB of plaintext
// sealed with ChaCha20-Poly1305. The payload key is derived from the data key and the header's random salt;
// a chunk's nonce is its counter plus a last-chunk flag; the header and a caller-chosen binding (e.g. the call
// id and purpose) are associated data of every chunk. Detects flipped bits, truncation, reordered, dropped and
// appended chunks, and blobs swapped between calls or purposes; any chunk can be read alone.

enum class Kind : quint8
{
    Audio = 1,
    Transcript = 2,
    Personal = 3,
    Other = 4,
};

constexpr qint64 HeaderSize = 32;
constexpr qint64 ChunkSize = 64 * 1024;
constexpr qint64 TagSize = 16;
constexpr qint64 SealedChunkSize = ChunkSize + TagSize;

// Size of the sealed blob for a plaintext of plainSize bytes.
qint64 sealedSize(qint64 plainSize);

class Writer
{
public:
    // out must be open for writing; the writer does not own it.
    Writer(const SecretKey& dataKey, const QByteArray& binding, Kind kind, QIODevice* out);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer();

    Status write(const char* data, qint64 size);
    Status write(const QByteArray& data) { return write(data.constData(), data.size()); }
    // Seals the last chunk; the blob is incomplete (and will not open) until finish() succeeded.
    Status finish();

private:
    Status sealChunk(bool last);

    SecretKey m_payloadKey;
    QByteArray m_header;
    QByteArray m_associated;
    QByteArray m_pending;
    QIODevice* m_out;
    quint64 m_counter = 0;
    bool m_headerWritten = false;
    bool m_finished = false;
    bool m_failed = false;
};

class Reader
{
public:
    // in must be open for reading and random-access; the reader does not own it.
    static Result<Reader> open(const SecretKey& dataKey, const QByteArray& binding, QIODevice* in);

    Kind kind() const { return m_kind; }
    qint64 chunkCount() const { return m_chunkCount; }
    qint64 plainSize() const { return m_plainSize; }

    // Decrypts chunk k (0-based) alone.
    Result<QByteArray> readChunk(qint64 index) const;
    // Decrypts and authenticates every chunk.
    Result<QByteArray> readAll() const;
    // Authenticates every chunk without keeping the plaintext.
    Status verify() const;

private:
    Reader() = default;

    SecretKey m_payloadKey;
    QByteArray m_associated;
    QIODevice* m_in = nullptr;
    Kind m_kind = Kind::Other;
    qint64 m_chunkCount = 0;
    qint64 m_plainSize = 0;
    qint64 m_lastSealedSize = 0;
};

// In-memory conveniences for small payloads (transcripts, personal fields).
QByteArray seal(const SecretKey& dataKey, const QByteArray& binding, Kind kind, const QByteArray& plain);
Result<QByteArray> open(const SecretKey& dataKey, const QByteArray& binding, const QByteArray& sealed);

} // namespace Earmark::Blob
