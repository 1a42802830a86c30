#include "cache/AudioBlobReader.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Files.h"
#include "crypto/Blob.h"

#include <QCryptographicHash>
#include <QFile>

namespace Earmark {

AudioBlobReader::AudioBlobReader(Cache& cache)
    : m_cache(cache)
{ }

Result<std::pair<QString, QString>> AudioBlobReader::blobOf(const CallRecord& call)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT audio_blob, audio_blob_sha256 FROM calls WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, call.id);
    auto row = s->requiredRow([&] { return std::make_pair(s->text(0), s->text(1)); },
        QStringLiteral("Call %1 is no longer in the cache.").arg(call.callId));
    if (!row) {
        return row.error();
    }
    if (row->first.isEmpty()) {
        return makeError(QStringLiteral("The audio of call %1 is not in the cache.").arg(call.callId));
    }
    return row;
}

Result<std::shared_ptr<AudioBlobSource>> AudioBlobReader::openSource(const CallRecord& call)
{
    auto row = blobOf(call);
    if (!row) {
        return row.error();
    }
    auto key = m_cache.calls().dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    return AudioBlobSource::open(m_cache.blobs().pathOf(row->first), std::move(key.value()),
        CallRepository::binding(call.callId, "audio"), row->second, call.callId);
}

Result<QByteArray> AudioBlobReader::read(const CallRecord& call)
{
    auto row = blobOf(call);
    if (!row) {
        return row.error();
    }
    const auto& [blob, expected] = row.value();
    QFile file(m_cache.blobs().pathOf(blob));
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            QStringLiteral("Call %1: its encrypted audio file is missing. Run earmark-cli verify.").arg(call.callId));
    }
    auto key = m_cache.calls().dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    auto reader = Blob::Reader::open(key.value(), CallRepository::binding(call.callId, "audio"), &file);
    if (!reader) {
        return makeError(QStringLiteral("Call %1 audio: %2").arg(call.callId, reader.errorMessage()));
    }
    auto audio = reader->readAll();
    if (!audio) {
        return makeError(QStringLiteral("Call %1 audio: %2").arg(call.callId, audio.errorMessage()));
    }
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(audio.value(), QCryptographicHash::Sha256).toHex());
    if (sha != expected) {
        Files::wipe(audio.value());
        return makeError(QStringLiteral("Call %1 audio: the encrypted file is not the audio this cache fetched (its "
                                        "SHA-256 differs: an older or swapped file). Run earmark-cli verify; the next "
                                        "sync with --audio all fetches it again.")
                             .arg(call.callId));
    }
    return audio;
}

} // namespace Earmark
