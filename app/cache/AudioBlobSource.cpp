#include "cache/AudioBlobSource.h"

#include "core/Files.h"

#include <QCryptographicHash>
#include <cstring>

namespace Earmark {

Result<std::shared_ptr<AudioBlobSource>> AudioBlobSource::open(
    const QString& path, SecretKey key, const QByteArray& binding, const QString& sha256, const QString& callId)
{
    std::shared_ptr<AudioBlobSource> s(new AudioBlobSource);
    s->m_path = path;
    s->m_binding = binding;
    s->m_sha256 = sha256;
    s->m_callId = callId;
    s->m_file.setFileName(path);
    if (!s->m_file.open(QIODevice::ReadOnly)) {
        return makeError(
            QStringLiteral("Call %1: its encrypted audio file is missing. Run earmark-cli verify.").arg(callId));
    }
    auto reader = Blob::Reader::open(key, binding, &s->m_file);
    if (!reader) {
        return makeError(QStringLiteral("Call %1 audio: %2").arg(callId, reader.errorMessage()));
    }
    s->m_reader = std::make_unique<Blob::Reader>(std::move(reader.value()));
    s->m_key = std::move(key);
    return s;
}

AudioBlobSource::~AudioBlobSource()
{
    Files::wipe(m_chunk);
}

qint64 AudioBlobSource::readAt(qint64 offset, char* data, qint64 length)
{
    qint64 done = 0;
    while (done < length && offset + done < size()) {
        const qint64 at = offset + done;
        const qint64 index = at / Blob::ChunkSize;
        if (index != m_chunkIndex) {
            Files::wipe(m_chunk);
            m_chunkIndex = -1;
            auto chunk = m_reader->readChunk(index);
            if (!chunk) {
                m_error = QStringLiteral("Call %1 audio: %2").arg(m_callId, chunk.errorMessage());
                return -1;
            }
            m_chunk = std::move(chunk.value());
            m_chunkIndex = index;
        }
        const qint64 within = at - index * Blob::ChunkSize;
        const qint64 n = std::min(length - done, m_chunk.size() - within);
        std::memcpy(data + done, m_chunk.constData() + within, static_cast<size_t>(n));
        done += n;
    }
    return done;
}

Status AudioBlobSource::matchesFetchedFile() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            QStringLiteral("Call %1: its encrypted audio file is missing. Run earmark-cli verify.").arg(m_callId));
    }
    auto reader = Blob::Reader::open(m_key, m_binding, &file);
    if (!reader) {
        return makeError(QStringLiteral("Call %1 audio: %2").arg(m_callId, reader.errorMessage()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 k = 0; k < reader->chunkCount(); ++k) {
        auto chunk = reader->readChunk(k);
        if (!chunk) {
            return makeError(QStringLiteral("Call %1 audio: %2").arg(m_callId, chunk.errorMessage()));
        }
        hash.addData(chunk.value());
        Files::wipe(chunk.value());
    }
    if (QString::fromLatin1(hash.result().toHex()) != m_sha256) {
        return makeError(QStringLiteral("Call %1 audio: the encrypted file is not the audio this cache fetched (its "
                                        "SHA-256 differs: an older or swapped file). Run earmark-cli verify; the next "
                                        "sync with --audio all fetches it again.")
                             .arg(m_callId));
    }
    return {};
}

} // namespace Earmark
