#pragma once

#include "core/ByteSource.h"
#include "core/Result.h"
#include "crypto/Blob.h"
#include "crypto/SecretKey.h"

#include <QFile>
#include <memory>

namespace Earmark {

// A call's cached audio as a ByteSource: each 64 KiB chunk decrypted (and authenticated) when the decoder reaches it,
// one chunk held at a time and wiped when the next is read, so that playback starts without the whole file decrypted.
// Chunks authenticate alone; whether the whole is the file this cache fetched (and not an older blob of the same call)
// is matchesFetchedFile()'s question, asked beside the decoding. Opened by AudioBlobReader on the cache's worker; used
// afterwards by one other thread, with no database.
class AudioBlobSource final : public ByteSource
{
public:
    static Result<std::shared_ptr<AudioBlobSource>> open(
        const QString& path, SecretKey key, const QByteArray& binding, const QString& sha256, const QString& callId);
    ~AudioBlobSource() override;

    qint64 size() const override { return m_reader->plainSize(); }
    qint64 readAt(qint64 offset, char* data, qint64 length) override;
    QString error() const override { return m_error; }

    // Reads the blob through again, on its own handle, and compares the SHA-256 of its plaintext with the one recorded
    // when it was fetched. Safe to run on another thread while the source is read.
    Status matchesFetchedFile() const;

private:
    AudioBlobSource() = default;

    QString m_path;
    SecretKey m_key;
    QByteArray m_binding;
    QString m_sha256;
    QString m_callId;
    QFile m_file;
    std::unique_ptr<Blob::Reader> m_reader;
    qint64 m_chunkIndex = -1;
    QByteArray m_chunk;
    QString m_error;
};

} // namespace Earmark
