#include "audio/StreamDecoder.h"

#include "core/TimeText.h"

#include <cmath>
#include <sndfile.h>

namespace Earmark {

namespace {
QString lengthText(double seconds)
{
    return seconds < 60 ? QStringLiteral("%1 s").arg(seconds, 0, 'f', 1) : durationText(seconds);
}
} // namespace

qint64 DurationBound::maxFrames(int sampleRate) const
{
    const double seconds = statedSeconds > 0 ? statedSeconds + std::max(MinSlackSeconds, statedSeconds * SlackFraction)
                                             : LongestCallSeconds;
    return qint64(std::ceil(std::min(seconds, LongestCallSeconds + MinSlackSeconds) * sampleRate));
}

qint64 DurationBound::minFrames(int sampleRate) const
{
    if (statedSeconds <= 0) {
        return 1;
    }
    const double seconds = statedSeconds - std::max(MinSlackSeconds, statedSeconds * SlackFraction);
    return std::max<qint64>(1, qint64(std::floor(seconds * sampleRate)));
}

// libsndfile's virtual I/O over the source; the position is the decoder's own.
struct StreamDecoder::Io
{
    std::shared_ptr<ByteSource> source;
    sf_count_t pos = 0;
    SNDFILE* sf = nullptr;
    SF_INFO info {};
    QString failure;

    static sf_count_t length(void* user) { return static_cast<Io*>(user)->source->size(); }
    static sf_count_t seek(sf_count_t offset, int whence, void* user)
    {
        auto* io = static_cast<Io*>(user);
        const sf_count_t base = whence == SEEK_CUR ? io->pos : whence == SEEK_END ? io->source->size() : 0;
        if (base + offset < 0 || base + offset > io->source->size()) {
            return -1;
        }
        io->pos = base + offset;
        return io->pos;
    }
    static sf_count_t read(void* ptr, sf_count_t count, void* user)
    {
        auto* io = static_cast<Io*>(user);
        const qint64 n = io->source->readAt(io->pos, static_cast<char*>(ptr), count);
        if (n < 0) {
            io->failure = io->source->error();
            return 0;
        }
        io->pos += n;
        return n;
    }
    static sf_count_t write(const void*, sf_count_t, void*) { return 0; }
    static sf_count_t tell(void* user) { return static_cast<Io*>(user)->pos; }
};

Status StreamDecoder::openFile()
{
    if (m_io->sf) {
        sf_close(m_io->sf);
        m_io->sf = nullptr;
    }
    m_io->pos = 0;
    m_io->failure.clear();
    SF_VIRTUAL_IO io {Io::length, Io::seek, Io::read, Io::write, Io::tell};
    m_io->info = {};
    m_io->sf = sf_open_virtual(&io, SFM_READ, &m_io->info, m_io.get());
    if (!m_io->sf) {
        if (!m_io->failure.isEmpty()) {
            return makeError(m_io->failure);
        }
        return makeError(QStringLiteral("the audio does not decode (%1)").arg(QString::fromUtf8(sf_strerror(nullptr))));
    }
    return {};
}

Result<std::unique_ptr<StreamDecoder>> StreamDecoder::open(std::shared_ptr<ByteSource> source, DurationBound bound)
{
    std::unique_ptr<StreamDecoder> d(new StreamDecoder);
    d->m_io = std::make_unique<Io>();
    d->m_io->source = std::move(source);
    d->m_bound = bound;
    if (auto st = d->openFile(); !st) {
        return st.error();
    }
    const SF_INFO& info = d->m_io->info;
    if (info.channels < 1 || info.channels > 8 || info.samplerate < 4000 || info.samplerate > 192000) {
        return makeError(QStringLiteral("the audio has %1 channels at %2 Hz, which is not a call recording")
                             .arg(info.channels)
                             .arg(info.samplerate));
    }
    d->m_rate = info.samplerate;
    d->m_channels = info.channels;
    d->m_max = bound.maxFrames(info.samplerate);
    // A header that states a length beyond the bound is refused before anything is decoded.
    const bool headerKnows = info.frames > 0 && info.frames < (sf_count_t(1) << 40);
    if (headerKnows && bound.statedSeconds > 0 && info.frames > d->m_max) {
        return makeError(QStringLiteral("the audio is %1 long but its sidecar says %2")
                             .arg(lengthText(double(info.frames) / info.samplerate), lengthText(bound.statedSeconds)));
    }
    const qint64 stated = bound.statedSeconds > 0 ? qint64(std::llround(bound.statedSeconds * info.samplerate)) : 0;
    d->m_expected = headerKnows ? std::min<qint64>(info.frames, d->m_max) : std::min(stated, d->m_max);
    return d;
}

StreamDecoder::~StreamDecoder()
{
    if (m_io && m_io->sf) {
        sf_close(m_io->sf);
    }
}

Result<qint64> StreamDecoder::read(qint16* out, qint64 frames)
{
    if (m_ended || frames <= 0) {
        return qint64(0);
    }
    // One frame past the bound is read to tell a file that ends at the bound from one that goes on.
    const qint64 room = m_max - m_decoded;
    const sf_count_t want = std::min<qint64>(frames, room + 1);
    const sf_count_t got = want > 0 ? sf_readf_short(m_io->sf, out, want) : 0;
    if (got > room) {
        if (m_bound.statedSeconds <= 0) {
            return makeError(QStringLiteral("the audio goes on for more than a day, longer than any call"));
        }
        return makeError(QStringLiteral("the audio goes on past %1, longer than the %2 its sidecar says")
                             .arg(lengthText(double(m_max) / m_rate), lengthText(m_bound.statedSeconds)));
    }
    if (got > 0) {
        m_decoded += got;
        return qint64(got);
    }
    m_ended = true;
    if (!m_io->failure.isEmpty()) {
        return makeError(m_io->failure);
    }
    if (const int err = sf_error(m_io->sf); err != SF_ERR_NO_ERROR) {
        return makeError(
            QStringLiteral("the audio does not decode to its end (%1)").arg(QString::fromUtf8(sf_strerror(m_io->sf))));
    }
    if (m_decoded == 0) {
        return makeError(QStringLiteral("the audio holds no sound at all"));
    }
    if (m_decoded < m_bound.minFrames(m_rate)) {
        return makeError(QStringLiteral("the audio ends after %1 of the %2 its sidecar says: the file is cut short")
                             .arg(lengthText(double(m_decoded) / m_rate), lengthText(m_bound.statedSeconds)));
    }
    return qint64(0);
}

Status StreamDecoder::seek(qint64 frame)
{
    if (frame < 0 || frame > m_max) {
        return makeError(QStringLiteral("the audio has no frame %1").arg(frame));
    }
    if (m_seekable && sf_seek(m_io->sf, frame, SEEK_SET) == frame) {
        m_decoded = frame;
        m_ended = false;
        return {};
    }
    // No seek in this codec: from the start again, decoding up to the frame.
    m_seekable = false;
    if (auto st = openFile(); !st) {
        return st;
    }
    m_decoded = 0;
    m_ended = false;
    std::vector<qint16> scratch(size_t(4096) * m_channels);
    while (m_decoded < frame) {
        auto got = read(scratch.data(), std::min<qint64>(4096, frame - m_decoded));
        if (!got) {
            return got.error();
        }
        if (got.value() == 0) {
            return makeError(QStringLiteral("the audio ends before frame %1").arg(frame));
        }
    }
    return {};
}

} // namespace Earmark
