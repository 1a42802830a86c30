#include "audio/PcmWindow.h"

#include "core/Logging.h"

#include <QThreadPool>
#include <cstring>
#include <string.h>

namespace Earmark {

struct PcmWindow::Block
{
    explicit Block(size_t count)
        : samples(count)
    { }
    ~Block() { explicit_bzero(samples.data(), samples.size() * sizeof(qint16)); }
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

    std::vector<qint16> samples;
};

PcmWindow::PcmWindow(std::unique_ptr<StreamDecoder> decoder, qint64 frames, qint64 windowBytes)
    : m_decoder(std::move(decoder))
    , m_frames(frames)
    , m_channels(m_decoder->channels())
    , m_blocks(size_t((frames + BlockFrames - 1) / BlockFrames))
{
    const qint64 blockBytes = BlockFrames * m_channels * qint64(sizeof(qint16));
    m_budgetBlocks = std::max<qint64>(8, windowBytes / blockBytes);
}

PcmWindow::~PcmWindow() = default;

void PcmWindow::stop()
{
    m_stopped.store(true);
    // Never waits for a decode that runs: that one drops the decoder when it sees the stop.
    std::unique_lock decoderLock(m_decoderLock, std::try_to_lock);
    if (decoderLock.owns_lock()) {
        m_decoder.reset();
    }
}

qint64 PcmWindow::blockLength(qint64 block) const
{
    return std::min(BlockFrames, m_frames - block * BlockFrames);
}

qint64 PcmWindow::heldBytes() const
{
    std::lock_guard lock(m_lock);
    qint64 bytes = 0;
    for (const auto& b : m_blocks) {
        bytes += b ? qint64(b->samples.size() * sizeof(qint16)) : 0;
    }
    return bytes;
}

void PcmWindow::hold(qint64 block, std::shared_ptr<Block> data)
{
    std::lock_guard lock(m_lock);
    if (!m_blocks[block]) {
        ++m_held;
    }
    m_blocks[block] = std::move(data);
    // Never dropped: the block before the play position and those a quarter of the window ahead of it.
    const qint64 play = m_playBlock.load(std::memory_order_relaxed);
    const qint64 keepFrom = play - 1;
    const qint64 keepTo = play + aheadBlocks();
    while (m_held > m_budgetBlocks) {
        qint64 victim = -1;
        qint64 farthest = -1;
        for (qint64 b = 0; b < qint64(m_blocks.size()); ++b) {
            if (!m_blocks[b] || (b >= keepFrom && b <= keepTo)) {
                continue;
            }
            const qint64 distance = std::abs(b - play);
            if (distance > farthest) {
                farthest = distance;
                victim = b;
            }
        }
        if (victim < 0) {
            break;
        }
        m_blocks[victim].reset(); // wiped with its last reader
        --m_held;
    }
}

Status PcmWindow::decodeAll(const Decoded& decoded, std::atomic<qint64>& available, const std::atomic<bool>& cancelled)
{
    constexpr qint64 Step = 4096; // published every half second at 8 kHz, so that playing starts at once
    qint64 done = available.load(std::memory_order_relaxed);
    std::shared_ptr<Block> current;
    qint64 currentBlock = -1;
    Status result;
    while (done < m_frames) {
        if (cancelled.load() || m_stopped.load()) {
            result = makeError(QStringLiteral("the decoding was cancelled"));
            break;
        }
        std::unique_lock decoderLock(m_decoderLock);
        if (!m_decoder) {
            result = makeError(QStringLiteral("the decoding was cancelled"));
            break;
        }
        if (m_wanted.load() >= 0) {
            // A seek back to frames no longer held: decoded first, then the pass goes on where it was.
            if (auto st = fillWanted(); !st) {
                result = st;
                break;
            }
            if (auto st = m_decoder->seek(done); !st) {
                result = st;
                break;
            }
        }
        const qint64 block = done / BlockFrames;
        if (block != currentBlock) {
            current = std::make_shared<Block>(size_t(blockLength(block) * m_channels));
            currentBlock = block;
            hold(block, current);
        }
        const qint64 offset = done - block * BlockFrames;
        auto got = m_decoder->read(
            current->samples.data() + offset * m_channels, std::min(Step, blockLength(block) - offset));
        decoderLock.unlock();
        if (!got) {
            result = got.error();
            break;
        }
        if (got.value() == 0) {
            break; // ended within its bound, a little short of the header's length: the rest stays silent
        }
        decoded(current->samples.data() + offset * m_channels, done, got.value());
        done += got.value();
        m_decodedTo.store(done, std::memory_order_release);
        available.store(done, std::memory_order_release);
    }
    if (result && done == m_frames) {
        // The header's length is reached: the decoder still checks that the file ends within the bound.
        std::lock_guard decoderLock(m_decoderLock);
        std::vector<qint16> rest(size_t(4096) * m_channels);
        while (m_decoder) {
            auto more = m_decoder->read(rest.data(), 4096);
            if (!more) {
                result = more.error();
                break;
            }
            if (more.value() == 0) {
                break;
            }
        }
    }
    m_end = done;
    m_decodedTo.store(m_frames, std::memory_order_release);
    m_firstPass.store(false);
    if (!result || m_stopped.load()) {
        m_stopped.store(true);
        std::lock_guard decoderLock(m_decoderLock);
        m_decoder.reset();
        return result;
    }
    if (!wholeHeld()) {
        if (m_wanted.load() >= 0) {
            want(m_wanted.load());
        }
    } else {
        std::lock_guard decoderLock(m_decoderLock);
        m_decoder.reset(); // every block is held and none is ever dropped: the source's bytes can go
    }
    return result;
}

bool PcmWindow::wholeHeld() const
{
    std::lock_guard lock(m_lock);
    return m_held == blockCount();
}

void PcmWindow::want(qint64 block)
{
    m_wanted.store(block);
    if (m_firstPass.load() || m_stopped.load()) {
        return; // the first pass decodes it between its own blocks
    }
    if (!m_filling.exchange(true)) {
        QThreadPool::globalInstance()->start([self = shared_from_this()] { self->runFills(); });
    }
}

void PcmWindow::runFills()
{
    for (;;) {
        {
            std::lock_guard decoderLock(m_decoderLock);
            if (m_decoder && !m_stopped.load()) {
                if (auto st = fillWanted(); !st) {
                    qCWarning(lcAudio) << "A call's audio could not be decoded again:" << st.errorMessage();
                    m_stopped.store(true);
                }
            }
            if (m_stopped.load()) {
                m_decoder.reset();
            }
        }
        m_filling.store(false);
        if (m_wanted.load() < 0 || m_stopped.load() || m_filling.exchange(true)) {
            return;
        }
    }
}

Status PcmWindow::fillWanted()
{
    const qint64 wanted = m_wanted.exchange(-1);
    if (wanted < 0 || !m_decoder) {
        return {};
    }
    const qint64 limit = m_decodedTo.load(std::memory_order_acquire);
    for (qint64 b = wanted; b <= wanted + aheadBlocks() && b < blockCount(); ++b) {
        if (m_stopped.load() || b * BlockFrames >= limit) {
            break;
        }
        {
            std::lock_guard lock(m_lock);
            if (m_blocks[b]) {
                continue;
            }
        }
        auto data = std::make_shared<Block>(size_t(blockLength(b) * m_channels));
        const qint64 start = b * BlockFrames;
        if (start < m_end || m_firstPass.load()) {
            if (m_decoder->decodedFrames() != start) {
                if (auto st = m_decoder->seek(start); !st) {
                    return st;
                }
            }
            qint64 got = 0;
            while (got < blockLength(b)) {
                auto n = m_decoder->read(data->samples.data() + got * m_channels, blockLength(b) - got);
                if (!n) {
                    return n.error();
                }
                if (n.value() == 0) {
                    break; // the file's end, short of the header's length: silence from here
                }
                got += n.value();
            }
        }
        hold(b, std::move(data));
        if (m_wanted.load() >= 0) {
            break; // asked for somewhere else meanwhile (another seek)
        }
    }
    return {};
}

void PcmWindow::wantAhead(qint64 block, qint64 available)
{
    qint64 missing = -1;
    {
        std::lock_guard lock(m_lock);
        for (qint64 b = block + 1; b <= block + aheadBlocks() && b < blockCount() && b * BlockFrames < available; ++b) {
            if (!m_blocks[b]) {
                missing = b;
                break;
            }
        }
    }
    if (missing >= 0) {
        want(missing);
    }
}

qint64 PcmWindow::copy(qint64 from, qint64 count, qint16* out)
{
    const qint64 available = m_decodedTo.load(std::memory_order_acquire);
    const qint64 playBlock = from / BlockFrames;
    m_playBlock.store(playBlock, std::memory_order_relaxed);
    qint64 done = 0;
    while (done < count && from + done < available) {
        const qint64 frame = from + done;
        const qint64 block = frame / BlockFrames;
        std::shared_ptr<Block> data;
        {
            std::lock_guard lock(m_lock);
            data = m_blocks[block];
        }
        if (!data) {
            want(block);
            return done;
        }
        const qint64 n = std::min({count - done, available - frame, (block + 1) * BlockFrames - frame});
        std::memcpy(out + done * m_channels, data->samples.data() + (frame - block * BlockFrames) * m_channels,
            size_t(n * m_channels) * sizeof(qint16));
        done += n;
    }
    wantAhead(playBlock, available);
    return done;
}

} // namespace Earmark
