#pragma once

#include "audio/StreamDecoder.h"
#include "core/Result.h"

#include <QByteArray>
#include <QVector>

namespace Earmark {

struct DecodedAudio
{
    int sampleRate = 0;
    int channels = 0;
    qint64 frames = 0;
    QVector<qint16> samples; // interleaved, empty when only probing
};

// Decodes audio from memory with libsndfile (WAV PCM/mu-law/A-law/GSM 6.10, FLAC, MP3, Ogg Opus/Vorbis),
// identified by content, never by file name. Decoded audio never touches the disk.
namespace AudioDecoder {

// Decodes every frame (proving the file decodes to its end, within the bound of its stated length) and returns the
// real rate, channels and length; nothing is kept.
Result<DecodedAudio> probe(const QByteArray& bytes, DurationBound bound = {});
// Decodes to interleaved 16-bit samples, never more than the bound allows.
Result<DecodedAudio> decode(const QByteArray& bytes, DurationBound bound = {});
// Encodes interleaved 16-bit samples as a WAV file (PCM), in memory.
Result<QByteArray> encodeWav(const DecodedAudio& audio);

} // namespace AudioDecoder
} // namespace Earmark
