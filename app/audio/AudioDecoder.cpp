#include "audio/AudioDecoder.h"

#include <cstring>
#include <sndfile.h>

namespace Earmark::AudioDecoder {

namespace {
// An in-memory file for libsndfile's virtual I/O: read in place, or grown by writes.
struct MemoryFile
{
    QByteArray* bytes;
    sf_count_t pos = 0;
};

sf_count_t vioLength(void* user)
{
    return static_cast<MemoryFile*>(user)->bytes->size();
}

sf_count_t vioSeek(sf_count_t offset, int whence, void* user)
{
    auto* m = static_cast<MemoryFile*>(user);
    sf_count_t base = 0;
    if (whence == SEEK_CUR) {
        base = m->pos;
    } else if (whence == SEEK_END) {
        base = m->bytes->size();
    }
    const sf_count_t target = base + offset;
    if (target < 0 || target > m->bytes->size()) {
        return -1;
    }
    m->pos = target;
    return m->pos;
}

sf_count_t vioRead(void* ptr, sf_count_t count, void* user)
{
    auto* m = static_cast<MemoryFile*>(user);
    const sf_count_t n = std::min<sf_count_t>(count, m->bytes->size() - m->pos);
    if (n <= 0) {
        return 0;
    }
    std::memcpy(ptr, m->bytes->constData() + m->pos, static_cast<size_t>(n));
    m->pos += n;
    return n;
}

sf_count_t vioWrite(const void* ptr, sf_count_t count, void* user)
{
    auto* m = static_cast<MemoryFile*>(user);
    if (m->pos + count > m->bytes->size()) {
        m->bytes->resize(m->pos + count);
    }
    std::memcpy(m->bytes->data() + m->pos, ptr, static_cast<size_t>(count));
    m->pos += count;
    return count;
}

sf_count_t vioTell(void* user)
{
    return static_cast<MemoryFile*>(user)->pos;
}

Result<DecodedAudio> run(const QByteArray& bytes, bool keepSamples)
{
    SF_VIRTUAL_IO io {vioLength, vioSeek, vioRead, vioWrite, vioTell};
    MemoryFile mem {const_cast<QByteArray*>(&bytes)}; // opened for reading: never written
    SF_INFO info {};
    SNDFILE* sf = sf_open_virtual(&io, SFM_READ, &info, &mem);
    if (!sf) {
        return makeError(QStringLiteral("the audio does not decode (%1)").arg(QString::fromUtf8(sf_strerror(nullptr))));
    }
    DecodedAudio out;
    out.sampleRate = info.samplerate;
    out.channels = info.channels;
    if (info.channels < 1 || info.channels > 8 || info.samplerate < 4000 || info.samplerate > 192000) {
        sf_close(sf);
        return makeError(QStringLiteral("the audio has %1 channels at %2 Hz, which is not a call recording")
                             .arg(info.channels)
                             .arg(info.samplerate));
    }
    constexpr sf_count_t Block = 4096;
    QVector<qint16> buffer(Block * info.channels);
    if (keepSamples && info.frames > 0 && info.frames < (sf_count_t(1) << 31)) {
        out.samples.reserve(info.frames * info.channels);
    }
    for (;;) {
        const sf_count_t got = sf_readf_short(sf, buffer.data(), Block);
        if (got <= 0) {
            break;
        }
        out.frames += got;
        if (keepSamples) {
            const qsizetype old = out.samples.size();
            out.samples.resize(old + got * info.channels);
            std::memcpy(out.samples.data() + old, buffer.constData(), sizeof(qint16) * got * info.channels);
        }
    }
    const int err = sf_error(sf);
    const QString message = QString::fromUtf8(sf_strerror(sf));
    sf_close(sf);
    if (err != SF_ERR_NO_ERROR) {
        return makeError(QStringLiteral("the audio does not decode to its end (%1)").arg(message));
    }
    if (out.frames == 0) {
        return makeError(QStringLiteral("the audio holds no sound at all"));
    }
    return out;
}
} // namespace

Result<DecodedAudio> probe(const QByteArray& bytes)
{
    return run(bytes, false);
}

Result<DecodedAudio> decode(const QByteArray& bytes)
{
    return run(bytes, true);
}

Result<QByteArray> encodeWav(const DecodedAudio& audio)
{
    QByteArray out;
    MemoryFile mem {&out};
    SF_VIRTUAL_IO io {vioLength, vioSeek, vioRead, vioWrite, vioTell};
    SF_INFO info {};
    info.samplerate = audio.sampleRate;
    info.channels = audio.channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open_virtual(&io, SFM_WRITE, &info, &mem);
    if (!sf) {
        return makeError(QStringLiteral("cannot write WAV audio (%1)").arg(QString::fromUtf8(sf_strerror(nullptr))));
    }
    const sf_count_t frames = audio.channels > 0 ? sf_count_t(audio.samples.size() / audio.channels) : 0;
    const sf_count_t written = sf_writef_short(sf, audio.samples.constData(), frames);
    sf_close(sf);
    if (written != frames) {
        return makeError(QStringLiteral("cannot write WAV audio: %1 of %2 frames written").arg(written).arg(frames));
    }
    return out;
}

} // namespace Earmark::AudioDecoder
