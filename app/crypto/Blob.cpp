#include "crypto/Blob.h"

#include "core/Files.h"

#include <QBuffer>
#include <QIODevice>
#include <sodium.h>

namespace Earmark::Blob {

namespace {
constexpr char Magic[4] = {'E', 'M', 'K', 'B'};
constexpr quint8 Version = 1;
constexpr quint8 ChunkShift = 16;
constexpr qint64 SaltSize = 24;
static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == TagSize);
static_assert((qint64(1) << ChunkShift) == ChunkSize);

SecretKey payloadKey(const SecretKey& dataKey, const QByteArray& header)
{
    static const QByteArray label = QByteArrayLiteral("earmark-blob-payload/1");
    crypto_generichash_state state;
    crypto_generichash_init(&state, dataKey.data(), SecretKey::Size, SecretKey::Size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(label.constData()), label.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(header.constData()), header.size());
    SecretKey key = SecretKey::random();
    crypto_generichash_final(&state, key.mutableData(), SecretKey::Size);
    return key;
}

void chunkNonce(unsigned char nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES], quint64 counter, bool last)
{
    // 11-byte big-endian counter, then the last-chunk flag (as in age's STREAM).
    static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);
    for (int i = 10; i >= 0; --i) {
        nonce[i] = static_cast<unsigned char>(counter & 0xff);
        counter >>= 8;
    }
    nonce[11] = last ? 1 : 0;
}

Error damaged(const char* what)
{
    return makeError(QStringLiteral("Encrypted data is damaged or was tampered with (%1): run earmark-cli verify, then "
                                    "sync again to fetch a good copy.")
                         .arg(QLatin1String(what)));
}
} // namespace

qint64 sealedSize(qint64 plainSize)
{
    const qint64 chunks = plainSize == 0 ? 1 : (plainSize + ChunkSize - 1) / ChunkSize;
    return HeaderSize + plainSize + chunks * TagSize;
}

Writer::Writer(const SecretKey& dataKey, const QByteArray& binding, Kind kind, QIODevice* out)
    : m_out(out)
{
    ensureSodium();
    m_header = QByteArray(HeaderSize, '\0');
    auto* h = reinterpret_cast<unsigned char*>(m_header.data());
    std::copy(std::begin(Magic), std::end(Magic), h);
    h[4] = Version;
    h[5] = ChunkShift;
    h[6] = static_cast<unsigned char>(kind);
    h[7] = 0;
    randombytes_buf(h + 8, SaltSize);
    m_payloadKey = payloadKey(dataKey, m_header);
    m_associated = m_header + binding;
    m_pending.reserve(ChunkSize + 1);
}

Writer::~Writer()
{
    Files::wipe(m_pending);
}

Status Writer::sealChunk(bool last)
{
    const qint64 len = std::min<qint64>(m_pending.size(), ChunkSize);
    QByteArray sealed(len + TagSize, '\0');
    unsigned char nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
    chunkNonce(nonce, m_counter, last);
    unsigned long long clen = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(sealed.data()), &clen,
        reinterpret_cast<const unsigned char*>(m_pending.constData()), len,
        reinterpret_cast<const unsigned char*>(m_associated.constData()), m_associated.size(), nullptr, nonce,
        m_payloadKey.data());
    sodium_memzero(m_pending.data(), len);
    m_pending.remove(0, len);
    ++m_counter;
    if (m_out->write(sealed) != sealed.size()) {
        m_failed = true;
        return makeError(
            QStringLiteral("Cannot write encrypted data: %1. Check the free disk space.").arg(m_out->errorString()));
    }
    return {};
}

Status Writer::write(const char* data, qint64 size)
{
    if (m_finished || m_failed) {
        return makeError(QStringLiteral("Internal error: write after the blob was finished or failed."));
    }
    if (!m_headerWritten) {
        if (m_out->write(m_header) != HeaderSize) {
            m_failed = true;
            return makeError(QStringLiteral("Cannot write encrypted data: %1.").arg(m_out->errorString()));
        }
        m_headerWritten = true;
    }
    while (size > 0) {
        // A chunk is sealed as "not last" only once we know more data follows it.
        if (m_pending.size() == ChunkSize) {
            if (auto st = sealChunk(false); !st) {
                return st;
            }
        }
        const qint64 take = std::min<qint64>(size, ChunkSize - m_pending.size());
        m_pending.append(data, take);
        data += take;
        size -= take;
    }
    return {};
}

Status Writer::finish()
{
    if (auto st = write(nullptr, 0); !st) {
        return st;
    }
    m_finished = true;
    return sealChunk(true);
}

Result<Reader> Reader::open(const SecretKey& dataKey, const QByteArray& binding, QIODevice* in)
{
    ensureSodium();
    if (!in->seek(0)) {
        return damaged("cannot seek");
    }
    const QByteArray header = in->read(HeaderSize);
    if (header.size() != HeaderSize || !header.startsWith(QByteArray(Magic, 4))) {
        return damaged("not an Earmark blob");
    }
    const auto* h = reinterpret_cast<const unsigned char*>(header.constData());
    if (h[4] != Version || h[5] != ChunkShift || h[7] != 0 || h[6] < 1 || h[6] > 4) {
        return damaged("unknown blob version");
    }
    const qint64 body = in->size() - HeaderSize;
    if (body < TagSize) {
        return damaged("truncated");
    }
    Reader r;
    r.m_kind = static_cast<Kind>(h[6]);
    r.m_payloadKey = payloadKey(dataKey, header);
    r.m_associated = header + binding;
    r.m_in = in;
    r.m_chunkCount = (body + SealedChunkSize - 1) / SealedChunkSize;
    r.m_lastSealedSize = body - (r.m_chunkCount - 1) * SealedChunkSize;
    // Only a blob with no plaintext at all has an empty last chunk.
    if (r.m_lastSealedSize == TagSize && r.m_chunkCount > 1) {
        return damaged("empty last chunk");
    }
    r.m_plainSize = body - r.m_chunkCount * TagSize;
    return r;
}

Result<QByteArray> Reader::readChunk(qint64 index) const
{
    if (index < 0 || index >= m_chunkCount) {
        return makeError(QStringLiteral("Internal error: chunk %1 of %2 requested.").arg(index).arg(m_chunkCount));
    }
    const bool last = index == m_chunkCount - 1;
    const qint64 sealedLen = last ? m_lastSealedSize : SealedChunkSize;
    if (!m_in->seek(HeaderSize + index * SealedChunkSize)) {
        return damaged("cannot seek");
    }
    const QByteArray sealed = m_in->read(sealedLen);
    if (sealed.size() != sealedLen) {
        return damaged("short read");
    }
    unsigned char nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
    chunkNonce(nonce, static_cast<quint64>(index), last);
    QByteArray plain(sealedLen - TagSize, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &mlen, nullptr,
            reinterpret_cast<const unsigned char*>(sealed.constData()), sealed.size(),
            reinterpret_cast<const unsigned char*>(m_associated.constData()), m_associated.size(), nonce,
            m_payloadKey.data())
        != 0) {
        return damaged("a chunk does not authenticate");
    }
    return plain;
}

Result<QByteArray> Reader::readAll() const
{
    // Chunk by chunk through one 64 KiB buffer, each opened straight into the output: the sealed bytes are never held
    // whole (half the memory, and the pages of one buffer stay hot in the cache).
    if (!m_in->seek(HeaderSize)) {
        return damaged("cannot seek");
    }
    QByteArray out(m_plainSize, Qt::Uninitialized);
    QByteArray sealed(SealedChunkSize, Qt::Uninitialized);
    for (qint64 k = 0; k < m_chunkCount; ++k) {
        const bool last = k == m_chunkCount - 1;
        const qint64 sealedLen = last ? m_lastSealedSize : SealedChunkSize;
        if (m_in->read(sealed.data(), sealedLen) != sealedLen) {
            Files::wipe(out);
            return damaged("short read");
        }
        unsigned char nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
        chunkNonce(nonce, static_cast<quint64>(k), last);
        unsigned long long mlen = 0;
        if (crypto_aead_chacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()) + k * ChunkSize,
                &mlen, nullptr, reinterpret_cast<const unsigned char*>(sealed.constData()), sealedLen,
                reinterpret_cast<const unsigned char*>(m_associated.constData()), m_associated.size(), nonce,
                m_payloadKey.data())
            != 0) {
            Files::wipe(out);
            return damaged("a chunk does not authenticate");
        }
    }
    return out;
}

Status Reader::verify() const
{
    for (qint64 k = 0; k < m_chunkCount; ++k) {
        auto chunk = readChunk(k);
        if (!chunk) {
            return chunk.error();
        }
        Files::wipe(chunk.value());
    }
    return {};
}

QByteArray seal(const SecretKey& dataKey, const QByteArray& binding, Kind kind, const QByteArray& plain)
{
    QByteArray out;
    out.reserve(sealedSize(plain.size()));
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    Writer writer(dataKey, binding, kind, &buffer);
    if (!writer.write(plain) || !writer.finish()) {
        qFatal("sealing into memory cannot fail");
    }
    return out;
}

Result<QByteArray> open(const SecretKey& dataKey, const QByteArray& binding, const QByteArray& sealed)
{
    QByteArray copy = sealed;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    auto reader = Reader::open(dataKey, binding, &buffer);
    if (!reader) {
        return reader.error();
    }
    return reader->readAll();
}

} // namespace Earmark::Blob
