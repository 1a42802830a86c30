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

Result<DecodedAudio> run(const QByteArray& bytes, DurationBound bound, bool keepSamples)
{
    auto decoder = StreamDecoder::open(std::make_unique<MemoryByteSource>(bytes), bound);
    if (!decoder) {
        return decoder.error();
    }
    StreamDecoder& d = *decoder.value();
    DecodedAudio out;
    out.sampleRate = d.sampleRate();
    out.channels = d.channels();
    constexpr qint64 Block = 4096;
    QVector<qint16> buffer(Block * d.channels());
    if (keepSamples) {
        out.samples.reserve(d.expectedFrames() * d.channels());
    }
    for (;;) {
        auto got = d.read(buffer.data(), Block);
        if (!got) {
            return got.error();
        }
        if (got.value() == 0) {
            break;
        }
        out.frames += got.value();
        if (keepSamples) {
            const qsizetype old = out.samples.size();
            out.samples.resize(old + got.value() * d.channels());
            std::memcpy(out.samples.data() + old, buffer.constData(), sizeof(qint16) * got.value() * d.channels());
        }
    }
    return out;
}
} // namespace

Result<DecodedAudio> probe(const QByteArray& bytes, DurationBound bound)
{
    return run(bytes, bound, false);
}

Result<DecodedAudio> decode(const QByteArray& bytes, DurationBound bound)
{
    return run(bytes, bound, true);
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
